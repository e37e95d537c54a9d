/**
 * What the editor tints: every coded span with the colour of its code, and the
 * coding markup (openers, closers and blocks) for editors that dim it.
 *
 * A span takes the colour of its first code that has one, its own `color` or the
 * nearest ancestor's (a code under a coloured category takes the category's).
 * Codes with no colour anywhere up their tree tint nothing. Nested spans are
 * tinted each, so an inner span shows both tints over each other.
 */
import { parentChain } from '../codebook/hierarchy';
import type { Codebook } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';

export interface SpanTint {
  /** The span's content, between its opener and its closer. */
  range: OffsetRange;
  /** `#rrggbb`. */
  color: string;
  /** The span's codes, in the order written (each once). */
  codes: string[];
}

export interface TranscriptTints {
  spans: SpanTint[];
  /** Openers, and closers with their blocks, in file order. */
  markup: OffsetRange[];
}

/** The colour a code shows: its own, else its nearest ancestor's. */
export function colorOf(codebook: Codebook, id: string): string | undefined {
  const code = codebook.codes.get(id);
  if (!code) return undefined;
  if (code.color) return code.color;
  for (const parent of parentChain(codebook, id)) if (parent.color) return parent.color;
  return undefined;
}

/** Tints and markup of a transcript of the index; undefined when the file is no project's transcript. */
export function spanTints(index: ProjectIndex, uri: string): TranscriptTints | undefined {
  const key = normalizeUri(uri);
  const project = index.projectOf(key);
  const entry = project?.transcripts.get(key);
  if (!project || !entry) return undefined;
  const cb = project.codebook;
  const colors = new Map<string, string | undefined>();
  const spans: SpanTint[] = [];
  const markup: OffsetRange[] = [];
  for (const span of entry.transcript.spans) {
    markup.push(span.open);
    if (span.close) markup.push(span.close);
    if (!span.close) continue;
    const codes: string[] = [];
    for (const b of span.blocks) for (const c of b.codes) if (!codes.includes(c.id)) codes.push(c.id);
    let color: string | undefined;
    for (const id of codes) {
      if (!colors.has(id)) colors.set(id, colorOf(cb, id));
      color = colors.get(id);
      if (color) break;
    }
    if (color) spans.push({ range: { start: span.open.end, end: span.close.start }, color, codes });
  }
  markup.sort((a, b) => a.start - b.start);
  return { spans, markup };
}
