/**
 * Shrinks a failing input while it keeps failing the same property: removes
 * chunks of lines, then of characters (delta debugging), from the transcript and
 * the codebook, within a budget of checks. The result is what a failure report
 * writes to test-output/fuzz/.
 */
import type { FuzzCase } from './cases';
import type { FuzzInput } from './mutators';
import { checkCase, type CheckOptions, type PropertyName } from './properties';
import { seedCorpus } from './seeds';

export interface MinimiseBudget {
  checks: number;
  ms: number;
}

/** The smallest input found that still fails `property`, with the case's edits and probes. */
export function minimise(c: FuzzCase, property: PropertyName, options: CheckOptions, budget: MinimiseBudget): FuzzCase {
  const deadline = Date.now() + budget.ms;
  let checks = 0;
  const exhausted = () => checks >= budget.checks || Date.now() > deadline;
  const fails = (candidate: FuzzCase): boolean => {
    if (exhausted()) return false;
    checks++;
    return checkCase(candidate, options).failures.some((f) => f.property === property);
  };
  let best: FuzzCase = c;
  const tryInput = (input: FuzzInput, edits = best.edits): boolean => {
    const candidate = { ...best, input, edits };
    if (!fails(candidate)) return false;
    best = candidate;
    return true;
  };
  if (property !== 'reparse-equals-full' && best.edits.length) tryInput(best.input, []);
  // A codebook back to the example's, or to almost nothing, often still fails.
  if (best.input.codebook !== seedCorpus().codebook) tryInput({ ...best.input, codebook: seedCorpus().codebook });
  tryInput({ ...best.input, codebook: 'codes:\n  trust: {}\n' });
  for (const unit of ['line', 'char'] as const) {
    for (const field of ['transcript', 'codebook'] as const) {
      let parts = split(best.input[field], unit);
      let chunk = Math.max(1, Math.floor(parts.length / 2));
      while (chunk >= 1 && !exhausted()) {
        let removed = false;
        for (let i = 0; i < parts.length && !exhausted(); ) {
          const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
          if (tryInput({ ...best.input, [field]: candidate.join('') })) {
            parts = candidate;
            removed = true;
          } else i += chunk;
        }
        if (!removed) chunk = Math.floor(chunk / 2);
      }
    }
  }
  return best;
}

/** Lines (each with its line break) or characters. */
function split(text: string, unit: 'line' | 'char'): string[] {
  if (unit === 'char') return [...text];
  return text.match(/[^\r\n]*(?:\r\n|\r|\n|$)/g)!.filter((s) => s !== '');
}
