/**
 * Bringing files into a project, for `axial import` and the editor's import
 * command alike: finds the project (the folder with codebook.yaml in or above
 * the given one), converts with core/importing, and writes the result
 * atomically, refusing to replace a file unless asked. Nothing is written when
 * anything fails, and no folder is left behind.
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseCodebook } from '../core';
import { codebookFromTable, commentsMemo, SHAPE_NAMES, transcriptFromText, type InterviewKind } from '../core/importing';
import { writeFileAtomically } from './atomicWrite';
import { readCodesSheet } from './codesSheet';
import { readInterviewFile } from './interviewFile';

/** Exit codes: 1 the input cannot be converted; 2 a usage problem (no project, the output exists, cannot write). */
export type ImportFailure = { ok: false; code: 1 | 2; error: string; exists?: true };

/** A transcript written. */
export interface TranscriptWritten {
  ok: true;
  file: string;
  shape: string;
  speakers: [label: string, name: string][];
  turns: number;
  /** The memo file holding a Word document's comments, and how many. */
  comments?: { file: string; count: number };
}

/** A codebook written or merged. */
export interface CodebookWritten {
  ok: true;
  file: string;
  merged: boolean;
  added: number;
  updated: number;
  categories: number;
}

/** What to import and where. */
export interface ImportOptions {
  /** The project folder; default: the one holding codebook.yaml in or above `cwd`. */
  project?: string;
  /** The file to write instead of the default place. */
  out?: string;
  /** Replace an existing transcript, or merge into an existing codebook.yaml. */
  force?: boolean;
  cwd?: string;
}

/** The extensions of interview files, by the converter they go to. */
export const INTERVIEW_EXTENSIONS: Record<string, InterviewKind> = { '.docx': 'docx', '.vtt': 'vtt', '.srt': 'srt', '.txt': 'txt' };
/** The extensions of spreadsheet codebooks. */
export const CODES_EXTENSIONS = ['.csv', '.xlsx'];

/** The nearest folder at or above `from` holding codebook.yaml. */
export function findProjectAbove(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'codebook.yaml'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Converts an interview file into a transcript in the project's transcripts folder (or `out`). */
export async function importInterview(file: string, opts: ImportOptions = {}): Promise<TranscriptWritten | ImportFailure> {
  const cwd = opts.cwd ?? process.cwd();
  const input = path.resolve(cwd, file);
  const kind = INTERVIEW_EXTENSIONS[path.extname(input).toLowerCase()];
  if (!kind) return { ok: false, code: 2, error: `${file}: not an interview file (.docx, .vtt, .srt or .txt)` };
  if (!isFile(input)) return { ok: false, code: 2, error: `no such file: ${file}` };
  let target: string;
  let projectDir: string;
  if (opts.out !== undefined) {
    target = path.resolve(cwd, opts.out);
    projectDir = opts.project !== undefined ? path.resolve(cwd, opts.project) : (findProjectAbove(path.dirname(target)) ?? path.dirname(target));
  } else {
    const project = opts.project !== undefined ? path.resolve(cwd, opts.project) : findProjectAbove(cwd);
    if (project === undefined) return { ok: false, code: 2, error: 'no project: no codebook.yaml in or above this folder (name the project folder, or give --out)' };
    if (!existsSync(path.join(project, 'codebook.yaml'))) return { ok: false, code: 2, error: `no codebook.yaml in ${opts.project ?? project}` };
    target = path.join(project, await transcriptsFolder(project), `${path.basename(input, path.extname(input))}.md`);
    projectDir = project;
  }
  if (isFolder(target)) return { ok: false, code: 2, error: `${target} is a folder; give a file name` };
  if (existsSync(target) && !opts.force) return { ok: false, code: 2, exists: true, error: `${path.relative(cwd, target) || target} exists (use --force to replace it)` };
  const read = await readInterviewFile(input);
  if (!read.ok) return { ok: false, code: 1, error: `${file}: ${read.error}` };
  const converted = await transcriptFromText(read.text, kind, path.basename(input, path.extname(input)));
  if (!converted.ok) return { ok: false, code: 1, error: `${file}: ${converted.error}` };
  // A Word document's comments go into a memo file linked to the transcript (core/importing/wordComments.ts).
  let memo: { file: string; text: string; count: number } | undefined;
  if (read.comments?.length) {
    const file = path.join(projectDir, 'memos', `${path.basename(target, path.extname(target))}-comments.md`);
    if (existsSync(file) && !opts.force) return { ok: false, code: 2, exists: true, error: `${path.relative(cwd, file) || file} exists (use --force to replace it)` };
    const transcript = path.relative(projectDir, target).split(path.sep).join('/');
    memo = { file, text: commentsMemo(read.comments, transcript, path.basename(input)), count: read.comments.length };
  }
  const replaced = existsSync(target);
  const written = await writeNew(target, converted.text);
  if (written) return { ok: false, code: 2, error: written };
  if (memo) {
    const memoWritten = await writeNew(memo.file, memo.text);
    if (memoWritten) {
      // Both files or neither: a new transcript goes again (one replaced with --force is already written over).
      if (!replaced) await fs.rm(target, { force: true }).catch(() => undefined);
      return { ok: false, code: 2, error: memoWritten };
    }
  }
  const result: TranscriptWritten = { ok: true, file: target, shape: SHAPE_NAMES[converted.shape], speakers: [...converted.speakers], turns: converted.turns };
  if (memo) result.comments = { file: memo.file, count: memo.count };
  return result;
}

/** Reads a spreadsheet of codes into the project's codebook.yaml (or `out`). */
export async function importCodebook(file: string, opts: ImportOptions = {}): Promise<CodebookWritten | ImportFailure> {
  const cwd = opts.cwd ?? process.cwd();
  const input = path.resolve(cwd, file);
  if (!CODES_EXTENSIONS.includes(path.extname(input).toLowerCase())) return { ok: false, code: 2, error: `${file}: not a codes sheet (.csv or .xlsx)` };
  if (!isFile(input)) return { ok: false, code: 2, error: `no such file: ${file}` };
  const project = opts.project !== undefined ? path.resolve(cwd, opts.project) : (findProjectAbove(cwd) ?? cwd);
  if (opts.project !== undefined && !isFolder(project)) return { ok: false, code: 2, error: `no such folder: ${opts.project}` };
  const target = opts.out !== undefined ? path.resolve(cwd, opts.out) : path.join(project, 'codebook.yaml');
  const exists = existsSync(target);
  if (exists && !opts.force) return { ok: false, code: 2, exists: true, error: `${path.relative(cwd, target) || target} exists (use --force to merge the codes into it)` };
  const sheet = await readCodesSheet(input);
  if (!sheet.ok) return { ok: false, code: 1, error: `${file}: ${sheet.error}` };
  let existing: string | undefined;
  if (exists) {
    try {
      existing = await fs.readFile(target, 'utf8');
    } catch (err) {
      return { ok: false, code: 2, error: `cannot read ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  const result = codebookFromTable(sheet.rows, existing);
  if (!result.ok) return { ok: false, code: 1, error: `${file}: ${result.error}` };
  // The codebook Axial reads back must be free of errors, or nothing is written.
  const check = parseCodebook(result.text).diagnostics.find((d) => d.severity === 'error');
  if (check) return { ok: false, code: 1, error: `${file}: the codes give an invalid codebook (${check.message})` };
  const written = await writeNew(target, result.text);
  if (written) return { ok: false, code: 2, error: written };
  return { ok: true, file: target, merged: exists, added: result.added, updated: result.updated, categories: result.categories };
}

/** The folder new transcripts go in: the fixed start of the codebook's first transcripts glob, else `transcripts`. */
async function transcriptsFolder(project: string): Promise<string> {
  try {
    const codebook = parseCodebook(await fs.readFile(path.join(project, 'codebook.yaml'), 'utf8'));
    const glob = codebook.transcripts?.[0];
    if (glob) {
      const fixed = glob.split('/').filter((_, i, all) => i < all.length - 1);
      const stop = fixed.findIndex((part) => /[*?[\]{}!]/.test(part));
      const dir = (stop < 0 ? fixed : fixed.slice(0, stop)).join('/');
      if (dir !== '' && !dir.startsWith('..') && !path.isAbsolute(dir)) return dir;
    }
  } catch {
    // An unreadable codebook leaves the default.
  }
  return 'transcripts';
}

/** Writes `text` atomically, creating missing folders; on failure removes them and returns the reason. */
async function writeNew(target: string, text: string): Promise<string | undefined> {
  const dir = path.dirname(target);
  let created: string | undefined;
  try {
    created = await fs.mkdir(dir, { recursive: true });
    await writeFileAtomically(target, text);
    return undefined;
  } catch (err) {
    if (created) await fs.rm(created, { recursive: true, force: true }).catch(() => undefined);
    return `cannot write ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
