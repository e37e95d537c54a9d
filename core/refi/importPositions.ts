/**
 * From REFI-QDA positions back to Axial's offsets, for the importer. The
 * standard counts Unicode code points in the text with LF line ends; NVivo
 * counts UTF-16 code units with CRLF as two, and other tools mix the two. The
 * difference shows only in texts with astral characters (emoji) or CRLF, so the
 * convention is chosen per source: the one under which every selection fits the
 * text and most selections match the quote the file gives in their `name`, or
 * else land on word or line boundaries.
 */

/** How a tool counted positions: code points or UTF-16 code units; line ends as LF (one) or as the file has them (CRLF two). */
export interface PositionConvention {
  units: 'code points' | 'UTF-16 code units';
  lineEnds: 'LF' | 'as in the file';
}

/** The standard's convention first, then NVivo's, then the mixed ones: ties go to the earlier. */
export const CONVENTIONS: readonly PositionConvention[] = [
  { units: 'code points', lineEnds: 'LF' },
  { units: 'UTF-16 code units', lineEnds: 'as in the file' },
  { units: 'UTF-16 code units', lineEnds: 'LF' },
  { units: 'code points', lineEnds: 'as in the file' },
];

/** Says a convention in words, for the import report. */
export function describeConvention(c: PositionConvention): string {
  return c === CONVENTIONS[0] ? 'Unicode code points (the standard)' : `${c.units}, line ends counted ${c.lineEnds === 'LF' ? 'as one (LF)' : 'as in the file (CRLF as two)'}`;
}

/** A selection as the file gives it. */
export interface RawSelection {
  start: number;
  end: number;
  /** The selection's `name`, which many tools fill with the quote. */
  name?: string;
}

/** The text Axial keeps: the source with every CRLF made LF (a transcript Axial writes has LF line ends). */
export function importedText(raw: string): string {
  return raw.replace(/\r\n/g, '\n');
}

/**
 * A mapping from positions under `c` in `raw` to UTF-16 offsets in
 * `importedText(raw)`; undefined for a position past the end. A position inside
 * a surrogate pair or between CR and LF maps to undefined too: no tool's
 * selection stands there under the right convention.
 */
export function positionMapper(raw: string, c: PositionConvention): (pos: number) => number | undefined {
  // Most texts have neither astral characters nor CRLF: every convention counts as the text is indexed.
  if (!ASTRAL.test(raw) && !raw.includes('\r\n')) return (pos) => (Number.isInteger(pos) && pos >= 0 && pos <= raw.length ? pos : undefined);
  const counted = c.lineEnds === 'LF' ? importedText(raw) : raw;
  // toOut[i]: the offset in the imported text of UTF-16 offset i of `counted` (-1 inside a pair or a CRLF).
  // Counted with LF line ends (or with no CRLF to count) that is i itself: no table to build.
  const toOut = c.lineEnds === 'LF' || !raw.includes('\r\n') ? undefined : crlfTable(counted);
  if (c.units === 'UTF-16 code units') {
    return (pos) => {
      if (!Number.isInteger(pos) || pos < 0 || pos > counted.length) return undefined;
      if (pos > 0 && pos < counted.length && isHigh(counted.charCodeAt(pos - 1)) && isLow(counted.charCodeAt(pos))) return undefined;
      const o = toOut ? toOut[pos] : pos;
      return o < 0 ? undefined : o;
    };
  }
  // Code points: cpToUnit[k] is the UTF-16 offset in `counted` of code point k.
  const cpToUnit = new Int32Array(counted.length + 1);
  let cps = 0;
  for (let i = 0; i < counted.length; i++) {
    cpToUnit[cps++] = i;
    if (isHigh(counted.charCodeAt(i)) && isLow(counted.charCodeAt(i + 1))) i++;
  }
  cpToUnit[cps] = counted.length;
  return (pos) => {
    if (!Number.isInteger(pos) || pos < 0 || pos > cps) return undefined;
    const o = toOut ? toOut[cpToUnit[pos]] : cpToUnit[pos];
    return o < 0 ? undefined : o;
  };
}

/** For each UTF-16 offset of `counted` (CRLF line ends), its offset once every CRLF is LF; -1 between CR and LF. */
function crlfTable(counted: string): Int32Array {
  const toOut = new Int32Array(counted.length + 1);
  let out = 0;
  for (let i = 0; i < counted.length; i++) {
    toOut[i] = out;
    if (counted.charCodeAt(i) === 0x0d && counted.charCodeAt(i + 1) === 0x0a) toOut[++i] = -1;
    out++;
  }
  toOut[counted.length] = out;
  return toOut;
}

/** The convention chosen for a source, and the selections mapped under it (UTF-16 offsets in the imported text). */
export interface ConventionChoice {
  convention: PositionConvention;
  ranges: { start: number; end: number }[];
}

/**
 * The convention under which every selection fits, scoring a match of the
 * selection's `name` with its text 3, and a start or end on a boundary 1 each;
 * undefined when no convention fits them all.
 */
export function chooseConvention(raw: string, selections: RawSelection[]): ConventionChoice | undefined {
  const text = importedText(raw);
  const distinct = CONVENTIONS.filter((c) => matters(raw, c));
  let best: (ConventionChoice & { score: number }) | undefined;
  // Whether selection i's text matches its name, by the range last tried: most
  // selections map to the same range under every convention (before the first
  // emoji or CRLF), so the comparison is made once.
  const tried: ({ start: number; end: number; matches: boolean } | undefined)[] = [];
  const matchesName = (i: number, name: string, start: number, end: number): boolean => {
    const t = tried[i];
    if (t && t.start === start && t.end === end) return t.matches;
    const matches = quoteMatches(text.slice(start, end), name);
    tried[i] = { start, end, matches };
    return matches;
  };
  for (const c of distinct) {
    const map = positionMapper(raw, c);
    const ranges: { start: number; end: number }[] = [];
    let score = 0;
    let fits = true;
    for (let i = 0; i < selections.length; i++) {
      const s = selections[i];
      const start = map(s.start);
      const end = map(s.end);
      if (start === undefined || end === undefined || end < start) {
        fits = false;
        break;
      }
      ranges.push({ start, end });
      // With one convention to try there is nothing to weigh.
      if (distinct.length === 1) continue;
      if (s.name !== undefined && s.name.trim() !== '' && matchesName(i, s.name, start, end)) score += 3;
      if (boundaryAt(text, start)) score++;
      if (boundaryAt(text, end)) score++;
    }
    if (fits && (best === undefined || score > best.score)) best = { convention: c, ranges, score };
  }
  return best && { convention: best.convention, ranges: best.ranges };
}

/** A convention worth trying: one that counts differently from the standard's on this text (or the standard itself). */
function matters(raw: string, c: PositionConvention): boolean {
  const hasAstral = ASTRAL.test(raw);
  return (c.units === 'code points' || hasAstral) && (c.lineEnds === 'LF' || raw.includes('\r\n'));
}

const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** True when a selection's text is the quote its name gives (tools trim it, fold its white space, or not). */
function quoteMatches(selected: string, name: string): boolean {
  return selected === name || squash(selected) === squash(name);
}

/** Whitespace runs as one space, trimmed, NFC: a quote as tools write it. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim().normalize('NFC');
}

const WORD = /[\p{L}\p{N}\p{M}]/u;

/** True when offset `i` does not split a word: an edge of the text, or a non-word character on either side. */
function boundaryAt(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  const before = String.fromCodePoint(text.codePointAt(i - 1 - (isLow(text.charCodeAt(i - 1)) && i >= 2 ? 1 : 0))!);
  const after = String.fromCodePoint(text.codePointAt(i)!);
  return !WORD.test(before) || !WORD.test(after);
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
