import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import { codebookTargetAt, memoAt, memoTargetAt, transcriptTargetAt } from './targetAt';

/** A place in a file of the index. */
export interface FileLocation {
  uri: string;
  range: OffsetRange;
}

/**
 * Tag → its codebook entry; a `parent`/`replaced_by` value → the entry it names; a
 * coder → `coders`; a code a memo names (front matter or body) → its entry.
 */
export function definition(index: ProjectIndex, uri: string, offset: number): FileLocation | undefined {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) {
    const memo = memoAt(index, uri);
    const ref = memo && memoTargetAt(memo.project, memo.entry, offset);
    const code = ref && memo.project.codebook.codes.get(ref.id);
    return code ? { uri: memo.project.codebookUri, range: code.keyRange } : undefined;
  }
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
