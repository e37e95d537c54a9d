/**
 * Which transcripts a count may read: reports, queries and agreement all leave
 * out a transcript with errors (a broken span could make any answer wrong) and
 * name it with its first error, and all go through files in path order.
 */
import type { Project, TranscriptEntry } from './types';

/** A transcript left out, and why ("N errors (line L: message)"). */
export interface SkippedTranscript {
  file: string;
  reason: string;
}

/** "N errors (line L: message)" for a transcript with errors, else undefined. */
export function errorSummary(entry: Pick<TranscriptEntry, 'diagnostics' | 'transcript'>): string | undefined {
  const errors = entry.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const first = errors.reduce((a, b) => (b.range.start < a.range.start ? b : a));
  const line = entry.transcript.lines.positionAt(first.range.start).line + 1;
  return `${errors.length} error${errors.length === 1 ? '' : 's'} (line ${line}: ${first.message})`;
}

/** The project's transcripts without errors in path order, and those with errors, named. */
export function errorFreeTranscripts(project: Project): { entries: TranscriptEntry[]; skipped: SkippedTranscript[] } {
  const entries: TranscriptEntry[] = [];
  const skipped: SkippedTranscript[] = [];
  const sorted = [...project.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const entry of sorted) {
    const reason = errorSummary(entry);
    if (reason === undefined) entries.push(entry);
    else skipped.push({ file: entry.path, reason });
  }
  return { entries, skipped };
}
