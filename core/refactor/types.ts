import type { Codebook } from '../codebook/types';
import { DiagnosticCodes } from '../diagnostics';
import type { FileEdit } from '../edits/types';

/**
 * The outcome of a refactoring: the edits across the project (codebook.yaml and
 * transcripts, as one change) with a one-line summary, or why it cannot be done,
 * in words for the researcher.
 */
export type RefactorResult = { ok: true; edits: FileEdit[]; summary: string } | { ok: false; message: string };

export function refused(message: string): RefactorResult {
  return { ok: false, message };
}


/**
 * A refusal when codebook.yaml has YAML syntax errors: what Axial reads of it may
 * then be partial, so a project-wide change could miss references.
 */
export function brokenCodebook(cb: Codebook): RefactorResult | undefined {
  const e = cb.diagnostics.find((d) => d.code === DiagnosticCodes.codebookYaml && d.severity === 'error');
  return e ? refused(`codebook.yaml has a YAML error (line ${cb.lines.positionAt(e.range.start).line + 1}: ${e.message}) Fix it first, so Axial reads every code.`) : undefined;
}
