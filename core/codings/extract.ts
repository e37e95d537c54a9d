/**
 * From markup to meaning: the codings and memos a parsed transcript holds, as
 * stripped ranges (FORMAT.md section 6). Diff, merge, agreement and interchange
 * start here, so two transcripts that say the same thing in different markup
 * (a label where none was needed, blocks in another order) extract the same.
 */
import { blockCoder } from '../transcript/coder';
import { strippedOffsetAt } from '../transcript/stripped';
import type { Transcript } from '../transcript/types';
import type { Coding, MemoCoding, TranscriptCodings } from './types';

/**
 * Every (range, coder, code) and (range, coder, memo) of a transcript. A span's
 * range is where its opener and closer stand in the stripped text, untrimmed; a
 * block's coder is its `@XX`, else the front matter's `coder`, else ''. Unclosed
 * spans code nothing. Identical triples appear once; the lists are sorted by
 * start, end, coder, then code (memo), comparing strings by code unit so the
 * order is the same on every machine.
 */
export function extractCodings(transcript: Transcript): TranscriptCodings {
  // Collected, sorted, then rid of adjacent repeats: cheaper than a map keyed by
  // strings built for every coding (the keys would each be hashed).
  const codings: Coding[] = [];
  const memos: MemoCoding[] = [];
  for (const span of transcript.spans) {
    if (!span.close || span.blocks.length === 0) continue;
    const start = strippedOffsetAt(transcript, span.content.start);
    const end = strippedOffsetAt(transcript, span.content.end);
    for (const block of span.blocks) {
      const coder = blockCoder(transcript, block) ?? '';
      for (const ref of block.codes) codings.push({ start, end, coder, code: ref.id });
      if (block.memo) memos.push({ start, end, coder, memo: block.memo.text });
    }
  }
  return { stripped: transcript.stripped.text, codings: sortCodings(codings), memos: sortMemos(memos) };
}

/** Codings in extractCodings' order (start, end, coder, code), each once; sorts `codings` in place. */
export function sortCodings(codings: Coding[]): Coding[] {
  return uniqueSorted(codings, compareCodings);
}

/** Memos in extractCodings' order (start, end, coder, memo), each once; sorts `memos` in place. */
export function sortMemos(memos: MemoCoding[]): MemoCoding[] {
  return uniqueSorted(memos, compareMemos);
}

/** 0 when two codings are the same (range, coder and code), else their order. */
export function compareCodings(a: Coding, b: Coding): number {
  return compareRanged(a, b) || cmp(a.code, b.code);
}

/** 0 when two memos are the same (range, coder and text), else their order. */
export function compareMemos(a: MemoCoding, b: MemoCoding): number {
  return compareRanged(a, b) || cmp(a.memo, b.memo);
}

/** Sorts `xs` by `compare` and drops each item equal (by `compare`) to the one before it. */
function uniqueSorted<X>(xs: X[], compare: (a: X, b: X) => number): X[] {
  xs.sort(compare);
  let kept = 0;
  for (let i = 0; i < xs.length; i++) if (kept === 0 || compare(xs[kept - 1], xs[i]) !== 0) xs[kept++] = xs[i];
  xs.length = kept;
  return xs;
}

/** The identity of a coding or memo: its range, coder and code (or memo text). */
export function codingKey(c: Coding): string {
  return keyOf(c.start, c.end, c.coder, c.code);
}

/** The identity of a memo: its range, coder and text. */
export function memoKey(m: MemoCoding): string {
  return keyOf(m.start, m.end, m.coder, m.memo);
}

function keyOf(start: number, end: number, coder: string, what: string): string {
  // NUL cannot appear in a coder id, and what follows it is the last field, so keys never collide.
  return `${start}:${end}:${coder}\u0000${what}`;
}

function compareRanged(a: { start: number; end: number; coder: string }, b: { start: number; end: number; coder: string }): number {
  return a.start - b.start || a.end - b.end || cmp(a.coder, b.coder);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
