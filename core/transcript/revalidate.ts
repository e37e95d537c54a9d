import type { Codebook } from '../codebook/types';
import { partitionPoint } from '../text/search';
import { parseLimits } from './limits';
import type { SpanReuse } from './reparse';
import type { Transcript } from './types';
import { checkSpans, ProblemList, validation, type Validation } from './validate';

/**
 * The codebook checks of an incrementally re-parsed transcript, from the previous
 * ones: a keystroke in a 20,000-line transcript re-checks the few spans the
 * re-parse rebuilt instead of every code of every span.
 *
 * Always equal to `validation(t, codebook, max)`. Why: the checks of a span depend
 * only on its blocks and the codebook, and come out in span order. The spans before
 * `reuse.start` are the previous ones, unchanged; those from `reuse.newEnd` on are
 * the previous ones shifted in place, and so are the ranges of their problems
 * (a problem's range is its code's or coder's own range object). So the list is the
 * previous problems of the spans before, the new spans' problems, and the previous
 * problems of the spans after. When the previous list was cut at the limit, or the
 * new one reaches it, or the codebook is another, everything is checked again.
 */
export function revalidate(prev: Validation, t: Transcript, codebook: Codebook, reuse: SpanReuse, max: number = parseLimits.diagnostics): Validation {
  if (prev.limited || prev.codebook !== codebook || prev.max !== max) return validation(t, codebook, max);
  const spans = t.spans;
  // The previous problems are [front matter and spans before | re-parsed spans | spans after].
  const a = partitionPoint(prev.sources, (s) => s === undefined || s.index < reuse.start);
  const b = partitionPoint(prev.sources, (s) => !(s !== undefined && s.index >= reuse.newEnd && spans[s.index] === s), a);
  const middle = new ProblemList(Infinity);
  checkSpans(spans, reuse.start, reuse.newEnd, codebook, middle);
  if (a + middle.found.length + (prev.diagnostics.length - b) > max) return validation(t, codebook, max);
  if (a === b && middle.found.length === 0) return { ...prev };
  const diagnostics = prev.diagnostics.slice(0, a);
  const sources = prev.sources.slice(0, a);
  for (let i = 0; i < middle.found.length; i++) {
    diagnostics.push(middle.found[i]);
    sources.push(middle.sources[i]);
  }
  for (let i = b; i < prev.diagnostics.length; i++) {
    diagnostics.push(prev.diagnostics[i]);
    sources.push(prev.sources[i]);
  }
  return { diagnostics, sources, limited: false, codebook, max };
}
