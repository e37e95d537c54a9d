import type { Span, Transcript } from './types';

/**
 * How much of each quote whole-project readers (tree search, example checks, the
 * suggestion model, the tree's quote text) read. Each span quotes all it encloses,
 * so the quotes of 50,000 nested spans add up to a thousand times the file; read
 * whole, every such reader was quadratic. A transcript whose quotes together stay
 * within QUOTE_BUDGET_FACTOR times its length (plus a megabyte) is read whole, which
 * covers every ordinary transcript, however long (nesting three or four deep on
 * average over a whole file is rare, and a file under a megabyte is read whole at any
 * depth); past that each quote is read up to an equal share of that budget, never
 * less than MIN_QUOTE_READ characters. The factor was 16: on 50,000 nested spans
 * suggestions, search and the pictures then read 13 million characters (2-4 s).
 */
export const QUOTE_BUDGET_FACTOR = 4;
/** The least of each quote read in a transcript over budget (a tree label shows 60 characters). */
export const MIN_QUOTE_READ = 64;

const limits = new WeakMap<Transcript, number>();

/** How many characters of each of this transcript's quotes are read (Infinity: all). */
export function quoteReadLimit(t: Transcript): number {
  let limit = limits.get(t);
  if (limit === undefined) {
    let total = 0;
    for (const s of t.spans) total += s.quote.length;
    const budget = QUOTE_BUDGET_FACTOR * t.text.length + 1_000_000;
    limit = total <= budget ? Infinity : Math.max(MIN_QUOTE_READ, Math.floor(budget / t.spans.length));
    limits.set(t, limit);
  }
  return limit;
}

/** A span's quote as whole-project readers read it: all of it, or its first quoteReadLimit characters. */
export function readableQuote(t: Transcript, span: Span): string {
  const limit = quoteReadLimit(t);
  return span.quote.length > limit ? span.quote.slice(0, limit) : span.quote;
}
