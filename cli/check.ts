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
import { DiagnosticCodes, isCodebookUri, isMemoPath, layoutDiagnostics, memoDiagnostics, missingExamples, normalizeUri, printable, ProjectIndex, relativePath, type AxialDiagnostic, type LineIndex, type Project } from '../core';
import { codebooksFirst, findProjectFiles, readTexts } from '../host/nodeFiles';
import { notUtf8 } from '../host/notUtf8';
import { noCodebookMessage } from '../host/projectAbove';
import { unreadableReason } from '../host/unreadableReason';
import { checkDiagnostics, fileName, notUtf8Diagnostic, type CheckFile } from './checkFiles';
import { CheckThreads } from './checkWorkers';
import { withProgress } from './progress';
import { colorFor, compareDiagnostics, FORMATS, formatSummary, render, type CheckDiagnostic, type CheckSummary, type Format } from './output';

/** Result of checking every project under a folder. */
export interface CheckResult {
  diagnostics: CheckDiagnostic[];
  summary: CheckSummary;
  /** codebook.yaml files that exist but could not be read, with why (also among the diagnostics). */
  unreadableCodebooks: { file: string; reason: string }[];
}

/** Exit codes of `axial check`, as `--help` documents them. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

const FILE_START = { positionAt: () => ({ line: 0, character: 0 }) };

/**
 * Loads every project under `folder` and lists their diagnostics, sorted by file,
 * line and column. The codebooks go into a project index, which decides which
 * files are transcripts; the transcripts are then checked one by one (in worker
 * threads on a large project, cli/checkWorkers.ts) without being kept: the same
 * diagnostics the index gives the editor, at a fraction of the memory.
 */
export async function check(folder: string, opts: { strict?: boolean } = {}, cwd = process.cwd()): Promise<CheckResult> {
  const root = path.resolve(cwd, folder);
  const toUri = (f: string) => URI.file(f).toString();
  const files = codebooksFirst(await findProjectFiles(root));
  // Worker threads load while this one reads the codebooks (cli/checkWorkers.ts).
  const threads = CheckThreads.start(files.length);
  const { index, projects, projectNumber, members, checked, unreadable, notText } = await loadAndCheck(files, threads, cwd).finally(() => threads.close());
  const result = new Map(members.map((m, i) => [m.uri, checked[i]]));
  members.forEach((m, i) => checked[i].unreadable && unreadable.push(m.file));

  // Text files that are no project's transcript or memo, by the project they sit in.
  const outside = new Map<Project, string[]>();
  const unreadableSet = new Set(unreadable);
  for (const f of files) {
    const uri = toUri(f);
    if (isCodebookUri(uri) || result.has(normalizeUri(uri)) || unreadableSet.has(f)) continue;
    const project = index.nearestProject(uri);
    if (project) outside.set(project, [...(outside.get(project) ?? []), uri]);
  }

  const diagnostics: CheckDiagnostic[] = [];
  const add = (uri: string, ds: AxialDiagnostic[], lines: Pick<LineIndex, 'positionAt'>, project: Project) => {
    diagnostics.push(...checkDiagnostics(fileName(uri, cwd), ds, lines, project.codebook));
  };
  let transcripts = 0;
  for (const project of projects) {
    const number = projectNumber.get(project)!;
    const mine = members.filter((m) => m.project === number && !result.get(m.uri)!.unreadable);
    // An example counts as found when any transcript of the project holds it.
    const found = new Set<string>();
    for (const m of mine) for (const [id, ks] of result.get(m.uri)!.examples) for (const k of ks) found.add(`${k}:${id}`);
    const codebookDiagnostics = [...project.codebook.diagnostics, ...missingExamples(project.codebook, (id, k) => found.has(`${k}:${id}`))];
    add(project.codebookUri, codebookDiagnostics, project.codebook.lines, project);
    for (const m of mine) diagnostics.push(...result.get(m.uri)!.diagnostics);
    // Memos were read into the index (loadAndCheck); their transcripts are the ones just checked.
    if (project.memos.size > 0) {
      const paths = new Set(mine.map((m) => relativePath(project.root, m.uri)).filter((x): x is string => x !== undefined));
      for (const m of project.memos.values()) add(m.uri, memoDiagnostics(project, m, paths), m.lines, project);
    }
    transcripts += mine.length;
    for (const l of layoutDiagnostics(project, outside.get(project) ?? [], mine.length)) {
      // A left-out file is not parsed; its warning sits at its start.
      add(l.uri, [l.diagnostic], l.uri === project.codebookUri ? project.codebook.lines : FILE_START, project);
    }
  }
  diagnostics.push(...notText);
  const unreadableCodebooks: CheckResult['unreadableCodebooks'] = [];
  for (const f of unreadable) {
    const reason = await unreadableReason(f);
    if (isCodebookUri(toUri(f))) unreadableCodebooks.push({ file: fileName(toUri(f), cwd), reason });
    diagnostics.push(unreadableDiagnostic(fileName(toUri(f), cwd), reason));
  }
  diagnostics.sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const strict = opts.strict === true;
  return {
    diagnostics,
    summary: { projects: projects.length, transcripts, errors, warnings, strict, ok: errors === 0 && (!strict || warnings === 0) },
    unreadableCodebooks,
  };
}

/** The error of a file that exists but cannot be read: at its start, since nothing of it is known. */
function unreadableDiagnostic(file: string, reason: string): CheckDiagnostic {
  return {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    severity: 'error',
    code: DiagnosticCodes.unreadable,
    message: `Axial cannot read this file (${reason}), so it is not checked.`,
  };
}

/**
 * Reads the codebooks and memos into a project index, sorts the files into each
 * project's transcripts, and checks those (on `threads`).
 */
async function loadAndCheck(files: string[], threads: CheckThreads, cwd: string) {
  const toUri = (f: string) => URI.file(f).toString();
  const index = new ProjectIndex();
  const codebookFiles = files.filter((f) => isCodebookUri(toUri(f)));
  // Files that exist but cannot be read (mode 000, another user's): each is an error of its own.
  const unreadable: string[] = [];
  // Codebooks and memos that are not UTF-8 are still read (as editors would show them), and said to be wrong.
  const notText: CheckDiagnostic[] = [];
  const read = (file: string, text: string | undefined): void => {
    if (text === undefined) {
      unreadable.push(file);
      return;
    }
    index.setFile(toUri(file), text);
    const bad = notUtf8(file, text);
    if (bad) notText.push(notUtf8Diagnostic(fileName(toUri(file), cwd), text, bad));
  };
  for await (const { file, text } of readTexts(codebookFiles)) read(file, text);
  const projects = index.projects();
  const projectNumber = new Map(projects.map((p, i) => [p, i]));

  // Each text file is a transcript of one project, a memo (memos/*.md of a project that
  // no glob makes a transcript), or lies in a project outside its globs, or neither.
  // Memos are few and small: the index reads and keeps them.
  const members: CheckFile[] = [];
  const memoFiles: string[] = [];
  for (const f of files) {
    const uri = toUri(f);
    if (isCodebookUri(uri)) continue;
    const project = index.memberProjectOf(uri);
    if (project) {
      members.push({ file: f, uri: normalizeUri(uri), project: projectNumber.get(project)! });
      continue;
    }
    const nearest = index.nearestProject(uri);
    const rel = nearest ? relativePath(nearest.root, uri) : undefined;
    if (rel !== undefined && isMemoPath(rel)) memoFiles.push(f);
  }
  for await (const { file, text } of readTexts(memoFiles)) read(file, text);
  const job = { codebooks: projects.map((p) => p.codebook.text), files: members, cwd };
  const checked = await threads.check(job, projects.map((p) => p.codebook));
  return { index, projects, projectNumber, members, checked, unreadable, notText };
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
and two errors:
  project.unreadable           a transcript, memo or codebook.yaml that cannot be
                               read (its permissions), so it is not checked
  project.not-utf8             a transcript, memo or codebook.yaml that is binary
                               or not UTF-8 (at its first bad byte)
The did-you-mean of an unknown code is the editor's quick fix ("Did you mean 'trust'?").

Diagnostics are sorted by file, line and column. Files are relative to the
current folder (in GitHub Actions, run from the repository root so annotations
find them); lines and columns start at 1 (columns count UTF-16 units, as editors
do); endColumn is the column just after the last character. Messages are one
line: text quoted from transcripts is escaped (\\n, \\u001b, …). Colours only on a
terminal, never when NO_COLOR is set.

A large project is checked on several threads when the machine has idle cores
(one thread per two logical CPUs: a core's second hardware thread does not speed
checking up); the environment variable AXIAL_THREADS=n sets how many (1: this
thread only).

Exit codes:
  0  no errors (and, with --strict, no warnings)
  1  errors found (or, with --strict, warnings)
  2  usage error, a folder that does not exist, or no codebook.yaml under it
     (or none that can be read)
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
  if (result.summary.projects === 0) {
    const [first] = result.unreadableCodebooks;
    return fail(first ? `cannot read ${printable(first.file)} (${first.reason})` : noCodebookMessage(shown));
  }
  const format: Format = opts.json ? 'json' : opts.format;
  process.stdout.write(render(format, result.diagnostics, result.summary, colorFor(process.stdout)));
  if (format !== 'json') process.stderr.write(formatSummary(result.summary) + '\n');
  process.exitCode = result.summary.ok ? EXIT.clean : EXIT.problems;
}
