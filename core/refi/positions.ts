/**
 * From Axial's offsets to REFI-QDA's (FORMAT.md section 5): Axial counts UTF-16
 * code units in the stripped text as the file has it (CRLF or LF); REFI-QDA counts
 * Unicode code points in the stripped text with LF line ends. This is the only
 * place the two meet.
 */

/** The stripped text as a REFI-QDA source holds it: every CRLF made LF. */
export function refiText(stripped: string): string {
  return stripped.replace(/\r\n/g, '\n');
}

/**
 * A converter from UTF-16 offsets in `stripped` to code point offsets in
 * `refiText(stripped)`. An offset between a CR and its LF maps to the LF; an
 * offset inside a surrogate pair (markup never stands there) maps to the pair.
 */
export function codePointOffsets(stripped: string): (utf16: number) => number {
  const map = new Uint32Array(stripped.length + 1);
  let cp = 0;
  for (let i = 0; i < stripped.length; i++) {
    map[i] = cp;
    const c = stripped.charCodeAt(i);
    const lowSurrogateFollows = c >= 0xd800 && c <= 0xdbff && i + 1 < stripped.length && isLow(stripped.charCodeAt(i + 1));
    const crBeforeLf = c === 0x0d && stripped.charCodeAt(i + 1) === 0x0a;
    if (lowSurrogateFollows) {
      map[++i] = cp;
      cp++;
    } else if (!crBeforeLf) {
      cp++;
    }
  }
  map[stripped.length] = cp;
  return (utf16) => map[Math.max(0, Math.min(stripped.length, utf16))];
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
