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
 * The hash is two independent 32-bit multiply-xor lanes over UTF-16 code units
 * (53 bits kept, the construction known as cyrb53): it must run synchronously
 * on strings of tens of megabytes without encoding them to bytes first, which
 * rules out the hash libraries (byte input, or asynchronous WebAssembly set-up).
 * It guards against accidental change, not against an adversary: a file crafted
 * to collide would only get its own markup back.
 */
import type { Coding, MemoCoding } from '../codings/types';

/**
 * The fingerprint of `text` (the exported text, LF line ends) with these codings
 * and memos, whose offsets are UTF-16 offsets into `text`. Order and duplicates
 * do not matter; memos are compared without surrounding white space (a REFI-QDA
 * note's text is read trimmed).
 */
export function codingsCheck(text: string, codings: readonly Coding[], memos: readonly MemoCoding[]): string {
  const keys = new Set<string>();
  for (const c of codings) keys.add(`c${c.start}:${c.end}:${c.coder}\u0000${c.code}`);
  for (const m of memos) keys.add(`m${m.start}:${m.end}:${m.coder}\u0000${m.memo.trim()}`);
  const h = new Hash();
  h.add(text);
  for (const k of [...keys].sort()) h.add('\u0001' + k);
  return `${text.length}-${h.hex()}`;
}

/** cyrb53 (public domain, bryc): two 32-bit lanes mixed at the end into 53 bits. */
class Hash {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;

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
