import type { TextEdit } from '../edits/types';

/**
 * What the coding edits of one transcript answer: offset edits that change only
 * coding markup (the stripped text stays the same) with a one-line summary, or
 * why nothing can be done, in words for the researcher.
 */
export type CodingEdit =
  | {
      ok: true;
      edits: TextEdit[];
      summary: string;
      /** Existing spans that got a `^label` so a crossing span could be added. */
      relabelled?: number;
    }
  | { ok: false; message: string };

/** Codes to apply and who applies them. */
export interface Coding {
  /** Code ids, in the order they are written. */
  codes: string[];
  /**
   * The coder applying them (initials). A block gets `@coder` only when this
   * differs from the transcript's default coder (front matter `coder`); when
   * undefined, the default coder applies.
   */
  coder?: string;
}

export function refuse(message: string): CodingEdit {
  return { ok: false, message };
}
