import type { Project } from '../project/types';
import { scanProject, type AnalysisOptions } from './scan';
import type { CaseInfo, CaseMatrix, MatrixCell } from './types';

/**
 * The code × case matrix: for every node of the axial model (tree order) and every
 * case, the distinct quotes of the node's subtree in that case's transcripts. Cases
 * are front matter `case` values; a transcript without one is a case of its own.
 */
export function codeCaseMatrix(project: Project, options: AnalysisOptions = {}): CaseMatrix {
  const scan = scanProject(project, options);
  const caseIndex = new Map(scan.cases.map((c, i) => [c.id, i]));
  const split = (quoteIds: number[]): MatrixCell[] => {
    const cells: MatrixCell[] = scan.cases.map(() => ({ count: 0, quoteIds: [] }));
    for (const q of quoteIds) {
      const cell = cells[caseIndex.get(scan.quotes[q].case)!];
      cell.count++;
      cell.quoteIds.push(q);
    }
    return cells;
  };
  let max = 0;
  const rows = scan.nodes.map((n) => {
    const cells = split(n.quoteIds);
    if (n.kind === 'code') for (const c of cells) max = Math.max(max, c.count);
    return {
      id: n.id,
      name: n.name,
      kind: n.kind,
      status: n.status,
      color: n.color,
      depth: n.depth,
      cells,
      total: { count: n.quotes, quoteIds: n.quoteIds },
    };
  });
  const coded: number[] = [];
  scan.quotes.forEach((q, i) => {
    if (q.codes.length > 0) coded.push(i);
  });
  return {
    root: project.root,
    title: project.codebook.title,
    cases: scan.cases,
    rows,
    caseTotals: split(coded),
    total: { count: coded.length, quoteIds: coded },
    max,
    quotes: scan.quotes,
    coders: scan.coders,
  };
}

/** The code × case counts alone (what code-by-case.csv holds): codeCaseMatrix's cells without their quote lists. */
export interface CaseCounts {
  cases: CaseInfo[];
  /** Every node of the model, in tree order, with its count per case (aligned with `cases`). */
  rows: { id: string; kind: 'code' | 'category'; counts: Uint32Array }[];
}

/** codeCaseMatrix's counts: one typed array per node instead of a cell and a quote list per node and case. */
export function codeCaseCounts(project: Project, options: AnalysisOptions = {}): CaseCounts {
  const scan = scanProject(project, options);
  const caseIndex = new Map(scan.cases.map((c, i) => [c.id, i]));
  const caseOfQuote = scan.quotes.map((q) => caseIndex.get(q.case)!);
  const rows = scan.nodes.map((n) => {
    const counts = new Uint32Array(scan.cases.length);
    for (const q of n.quoteIds) counts[caseOfQuote[q]]++;
    return { id: n.id, kind: n.kind, counts };
  });
  return { cases: scan.cases, rows };
}
