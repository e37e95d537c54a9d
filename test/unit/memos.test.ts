/** Memo files: the one reader of their front matter, and their checks in the project index. */
import * as assert from 'node:assert/strict';
import { isMemoPath, memoCodeRefs, memoDiagnostics, memosOfCode, mergeCode, parseMemo, ProjectIndex, renameCode, scanMentions, treeChildren, treeNode } from '../../core';
import { refiMemo } from '../../core/refi';

const CODEBOOK = 'codes:\n  trust:\n    name: Trust\n  expertise:\n    name: Expertise\n';
const at = (text: string, needle: string) => text.indexOf(needle);

describe('memo files', () => {
  describe('parseMemo', () => {
    it('reads codes and transcripts with the ranges of their names, and the body after the front matter', () => {
      const text = '---\ncodes: [trust, \'expertise\']\ntranscripts:\n  - transcripts/a.md\n---\n\n# Title\nBody.\n';
      const m = parseMemo(text);
      assert.deepEqual(m.codes.map((r) => [r.value, text.slice(r.range.start, r.range.end)]), [['trust', 'trust'], ['expertise', "'expertise'"]]);
      assert.deepEqual(m.transcripts.map((r) => r.value), ['transcripts/a.md']);
      assert.equal(m.body, '# Title\nBody.\n');
      assert.deepEqual(m.diagnostics, []);
      assert.deepEqual(m.frontMatter, { start: 0, end: at(text, '---\n\n') + 3 });
    });

    it('a memo without front matter names nothing and is all body', () => {
      assert.deepEqual(parseMemo('\uFEFFJust a note.\n'), { codes: [], transcripts: [], body: 'Just a note.\n', mentions: [], diagnostics: [] });
      assert.deepEqual(parseMemo('---\n---\nEmpty front matter.').body, 'Empty front matter.');
    });

    it('reports broken front matter at its position, and keeps the text', () => {
      const text = '---\ncodes: [trust\n---\nText.\n';
      const m = parseMemo(text);
      assert.deepEqual(m.codes, []);
      assert.ok(m.diagnostics.length > 0 && m.diagnostics.every((d) => d.code === 'memo.front-matter'));
      assert.ok(m.diagnostics[0].range.start >= 4 && m.diagnostics[0].range.start <= at(text, '---\nText'));
      assert.equal(m.body, text);
      const unclosed = parseMemo('---\ncodes: [trust]\nText.\n');
      assert.deepEqual(unclosed.diagnostics.map((d) => [d.code, d.range]), [['memo.front-matter', { start: 0, end: 3 }]]);
    });

    it('a list item that is not a name, or a front matter that is not a map, is a bad value', () => {
      const m = parseMemo('---\ncodes: [trust, {a: 1}, [x]]\n---\n');
      assert.deepEqual(m.codes.map((r) => r.value), ['trust']);
      assert.deepEqual(m.diagnostics.map((d) => d.code), ['memo.bad-value', 'memo.bad-value']);
      assert.deepEqual(parseMemo('---\n- a\n---\n').diagnostics.map((d) => d.code), ['memo.bad-value']);
      assert.deepEqual(parseMemo('---\ncodes: trust\n---\n').codes.map((r) => r.value), ['trust']);
    });

    it('never throws, on any prefix of a memo or deep nesting', () => {
      const text = '---\ncodes: [trust, "exp\\"ertise"]\r\ntranscripts: [a.md]\r---\r\nBody\n';
      for (let i = 0; i <= text.length; i++) parseMemo(text.slice(0, i));
      assert.equal(parseMemo(`---\ncodes: ${'['.repeat(100000)}\n---\n`).diagnostics[0].code, 'memo.front-matter');
    });

    it('the export reads memos with the same reader', () => {
      // Written otherwise than the import writes it: the head is kept for the round trip (core/refi/memoLayout.ts).
      assert.deepEqual(refiMemo('memos/a.md', '---\ncodes: [trust]\ntranscripts: [t.md]\n---\nText\n'), { path: 'memos/a.md', text: 'Text\n', codes: ['trust'], transcripts: ['t.md'], layout: { head: '---\ncodes: [trust]\ntranscripts: [t.md]\n---\n' } });
      // In the import's form: nothing kept.
      assert.deepEqual(refiMemo('memos/a.md', '---\ncodes:\n  - trust\n---\n\nText\n'), { path: 'memos/a.md', text: 'Text\n', codes: ['trust'], transcripts: [] });
    });

    it('body mentions: #id and `id` with the ranges of the id, not glued tags, headings, URLs or code with spaces', () => {
      const text = '---\ncodes: [a]\n---\n# Title #trust\n`expertise` and {{x}}{#trust @CA}; as #trust. Not: page#x, a/#y, ##z, `two words`, ``dbl``, `#`.\n';
      const m = parseMemo(text);
      const seen = m.mentions.map((r) => [r.value, text.slice(r.range.start, r.range.end), r.range.start]);
      assert.deepEqual(seen, [
        ['trust', 'trust', at(text, '#trust') + 1],
        ['expertise', 'expertise', at(text, '`expertise`') + 1],
        ['trust', 'trust', at(text, '#trust @CA') + 1],
        ['trust', 'trust', at(text, '#trust.') + 1],
      ]);
      // Nothing in the front matter is a body mention; without front matter, the whole text is body.
      assert.deepEqual(parseMemo('#a `b`').mentions.map((r) => r.value), ['a', 'b']);
      assert.deepEqual(parseMemo('---\ncodes: [x]\n# not closed #a\n').mentions.map((r) => r.value), ['a']);
      // Ids compare after NFC, as the codebook's do; the range is the text as written.
      const decomposed = 'see #relacio\u0301n';
      assert.deepEqual(scanMentions(decomposed, 0).map((r) => [r.value, r.range.end - r.range.start]), [['relaci\u00f3n', 9]]);
    });

    it('memo paths: .md under memos/, at any depth, not hidden', () => {
      assert.deepEqual(['memos/a.md', 'memos/x/b.MD', 'memos/a.txt', 'notes/memos/a.md', 'memos/.draft.md', 'memos'].map(isMemoPath), [true, true, false, false, false, false]);
    });
  });

  describe('in the project index', () => {
    const root = 'file:///w/p';
    function index(): ProjectIndex {
      const ix = new ProjectIndex();
      ix.setFile(`${root}/codebook.yaml`, CODEBOOK);
      ix.setFile(`${root}/transcripts/a.md`, 'P: {{x}}{#trust}\n');
      ix.setFile(`${root}/memos/m.md`, '---\ncodes: [trust, trsut]\ntranscripts: [transcripts/a.md, transcripts/b.md]\n---\nM\n');
      return ix;
    }
    const diag = (ix: ProjectIndex) => (ix.diagnostics(`${root}/memos/m.md`) ?? []).map((d) => `${d.code} ${d.severity}`);

    it('checks codes against the codebook and transcripts against the project, and is no transcript', () => {
      const ix = index();
      assert.deepEqual(diag(ix), ['memo.unknown-code error', 'memo.unknown-transcript warning']);
      assert.equal(ix.projectOf(`${root}/memos/m.md`), undefined);
      assert.equal(ix.projects()[0].transcripts.size, 1);
      assert.deepEqual(memosOfCode(ix.projects()[0], 'trust').map((m) => m.path), ['memos/m.md']);
    });

    it('follows the codebook and the transcripts as they change, and equals a rebuild', () => {
      const ix = index();
      assert.ok(ix.setFile(`${root}/transcripts/b.md`, 'P: y\n').includes(`${root}/memos/m.md`), 'a new transcript re-checks the memos');
      assert.deepEqual(diag(ix), ['memo.unknown-code error']);
      assert.ok(ix.setFile(`${root}/codebook.yaml`, CODEBOOK + '  trsut:\n    name: Typo\n').includes(`${root}/memos/m.md`));
      assert.deepEqual(diag(ix), []);
      const rebuilt = new ProjectIndex();
      rebuilt.setFile(`${root}/transcripts/b.md`, 'P: y\n');
      rebuilt.setFile(`${root}/memos/m.md`, '---\ncodes: [trust, trsut]\ntranscripts: [transcripts/a.md, transcripts/b.md]\n---\nM\n');
      rebuilt.setFile(`${root}/transcripts/a.md`, 'P: {{x}}{#trust}\n');
      rebuilt.setFile(`${root}/codebook.yaml`, CODEBOOK + '  trsut:\n    name: Typo\n');
      assert.deepEqual(rebuilt.snapshot(), ix.snapshot());
      ix.deleteFile(`${root}/memos/m.md`);
      assert.equal(ix.diagnostics(`${root}/memos/m.md`), undefined);
      assert.equal(ix.projects()[0].memos.size, 0);
    });

    it('the Axial view lists each memo under the codes it names, first', () => {
      const ix = index();
      ix.setFile(`${root}/memos/empty-code.md`, '---\ncodes: [expertise]\n---\n# Why expertise matters\n');
      const top = treeChildren(ix);
      const expertise = top.find((n) => n.codeId === 'expertise')!;
      assert.equal(expertise.hasChildren, true, 'a code without quotes but with a memo opens');
      const [memo] = treeChildren(ix, expertise.id);
      assert.deepEqual([memo.kind, memo.label, memo.description, memo.memo?.path], ['memo', 'Why expertise matters', 'memo · memos/empty-code.md', 'memos/empty-code.md']);
      const trust = treeChildren(ix, top.find((n) => n.codeId === 'trust')!.id);
      assert.deepEqual(trust.map((n) => n.kind), ['memo', 'quote']);
      assert.equal(trust[0].label, 'M', 'a memo is named by its first line');
      assert.deepEqual(treeNode(ix, memo.id), memo);
    });

    it("a memo's code references: every codes: item, and body mentions of codes only", () => {
      const ix = index();
      ix.setFile(`${root}/memos/n.md`, '---\ncodes: [nope]\n---\n#trust and `expertise`, not #nothing or `nothing`.\n');
      const p = ix.projects()[0];
      assert.deepEqual(memoCodeRefs(p, p.memos.get(`${root}/memos/n.md`)!).map((r) => [r.id, r.inFrontMatter]), [['nope', true], ['trust', false], ['expertise', false]]);
      // A rename edits the body's mentions of the code too, and only their characters.
      const r = renameCode(p, 'trust', 'confidence');
      assert.ok(r.ok);
      assert.deepEqual(r.edits.filter((e) => e.uri.endsWith('/memos/n.md')).map((e) => [e.range, e.newText]), [[{ start: 23, end: 28 }, 'confidence']]);
    });

    it('renaming a code edits the memos that name it', () => {
      const ix = index();
      const r = renameCode(ix.projects()[0], 'trust', 'confidence');
      assert.ok(r.ok);
      const memoEdits = r.edits.filter((e) => e.uri.endsWith('/memos/m.md'));
      assert.deepEqual(memoEdits.map((e) => e.newText), ['confidence']);
      assert.match(r.summary, /1 memo\./);
      const p = ix.projects()[0];
      assert.deepEqual(memoDiagnostics(p, p.memos.get(`${root}/memos/m.md`)!).length, 2);
      const merged = mergeCode(p, 'trust', 'expertise', 'deprecate');
      assert.ok(merged.ok);
      assert.deepEqual(merged.edits.filter((e) => e.uri.endsWith('/memos/m.md')).map((e) => e.newText), ['expertise']);
      assert.match(merged.summary, /1 memo updated/);
    });
  });
});
