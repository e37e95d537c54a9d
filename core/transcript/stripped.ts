/**
 * Stripped ↔ source offsets: the one mapping between a transcript's text and its
 * stripped text (the words without markup), over `stripped.runs`. Coding edits,
 * extraction, the tree's quote ranges, suggestions and the renderer use it.
 * (reparse.ts shifts runs in place while re-parsing and keeps its own walk.)
 */
import type { OffsetRange } from '../text/lineIndex';
import { partitionPoint } from '../text/search';
import type { StrippedText, Transcript } from './types';

type Run = StrippedText['runs'][number];

/** The index of the first run that ends after source offset `pos` (runs.length when none does). */
export function runEndingAfterSource(stripped: StrippedText, pos: number): number {
  return partitionPoint(stripped.runs, (r: Run) => r.sourceStart + r.length <= pos);
}

/** The index of the first run that ends after stripped offset `i` (runs.length when none does). */
export function runEndingAfterStripped(stripped: StrippedText, i: number): number {
  return partitionPoint(stripped.runs, (r: Run) => r.strippedStart + r.length <= i);
}

/** The number of stripped characters before source offset `pos` (markup counts nothing). */
export function strippedOffsetAt(t: Pick<Transcript, 'stripped'>, pos: number): number {
  const runs = t.stripped.runs;
  const k = runEndingAfterSource(t.stripped, pos);
  if (k >= runs.length) return t.stripped.text.length;
  const run = runs[k];
  return pos <= run.sourceStart ? run.strippedStart : run.strippedStart + (pos - run.sourceStart);
}

/** The source offset of stripped character `i` (0 ≤ i < stripped length). */
export function sourceOfStripped(t: Pick<Transcript, 'stripped'>, i: number): number {
  const runs = t.stripped.runs;
  // The last run starting at or before i.
  const run = runs[Math.max(0, partitionPoint(runs, (r: Run) => r.strippedStart <= i) - 1)];
  return run.sourceStart + (i - run.strippedStart);
}

/** The source offset of stripped character `i`; undefined when no run holds it (i out of range). */
export function sourceOfStrippedChar(stripped: StrippedText, i: number): number | undefined {
  const k = runEndingAfterStripped(stripped, i);
  const run = stripped.runs[k];
  return run !== undefined && run.strippedStart <= i ? run.sourceStart + (i - run.strippedStart) : undefined;
}

/** The stripped text of a source range (markup inside it removed). */
export function strippedSlice(t: Pick<Transcript, 'stripped'>, r: OffsetRange): string {
  const runs = t.stripped.runs;
  let out = '';
  for (let i = runEndingAfterSource(t.stripped, r.start); i < runs.length; i++) {
    const run = runs[i];
    if (run.sourceStart >= r.end) break;
    const s = Math.max(run.sourceStart, r.start);
    const e = Math.min(run.sourceStart + run.length, r.end);
    if (e > s) out += t.stripped.text.slice(run.strippedStart + (s - run.sourceStart), run.strippedStart + (e - run.sourceStart));
  }
  return out;
}
