/**
 * Stripped ↔ source offsets: the one mapping between a transcript's text and its
 * stripped text (the words without markup), over `stripped.runs`. Coding edits,
 * extraction, the tree's quote ranges, suggestions and the renderer use it.
 * (reparse.ts splices runs while re-parsing and keeps its own walk.)
 */
import type { OffsetRange } from '../text/lineIndex';
import type { StrippedText, Transcript } from './types';

/** The index of the first run that ends after source offset `pos` (runs.count when none does). */
export function runEndingAfterSource(stripped: StrippedText, pos: number): number {
  return stripped.runs.firstEndingAfterSource(pos);
}

/** The index of the first run that ends after stripped offset `i` (runs.count when none does). */
export function runEndingAfterStripped(stripped: StrippedText, i: number): number {
  return stripped.runs.firstEndingAfterStripped(i);
}

/** The number of stripped characters before source offset `pos` (markup counts nothing). */
export function strippedOffsetAt(t: Pick<Transcript, 'stripped'>, pos: number): number {
  const runs = t.stripped.runs;
  const k = runs.firstEndingAfterSource(pos);
  if (k >= runs.count) return t.stripped.text.length;
  const sourceStart = runs.sourceStart(k);
  return pos <= sourceStart ? runs.strippedStart(k) : runs.strippedStart(k) + (pos - sourceStart);
}

/** The source offset of stripped character `i` (0 ≤ i < stripped length); 0 when there is no stripped text. */
export function sourceOfStripped(t: Pick<Transcript, 'stripped'>, i: number): number {
  const runs = t.stripped.runs;
  if (runs.count === 0) return 0;
  // The last run starting at or before i.
  const k = Math.max(0, runs.lastStartingAtOrBeforeStripped(i));
  return runs.sourceStart(k) + (i - runs.strippedStart(k));
}

/** The source offset of stripped character `i`; undefined when no run holds it (i out of range). */
export function sourceOfStrippedChar(stripped: StrippedText, i: number): number | undefined {
  const runs = stripped.runs;
  const k = runs.firstEndingAfterStripped(i);
  return k < runs.count && runs.strippedStart(k) <= i ? runs.sourceStart(k) + (i - runs.strippedStart(k)) : undefined;
}

/** The stripped text of a source range (markup inside it removed). */
export function strippedSlice(t: Pick<Transcript, 'stripped'>, r: OffsetRange): string {
  const runs = t.stripped.runs;
  let out = '';
  for (let i = runs.firstEndingAfterSource(r.start); i < runs.count; i++) {
    const sourceStart = runs.sourceStart(i);
    if (sourceStart >= r.end) break;
    const strippedStart = runs.strippedStart(i);
    const s = Math.max(sourceStart, r.start);
    const e = Math.min(sourceStart + runs.length(i), r.end);
    if (e > s) out += t.stripped.text.slice(strippedStart + (s - sourceStart), strippedStart + (e - sourceStart));
  }
  return out;
}
