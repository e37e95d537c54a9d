/**
 * `axial query "<expression>" [folder]`: the passages a code query selects
 * (docs/queries.md), as lines to read, csv for R and pandas, or json.
 * Exit codes, like grep: 0 passages found, 1 none, 2 usage error (bad option,
 * missing folder, no project or several, a query that does not parse or names
 * an unknown code, coder or case).
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { printable } from '../core';
import { queryCsv, QUERY_UNITS, runQuery, type QueryHit, type QueryUnit } from '../core/query';
import { writeFileAtomically } from '../host/atomicWrite';
import { UsageError } from '../host/oneProject';
import { colorFor, plural } from './output';
import { loadReportProject } from './report';

/** The formats of `axial query`. */
export const QUERY_FORMATS = ['text', 'csv', 'json'] as const;

/** The options of `axial query`, as commander hands them over. */
export interface QueryCommandOptions {
  unit: string;
  coder?: string[];
  format: string;
  out?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim().replace(/^@/, '')).filter((s) => s !== '')];

/** Longest quote a text line shows; csv and json carry the whole passage. */
const TEXT_QUOTE = 160;

/** One passage as a line: `file:line  case · speaker  #codes @coders  "quote"`. */
export function formatHit(h: QueryHit, color = false): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const quote = h.quote.replace(/\s+/g, ' ');
  const short = quote.length > TEXT_QUOTE ? `${quote.slice(0, TEXT_QUOTE - 1)}…` : quote;
  const who = [h.case, h.speaker].filter((s) => s !== '').join(' · ');
  const codes = [...h.codes.map((c) => `#${c}`), ...h.coders.map((c) => `@${c}`)].join(' ');
  // Each part is made printable before it is painted: escaping the painted line would
  // escape the colours too, and a terminal would show them as the text \u001b[1m.
  return `${paint('1', printable(`${h.file}:${h.line}`))}  ${printable(who)}  ${paint('36', printable(codes))}  "${printable(short)}"`;
}

/** Refuses an --out that cannot be a file, before the query runs: a folder, or a file in a folder that does not exist. */
function checkOutFile(out: string, cwd: string): void {
  const file = path.resolve(cwd, out);
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file name`);
  if (!statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`no such folder: ${path.dirname(out) || '.'}`);
}

/** Runs the command; returns the exit code. */
export async function queryCommand(expression: string, folder: string, opts: QueryCommandOptions, cwd = process.cwd()): Promise<number> {
  if (!(QUERY_UNITS as readonly string[]).includes(opts.unit)) throw new UsageError(`--unit must be span or turn, not '${opts.unit}'`);
  if (!(QUERY_FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be text, csv or json, not '${opts.format}'`);
  if (opts.out !== undefined) checkOutFile(opts.out, cwd);
  const { project, unreadable, codebookProblem } = await loadReportProject(folder, cwd);
  const problem = codebookProblem('query');
  if (problem) process.stderr.write(problem + '\n');
  const result = runQuery(project, expression, { unit: opts.unit as QueryUnit, coders: opts.coder });
  if (!result.ok) {
    const { message, range } = result.error;
    throw new UsageError(range.end > range.start || range.start > 0 ? `column ${range.start + 1}: ${message}` : message);
  }
  result.skipped.unshift(...unreadable);
  const projectDir = URI.parse(project.root).fsPath;
  for (const s of result.skipped) process.stderr.write(`axial query: skipped ${printable(path.relative(cwd, path.join(projectDir, s.file)))}: ${printable(s.reason)}\n`);
  const out =
    opts.format === 'csv'
      ? queryCsv(result.hits)
      : opts.format === 'json'
        ? JSON.stringify({ query: expression, unit: result.unit, transcripts: result.transcripts, skipped: result.skipped, hits: result.hits }, null, 2) + '\n'
        : result.hits.map((h) => formatHit(h, opts.out === undefined && colorFor(process.stdout)) + '\n').join('');
  if (opts.out !== undefined) {
    await writeFileAtomically(path.resolve(cwd, opts.out), out);
    process.stderr.write(`axial query: wrote ${printable(opts.out)}\n`);
  } else process.stdout.write(out);
  if (opts.format === 'text') {
    const files = new Set(result.hits.map((h) => h.file)).size;
    process.stderr.write(`${plural(result.hits.length, result.unit === 'span' ? 'span' : 'turn')} in ${plural(files, 'transcript')} (of ${result.transcripts} read)\n`);
  }
  return result.hits.length > 0 ? 0 : 1;
}

/** Registers `axial query` on the program. */
export function registerQuery(program: Command): void {
  program
    .command('query')
    .description(
      'The passages a code query selects: codes combined with AND, OR, NOT, NEAR/n (within n turns) and WITHIN (one span inside another), filtered with case:, participant:, speaker:, coder: (or @XX) and attr.NAME:. A category stands for its codes. Example: axial query "trust AND NOT expertise". Exit 0 passages found, 1 none, 2 usage error.',
    )
    .argument('<expression>', 'the query, quoted for the shell (see docs/queries.md)')
    .argument('[folder]', 'folder holding the project (codebook.yaml)', '.')
    .option('--unit <unit>', 'span (each coded span) or turn (each speaker turn)', 'span')
    .option('--coder <ids>', "only these coders' codes count (repeatable or comma list)", collect)
    .option('--format <format>', 'text, csv (one row per passage) or json', 'text')
    .option('--out <file>', 'write to this file instead of stdout (replaced)')
    .action(async (expression: string, folder: string, opts: QueryCommandOptions) => {
      try {
        process.exitCode = await queryCommand(expression, folder, opts);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        process.stderr.write(`axial query: ${printable(err.message)}\n`);
        process.exitCode = 2;
      }
    });
}
