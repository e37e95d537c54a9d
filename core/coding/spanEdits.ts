/**
 * Coding edits on an existing span: add codes to it, remove one code from it,
 * and uncode it (remove its markup). Each is checked by `verifies` before it is
 * returned, so the stripped text never changes.
 */
import { removeTagsEdits } from '../refactor/transcriptEdits';
import type { TextEdit } from '../edits/types';
import type { OffsetRange } from '../text/lineIndex';
import type { Block, Span, Transcript } from '../transcript/types';
import { blockCoder } from '../transcript/coder';
import { coderItem, effectiveCoder, spanAtRange } from './spansAndGaps';
import { refuse, type Coding, type CodingEdit } from './types';
import { signatures, spanSignature, UNSAFE, verifies } from './verify';

export const NO_SPAN = 'There is no coded span here: put the cursor inside a span `{{…}}{#code}` (or on its markup).';

/** "'a'", "'a' and 'b'", "'a', 'b' and 'c'". */
export function idList(ids: string[]): string {
  const q = ids.map((id) => `'${id}'`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** A short excerpt of a span's quote for summaries. */
export function quoteExcerpt(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ');
  return flat.length > 40 ? `“${flat.slice(0, 39)}…”` : `“${flat}”`;
}

/** Adds codes to the span under the cursor or selection. */
export function addCodesAt(t: Transcript, range: OffsetRange, coding: Coding): CodingEdit {
  const span = spanAtRange(t, range);
  return span ? addCodesToSpan(t, span, coding) : refuse(NO_SPAN);
}

/**
 * Adds codes to a span: into the block of the same coder (after its last code,
 * before any `@coder`, memo or label), or as a new block after the last one.
 * Codes the coder already applies there are skipped.
 */
export function addCodesToSpan(t: Transcript, span: Span, coding: Coding): CodingEdit {
  const codes = unique(coding.codes);
  if (codes.length === 0) return refuse('Choose at least one code.');
  const coder = effectiveCoder(t, coding.coder);
  const block = span.blocks.find((b) => blockCoder(t, b) === coder);
  const have = new Set(span.blocks.filter((b) => blockCoder(t, b) === coder).flatMap((b) => b.codes.map((c) => c.id)));
  const add = codes.filter((id) => !have.has(id));
  const where = quoteExcerpt(span.quote);
  if (add.length === 0) {
    return { ok: true, edits: [], summary: `The span ${where} already has ${idList(codes)}${coder ? ` by ${coder}` : ''}.` };
  }
  const tags = add.map((id) => `#${id}`).join(' ');
  let edit: TextEdit;
  if (block) {
    const last = block.codes[block.codes.length - 1];
    if (last) {
      edit = { range: { start: last.range.end, end: last.range.end }, newText: ` ${tags}` };
    } else {
      const at = block.range.start + 1;
      const closes = t.text.charCodeAt(at) === 125; /* } */
      edit = { range: { start: at, end: at }, newText: closes ? tags : `${tags} ` };
    }
  } else {
    const item = coderItem(t, coding.coder);
    edit = { range: { start: span.close!.end, end: span.close!.end }, newText: `{${tags}${item ? ` ${item}` : ''}}` };
  }
  const expected = signatures(t);
  const mine = span.blocks.flatMap((b) => b.codes.map((c) => ({ coder: blockCoder(t, b), id: c.id })));
  expected[span.index] = spanSignature(t, span, [...mine, ...add.map((id) => ({ coder, id }))]);
  if (!verifies(t, [edit], expected)) return refuse(UNSAFE);
  return { ok: true, edits: [edit], summary: `Added ${idList(add)} to ${where}.` };
}

/**
 * Removes a code from the span under the cursor. `coder` picks the block when the
 * code is applied by several coders (undefined: the first block that has it).
 * Removing a block's last code removes the block; removing the last block
 * removes the span's markup (uncodes it).
 */
export function removeCodeAt(t: Transcript, range: OffsetRange, id: string, coder?: string): CodingEdit {
  const span = spanAtRange(t, range);
  return span ? removeCodeFromSpan(t, span, id, coder) : refuse(NO_SPAN);
}

export function removeCodeFromSpan(t: Transcript, span: Span, id: string, coder?: string): CodingEdit {
  const holding = span.blocks.filter((b) => b.codes.some((c) => c.id === id));
  const block = coder === undefined ? holding[0] : holding.find((b) => blockCoder(t, b) === coder);
  const where = quoteExcerpt(span.quote);
  if (!block) return refuse(`The span ${where} has no code '${id}'${coder !== undefined && holding.length > 0 ? ` by ${coder}` : ''}.`);
  const refs = block.codes.filter((c) => c.id === id);
  if (refs.length < block.codes.length) {
    const edits = removeTagsEdits(t.text, block, refs);
    return checked(t, edits, without(t, span, block, id), `Removed '${id}' from ${where}.`);
  }
  if (span.blocks.length > 1) {
    const edits: TextEdit[] = [{ range: block.range, newText: '' }];
    // The removed block may carry the label that makes this closer close its span.
    if (block.label && block.label.name === span.label?.name && !span.blocks.some((b) => b !== block && b.label)) {
      const keep = span.blocks.find((b) => b !== block)!;
      edits.push(labelIntoBlock(t, keep, block.label.name));
    }
    return checked(t, edits, without(t, span, block, id), `Removed '${id}' from ${where}.`);
  }
  const result = uncodeSpan(t, span);
  return result.ok ? { ...result, summary: `Removed '${id}', the span's last code: uncoded ${where}.` } : result;
}

/** Removes the markup of the span under the cursor (its opener, closer and blocks); the text stays byte for byte. */
export function uncodeAt(t: Transcript, range: OffsetRange): CodingEdit {
  const span = spanAtRange(t, range);
  return span ? uncodeSpan(t, span) : refuse(NO_SPAN);
}

export function uncodeSpan(t: Transcript, span: Span): CodingEdit {
  const edits: TextEdit[] = [{ range: span.open, newText: '' }];
  if (span.close) edits.push({ range: span.close, newText: '' });
  const expected = signatures(t);
  expected.splice(span.index, 1);
  const codes = unique(span.blocks.flatMap((b) => b.codes.map((c) => c.id)));
  if (!verifies(t, edits, expected)) return refuse(UNSAFE);
  return { ok: true, edits, summary: `Uncoded ${quoteExcerpt(span.quote)}${codes.length ? ` (${idList(codes)})` : ''}.` };
}

/** `^name ` at the start of a block (the label first, as the format's examples write it). */
export function labelIntoBlock(t: Transcript, block: Block, name: string): TextEdit {
  const at = block.range.start + 1;
  const closes = t.text.charCodeAt(at) === 125; /* } */
  return { range: { start: at, end: at }, newText: closes ? `^${name}` : `^${name} ` };
}

/** The signatures expected after `id` leaves `block` of `span`. */
function without(t: Transcript, span: Span, block: Block, id: string): string[] {
  const expected = signatures(t);
  const codes = span.blocks.flatMap((b) => b.codes.filter((c) => !(b === block && c.id === id)).map((c) => ({ coder: blockCoder(t, b), id: c.id })));
  expected[span.index] = spanSignature(t, span, codes);
  return expected;
}

function checked(t: Transcript, edits: TextEdit[], expected: string[], summary: string): CodingEdit {
  return verifies(t, edits, expected) ? { ok: true, edits, summary } : refuse(UNSAFE);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
