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
 *
 * Only the places where the two counts part (the second half of a surrogate
 * pair, the CR of a CRLF) are kept, found by one regular expression scan, and
 * an offset is converted by a binary search among them: a table of every
 * offset cost a pass over each character and 4 bytes a character, a tenth of
 * a large export.
 */
export function codePointOffsets(stripped: string): (utf16: number) => number {
  const skipped: number[] = [];
  const low: boolean[] = [];
  const parting = /[\uD800-\uDBFF][\uDC00-\uDFFF]|\r\n/g;
  for (let m = parting.exec(stripped); m; m = parting.exec(stripped)) {
    const pair = m[0] !== '\r\n';
    skipped.push(pair ? m.index + 1 : m.index);
    low.push(pair);
  }
  return (utf16) => {
    const u = Math.max(0, Math.min(stripped.length, utf16));
    let lo = 0;
    let hi = skipped.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (skipped[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    // Inside a pair: the pair's own position, one before what the characters before it count.
    return lo < skipped.length && skipped[lo] === u && low[lo] ? u - lo - 1 : u - lo;
  };
}
