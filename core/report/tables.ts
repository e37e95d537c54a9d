/**
 * The csv tables of a report: only what the three tables hold (no pictures,
 * memos or codebook text), each table's records made as they are read, so a
 * host streams them to files. The counting is tableFold.ts's, one transcript
 * at a time; a host reading files folds them itself and never holds the project.
 */
import { byPath } from './data';
import { CsvTablesFold } from './tableFold';
import type { ReportFilters, ReportTables } from './types';
import type { Project } from '../project/types';

/** The csv report of a project already indexed, under `filters`; `presence` makes code-by-case.csv 1/0. */
export function reportTables(project: Project, filters: ReportFilters, presence = false): ReportTables {
  const fold = new CsvTablesFold(project.codebook, filters, presence);
  for (const entry of byPath(project)) fold.add(entry);
  return fold.tables();
}
