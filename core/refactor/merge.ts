/**
 * Merging code A into code B: every span tagged A is tagged B instead (a block
 * that already applies B just loses its `#A`, so no block says `#B #B`), then
 * A leaves the codebook:
 *   - mode 'delete': A's entry is removed;
 *   - mode 'deprecate': A stays, with `status: deprecated` and `replaced_by: B`,
 *     so old exports and notes that name A still resolve.
 * In both modes the codebook is left consistent: A's children move under B (A's
 * place in the tree goes to B); a child that is B itself or above B moves under
 * A's parent instead (or to the top), since hanging it under B would be a cycle;
 * and every other `replaced_by: A` now says `replaced_by: B`, so nobody is sent
 * through A; a group that lists A lists B.
 * Blocks with A and B from different coders (`{#A @CA}{#B @LN}`) keep both
 * blocks: they record two coders' decisions.
 */
import { memoEdits } from './rename';
import type { FileEdit, TextEdit } from '../edits/types';
import { isSelfOrAncestor } from '../codebook/hierarchy';
import { isValidId } from '../codebook/ids';
import type { Project } from '../project/types';
import { plural } from '../text/plural';
import { removeCodeEdit, removeFieldEdit, replaceIdEdit, setFieldsEdits } from './codebookEdits';
import { yamlId } from './text';
import { retagBlock } from './transcriptEdits';
import { brokenCodebook, partlyReadTranscript, refused, type RefactorResult } from './types';
import type { Block } from '../transcript/types';

export type MergeMode = 'delete' | 'deprecate';

export function mergeCode(project: Project, from: string, to: string, mode: MergeMode): RefactorResult {
  const cb = project.codebook;
  const a = cb.codes.get(from);
  const b = cb.codes.get(to);
  if (!a) return refused(`'${from}' is not a code of the codebook.`);
  if (!b) return refused(`'${to}' is not a code of the codebook.`);
  if (from === to) return refused(`A code cannot be merged into itself.`);
  if (!isValidId(to)) return refused(`'${to}' is not a valid code id, so it cannot be written as a tag. Rename it first.`);
  const broken = brokenCodebook(cb);
  if (broken) return broken;
  const partly = partlyReadTranscript(project);
  if (partly) return partly;
  if (b.kind === 'category' && a.kind !== 'category') {
    return refused(`'${to}' is a category, and categories cannot be applied to text. Merge '${from}' into a code, or move it under '${to}'.`);
  }
  if (b.status === 'deprecated') {
    return refused(`'${to}' is deprecated${b.replacedBy ? ` (replaced by '${b.replacedBy.value}')` : ''}. Merge into a code that is in use.`);
  }
  if (mode === 'deprecate' && a.kind === 'category') {
    return refused(`'${from}' is a category: a category cannot be replaced_by another one. Merge it with mode 'delete'.`);
  }
  if (mode !== 'delete' && mode !== 'deprecate') return refused(`Unknown merge mode '${String(mode)}': use 'delete' or 'deprecate'.`);

  // Transcripts: retag every block that applies A.
  const edits: FileEdit[] = [];
  let retagged = 0;
  let dropped = 0;
  const byUri = project.usage.get(from);
  for (const [uri, uses] of byUri ?? []) {
    const text = project.transcripts.get(uri)!.transcript.text;
    const blocks = new Set<Block>(uses.map((u) => u.block));
    for (const block of blocks) {
      const r = retagBlock(text, block, from, to);
      retagged += r.retagged;
      dropped += r.dropped;
      for (const e of r.edits) edits.push({ uri, ...e });
    }
  }

  // Codebook.
  const cbEdits: TextEdit[] = [];
  const failed = (what: string) => refused(`Axial cannot ${what} in codebook.yaml as it is laid out (a flow map such as {…}); change it by hand.`);
  let moved = 0;
  for (const c of cb.codes.values()) {
    if (c === a) continue;
    if (c.parent?.value === from) {
      moved++;
      if (!isSelfOrAncestor(cb, c.id, to)) {
        cbEdits.push(replaceIdEdit(cb.text, c.parent.range, to));
      } else if (a.parent && a.parent.value !== c.id) {
        cbEdits.push(replaceIdEdit(cb.text, c.parent.range, a.parent.value));
      } else {
        const e = removeFieldEdit(cb, c, 'parent');
        if (!e) return failed(`remove the parent of '${c.id}'`);
        cbEdits.push(e);
      }
    }
    if (c.replacedBy?.value === from) {
      if (c === b) {
        const e = removeFieldEdit(cb, c, 'replaced_by');
        if (!e) return failed(`remove the replaced_by of '${c.id}'`);
        cbEdits.push(e);
      } else {
        cbEdits.push(replaceIdEdit(cb.text, c.replacedBy.range, to));
      }
    }
  }
  // A group that held the merged code now holds the code it went into, so no group names a code that is gone.
  for (const g of cb.groups.values()) for (const member of g.codes) if (member.value === from) cbEdits.push(replaceIdEdit(cb.text, member.range, to));
  if (mode === 'delete') {
    const e = removeCodeEdit(cb, a);
    if (!e) return failed(`remove '${from}'`);
    cbEdits.push(e);
  } else {
    const e = setFieldsEdits(cb, a, [
      ['status', 'deprecated'],
      ['replaced_by', yamlId(to)],
    ]);
    if (!e) return failed(`deprecate '${from}'`);
    cbEdits.push(...e);
  }
  for (const e of cbEdits) edits.push({ uri: project.codebookUri, ...e });
  // Memos that named the merged code name the code it was merged into.
  const memos = memoEdits(project, from, to);
  edits.push(...memos);

  const tags = retagged + dropped;
  const fate = mode === 'delete' ? `removed '${from}'` : `deprecated '${from}' (replaced_by: ${to})`;
  const children = moved > 0 ? `, moved ${plural(moved, 'child code')}` : '';
  const duplicates = dropped > 0 ? ` (${dropped} dropped where the block already had '${to}')` : '';
  return {
    ok: true,
    edits,
    summary: `Merged '${from}' into '${to}': retagged ${plural(tags, 'tag')} in ${plural(byUri?.size ?? 0, 'transcript')}${duplicates}${children}${memos.length ? `, ${plural(new Set(memos.map((e) => e.uri)).size, 'memo')} updated` : ''}, ${fate}.`,
  };
}
