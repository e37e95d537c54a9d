/**
 * `axial report`: a project's codings as a report people open (html), a codebook
 * with quotes for a wiki or an appendix (md), or tables for R and pandas (csv).
 * Transcripts with errors are skipped and named; the rest are reported.
 * Exit codes: 0 written, 2 usage error (bad option, missing path, no project or
 * several, unknown code, case or coder, --out not writable as asked).
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { printable, ProjectIndex, type Project } from '../core';
import { CSV_TABLES, projectCases, projectCoders, reportData, reportHtmlPieces, reportMarkdown, type ReportData, type ReportFilters, type ReportSkipped, type ReportTables } from '../core/report';
import { writeTextAtomically } from '../host/atomicStream';
import { readTexts } from '../host/nodeFiles';
import { codebookProblemLine, loadOneProject, UsageError } from '../host/oneProject';
import { unreadableReason } from '../host/unreadableReason';
import { withProgress } from './progress';
import { foldCsvReport } from './reportCsv';
import { checkCasesAndCoders, codeFilters } from './reportFilters';

/** The formats of `axial report`. */
export const REPORT_FORMATS = ['html', 'md', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The files `--format csv` writes into its --out folder (and overwrites there; nothing else is touched). */
export const CSV_FILES = CSV_TABLES;

/** The options of `axial report`, as commander hands them over. */
export interface ReportOptions {
  format?: string;
  out?: string;
  coder?: string[];
  case?: string[];
  code?: string[];
  presence?: boolean;
}

/** Repeatable options that also take comma lists: `--code a --code b,c`. */
const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter((s) => s !== '')];

/**
 * The one project under `folder` (cli/oneProject.ts finds it, as for agree and
 * export), its files given to an index so the report sees what the editor sees.
 */
export async function loadReportProject(folder: string, cwd = process.cwd()): Promise<{ project: Project; unreadable: ReportSkipped[]; codebookProblem: (command: string) => string | undefined }> {
  const one = await loadOneProject(folder, cwd);
  const index = new ProjectIndex();
  // The codebook first (already read and parsed), so the transcripts find their project when they arrive.
  index.setParsedCodebook(URI.file(one.codebookFile).toString(), one.codebook);
  const files = one.all.map((p) => path.join(one.root, p)).filter((f) => f !== one.codebookFile);
  const failed: string[] = [];
  for await (const { file, text } of readTexts(files)) {
    if (text !== undefined) index.setFile(URI.file(file).toString(), text);
    else failed.push(file);
  }
  const project = index.projects()[0];
  if (!project) throw new UsageError(`cannot read ${path.relative(cwd, one.codebookFile)}`);
  // Only the project's transcripts count as skipped; paths relative to its folder, as the report's own skips.
  const projectDir = URI.parse(project.root).fsPath;
  const unreadable: ReportSkipped[] = [];
  for (const file of failed) {
    const rel = path.relative(projectDir, file).split(path.sep).join('/');
    if (one.transcripts.includes(path.relative(one.root, file).split(path.sep).join('/'))) unreadable.push({ file: rel, reason: `cannot be read (${await unreadableReason(file)})` });
  }
  return { project, unreadable, codebookProblem: (command) => codebookProblemLine(command, one, cwd) };
}

/** The filters, checked against the project: unknown codes, cases and coders are usage errors. */
export function checkFilters(project: Project, opts: Pick<ReportOptions, 'coder' | 'case' | 'code'>): ReportFilters {
  const filters = codeFilters(project.codebook, opts);
  // The project's cases and coders are listed only to check filters given (listing the coders reads every block).
  checkCasesAndCoders(filters, () => projectCases(project), () => projectCoders(project));
  return filters;
}

/** The format asked for: --format, else from --out's extension (.html, .md), else csv for a folder. */
export function formatOf(opts: Pick<ReportOptions, 'format' | 'out'>): ReportFormat {
  if (opts.format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be html, md or csv, not '${opts.format}'`);
    return opts.format as ReportFormat;
  }
  if (opts.out === undefined) throw new UsageError('give --format html|md|csv, or --out with a .html or .md file or a folder for csv');
  if (/\.html?$/i.test(opts.out)) return 'html';
  if (/\.md$/i.test(opts.out)) return 'md';
  return 'csv';
}

/** Refuses an --out the format cannot write to, before any work: csv needs a folder, html and md a file in an existing folder. */
export function checkOut(format: ReportFormat, opts: Pick<ReportOptions, 'out'>, cwd = process.cwd()): void {
  if (format === 'csv') {
    if (opts.out === undefined) throw new UsageError('--format csv writes three files: give --out <folder>');
    const dir = path.resolve(cwd, opts.out);
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out ${opts.out} is a file; csv needs a folder`);
    return;
  }
  if (opts.out === undefined) return;
  const file = path.resolve(cwd, opts.out);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`--out ${opts.out} is a folder; --format ${format} writes one file`);
  if (!existsSync(path.dirname(file))) throw new UsageError(`no such folder: ${path.dirname(opts.out) || '.'}`);
}

/**
 * Writes the csv report into the --out folder (made when missing): quotes.csv,
 * code-by-case.csv and cooccurrence.csv are replaced, nothing else in it
 * touched. Each table streams to its file as its records are made. Returns the
 * files written.
 */
export async function writeCsvReport(tables: ReportTables, opts: Pick<ReportOptions, 'out'>, cwd = process.cwd()): Promise<string[]> {
  checkOut('csv', opts, cwd);
  const dir = path.resolve(cwd, opts.out!);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const name of CSV_FILES) {
    await writeTextAtomically(path.join(dir, name), tables.records(name));
    written.push(path.join(opts.out!, name));
  }
  return written;
}

/**
 * Writes the html or md report to the --out file (replaced when it exists) or
 * to stdout, and returns what was written.
 */
export async function writeReport(data: ReportData, format: 'html' | 'md', opts: Pick<ReportOptions, 'out'>, cwd = process.cwd()): Promise<string[]> {
  // html in pieces (a large project's page is 100 MB, mostly its pictures); md whole.
  const pieces = format === 'html' ? reportHtmlPieces(data) : [reportMarkdown(data)];
  if (opts.out === undefined) {
    for (const piece of pieces) if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    return [];
  }
  checkOut(format, opts, cwd);
  await writeTextAtomically(path.resolve(cwd, opts.out), pieces);
  return [opts.out];
}

/** Registers `axial report` on the program. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'A report of a project\'s codings: html (one self-contained page with the codebook, quotes, memos and the three pictures), md (the codebook with quotes) or csv (quotes.csv, code-by-case.csv, cooccurrence.csv for R and pandas). Transcripts with errors are skipped and named. Exit 0 written, 2 usage error.',
    )
    .argument('[folder]', 'folder holding the project (codebook.yaml)', '.')
    .option('--format <format>', 'html, md or csv (default: from --out: .html, .md, else csv)')
    .option('--out <path>', 'html/md: the file to write (replaced; default stdout); csv: the folder for the three files (made when missing; those files replaced)')
    .option('--coder <ids>', 'only these coders\' codings (repeatable or comma list)', collect)
    .option('--case <cases>', 'only these cases (front matter case, or a lone transcript\'s path; repeatable or comma list)', collect)
    .option('--code <ids>', 'only these codes; a category brings its codes (repeatable or comma list)', collect)
    .option('--presence', 'code-by-case.csv holds 1/0 (the case has the code or not) instead of counts')
    .option('-q, --quiet', 'no progress bar (shown on a terminal when reading takes over a second)')
    .action(async (folder: string, opts: ReportOptions & { quiet?: boolean }) => {
      try {
        const format = formatOf(opts);
        checkOut(format, opts);
        const skipped = (projectDir: string, list: { file: string; reason: string }[]) => {
          for (const s of list) process.stderr.write(`axial report: skipped ${printable(path.relative(process.cwd(), path.join(projectDir, s.file)))}: ${printable(s.reason)}\n`);
        };
        let written: string[];
        if (format === 'csv') {
          // Only the three tables, each transcript folded in as it is read: no index, pictures, memos or quote lists.
          const { tables, projectDir, codebookProblem } = await withProgress('Reading', opts, () => foldCsvReport(folder, opts));
          if (codebookProblem) process.stderr.write(codebookProblem + '\n');
          skipped(projectDir, tables.skipped);
          written = await writeCsvReport(tables, opts);
        } else {
          const { project, unreadable, codebookProblem } = await withProgress('Reading', opts, () => loadReportProject(folder));
          const problem = codebookProblem('report');
          if (problem) process.stderr.write(problem + '\n');
          const filters = checkFilters(project, opts);
          const data = reportData(project, filters);
          data.skipped.unshift(...unreadable);
          skipped(URI.parse(project.root).fsPath, data.skipped);
          written = await writeReport(data, format, opts);
        }
        for (const w of written) process.stderr.write(`axial report: wrote ${printable(w)}\n`);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`axial report: ${printable(err.message)}\n`);
        process.exitCode = 2;
      }
    });
}
