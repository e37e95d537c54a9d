import { parseTranscript, type Codebook } from '../core';
import { agreementFile, type AgreementFile, type SkippedFile } from '../core/agreement';
import { codebookProblemLine, firstError, loadOneProject, readTranscripts, UsageError } from '../host/oneProject';

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
  const project = await loadOneProject(folder, cwd);
  const { codebook } = project;
  // Said before anything else: when every transcript is skipped for it, what follows is "nobody coded".
  const problem = codebookProblemLine('agree', project, cwd);
  if (problem) process.stderr.write(problem + '\n');
  const files: AgreementFile[] = [];
  const skipped: SkippedFile[] = [];
  for await (const { file, text } of readTranscripts(project, cwd)) {
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

