/**
 * The data of a project report (`axial report`): plain data assembled from a
 * project, from which the csv, md and html builders write strings.
 */
import type { AxialModel, CaseMatrix, Cooccurrence } from '../analysis/types';

/** Which codings a report covers; empty lists mean everything. */
export interface ReportFilters {
  /** Coder ids (without `@`). */
  coders: string[];
  /** Case labels (front matter `case`, or a lone transcript's path). */
  cases: string[];
  /** Code or category ids; a category stands for itself and every code under it. */
  codes: string[];
}

/** A transcript left out of the report, and why. */
export interface ReportSkipped {
  /** Path relative to the project folder. */
  file: string;
  reason: string;
}

/** One coding: one code applied by one coder to one span. */
export interface ReportCoding {
  code: string;
  /** The code's ancestors and itself, by id, joined by " > ". */
  codePath: string;
  /** The span's quote (stripped, trimmed), whole. */
  quote: string;
  /** The case label. */
  case: string;
  participant: string;
  speaker: string;
  coder: string;
  /** Path relative to the project folder. */
  file: string;
  /** 1-based line of the span's `{{`. */
  line: number;
}

/** One memo written in a block. */
export interface ReportMemo {
  file: string;
  line: number;
  coder: string;
  memo: string;
  quote: string;
  case: string;
}

/** A memo file (`memos/*.md`) and what it names. */
export interface ReportMemoFile {
  /** Path relative to the project folder. */
  path: string;
  codes: string[];
  transcripts: string[];
  /** Its Markdown after the front matter. */
  text: string;
}

/** A code or category of the codebook as the report shows it, in tree order. */
export interface ReportCode {
  id: string;
  name: string;
  kind: 'code' | 'category';
  status: 'active' | 'deprecated';
  depth: number;
  codePath: string;
  definition?: string;
  /** Criteria: when to apply (`include`) and when not (`exclude`). */
  include: string[];
  exclude: string[];
  examples: string[];
  /** Distinct spans and cases of the node's subtree (the pictures' counts). */
  quotes: number;
  cases: number;
  /** The codings of this code itself, by file and line. */
  codings: ReportCoding[];
  /** Paths of the memo files that name this code. */
  memoFiles: string[];
}

/** Everything a report shows. */
export interface ReportData {
  title: string;
  /** Coders who coded something in the report, with their codebook names when declared. */
  coders: { id: string; name?: string }[];
  filters: ReportFilters;
  skipped: ReportSkipped[];
  /** Transcripts read (not skipped, within the case filter). */
  transcripts: number;
  codes: ReportCode[];
  /** Every coding, by file, line, code, coder. */
  codings: ReportCoding[];
  memos: ReportMemo[];
  /** The memo files, by path; with a code filter, those naming an admitted code. */
  memoFiles: ReportMemoFile[];
  /** The pictures' data, over the same filtered codings. */
  model: AxialModel;
  cooccurrence: Cooccurrence;
  matrix: CaseMatrix;
}

/** The file names of the csv report, in the order they are written. */
export const CSV_TABLES = ['quotes.csv', 'code-by-case.csv', 'cooccurrence.csv'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** A project's csv report: the skipped transcripts now, each table's records when asked for. */
export interface ReportTables {
  skipped: ReportSkipped[];
  /** The records of one table (each ends with CRLF); the same bytes as the string builders of csv.ts. */
  records(table: CsvTable): Iterable<string>;
}
