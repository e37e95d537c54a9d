/**
 * The part of a project a report covers: transcripts with errors are left out
 * (and named), and the case, coder and code filters are applied by keeping only
 * the matching transcripts, blocks and code tags. The result is a Project the
 * pictures' functions take as is, so every count follows their rules.
 */
import { descendantIds } from '../codebook/hierarchy';
import { caseOf } from '../project/caseOf';
import { errorFreeTranscripts } from '../project/errorFree';
import type { Project, TranscriptEntry } from '../project/types';
import { blockCoder } from '../transcript/coder';
import type { Span, Transcript } from '../transcript/types';
import type { ReportFilters, ReportSkipped } from './types';

/** A project reduced to what a report covers, and the transcripts skipped. */
export interface FilteredProject {
  project: Project;
  skipped: ReportSkipped[];
}

/** The code ids a code filter admits: each id and, for a category, every code under it. */
export function admittedCodes(project: Pick<Project, 'codebook'>, codes: string[]): Set<string> | undefined {
  if (codes.length === 0) return undefined;
  const all = [...project.codebook.codes.values()];
  const out = new Set<string>();
  for (const id of codes) for (const d of descendantIds(all, (c) => c.parent?.value, id)) out.add(d);
  for (const id of codes) out.add(id);
  return out;
}

/**
 * The project with only the transcripts, blocks and tags the filters admit.
 * Transcripts with errors are skipped: a broken span could make any count wrong.
 */
export function filterProject(project: Project, filters: ReportFilters): FilteredProject {
  const { entries, skipped } = errorFreeTranscripts(project);
  const transcripts = new Map<string, TranscriptEntry>();
  const codes = admittedCodes(project, filters.codes);
  const coders = filters.coders.length > 0 ? new Set(filters.coders) : undefined;
  const cases = filters.cases.length > 0 ? new Set(filters.cases) : undefined;
  for (const entry of entries) {
    if (cases && !cases.has(caseOf(entry))) continue;
    if (!codes && !coders) {
      transcripts.set(entry.uri, entry);
      continue;
    }
    const transcript = filterTranscript(entry.transcript, codes, coders);
    const uses = transcript.spans.flatMap((span) => span.blocks.flatMap((block) => block.codes.map((ref) => ({ uri: entry.uri, span, block, ref }))));
    transcripts.set(entry.uri, { ...entry, transcript, uses });
  }
  // Nothing left out: the project's own usage is the report's (rebuilding it walked every code use).
  if (!codes && !coders && transcripts.size === project.transcripts.size) return { project: { ...project, transcripts }, skipped };
  const usage: Project['usage'] = new Map();
  for (const e of transcripts.values()) {
    for (const use of e.uses) {
      let byUri = usage.get(use.ref.id);
      if (!byUri) usage.set(use.ref.id, (byUri = new Map()));
      const list = byUri.get(e.uri);
      if (list) list.push(use);
      else byUri.set(e.uri, [use]);
    }
  }
  return { project: { ...project, transcripts, usage }, skipped };
}

/**
 * A transcript with only the blocks of `coders` and, in them, only the tags of
 * `codes` (absent: no such filter). The spans stay, even when left without a tag.
 */
export function filterTranscript(t: Transcript, codes: Set<string> | undefined, coders: Set<string> | undefined): Transcript {
  if (!codes && !coders) return t;
  const spans: Span[] = t.spans.map((span) => {
    const blocks = span.blocks
      .filter((b) => !coders || coders.has(blockCoder(t, b) ?? ''))
      .map((b) => (codes ? { ...b, codes: b.codes.filter((r) => codes.has(r.id)) } : b));
    return { ...span, blocks };
  });
  return { ...t, spans };
}

/** Every case of a project's transcripts (the labels the --case filter takes), sorted. */
export function projectCases(project: Project): string[] {
  return [...new Set([...project.transcripts.values()].map((e) => caseOf(e)))].sort();
}

/** Every coder a project knows: declared in the codebook, or named by a block or a transcript's front matter; sorted. */
export function projectCoders(project: Project): string[] {
  const coders = new Set<string>(project.codebook.coders ? [...project.codebook.coders.keys()] : []);
  for (const e of project.transcripts.values()) {
    for (const span of e.transcript.spans) for (const b of span.blocks) {
      const c = blockCoder(e.transcript, b);
      if (c) coders.add(c);
    }
    const fm = e.transcript.frontMatter?.coder;
    if (fm) coders.add(fm);
  }
  return [...coders].sort();
}
