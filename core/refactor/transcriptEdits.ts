/**
 * Edits to coding markup in a transcript. They only ever touch the inside of a
 * block (`{#a #b @LN}`), never the spoken text, so the stripped text stays the same.
 */
import type { Block, CodeRef } from '../transcript/types';
import type { TextEdit } from '../edits/types';

/** Replaces the id of a tag `#id`, keeping the `#`. */
export function retagEdit(ref: CodeRef, newId: string): TextEdit {
  return { range: { start: ref.range.start + 1, end: ref.range.end }, newText: newId };
}

/**
 * Removes tags from their block with the spaces that separated them: the spaces
 * before a tag when something stays before it (`{#a #b}` → `{#a}`), else the
 * ones after it (`{#b #a}` → `{#a}`). `refs` are tags of `block`, in order.
 */
export function removeTagsEdits(text: string, block: Block, refs: CodeRef[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let floor = block.range.start + 1;
  let clearToStart = true; // everything between `{` and `floor` is being removed
  for (const ref of [...refs].sort((a, b) => a.range.start - b.range.start)) {
    let start = ref.range.start;
    while (start > floor && isSpace(text.charCodeAt(start - 1))) start--;
    let end = ref.range.end;
    if (start === floor && clearToStart) {
      while (end < block.range.end && isSpace(text.charCodeAt(end))) end++;
    } else {
      clearToStart = false;
    }
    edits.push({ range: { start, end }, newText: '' });
    floor = end;
  }
  return edits;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Retags `from` as `to` in one block: each `#from` becomes `#to`, or is removed
 * when the block already applies `to` (so `{#from #to}` becomes `{#to}`, never
 * `{#to #to}`). Returns the edits and how many tags were retagged or dropped.
 */
export function retagBlock(text: string, block: Block, from: string, to: string): { edits: TextEdit[]; retagged: number; dropped: number } {
  const edits: TextEdit[] = [];
  const drop: CodeRef[] = [];
  let hasTo = block.codes.some((c) => c.id === to);
  let retagged = 0;
  for (const ref of block.codes) {
    if (ref.id !== from) continue;
    if (hasTo) {
      drop.push(ref);
    } else {
      edits.push(retagEdit(ref, to));
      hasTo = true;
      retagged++;
    }
  }
  edits.push(...removeTagsEdits(text, block, drop));
  return { edits, retagged, dropped: drop.length };
}
