/**
 * How offsets in one version of a stripped text correspond to offsets in the
 * next: the text the two versions share, as aligned segments. Codings on shared
 * text are then compared by where they stand in the newer version, so an edit
 * elsewhere in the file does not make them look removed and added again.
 *
 * The alignment is core/text/align.ts's line diff (the one the merge also uses),
 * refined inside each changed hunk by trimming the hunk's common prefix and
 * suffix and, when the hunk is small, by a word-level diff with the same diff. Character-level
 * LCS over a whole transcript would be far slower and no better for codings,
 * whose ends sit at word boundaries almost always.
 */
import { alignTexts, lineHunks, lineOffsets, pushRun, type AlignedRun } from '../text/align';
import { partitionPoint } from '../text/search';

/** A run of text both versions share: old [a, a+length) equals new [b, b+length). */
export type Segment = AlignedRun;

/** The shared segments of two texts, in order, and the mapping functions over them. */
export class TextMap {
  /** Aligned equal runs, increasing in both a and b. */
  readonly segments: Segment[];
  readonly identical: boolean;

  constructor(
    readonly oldText: string,
    readonly newText: string,
  ) {
    this.identical = oldText === newText;
    this.segments = this.identical ? [{ a: 0, b: 0, length: oldText.length }] : alignTexts(oldText, newText, refineHunk);
  }

  /**
   * Where old offset `x` stands in the new text, or undefined when it falls inside
   * changed text. At the border of an insertion, `side` decides: 'start' maps to
   * after the inserted text (an opener moves right with what follows it), 'end'
   * to before it (a closer stays with what precedes it).
   */
  map(x: number, side: 'start' | 'end'): number | undefined {
    const segs = this.segments;
    // Segments that hold x (x == a + length counts as the segment's end border).
    const lo = partitionPoint(segs, (s) => s.a + s.length < x);
    const holding: Segment[] = [];
    for (let i = lo; i < segs.length && segs[i].a <= x; i++) holding.push(segs[i]);
    if (holding.length === 0) return undefined;
    // An empty old text has no segment; nothing maps but that is handled by the caller.
    const s = side === 'start' ? holding[holding.length - 1] : holding[0];
    return s.b + (x - s.a);
  }

  /**
   * True when changed text lies within `near` characters of old range [start, end]
   * (or inside it): there, where the range's ends map was one choice among several
   * when the changed text repeats the words around it.
   */
  nearChange(start: number, end: number, near: number): boolean {
    if (this.identical) return false;
    const from = start - near;
    const to = end + near;
    const segs = this.segments;
    // The first segment ending at or after `from`; changed text sits between segments.
    const lo = partitionPoint(segs, (s) => s.a + s.length < from);
    if (lo >= segs.length) return true; // the range is past the last shared text
    const s = segs[lo];
    if (s.a > Math.max(from, 0)) return true; // a change ends where this segment starts
    const segEnd = s.a + s.length;
    return segEnd < Math.min(to, this.oldText.length) || (segEnd === this.oldText.length && s.b + s.length < this.newText.length && to >= segEnd);
  }

  /** Like map, but a position inside changed text goes to the start of the change in the new text. */
  mapNearest(x: number): number {
    const exact = this.map(x, 'start');
    if (exact !== undefined) return exact;
    let best = 0;
    for (const s of this.segments) {
      if (s.a > x) break;
      best = s.b + s.length;
    }
    return best;
  }
}

/** Hunks smaller than this (in tokens, both sides multiplied) get a word-level diff. */
const WORD_DIFF_LIMIT = 4_000_000;

/** Equal runs inside a changed hunk old [a0, a1) / new [b0, b1): common ends, then common words. */
function refineHunk(out: Segment[], oldText: string, a0: number, a1: number, newText: string, b0: number, b1: number): void {
  let p = 0;
  const maxP = Math.min(a1 - a0, b1 - b0);
  while (p < maxP && oldText.charCodeAt(a0 + p) === newText.charCodeAt(b0 + p)) p++;
  let s = 0;
  const maxS = maxP - p;
  while (s < maxS && oldText.charCodeAt(a1 - 1 - s) === newText.charCodeAt(b1 - 1 - s)) s++;
  pushRun(out, a0, b0, p);
  const oa = a0 + p;
  const ob = b0 + p;
  const oe = a1 - s;
  const ne = b1 - s;
  if (oe > oa && ne > ob) {
    const ot = tokens(oldText.slice(oa, oe));
    const nt = tokens(newText.slice(ob, ne));
    if (ot.length * nt.length <= WORD_DIFF_LIMIT) {
      const ost = lineOffsets(ot);
      const nst = lineOffsets(nt);
      let i = 0;
      let j = 0;
      for (const h of lineHunks(ot, nt)) {
        pushRun(out, oa + ost[i], ob + nst[j], ost[h.aStart] - ost[i]);
        i = h.aEnd;
        j = h.bEnd;
      }
      pushRun(out, oa + ost[i], ob + nst[j], ost[ot.length] - ost[i]);
    }
  }
  pushRun(out, oe, ne, s);
}

/** Words, runs of spaces and single other characters, so they join back to the text. */
function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\s+|[\s\S]/gu) ?? [];
}
