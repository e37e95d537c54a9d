/** A parsed transcript reduced to what a REFI-QDA export needs of it. */
import { extractCodings } from '../codings/extract';
import { declaredCase } from '../project/caseOf';
import type { Transcript } from '../transcript/types';
import type { RefiSource } from './types';

/**
 * The export's view of a transcript at project-relative `path`: its codings, its
 * case (the one rule of core/project/caseOf.ts), participant and attributes.
 */
export function refiSource(path: string, transcript: Transcript): RefiSource {
  const source: RefiSource = { path, codings: extractCodings(transcript) };
  const c = declaredCase(transcript);
  if (c !== undefined) source.case = c;
  const participant = transcript.frontMatter?.participant;
  if (typeof participant === 'string' && participant.trim()) source.participant = participant.trim();
  if (transcript.frontMatter?.attributes) source.attributes = transcript.frontMatter.attributes;
  return source;
}
