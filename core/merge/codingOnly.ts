/**
 * Merging stretch by stretch: the file is cut at line starts where no span is
 * open in any of the three versions (inside lines all three share), and each
 * stretch where at most one side changed anything is copied as that side wrote
 * it. Only stretches both sides changed go through the set merge and the
 * renderer. In the usual case (coders on their own branches, the text untouched,
 * coding different lines) a 20,000-line transcript is then three parses and a
 * pass over the lines: no extraction, no rendering, no read-back of the whole
 * result.
 *
 * Why a copied stretch means what it meant: at a cut no span is open and the cut
 * falls inside a run of plain text (no markup right before or after it), so the
 * scanner reads each stretch the same whatever stands before it. The only thing a
 * stretch shares with the rest of the file is its `^label` names, which must be
 * unique in the file: the result is checked for repeated labels and the fast
 * path gives up (the caller merges the whole file) if it finds one.
 */
import { textStart } from '../coding/spansAndGaps';
import { scanName } from '../transcript/chars';
import { strippedOffsetAt } from '../transcript/stripped';
import type { Transcript } from '../transcript/types';
import { lowerBound, upperBound } from '../text/search';

/** A merged stretch or file, and the codings it dropped (a TranscriptMerge without conflicts). */
export interface StretchMerge {
  text: string;
  /** Codings and memos that lost their text: one side coded words the other side deleted. */
  dropped: { side: 'ours' | 'theirs'; coder: string; what: string; quote: string }[];
}

/**
 * The merged file of three versions with the same stripped text and the same front
 * matter, none with a syntax error; undefined when those do not hold or the fast
 * path cannot tell the result is right (the caller then merges the whole file).
 * `mergeStretch` merges the versions of one stretch (each a whole file: the shared
 * front matter and the stretch), for the stretches both sides changed.
 */
export function mergeCodingOnly(tb: Transcript, to: Transcript, tt: Transcript, mergeStretch: (base: string, ours: string, theirs: string) => StretchMerge | undefined): StretchMerge | undefined {
  const stripped = tb.stripped.text;
  if (to.stripped.text !== stripped || tt.stripped.text !== stripped) return undefined;
  // Candidate cuts: the stripped offsets just after a line feed.
  const candidates: number[] = [];
  for (let k = stripped.indexOf('\n'); k >= 0 && k + 1 < stripped.length; k = stripped.indexOf('\n', k + 1)) candidates.push(k + 1);
  return mergeByStretches(tb, to, tt, [candidates, candidates, candidates], mergeStretch);
}

/**
 * Like mergeCodingOnly, for versions whose words differ: `cuts` are the candidate
 * cuts in each version's stripped text (ascending, index by index the same place
 * of the line merge: line starts in stretches of lines all three share, each just
 * after a line feed). Stretches one side left alone are copied from the other
 * side; the others (words or coding changed on both sides) go to `mergeStretch`.
 */
export function mergeByStretches(
  tb: Transcript,
  to: Transcript,
  tt: Transcript,
  cuts: [number[], number[], number[]],
  mergeStretch: (base: string, ours: string, theirs: string) => StretchMerge | undefined,
): StretchMerge | undefined {
  const versions = [tb, to, tt];
  const head = tb.text.slice(0, textStart(tb));
  for (const t of versions) {
    if (t.text.slice(0, textStart(t)) !== head) return undefined;
    if (t.diagnostics.some((d) => d.severity === 'error')) return undefined;
  }
  const count = cuts[0].length;
  if (count === 0 || cuts[1].length !== count || cuts[2].length !== count) return undefined;
  // For each version, where each candidate stands in its source (-1: not a clean cut there).
  const sources = versions.map((t, v) => cleanCuts(t, cuts[v]));

  // Stretches between clean cuts, each taken from one side or merged; consecutive
  // stretches from the same side are copied as one piece.
  const pieces: string[] = [head];
  const dropped: StretchMerge['dropped'] = [];
  const cut = (v: number, c: number) => (c < 0 ? textStart(versions[v]) : c >= count ? versions[v].text.length : sources[v][c]);
  let from = -1; // the cut (candidate index; -1 is the body's start) where the pending piece starts
  let side = -1; // 1 ours, 2 theirs, 3 both changed it
  const flush = (to: number) => {
    if (side < 0) return;
    if (side === 3) {
      // The whole body changed on both sides: nothing to gain here (and the caller would come back).
      if (from === -1 && to === count) return false;
      const s = (v: number) => head + versions[v].text.slice(cut(v, from), cut(v, to));
      const m = mergeStretch(s(0), s(1), s(2));
      if (m === undefined || !m.text.startsWith(head)) return false;
      pieces.push(m.text.slice(head.length));
      dropped.push(...m.dropped);
    } else {
      pieces.push(versions[side].text.slice(cut(side, from), cut(side, to)));
    }
    return true;
  };
  let prev = -1;
  for (let c = 0; c <= count; c++) {
    if (c < count && (sources[0][c] < 0 || sources[1][c] < 0 || sources[2][c] < 0)) continue;
    const b = tb.text.slice(cut(0, prev), cut(0, c));
    const o = to.text.slice(cut(1, prev), cut(1, c));
    const t = tt.text.slice(cut(2, prev), cut(2, c));
    // (O ∩ T) ∪ (O − B) ∪ (T − B) of a stretch is O when T = B or T = O, and T when O = B.
    const s = o === t || t === b ? 1 : o === b ? 2 : 3;
    if (s !== side) {
      if (flush(prev) === false) return undefined;
      from = prev;
      side = s;
    }
    prev = c;
  }
  if (flush(count) === false) return undefined;
  const text = pieces.join('');
  return labelsUnique(text) ? { text, dropped } : undefined;
}

/**
 * For each candidate cut (ascending stripped offsets), its source offset in `t` when
 * it is clean there: no span open across it (nor opening or closing at it) and plain
 * text on both sides of it in the source; else -1.
 */
function cleanCuts(t: Transcript, candidates: number[]): Int32Array {
  const n = t.stripped.text.length;
  const out = new Int32Array(candidates.length).fill(-1);
  // Candidates inside a span's range [start, end] (its opener and closer included) are not clean.
  const covered = new Int32Array(candidates.length + 1);
  for (const span of t.spans) {
    const start = strippedOffsetAt(t, span.content.start);
    const end = span.close ? strippedOffsetAt(t, span.content.end) : n;
    const lo = lowerBound(candidates, start);
    const hi = upperBound(candidates, end);
    if (lo < hi) {
      covered[lo]++;
      covered[hi]--;
    }
  }
  const runs = t.stripped.runs;
  let r = 0;
  let depth = 0;
  for (let c = 0; c < candidates.length; c++) {
    depth += covered[c];
    const p = candidates[c];
    while (r < runs.count && runs.strippedEnd(r) <= p) r++;
    if (depth > 0 || r >= runs.count) continue;
    // Strictly inside a run: the characters before and after the cut are next to each other in the source.
    if (runs.strippedStart(r) < p) out[c] = runs.sourceStart(r) + (p - runs.strippedStart(r));
  }
  return out;
}

/**
 * False when two `{{^name` in the text give the same name. Every labelled opener is
 * such a `{{^name` (a `{{^` in plain text may be too, which only makes the check
 * stricter), so true means no label repeats.
 */
function labelsUnique(text: string): boolean {
  const seen = new Set<string>();
  for (let k = text.indexOf('{{^'); k >= 0; k = text.indexOf('{{^', k + 3)) {
    const end = scanName(text, k + 3, text.length);
    const name = text.slice(k + 3, end);
    if (seen.has(name)) return false;
    seen.add(name);
  }
  return true;
}
