import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applyEdits,
  codeSelection,
  complete,
  keepsStrippedText,
  mergeCode,
  parseTranscript,
  ProjectIndex,
  quickFixes,
  transcriptKeepsStrippedText,
  type FileEdit,
} from '../../core';
import { toWorkspaceEdit, linesOfIndex } from '../../server/convert';
import { codeActions, QUICK_FIX_GATE_CHARS } from '../../server/codeActions';
import { fileLines } from '../../server/convert';

/**
 * No action offers an id that cannot be written as a tag, and every offered edit
 * passes one gate (core/coding/verify.ts keepsStrippedText): the stripped text
 * of every transcript it touches stays the same.
 */
const CB_URI = 'file:///p/codebook.yaml';
const T_URI = 'file:///p/transcripts/a.md';

function project(codebook: string, text: string): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile(CB_URI, codebook);
  index.setFile(T_URI, text);
  return index;
}

describe('offered ids can be written as tags', () => {
  // The reported case: an id with a line break, which the codebook reports as invalid.
  const CB = 'version: 1\ncoders:\n  LN: Lucía\n  "L\\nN": Broken\ncodes:\n  trust: {}\n  "trust\\nzz": {}\n';

  it('did-you-mean never offers an invalid id, and every fix keeps the stripped text', () => {
    const text = 'P: {{I trusted her}}{#trustzz} a lot.\n';
    const index = project(CB, text);
    const entry = index.entry(T_URI)!;
    const d = entry.diagnostics.find((x) => x.code === 'code.unknown')!;
    const fixes = quickFixes(index, T_URI, d.range);
    assert.ok(fixes.some((f) => f.title === "Change to 'trust'"), fixes.map((f) => f.title).join());
    for (const f of fixes) {
      for (const e of f.edits) assert.ok(!/[\r\n]/.test(e.newText) || e.uri === CB_URI, `${f.title}: ${JSON.stringify(e.newText)}`);
      assert.ok(keepsStrippedText(index, f.edits), f.title);
    }
  });

  it('likely codes for a block, completion after # and @, and coding commands skip invalid ids', () => {
    const cb = 'version: 1\ncoders:\n  "L\\nN": Broken\n  LN: Lucía\ncodes:\n  "trust\\nzz": {}\n  trust: {}\n';
    const text = 'P: {{I trusted her}} a lot. {{x}}{#';
    const index = project(cb, text);
    const d = index.entry(T_URI)!.diagnostics.find((x) => x.code === 'span.closer-without-block')!;
    const titles = quickFixes(index, T_URI, d.range).map((f) => f.title);
    assert.deepEqual(titles, ['Add the block {#trust}']);
    assert.deepEqual(complete(index, T_URI, text.length).map((c) => c.insertText), ['trust']);
    const coders = project(cb, 'P: {{x}}{#trust @');
    assert.deepEqual(complete(coders, T_URI, 'P: {{x}}{#trust @'.length).map((c) => c.insertText), ['LN']);
    const r = codeSelection(index, T_URI, { start: 5, end: 18 }, { codes: ['trust\nzz'] });
    assert.equal(r.ok, false);
  });

  it('merging into an invalid id is refused', () => {
    const index = project(CB, 'P: {{I trusted her}}{#trust} a lot.\n');
    const r = mergeCode(index.projectOf(T_URI)!, 'trust', 'trust\nzz', 'delete');
    assert.equal(r.ok, false);
  });
});

describe('the gate: offered edits keep the stripped text', () => {
  it('refuses an edit that writes a line break into a tag, in core and at the server', () => {
    const text = 'P: {{I trusted her}}{#trustzz} a lot.\n';
    const index = project('version: 1\ncodes:\n  trust: {}\n', text);
    const at = text.indexOf('trustzz');
    const bad: FileEdit[] = [{ uri: T_URI, range: { start: at, end: at + 7 }, newText: 'trust\nzz' }];
    const good: FileEdit[] = [{ uri: T_URI, range: { start: at, end: at + 7 }, newText: 'trust' }];
    assert.equal(keepsStrippedText(index, bad), false);
    assert.equal(keepsStrippedText(index, good), true);
    const linesOf = (uri: string) => fileLines(index, uri);
    assert.equal(toWorkspaceEdit(index, bad, linesOf), undefined);
    assert.ok(toWorkspaceEdit(index, good, linesOf));
  });

  it('passes codebook edits, refuses unknown files, overlapping edits and ranges outside the text', () => {
    const index = project('version: 1\ncodes:\n  trust: {}\n', 'P: {{x}}{#trust}\n');
    assert.equal(keepsStrippedText(index, [{ uri: CB_URI, range: { start: 0, end: 0 }, newText: '# hi\n' }]), true);
    assert.equal(keepsStrippedText(index, [{ uri: 'file:///elsewhere/b.md', range: { start: 0, end: 0 }, newText: 'x' }]), false);
    assert.equal(
      keepsStrippedText(index, [
        { uri: T_URI, range: { start: 10, end: 14 }, newText: 'a' },
        { uri: T_URI, range: { start: 12, end: 15 }, newText: 'b' },
      ]),
      false,
    );
    assert.equal(keepsStrippedText(index, [{ uri: T_URI, range: { start: 10, end: 99 }, newText: '' }]), false);
  });

  // Markup-heavy lines with every kind of line break, front matter or not, and edits
  // that insert or delete markup: the gate's answer is exactly what a full parse says.
  const piece = fc.constantFrom('P: ', 'I: ', 'a', ' ', '{{', '}}', '{#a}', '{#a', '#b', '}', '{', '\\', '"', '^x ', '\n', '\r', '\r\n', '\uFEFF', '---');
  const line = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
  const text = fc
    .tuple(fc.constantFrom('', '---\ncase: 1\n---\n', '---\rcase: 1\r---\r', '---\n'), fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([fm, lines, eol]) => fm + lines.join(eol));
  const insert = fc.array(fc.constantFrom('a', '#a', '{', '}', '{{', '}}', '\\', '"', ' ', '\n', '\r', 'z-1'), { maxLength: 3 }).map((p) => p.join(''));

  it('equals a full parse on the cases the property found (a BOM-only file; two edits on the last line)', () => {
    const cases: [string, { range: { start: number; end: number }; newText: string }[]][] = [
      ['\uFEFF', [{ range: { start: 1, end: 1 }, newText: '' }]],
      ['\\{\r{#a{{', [{ range: { start: 7, end: 7 }, newText: '}}' }, { range: { start: 8, end: 8 }, newText: '' }]],
    ];
    for (const [t, edits] of cases) {
      const want = parseTranscript(applyEdits(t, edits)).stripped.text === parseTranscript(t).stripped.text;
      assert.equal(transcriptKeepsStrippedText(parseTranscript(t), edits), want, JSON.stringify({ t, edits }));
    }
  });

  it('equals a full parse for random edits (property)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(4), insert), { minLength: 1, maxLength: 3 }), (t, raw) => {
        const parsed = parseTranscript(t);
        // Non-overlapping edits: each placed after the previous one.
        const edits = [];
        let from = 0;
        for (const [at, len, newText] of raw) {
          if (from > t.length) break;
          const start = from + (at % (t.length - from + 1));
          const end = Math.min(t.length, start + len);
          edits.push({ range: { start, end }, newText });
          from = end + 1;
        }
        const want = parseTranscript(applyEdits(t, edits)).stripped.text === parsed.stripped.text;
        assert.equal(transcriptKeepsStrippedText(parsed, edits), want, JSON.stringify({ t, edits }));
      }),
      { numRuns: Number(process.env.AXIAL_GATE_RUNS ?? 3000) },
    );
  });

  // Long lines, where the gate checks a few characters around each edit instead of the
  // line (core/coding/gateWindows.ts): its answer must still be what a full parse says.
  const longText = fc
    .tuple(fc.constantFrom('', 'P: ', '---\ncase: 1\n---\nP: ', '\uFEFFP: '), fc.array(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([head, lines, eol]) => head + lines.join(eol));
  const markupInsert = fc.array(fc.constantFrom('a', ' ', '#a', '{', '}', '{{', '}}', '{#a}', '}}{#a}', '\\', '"', '^x', '\n', '\r'), { maxLength: 4 }).map((p) => p.join(''));

  it('equals a full parse for random edits on long lines of markup (property)', () => {
    fc.assert(
      fc.property(longText, fc.array(fc.tuple(fc.nat(), fc.nat(6), markupInsert), { minLength: 1, maxLength: 3 }), (t, raw) => {
        const parsed = parseTranscript(t);
        const edits = [];
        let from = 0;
        for (const [at, len, newText] of raw) {
          if (from > t.length) break;
          const start = from + (at % (t.length - from + 1));
          const end = Math.min(t.length, start + len);
          edits.push({ range: { start, end }, newText });
          from = end + (at % 3);
        }
        const want = parseTranscript(applyEdits(t, edits)).stripped.text === parsed.stripped.text;
        assert.equal(transcriptKeepsStrippedText(parsed, edits), want, JSON.stringify({ t, edits }));
      }),
      { numRuns: Number(process.env.AXIAL_GATE_RUNS ?? 5000) },
    );
  });

  it('checks a fix on a line of 60,000 stray closers by the characters around it', () => {
    // '}}{' repeated: each a closer with an empty block, then a lone brace.
    const t = parseTranscript('P: ' + '}}{'.repeat(60000) + '\n');
    const counted = { chars: 0 };
    // The quick fix "Add '#a' to the block": into the empty block of the 15,000th closer.
    const edits = [{ range: { start: 3 + 6 * 15000 + 3, end: 3 + 6 * 15000 + 3 }, newText: '#a' }];
    assert.equal(parseTranscript(applyEdits(t.text, edits)).stripped.text, t.stripped.text);
    assert.equal(transcriptKeepsStrippedText(t, edits, counted), true);
    assert.ok(counted.chars < 1000, `scanned ${counted.chars} characters`);
    // Escaping a closer's brace changes the spoken text, and the check sees it.
    assert.equal(transcriptKeepsStrippedText(t, [{ range: { start: 3 + 6 * 15000, end: 3 + 6 * 15000 }, newText: '\\' }]), false);
  });

  it('refuses two edits that move a line of speech past the lines between them', () => {
    // "P: z" moves above "P: b": each edited run of lines alone could hide that (it did).
    const t = parseTranscript('P: 0\nP: a\nP: b\nP: z\nP: d\n');
    const edits = [
      { range: { start: 9, end: 9 }, newText: '\nP: z' },
      { range: { start: 15, end: 20 }, newText: '' },
    ];
    assert.equal(applyEdits(t.text, edits), 'P: 0\nP: a\nP: z\nP: b\nP: d\n');
    assert.equal(transcriptKeepsStrippedText(t, edits), false);
    // The same on one long line, where stretches of a few characters are checked.
    const long = parseTranscript('P: ' + 'x '.repeat(200) + 'a b z d ' + 'y '.repeat(200));
    const z = long.text.indexOf('z');
    const moved = [
      { range: { start: z - 4, end: z - 4 }, newText: 'z ' },
      { range: { start: z, end: z + 2 }, newText: '' },
    ];
    assert.equal(transcriptKeepsStrippedText(long, moved), parseTranscript(applyEdits(long.text, moved)).stripped.text === long.stripped.text);
    assert.equal(transcriptKeepsStrippedText(long, moved), false);
  });

  it(`stops offering a request's quick fixes once the gate has scanned ${QUICK_FIX_GATE_CHARS.toLocaleString('en')} characters`, () => {
    // The seed-2582821767 closer run: labelled closers with no plain text between them, so
    // each fix is checked on the whole 480 KB line; 100 of them took 7 s.
    const index = project('codes:\n  a: {}\n', 'P: ' + '}}{^a}'.repeat(80000) + '\n');
    const actions = codeActions(index, { textDocument: { uri: T_URI }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }, linesOfIndex(index));
    const fixes = actions.filter((a) => a.kind === 'quickfix');
    assert.ok(fixes.length > 0, 'no fix offered');
    assert.ok(fixes.length <= Math.ceil(QUICK_FIX_GATE_CHARS / 480000) + 1, `${fixes.length} fixes offered`);
  });
});
