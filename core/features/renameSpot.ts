/**
 * What F2 renames at the cursor (`textDocument/prepareRename`): the code id of a
 * `#tag`, of a codebook key or value naming a code, or of a memo's `codes:` item or
 * of a mention of a code in its text (`#id`, `` `id` ``).
 * It reads the cursor like hover and definition do; the rename itself is
 * core/refactor/rename.ts.
 */
import type { ProjectIndex } from '../project/index';
import type { Project } from '../project/types';
import { normalizeUri } from '../project/uris';
import { scalarInner } from '../refactor/text';
import type { OffsetRange } from '../text/lineIndex';
import { codebookTargetAt, memoAt, memoTargetAt, transcriptTargetAt } from './targetAt';

/** What F2 renames at a spot: a code id and the characters of it to select. */
export type RenameSpot = { ok: true; id: string; range: OffsetRange; project: Project } | { ok: false; message: string };

/**
 * The code id at `offset`: a `#tag` in a transcript, a code key or a
 * `parent`/`replaced_by` value in codebook.yaml, or an item of a memo's `codes:` or
 * a mention of a code in its text. Undefined when nothing renameable is there; a
 * refusal when the id is not a code of the codebook.
 */
export function renameSpotAt(index: ProjectIndex, uri: string, offset: number): RenameSpot | undefined {
  uri = normalizeUri(uri);
  const memo = index.projectOf(uri) ? undefined : memoAt(index, uri);
  const project = memo?.project ?? index.projectOf(uri);
  if (!project) return undefined;
  let id: string;
  let range: OffsetRange;
  if (memo) {
    const ref = memoTargetAt(memo.project, memo.entry, offset);
    if (!ref) return undefined;
    id = ref.id;
    // A front matter item's range holds its quotes; a mention's is the id's characters.
    range = ref.inFrontMatter ? scalarInner(memo.entry.lines.text, ref.range) : ref.range;
  } else if (uri === project.codebookUri) {
    const target = codebookTargetAt(project.codebook, offset);
    if (!target) return undefined;
    id = target.id;
    range = scalarInner(project.codebook.text, target.range);
  } else {
    const entry = project.transcripts.get(uri);
    const target = entry && transcriptTargetAt(entry.transcript, offset);
    if (target?.kind !== 'code') return undefined;
    id = target.ref.id;
    range = { start: target.ref.range.start + 1, end: target.ref.range.end };
  }
  if (!project.codebook.codes.has(id)) {
    return { ok: false, message: `'${id}' is not a code of the codebook, so there is nothing to rename. Fix the tag, or add the code first.` };
  }
  return { ok: true, id, range, project };
}
