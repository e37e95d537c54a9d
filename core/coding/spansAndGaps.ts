/**
 * Finding things in a parsed transcript for the coding edits: the span under a
 * cursor or selection, the stripped offset of a source offset and back, the
 * markup between two stripped characters, coders of blocks and free labels.
 */
import type { OffsetRange } from '../text/lineIndex';
import { isTrimSpace } from '../transcript/chars';
import { defaultCoder } from '../transcript/coder';
import { sourceOfStripped } from '../transcript/stripped';
import type { Span, Transcript } from '../transcript/types';

/** Where the body's text starts: after the front matter, and after a leading BOM. */
export function textStart(t: Transcript): number {
  return t.bodyStart === 0 && t.text.charCodeAt(0) === 0xfeff ? 1 : t.bodyStart;
}

/**
 * The markup gap at stripped offset `i`: the source range between stripped
 * character i-1 and stripped character i. It holds only markup (openers, closers
 * with their blocks, escape backslashes); it is empty between two adjacent
 * characters of one run.
 */
export function gapAt(t: Transcript, i: number): OffsetRange {
  const n = t.stripped.text.length;
  const start = i > 0 ? sourceOfStripped(t, i - 1) + 1 : textStart(t);
  const end = i < n ? sourceOfStripped(t, i) : t.text.length;
  return { start, end: Math.max(start, end) };
}

/**
 * The source offsets in a gap where new markup may go without splitting any
 * existing markup: the gap's ends and the ends of every opener and closer in it,
 * but never between an escape backslash and the character it escapes.
 */
export function insertionPoints(t: Transcript, gap: OffsetRange): number[] {
  const points = new Set<number>([gap.start, gap.end]);
  if (gap.end > gap.start) {
    for (const s of t.spans) {
      if (s.open.start > gap.end) break;
      for (const x of [s.open.start, s.open.end, s.close?.start, s.close?.end]) {
        if (x !== undefined && x >= gap.start && x <= gap.end) points.add(x);
      }
    }
  }
  // Inside a gap every character is markup, so a backslash there is an escape's.
  return [...points].filter((x) => !(x > gap.start && t.text.charCodeAt(x - 1) === 92)).sort((a, b) => a - b);
}

/** A stripped range trimmed of surrounding whitespace, widened so it splits no surrogate pair. */
export function trimStripped(t: Transcript, from: number, to: number): OffsetRange {
  const s = t.stripped.text;
  while (from < to && isTrimSpace(s.charCodeAt(from))) from++;
  while (to > from && isTrimSpace(s.charCodeAt(to - 1))) to--;
  if (from < to) {
    if (isLow(s.charCodeAt(from)) && from > 0 && isHigh(s.charCodeAt(from - 1))) from--;
    if (isHigh(s.charCodeAt(to - 1)) && to < s.length && isLow(s.charCodeAt(to))) to++;
  }
  return { start: from, end: to };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The extent of a span in the source: from its opener to the end of its last block (or the text's end when unclosed). */
export function extentOf(t: Transcript, s: Span): OffsetRange {
  return { start: s.open.start, end: s.close ? s.close.end : t.text.length };
}

/**
 * The span a cursor or selection is on. A cursor on a span's own markup (its
 * opener, or its closer and blocks) means that span, even when it crosses or
 * nests in others. Otherwise: the innermost closed span with blocks whose extent
 * (opener to last block) holds the whole range; when two spans touch at the
 * cursor, the smaller one.
 */
export function spanAtRange(t: Transcript, range: OffsetRange): Span | undefined {
  const start = Math.min(range.start, range.end);
  const end = Math.max(range.start, range.end);
  let found: Span | undefined;
  let onMarkup: Span | undefined;
  let strictlyOnMarkup = false;
  for (const s of t.spans) {
    if (s.open.start > start) break;
    if (!s.close || s.blocks.length === 0 || end > s.close.end) continue;
    for (const m of [s.open, s.close]) {
      if (m.start <= start && end <= m.end) {
        const strict = m.start < start && end < m.end;
        if (!onMarkup || (strict && !strictlyOnMarkup)) {
          onMarkup = s;
          strictlyOnMarkup = strict;
        }
      }
    }
    if (!found || s.open.start > found.open.start || s.close.end < found.close!.end) found = s;
  }
  return strictlyOnMarkup ? onMarkup : (found ?? onMarkup);
}

/** The coder new coding is attributed to: the given one, else the front matter's. */
export function effectiveCoder(t: Transcript, coder: string | undefined): string | undefined {
  return coder || defaultCoder(t);
}

/** `@coder` for a new block when the coder differs from the transcript's default, else nothing. */
export function coderItem(t: Transcript, coder: string | undefined): string | undefined {
  return coder && coder !== defaultCoder(t) ? `@${coder}` : undefined;
}

/** Every label named in the transcript (openers and blocks). */
export function labelsOf(t: Transcript): Set<string> {
  const names = new Set<string>();
  for (const s of t.spans) {
    if (s.label) names.add(s.label.name);
    for (const b of s.blocks) if (b.label) names.add(b.label.name);
  }
  // Labels in text that did not parse as a span (broken markup) still must not be reused.
  for (const m of t.text.matchAll(/\^([\p{L}\p{N}_.-]+)/gu)) names.add(m[1]);
  return names;
}

/** A generator of labels unused in the transcript: a, b, …, z, a2, b2, … */
export function freshLabels(t: Transcript): () => string {
  const used = labelsOf(t);
  let k = 0;
  return () => {
    for (;;) {
      const letter = String.fromCharCode(97 + (k % 26));
      const round = Math.floor(k / 26);
      k++;
      const name = round === 0 ? letter : `${letter}${round + 1}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

/** Whether a span's closer names the span's own label (so it closes it even when not innermost). */
export function closerNamesLabel(s: Span): boolean {
  const name = s.label?.name;
  if (name === undefined) return false;
  // The first label among the blocks decides what the closer closes.
  const first = s.blocks.find((b) => b.label);
  return first?.label?.name === name;
}
