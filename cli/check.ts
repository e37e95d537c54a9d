/**
 * `axial check`: every diagnostic of the projects under a folder, for terminals
 * and CI. The checks are core's (the same as the editor's), plus what only a walk
 * of the disk can tell (core/project/layout.ts): globs that match nothing and text
 * files the globs leave out. Output formats are in cli/output.ts.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Command, Option, type CommanderError } from 'commander';
import { URI } from 'vscode-uri';
import { didYouMean, DiagnosticCodes, isCodebookUri, layoutDiagnostics, printable, ProjectIndex, type AxialDiagnostic, type LineIndex, type Project } from '../core';
import { findProjectFiles, loadFolder } from '../host/nodeFiles';
import { withProgress } from './progress';
import { colorFor, compareDiagnostics, FORMATS, formatSummary, render, type CheckDiagnostic, type CheckSummary, type Format } from './output';

/** Result of checking every project under a folder. */
export interface CheckResult {
  diagnostics: CheckDiagnostic[];
  summary: CheckSummary;
}

/** Exit codes of `axial check`, as `--help` documents them. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

const FILE_START = { positionAt: () => ({ line: 0, character: 0 }) };

/** Loads every project under `folder` and lists their diagnostics, sorted by file, line and column. */
export async function check(folder: string, opts: { strict?: boolean } = {}, cwd = process.cwd()): Promise<CheckResult> {
  const root = path.resolve(cwd, folder);
  const toUri = (f: string) => URI.file(f).toString();
  const index = new ProjectIndex();
  await loadFolder(index, root, toUri);
  const projects = index.projects();

  // Text files that are no project's transcript, by the project they sit in.
  const outside = new Map<Project, string[]>();
  for (const f of await findProjectFiles(root)) {
    const uri = toUri(f);
    if (isCodebookUri(uri)) continue;
    const project = index.nearestProject(uri);
    if (project && !project.transcripts.has(uri)) outside.set(project, [...(outside.get(project) ?? []), uri]);
  }

  const diagnostics: CheckDiagnostic[] = [];
  const add = (uri: string, ds: AxialDiagnostic[], lines: Pick<LineIndex, 'positionAt'>, project: Project) => {
    const file = path.relative(cwd, URI.parse(uri).fsPath).split(path.sep).join('/') || '.';
    for (const d of ds) {
      const start = lines.positionAt(d.range.start);
      const end = lines.positionAt(d.range.end);
      diagnostics.push({
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: d.severity,
        code: d.code,
        message: withDidYouMean(project, d),
      });
    }
  };
  let transcripts = 0;
  for (const project of projects) {
    add(project.codebookUri, index.codebookDiagnostics(project), project.codebook.lines, project);
    for (const e of project.transcripts.values()) add(e.uri, e.diagnostics, e.transcript.lines, project);
    transcripts += project.transcripts.size;
    for (const l of layoutDiagnostics(project, outside.get(project) ?? [])) {
      // A left-out file is not parsed; its warning sits at its start.
      add(l.uri, [l.diagnostic], l.uri === project.codebookUri ? project.codebook.lines : FILE_START, project);
    }
  }
  diagnostics.sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const strict = opts.strict === true;
  return {
    diagnostics,
    summary: { projects: projects.length, transcripts, errors, warnings, strict, ok: errors === 0 && (!strict || warnings === 0) },
  };
}

/** An unknown code's message with the editor's did-you-mean (its quick fixes offer the same ids). */
function withDidYouMean(project: Project, d: AxialDiagnostic): string {
  const id = d.data?.id;
  if (d.code !== DiagnosticCodes.unknownCode || typeof id !== 'string' || d.data?.aliasOf !== undefined) return d.message;
  const near = didYouMean(project.codebook, id).map((c) => `'${printable(c)}'`);
  if (near.length === 0) return d.message;
  const list = near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`;
  return `${d.message} Did you mean ${list}?`;
}

const HELP = `
Output formats:
  text    one line per diagnostic, "file:line:column severity code message",
          then a summary line on stderr ("1 project, 7 transcripts: 0 errors, 1 warning")
  github  GitHub Actions annotations, "::error file=…,line=…,col=…,endLine=…,endColumn=…,title=code::message",
          then the summary line on stderr
  json    {"diagnostics": [{"file", "line", "column", "endLine", "endColumn",
          "severity", "code", "message"}], "summary": {"projects", "transcripts",
          "errors", "warnings", "strict", "ok"}}

Besides the editor's diagnostics, two warnings about a project's files:
  project.no-transcripts       the transcripts globs of codebook.yaml match no file
  project.outside-transcripts  a .md or .txt file in the project that no glob matches
                               (not READMEs, CHANGELOG/CONTRIBUTING/LICENSE… at the
                               project root, memos/, or names starting with ".")
The did-you-mean of an unknown code is the editor's quick fix ("Did you mean 'trust'?").

Diagnostics are sorted by file, line and column. Files are relative to the
current folder (in GitHub Actions, run from the repository root so annotations
find them); lines and columns start at 1 (columns count UTF-16 units, as editors
do); endColumn is the column just after the last character. Messages are one
line: text quoted from transcripts is escaped (\\n, \\u001b, …). Colours only on a
terminal, never when NO_COLOR is set.

Exit codes:
  0  no errors (and, with --strict, no warnings)
  1  errors found (or, with --strict, warnings)
  2  usage error, a folder that does not exist, or no codebook.yaml under it
`;

/** The `check` subcommand, ready for `program.addCommand`. */
export function checkCommand(): Command {
  return new Command('check')
    .description('Check every project (folder with codebook.yaml) under a folder, as the editor does; for terminals and CI.')
    .argument('[folder]', 'folder holding one or more projects', '.')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--json', 'the same as --format json').conflicts('format'))
    .option('--strict', 'warnings fail the check too (exit 1)')
    .option('-q, --quiet', 'no progress bar (shown on a terminal when reading takes over a second)')
    .addHelpText('after', HELP)
    .exitOverride(usageExit)
    .action(runCheck);
}

/** Commander's usage errors (unknown option, bad --format, extra arguments) exit 2; --help exits 0. */
function usageExit(err: CommanderError): never {
  process.exit(err.exitCode === 0 ? EXIT.clean : EXIT.usage);
}

async function runCheck(folder: string, opts: { format: Format; json?: boolean; strict?: boolean; quiet?: boolean }): Promise<void> {
  const fail = (message: string) => {
    process.stderr.write(`axial check: ${message}\n`);
    process.exitCode = EXIT.usage;
  };
  const shown = printable(folder);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat) return fail(`${shown} does not exist`);
  if (!stat.isDirectory()) return fail(`${shown} is not a folder; give the folder that holds codebook.yaml (or one above it)`);
  const result = await withProgress('Checking', opts, () => check(folder, { strict: opts.strict }));
  if (result.summary.projects === 0) return fail(`no codebook.yaml found under ${shown}`);
  const format: Format = opts.json ? 'json' : opts.format;
  process.stdout.write(render(format, result.diagnostics, result.summary, colorFor(process.stdout)));
  if (format !== 'json') process.stderr.write(formatSummary(result.summary) + '\n');
  process.exitCode = result.summary.ok ? EXIT.clean : EXIT.problems;
}
