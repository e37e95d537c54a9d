/**
 * A fingerprint of what a transcript's REFI-QDA form says: its exported text and
 * its codings and memos (range, coder, code or memo text). The export stores it
 * beside a transcript's markup (markupLayout.ts); the importer computes it again
 * from the text and selections it reads and restores the markup only when the
 * two agree. Equal fingerprints mean the text and codings are those the markup
 * was taken from, so the restored file strips to the same text and reads as the
 * same codings; any change made in another tool (a selection moved, removed or
 * recoded, a word edited) makes them differ, and the importer renders instead.
 *
 * The hash is two independent 32-bit multiply-xor lanes (53 bits kept, the
 * construction known as cyrb53) over the text's UTF-8, four bytes a step, and
 * over the codings: it must run synchronously and fast on tens of megabytes,
 * in core (no Node crypto), which rules out the hash libraries (asynchronous
 * WebAssembly set-up, or SHA in JavaScript at a fraction of the speed).
 * It guards against accidental change, not against an adversary: a file crafted
 * to collide would only get its own markup back.
 */
import type { Coding, MemoCoding } from '../codings/types';

/**
 * The fingerprint of `text` (the exported text, LF line ends) with these codings
 * and memos, whose offsets are UTF-16 offsets into `text`. Order does not
 * matter (each coding is hashed on its own and the hashes are summed, which
 * spares building and sorting a key per coding); memos are compared without
 * surrounding white space (a REFI-QDA note's text is read trimmed). The lists
 * hold no duplicates where they come from (extracted codings, or the
 * selections of an Axial export); a coding given twice counts twice.
 */
export function codingsCheck(text: string, codings: readonly Coding[], memos: readonly MemoCoding[]): string {
  const h = new Hash();
  h.addText(text);
  let sum1 = 0;
  let sum2 = 0;
  const item = new Hash();
  const each = (kind: number, start: number, end: number, coder: string, what: string) => {
    item.reset(kind);
    item.num(start);
    item.num(end);
    item.add(coder);
    item.num(0);
    item.add(what);
    sum1 = (sum1 + item.h1) | 0;
    sum2 = (sum2 + item.h2) | 0;
  };
  for (const c of codings) each(1, c.start, c.end, c.coder, c.code);
  for (const m of memos) each(2, m.start, m.end, m.coder, m.memo.trim());
  h.num(codings.length);
  h.num(memos.length);
  h.num(sum1);
  h.num(sum2);
  return `${text.length}-${h.hex()}`;
}

const utf8 = new TextEncoder();
/** A buffer for the UTF-8 of a text, reused while texts are small enough to keep it. */
let scratch = new Uint8Array(1 << 16);

/** cyrb53 (public domain, bryc): two 32-bit lanes mixed at the end into 53 bits. */
class Hash {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;

  reset(seed: number): void {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }

  add(s: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /**
   * A long text, four UTF-8 bytes a step: the native encoder and a quarter of
   * the steps make it several times faster than a step per character, which
   * counts on an export or import of a thousand transcripts. Bytes are combined
   * by hand (not through a Uint32Array), so the hash is the same on every machine.
   */
  addText(s: string): void {
    const need = s.length * 3 + 4;
    const buf = need <= scratch.length ? scratch : new Uint8Array(need);
    if (buf !== scratch && need <= 1 << 22) scratch = buf;
    const n = utf8.encodeInto(s, buf).written;
    buf[n] = buf[n + 1] = buf[n + 2] = 0;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < n; i += 4) {
      const w = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) | (buf[i + 3] << 24);
      h1 = Math.imul(h1 ^ w, 2654435761);
      h2 = Math.imul(h2 ^ w, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.num(n);
  }

  /** A 32-bit number as two 16-bit units, so 65536 and the character U+0001 U+0000 never hash alike by accident of width. */
  num(n: number): void {
    this.h1 = Math.imul(Math.imul(this.h1 ^ (n & 0xffff), 2654435761) ^ (n >>> 16), 2654435761);
    this.h2 = Math.imul(Math.imul(this.h2 ^ (n & 0xffff), 1597334677) ^ (n >>> 16), 1597334677);
  }

  hex(): string {
    let h1 = this.h1;
    let h2 = this.h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
  }
}
