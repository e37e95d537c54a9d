/**
 * Turns into transcript text (FORMAT.md section 3): a front matter with the
 * title and the `speakers` map (label → the name as the source wrote it), then
 * one turn per speaker change, `LABEL: [hh:mm:ss] text`. The format has no
 * timestamp syntax, so a start time is written as a leading `[hh:mm:ss]` in the
 * turn's text: visible, searchable, and never inside anyone's words.
 */
import { stringify } from 'yaml';
import { speakerLabels } from './speakerLabels';
import { formatTime, type ImportedTurn } from './turns';

/** The rendered transcript and what it holds. */
export interface RenderedTranscript {
  text: string;
  /** Label → name, in order of first appearance. */
  speakers: Map<string, string>;
  turns: number;
}

/**
 * Renders turns as a transcript. Braces and backslashes in the text are escaped
 * (`\{`, `\}`, `\\`) so that the stripped text is exactly the source's words.
 */
export function renderTranscript(turns: ImportedTurn[], title?: string): RenderedTranscript {
  const kept = turns.filter((t) => t.time !== undefined || t.lines.some((l) => l.trim() !== ''));
  const labels = speakerLabels(kept.flatMap((t) => (t.speaker === undefined ? [] : [t.speaker])));
  const front: Record<string, unknown> = {};
  if (title !== undefined && title.trim() !== '') front.title = title.trim();
  if (labels.size > 0) front.speakers = Object.fromEntries([...labels].map(([name, label]) => [label, name]));
  const out: string[] = [];
  if (Object.keys(front).length > 0) out.push('---', stringify(front, { lineWidth: 0 }).trimEnd(), '---');
  for (const t of kept) {
    const lines = t.lines.map(escapeText);
    const stamp = t.time === undefined ? '' : `[${formatTime(t.time)}]`;
    const first = [stamp, lines[0] ?? ''].filter((s) => s !== '').join(' ');
    const label = t.speaker === undefined ? undefined : labels.get(t.speaker);
    out.push(label === undefined ? first : `${label}: ${first}`, ...lines.slice(1));
  }
  const speakers = new Map([...labels].map(([name, label]) => [label, name]));
  return { text: out.join('\n') + '\n', speakers, turns: kept.filter((t) => t.speaker !== undefined).length };
}

/** Escapes what the transcript format would read as markup: braces and backslashes. */
export function escapeText(line: string): string {
  return line.replace(/[{}\\]/g, '\\$&');
}
