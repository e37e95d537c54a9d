import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import { codebookFixes } from './fixes/codebookFixes';
import { transcriptFixes } from './fixes/transcriptFixes';
import type { QuickFix } from './fixes/types';

export type { QuickFix } from './fixes/types';
export { didYouMean } from './fixes/transcriptFixes';

/** Quick fixes are offered for at most this many of the diagnostics in the range (the first ones). */
export const QUICK_FIX_DIAGNOSTIC_LIMIT = 100;

/**
 * Quick fixes for the diagnostics of a transcript or a codebook.yaml that touch
 * `range`, in diagnostic order. Transcript fixes change coding markup only, so
 * the stripped text never changes; codebook fixes are minimal edits that keep the
 * file's comments, order and line ends. See core/features/fixes/.
 */
export function quickFixes(index: ProjectIndex, uri: string, range: OffsetRange): QuickFix[] {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return [];
  const touches = (r: OffsetRange) => !(r.end < range.start || r.start > range.end);
  const fixes: QuickFix[] = [];
  if (uri === project.codebookUri) {
    // The codebook's own diagnostics: example checks scan the project and have no fix.
    for (const d of project.codebook.diagnostics) if (touches(d.range)) fixes.push(...codebookFixes(project, d));
    return fixes;
  }
  const entry = project.transcripts.get(uri);
  if (!entry) return [];
  let fixed = 0;
  for (const d of entry.diagnostics) {
    if (!touches(d.range)) continue;
    // Each fix may look at every span (an unclosed span's, for one): fixing all of a
    // line's 50,000 problems at once was quadratic, and no editor lists that many.
    if (fixed++ >= QUICK_FIX_DIAGNOSTIC_LIMIT) break;
    fixes.push(...transcriptFixes(project, entry, d));
  }
  return fixes;
}
