/**
 * The filters of `axial report` checked against a project: an unknown code is
 * refused before reading the transcripts, an unknown case or coder once they are
 * read (the csv report learns them while it folds the transcripts in).
 */
import type { Codebook } from '../core';
import { resolveCode } from '../core/codebook';
import type { ReportFilters } from '../core/report';
import { UsageError } from '../host/oneProject';

/** The filter options as commander hands them over. */
export interface FilterOptions {
  coder?: string[];
  case?: string[];
  code?: string[];
}

/**
 * The filters as given, with the code filter checked against the codebook (an
 * unknown code is a usage error) and ids resolved; cases and coders unchecked.
 */
export function codeFilters(codebook: Codebook, opts: FilterOptions): ReportFilters {
  const codes: string[] = [];
  for (const id of opts.code ?? []) {
    const code = resolveCode(codebook, id.replace(/^#/, ''));
    if (!code) throw new UsageError(`unknown code '${id}': the codebook has no code or category with this id`);
    if (!codes.includes(code.id)) codes.push(code.id);
  }
  const coderIds = [...new Set((opts.coder ?? []).map((c) => c.replace(/^@/, '')))];
  return { coders: coderIds, cases: [...new Set(opts.case ?? [])], codes };
}

/** Refuses a case or coder filter naming a case or coder the project does not have (the lists are made only when asked). */
export function checkCasesAndCoders(filters: ReportFilters, cases: () => string[], coders: () => string[]): void {
  if (filters.cases.length > 0) {
    const known = new Set(cases());
    for (const c of filters.cases) if (!known.has(c)) throw new UsageError(`unknown case '${c}': cases are ${listed([...known])}`);
  }
  if (filters.coders.length > 0) {
    const known = new Set(coders());
    for (const c of filters.coders) if (!known.has(c)) throw new UsageError(`unknown coder '${c}': coders are ${listed([...known])}`);
  }
}

/** The first few of a list for a one-line message ("a, b, c and 997 more"), or "none". */
function listed(items: string[], max = 10): string {
  if (items.length === 0) return 'none';
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
