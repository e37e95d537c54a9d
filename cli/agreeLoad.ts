import * as path from 'node:path';
import { parseCodebook, parseTranscript, validateTranscript, type Codebook, type Transcript } from '../core';
import { agreementFile, type AgreementFile, type SkippedFile } from '../core/agreement';
import { codebookRoot, Projects } from '../core/diff';
import { findProjectFiles, readText } from '../host/nodeFiles';

/** The transcripts of the one project under a folder, ready to compare. */
export interface LoadedProject {
  codebook: Codebook;
  files: AgreementFile[];
  /** Transcripts with errors, left out and named. */
  skipped: SkippedFile[];
}

/** A failure the user can fix, printed as one line with exit code 2. */
export class UsageError extends Error {}

/**
 * Loads the project under `folder` (exactly one) with every transcript's codings.
 * Each transcript is parsed, checked against the codebook and reduced to what
 * agreement needs, one at a time, so a large project never sits in memory
 * parsed. A transcript with errors is skipped: a broken span could make any
 * figure wrong. Paths are relative to `cwd`, as `axial check` prints them.
 */
export async function loadAgreementProject(folder: string, cwd = process.cwd()): Promise<LoadedProject> {
  const root = path.resolve(cwd, folder);
  const all = (await findProjectFiles(root)).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const codebooks = all.filter((p) => codebookRoot(p) !== undefined);
  if (codebooks.length === 0) throw new UsageError(`no codebook.yaml found under ${folder}`);
  if (codebooks.length > 1) {
    const names = codebooks.map((p) => path.relative(cwd, path.join(root, path.dirname(p))) || '.').join(', ');
    throw new UsageError(`${codebooks.length} projects under ${folder} (${names}): name one folder`);
  }
  const projectRoot = codebookRoot(codebooks[0])!;
  const codebookText = await readText(path.join(root, codebooks[0]));
  if (codebookText === undefined) throw new UsageError(`cannot read ${path.join(folder, codebooks[0])}`);
  const codebook = parseCodebook(codebookText);
  const projects = new Projects(new Map([[projectRoot, codebook]]));
  const files: AgreementFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const rel of all.filter((p) => projects.projectOf(p) === projectRoot).sort()) {
    const full = path.join(root, rel);
    const file = path.relative(cwd, full) || rel;
    const text = await readText(full);
    if (text === undefined) {
      skipped.push({ file, reason: 'cannot be read' });
      continue;
    }
    const t = parseTranscript(text);
    const error = firstError(t, codebook);
    if (error) skipped.push({ file, reason: error });
    else files.push(agreementFile(file, t));
  }
  return { codebook, files, skipped };
}

/** "N errors (line L: message)" for a transcript with errors, else undefined. */
export function firstError(t: Transcript, codebook: Codebook): string | undefined {
  const errors = [...t.diagnostics, ...validateTranscript(t, codebook)].filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  errors.sort((a, b) => a.range.start - b.range.start);
  const line = t.lines.positionAt(errors[0].range.start).line + 1;
  return `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${line}: ${errors[0].message})`;
}
