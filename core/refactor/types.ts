import type { Codebook } from '../codebook/types';
import { DiagnosticCodes } from '../diagnostics';
import type { FileEdit } from '../edits/types';
import type { Project } from '../project/types';
import { isLimited, MAX_SPANS } from '../transcript/limits';

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

/**
 * A refusal when a transcript of the project is past the parse limits
 * (core/transcript/limits.ts): its tags past them are not read, so a change of tags
 * across the project would miss them.
 */
export function partlyReadTranscript(project: Project): RefactorResult | undefined {
  for (const entry of project.transcripts.values()) {
    if (isLimited(entry.transcript)) {
      return refused(
        `${entry.path} has more markup than Axial reads (it reads the first ${MAX_SPANS.toLocaleString('en-US')} spans and lists the first problems), so this change would miss its later tags. Fix or split that transcript first.`,
      );
    }
  }
  return undefined;
}
