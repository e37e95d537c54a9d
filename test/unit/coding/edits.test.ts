import * as assert from 'node:assert/strict';
import {
  addCodesAt,
  applyEdits,
  parseTranscript,
  removeCodeAt,
  uncodeAt,
  wrapSelection,
  type CodingEdit,
  type OffsetRange,
  type Transcript,
} from '../../../core';

/**
 * The coding edits, data-driven: a transcript with the selection marked `«…»` (or
 * the cursor `‸`), the operation, and the exact text after it (or the refusal).
 * Every successful case is also checked to keep the stripped text.
 */

type Op =
  | { wrap: string[]; coder?: string }
  | { add: string[]; coder?: string }
  | { remove: string; coder?: string }
  | { uncode: true };

interface Case {
  name: string;
  /** The transcript with `«` `»` around the selection, or `‸` at the cursor. */
  text: string;
  op: Op;
  /** The whole text after the edit, or the refusal (a RegExp on the message). */
  expect: string | RegExp;
  summary?: string;
  /** Expect no edit (already done) with this summary. */
  unchanged?: boolean;
}

const FM = '---\ncoder: LN\n---\n';

const cases: Case[] = [
  // ---------------------------------------------------------------- wrap
  { name: 'wrap: a plain selection', text: 'P: I «felt safe» with her.\n', op: { wrap: ['trust'] }, expect: 'P: I {{felt safe}}{#trust} with her.\n', summary: "Coded “felt safe” with 'trust'." },
  { name: 'wrap: surrounding spaces and line ends are left outside', text: 'P: I« felt safe\n»with her.\n', op: { wrap: ['trust'] }, expect: 'P: I {{felt safe}}{#trust}\nwith her.\n' },
  { name: 'wrap: several codes, in the order given', text: 'P: «I felt safe».\n', op: { wrap: ['trust', 'expertise'] }, expect: 'P: {{I felt safe}}{#trust #expertise}.\n' },
  { name: 'wrap: a coder other than the front matter coder is written', text: `${FM}P: «I felt safe».\n`, op: { wrap: ['trust'], coder: 'CA' }, expect: `${FM}P: {{I felt safe}}{#trust @CA}.\n` },
  { name: 'wrap: the front matter coder is not written', text: `${FM}P: «I felt safe».\n`, op: { wrap: ['trust'], coder: 'LN' }, expect: `${FM}P: {{I felt safe}}{#trust}.\n` },
  { name: 'wrap: a coder with no front matter coder is written', text: 'P: «I felt safe».\n', op: { wrap: ['trust'], coder: 'CA' }, expect: 'P: {{I felt safe}}{#trust @CA}.\n' },
  { name: 'wrap: inside a span, nested', text: 'P: {{I felt «safe» with her}}{#x}\n', op: { wrap: ['y'] }, expect: 'P: {{I felt {{safe}}{#y} with her}}{#x}\n' },
  { name: 'wrap: around a span, which stays nested inside', text: 'P: «I {{felt}}{#x} safe»\n', op: { wrap: ['y'] }, expect: 'P: {{I {{felt}}{#x} safe}}{#y}\n' },
  { name: 'wrap: a selection starting on an opener takes the whole span in', text: 'P: «{{felt}}{#x} safe»\n', op: { wrap: ['y'] }, expect: 'P: {{{{felt}}{#x} safe}}{#y}\n' },
  { name: 'wrap: a selection ending inside a block never splits it', text: 'P: «I {{felt}}{#x»} safe\n', op: { wrap: ['y'] }, expect: 'P: {{I {{felt}}{#x}}}{#y} safe\n' },
  { name: 'wrap: a selection ending on a closer closes inside the span', text: 'P: {{I «felt}}»{#x} safe\n', op: { wrap: ['y'] }, expect: 'P: {{I {{felt}}{#y}}}{#x} safe\n' },
  { name: 'wrap: an empty span next to the selection is left outside', text: 'P: a {{}}{#e}«b» c\n', op: { wrap: ['y'] }, expect: 'P: a {{}}{#e}{{b}}{#y} c\n' },
  { name: 'wrap: after an unclosed span, nested in it', text: 'P: {{a «b» c\n', op: { wrap: ['y'] }, expect: 'P: {{a {{b}}{#y} c\n' },
  { name: 'wrap: exactly a span’s text adds the codes to that span', text: 'P: {{«felt safe»}}{#x}\n', op: { wrap: ['y'] }, expect: 'P: {{felt safe}}{#x #y}\n', summary: "Added 'y' to “felt safe”." },
  { name: 'wrap: exactly a whole span with its markup adds to it too', text: 'P: «{{felt safe}}{#x}»\n', op: { wrap: ['y'] }, expect: 'P: {{felt safe}}{#x #y}\n' },
  { name: 'wrap: exactly a span, another coder: a block of their own', text: `${FM}P: «{{felt safe}}{#x}»\n`, op: { wrap: ['y'], coder: 'CA' }, expect: `${FM}P: {{felt safe}}{#x}{#y @CA}\n` },
  { name: 'wrap: exactly a span that has the code already', text: 'P: «{{felt safe}}{#x}»\n', op: { wrap: ['x'] }, expect: 'P: {{felt safe}}{#x}\n', unchanged: true, summary: "The span “felt safe” already has 'x'." },
  {
    name: 'wrap: crossing the end of a span: both spans get labels',
    text: 'P: {{I felt «safe}}{#x} with» her\n',
    op: { wrap: ['y'] },
    expect: 'P: {{^a I felt {{^b safe}}{^a #x} with}}{^b #y} her\n',
    summary: "Coded “safe with” with 'y' (a labelled span: it crosses another span).",
  },
  { name: 'wrap: crossing the start of a span: only the new span is labelled', text: 'P: I «felt {{safe» with her}}{#x}\n', op: { wrap: ['y'] }, expect: 'P: I {{^a felt {{safe}}{^a #y} with her}}{#x}\n' },
  {
    name: 'wrap: crossing a labelled span whose closer names it: no relabelling',
    text: 'P: {{^a I felt «safe}}{^a #x} with» her\n',
    op: { wrap: ['y'] },
    expect: 'P: {{^a I felt {{^b safe}}{^a #x} with}}{^b #y} her\n',
  },
  {
    name: 'wrap: labels are the first free ones',
    text: 'P: {{^a x}}{^a #p} {{^b y {{^c z}}{^c #q} «w}}{^b #r} v»\n',
    op: { wrap: ['s'] },
    expect: 'P: {{^a x}}{^a #p} {{^b y {{^c z}}{^c #q} {{^d w}}{^b #r} v}}{^d #s}\n',
  },
  { name: 'wrap: emoji and combining accents', text: 'P: 😀 «😀 relación e\u0301» 😀\n', op: { wrap: ['y'] }, expect: 'P: 😀 {{😀 relación e\u0301}}{#y} 😀\n' },
  { name: 'wrap: a selection splitting an emoji takes all of it', text: 'P: a \ud83d«\ude00 b»\n', op: { wrap: ['y'] }, expect: 'P: a {{😀 b}}{#y}\n' },
  { name: 'wrap: across lines of a CRLF file', text: 'P: «I felt\r\nsafe»\r\nI: ok\r\n', op: { wrap: ['y'] }, expect: 'P: {{I felt\r\nsafe}}{#y}\r\nI: ok\r\n' },
  { name: 'wrap: an escaped brace at the start stays escaped', text: 'P: a«\\{b» c\n', op: { wrap: ['y'] }, expect: 'P: a{{\\{b}}{#y} c\n' },
  { name: 'wrap: the front matter is refused', text: '---\ncase: «A»\n---\nP: x\n', op: { wrap: ['y'] }, expect: /in the front matter/ },
  { name: 'wrap: a selection starting in the front matter starts at the body', text: '---\ncase: «A\n---\nP:» x\n', op: { wrap: ['y'] }, expect: '---\ncase: A\n---\n{{P:}}{#y} x\n' },
  { name: 'wrap: only spaces and markup', text: 'P: a« {{}}{#e} »b\n', op: { wrap: ['y'] }, expect: /Select the text to code/ },
  { name: 'wrap: a literal brace right after the selection would read as a block', text: 'P: «a b»{ c\n', op: { wrap: ['y'] }, expect: /cannot make this change safely/ },
  { name: 'wrap: a literal brace right before the selection would join the opener', text: 'P: a{«b c»\n', op: { wrap: ['y'] }, expect: /cannot make this change safely/ },
  { name: 'wrap: no codes', text: 'P: «a b»\n', op: { wrap: [] }, expect: /Choose at least one code/ },

  // ---------------------------------------------------------------- add
  { name: 'add: into the block of the same coder, after its last code', text: `${FM}P: {{I f‸elt}}{#x @LN "memo"} ok\n`, op: { add: ['y'] }, expect: `${FM}P: {{I felt}}{#x #y @LN "memo"} ok\n`, summary: "Added 'y' to “I felt”." },
  { name: 'add: another coder gets a new block after the last one', text: `${FM}P: {{I f‸elt}}{#x}{#z @CA} ok\n`, op: { add: ['y', 'w'], coder: 'LM' }, expect: `${FM}P: {{I felt}}{#x}{#z @CA}{#y #w @LM} ok\n` },
  { name: 'add: the block of the named coder', text: `${FM}P: {{I f‸elt}}{#x}{#z @CA} ok\n`, op: { add: ['y'], coder: 'CA' }, expect: `${FM}P: {{I felt}}{#x}{#z #y @CA} ok\n` },
  { name: 'add: the innermost span under the cursor', text: 'P: {{a {{b‸}}{#y} c}}{#x}\n', op: { add: ['q'] }, expect: 'P: {{a {{b}}{#y #q} c}}{#x}\n' },
  { name: 'add: the cursor on a block is on its span', text: 'P: {{a {{b}}{#y} c}}{#‸x}\n', op: { add: ['q'] }, expect: 'P: {{a {{b}}{#y} c}}{#x #q}\n' },
  { name: 'add: codes the span has are skipped', text: 'P: {{‸a}}{#x}\n', op: { add: ['x', 'y'] }, expect: 'P: {{a}}{#x #y}\n', summary: "Added 'y' to “a”." },
  { name: 'add: nothing to add', text: 'P: {{‸a}}{#x}\n', op: { add: ['x'] }, expect: 'P: {{a}}{#x}\n', unchanged: true },
  { name: 'add: a labelled span keeps its label first', text: 'P: {{^a x {{^b ‸y}}{^a #p} z}}{^b #q}\n', op: { add: ['r'] }, expect: 'P: {{^a x {{^b y}}{^a #p} z}}{^b #q #r}\n' },
  { name: 'add: no span under the cursor', text: 'P: {{a}}{#x} b‸c\n', op: { add: ['y'] }, expect: /There is no coded span here/ },
  { name: 'add: CRLF and emoji', text: 'P: {{😀\r\n‸😀}}{#x}\r\n', op: { add: ['y'] }, expect: 'P: {{😀\r\n😀}}{#x #y}\r\n' },

  // ---------------------------------------------------------------- remove
  { name: 'remove: the first of two codes', text: 'P: {{‸a}}{#x #y}\n', op: { remove: 'x' }, expect: 'P: {{a}}{#y}\n', summary: "Removed 'x' from “a”." },
  { name: 'remove: the last of two codes', text: 'P: {{‸a}}{#x #y @CA}\n', op: { remove: 'y' }, expect: 'P: {{a}}{#x @CA}\n' },
  { name: 'remove: the last code of a block removes the block with its memo', text: 'P: {{‸a}}{#x @CA "why"}{#y @LN}\n', op: { remove: 'x' }, expect: 'P: {{a}}{#y @LN}\n' },
  { name: 'remove: the coder picks the block', text: 'P: {{‸a}}{#x @CA}{#x @LN}\n', op: { remove: 'x', coder: 'LN' }, expect: 'P: {{a}}{#x @CA}\n' },
  { name: 'remove: the front matter coder picks blocks without @', text: `${FM}P: {{‸a}}{#x @CA}{#x}\n`, op: { remove: 'x', coder: 'LN' }, expect: `${FM}P: {{a}}{#x @CA}\n` },
  { name: 'remove: the last code of the only block uncodes the span', text: 'P: {{a {{‸b}}{#y} c}}{#x}\n', op: { remove: 'y' }, expect: 'P: {{a b c}}{#x}\n', summary: "Removed 'y', the span's last code: uncoded “b”." },
  {
    name: 'remove: a block carrying the span’s label passes the label on',
    text: 'P: {{^a A {{^b B}}{^a #‸x}{#z @LN} C}}{^b #y}\n',
    op: { remove: 'x' },
    expect: 'P: {{^a A {{^b B}}{^a #z @LN} C}}{^b #y}\n',
  },
  { name: 'remove: a code the span does not have', text: 'P: {{‸a}}{#x}\n', op: { remove: 'y' }, expect: /The span “a” has no code 'y'/ },
  { name: 'remove: a code another coder applied', text: 'P: {{‸a}}{#x @CA}\n', op: { remove: 'x', coder: 'LN' }, expect: /has no code 'x' by LN/ },

  // ---------------------------------------------------------------- uncode
  { name: 'uncode: a span', text: 'P: I {{fe‸lt safe}}{#x #y @CA "m"} ok\n', op: { uncode: true }, expect: 'P: I felt safe ok\n', summary: "Uncoded “felt safe” ('x' and 'y')." },
  { name: 'uncode: the inner of two nested spans', text: 'P: {{a {{b‸}}{#y} c}}{#x}\n', op: { uncode: true }, expect: 'P: {{a b c}}{#x}\n' },
  { name: 'uncode: the outer span from its markup', text: 'P: {{a {{b}}{#y} c}}{#x‸}\n', op: { uncode: true }, expect: 'P: a {{b}}{#y} c\n' },
  { name: 'uncode: a labelled span, with the space of its opener', text: 'P: {{^a x {{^b ‸y}}{^a #p} z}}{^b #q}\n', op: { uncode: true }, expect: 'P: {{^a x y}}{^a #p} z\n' },
  { name: 'uncode: the cursor on a crossing span’s opener picks that span', text: 'P: {{^a A {{^‸b B}}{^a #x} C}}{^b #y}\n', op: { uncode: true }, expect: 'P: {{^a A B}}{^a #x} C\n' },
  { name: 'uncode: across CRLF lines, with emoji', text: 'P: {{😀 a\r\n‸b 😀}}{#x}\r\n', op: { uncode: true }, expect: 'P: 😀 a\r\nb 😀\r\n' },
  { name: 'uncode: no span', text: 'P: a‸b\n', op: { uncode: true }, expect: /There is no coded span here/ },
];

/** The text without markers and the marked range. */
function unmark(marked: string): { text: string; range: OffsetRange } {
  const cursor = marked.indexOf('‸');
  if (cursor >= 0) return { text: marked.replace('‸', ''), range: { start: cursor, end: cursor } };
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  assert.ok(start >= 0 && end >= start, `no selection in ${JSON.stringify(marked)}`);
  return { text: marked.replace('«', '').replace('»', ''), range: { start, end } };
}

function apply(t: Transcript, range: OffsetRange, op: Op): CodingEdit {
  if ('wrap' in op) return wrapSelection(t, range, { codes: op.wrap, coder: op.coder });
  if ('add' in op) return addCodesAt(t, range, { codes: op.add, coder: op.coder });
  if ('remove' in op) return removeCodeAt(t, range, op.remove, op.coder);
  return uncodeAt(t, range);
}

describe('coding edits (data-driven)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const { text, range } = unmark(c.text);
      const t = parseTranscript(text);
      const result = apply(t, range, c.op);
      if (c.expect instanceof RegExp) {
        assert.equal(result.ok, false, result.ok ? `expected a refusal, got ${JSON.stringify(applyEdits(text, result.edits))}` : '');
        assert.match(result.ok ? '' : result.message, c.expect);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.message);
      const after = applyEdits(text, result.edits);
      assert.equal(after, c.expect);
      assert.equal(result.edits.length === 0, !!c.unchanged, 'edits');
      if (c.summary) assert.equal(result.summary, c.summary);
      const parsed = parseTranscript(after);
      assert.equal(parsed.stripped.text, t.stripped.text, 'the stripped text is unchanged');
      assert.ok(parsed.diagnostics.length <= t.diagnostics.length, 'no new syntax errors');
    });
  }
});
