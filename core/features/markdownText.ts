/** Text for Markdown hovers: quotes cut to a readable length, codebook text escaped. */

/**
 * The quote cut to a readable length on a word boundary, whitespace runs read as one
 * space. Only the quote's head is read (about twice `max`), so an outline of thousands
 * of nested spans, each quoting most of the file, costs no more than short quotes;
 * a head that is mostly whitespace then ends early, with `…`.
 */
export function excerpt(quote: string, max = 160): string {
  const limit = 2 * max + 16;
  const truncated = quote.length > limit;
  const q = (truncated ? quote.slice(0, limit) : quote).replace(/\s+/g, ' ');
  if (q.length <= max) return truncated ? q.trimEnd() + '…' : q;
  const cut = q.lastIndexOf(' ', max);
  return q.slice(0, cut > max / 2 ? cut : max) + '…';
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
