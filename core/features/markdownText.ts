/** Text for Markdown hovers: quotes cut to a readable length, codebook text escaped. */

/**
 * The quote cut to a readable length on a word boundary, whitespace runs read as one
 * space. Only the quote's head is read (about twice `max`), so an outline of thousands
 * of nested spans, each quoting most of the file, costs no more than short quotes;
 * a head that is mostly whitespace then ends early, with `…`.
 */
export function excerpt(quote: string, max = 160): string {
  const limit = Math.min(quote.length, 2 * max + 16);
  const truncated = quote.length > 2 * max + 16;
  // One pass over the head that stops once past `max` characters of output: the same
  // result as replacing /\s+/g in the whole head, at a fraction of the cost (the
  // pictures cut 100,000 quotes; the regex was most of their time). The characters
  // go into a buffer made into one string at the end: appending piece by piece
  // made a hundred strings per quote of short lines.
  const buf = limit + 1 <= shared.length ? shared : new Uint16Array(limit + 1);
  let n = 0;
  let i = 0;
  while (i < limit && n <= max) {
    const c = quote.charCodeAt(i);
    if (!isSpace(c)) {
      buf[n++] = c;
      i++;
      continue;
    }
    buf[n++] = 32;
    while (i < limit && isSpace(quote.charCodeAt(i))) i++;
  }
  const q = String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  if (i >= limit && q.length <= max) return truncated ? q.trimEnd() + '…' : q;
  const cut = q.lastIndexOf(' ', max);
  return q.slice(0, cut > max / 2 ? cut : max) + '…';
}

/** The buffer of `excerpt`, big enough for the usual lengths (a quote's head of 2 × 240 + 16). */
const shared = new Uint16Array(1024);

/** A character that /\s/ matches (white space and line terminators). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A memo's first line of text (a heading's words without its `#`), cut to a readable length; empty when it has none. */
export function memoHeadline(body: string): string {
  const first = /^[ \t]*(\S[^\r\n]*)/m.exec(body)?.[1] ?? '';
  return excerpt(first.replace(/^#+\s*/, ''), 80);
}

/** Escapes Markdown so codebook text shows literally in hovers. */
export function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
