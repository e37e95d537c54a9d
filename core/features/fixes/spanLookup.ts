/**
 * Lookups over a transcript's spans for quick fixes, each in logarithmic time or
 * from a table built once per parse: a line of 1.4 million unclosed `{{` has as
 * many "never closed" diagnostics, and a code-action request fixes up to 100 of
 * them; scanning every span for each fix took minutes through the server.
 */
import { partitionPoint } from '../../text/search';
import type { Span, Transcript } from '../../transcript/types';

/** The span whose opener starts at `start` (spans are in opener order), if any. */
export function spanOpeningAt(t: Transcript, start: number): Span | undefined {
  const k = partitionPoint(t.spans, (s: Span) => s.open.start < start);
  const s = t.spans[k];
  return s !== undefined && s.open.start === start ? s : undefined;
}

/** The index of the first span whose opener starts at or after `offset`. */
export function firstSpanFrom(t: Transcript, offset: number): number {
  return partitionPoint(t.spans, (s: Span) => s.open.start < offset);
}

const labelCounts = new WeakMap<Transcript, Map<string, number>>();

/** How many spans of `t` carry the label `name`. */
export function labelCount(t: Transcript, name: string): number {
  let counts = labelCounts.get(t);
  if (!counts) {
    counts = new Map();
    for (const s of t.spans) if (s.label) counts.set(s.label.name, (counts.get(s.label.name) ?? 0) + 1);
    labelCounts.set(t, counts);
  }
  return counts.get(name) ?? 0;
}

const closedSpans = new WeakMap<Transcript, Span[]>();

/** The closed spans of `t` by where their closers start; closers with their blocks (`span.close`) never overlap. */
export function spansByClose(t: Transcript): Span[] {
  let list = closedSpans.get(t);
  if (!list) {
    list = t.spans.filter((s) => s.close !== undefined);
    list.sort((a, b) => a.close!.start - b.close!.start);
    closedSpans.set(t, list);
  }
  return list;
}
