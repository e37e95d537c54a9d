/**
 * Incremental codebook checks (core/transcript/revalidate.ts): after any edits, the
 * project index's diagnostics of a transcript equal those of a fresh index (a full
 * parse and a full check), also when the list of problems reaches its limit; and a
 * keystroke far from a problem keeps that problem's object.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProjectIndex } from '../../core/project/index';
import { withParseLimits } from '../../core/transcript/limits';
import { reparseStats } from '../../core/transcript/reparse';

const CODEBOOK = [
  'coders:',
  '  CA: Carolina',
  '  LN: Lucía',
  'codes:',
  '  cat: {kind: category}',
  '  a: {parent: cat, aliases: [alpha, Ä]}',
  '  trust: {}',
  '  old: {status: deprecated, replaced_by: a}',
  '  gone: {status: deprecated}',
  '',
].join('\n');
const CODEBOOK_URI = 'file:///w/p/codebook.yaml';
const URI = 'file:///w/p/transcripts/one.md';

const CODES = ['a', 'trust', 'cat', 'old', 'gone', 'alpha', 'ä', 'nope', 'x.y'];
const CODERS = ['CA', 'LN', 'ZZ'];

const block = fc
  .record({ codes: fc.array(fc.constantFrom(...CODES), { maxLength: 3 }), coder: fc.option(fc.constantFrom(...CODERS), { nil: undefined }) })
  .map(({ codes, coder }) => `{${[...codes.map((c) => `#${c}`), ...(coder ? [`@${coder}`] : [])].join(' ')}}`);
const span = fc
  .record({ words: fc.constantFrom('I trust her', 'she knew', 'ça va', '😀 yes'), blocks: fc.array(block, { minLength: 1, maxLength: 2 }), label: fc.constantFrom('', '', '^l ') })
  .map(({ words, blocks, label }) => `{{${label}${words}}}${blocks.join('')}`);
const line = fc
  .tuple(fc.constantFrom('P: ', 'I: ', ''), fc.array(fc.oneof(span, fc.constantFrom('so', 'then we', '}}{#a}', '{{')), { maxLength: 4 }))
  .map(([speaker, parts]) => speaker + parts.join(' '));
const transcript = fc.tuple(fc.constantFrom('', '---\ncoder: ZZ\n---\n', '---\ncoder: CA\n---\n'), fc.array(line, { maxLength: 14 })).map(([fm, ls]) => fm + ls.join('\n') + '\n');

const INSERTS = ['{{', '}}', '}}{#a}', '{#nope}', '{#cat @ZZ}', '{#alpha}', '{#old @CA}', '#', '@ZZ', 'x', ' ', '\n', 'P: ', '^l '];
const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 8 }),
  insert: fc.array(fc.constantFrom(...INSERTS), { maxLength: 3 }).map((u) => u.join('')),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

function diagnosticsOf(index: ProjectIndex): unknown {
  return index.entry(URI)!.diagnostics;
}

function fresh(text: string): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile(CODEBOOK_URI, CODEBOOK);
  index.setFile(URI, text);
  return index;
}

describe('incremental codebook checks', function () {
  this.timeout(120_000);

  it('after random edits, equal a full check (property)', () => {
    const before = { ...reparseStats };
    fc.assert(
      fc.property(transcript, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
        const index = fresh(text);
        for (const e of edits) {
          text = apply(text, e);
          index.setFile(URI, text);
          assert.deepStrictEqual(diagnosticsOf(index), diagnosticsOf(fresh(text)));
        }
      }),
      { numRuns: 700 },
    );
    // Most edits must take the incremental path (where the checks are spliced), or this proves little.
    assert.ok(reparseStats.incremental - before.incremental > 2 * (reparseStats.full - before.full));
  });

  it('at and around the limit of listed problems, equal a full check (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), transcript, fc.array(edit, { minLength: 1, maxLength: 6 }), (max, text, edits) =>
        withParseLimits({ spans: Infinity, diagnostics: max }, () => {
          const index = fresh(text);
          for (const e of edits) {
            text = apply(text, e);
            index.setFile(URI, text);
            assert.deepStrictEqual(diagnosticsOf(index), diagnosticsOf(fresh(text)));
          }
        }),
      ),
      { numRuns: 400 },
    );
  });

  it('a keystroke far from a problem keeps its object, shifted; a codebook change checks again', () => {
    const lines = ['P: {{I trust her}}{#nope}'];
    for (let i = 0; i < 200; i++) lines.push(`I: so {{then we}}{#a @CA} talked ${i}`);
    lines.push('P: {{she knew}}{#old @ZZ}');
    let text = lines.join('\n') + '\n';
    const index = fresh(text);
    const first = index.entry(URI)!.diagnostics;
    assert.deepStrictEqual(
      first.map((d) => d.code),
      ['code.unknown', 'code.deprecated', 'coder.unknown'],
    );
    const at = text.indexOf('talked 100');
    text = text.slice(0, at) + '{{' + text.slice(at);
    index.setFile(URI, text);
    const second = index.entry(URI)!.diagnostics.filter((d) => /^code|^coder/.test(d.code));
    assert.equal(second[0], first[0]);
    assert.equal(second[1], first[1]);
    assert.equal(second[1].range.start, text.indexOf('#old'));
    assert.deepStrictEqual(index.entry(URI)!.diagnostics, fresh(text).entry(URI)!.diagnostics);
    index.setFile(CODEBOOK_URI, CODEBOOK.replace('  gone:', '  nope: {}\n  gone:'));
    assert.deepStrictEqual(
      index.entry(URI)!.diagnostics.filter((d) => /^code|^coder/.test(d.code)).map((d) => d.code),
      ['code.deprecated', 'coder.unknown'],
    );
  });
});
