/**
 * Reads the one project under a folder into what a REFI-QDA export is made from:
 * the codebook, each transcript's codings, case and attributes, and the memo
 * files of `memos/`, noting every
 * file with errors (the export still includes it; `axial export` names it).
 */
import * as path from 'node:path';
import { parseTranscript } from '../core';
import { refiMemo, refiSource, type RefiMemo, type RefiProject, type RefiSource } from '../core/refi';
import { readText } from './nodeFiles';
import { codebookErrors, firstError, loadOneProject, readTranscripts } from './oneProject';
import { unreadableReason } from './unreadableReason';

/** A file of the project with errors, named relative to the working folder. */
export interface FileProblem {
  file: string;
  reason: string;
}

/** The project to export and the files that have errors. */
export interface LoadedExport {
  project: RefiProject;
  problems: FileProblem[];
}

/**
 * Loads the project under `folder` (exactly one codebook.yaml). A transcript
 * that cannot be read is a problem and left out; one with markup or codebook
 * errors is a problem and exported as far as it parses.
 */
export async function loadExportProject(folder: string, cwd = process.cwd()): Promise<LoadedExport> {
  const project = await loadOneProject(folder, cwd, true);
  const { root, projectRoot, codebookFile, codebook, all } = project;
  const problems: FileProblem[] = [];
  const errors = codebookErrors(codebook);
  if (errors) problems.push({ file: path.relative(cwd, codebookFile), reason: errors });

  const sources: RefiSource[] = [];
  // Files are read with their BOM: the layouts the export keeps (core/refi/markupLayout.ts, memoLayout.ts) then give it back on import.
  const prefix = projectRoot === '' ? '' : `${projectRoot}/`;
  for await (const { rel, file, text } of readTranscripts(project, cwd, true)) {
    if (text === undefined) {
      problems.push({ file, reason: `cannot be read (${await unreadableReason(path.join(project.root, rel))}); left out` });
      continue;
    }
    const t = parseTranscript(text);
    const error = firstError(t, codebook);
    if (error) problems.push({ file, reason: error });
    sources.push(refiSource(rel.slice(prefix.length), t));
  }
  const memos: RefiMemo[] = [];
  for (const rel of all.filter((p) => p.startsWith(`${prefix}memos/`) && p.endsWith('.md')).sort()) {
    const text = await readText(path.join(root, rel), true);
    if (text === undefined) problems.push({ file: path.relative(cwd, path.join(root, rel)), reason: 'cannot be read (not UTF-8 text); left out' });
    else memos.push(refiMemo(rel.slice(prefix.length), text));
  }
  const name = codebook.title?.trim() || path.basename(path.join(root, projectRoot)) || 'Axial project';
  return { project: { name, codebook, sources, memos }, problems };
}

