import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import { codebookTargetAt, transcriptTargetAt } from './targetAt';

/** A place in a file of the index. */
export interface FileLocation {
  uri: string;
  range: OffsetRange;
}

/** Tag → its codebook entry; a `parent`/`replaced_by` value → the entry it names; a coder → `coders`. */
export function definition(index: ProjectIndex, uri: string, offset: number): FileLocation | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return undefined;
  let id: string | undefined;
  if (uri === project.codebookUri) {
    const target = codebookTargetAt(project.codebook, offset);
    if (target && target.role !== 'key') id = target.id;
  } else {
    const entry = project.transcripts.get(uri);
    const target = entry && transcriptTargetAt(entry.transcript, offset);
    if (target?.kind === 'coder') {
      const coder = project.codebook.coders?.get(target.id);
      return coder ? { uri: project.codebookUri, range: coder.keyRange } : undefined;
    }
    if (target?.kind === 'code') id = target.ref.id;
  }
  const code = id !== undefined ? project.codebook.codes.get(id) : undefined;
  return code ? { uri: project.codebookUri, range: code.keyRange } : undefined;
}
