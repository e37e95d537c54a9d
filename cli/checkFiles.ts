/**
 * The per-transcript part of `axial check`: read, parse, check against the
 * codebook, and keep only what the report needs (diagnostics as lines and
 * columns, and which codebook examples the file holds). Nothing of the parse
 * outlives its file, so checking a large project allocates little that lasts, and
 * the work can be shared between threads (cli/checkWorkers.ts): each thread
 * claims the next file not yet taken until none is left.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { collectUses, didYouMean, DiagnosticCodes, examplesFoundIn, LineIndex, parseCodebook, parseTranscript, printable, validateTranscript, type AxialDiagnostic, type Codebook } from '../core';
import { readTextSync } from '../host/nodeFiles';
import { notUtf8, type NotText } from '../host/notUtf8';
import type { CheckDiagnostic } from './output';

/** One transcript to check: its path, URI and the project (index into `CheckJob.codebooks`) it belongs to. */
export interface CheckFile {
  file: string;
  uri: string;
  project: number;
}

/** A batch of transcripts to check, as plain data (it crosses to a worker thread). */
export interface CheckJob {
  /** Each project's codebook text. */
  codebooks: string[];
  files: CheckFile[];
  /** The folder file names are relative to. */
  cwd: string;
}

/** What checking one transcript found; `unreadable` when it could not be read (it then counts as no transcript). */
export interface CheckedFile {
  unreadable?: true;
  diagnostics: CheckDiagnostic[];
  /** Code id → indices of its codebook examples this file's quotes hold. */
  examples: [string, number[]][];
}

/**
 * Checks files of a job until none is left: `claim` gives the index of the next
 * file to check (the end of the list or past it when every file is taken), and
 * `checked` receives each result. Each file is read synchronously just before it
 * is parsed: from the page cache that costs less CPU than reading ahead with
 * promises, and the text dies young, where collecting it costs least.
 */
export function checkClaimed(job: CheckJob, codebooks: readonly Codebook[], claim: () => number, checked: (i: number, result: CheckedFile) => void): void {
  // A codebook without examples needs no search of any file's quotes.
  const withExamples = codebooks.map((c) => [...c.codes.values()].some((code) => code.examples.length > 0));
  for (let i = claim(); i < job.files.length; i = claim()) {
    const f = job.files[i];
    const text = readTextSync(f.file);
    if (text === undefined) {
      checked(i, { unreadable: true, diagnostics: [], examples: [] });
      continue;
    }
    const bad = notUtf8(f.file, text);
    checked(i, bad ? { diagnostics: [notUtf8Diagnostic(fileName(f.uri, job.cwd), text, bad)], examples: [] } : checkText(f.uri, text, codebooks[f.project], job.cwd, withExamples[f.project]));
  }
}

/** Checks every file of a job on this thread, in order, against its codebooks parsed from the job. */
export function checkFiles(job: CheckJob, codebooks: readonly Codebook[] = job.codebooks.map((text) => parseCodebook(text))): CheckedFile[] {
  const out: CheckedFile[] = [];
  let next = 0;
  checkClaimed(job, codebooks, () => next++, (i, r) => (out[i] = r));
  return out;
}

/**
 * The error of a file that is not UTF-8 text; a transcript's one error, in place
 * of its markup's diagnostics: what the decoder made of it is not what the coder wrote.
 */
export function notUtf8Diagnostic(file: string, text: string, bad: NotText): CheckDiagnostic {
  const at = bad.binary ? { line: 0, character: 0 } : new LineIndex(text).positionAt(bad.offset);
  const message = bad.binary
    ? 'This file is binary, not text.'
    : `This file is not UTF-8 text (byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} here): Axial reads its files as UTF-8, so what it shows of this one would be wrong. Save it as UTF-8.`;
  return {
    file,
    line: at.line + 1,
    column: at.character + 1,
    endLine: at.line + 1,
    endColumn: at.character + (bad.binary ? 1 : 2),
    severity: 'error',
    code: DiagnosticCodes.notUtf8,
    message,
  };
}

/**
 * Checks one transcript's text against its codebook, as the project index does
 * for the editor; `examples` false skips looking for the codebook's examples in
 * its quotes (a codebook with none).
 */
export function checkText(uri: string, text: string, codebook: Codebook, cwd: string, examples = true): CheckedFile {
  const t = parseTranscript(text, { quotes: examples });
  const found = [...t.diagnostics, ...validateTranscript(t, codebook)];
  // Most files have nothing to report: their printed name is never needed.
  const diagnostics = found.length === 0 ? [] : checkDiagnostics(fileName(uri, cwd), found, t.lines, codebook);
  return { diagnostics, examples: examples ? [...examplesFoundIn(codebook, t, collectUses(uri, t))] : [] };
}

/** A file's name as `axial check` prints it: relative to `cwd`, with `/`. */
export function fileName(uri: string, cwd: string): string {
  return path.relative(cwd, URI.parse(uri).fsPath).split(path.sep).join('/') || '.';
}

/** Diagnostics with 1-based lines and columns, and the editor's did-you-mean on unknown codes. */
export function checkDiagnostics(file: string, ds: AxialDiagnostic[], lines: Pick<LineIndex, 'positionAt'>, codebook: Codebook): CheckDiagnostic[] {
  return ds.map((d) => {
    const start = lines.positionAt(d.range.start);
    const end = lines.positionAt(d.range.end);
    return {
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      severity: d.severity,
      code: d.code,
      message: withDidYouMean(codebook, d),
    };
  });
}

/** An unknown code's message with the editor's did-you-mean (its quick fixes offer the same ids). */
function withDidYouMean(codebook: Codebook, d: AxialDiagnostic): string {
  const id = d.data?.id;
  if (d.code !== DiagnosticCodes.unknownCode || typeof id !== 'string' || d.data?.aliasOf !== undefined) return d.message;
  const near = didYouMean(codebook, id).map((c) => `'${printable(c)}'`);
  if (near.length === 0) return d.message;
  const list = near.length === 1 ? near[0] : `${near.slice(0, -1).join(', ')} or ${near[near.length - 1]}`;
  return `${d.message} Did you mean ${list}?`;
}
