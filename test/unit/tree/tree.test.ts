/**
 * The axial tree (core/tree): nodes, counts, ordering, unknown codes, filters,
 * search, paths, Markdown and locating a node from the editor. On the example
 * project (expected values computed from its files with independent code: the
 * `yaml` package and regular expressions) and on small in-memory fixtures.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { parse as parseYaml } from 'yaml';
import { codeUsage, ProjectIndex } from '../../../core';
import {
  formatTreeId,
  parseTreeId,
  treeChildren,
  treeFacets,
  treeNode,
  treeNodeIdAt,
  treePath,
  treeQuotesMarkdown,
  foldedMatches,
  QUOTE_LABEL_LENGTH,
  type TreeFilter,
  type TreeNodeData,
} from '../../../core/tree';
import { loadFolder } from '../../../host/nodeFiles';

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'therapeutic-relationship');

async function exampleIndex(): Promise<ProjectIndex> {
  const index = new ProjectIndex();
  await loadFolder(index, EXAMPLE, (f) => URI.file(f).toString());
  return index;
}

/** An index over in-memory files, relative paths under file:///w/. */
function indexOf(files: Record<string, string>): ProjectIndex {
  const index = new ProjectIndex();
  for (const [p, text] of Object.entries(files)) index.setFile(`file:///w/${p}`, text);
  return index;
}

/** Every node of the tree, depth first, with its depth. */
function walk(index: ProjectIndex, filter?: TreeFilter): { node: TreeNodeData; depth: number }[] {
  const out: { node: TreeNodeData; depth: number }[] = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const node of treeChildren(index, parent, filter)) {
      out.push({ node, depth });
      if (node.hasChildren) visit(node.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return out;
}

const labels = (nodes: TreeNodeData[]) => nodes.map((n) => n.label);

/** The example's codebook and transcripts read without Axial's parser. */
const exampleCodes = () =>
  Object.entries((parseYaml(fs.readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8')) as { codes: Record<string, { parent?: string; kind?: string; name?: string }> }).codes);

function exampleTranscripts(): { name: string; text: string; case: string }[] {
  const dir = path.join(EXAMPLE, 'transcripts');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((name) => {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return { name, text, case: /^case: (.+)$/m.exec(text)![1] };
  });
}

describe('axial tree', () => {
  describe('on the example project', () => {
    let index: ProjectIndex;
    before(async () => {
      index = await exampleIndex();
    });

    it('has the core category at the top and its children in codebook order', () => {
      const codes = exampleCodes();
      const top = treeChildren(index);
      const roots = codes.filter(([, c]) => !c.parent);
      assert.deepEqual(top.map((n) => n.codeId), roots.map(([id]) => id));
      assert.deepEqual(top.map((n) => n.codeId), ['meeting']);
      assert.equal(top[0].kind, 'category');
      assert.equal(top[0].parentId, undefined);
      const children = treeChildren(index, top[0].id);
      assert.deepEqual(children.map((n) => n.codeId), codes.filter(([, c]) => c.parent === 'meeting').map(([id]) => id));
      assert.ok(children.length >= 3);
    });

    it('lists every code of the codebook exactly once, under its parent, siblings in file order', () => {
      const codes = exampleCodes();
      const nodes = walk(index).map((w) => w.node).filter((n) => n.kind === 'code' || n.kind === 'category');
      assert.deepEqual(nodes.map((n) => n.codeId).sort(), codes.map(([id]) => id).sort());
      const order = new Map(codes.map(([id], i) => [id, i]));
      for (const n of nodes) {
        const parent = codes.find(([id]) => id === n.codeId)![1].parent;
        assert.equal(n.parentId, parent ? formatTreeId({ kind: 'code', root: n.root, code: parent }) : undefined, n.codeId);
        const siblings = treeChildren(index, n.parentId).filter((s) => s.kind !== 'quote').map((s) => order.get(s.codeId!)!);
        assert.deepEqual(siblings, [...siblings].sort((a, b) => a - b));
      }
    });

    it("a code's count equals its usage, and its children are its quotes", () => {
      for (const { node } of walk(index)) {
        if (node.kind !== 'code') continue;
        const project = index.projects()[0];
        const usage = codeUsage(project, node.codeId!);
        const quotes = treeChildren(index, node.id).filter((c) => c.kind === 'quote');
        if (treeChildren(index, node.id).every((c) => c.kind === 'quote')) {
          assert.equal(node.quotes, usage.quotes, node.codeId);
          assert.equal(node.cases, usage.cases, node.codeId);
        }
        assert.equal(quotes.length, usage.quotes, node.codeId);
        assert.equal(node.empty === true, usage.quotes === 0 && treeChildren(index, node.id).length === 0, node.codeId);
      }
    });

    it('counts a category as the distinct spans and cases under it (checked with regular expressions)', () => {
      const codes = exampleCodes();
      const parentOf = new Map(codes.map(([id, c]) => [id, c.parent]));
      const under = (id: string, anc: string) => {
        for (let cur: string | undefined = id; cur; cur = parentOf.get(cur)) if (cur === anc) return true;
        return false;
      };
      // Each closer with its blocks: the codes of the blocks; spans are told apart by position.
      const spans: { file: string; at: number; case: string; codes: string[] }[] = [];
      for (const t of exampleTranscripts()) {
        for (const m of t.text.matchAll(/\}\}((?:\{[^{}\n]*\})+)/g)) {
          const blocks = m[1].replace(/"(?:[^"\\]|\\.)*"/g, '""');
          spans.push({ file: t.name, at: m.index!, case: t.case, codes: [...blocks.matchAll(/#([\p{L}\p{N}][\p{L}\p{N}_.-]*)/gu)].map((x) => x[1]) });
        }
      }
      for (const { node } of walk(index)) {
        if (node.kind !== 'category') continue;
        const hits = spans.filter((s) => s.codes.some((c) => under(c, node.codeId!)));
        assert.equal(node.quotes, hits.length, node.codeId);
        assert.equal(node.cases, new Set(hits.map((s) => s.case)).size, node.codeId);
      }
      assert.equal(treeChildren(index)[0].quotes, spans.length);
    });

    it("each quote shows its case and number first, an excerpt, the speaker's role and file:line, and its range holds the quote", () => {
      let checked = 0;
      for (const { node } of walk(index)) {
        if (node.kind !== 'quote') continue;
        const q = node.quote!;
        const text = fs.readFileSync(URI.parse(q.uri).fsPath, 'utf8');
        const file = path.basename(q.path);
        assert.match(node.description!, new RegExp(` · ${file.replace('.', '\\.')}:${q.line}$`));
        assert.equal(text.split('\n')[q.line - 1].includes('{{'), true, `line ${q.line} of ${file} opens a span`);
        const prefix = new RegExp(`^${q.case.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ · “`);
        assert.match(node.label, prefix);
        assert.ok(node.label.endsWith('”'));
        assert.ok(node.label.length <= q.case.length + 8 + QUOTE_LABEL_LENGTH + 3, node.label);
        const source = text.slice(q.range.start, q.range.end);
        // The source range runs from the quote's first to its last character.
        assert.equal(source[0], q.text[0]);
        assert.equal(source[source.length - 1], q.text[q.text.length - 1]);
        if (!/[{}]/.test(source)) {
          assert.equal(source, q.text);
          assert.ok(text.slice(0, q.range.start).trimEnd().endsWith('{{'), 'the range starts just inside the opener');
        }
        const line = text.slice(0, text.lastIndexOf('\n', q.range.start) + 1).split('\n').length;
        assert.equal(line, q.line);
        const speakerLine = text.split('\n')[line - 1];
        if (/^P: /.test(speakerLine)) assert.equal(q.speaker, 'Patient');
        if (/^T: /.test(speakerLine)) assert.equal(q.speaker, 'Therapist');
        checked++;
      }
      assert.ok(checked > 50, `checked ${checked} quotes`);
    });

    it('filters by case: only the case\'s quotes remain, and nodes without any are hidden', () => {
      const all = walk(index);
      const c = walk(index, { cases: ['C'] });
      const quotes = c.filter((w) => w.node.kind === 'quote');
      assert.ok(quotes.length > 0);
      assert.ok(quotes.every((w) => w.node.quote!.case === 'C'));
      const expected = all.filter((w) => w.node.kind === 'quote' && w.node.quote!.case === 'C').map((w) => w.node.id);
      assert.deepEqual(quotes.map((w) => w.node.id), expected);
      for (const { node } of c) if (node.kind !== 'quote') assert.ok(node.quotes > 0, `${node.id} is shown with no quote`);
      const top = treeChildren(index, undefined, { cases: ['C'] })[0];
      assert.match(top.description!, /^\d+ of \d+ quotes · 1 case$/);
    });

    it('filters by speaker role, participant, coder and attribute', () => {
      const quotes = (f: TreeFilter) => walk(index, f).filter((w) => w.node.kind === 'quote').map((w) => w.node);
      const allQuotes = quotes({});
      const therapist = quotes({ speakers: ['Therapist'] });
      assert.ok(therapist.length > 0 && therapist.length < allQuotes.length);
      assert.ok(therapist.every((n) => n.quote!.speaker === 'Therapist'));
      const mothers = quotes({ participants: ['mother'] });
      assert.ok(mothers.length > 0 && mothers.every((n) => n.quote!.path.endsWith('case-a-mother.md')));
      const ln = quotes({ coders: ['LN'] });
      assert.ok(ln.length > 0 && ln.every((n) => n.quote!.coders.every((c) => c === 'LN')));
      assert.ok(allQuotes.some((n) => n.quote!.coders.includes('LN') && n.quote!.coders.includes('CA')));
      const schizophrenia = quotes({ attributes: [{ key: 'patient-diagnosis', value: 'paranoid schizophrenia' }] });
      assert.deepEqual([...new Set(schizophrenia.map((n) => n.quote!.case))], ['C']);
      // Dimensions combine with AND, values of one dimension with OR.
      const both = quotes({ cases: ['A', 'B'], speakers: ['Therapist'] });
      assert.ok(both.length > 0 && both.every((n) => ['A', 'B'].includes(n.quote!.case) && n.quote!.speaker === 'Therapist'));
      assert.deepEqual(quotes({ cases: ['no such case'] }), []);
      assert.deepEqual(treeChildren(index, undefined, { cases: ['no such case'] }), []);
    });

    it('searches quotes ignoring case and accents, and highlights the match', () => {
      const quotes = (text: string) => walk(index, { text }).filter((w) => w.node.kind === 'quote').map((w) => w.node);
      const trust = quotes('TRUSTED');
      assert.ok(trust.length > 0);
      assert.ok(trust.every((n) => /trusted/i.test(n.quote!.text)));
      assert.deepEqual(quotes('trusted').map((n) => n.id), trust.map((n) => n.id));
      const hit = trust.find((n) => n.highlights);
      assert.ok(hit, 'a label holds the match');
      const [s, e] = hit.highlights![0];
      assert.equal(hit.label.slice(s, e).toLowerCase(), 'trusted');
      assert.deepEqual(quotes('no such words anywhere'), []);
      // Accents: a search without them finds text with them, and the other way round.
      assert.deepEqual(foldedMatches('Lucía dijo «sí»', 'lucia'), [[0, 5]]);
      assert.deepEqual(foldedMatches('trust  her', 'trúst her'), [[0, 10]]);
    });

    it('facets list the cases, speaker roles, participants, coders and attributes', () => {
      const f = treeFacets(index);
      assert.deepEqual(f.cases, [...new Set(exampleTranscripts().map((t) => t.case))].sort());
      assert.ok(f.speakers.includes('Patient') && f.speakers.includes('Therapist'));
      assert.deepEqual(f.participants, ['child', 'mother', 'patient', 'therapist']);
      assert.deepEqual(f.coders.map((c) => c.id), ['CA', 'LN']);
      assert.ok(f.attributes.some((a) => a.key === 'patient-diagnosis' && a.value === 'paranoid schizophrenia'));
    });

    it('paths lead from the top to a node, and every parentId names a node listing it as a child', () => {
      for (const { node, depth } of walk(index)) {
        const p = treePath(index, node.id)!;
        assert.equal(p.length, depth + 1);
        assert.equal(p[p.length - 1].id, node.id);
        assert.deepEqual(treeNode(index, node.id), node);
        if (node.parentId) assert.ok(treeChildren(index, node.parentId).some((c) => c.id === node.id));
      }
      const someQuote = walk(index).find((w) => w.node.kind === 'quote' && w.node.quote!.case === 'A')!.node;
      assert.equal(treePath(index, someQuote.id, { cases: ['B'] }), undefined, 'a node the filter hides has no path');
    });

    it('copies quotes as Markdown: a heading per code and one `> quote — case, file:line` line each', () => {
      const expert = walk(index).find((w) => w.node.codeId === 'therapist-as-expert' && w.node.kind === 'code')!.node;
      const md = treeQuotesMarkdown(index, expert.id)!;
      assert.equal(md.quotes, expert.quotes);
      const lines = md.markdown.split('\n').filter(Boolean);
      assert.equal(lines[0], '## Therapist as expert (`therapist-as-expert`)');
      assert.equal(lines.length, 1 + expert.quotes);
      for (const l of lines.slice(1)) assert.match(l, /^> .+ — [ABC], transcripts\/case-[a-z]-[a-z]+\.md:\d+$/);
      const category = treeChildren(index)[0];
      const all = treeQuotesMarkdown(index, category.id)!;
      assert.ok(all.quotes >= category.quotes, 'a span under two codes is listed under each');
      assert.equal((all.markdown.match(/^> /gm) ?? []).length, all.quotes);
      assert.equal(treeQuotesMarkdown(index, category.id, { cases: ['C'] })!.markdown.includes(' — A, '), false);
    });
  });

  describe('on fixtures', () => {
    const CODEBOOK = [
      'coders:',
      '  CA: Carolina',
      'codes:',
      '  core: {kind: category}',
      '  parent-code: {parent: core, name: Parent code}',
      '  child-code: {parent: parent-code}',
      '  unused: {parent: core}',
      '  old: {parent: core, status: deprecated, replaced_by: child-code}',
      '',
    ].join('\n');

    it("puts a code's sub-codes before its own quotes", () => {
      const index = indexOf({
        'p/codebook.yaml': CODEBOOK,
        'p/transcripts/a.md': 'P: {{first}}{#parent-code} {{second}}{#child-code}\n',
      });
      const parent = treeChildren(index, treeChildren(index)[0].id)[0];
      assert.equal(parent.label, 'Parent code');
      assert.deepEqual(treeChildren(index, parent.id).map((n) => [n.kind, n.label]), [
        ['code', 'child-code'],
        ['quote', 'transcripts/a.md 1 · “first”'],
      ]);
      assert.equal(parent.quotes, 2);
    });

    it('shows codes with no quotes as empty, and deprecated codes as such', () => {
      const index = indexOf({ 'p/codebook.yaml': CODEBOOK, 'p/transcripts/a.md': 'P: {{x}}{#old}\n' });
      const nodes = treeChildren(index, treeChildren(index)[0].id);
      const unused = nodes.find((n) => n.codeId === 'unused')!;
      assert.equal(unused.empty, true);
      assert.equal(unused.description, 'no quotes');
      assert.equal(unused.hasChildren, false);
      const old = nodes.find((n) => n.codeId === 'old')!;
      assert.equal(old.deprecated, true);
      assert.equal(old.description, 'deprecated · 1 quote · 1 case');
      assert.equal(old.empty, undefined);
    });

    it('lists tags with unknown codes under "Unknown codes", last', () => {
      const index = indexOf({
        'p/codebook.yaml': CODEBOOK,
        'p/transcripts/a.md': 'P: {{one}}{#zeta}{#alpha} {{two}}{#alpha #child-code}\n',
      });
      const top = treeChildren(index);
      assert.deepEqual(top.map((n) => n.kind), ['category', 'unknownGroup']);
      const group = top[1];
      assert.equal(group.label, 'Unknown codes');
      assert.equal(group.quotes, 2);
      assert.match(group.description!, /^2 codes not in the codebook · 2 quotes · 1 case$/);
      const unknown = treeChildren(index, group.id);
      assert.deepEqual(unknown.map((n) => [n.kind, n.label, n.quotes]), [
        ['unknownCode', '#alpha', 2],
        ['unknownCode', '#zeta', 1],
      ]);
      assert.deepEqual(labels(treeChildren(index, unknown[0].id)), ['transcripts/a.md 1 · “one”', 'transcripts/a.md 2 · “two”']);
      assert.deepEqual(treePath(index, treeChildren(index, unknown[0].id)[0].id)!.map((n) => n.kind), ['unknownGroup', 'unknownCode', 'quote']);
    });

    it('with several projects, puts a node per project at the top', () => {
      const index = indexOf({
        'p/codebook.yaml': 'title: First study\ncodes:\n  a: {}\n',
        'p/transcripts/a.md': 'P: {{x}}{#a}\n',
        'q/codebook.yaml': 'codes:\n  b: {}\n',
      });
      const top = treeChildren(index);
      assert.deepEqual(top.map((n) => [n.kind, n.label]), [['project', 'First study'], ['project', 'q']]);
      assert.deepEqual(treeChildren(index, top[0].id).map((n) => n.codeId), ['a']);
      assert.equal(treeChildren(index, top[0].id)[0].parentId, top[0].id);
      assert.deepEqual(treeChildren(index, undefined, undefined, 'file:///w/q').map((n) => n.codeId), ['b']);
      assert.deepEqual(treeChildren(index, undefined, { text: 'x' }).map((n) => n.label), ['First study']);
    });

    it('counts a span coded twice with one code (two coders) once, and a transcript without case by its file', () => {
      const index = indexOf({
        'p/codebook.yaml': CODEBOOK,
        'p/transcripts/a.md': 'P: {{x}}{#child-code @CA}{#child-code @LN}\n',
        'p/transcripts/b.md': 'P: {{y}}{#child-code}\n',
      });
      const child = treeNode(index, formatTreeId({ kind: 'code', root: 'file:///w/p', code: 'child-code' }))!;
      assert.equal(child.quotes, 2);
      assert.equal(child.cases, 2);
      const quotes = treeChildren(index, child.id);
      assert.deepEqual(quotes.map((q) => q.quote!.coders), [['CA', 'LN'], []]);
      assert.deepEqual(quotes.map((q) => q.quote!.case), ['transcripts/a.md', 'transcripts/b.md']);
      assert.deepEqual(treeChildren(index, child.id, { coders: ['LN'] }).map((q) => q.quote!.coders), [['LN']]);
    });

    it('the quote range skips the markup of spans nested at its start', () => {
      const text = 'P: {{{{inner}}{#child-code} outer}}{#parent-code}\n';
      const index = indexOf({ 'p/codebook.yaml': CODEBOOK, 'p/transcripts/a.md': text });
      const q = treeChildren(index, formatTreeId({ kind: 'code', root: 'file:///w/p', code: 'parent-code' })).find((n) => n.kind === 'quote')!;
      assert.equal(q.quote!.text, 'inner outer');
      assert.equal(text.slice(q.quote!.range.start, q.quote!.range.end), 'inner}}{#child-code} outer');
    });

    it('survives a codebook with a parent cycle', () => {
      const index = indexOf({
        'p/codebook.yaml': 'codes:\n  a: {parent: b}\n  b: {parent: a}\n  c: {parent: a}\n',
        'p/transcripts/a.md': 'P: {{x}}{#c}\n',
      });
      const nodes = walk(index).map((w) => w.node);
      assert.deepEqual(nodes.filter((n) => n.kind !== 'quote').map((n) => n.codeId), ['a', 'c', 'b']);
      for (const n of nodes) assert.ok(treePath(index, n.id), n.id);
    });

    it('locates the node of a tag, a span and a codebook key', () => {
      const text = 'P: {{hello}}{#child-code @CA} {{bye}}{#zeta}\n';
      const index = indexOf({ 'p/codebook.yaml': CODEBOOK, 'p/transcripts/a.md': text });
      const uri = 'file:///w/p/transcripts/a.md';
      const root = 'file:///w/p';
      assert.equal(treeNodeIdAt(index, uri, text.indexOf('#child') + 2), formatTreeId({ kind: 'code', root, code: 'child-code' }));
      assert.equal(treeNodeIdAt(index, uri, text.indexOf('#zeta') + 2), formatTreeId({ kind: 'unknownCode', root, code: 'zeta' }));
      assert.equal(treeNodeIdAt(index, uri, text.indexOf('hello') + 1), formatTreeId({ kind: 'quote', root, code: 'child-code', uri, span: 0 }));
      assert.equal(treeNodeIdAt(index, uri, text.indexOf('@CA') + 1), formatTreeId({ kind: 'quote', root, code: 'child-code', uri, span: 0 }));
      assert.equal(treeNodeIdAt(index, uri, 1), undefined);
      assert.equal(treeNodeIdAt(index, 'file:///w/p/codebook.yaml', CODEBOOK.indexOf('unused')), formatTreeId({ kind: 'code', root, code: 'unused' }));
      for (const id of [treeNodeIdAt(index, uri, text.indexOf('hello'))!, treeNodeIdAt(index, uri, text.indexOf('#zeta') + 1)!]) {
        assert.ok(treePath(index, id), `${id} is in the tree`);
      }
    });

    it('ids read back to what they were written from', () => {
      const ids = [
        { kind: 'project', root: 'file:///w/a%20b' },
        { kind: 'code', root: 'file:///w/p', code: 'relación' },
        { kind: 'unknownGroup', root: 'file:///w/p' },
        { kind: 'unknownCode', root: 'file:///w/p', code: 'x.y-z' },
        { kind: 'quote', root: 'file:///w/p', code: 'a', uri: 'file:///w/p/transcripts/a%23b.md', span: 12 },
      ] as const;
      for (const id of ids) assert.deepEqual(parseTreeId(formatTreeId(id)), id);
      for (const bad of ['', 'c|x', 'q|r|c|u|-1', 'z|r', 'q|r|c|u|1.5']) assert.equal(parseTreeId(bad), undefined, bad);
    });

    it('after any sequence of edits, the tree equals the tree of an index built from the final files (property)', function () {
      this.timeout(60_000);
      const texts = [
        'P: {{a}}{#child-code} {{b}}{#parent-code @CA}\n',
        'P: {{a}}{#child-code}{#zeta}\n',
        '---\ncase: K\n---\nT: {{c {{d}}{#unused} e}}{#child-code}\n',
        '',
        'P: {{x}}{#old} and {{y}}{#child-code #parent-code}\n',
      ];
      const files = ['p/transcripts/a.md', 'p/transcripts/b.md', 'p/transcripts/c.md'];
      const filters: TreeFilter[] = [{}, { cases: ['K'] }, { speakers: ['P'] }, { text: 'a' }];
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(files.length - 1), fc.nat(texts.length - 1), fc.nat(filters.length - 1)), { maxLength: 12 }), (ops) => {
          const incremental = indexOf({ 'p/codebook.yaml': CODEBOOK });
          const final = new Map<string, string>();
          for (const [f, t, k] of ops) {
            incremental.setFile(`file:///w/${files[f]}`, texts[t]);
            final.set(files[f], texts[t]);
            walk(incremental, filters[k]); // fills the caches between edits
          }
          const rebuilt = indexOf({ 'p/codebook.yaml': CODEBOOK, ...Object.fromEntries(final) });
          for (const filter of filters) assert.deepEqual(walk(incremental, filter), walk(rebuilt, filter));
        }),
        { numRuns: 100 },
      );
    });
  });
});
