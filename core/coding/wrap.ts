/**
 * Wrapping a selection as a coded span: `{{selection}}{#a #b}`.
 *
 * Where the opener and the closer go. The selection is read as stripped text
 * (markup inside it counts nothing) and trimmed of surrounding whitespace. Its
 * first and last characters may be preceded or followed by markup (other spans'
 * openers, closers and blocks); the new `{{` may go at any boundary of that markup
 * before the first character, and the new `}}{…}` at any boundary after the last
 * one, but never inside an opener, a closer, a block or an escape. Among those
 * places Axial takes the one where the new span crosses no other span, and among
 * those the tightest. So coding `b c` in `{{a b}}{#x} c` nests nothing and
 * crosses nothing only if it starts after `{{a ` — it cannot, so it crosses:
 *
 * - When every choice crosses a span, the new span is **labelled** (`{{^a …}}{^a
 *   #code}`), so its closer closes it whatever is open inside it. A span that
 *   opens before the selection and closes inside it needs its own closer to name
 *   it too: that span gets a label as well (`{{^b` on its opener, `^b` in its first
 *   block). Labels are the first free of a, b, …, z, a2, ….
 * - When the selection is exactly an existing span's quote, the codes are added
 *   to that span instead (a second coder gets a block of their own).
 *
 * Every edit is checked by parsing the result (core/coding/verify.ts); a selection
 * next to a literal brace or broken markup is refused with a message rather than
 * risk changing the text.
 */
import type { TextEdit } from '../edits/types';
import { lowerBoundBy } from '../text/search';
import type { OffsetRange } from '../text/lineIndex';
import { strippedOffsetAt } from '../transcript/stripped';
import type { Span, Transcript } from '../transcript/types';
import {
  closerNamesLabel,
  coderItem,
  effectiveCoder,
  freshLabels,
  gapAt,
  insertionPoints,
  textStart,
  trimStripped,
} from './spansAndGaps';
import { addCodesToSpan, idList, labelIntoBlock, quoteExcerpt } from './spanEdits';
import { refuse, type Coding, type CodingEdit } from './types';
import { signatures, UNSAFE, verifies } from './verify';

export const EMPTY_SELECTION = 'Select the text to code: the selection holds no words (only spaces or markup).';

/** Wraps the selection `range` (source offsets) as a span with `coding`. */
export function wrapSelection(t: Transcript, range: OffsetRange, coding: Coding): CodingEdit {
  const codes = [...new Set(coding.codes)];
  if (codes.length === 0) return refuse('Choose at least one code.');
  let start = Math.max(0, Math.min(range.start, range.end));
  const end = Math.min(t.text.length, Math.max(range.start, range.end));
  if (t.bodyStart > 0 && end <= t.bodyStart) return refuse('The selection is in the front matter; select words of the transcript.');
  start = Math.max(start, textStart(t));
  const sel = trimStripped(t, strippedOffsetAt(t, start), strippedOffsetAt(t, end));
  if (sel.start >= sel.end) return refuse(EMPTY_SELECTION);

  // Exactly an existing span: code that span.
  const same = sameQuote(t, sel);
  if (same) return addCodesToSpan(t, same, { ...coding, codes });

  const opens = insertionPoints(t, gapAt(t, sel.start));
  const closes = insertionPoints(t, gapAt(t, sel.end));
  let best: Placement | undefined;
  for (const p of opens) {
    for (const q of closes) {
      if (q <= p) continue;
      const c = placement(t, p, q);
      if (!best || c.cost < best.cost || (c.cost === best.cost && (p > best.p || (p === best.p && q < best.q)))) best = c;
    }
  }
  if (!best) return refuse(UNSAFE);

  const edits: TextEdit[] = [];
  const coderTag = coderItem(t, coding.coder);
  const tags = codes.map((id) => `#${id}`).join(' ');
  let relabelled = 0;
  if (best.crossed.length === 0) {
    edits.push({ range: { start: best.p, end: best.p }, newText: '{{' });
    edits.push({ range: { start: best.q, end: best.q }, newText: `}}{${tags}${coderTag ? ` ${coderTag}` : ''}}` });
  } else {
    // A crossed span is closed by a label in its first block: a closer with no block
    // (a syntax error already reported) cannot take one, so the selection cannot cross it.
    if (best.needLabels.some((s) => s.blocks.length === 0)) return refuse('The selection crosses a span whose closer has no block; give that span its codes first.');
    const next = freshLabels(t);
    // Labels in reading order: the spans opened before the new one name theirs first.
    for (const s of best.needLabels) {
      const name = s.label?.name ?? next();
      if (!s.label) edits.push({ range: { start: s.open.start + 2, end: s.open.start + 2 }, newText: `^${name} ` });
      edits.push(labelIntoBlock(t, s.blocks[0], name));
      relabelled++;
    }
    const label = next();
    edits.push({ range: { start: best.p, end: best.p }, newText: `{{^${label} ` });
    edits.push({ range: { start: best.q, end: best.q }, newText: `}}{^${label} ${tags}${coderTag ? ` ${coderTag}` : ''}}` });
  }

  const coder = effectiveCoder(t, coding.coder);
  const expected = signatures(t);
  const items = codes.map((id) => `${coder ?? ''}:${id}`).sort();
  // Where the new span will stand among the spans (they come in the order of their
  // openers; the new `{{` goes before any opener at the same offset), so the check
  // compares the lists in place instead of counting them.
  expected.splice(lowerBoundBy(t.spans, best.p, (s) => s.open.start), 0, `${sel.start}-${sel.end} ${items.join(' ')}`);
  if (!verifies(t, edits, expected)) return refuse(UNSAFE);
  const quote = t.stripped.text.slice(sel.start, sel.end);
  const labelled = best.crossed.length > 0;
  return {
    ok: true,
    edits,
    summary: `Coded ${quoteExcerpt(quote)} with ${idList(codes)}${labelled ? ' (a labelled span: it crosses another span)' : ''}.`,
    ...(relabelled > 0 ? { relabelled } : {}),
  };
}

interface Placement {
  p: number;
  q: number;
  cost: number;
  /** Spans the new one crosses. */
  crossed: Span[];
  /** Crossed spans that open before the new span and close inside it without naming their label. */
  needLabels: Span[];
}

/**
 * What putting the opener at `p` and the closer at `q` crosses. New markup goes
 * before existing markup at the same offset, so an existing token at offset x is
 * inside the new span when p ≤ x < q.
 */
function placement(t: Transcript, p: number, q: number): Placement {
  const crossed: Span[] = [];
  const needLabels: Span[] = [];
  for (const s of t.spans) {
    if (s.open.start >= q) break;
    const openIn = p <= s.open.start;
    const closeIn = s.close !== undefined && p <= s.close.start && s.close.start < q;
    if (openIn === closeIn) continue;
    crossed.push(s);
    // A span open across the new opener and closed inside: its closer must name it.
    if (!openIn && !closerNamesLabel(s)) needLabels.push(s);
  }
  const cost = crossed.length === 0 ? 0 : 1 + 2 * needLabels.length;
  return { p, q, cost, crossed, needLabels };
}

/** The innermost closed span whose quote is exactly the stripped range `r`. */
function sameQuote(t: Transcript, r: OffsetRange): Span | undefined {
  let found: Span | undefined;
  for (const s of t.spans) {
    if (s.close && s.blocks.length > 0 && s.quoteRange.start === r.start && s.quoteRange.end === r.end) found = s;
  }
  return found;
}
