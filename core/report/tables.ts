/**
 * The csv tables of a report straight from a project: only what the three
 * tables hold (no pictures, memos or codebook text), each table's records made
 * as they are read, so a host streams them to files and the rows of a large
 * project never sit in memory together.
 */
import { codeCaseCounts } from '../analysis/matrix';
import { cooccurrenceCounts } from '../analysis/cooccurrence';
import { codeByCaseRecords, cooccurrenceRecords, quotesRecords } from './csv';
import { codePaths, projectCodings } from './data';
import { filterProject } from './filter';
import type { ReportFilters, ReportSkipped } from './types';
import type { Project } from '../project/types';

/** The tables show no quote excerpts: the pictures' scan without cutting them. */
const COUNTS_ONLY = { excerpts: false };

/** The file names of the csv report, in the order they are written. */
export const CSV_TABLES = ['quotes.csv', 'code-by-case.csv', 'cooccurrence.csv'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** A project's csv report: the skipped transcripts now, each table's records when asked for. */
export interface ReportTables {
  skipped: ReportSkipped[];
  /** The records of one table (each ends with CRLF); the same bytes as the string builders of csv.ts. */
  records(table: CsvTable): Iterable<string>;
}

/** The csv report of `project` under `filters`; `presence` makes code-by-case.csv 1/0. */
export function reportTables(project: Project, filters: ReportFilters, presence = false): ReportTables {
  const { project: p, skipped } = filterProject(project, filters);
  const pathOf = codePaths(p.codebook);
  return {
    skipped,
    records(table) {
      if (table === 'quotes.csv') return quotesRecords(projectCodings(p, pathOf));
      if (table === 'code-by-case.csv') return codeByCaseRecords(codeCaseCounts(p, COUNTS_ONLY), pathOf, presence);
      return cooccurrenceRecords(cooccurrenceCounts(p, COUNTS_ONLY));
    },
  };
}
