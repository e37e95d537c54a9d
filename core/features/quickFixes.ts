import { editDistance } from '../codebook/nearest';
import type { Codebook } from '../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';

/** A text edit in one file, by offsets. */
export interface FileEdit {
  uri: string;
  range: OffsetRange;
  newText: string;
}

/** A quick fix as plain data: what it is called, what it fixes, what it edits. */
export interface QuickFix {
  title: string;
  diagnostic: AxialDiagnostic;
  edits: FileEdit[];
  /** The fix an editor may apply with one keystroke (auto-fix). */
  preferred: boolean;
}

const MAX_SUGGESTIONS = 3;

/**
 * Quick fixes for the diagnostics of a transcript that touch `range`. Every edit
 * replaces a code id inside a tag, so the stripped text never changes.
 */
export function quickFixes(index: ProjectIndex, uri: string, range: OffsetRange): QuickFix[] {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  const entry = project?.transcripts.get(uri);
  if (!project || !entry) return [];
  const fixes: QuickFix[] = [];
  for (const d of entry.diagnostics) {
    if (d.range.end < range.start || d.range.start > range.end) continue;
    // The tag's range covers `#id`; the id starts one character in.
    const idRange = { start: d.range.start + 1, end: d.range.end };
    if (d.code === DiagnosticCodes.deprecatedCode && typeof d.data?.replacedBy === 'string') {
      fixes.push({ title: `Replace with '${d.data.replacedBy}'`, diagnostic: d, edits: [{ uri, range: idRange, newText: d.data.replacedBy }], preferred: true });
    } else if (d.code === DiagnosticCodes.unknownCode && typeof d.data?.id === 'string') {
      const aliasOf = typeof d.data.aliasOf === 'string' ? d.data.aliasOf : undefined;
      const candidates = aliasOf ? [aliasOf] : didYouMean(project.codebook, d.data.id);
      candidates.forEach((id, i) =>
        fixes.push({
          title: aliasOf ? `Use '${id}' ('${d.data!.id}' is its alias)` : `Change to '${id}'`,
          diagnostic: d,
          edits: [{ uri, range: idRange, newText: id }],
          preferred: i === 0 && (aliasOf !== undefined || candidates.length === 1),
        }),
      );
    }
  }
  return fixes;
}

/**
 * Applicable codes closest to a mistyped id, best first: by edit distance to the
 * id and to each alias, within a third of the word's length.
 */
export function didYouMean(codebook: Codebook, word: string): string[] {
  const w = word.toLowerCase();
  const max = Math.min(4, Math.max(1, Math.ceil(w.length / 3)));
  const scored: { id: string; d: number; order: number }[] = [];
  for (const code of codebook.codes.values()) {
    if (code.kind === 'category' || code.status === 'deprecated') continue;
    let d = editDistance(w, code.id.toLowerCase(), max);
    for (const a of code.aliases) d = Math.min(d, editDistance(w, a.toLowerCase(), max));
    if (d <= max) scored.push({ id: code.id, d, order: code.order });
  }
  scored.sort((a, b) => a.d - b.d || a.order - b.order);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.id);
}
