/**
 * The codebook fast path (core/codebook/simpleYaml.ts) against the yaml package
 * (parseCodebookWithYaml): whenever the fast path accepts a codebook, the complete
 * Codebook (codes, coders, groups, every range, every diagnostic) must equal the
 * yaml path's, on the example codebook, generated codebooks of 200 to 5,000 codes,
 * generated codebooks with comments, empty values, text blocks and bad values in
 * every place, and hostile edits of them.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { generateProjectCodebook } from '../../bench/project';
import { parseCodebook, parseCodebookWithYaml } from '../../core/codebook/parse';
import { readSimpleYaml } from '../../core/codebook/simpleYaml';
import type { Codebook } from '../../core/codebook/types';

const ROOT = path.join(__dirname, '..', '..');

function comparable(c: Codebook): Omit<Codebook, 'lines'> {
  const { lines: _lines, ...rest } = c;
  return rest;
}

/** Parses `text` both ways and asserts the same result; true when the fast path accepted it. */
function compare(text: string): boolean {
  const accepted = readSimpleYaml(text) !== undefined;
  assert.deepStrictEqual(comparable(parseCodebook(text)), comparable(parseCodebookWithYaml(text)), `codebook ${JSON.stringify(text)}`);
  return accepted;
}

const IDS = ['trust', 'relación-1', 'a.b', 'x_1', '2020', 'meeting', 'Trust', 'null', 'bad id', 'old'];
const FIELDS = ['kind', 'parent', 'name', 'definition', 'include', 'exclude', 'examples', 'aliases', 'color', 'status', 'replaced_by', 'memo', 'guid', 'x-note', 'nmae'];
const SAFE_SCALARS = [
  'Trust', 'category', 'code', 'deprecated', 'active', 'meeting', 'trust', 'The patient feels safe (mostly).', "the therapist's view, in short", 'relación 1.2',
  '"#4e79a7"', '"#zzz"', "'quoted text'", '"quoted: text"', '1', '0', '42', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'not-a-uuid', '¿Qué pasó?', 'a#b', 'x:y', 'Ünïcode  text',
];
/** Left to the yaml package: numbers, null, booleans, indicators, comments. */
const OTHER_SCALARS = [
  '1.5', 'true', '~', 'null', '#4e79a7', 'a # c', '&a x', '*a', '!t x', '{a: 1}', '- x', '"a\\"b"', "'it''s'", 'a: b', '',
];
const ITEMS = ['Mentions of trust.', 'generated that trust', '"quoted"', 'trust', '1', 'a, b', 'meeting', 'meeting', '[x]', ''];
const COMMENTS = ['# note', '#', '# ---- section'];

/** One value of a field: a scalar, an empty value, a block list, a flow list, a text block, or a map. */
const fieldValue = fc.oneof(
  { arbitrary: fc.constantFrom(...SAFE_SCALARS).map((s) => ({ kind: 'scalar' as const, s })), weight: 30 },
  { arbitrary: fc.constantFrom(...OTHER_SCALARS).map((s) => ({ kind: 'scalar' as const, s })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'empty' as const }), weight: 3 },
  { arbitrary: fc.array(fc.constantFrom(...ITEMS), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'list' as const, items })), weight: 8 },
  { arbitrary: fc.array(fc.constantFrom('a', 'b c', 'trust', '1', 'x-y'), { maxLength: 3 }).map((items) => ({ kind: 'flow' as const, items })), weight: 4 },
  {
    arbitrary: fc.tuple(fc.constantFrom('>-', '>', '|', '|-'), fc.array(fc.constantFrom('Core phenomenon of the', 'relationship: as patients # see', 'x'), { minLength: 1, maxLength: 3 })).map(([h, lines]) => ({ kind: 'block' as const, h, lines })),
    weight: 4,
  },
  { arbitrary: fc.constantFrom('a: 1', 'name: x').map((m) => ({ kind: 'map' as const, m })), weight: 1 },
);
type FieldValue = typeof fieldValue extends fc.Arbitrary<infer T> ? T : never;

/** A comment at some indent (0 to 10), or nothing. */
const maybeComment = fc.option(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(...COMMENTS), fc.boolean()), { freq: 2 });
type MaybeComment = typeof maybeComment extends fc.Arbitrary<infer T> ? T : never;

function commentLines(c: MaybeComment): string[] {
  if (!c) return [];
  const [indent, text, blank] = c;
  return [...(blank ? [''] : []), ' '.repeat(indent) + text];
}

function valueLines(key: string, v: FieldValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  switch (v.kind) {
    case 'scalar':
      return [`${pad}${key}: ${v.s}`];
    case 'empty':
      return [`${pad}${key}:`];
    case 'list':
      return [`${pad}${key}:`, ...v.items.map((i) => `${pad}  - ${i}`)];
    case 'flow':
      return [`${pad}${key}: [${v.items.join(', ')}]`];
    case 'block':
      return [`${pad}${key}: ${v.h}`, ...v.lines.map((l) => `${pad}  ${l}`)];
    case 'map':
      return [`${pad}${key}:`, `${pad}  ${v.m}`];
  }
}

const code = fc.record({
  id: fc.constantFrom(...IDS),
  fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS), fieldValue, maybeComment), { maxLength: 5 }),
  empty: fc.nat(9),
  after: maybeComment,
});

/** A codebook of the usual shape with comments, empty values, text blocks and bad values anywhere. */
const codebookYaml = fc
  .record({
    header: maybeComment,
    title: fc.constantFrom('Study', '"Meeting in difference: a study"', 'x: y', '1'),
    coders: fc.array(fc.tuple(fc.constantFrom('CA', 'LN', 'bad id', 'CA'), fc.constantFrom('Carolina Altimir', 'Lucía Núñez', '', '[x]')), { maxLength: 3 }),
    codes: fc.array(code, { maxLength: 6 }),
    groups: fc.option(fc.array(fc.tuple(fc.constantFrom('g1', 'g2'), fc.array(fc.constantFrom('trust', 'meeting', 'nope'), { maxLength: 3 })), { maxLength: 2 })),
    tail: maybeComment,
  })
  .map(({ header, title, coders, codes, groups, tail }) => {
    const lines = [...commentLines(header), 'version: 1', `title: ${title}`, 'language: en'];
    lines.push('coders:', ...coders.map(([id, name]) => (name === '' ? `  ${id}:` : `  ${id}: ${name}`)));
    lines.push('codes:');
    for (const c of codes) {
      if (c.empty === 0) {
        lines.push(`  ${c.id}:`);
      } else {
        lines.push(`  ${c.id}:`);
        for (const [key, value, comment] of c.fields) lines.push(...valueLines(key, value, 4), ...commentLines(comment));
      }
      lines.push(...commentLines(c.after));
    }
    if (groups) {
      lines.push('groups:');
      for (const [id, members] of groups) lines.push(`  ${id}:`, `    name: Group ${id}`, `    codes: [${members.join(', ')}]`);
    }
    lines.push(...commentLines(tail));
    return lines.join('\n') + '\n';
  });

/** Characters a hostile edit inserts: YAML indicators, whitespace and line breaks. */
const HOSTILE = [' ', '  ', '\t', '\n', '\r', '\r\n', ':', '#', '-', '- ', '"', "'", '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', ',', '?', '.', '0', 'é', '\u00a0', '\ufeff', '\\', '---\n', '<<<<<<< HEAD\n'];

const hostileYaml = fc
  .tuple(codebookYaml, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 3 }))
  .map(([yaml, edits]) => edits.reduce((s, [at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)), yaml));

describe('codebook fast path', () => {
  it('reads the example and fixture codebooks itself, as the yaml package does', () => {
    for (const file of ['examples/therapeutic-relationship/codebook.yaml', 'test/fixtures/projects/mini/codebook.yaml', 'test/fixtures/projects/pictures/codebook.yaml']) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      assert.ok(compare(text), `the fast path accepts ${file}`);
    }
  });

  it('reads generated codebooks of 200 to 5,000 codes itself, as the yaml package does', () => {
    for (const codes of [200, 500, 5000]) {
      const { yaml } = generateProjectCodebook(codes, codes);
      assert.ok(compare(yaml), `the fast path accepts the ${codes}-code codebook`);
      assert.strictEqual(parseCodebook(yaml).codes.size, parseCodebookWithYaml(yaml).codes.size);
    }
  });

  it('gives the yaml package what it does not know: anchors, flow maps, tags, multi-line text, CRLF, BOM, several documents', () => {
    const base = 'version: 1\ncodes:\n  a:\n    name: A\n';
    const outside = [
      'version: 1\ncodes:\n  a: &x\n    name: A\n  b: *x\n',
      'version: 1\ncodes: {a: {name: A}}\n',
      'version: 1\ncodes:\n  a:\n    name: !!str A\n',
      'version: 1\ncodes:\n  a:\n    name: A long\n      name on two lines\n',
      'version: 1\ncodes:\n  a:\n    definition: >-\n      one\n\n      two\n',
      'version: 1\ncodes:\n  a:\n    definition: >-\n      one\n        two\n',
      'version: 1\ncodes:\n  a:\n    include:\n    - x\n',
      base.replace(/\n/g, '\r\n'),
      `\ufeff${base}`,
      `${base}---\nversion: 2\n`,
      `${base}<<<<<<< HEAD\n`,
      'version: 1\ncodes:\n  a:\n    name: "a\\tb"\n',
      'version: 1\ncodes:\n  a:\n    name: A # comment\n',
      'version: 1.0\n',
      '# only a comment\n',
      '',
    ];
    assert.ok(readSimpleYaml(base), 'the base is in the subset');
    for (const text of outside) {
      assert.strictEqual(readSimpleYaml(text), undefined, JSON.stringify(text));
      compare(text);
    }
  });

  it('leaves nesting past 100 levels to the yaml path, which refuses it, and reads 100 levels itself', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' x\n';
    assert.ok(compare(nested(100)), '100 levels are read by the fast path');
    assert.ok(compare(nested(99).replace(/ x\n$/, ' [a]\n')), 'a flow list at the 100th level too');
    for (const text of [nested(101), nested(100).replace(/ x\n$/, ' [a]\n')]) {
      assert.strictEqual(readSimpleYaml(text), undefined);
      assert.match(parseCodebook(text).diagnostics[0].message, /nested more than 100 levels deep/);
    }
  });

  it('equals the yaml path on generated codebooks with comments, empty values and bad values, and accepts most of them', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(codebookYaml, (yaml) => {
        runs++;
        if (compare(yaml)) accepted++;
      }),
      { numRuns: 2000, seed: 25 },
    );
    // Comments at odd indents, odd titles and coder keys put most generated codebooks outside the subset on purpose; a share must still be taken.
    assert.ok(accepted > runs / 10, `the fast path accepted ${accepted} of ${runs}`);
  });

  it('equals the yaml path on hostile edits (indicators, tabs, line breaks, markers inserted)', () => {
    fc.assert(
      fc.property(hostileYaml, (yaml) => {
        compare(yaml);
      }),
      { numRuns: 3000, seed: 26 },
    );
  });
});
