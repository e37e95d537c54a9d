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

  it('answers null outside any project', async () => {
    assert.equal(await client.request('axial/analysis/model', { uri: 'file:///nowhere/at/all.md' }), null);
  });
});
