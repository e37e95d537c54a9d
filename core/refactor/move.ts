/**
 * Moving a code under another code or category (or to the top of the tree):
 * sets, changes or removes its `parent`. A move that would make the code its own
 * ancestor is refused.
 */
import { isSelfOrAncestor } from '../codebook/hierarchy';
import type { Project } from '../project/types';
import { removeFieldEdit, replaceIdEdit, setFieldsEdits } from './codebookEdits';
import { yamlId } from './text';
import { brokenCodebook, refused, type RefactorResult } from './types';

/** Moves `id` under `parent`; `null` moves it to the top level (removes its parent). */
export function moveCode(project: Project, id: string, parent: string | null): RefactorResult {
  const cb = project.codebook;
  const code = cb.codes.get(id);
  if (!code) return refused(`'${id}' is not a code of the codebook.`);
  const uri = project.codebookUri;
  const broken = brokenCodebook(cb);
  if (broken) return broken;
  if (parent === null) {
    if (!code.parent) return { ok: true, edits: [], summary: `'${id}' is already at the top level.` };
    const e = removeFieldEdit(cb, code, 'parent');
    if (!e) return refused(`Axial cannot remove the parent of '${id}' as codebook.yaml lays it out; change it by hand.`);
    return { ok: true, edits: [{ uri, ...e }], summary: `Moved '${id}' to the top level.` };
  }
  const target = cb.codes.get(parent);
  if (!target) return refused(`'${parent}' is not a code or category of the codebook.`);
  if (isSelfOrAncestor(cb, id, parent)) {
    return refused(
      parent === id ? `A code cannot be its own parent.` : `'${parent}' is below '${id}' in the tree, so moving '${id}' under it would make a cycle.`,
    );
  }
  if (code.parent?.value === parent) return { ok: true, edits: [], summary: `'${id}' is already under '${parent}'.` };
  const edits = code.parent ? [replaceIdEdit(cb.text, code.parent.range, parent)] : setFieldsEdits(cb, code, [['parent', yamlId(parent)]]);
  if (!edits) return refused(`Axial cannot set the parent of '${id}' as codebook.yaml lays it out; change it by hand.`);
  return { ok: true, edits: edits.map((e) => ({ uri, ...e })), summary: `Moved '${id}' under '${parent}'${target.kind === 'category' ? ' (category)' : ''}.` };
}
