import type { Codebook } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import { memoCodeRefs, type MemoCodeRef } from '../project/memos';
import type { MemoEntry, Project } from '../project/types';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import type { Block, CodeRef, Span, Transcript } from '../transcript/types';

/** What stands at an offset of a transcript, for hover, definition and references. */
export type TranscriptTarget =
  | { kind: 'code'; ref: CodeRef; block: Block; span: Span }
  | { kind: 'coder'; id: string; range: OffsetRange; block?: Block }
  | { kind: 'span'; span: Span };

/** What stands at an offset of a codebook: a code's key, or a value naming a code. */
export interface CodebookTarget {
  id: string;
  range: OffsetRange;
  /** `key` on the code's own key, `parent`/`replaced_by` on a value naming a code. */
  role: 'key' | 'parent' | 'replaced_by';
}

const within = (r: OffsetRange, o: number) => r.start <= o && o <= r.end;

/** Finds the code tag, coder or innermost span at `offset` (touching ends count). */
export function transcriptTargetAt(t: Transcript, offset: number): TranscriptTarget | undefined {
  const fm = t.frontMatter;
  if (fm?.coder !== undefined && fm.coderRange && within(fm.coderRange, offset)) {
    return { kind: 'coder', id: fm.coder, range: fm.coderRange };
  }
  let innermost: Span | undefined;
  for (const span of t.spans) {
    if (span.open.start > offset) break;
    for (const block of span.blocks) {
      if (!within(block.range, offset)) continue;
      for (const ref of block.codes) if (within(ref.range, offset)) return { kind: 'code', ref, block, span };
      if (block.coder && within(block.coder.range, offset)) return { kind: 'coder', id: block.coder.id, range: block.coder.range, block };
    }
    const end = span.close?.end ?? t.text.length;
    if (span.open.start <= offset && offset <= end) innermost = span;
  }
  return innermost ? { kind: 'span', span: innermost } : undefined;
}

/** Finds the code key or code-naming value at `offset` of a codebook. */
export function codebookTargetAt(cb: Codebook, offset: number): CodebookTarget | undefined {
  for (const code of cb.codes.values()) {
    if (!within(code.range, offset)) continue;
    if (within(code.keyRange, offset)) return { id: code.id, range: code.keyRange, role: 'key' };
    if (code.parent && within(code.parent.range, offset)) return { id: code.parent.value, range: code.parent.range, role: 'parent' };
    if (code.replacedBy && within(code.replacedBy.range, offset)) {
      return { id: code.replacedBy.value, range: code.replacedBy.range, role: 'replaced_by' };
    }
  }
  return undefined;
}

/** The memo file at `uri` with its project, when `uri` is one of a project's memos. */
export function memoAt(index: ProjectIndex, uri: string): { project: Project; entry: MemoEntry } | undefined {
  uri = normalizeUri(uri);
  const project = index.memoProjectOf(uri);
  const entry = project?.memos.get(uri);
  return project && entry ? { project, entry } : undefined;
}

/** The code a memo names at `offset`: an item of its `codes:`, or a body mention of a code (touching ends count). */
export function memoTargetAt(project: Project, entry: MemoEntry, offset: number): MemoCodeRef | undefined {
  return memoCodeRefs(project, entry).find((r) => within(r.range, offset));
}
