/** A parsed transcript reduced to what a REFI-QDA export needs of it. */
import { extractCodings } from '../codings/extract';
import { declaredCase } from '../project/caseOf';
import type { Transcript } from '../transcript/types';
import { markupLayout } from './markupLayout';
import type { RefiSource, SourceExtras } from './types';

/**
 * The export's view of a transcript at project-relative `path`: its codings, its
 * case (the one rule of core/project/caseOf.ts), participant and attributes,
 * and how the file is written (markupLayout.ts).
 */
export function refiSource(path: string, transcript: Transcript): RefiSource {
  const source: RefiSource = { path, codings: extractCodings(transcript) };
  const c = declaredCase(transcript);
  if (c !== undefined) source.case = c;
  const participant = transcript.frontMatter?.participant;
  if (typeof participant === 'string' && participant.trim()) source.participant = participant.trim();
  const fm = transcript.frontMatter;
  if (fm?.attributes) source.attributes = fm.attributes;
  const extras: SourceExtras = {};
  for (const k of ['title', 'date', 'language', 'coder'] as const) if (typeof fm?.[k] === 'string' && fm[k]!.trim() !== '') extras[k] = fm[k];
  if (fm?.speakers && Object.keys(fm.speakers).length) extras.speakers = fm.speakers;
  if (Object.keys(extras).length) source.extras = extras;
  source.layout = markupLayout(transcript);
  return source;
}
