import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mergeCode, moveCode, parseTranscript, quickFixes, renameCode, type ProjectIndex } from '../../../core';
import { applyFileEdits, CODEBOOK, indexOf, uriOf, type Files } from './kit';

/**
 * Safety properties over generated projects (codebooks with typos, cycles and
 * deprecated codes; transcripts with good and broken coding):
 *   - every quick fix leaves the stripped text of every transcript as it was;
 *   - every fix keeps CRLF files CRLF (no lone `\n` appears);
 *   - rename A→B then B→A gives back the same bytes in every file;
 *   - merge and move change coding only, and leave no tag of the merged code.
 */

const IDS = ['trust', 'expertise', 'relación', 'x.y-z_1', '2nd', 'hope', 'fear', 'meeting', 'old'];
const TAGS = [...IDS, 'trst', 'expertize', 'loneliness', 'confianza', 'relacion'];
const CODERS = ['CA', 'LN', 'LM', 'XY'];

interface GenCode {
  id: string;
  category: boolean;
  parent?: string;
  deprecated?: string;
  extra?: 'nmae' | 'color' | 'color3' | 'alias';
}

const codeArb = (id: string): fc.Arbitrary<GenCode> =>
  fc.record(
    {
      id: fc.constant(id),
      category: fc.boolean(),
      parent: fc.constantFrom(...IDS, 'meetng', 'nope'),
      deprecated: fc.constantFrom(...IDS, 'trsut'),
      extra: fc.constantFrom('nmae' as const, 'color' as const, 'color3' as const, 'alias' as const),
    },
    { requiredKeys: ['id', 'category'] },
  );

const codebookArb: fc.Arbitrary<string> = fc
  .subarray(IDS, { minLength: 1 })
  .chain((ids) => fc.tuple(...ids.map(codeArb)))
  .chain((codes) => fc.tuple(fc.constant(codes), fc.boolean(), fc.boolean()))
  .map(([codes, coders, typoTop]) => {
    const lines = ['version: 1'];
    if (typoTop) lines.push('titel: Generated');
    if (coders) lines.push('coders:', '  CA: Carolina   # PI', '  LN: Lucía');
    lines.push('codes:');
    for (const c of codes) {
      lines.push(`  ${c.id}:`);
      if (c.category) lines.push('    kind: category');
      if (c.parent) lines.push(`    parent: ${c.parent}`);
      if (c.deprecated) lines.push('    status: deprecated', `    replaced_by: ${c.deprecated}`);
      if (c.extra === 'nmae') lines.push('    nmae: Typo');
      if (c.extra === 'color') lines.push('    color: #4e79a7');
      if (c.extra === 'color3') lines.push('    color: "abc"');
      if (c.extra === 'alias') lines.push('    aliases: [confianza]');
      lines.push('    # a comment the edits must keep');
    }
    return lines.join('\n') + '\n';
  });

const word = fc.constantFrom('I', 'felt', 'safe', 'with', 'her', 'relación', 'e\u0301', '😀', 'and', '.', ',', ' ', '  ', '\t');
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const block = fc
  .record({
    tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }),
    coder: fc.option(fc.constantFrom(...CODERS), { nil: undefined }),
    memo: fc.option(fc.constantFrom('a memo', 'with \\" quote'), { nil: undefined }),
  })
  .map(({ tags, coder, memo }) => `{${[...tags.map((t) => `#${t}`), coder && `@${coder}`, memo && `"${memo}"`].filter(Boolean).join(' ')}}`);
const piece: fc.Arbitrary<string> = fc.letrec<{ piece: string; span: string }>((tie) => ({
  piece: fc.oneof(
    { weight: 4, arbitrary: words },
    { weight: 3, arbitrary: tie('span') },
    { weight: 1, arbitrary: fc.constantFrom('\nP: ', '\nI: ', '\n', '{{', '}}', '{{x}}{#trust @CA\n', '{{y}}{#hope "unterminated\n', '{{z}}{#trust "ends in \\\n', '\\{', '{', '}', '{{^a ', '}}{^a #fear}') },
  ),
  span: fc
    .tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 3 }), fc.array(block, { maxLength: 2 }))
    .map(([inner, blocks]) => `{{${inner.join(' ')}}}${blocks.join('')}`),
})).piece;
const transcriptArb = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 12 }))
  .map(([fm, pieces]) => (fm ? '---\ncoder: LM\npartcipant: x\n---\n' : '') + 'P: ' + pieces.join(' ') + '\n');

const projectArb = fc.record({
  'codebook.yaml': codebookArb,
  'transcripts/a.md': transcriptArb,
  'transcripts/b.md': transcriptArb,
});

const toCrlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
const stripped = (files: Files) =>
  Object.fromEntries(Object.entries(files).filter(([p]) => p.endsWith('.md')).map(([p, t]) => [p, parseTranscript(t).stripped.text]));

function allFixes(index: ProjectIndex, files: Files) {
  return Object.keys(files).flatMap((p) => quickFixes(index, uriOf(p), { start: 0, end: files[p].length }));
}

const runs = { numRuns: 150 };

describe('refactoring: safety properties', () => {
  it('every quick fix keeps the stripped text of every transcript, and its edits apply cleanly', () => {
    let seen = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(projectArb, (files) => {
        const index = indexOf(files);
        const before = stripped(files);
        for (const fix of allFixes(index, files)) {
          seen++;
          kinds.add(fix.diagnostic.code);
          const after = applyFileEdits(files, fix.edits);
          assert.deepEqual(stripped(after), before, fix.title);
        }
      }),
      runs,
    );
    assert.ok(seen > 500, `only ${seen} fixes were exercised`);
    // Every kind of fix was tried.
    const fixable = [
      'code.unknown', 'code.deprecated', 'code.category-applied', 'coder.unknown', 'span.closer-without-block', 'span.unclosed',
      'block.no-code', 'block.unclosed', 'memo.unterminated', 'front-matter.unknown-key', 'codebook.unknown-parent',
      'codebook.parent-cycle', 'codebook.unknown-key', 'codebook.bad-color', 'codebook.bad-replaced-by',
    ];
    assert.deepEqual(fixable.filter((k) => !kinds.has(k)), []);
  });

  it('every quick fix keeps the stripped text of markup-heavy random text', () => {
    const unit = fc.constantFrom(
      '{', '}', '{{', '}}', '\\', '#', '@', '^', '"', ':', 'a', 'P: ', ' ', '\t', '\n', '\r\n', '😀', '-', '#trust', '#trst', '#meeting',
      '@LM', '^a', '{#', '}}{', '{{^a ', '"}',
    );
    const text = fc.string({ unit, maxLength: 80 });
    fc.assert(
      fc.property(codebookArb, text, (cb, body) => {
        const files: Files = { 'codebook.yaml': cb, 'transcripts/a.md': body };
        const index = indexOf(files);
        const before = stripped(files);
        for (const fix of allFixes(index, files)) assert.deepEqual(stripped(applyFileEdits(files, fix.edits)), before, fix.title);
      }),
      { numRuns: 400 },
    );
  });

  it('every quick fix keeps CRLF files CRLF', () => {
    fc.assert(
      fc.property(projectArb, (lf) => {
        const files = Object.fromEntries(Object.entries(lf).map(([p, t]) => [p, toCrlf(t)]));
        const index = indexOf(files);
        for (const fix of allFixes(index, files)) {
          const after = applyFileEdits(files, fix.edits);
          for (const [p, t] of Object.entries(after)) assert.ok(!/(^|[^\r])\n/.test(t), `${fix.title}: a lone \\n in ${p}:\n${JSON.stringify(t)}`);
        }
      }),
      runs,
    );
  });

  it('codebook fixes leave a codebook Axial reads without YAML errors', () => {
    fc.assert(
      fc.property(projectArb, fc.boolean(), (lf, crlf) => {
        const files = crlf ? Object.fromEntries(Object.entries(lf).map(([p, t]) => [p, toCrlf(t)])) : lf;
        const index = indexOf(files);
        for (const fix of allFixes(index, files)) {
          if (!fix.edits.some((e) => e.uri === CODEBOOK)) continue;
          const after = applyFileEdits(files, fix.edits);
          const yamlErrors = indexOf(after).diagnostics(CODEBOOK)!.filter((d) => d.code === 'codebook.yaml-syntax');
          assert.deepEqual(yamlErrors, [], `${fix.title}:\n${after['codebook.yaml']}`);
        }
      }),
      runs,
    );
  });

  it('rename A→B then B→A gives back identical bytes in every file', () => {
    fc.assert(
      fc.property(projectArb, fc.nat(), fc.constantFrom('renamed', 'nuevo-código', 'n.2', 'x_y'), fc.boolean(), (lf, pick, fresh, crlf) => {
        const files = crlf ? Object.fromEntries(Object.entries(lf).map(([p, t]) => [p, toCrlf(t)])) : lf;
        const project = indexOf(files).projectOf(CODEBOOK)!;
        const ids = [...project.codebook.codes.keys()];
        const a = ids[pick % ids.length];
        const there = renameCode(project, a, fresh);
        assert.ok(there.ok, there.ok ? '' : there.message);
        const renamed = applyFileEdits(files, there.edits);
        assert.deepEqual(stripped(renamed), stripped(files));
        const back = renameCode(indexOf(renamed).projectOf(CODEBOOK)!, fresh, a);
        assert.ok(back.ok, back.ok ? '' : back.message);
        assert.deepEqual({ ...applyFileEdits(renamed, back.edits) }, { ...files });
      }),
      runs,
    );
  });

  it('merge retags every use, leaves no tag of the merged code, and keeps the stripped text', () => {
    let merged = 0;
    fc.assert(
      fc.property(projectArb, fc.nat(), fc.nat(), (files, i, j) => {
        const project = indexOf(files).projectOf(CODEBOOK)!;
        const ids = [...project.codebook.codes.keys()];
        const from = ids[i % ids.length];
        // Mostly a target a merge accepts (an active code), sometimes any id (a refusal must hold too).
        const active = ids.filter((id) => project.codebook.codes.get(id)!.kind === 'code' && project.codebook.codes.get(id)!.status === 'active');
        const pool = active.length > 0 && j % 4 !== 0 ? active : ids;
        const to = pool[j % pool.length];
        for (const mode of ['delete', 'deprecate'] as const) {
          const r = mergeCode(project, from, to, mode);
          if (!r.ok) continue;
          merged++;
          const after = applyFileEdits(files, r.edits);
          assert.deepEqual(stripped(after), stripped(files));
          const again = indexOf(after).projectOf(CODEBOOK)!;
          assert.equal(again.usage.get(from)?.size ?? 0, 0, `tags of '${from}' remain`);
          assert.equal(mode === 'delete', !again.codebook.codes.has(from));
        }
      }),
      runs,
    );
    assert.ok(merged > 10, `only ${merged} merges were exercised`);
  });

  it('move never makes a parent cycle that was not there', () => {
    let moved = 0;
    fc.assert(
      fc.property(projectArb, fc.nat(), fc.option(fc.nat(), { nil: undefined }), (files, i, j) => {
        const project = indexOf(files).projectOf(CODEBOOK)!;
        const ids = [...project.codebook.codes.keys()];
        const id = ids[i % ids.length];
        const parent = j === undefined ? null : ids[j % ids.length];
        const r = moveCode(project, id, parent);
        if (!r.ok) return;
        moved++;
        const after = indexOf(applyFileEdits(files, r.edits));
        const cycles = (idx: ProjectIndex) => idx.diagnostics(CODEBOOK)!.filter((d) => d.code === 'codebook.parent-cycle').length;
        assert.ok(cycles(after) <= cycles(indexOf(files)));
        assert.equal(after.projectOf(CODEBOOK)!.codebook.codes.get(id)!.parent?.value, parent ?? undefined);
      }),
      runs,
    );
    assert.ok(moved > 30, `only ${moved} moves were exercised`);
  });
});
