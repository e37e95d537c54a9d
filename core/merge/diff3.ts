import { lineHunks, splitLines, type LineHunk } from '../text/align';

/**
 * Three-way merge of lines, as diff3 and `git merge-file` do it: the changes of
 * each side against the base are found with a two-way diff, changes that overlap
 * or touch are grouped, and a group changed on both sides differently conflicts.
 */

/** A stretch of the merge, in line indices of base (b), ours (o) and theirs (t). */
export interface Region {
  /** same: untouched; ours/theirs: changed on that side only; both: the same change on both; conflict. */
  kind: 'same' | 'ours' | 'theirs' | 'both' | 'conflict';
  b: [number, number];
  o: [number, number];
  t: [number, number];
}

/** Regions covering the three line lists from start to end, in order. */
export function diff3Regions(base: string[], ours: string[], theirs: string[]): Region[] {
  const ho = lineHunks(base, ours).map((h) => ({ ...h, side: 0 }));
  const ht = lineHunks(base, theirs).map((h) => ({ ...h, side: 1 }));
  const all = [...ho, ...ht].sort((x, y) => x.aStart - y.aStart || x.aEnd - y.aEnd);
  const regions: Region[] = [];
  // Offsets of each side against the base outside its hunks, before the current point.
  let shiftO = 0;
  let shiftT = 0;
  let b = 0;
  let k = 0;
  while (k < all.length) {
    // A group: hunks whose base ranges overlap or touch (git conflicts on adjacent changes too).
    const lo = all[k].aStart;
    let hi = all[k].aEnd;
    const group: (LineHunk & { side: number })[] = [all[k++]];
    while (k < all.length && all[k].aStart <= hi) {
      hi = Math.max(hi, all[k].aEnd);
      group.push(all[k++]);
    }
    if (lo > b) regions.push({ kind: 'same', b: [b, lo], o: [b + shiftO, lo + shiftO], t: [b + shiftT, lo + shiftT] });
    const side = (s: number): [number, number] | undefined => {
      const hs = group.filter((h) => h.side === s);
      if (hs.length === 0) return undefined;
      const first = hs[0];
      const last = hs[hs.length - 1];
      return [first.bStart - (first.aStart - lo), last.bEnd + (hi - last.aEnd)];
    };
    const o = side(0) ?? [lo + shiftO, hi + shiftO];
    const t = side(1) ?? [lo + shiftT, hi + shiftT];
    const hasO = group.some((h) => h.side === 0);
    const hasT = group.some((h) => h.side === 1);
    let kind: Region['kind'] = hasO && hasT ? 'conflict' : hasO ? 'ours' : 'theirs';
    if (kind === 'conflict' && sameLines(ours, o, theirs, t)) kind = 'both';
    if (kind === 'conflict') {
      // Like git's zealous merge: lines both sides agree on at the edges are not in conflict.
      let p = 0;
      while (o[0] + p < o[1] && t[0] + p < t[1] && ours[o[0] + p] === theirs[t[0] + p]) p++;
      let s = 0;
      while (o[1] - s > o[0] + p && t[1] - s > t[0] + p && ours[o[1] - 1 - s] === theirs[t[1] - 1 - s]) s++;
      if (p > 0) regions.push({ kind: 'both', b: [lo, lo], o: [o[0], o[0] + p], t: [t[0], t[0] + p] });
      regions.push({ kind: 'conflict', b: [lo, hi], o: [o[0] + p, o[1] - s], t: [t[0] + p, t[1] - s] });
      if (s > 0) regions.push({ kind: 'both', b: [hi, hi], o: [o[1] - s, o[1]], t: [t[1] - s, t[1]] });
    } else {
      regions.push({ kind, b: [lo, hi], o, t });
    }
    shiftO = o[1] - hi;
    shiftT = t[1] - hi;
    b = hi;
  }
  if (b < base.length || regions.length === 0) {
    regions.push({ kind: 'same', b: [b, base.length], o: [b + shiftO, base.length + shiftO], t: [b + shiftT, base.length + shiftT] });
  }
  return regions;
}

function sameLines(a: string[], ra: [number, number], b: string[], rb: [number, number]): boolean {
  if (ra[1] - ra[0] !== rb[1] - rb[0]) return false;
  for (let i = 0; i < ra[1] - ra[0]; i++) if (a[ra[0] + i] !== b[rb[0] + i]) return false;
  return true;
}

/** Labels and marker length for conflict markers, as `git merge-file -L` and `--marker-size` set them. */
export interface MarkerOptions {
  ours?: string;
  base?: string;
  theirs?: string;
  markerSize?: number;
}

/** A three-way text merge: the merged text and how many conflicts it holds (0 when clean). */
export interface TextMerge {
  text: string;
  conflicts: number;
}

/**
 * Merges three texts line by line. Conflicts are written with git's markers
 * (`<<<<<<< ours`, `=======`, `>>>>>>> theirs`), each marker line ending as the
 * file's lines do (CRLF when ours uses CRLF).
 */
export function mergeText(base: string, ours: string, theirs: string, options: MarkerOptions = {}): TextMerge {
  if (ours === theirs) return { text: ours, conflicts: 0 };
  if (base === ours) return { text: theirs, conflicts: 0 };
  if (base === theirs) return { text: ours, conflicts: 0 };
  const lb = splitLines(base);
  const lo = splitLines(ours);
  const lt = splitLines(theirs);
  const eol = /\r\n/.test(ours) || (!ours.includes('\n') && /\r\n/.test(theirs)) ? '\r\n' : '\n';
  const size = Math.max(1, options.markerSize ?? 7);
  const marker = (ch: string, label?: string) => ch.repeat(size) + (label ? ' ' + label : '') + eol;
  let text = '';
  let conflicts = 0;
  const piece = (lines: string[], r: [number, number], ensureEol: boolean) => {
    let s = '';
    for (let i = r[0]; i < r[1]; i++) s += lines[i];
    // A side whose last line has no line break still needs one before the next marker.
    if (ensureEol && s.length > 0 && !s.endsWith('\n')) s += eol;
    return s;
  };
  for (const r of diff3Regions(lb, lo, lt)) {
    if (r.kind === 'conflict') {
      conflicts++;
      text += marker('<', options.ours ?? 'ours') + piece(lo, r.o, true) + marker('=') + piece(lt, r.t, true) + marker('>', options.theirs ?? 'theirs');
    } else if (r.kind === 'theirs') {
      text += piece(lt, r.t, false);
    } else {
      text += piece(lo, r.o, false);
    }
  }
  return { text, conflicts };
}
