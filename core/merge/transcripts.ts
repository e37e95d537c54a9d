/**
 * Three-way merge of a transcript (FORMAT.md section 6): the front matter as
 * text, the stripped text line by line, and the codings as sets, so two coders
 * who code the same lines on two branches both keep their work.
 */
import { textStart } from '../coding/spansAndGaps';
import { codingKey, extractCodings, memoKey } from '../codings/extract';
import { renderCodings } from '../codings/render';
import { OffsetMap, alignChanged, lineOffsets, pushRun, splitLines, type AlignedRun } from '../text/align';
import { defaultCoder } from '../transcript/coder';
import { isLimited } from '../transcript/limits';
import { parseForCodings } from '../transcript/parse';
import { mergeByStretches, mergeCodingOnly } from './codingOnly';
import type { Region } from './diff3';
import { diff3Regions, mergeText, type MarkerOptions } from './diff3';

/** The outcome of a merge. */
export interface TranscriptMerge {
  /** The merged file; with conflict markers when `conflicts` > 0. */
  text: string;
  conflicts: number;
  /** Codings and memos that lost their text: one side coded words the other side deleted. */
  dropped: { side: 'ours' | 'theirs'; coder: string; what: string; quote: string }[];
}

/**
 * Merges base, ours and theirs. When the stripped texts merge cleanly the result
 * holds (O ∩ T) ∪ (O − B) ∪ (T − B) of codings and of memos, mapped onto the
 * merged text and rendered keeping ours' markup where it still says the same.
 * When they do not, the result is a line merge of the raw files with git's
 * conflict markers, as `git merge-file` would write it.
 */
export function mergeTranscripts(base: string, ours: string, theirs: string, markers: MarkerOptions = {}): TranscriptMerge {
  if (ours === theirs || base === theirs) return { text: ours, conflicts: 0, dropped: [] };
  if (base === ours) return { text: theirs, conflicts: 0, dropped: [] };
  // Turns, quotes and conflict-marker diagnostics play no part in a merge: not built.
  const tb = parseForCodings(base);
  const to = parseForCodings(ours);
  const tt = parseForCodings(theirs);
  // A version past the parse limits has codings that are not read as spans: merging
  // codings would drop them, so such files merge line by line as text, as git would.
  if (isLimited(tb) || isLimited(to) || isLimited(tt)) {
    const raw = mergeText(base, ours, theirs, markers);
    return { text: raw.text, conflicts: raw.conflicts, dropped: [] };
  }
  const sb = tb.stripped.text;
  const so = to.stripped.text;
  const st = tt.stripped.text;

  // Coding-only branches (the usual case for parallel coders): one piece, nothing to diff,
  // and only the lines both sides coded differently are merged as sets and rendered.
  const same = sb === so && so === st;
  const mergeStretch = (b: string, o: string, t: string) => {
    const m = mergeTranscripts(b, o, t, markers);
    return m.conflicts === 0 ? m : undefined;
  };
  if (same) {
    const fast = mergeCodingOnly(tb, to, tt, mergeStretch);
    if (fast !== undefined) return { ...fast, conflicts: 0 };
  }
  const lb = same ? [sb] : splitLines(sb);
  const lo = same ? [so] : splitLines(so);
  const lt = same ? [st] : splitLines(st);
  const regions = diff3Regions(lb, lo, lt);
  if (regions.some((r) => r.kind === 'conflict')) {
    const raw = mergeText(base, ours, theirs, markers);
    return { text: raw.text, conflicts: Math.max(1, raw.conflicts), dropped: [] };
  }
  if (!same) {
    // Words changed: the same line by line merge, cut only inside the lines all three share.
    const fast = mergeByStretches(tb, to, tt, sharedLineStarts(regions, [sb, so, st], [lb, lo, lt]), mergeStretch);
    if (fast !== undefined) return { ...fast, conflicts: 0 };
  }
  const head = mergeText(tb.text.slice(0, textStart(tb)), to.text.slice(0, textStart(to)), tt.text.slice(0, textStart(tt)), markers);

  // The merged stripped text, and how each version's stripped text aligns with it.
  const ob = lineOffsets(lb);
  const oo = lineOffsets(lo);
  const ot = lineOffsets(lt);
  let merged = '';
  const alignB: AlignedRun[] = [];
  const alignO: AlignedRun[] = [];
  const alignT: AlignedRun[] = [];
  for (const r of regions) {
    const m = merged.length;
    const [b0, b1] = [ob[r.b[0]], ob[r.b[1]]];
    const [o0, o1] = [oo[r.o[0]], oo[r.o[1]]];
    const [t0, t1] = [ot[r.t[0]], ot[r.t[1]]];
    if (r.kind === 'theirs') {
      merged += st.slice(t0, t1);
      pushRun(alignT, t0, m, t1 - t0);
      // Ours has the base's text here: both align with theirs as the base does.
      alignChanged(alignB, sb, b0, b1, merged, m, m + (t1 - t0));
      alignChanged(alignO, so, o0, o1, merged, m, m + (t1 - t0));
    } else {
      merged += so.slice(o0, o1);
      pushRun(alignO, o0, m, o1 - o0);
      if (r.kind === 'same') {
        pushRun(alignB, b0, m, b1 - b0);
        pushRun(alignT, t0, m, t1 - t0);
      } else {
        alignChanged(alignB, sb, b0, b1, merged, m, m + (o1 - o0));
        if (r.kind === 'both') pushRun(alignT, t0, m, t1 - t0);
        else alignChanged(alignT, st, t0, t1, merged, m, m + (o1 - o0));
      }
    }
  }

  const dropped: TranscriptMerge['dropped'] = [];
  const cb = extractCodings(tb);
  const co = extractCodings(to);
  const ct = extractCodings(tt);
  const mapB = new OffsetMap(alignB, merged.length);
  const mapO = new OffsetMap(alignO, merged.length);
  const mapT = new OffsetMap(alignT, merged.length);
  const moved = <X extends { start: number; end: number; coder: string }>(xs: X[], map: OffsetMap, side: 'ours' | 'theirs' | undefined, stripped: string, what: (x: X) => string) => {
    const out: X[] = [];
    for (const x of xs) {
      const start = map.start(x.start);
      const end = map.end(x.end);
      if (end <= start && x.end > x.start) {
        if (side) dropped.push({ side, coder: x.coder, what: what(x), quote: stripped.slice(x.start, x.end).trim() });
        continue;
      }
      out.push({ ...x, start, end: Math.max(start, end) });
    }
    return out;
  };
  const codings = setMerge(
    moved(cb.codings, mapB, undefined, sb, (c) => c.code),
    moved(co.codings, mapO, 'ours', so, (c) => '#' + c.code),
    moved(ct.codings, mapT, 'theirs', st, (c) => '#' + c.code),
    codingKey,
  );
  const memos = setMerge(
    moved(cb.memos, mapB, undefined, sb, (m) => m.memo),
    moved(co.memos, mapO, 'ours', so, (m) => JSON.stringify(m.memo)),
    moved(ct.memos, mapT, 'theirs', st, (m) => JSON.stringify(m.memo)),
    memoKey,
  );

  const mergedCoder = defaultCoder(head.conflicts === 0 ? parseForCodings(head.text) : to);
  const body = renderCodings(
    { stripped: merged, codings, memos },
    { defaultCoder: mergedCoder, previous: { text: ours, transcript: to, align: alignO } },
  );
  return { text: head.text + body, conflicts: head.conflicts, dropped };
}

/** (O ∩ T) ∪ (O − B) ∪ (T − B), by key; ours' order first. */
export function setMerge<X>(base: X[], ours: X[], theirs: X[], key: (x: X) => string): X[] {
  const kb = new Set(base.map(key));
  const kt = new Set(theirs.map(key));
  const out = new Map<string, X>();
  for (const x of ours) {
    const k = key(x);
    if (kt.has(k) || !kb.has(k)) out.set(k, x);
  }
  for (const x of theirs) {
    const k = key(x);
    if (!kb.has(k) && !out.has(k)) out.set(k, x);
  }
  return [...out.values()];
}

/**
 * Where lines all three versions share start (regions the line merge left
 * untouched, and their edges), as stripped offsets of base, ours and theirs,
 * index by index the same place; only starts just after a line feed, and never
 * the very start or end of a text.
 */
function sharedLineStarts(regions: Region[], texts: [string, string, string], lines: [string[], string[], string[]]): [number[], number[], number[]] {
  const out: [number[], number[], number[]] = [[], [], []];
  const offsets = lines.map(lineOffsets);
  for (const r of regions) {
    if (r.kind !== 'same') continue;
    const ranges = [r.b, r.o, r.t];
    for (let k = 0; k <= r.b[1] - r.b[0]; k++) {
      const at = ranges.map((x, v) => offsets[v][x[0] + k]);
      if (at.some((p, v) => !(p > 0 && p < texts[v].length && texts[v].charCodeAt(p - 1) === 10))) continue;
      // Two regions never share an edge, but a cut is never taken twice.
      if (out[0].length > 0 && out[0][out[0].length - 1] >= at[0]) continue;
      for (let v = 0; v < 3; v++) out[v].push(at[v]);
    }
  }
  return out;
}
