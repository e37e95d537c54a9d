import type { Project } from '../project/types';
import type { SuggestModel } from './model';
import { rank, type Weights } from './rank';

/**
 * Leave-one-out evaluation over a coded project: every coded span is hidden in
 * turn (its document leaves the quote index and the document frequencies), the
 * engine ranks codes for its quote, and a hit is counted when the first
 * suggestion (top-1) or any of the first three (top-3) is one of the span's codes.
 *
 * Strict by default: codebook examples that occur in the hidden quote are hidden
 * too, since examples are usually copied from the coded spans themselves.
 *
 * The baseline always suggests the most frequent codes (counted without the
 * hidden span), the best guess without reading the passage.
 */
export interface Evaluation {
  /** Coded spans with at least one applicable code and a content word. */
  evaluated: number;
  top1: number;
  top3: number;
  /** Spans for which the engine suggested nothing. */
  empty: number;
  baseline: { top1: number; top3: number; codes: string[] };
  /** Hit rates in [0, 1]. */
  rates: { top1: number; top3: number; baselineTop1: number; baselineTop3: number };
  strict: boolean;
  /** Mean time per query, in milliseconds. */
  msPerQuery: number;
}

export interface EvaluateOptions {
  /** Hide codebook examples found in the held-out quote (default true). */
  strict?: boolean;
  /** Evaluate at most this many spans, spread evenly over the project. */
  sample?: number;
  weights?: Partial<Weights>;
  /** Clock for msPerQuery (core has no timers of its own). */
  now?: () => number;
}

export function evaluateLeaveOneOut(project: Project, model: SuggestModel, options: EvaluateOptions = {}): Evaluation {
  model.sync(project);
  const strict = options.strict ?? true;
  const now = options.now ?? (() => Date.now());
  let docs = model.allDocs().filter((d) => model.resolvedCodes(d).length > 0);
  if (options.sample !== undefined && options.sample < docs.length) {
    const step = docs.length / options.sample;
    docs = Array.from({ length: options.sample }, (_, i) => docs[Math.floor(i * step)]);
  }
  const freq = model.frequencies();
  const order = new Map(model.profiles.map((p) => [p.id, p.index]));
  const byFreq = [...freq.entries()].sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
  let top1 = 0;
  let top3 = 0;
  let empty = 0;
  let b1 = 0;
  let b3 = 0;
  let elapsed = 0;
  for (const d of docs) {
    const gold = new Set(model.resolvedCodes(d));
    const t0 = now();
    const got = rank(model, d.quote, {
      limit: 3,
      language: d.language,
      hide: { uri: d.uri, spanIndex: d.spanIndex },
      hideExamplesIn: strict ? d.quote : undefined,
      weights: options.weights,
    });
    elapsed += now() - t0;
    if (got.length === 0) empty++;
    if (got.length > 0 && gold.has(got[0].id)) top1++;
    if (got.some((s) => gold.has(s.id))) top3++;
    // Baseline: the most frequent codes once this span is hidden.
    const head = byFreq
      .slice(0, 3 + gold.size)
      .map(([id, f]) => [id, f - (gold.has(id) ? 1 : 0)] as const)
      .sort((a, b) => b[1] - a[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
      .filter(([, f]) => f > 0)
      .slice(0, 3)
      .map(([id]) => id);
    if (head.length > 0 && gold.has(head[0])) b1++;
    if (head.some((id) => gold.has(id))) b3++;
  }
  const n = docs.length;
  const rate = (k: number) => (n === 0 ? 0 : k / n);
  return {
    evaluated: n,
    top1,
    top3,
    empty,
    baseline: { top1: b1, top3: b3, codes: byFreq.slice(0, 3).map(([id]) => id) },
    rates: { top1: rate(top1), top3: rate(top3), baselineTop1: rate(b1), baselineTop3: rate(b3) },
    strict,
    msPerQuery: n === 0 ? 0 : elapsed / n,
  };
}
