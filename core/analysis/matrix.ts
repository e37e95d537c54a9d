import type { Project } from '../project/types';
import { scanProject, type AnalysisOptions } from './scan';
import type { CaseMatrix, MatrixCell } from './types';

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
