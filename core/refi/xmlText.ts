/** Text made safe for XML 1.0 content and attributes. */

// Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF; lone surrogates).
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` without the characters XML 1.0 cannot carry (replaced by U+FFFD) and
 * with CRLF made LF (an XML parser would do so anyway), so every document Axial
 * writes parses.
 */
export function xmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(FORBIDDEN, '\uFFFD');
}
