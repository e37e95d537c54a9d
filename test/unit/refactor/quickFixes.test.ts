import * as assert from 'node:assert/strict';
import { parseTranscript, quickFixes } from '../../../core';
import { applyFileEdits, changed, indexOf, uriOf, type Files } from './kit';

/**
 * Every quick fix, data-driven: the project, the file and diagnostic asked about,
 * the titles offered (in order, `*` marking the preferred one), and the exact
 * files after applying one of them.
 */

const CODEBOOK = `version: 1
coders:
  CA: Carolina Altimir
  LN: Lucía Núñez
codes:
  meeting:
    kind: category
    name: The meeting
  trust:
    parent: meeting
    name: Trust
    aliases: [confianza]
  expertise:
    parent: meeting
  old-trust:
    status: deprecated
    replaced_by: trust
`;

interface Case {
  name: string;
  /** Files besides the default codebook (which a case may override). */
  files: Files;
  /** The file whose diagnostics are fixed. */
  file: string;
  diagnostic: string;
  /** Titles in order; a trailing ` *` marks the preferred fix. */
  titles: string[];
  /** Which title to apply, and the files that change, in full. */
  apply?: string;
  expect?: Files;
}

const T = 'transcripts/a.md';
const t = (body: string): Files => ({ [T]: body });

const cases: Case[] = [
  {
    name: 'unknown code: did you mean, then add it to the codebook (did you mean applied)',
    files: t('P: {{Building trust}}{#trus} then.\n'),
    file: T,
    diagnostic: 'code.unknown',
    titles: ["Change to 'trust' *", "Add 'trus' to the codebook"],
    apply: "Change to 'trust'",
    expect: t('P: {{Building trust}}{#trust} then.\n'),
  },
  {
    name: 'unknown code: add it to the codebook appends an entry after the last code',
    files: t('P: {{Building trust}}{#trus} then.\n'),
    file: T,
    diagnostic: 'code.unknown',
    titles: ["Change to 'trust' *", "Add 'trus' to the codebook"],
    apply: "Add 'trus' to the codebook",
    expect: { 'codebook.yaml': CODEBOOK + '  trus:\n' },
  },
  {
    name: 'unknown code: a word far from every code is only offered to be added',
    files: t('P: {{x}}{#loneliness}\n'),
    file: T,
    diagnostic: 'code.unknown',
    titles: ["Add 'loneliness' to the codebook"],
  },
  {
    name: "unknown code that is an alias: use the code's id",
    files: t('P: {{x}}{#confianza}\n'),
    file: T,
    diagnostic: 'code.unknown',
    titles: ["Use 'trust' ('confianza' is its alias) *"],
    apply: "Use 'trust' ('confianza' is its alias)",
    expect: t('P: {{x}}{#trust}\n'),
  },
  {
    name: 'deprecated code: its replaced_by',
    files: t('P: {{x}}{#old-trust @CA}\n'),
    file: T,
    diagnostic: 'code.deprecated',
    titles: ["Replace with 'trust' *"],
    apply: "Replace with 'trust'",
    expect: t('P: {{x}}{#trust @CA}\n'),
  },
  {
    name: 'category applied to text: one fix per code of the category',
    files: t('P: {{x}}{#meeting}\n'),
    file: T,
    diagnostic: 'code.category-applied',
    titles: ["Change to 'trust' (a code of 'meeting')", "Change to 'expertise' (a code of 'meeting')"],
    apply: "Change to 'expertise' (a code of 'meeting')",
    expect: t('P: {{x}}{#expertise}\n'),
  },
  {
    name: 'category applied next to one of its codes: removing the category is preferred',
    files: t('P: {{x}}{#meeting #trust @LN}\n'),
    file: T,
    diagnostic: 'code.category-applied',
    titles: ["Change to 'expertise' (a code of 'meeting')", "Remove '#meeting' from this block *"],
    apply: "Remove '#meeting' from this block",
    expect: t('P: {{x}}{#trust @LN}\n'),
  },
  {
    name: 'category applied last in its block: the space before it goes with it',
    files: t('P: {{x}}{#trust #meeting}\n'),
    file: T,
    diagnostic: 'code.category-applied',
    titles: ["Change to 'expertise' (a code of 'meeting')", "Remove '#meeting' from this block *"],
    apply: "Remove '#meeting' from this block",
    expect: t('P: {{x}}{#trust}\n'),
  },
  {
    name: 'unknown coder: did you mean a declared coder',
    files: t('P: {{x}}{#trust @LM}\n'),
    file: T,
    diagnostic: 'coder.unknown',
    titles: ["Change to 'LN' *", "Add coder 'LM' to the codebook"],
    apply: "Change to 'LN'",
    expect: t('P: {{x}}{#trust @LN}\n'),
  },
  {
    name: 'unknown coder: add it to coders, after the last one',
    files: t('P: {{x}}{#trust @LM}\n'),
    file: T,
    diagnostic: 'coder.unknown',
    titles: ["Change to 'LN' *", "Add coder 'LM' to the codebook"],
    apply: "Add coder 'LM' to the codebook",
    expect: { 'codebook.yaml': CODEBOOK.replace('  LN: Lucía Núñez\n', '  LN: Lucía Núñez\n  LM: LM\n') },
  },
  {
    name: 'unknown coder in the front matter',
    files: t('---\ncoder: XY\n---\nP: {{x}}{#trust}\n'),
    file: T,
    diagnostic: 'coder.unknown',
    titles: ["Add coder 'XY' to the codebook"],
    apply: "Add coder 'XY' to the codebook",
    expect: { 'codebook.yaml': CODEBOOK.replace('  LN: Lucía Núñez\n', '  LN: Lucía Núñez\n  XY: XY\n') },
  },
  {
    name: '}} with no block: a block with the code of the nearest coded span before it',
    files: t('P: {{Building trust}}{#expertise} and {{a second}} here.\n'),
    file: T,
    diagnostic: 'span.closer-without-block',
    titles: ['Add the block {#expertise}'],
    apply: 'Add the block {#expertise}',
    expect: t('P: {{Building trust}}{#expertise} and {{a second}}{#expertise} here.\n'),
  },
  {
    name: '}} with no block: nearest span first, then the codes used most in the transcript',
    files: t('P: {{a}}{#trust} {{b}}{#trust} {{c}}{#expertise} {{d}} end\n'),
    file: T,
    diagnostic: 'span.closer-without-block',
    titles: ['Add the block {#expertise}', 'Add the block {#trust}'],
  },
  {
    name: '}} with no block in an uncoded project: the codebook\'s first codes',
    files: t('P: {{a}} end\n'),
    file: T,
    diagnostic: 'span.closer-without-block',
    titles: ['Add the block {#trust}', 'Add the block {#expertise}'],
  },
  {
    name: 'unclosed {{: closed at the end of its line, before trailing spaces',
    files: t('P: {{Building trust, I think.  \nI: And then?\n'),
    file: T,
    diagnostic: 'span.unclosed',
    titles: ['Close the span at the end of the line with {#trust}', 'Close the span at the end of the line with {#expertise}'],
    apply: 'Close the span at the end of the line with {#trust}',
    expect: t('P: {{Building trust, I think.}}{#trust}  \nI: And then?\n'),
  },
  {
    name: 'unclosed {{ at the end of a line: closed at the end of the next line with text',
    files: t('P: {{\nBuilding trust.\n'),
    file: T,
    diagnostic: 'span.unclosed',
    titles: ['Close the span at the end of the line with {#trust}', 'Close the span at the end of the line with {#expertise}'],
    apply: 'Close the span at the end of the line with {#trust}',
    expect: t('P: {{\nBuilding trust.}}{#trust}\n'),
  },
  {
    name: 'unclosed labelled {{^a: the closer names the label, so it closes this span',
    files: t('P: {{^a one {{two}}{#trust} three\n'),
    file: T,
    diagnostic: 'span.unclosed',
    titles: ['Close the span at the end of the line with {#trust}'],
    apply: 'Close the span at the end of the line with {#trust}',
    expect: t('P: {{^a one {{two}}{#trust} three}}{^a #trust}\n'),
  },
  {
    name: 'unclosed {{ with another unclosed {{ after it on the line: only the inner one is offered a closer (it is the one a closer there closes)',
    files: t('P: {{one {{two\n'),
    file: T,
    diagnostic: 'span.unclosed',
    titles: ['Close the span at the end of the line with {#trust}', 'Close the span at the end of the line with {#expertise}'],
    apply: 'Close the span at the end of the line with {#expertise}',
    expect: t('P: {{one {{two}}{#expertise}\n'),
  },
  {
    name: 'a block with no code: add one',
    files: t('P: {{x}}{#trust} {{y}}{@CA}\n'),
    file: T,
    diagnostic: 'block.no-code',
    titles: ["Add '#trust' to the block"],
    apply: "Add '#trust' to the block",
    expect: t('P: {{x}}{#trust} {{y}}{#trust @CA}\n'),
  },
  {
    name: 'a block never closed: close it',
    files: t('P: {{x}}{#trust @CA\nI: next\n'),
    file: T,
    diagnostic: 'block.unclosed',
    titles: ["Close the block with '}' *"],
    apply: "Close the block with '}'",
    expect: t('P: {{x}}{#trust @CA}\nI: next\n'),
  },
  {
    name: 'a memo never closed: close the memo and its block',
    files: t('P: {{x}}{#trust "reads as closeness\r\nI: next\r\n'),
    file: T,
    diagnostic: 'memo.unterminated',
    titles: ['Close the memo and the block with \'"}\' *'],
    apply: 'Close the memo and the block with \'"}\'',
    expect: t('P: {{x}}{#trust "reads as closeness"}\r\nI: next\r\n'),
  },
  {
    name: 'a mistyped front matter key',
    files: t('---\npartcipant: patient\n---\nP: hello\n'),
    file: T,
    diagnostic: 'front-matter.unknown-key',
    titles: ["Change to 'participant' *", "Rename to 'x-partcipant' (your own key)"],
    apply: "Change to 'participant'",
    expect: t('---\nparticipant: patient\n---\nP: hello\n'),
  },
  // codebook.yaml
  {
    name: 'codebook: unknown parent → did you mean',
    files: { 'codebook.yaml': CODEBOOK.replace('    parent: meeting\n    name: Trust', '    parent: meetng   # the core\n    name: Trust') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.unknown-parent',
    titles: ["Change to 'meeting' *", "Add the category 'meetng' to the codebook", "Remove the parent of 'trust'"],
    apply: "Change to 'meeting'",
    expect: { 'codebook.yaml': CODEBOOK.replace('    parent: meeting\n    name: Trust', '    parent: meeting   # the core\n    name: Trust') },
  },
  {
    name: 'codebook: unknown parent → add it as a category',
    files: { 'codebook.yaml': CODEBOOK.replace('  expertise:\n    parent: meeting', '  expertise:\n    parent: competence') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.unknown-parent',
    titles: ["Add the category 'competence' to the codebook", "Remove the parent of 'expertise'"],
    apply: "Add the category 'competence' to the codebook",
    expect: { 'codebook.yaml': CODEBOOK.replace('  expertise:\n    parent: meeting', '  expertise:\n    parent: competence') + '  competence:\n    kind: category\n' },
  },
  {
    name: 'codebook: a parent cycle → remove one link (each code of the cycle offers its own)',
    files: { 'codebook.yaml': 'codes:\n  a:\n    parent: b # loops\n    name: A\n  b:\n    parent: a\n' },
    file: 'codebook.yaml',
    diagnostic: 'codebook.parent-cycle',
    titles: ["Remove the parent link of 'a'", "Remove the parent link of 'b'"],
    apply: "Remove the parent link of 'a'",
    expect: { 'codebook.yaml': 'codes:\n  a:\n    name: A\n  b:\n    parent: a\n' },
  },
  {
    name: 'codebook: a mistyped field → the field it nearly spells',
    files: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', '    nmae: Trust') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.unknown-key',
    titles: ["Change to 'name' *", "Rename to 'x-nmae' (your own key)"],
    apply: "Change to 'name'",
    expect: { 'codebook.yaml': CODEBOOK },
  },
  {
    name: 'codebook: a mistyped field whose right spelling is already there is only offered as x-',
    files: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', '    name: Trust\n    nmae: Trust') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.unknown-key',
    titles: ["Rename to 'x-nmae' (your own key)"],
  },
  {
    name: 'codebook: a mistyped top-level key',
    files: { 'codebook.yaml': CODEBOOK.replace('version: 1\n', 'version: 1\ntitel: Study\n') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.unknown-key',
    titles: ["Change to 'title' *", "Rename to 'x-titel' (your own key)"],
    apply: "Change to 'title'",
    expect: { 'codebook.yaml': CODEBOOK.replace('version: 1\n', 'version: 1\ntitle: Study\n') },
  },
  {
    name: 'codebook: an unquoted colour (a YAML comment) → quoted',
    files: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', '    name: Trust\n    color: #4e79a7') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.bad-color',
    titles: ['Quote the color: "#4e79a7" *'],
    apply: 'Quote the color: "#4e79a7"',
    expect: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', '    name: Trust\n    color: "#4e79a7"') },
  },
  {
    name: 'codebook: a three-digit colour → six digits, quoted',
    files: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', "    name: Trust\n    color: 'abc'") },
    file: 'codebook.yaml',
    diagnostic: 'codebook.bad-color',
    titles: ['Write the color as "#aabbcc" *'],
    apply: 'Write the color as "#aabbcc"',
    expect: { 'codebook.yaml': CODEBOOK.replace('    name: Trust', '    name: Trust\n    color: "#aabbcc"') },
  },
  {
    name: 'codebook: a mistyped replaced_by → did you mean',
    files: { 'codebook.yaml': CODEBOOK.replace('replaced_by: trust', 'replaced_by: trst') },
    file: 'codebook.yaml',
    diagnostic: 'codebook.bad-replaced-by',
    titles: ["Change to 'trust' *"],
    apply: "Change to 'trust'",
    expect: { 'codebook.yaml': CODEBOOK },
  },
];

describe('quick fixes (core)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const files: Files = { 'codebook.yaml': CODEBOOK, ...c.files };
      const index = indexOf(files);
      const text = files[c.file];
      const fixes = quickFixes(index, uriOf(c.file), { start: 0, end: text.length }).filter((f) => f.diagnostic.code === c.diagnostic);
      assert.deepEqual(
        fixes.map((f) => f.title + (f.preferred ? ' *' : '')),
        c.titles,
      );
      if (!c.apply) return;
      const fix = fixes.find((f) => f.title === c.apply);
      assert.ok(fix, `no fix '${c.apply}'`);
      const after = applyFileEdits(files, fix.edits);
      assert.deepEqual(changed(files, after), c.expect);
      // Transcripts only ever change in their markup.
      for (const [path, before] of Object.entries(files)) {
        if (path.endsWith('.md')) assert.equal(parseTranscript(after[path]).stripped.text, parseTranscript(before).stripped.text);
      }
      // The fixed diagnostic is gone.
      const again = indexOf(after);
      const left = again.diagnostics(uriOf(c.file))!.filter((d) => d.code === c.diagnostic && d.range.start === fix.diagnostic.range.start);
      if (c.diagnostic !== 'codebook.parent-cycle') assert.deepEqual(left, [], `still: ${left.map((d) => d.message).join('; ')}`);
    });
  }

  it('fixes only the diagnostics that touch the requested range', () => {
    const files: Files = { 'codebook.yaml': CODEBOOK, [T]: 'P: {{a}}{#trus}\nP: {{b}}{#old-trust}\n' };
    const index = indexOf(files);
    const second = files[T].indexOf('old-trust');
    assert.deepEqual(
      quickFixes(index, uriOf(T), { start: second, end: second }).map((f) => f.title),
      ["Replace with 'trust'"],
    );
  });

  it('a file outside any project has no fixes', () => {
    const index = indexOf({ 'codebook.yaml': CODEBOOK });
    assert.deepEqual(quickFixes(index, 'file:///elsewhere/x.md', { start: 0, end: 10 }), []);
  });
});

describe('quick fixes (core): a codebook with YAML errors', () => {
  it('offers no entry to insert into it, only fixes at exact ranges', () => {
    const broken = CODEBOOK + '  bad: [unclosed\n';
    const files: Files = { 'codebook.yaml': broken, [T]: 'P: {{x}}{#trus @LM}\n' };
    const index = indexOf(files);
    assert.deepEqual(
      quickFixes(index, uriOf(T), { start: 0, end: files[T].length }).map((f) => f.title),
      ["Change to 'trust'", "Change to 'LN'"],
    );
  });
});
