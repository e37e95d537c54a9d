import type { Project } from '../project/types';
import { scanProject, type AnalysisOptions } from './scan';
import type { AxialModel } from './types';

/**
 * The axial model of a project: the code hierarchy of the codebook (categories and
 * codes, codebook order among siblings) with, for every node, the distinct quotes
 * and cases of its whole subtree. Deprecated codes are left out unless they, or a
 * code under them, are still applied somewhere. Tags with codes not in the
 * codebook count in no node; they are listed in `unknown`.
 */
export function axialModel(project: Project, options: AnalysisOptions = {}): AxialModel {
  const scan = scanProject(project, options);
  const coded = scan.quotes.filter((q) => q.codes.length > 0);
  return {
    root: project.root,
    title: project.codebook.title,
    nodes: scan.nodes,
    roots: scan.roots,
    cases: scan.cases,
    quotes: scan.quotes,
    coders: scan.coders,
    unknown: scan.unknown,
    totals: { quotes: coded.length, cases: new Set(coded.map((q) => q.case)).size },
  };
}
