/**
 * A memo file's checks against its project: every code it names is in the codebook,
 * every transcript it names is one of the project's transcripts. Computed when asked
 * (a memo names a handful of things), so they always match the current project.
 */
import { nearest } from '../codebook/nearest';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import type { OffsetRange } from '../text/lineIndex';
import { printable } from '../text/printable';
import type { MemoEntry, Project } from './types';

/**
 * The memo's own problems (front matter) followed by its names the project does not
 * know. `transcriptPaths` stands in for the project's transcripts when the caller
 * checks them without keeping them (`axial check`).
 */
export function memoDiagnostics(project: Project, entry: MemoEntry, transcriptPaths?: ReadonlySet<string>): AxialDiagnostic[] {
  const out = [...entry.memo.diagnostics];
  const codes = project.codebook.codes;
  for (const ref of entry.memo.codes) {
    if (codes.has(ref.value)) continue;
    const guess = nearest(ref.value, codes.keys());
    out.push({
      code: DiagnosticCodes.memoUnknownCode,
      severity: 'error',
      message: printable(`Unknown code '${ref.value}': it is not in codebook.yaml.${guess ? ` Did you mean '${guess}'?` : ''}`),
      range: ref.range,
      data: { id: ref.value, ...(guess ? { suggestion: guess } : {}) },
    });
  }
  if (entry.memo.transcripts.length > 0) {
    const paths = transcriptPaths ?? new Set([...project.transcripts.values()].map((t) => t.path));
    for (const ref of entry.memo.transcripts) {
      const path = ref.value.replace(/^\.\//, '');
      if (paths.has(path)) continue;
      out.push({
        code: DiagnosticCodes.memoUnknownTranscript,
        severity: 'warning',
        message: printable(`'${ref.value}' is not a transcript of this project: give its path from the project folder, such as transcripts/case-a.md.`),
        range: ref.range,
        data: { path: ref.value },
      });
    }
  }
  return out;
}

/** The memos of a project that name a code, in path order. */
export function memosOfCode(project: Project, id: string): MemoEntry[] {
  return [...project.memos.values()].filter((m) => m.memo.codes.some((r) => r.value === id)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A place in a memo that names a code: an item of `codes:` (its YAML scalar, quotes included) or a body mention (the id's characters). */
export interface MemoCodeRef {
  id: string;
  range: OffsetRange;
  inFrontMatter: boolean;
}

/**
 * The places in a memo that name codes, in text order: every item of `codes:`
 * (known to the codebook or not, as the diagnostics see them), and the body's
 * `#id` and `` `id` `` mentions whose id is a code (other ones are prose).
 */
export function memoCodeRefs(project: Project, entry: MemoEntry): MemoCodeRef[] {
  const out: MemoCodeRef[] = entry.memo.codes.map((r) => ({ id: r.value, range: r.range, inFrontMatter: true }));
  for (const m of entry.memo.mentions) if (project.codebook.codes.has(m.value)) out.push({ id: m.value, range: m.range, inFrontMatter: false });
  return out;
}

/** Every place in the project's memos that names the code `id`, memos in path order. */
export function memoRefsOfCode(project: Project, id: string): { entry: MemoEntry; ref: MemoCodeRef }[] {
  const entries = [...project.memos.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return entries.flatMap((entry) => memoCodeRefs(project, entry).filter((r) => r.id === id).map((ref) => ({ entry, ref })));
}
