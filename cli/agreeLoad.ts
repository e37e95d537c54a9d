import * as path from 'node:path';
import { parseTranscript, validateTranscript, type Codebook, type Transcript } from '../core';
import { agreementFile, type AgreementFile, type SkippedFile } from '../core/agreement';
import { readText } from '../host/nodeFiles';
import { loadOneProject, UsageError } from '../host/oneProject';

/** The transcripts of the one project under a folder, ready to compare. */
export interface LoadedProject {
  codebook: Codebook;
  files: AgreementFile[];
  /** Transcripts with errors, left out and named. */
  skipped: SkippedFile[];
}

export { UsageError };

/**
 * Loads the project under `folder` (exactly one) with every transcript's codings.
 * Each transcript is parsed, checked against the codebook and reduced to what
 * agreement needs, one at a time, so a large project never sits in memory
 * parsed. A transcript with errors is skipped: a broken span could make any
 * figure wrong. Paths are relative to `cwd`, as `axial check` prints them.
 */
export async function loadAgreementProject(folder: string, cwd = process.cwd()): Promise<LoadedProject> {
  const { root, codebook, transcripts } = await loadOneProject(folder, cwd);
  const files: AgreementFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const rel of transcripts) {
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
