import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AxialModelResult, CaseMatrixResult, CooccurrenceResult } from '../../common/protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * The pictures' requests through the real bundled server, on a copy of
 * test/fixtures/projects/pictures (counts worked out by hand in test/unit/analysis).
 */
describe('language server: the pictures\' data', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'pictures'));
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    cleanup(dir);
  });

  const file = (...p: string[]) => path.join(dir, ...p);

  it('axial/analysis/model answers for a transcript, the codebook or the project folder', async () => {
    for (const uri of [uriOf(file('transcripts', 'notes.md')), uriOf(file('codebook.yaml')), uriOf(dir)]) {
      const model = await client.request<AxialModelResult>('axial/analysis/model', { uri });
      assert.ok(model, uri);
      assert.deepEqual(model.nodes.map((n) => [n.id, n.quotes, n.cases]), [
        ['core', 13, 2], ['dim-a', 9, 2], ['a1', 5, 2], ['a2', 4, 2], ['old', 1, 1], ['dim-b', 6, 2], ['b1', 6, 2], ['b2', 3, 2], ['unused', 0, 0],
      ]);
    }
  });

  it('quotes carry LSP ranges that cover their spans', async () => {
    const model = await client.request<AxialModelResult>('axial/analysis/model', { uri: uriOf(dir) });
    const text = readFileSync(file('transcripts', 'x-patient.md'), 'utf8');
    const q = model.quotes.find((x) => x.excerpt === 'And later?')!;
    const line = text.split('\n')[q.range.start.line];
    assert.equal(line.slice(q.range.start.character, q.range.end.character), '{{And later?}}{#b2}');
    assert.equal(q.range.start.line, q.line);
    assert.equal(q.path, 'transcripts/x-patient.md');
  });

  it('axial/analysis/cooccurrence and axial/analysis/matrix give the hand-counted cells', async () => {
    const uri = uriOf(file('transcripts', 'x-patient.md'));
    const co = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri });
    const cell = (a: string, b: string) => co.cells.find((c) => c.a === a && c.b === b)?.count ?? 0;
    assert.deepEqual([cell('a1', 'b1'), cell('a1', 'a2'), cell('a2', 'b1'), cell('a1', 'b2'), cell('b1', 'b2'), cell('a2', 'b2'), cell('a1', 'old')], [2, 2, 3, 1, 2, 1, 1]);
    const m = await client.request<CaseMatrixResult>('axial/analysis/matrix', { uri });
    assert.deepEqual(m.cases.map((c) => c.label), ['X', 'notes.md']);
    assert.deepEqual(m.rows.find((r) => r.id === 'a1')!.cells.map((c) => c.count), [3, 2]);
  });

  it('follows edits of open transcripts', async () => {
    const notes = file('transcripts', 'notes.md');
    client.open(notes, readFileSync(notes, 'utf8').replace('{{four}}{#a1 #b1}', '{{four}}{#a1 #b1 #b2}'));
    const after = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri: uriOf(notes) });
    assert.equal(after.cells.find((c) => c.a === 'a1' && c.b === 'b2')?.count, 2);
  });

  it('pairs codes only within one coder, and the coders param keeps only their blocks', async () => {
    const uri = uriOf(dir);
    const count = (co: CooccurrenceResult, a: string, b: string) => co.cells.find((c) => c.a === a && c.b === b)?.count ?? 0;
    const before = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri });
    // One turn: CA codes a1 and b2 on two spans, LN codes b2 where CA coded a1.
    const coded = file('transcripts', 'coders.md');
    client.open(coded, 'P: {{x}}{#a1 @CA}{#b2 @LN} {{y}}{#b2 @CA}\nI: {{z}}{#a2 @LN}{#b1 @CA}\n');
    const all = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri });
    assert.equal(count(all, 'a1', 'b2'), count(before, 'a1', 'b2') + 1, 'the turn where CA applied both');
    assert.equal(count(all, 'a2', 'b1'), count(before, 'a2', 'b1'), 'LN a2 against CA b1 is a disagreement');
    assert.deepEqual(all.coders, ['CA', 'LN']);

    const ca = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri, coders: ['CA'] });
    assert.deepEqual(ca.quotes.map((q) => q.excerpt), ['x', 'y', 'z']);
    assert.deepEqual(ca.cells.filter((c) => c.a !== c.b).map((c) => [c.a, c.b, c.count]), [['a1', 'b2', 1]]);
    const ln = await client.request<CooccurrenceResult>('axial/analysis/cooccurrence', { uri, coders: ['LN'] });
    assert.deepEqual(ln.quotes.map((q) => [q.path, q.excerpt]), [['transcripts/coders.md', 'x'], ['transcripts/coders.md', 'z'], ['transcripts/x-patient.md', 'Really.']]);
    assert.deepEqual(ln.cells.filter((c) => c.a !== c.b), []);
    const model = await client.request<AxialModelResult>('axial/analysis/model', { uri, coders: ['LN'] });
    assert.equal(model.totals.quotes, 3);
    const m = await client.request<CaseMatrixResult>('axial/analysis/matrix', { uri, coders: ['CA', 'LN'] });
    assert.equal(m.total.count, 4);
  });

  it('answers null outside any project', async () => {
    assert.equal(await client.request('axial/analysis/model', { uri: 'file:///nowhere/at/all.md' }), null);
  });
});
