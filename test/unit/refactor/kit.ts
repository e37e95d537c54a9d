/** Helpers for the quick-fix and refactoring tests: a project in memory, and applying edits. */
import { applyEdits, ProjectIndex, type FileEdit } from '../../../core';

export const ROOT = 'file:///study';
export const CODEBOOK = `${ROOT}/codebook.yaml`;
export const uriOf = (path: string) => `${ROOT}/${path}`;

/** Files by path relative to the project folder (`codebook.yaml`, `transcripts/a.md`). */
export type Files = Record<string, string>;

export function indexOf(files: Files): ProjectIndex {
  const index = new ProjectIndex();
  if (files['codebook.yaml'] !== undefined) index.setFile(CODEBOOK, files['codebook.yaml']);
  for (const [path, text] of Object.entries(files)) if (path !== 'codebook.yaml') index.setFile(uriOf(path), text);
  return index;
}

/** The files after applying edits (keyed by URI in the edits, by path here). */
export function applyFileEdits(files: Files, edits: FileEdit[]): Files {
  const out: Files = { ...files };
  const byPath = new Map<string, FileEdit[]>();
  for (const e of edits) {
    const path = e.uri.slice(ROOT.length + 1);
    if (!(path in files)) throw new Error(`edit to a file the test does not know: ${e.uri}`);
    let list = byPath.get(path);
    if (!list) byPath.set(path, (list = []));
    list.push(e);
  }
  for (const [path, list] of byPath) out[path] = applyEdits(files[path], list);
  return out;
}

/** The files that differ between two sets. */
export function changed(before: Files, after: Files): Files {
  const out: Files = {};
  for (const [p, t] of Object.entries(after)) if (before[p] !== t) out[p] = t;
  return out;
}
