/**
 * The one project under a folder, for the commands that work on exactly one
 * (`axial agree`, `axial export`, `axial report`, and the editor's export commands): its codebook read and parsed, and its files.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseCodebook, printable, validateTranscript, type Codebook, type Transcript } from '../core';
import { codebookRoot, Projects } from '../core/diff';
import { findProjectFiles, readText, readTexts } from './nodeFiles';
import { noCodebookMessage } from './projectAbove';

/** A failure the user can fix, printed as one line with exit code 2. */
export class UsageError extends Error {}

/** The project found under a folder. Paths are relative to `root`, with `/`. */
export interface OneProject {
  /** The folder asked for, absolute. */
  root: string;
  /** The project's folder relative to `root` ('' when it is `root` itself). */
  projectRoot: string;
  /** codebook.yaml, absolute. */
  codebookFile: string;
  codebook: Codebook;
  /** Every text file under `root` (memos included). */
  all: string[];
  /** The project's transcripts (its codebook's globs), sorted. */
  transcripts: string[];
}

/**
 * Finds the one codebook.yaml under `folder` (a missing folder, a file, none or
 * several is a UsageError) and reads it; `keepBom` keeps its BOM (the codebook
 * parser reads past it), for the REFI-QDA export, which keeps the text as written.
 */
export async function loadOneProject(folder: string, cwd = process.cwd(), keepBom = false): Promise<OneProject> {
  const root = path.resolve(cwd, folder);
  if (!existsSync(root)) throw new UsageError(`no such folder: ${folder}`);
  if (!statSync(root).isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  const all = (await findProjectFiles(root)).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const codebooks = all.filter((p) => codebookRoot(p) !== undefined);
  if (codebooks.length === 0) throw new UsageError(noCodebookMessage(folder, cwd));
  if (codebooks.length > 1) {
    const names = codebooks.map((p) => path.relative(cwd, path.join(root, path.dirname(p))) || '.').join(', ');
    throw new UsageError(`${codebooks.length} projects under ${folder} (${names}): name one folder`);
  }
  const projectRoot = codebookRoot(codebooks[0])!;
  const codebookFile = path.join(root, codebooks[0]);
  const codebookText = await readText(codebookFile, keepBom);
  if (codebookText === undefined) throw new UsageError(`cannot read ${path.relative(cwd, codebookFile)}`);
  const codebook = parseCodebook(codebookText);
  const projects = new Projects(new Map([[projectRoot, codebook]]));
  const transcripts = all.filter((p) => projects.projectOf(p) === projectRoot).sort();
  return { root, projectRoot, codebookFile, codebook, all, transcripts };
}

/** One transcript of a project as read: `rel` under the root, `file` as the user names it (relative to cwd); undefined text when unreadable. */
export interface ReadTranscript {
  rel: string;
  file: string;
  text: string | undefined;
}

/** The project's transcripts read one at a time, so a large project never sits in memory whole; `keepBom` as readText. */
export async function* readTranscripts(project: OneProject, cwd = process.cwd(), keepBom = false): AsyncGenerator<ReadTranscript> {
  // Several reads in flight, results in order (host/nodeFiles.ts).
  const texts = readTexts(project.transcripts.map((rel) => path.join(project.root, rel)), undefined, keepBom);
  for (const rel of project.transcripts) {
    const full = path.join(project.root, rel);
    const { text } = (await texts.next()).value!;
    yield { rel, file: path.relative(cwd, full) || rel, text };
  }
}

/**
 * "N errors (line L: message)" for a codebook.yaml with errors, else undefined.
 * Every command that reads a whole project names it: codes it fails to define
 * make the transcripts that use them skipped, and the codebook is the cause.
 */
export function codebookErrors(codebook: Codebook): string | undefined {
  const errors = codebook.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const first = errors.reduce((a, b) => (b.range.start < a.range.start ? b : a));
  const line = codebook.lines.positionAt(first.range.start).line + 1;
  return `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${line}: ${first.message})`;
}

/** The line `axial <command>` prints for a codebook with errors ("axial report: codebook.yaml: 2 errors (line 3: …)"), else undefined. */
export function codebookProblemLine(command: string, project: Pick<OneProject, 'codebook' | 'codebookFile'>, cwd = process.cwd()): string | undefined {
  const errors = codebookErrors(project.codebook);
  return errors && printable(`axial ${command}: ${path.relative(cwd, project.codebookFile)}: ${errors}; transcripts using codes it does not define are skipped (axial check lists every problem)`);
}

/** "N errors (line L: message)" for a transcript with markup or codebook errors, else undefined. */
export function firstError(t: Transcript, codebook: Codebook): string | undefined {
  const errors = [...t.diagnostics, ...validateTranscript(t, codebook)].filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  errors.sort((a, b) => a.range.start - b.range.start);
  const line = t.lines.positionAt(errors[0].range.start).line + 1;
  return `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${line}: ${errors[0].message})`;
}
