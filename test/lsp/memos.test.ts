import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Memo files (memos/*.md) through the real bundled server: their front matter is
 * checked against the codebook and the transcripts, a renamed code is renamed in
 * them, and a code's hover lists them.
 */
describe('memos over stdio', function () {
  let dir: string;
  let client: LspClient;
  let codebook: string;
  const memo = (name: string) => path.join(dir, 'memos', name);

  const TRUST_MEMO = '---\ncodes: [trust, "expertise"]\ntranscripts: [transcripts/patient.md]\n---\n# Trust comes before technique\n\nPatients speak of trust first.\n';

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    codebook = path.join(dir, 'codebook.yaml');
    mkdirSync(path.join(dir, 'memos'));
    writeFileSync(memo('trust.md'), TRUST_MEMO);
    writeFileSync(memo('typos.md'), '---\ncodes: [trsut]\ntranscripts: [transcripts/nobody.md]\n---\nA memo with two mistakes.\n');
    writeFileSync(memo('broken.md'), '---\ncodes: [trust\ntranscripts: x\n---\nBroken front matter.\n');
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.character}`);

  it('an unknown code is an error with a suggestion, an unknown transcript a warning, at their names', async () => {
    const ds = await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 2);
    assert.deepEqual(codes(ds).sort(), ['memo.unknown-code 1 1:8', 'memo.unknown-transcript 2 2:14']);
    const unknown = ds.find((d) => d.code === 'memo.unknown-code')!;
    assert.match(unknown.message, /Unknown code 'trsut'.*Did you mean 'trust'\?/);
    assert.deepEqual(unknown.range.end, { line: 1, character: 13 });
  });

  it('broken front matter is reported at its position, and a clean memo has no diagnostics', async () => {
    const ds = await client.waitForDiagnostics(memo('broken.md'), (d) => d.length > 0);
    assert.ok(ds.every((d) => d.code === 'memo.front-matter' && d.severity === 1), codes(ds).join(', '));
    assert.ok(ds.some((d) => d.range.start.line >= 1 && d.range.start.line <= 3), codes(ds).join(', '));
    assert.equal(client.diagnostics.get(uriOf(memo('trust.md')))?.length ?? 0, 0);
  });

  it('an open memo is re-checked as it is edited', async () => {
    await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 2);
    const text = readFileSync(memo('typos.md'), 'utf8');
    client.open(memo('typos.md'), text.replace('trsut', 'trust'), 'markdown');
    await client.waitForDiagnostics(memo('typos.md'), (d) => codes(d).join() === 'memo.unknown-transcript 2 2:14');
    client.change(memo('typos.md'), 2, text.replace('trsut', 'trust').replace('nobody', 'therapist'));
    await client.waitForDiagnostics(memo('typos.md'), (d) => d.length === 0);
  });

  it('renaming a code renames it in the memos that name it, quotes kept, text untouched', async () => {
    const text = readFileSync(codebook, 'utf8');
    const at = new LineIndex(text).positionAt(text.indexOf('  expertise:') + 3);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf(codebook) }, position: at, newName: 'competence' });
    const memoEdits = edit.changes?.[uriOf(memo('trust.md'))] as TextEdit[] | undefined;
    assert.ok(memoEdits, `the memo is edited: ${Object.keys(edit.changes ?? {}).join(', ')}`);
    assert.equal(applyText(TRUST_MEMO, memoEdits), TRUST_MEMO.replace('"expertise"', '"competence"'));
    assert.equal(edit.changes?.[uriOf(memo('typos.md'))], undefined);
  });

  it('the hover of a code lists the memos that name it, with their first line', async () => {
    const text = readFileSync(codebook, 'utf8');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(codebook) }, position: new LineIndex(text).positionAt(text.indexOf('  trust:') + 3) });
    const md = (hover.contents as { value: string }).value;
    assert.match(md, /\*\*Memos\*\*\n- \[memos\/trust\.md\]\(file:[^)]*\/memos\/trust\.md\) — Trust comes before technique/);
    assert.doesNotMatch(md, /typos\.md/);
  });
});

function applyText(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of sorted) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}
