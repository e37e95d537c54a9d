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
  const codings = new Map<string, Coding>();
  const memos = new Map<string, MemoCoding>();
  for (const span of transcript.spans) {
    if (!span.close || span.blocks.length === 0) continue;
    const start = strippedOffsetAt(transcript, span.content.start);
    const end = strippedOffsetAt(transcript, span.content.end);
    for (const block of span.blocks) {
      const coder = blockCoder(transcript, block) ?? '';
      for (const ref of block.codes) {
        const c: Coding = { start, end, coder, code: ref.id };
        codings.set(keyOf(start, end, coder, ref.id), c);
      }
      if (block.memo) {
        const m: MemoCoding = { start, end, coder, memo: block.memo.text };
        memos.set(keyOf(start, end, coder, m.memo), m);
      }
    }
  }
  return {
    stripped: transcript.stripped.text,
    codings: [...codings.values()].sort((a, b) => compareRanged(a, b) || cmp(a.code, b.code)),
    memos: [...memos.values()].sort((a, b) => compareRanged(a, b) || cmp(a.memo, b.memo)),
  };
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
