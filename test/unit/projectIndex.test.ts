import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ProjectIndex } from '../../core';

/**
 * The project index is updated per changed file; these tests prove that any
 * sequence of updates leaves it exactly as a rebuild from the final files would.
 */
const ROOT = 'file:///w';

const CODEBOOKS = [
  'codes:\n  a: {definition: A}\n  b: {status: deprecated, replaced_by: a}\n  cat: {kind: category}\n',
  'codes:\n  a: {}\n  c: {examples: [hello world]}\n',
  'transcripts: ["interviews/**/*.md"]\ncodes:\n  a: {}\n',
  'codes: [\n', // broken YAML still makes a project
  'coders:\n  CA: Carolina\ncodes:\n  a: {}\n  b: {}\n',
];

const TRANSCRIPTS = [
  'P: {{hello world}}{#a}\n',
  'P: {{x}}{#b @CA} {{y}}{#cat}\n',
  'I: q\nP: {{unclosed\n',
  '---\ncoder: ZZ\n---\nP: {{hello}}{#c}{#a @LN}\n',
  '',
  'P: {{^l one {{two}}{^l #a} three}}{#zzz}\n',
];

const FILES = [
  `${ROOT}/p1/codebook.yaml`,
  `${ROOT}/p1/transcripts/one.md`,
  `${ROOT}/p1/transcripts/deep/two.txt`,
  `${ROOT}/p1/interviews/three.md`,
  `${ROOT}/p1/sub/codebook.yaml`,
  `${ROOT}/p1/sub/transcripts/four.md`,
  `${ROOT}/p1/notes.md`,
  `${ROOT}/p2/transcripts/five.md`,
  `${ROOT}/p2/codebook.yaml`,
];

type Op = { kind: 'set'; file: number; text: number } | { kind: 'delete'; file: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), file: fc.nat(FILES.length - 1), text: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), file: fc.nat(FILES.length - 1) }) },
);

function textFor(file: string, n: number): string {
  return file.endsWith('codebook.yaml') ? CODEBOOKS[n % CODEBOOKS.length] : TRANSCRIPTS[n % TRANSCRIPTS.length];
}

describe('project index', () => {
  it('incremental updates equal a full rebuild (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer(), (ops, seed) => {
        const incremental = new ProjectIndex();
        const final = new Map<string, string>();
        for (const op of ops) {
          const file = FILES[op.file];
          if (op.kind === 'set') {
            const text = textFor(file, op.text);
            incremental.setFile(file, text);
            final.set(file, text);
          } else {
            incremental.deleteFile(file);
            final.delete(file);
          }
        }
        // Rebuild in a shuffled order: the result must not depend on arrival order.
        const entries = [...final.entries()];
        let s = seed;
        for (let i = entries.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) & 0x7fffffff;
          const j = s % (i + 1);
          [entries[i], entries[j]] = [entries[j], entries[i]];
        }
        const rebuilt = new ProjectIndex();
        for (const [file, text] of entries) rebuilt.setFile(file, text);
        assert.deepEqual(incremental.snapshot(), rebuilt.snapshot());
      }),
      { numRuns: 300 },
    );
  });

  it('a transcript belongs to the nearest project above it, by its globs', () => {
    const index = new ProjectIndex();
    index.setFile(`${ROOT}/p1/codebook.yaml`, CODEBOOKS[0]);
    index.setFile(`${ROOT}/p1/sub/codebook.yaml`, CODEBOOKS[1]);
    index.setFile(`${ROOT}/p1/transcripts/one.md`, TRANSCRIPTS[0]);
    index.setFile(`${ROOT}/p1/sub/transcripts/four.md`, TRANSCRIPTS[0]);
    index.setFile(`${ROOT}/p1/notes.md`, TRANSCRIPTS[0]);
    index.setFile(`${ROOT}/p1/interviews/three.md`, TRANSCRIPTS[0]);
    assert.equal(index.projectOf(`${ROOT}/p1/transcripts/one.md`)?.root, `${ROOT}/p1`);
    assert.equal(index.projectOf(`${ROOT}/p1/sub/transcripts/four.md`)?.root, `${ROOT}/p1/sub`);
    assert.equal(index.projectOf(`${ROOT}/p1/notes.md`), undefined, 'outside transcripts/');
    assert.equal(index.projectOf(`${ROOT}/p1/interviews/three.md`), undefined, 'not matched by default globs');
    // Custom globs move membership.
    index.setFile(`${ROOT}/p1/codebook.yaml`, CODEBOOKS[2]);
    assert.equal(index.projectOf(`${ROOT}/p1/interviews/three.md`)?.root, `${ROOT}/p1`);
    assert.equal(index.projectOf(`${ROOT}/p1/transcripts/one.md`), undefined);
  });

  it('a codebook change re-validates transcripts and reports them as changed', () => {
    const index = new ProjectIndex();
    const t = `${ROOT}/p/transcripts/t.md`;
    index.setFile(`${ROOT}/p/codebook.yaml`, 'codes:\n  a: {}\n');
    index.setFile(t, 'P: {{x}}{#b}\n');
    assert.deepEqual(index.diagnostics(t)!.map((d) => d.code), ['code.unknown']);
    const changed = index.setFile(`${ROOT}/p/codebook.yaml`, 'codes:\n  a: {}\n  b: {}\n');
    assert.ok(changed.includes(t));
    assert.deepEqual(index.diagnostics(t), []);
  });

  it('percent-encoded URIs and decoded ones name the same file', () => {
    const index = new ProjectIndex();
    index.setFile('file:///w/my%20study/codebook.yaml', 'codes:\n  a: {}\n');
    index.setFile('file:///w/my study/transcripts/t.md', 'P: {{x}}{#a}\n');
    assert.equal(index.projectOf('file:///w/my%20study/transcripts/t.md')?.transcripts.size, 1);
  });

  it('filesUnder lists the codebooks and candidate transcripts held inside a folder, at any depth', () => {
    const idx = new ProjectIndex();
    for (const f of FILES) idx.setFile(f, f.endsWith('.yaml') ? CODEBOOKS[0] : TRANSCRIPTS[0]);
    idx.setFile(`${ROOT}/p10/transcripts/other.md`, TRANSCRIPTS[0]);
    assert.deepEqual(idx.filesUnder(`${ROOT}/p1/sub`).sort(), [`${ROOT}/p1/sub/codebook.yaml`, `${ROOT}/p1/sub/transcripts/four.md`]);
    assert.deepEqual(idx.filesUnder(`${ROOT}/p1/`).length, 7);
    assert.deepEqual(idx.filesUnder(`${ROOT}/p1`).length, 7, 'p10 is not inside p1');
    idx.deleteFile(`${ROOT}/p2/codebook.yaml`);
    assert.deepEqual(idx.filesUnder(`${ROOT}/p2`), [`${ROOT}/p2/transcripts/five.md`]);
  });
});
