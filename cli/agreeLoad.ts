import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ProjectIndex, type Codebook } from '../core';
import type { AgreementFile, SkippedFile } from '../core/agreement';
import { extractCodings } from '../core/codings/extract';
import { loadFolder } from '../host/nodeFiles';

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
 * A transcript with errors is skipped: a broken span could make any figure wrong.
 * Paths are relative to `cwd`, as `axial check` prints them.
 */
export async function loadAgreementProject(folder: string, cwd = process.cwd()): Promise<LoadedProject> {
  const root = path.resolve(cwd, folder);
  const index = new ProjectIndex();
  await loadFolder(index, root, (f) => URI.file(f).toString());
  const projects = index.projects();
  if (projects.length === 0) throw new UsageError(`no codebook.yaml found under ${folder}`);
  if (projects.length > 1) {
    const names = projects.map((p) => path.relative(cwd, URI.parse(p.root).fsPath) || '.').join(', ');
    throw new UsageError(`${projects.length} projects under ${folder} (${names}): name one folder`);
  }
  const project = projects[0];
  const files: AgreementFile[] = [];
  const skipped: SkippedFile[] = [];
  const entries = [...project.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of entries) {
    const file = path.relative(cwd, URI.parse(e.uri).fsPath) || e.path;
    const errors = e.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const first = errors[0];
      const line = e.transcript.lines.positionAt(first.range.start).line + 1;
      skipped.push({ file, reason: `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${line}: ${first.message})` });
      continue;
    }
    files.push({ path: file, transcript: e.transcript, codings: extractCodings(e.transcript).codings });
  }
  return { codebook: project.codebook, files, skipped };
}
