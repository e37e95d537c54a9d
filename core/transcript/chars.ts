/**
 * Character classes of the transcript format, tested on UTF-16 code units with an
 * ASCII fast path, so a regex is only consulted for a rare non-ASCII letter or digit.
 *
 * Character codes are plain numbers declared where they are used, not imported:
 * under CommonJS loaders (tsx, tsc) an imported constant is a property read, or even
 * a getter call, on every use, which made the scanner several times slower.
 */

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** True for a Unicode letter or number (`\p{L}` or `\p{N}`) at `cp`, a code point. */
export function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  // Lone surrogates are neither; fromCodePoint would accept them, the regex rejects them.
  return LETTER_OR_NUMBER.test(String.fromCodePoint(cp));
}

/** True for a character allowed after the first one of an id or label: `[\p{L}\p{N}_.-]`. */
export function isNameChar(cp: number): boolean {
  return cp === 95 /* _ */ || cp === 46 /* . */ || cp === 45 /* - */ || isLetterOrNumber(cp);
}

/** Offset after the run of name characters (`[\p{L}\p{N}_.-]`) starting at `i`. */
export function scanName(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!isNameChar(c)) break;
      i++;
    } else {
      const cp = text.codePointAt(i)!;
      if (!isNameChar(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/** True when text[start, end) is an id: `^[\p{L}\p{N}][\p{L}\p{N}_.-]*$` (codes and coders). */
export function isId(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  const first = text.codePointAt(start)!;
  if (!isLetterOrNumber(first)) return false;
  return scanName(text, start + (first > 0xffff ? 2 : 1), end) === end;
}

/**
 * The whitespace String.prototype.trim removes, so quotes are trimmed exactly as a
 * researcher's `.trim()` would, without copying the string to find out.
 */
export function isTrimSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
