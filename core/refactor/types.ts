import type { FileEdit } from '../features/fixes/types';

/**
 * The outcome of a refactoring: the edits across the project (codebook.yaml and
 * transcripts, as one change) with a one-line summary, or why it cannot be done,
 * in words for the researcher.
 */
export type RefactorResult = { ok: true; edits: FileEdit[]; summary: string } | { ok: false; message: string };

export function refused(message: string): RefactorResult {
  return { ok: false, message };
}

/** "3 tags", "1 tag". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
