import type { OffsetRange } from '../text/lineIndex';
import { applyEdits } from '../edits/apply';
import { parseTranscript } from '../transcript/parse';
import { strippedSlice } from '../transcript/stripped';
import type { Span, Transcript, Turn } from '../transcript/types';

/**
 * What a suggestion applies to, found from an editor range:
 *
 * - a selection of text: the selection (trimmed of surrounding whitespace) is
 *   wrapped as a new span `{{…}}{#id}`;
 * - a selection that is exactly an existing span (its content, or the whole span
 *   with its markup): the code is added to the span's first block;
 * - an empty range (the cursor) in a speaker turn: the turn's text after `LABEL: `,
 *   trimmed, is wrapped (or, when it is exactly one span, that span gets the code).
 *
 * Every edit is checked by parsing the result: the stripped text must be unchanged
 * and the coding must differ only by the one added code, otherwise the target is
 * refused. So a selection that cuts through markup or crosses a span never gets
 * an edit that could damage the transcript or its coding.
 */
export interface SuggestTarget {
  kind: 'selection' | 'turn' | 'span';
  /** The stripped text the suggestions are for. */
  passage: string;
  /** Source range to wrap, for `selection` and `turn`. */
  wrap?: OffsetRange;
  /** The existing span the code is added to. */
  span?: Span;
  /** Codes the span already has (not worth suggesting). */
  existing: string[];
}

/** A text edit by offsets. */
export interface OffsetEdit {
  range: OffsetRange;
  newText: string;
}

/** Finds what a range of a transcript would be coded as, or nothing. */
export function suggestTarget(t: Transcript, range: OffsetRange): SuggestTarget | undefined {
  const text = t.text;
  let { start, end } = range;
  if (start > end) [start, end] = [end, start];
  if (start < t.bodyStart) return undefined;
  if (start === end) return turnTarget(t, start);
  let trimmed = trimRange(text, start, end);
  // A selection from a line's start leaves the speaker label out of the span.
  const turn = t.turns.find((x) => x.labelRange.start === trimmed.start);
  if (turn) trimmed = trimRange(text, afterLabel(t, turn), trimmed.end);
  if (trimmed.start >= trimmed.end) return undefined;
  const span = spanAt(t, trimmed);
  if (span) return spanTarget(span);
  const passage = strippedSlice(t, trimmed).trim();
  if (passage === '') return undefined;
  return { kind: 'selection', passage, wrap: trimmed, existing: [] };
}

function turnTarget(t: Transcript, offset: number): SuggestTarget | undefined {
  const turn = t.turns.find((x) => x.range.start <= offset && offset <= x.range.end);
  if (!turn) return undefined;
  const r = trimRange(t.text, afterLabel(t, turn), turn.range.end);
  if (r.start >= r.end) return undefined;
  const span = spanAt(t, r);
  if (span) return { ...spanTarget(span), kind: 'span' };
  const passage = strippedSlice(t, r).trim();
  return passage === '' ? undefined : { kind: 'turn', passage, wrap: r, existing: [] };
}

/** Offset after a turn's `LABEL:` and the spaces that follow it. */
function afterLabel(t: Transcript, turn: Turn): number {
  let s = turn.labelRange.end + 1;
  while (s < turn.range.end && (t.text[s] === ' ' || t.text[s] === '\t')) s++;
  return s;
}

function spanTarget(span: Span): SuggestTarget {
  const existing: string[] = [];
  for (const b of span.blocks) for (const c of b.codes) if (!existing.includes(c.id)) existing.push(c.id);
  return { kind: 'span', passage: span.quote, span, existing };
}

/** The innermost closed span whose content or whole extent is `r` (both trimmed). */
function spanAt(t: Transcript, r: OffsetRange): Span | undefined {
  let found: Span | undefined;
  for (const span of t.spans) {
    if (span.open.start > r.end) break;
    if (!span.close || span.blocks.length === 0) continue;
    const content = trimRange(t.text, span.content.start, span.content.end);
    const whole = { start: span.open.start, end: span.close.end };
    if ((content.start === r.start && content.end === r.end) || (whole.start === r.start && whole.end === r.end)) found = span;
  }
  return found;
}

/**
 * The edit that applies code `id` to a target; undefined when it would be unsafe.
 * `check: false` skips the re-parse, for callers that checked the same target with
 * another valid id.
 */
export function suggestionEdit(t: Transcript, target: SuggestTarget, id: string, check = true): OffsetEdit[] | undefined {
  let edits: OffsetEdit[];
  if (target.span) {
    const block = target.span.blocks[0];
    const last = block.range.end - 1;
    if (t.text[last] !== '}') return undefined;
    const empty = t.text[last - 1] === '{';
    edits = [{ range: { start: last, end: last }, newText: `${empty ? '' : ' '}#${id}` }];
  } else if (target.wrap) {
    edits = [
      { range: { start: target.wrap.start, end: target.wrap.start }, newText: '{{' },
      { range: { start: target.wrap.end, end: target.wrap.end }, newText: `}}{#${id}}` },
    ];
  } else return undefined;
  return !check || verify(t, edits, target, id) ? edits : undefined;
}

/**
 * Parses the edited text and checks that only coding changed, and only as meant:
 * same stripped text, no new syntax error, the same speaker turns, and every span the same (quote and
 * codes, in order) except the target, which gained the one code (or, when
 * wrapping, one new span at the wrap's start with the passage and the code).
 */
function verify(t: Transcript, edits: OffsetEdit[], target: SuggestTarget, id: string): boolean {
  const after = parseTranscript(applyEdits(t.text, edits));
  if (after.stripped.text !== t.stripped.text) return false;
  if (after.diagnostics.length > t.diagnostics.length) return false;
  // Speaker turns stay where they were (a span must not swallow a `LABEL:`).
  if (after.turns.length !== t.turns.length || after.turns.some((x, i) => x.speaker !== t.turns[i].speaker)) return false;
  const old = t.spans;
  const now = after.spans;
  if (target.span) {
    if (now.length !== old.length) return false;
    for (let i = 0; i < old.length; i++) {
      const extra = i === target.span.index ? id : undefined;
      if (!sameSpan(old[i], now[i], extra)) return false;
    }
    return true;
  }
  if (now.length !== old.length + 1) return false;
  const k = now.findIndex((s) => s.open.start === target.wrap!.start);
  if (k < 0 || now[k].quote !== target.passage || codesOf(now[k]).join(' ') !== id) return false;
  for (let i = 0; i < old.length; i++) if (!sameSpan(old[i], now[i < k ? i : i + 1])) return false;
  return true;
}

function codesOf(span: Span): string[] {
  const codes: string[] = [];
  for (const b of span.blocks) for (const c of b.codes) codes.push(c.id);
  return codes;
}

/** Same quote and same codes, in order (plus `extra` at the end of the first block's). */
function sameSpan(a: Span, b: Span, extra?: string): boolean {
  if (a.quote !== b.quote || a.blocks.length !== b.blocks.length) return false;
  for (let i = 0; i < a.blocks.length; i++) {
    const x = a.blocks[i].codes.map((c) => c.id);
    if (i === 0 && extra !== undefined) x.push(extra);
    const y = b.blocks[i].codes.map((c) => c.id);
    if (x.length !== y.length || x.some((v, j) => v !== y[j])) return false;
  }
  return true;
}

function trimRange(text: string, start: number, end: number): OffsetRange {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

