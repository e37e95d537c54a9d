/**
 * Renaming a code: its key in codebook.yaml, every `parent`, `replaced_by` and
 * `groups` member naming it, every `#tag` in every transcript of the project (open in the
 * editor or not), and every memo's `codes:` item and `#id` or `` `id` `` mention of it,
 * as one change. Tags change inside their blocks only, so the
 * transcripts' stripped text is untouched; renaming A→B then B→A gives back the
 * same bytes.
 */
import { isValidId, normalizeId } from '../codebook/ids';
import { DiagnosticCodes } from '../diagnostics';
import type { FileEdit } from '../edits/types';
import type { Project } from '../project/types';
import { plural } from '../text/plural';
import type { OffsetRange } from '../text/lineIndex';
import { replaceIdEdit } from './codebookEdits';
import { retagEdit } from './transcriptEdits';
import { brokenCodebook, partlyReadTranscript, refused, type RefactorResult } from './types';

/** Why `newId` cannot be the new id of `id`, or undefined when it can. */
export function checkNewId(project: Project, id: string, newId: string): string | undefined {
  if (!isValidId(newId)) {
    return newId.trim() === ''
      ? 'A code id cannot be empty.'
      : `'${newId}' is not a valid code id. An id starts with a letter or digit and continues with letters, digits, '_', '.' or '-', without spaces.`;
  }
  if (newId !== id && project.codebook.codes.has(newId)) {
    return `The codebook already has a code '${newId}'. To fold '${id}' into it, merge the codes instead of renaming.`;
  }
  return undefined;
}

/**
 * Edits naming `to` instead of `from` in every memo: each item of its `codes:` (the
 * scalar's value only, quotes kept) and each mention of `from` in its text, `#from`
 * or `` `from` `` (the id's characters only, so the `#` and backticks stay and the
 * prose around is untouched: the gate in core/coding/verify.ts checks exactly this).
 */
export function memoEdits(project: Project, from: string, to: string): FileEdit[] {
  const edits: FileEdit[] = [];
  // A tag is read without the `.` or `-` that ends it (a sentence may end right after
  // it), so `#to` would not read back as `to`: such mentions are left as written.
  const tagReadsBack = !/[.-]$/.test(to);
  for (const m of project.memos.values()) {
    const text = m.lines.text;
    for (const ref of m.memo.codes) if (ref.value === from) edits.push({ uri: m.uri, ...replaceIdEdit(text, ref.range, to) });
    for (const mention of m.memo.mentions) {
      if (mention.value !== from) continue;
      if (!tagReadsBack && text[mention.range.start - 1] === '#') continue;
      edits.push({ uri: m.uri, range: mention.range, newText: to });
    }
  }
  return edits;
}

/** Renames the code `from` to `to` across the project. */
export function renameCode(project: Project, from: string, to: string): RefactorResult {
  to = normalizeId(to.trim());
  const cb = project.codebook;
  const code = cb.codes.get(from);
  if (!code) return refused(`'${from}' is not a code of the codebook.`);
  const problem = checkNewId(project, from, to);
  const broken = brokenCodebook(cb);
  if (broken) return broken;
  if (problem) return refused(problem);
  const partly = partlyReadTranscript(project);
  if (partly) return partly;
  if (to === from) return { ok: true, edits: [], summary: `'${from}' keeps its name.` };

  const edits: FileEdit[] = [];
  const inCodebook = (range: OffsetRange) => edits.push({ uri: project.codebookUri, ...replaceIdEdit(cb.text, range, to) });
  inCodebook(code.keyRange);
  // A second entry with the same id (an error the researcher still sees) is renamed too, so it stays a duplicate.
  for (const d of cb.diagnostics) if (d.code === DiagnosticCodes.duplicateCode && d.data?.id === from) inCodebook(d.range);
  let references = 0;
  for (const c of cb.codes.values()) {
    if (c.parent?.value === from) (inCodebook(c.parent.range), references++);
    if (c.replacedBy?.value === from) (inCodebook(c.replacedBy.range), references++);
  }
  for (const g of cb.groups.values()) for (const member of g.codes) if (member.value === from) (inCodebook(member.range), references++);
  let tags = 0;
  const byUri = project.usage.get(from);
  for (const [uri, uses] of byUri ?? []) {
    for (const use of uses) edits.push({ uri, ...retagEdit(use.ref, to) });
    tags += uses.length;
  }
  const memos = memoEdits(project, from, to);
  edits.push(...memos);
  const inMemos = memos.length > 0 ? `, ${plural(new Set(memos.map((e) => e.uri)).size, 'memo')}` : '';
  return {
    ok: true,
    edits,
    summary: `Renamed '${from}' to '${to}': ${plural(references, 'parent, replaced_by or group reference')} in the codebook, ${plural(tags, 'tag')} in ${plural(byUri?.size ?? 0, 'transcript')}${inMemos}.`,
  };
}
