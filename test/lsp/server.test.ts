import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Location } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { scanned } from './lifecycle';

/**
 * The real bundled server (dist/server.js) over stdio, driven through the
 * protocol on a copy of test/fixtures/projects/mini.
 */
describe('language server over stdio', function () {
  let dir: string;
  let client: LspClient;
  let patient: string;
  let therapist: string;
  let codebook: string;

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    patient = path.join(dir, 'transcripts', 'patient.md');
    therapist = path.join(dir, 'transcripts', 'therapist.md');
    codebook = path.join(dir, 'codebook.yaml');
    client = new LspClient(dir);
    await client.start();
    // A status may come before the scan ends (it says indexing then): wait for the scan itself.
    await scanned(client);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  /** Position of the first occurrence of `needle` in a file's text (plus `delta` characters). */
  function posOf(text: string, needle: string, delta = 0) {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `'${needle}' not in text`);
    const before = text.slice(0, i + delta);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
  }

  it('initialize announces the features', async () => {
    const other = new LspClient(dir);
    const result = (await other.start()) as { capabilities: Record<string, unknown> };
    await other.stop();
    for (const cap of ['hoverProvider', 'completionProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider']) {
      assert.ok(result.capabilities[cap], `missing ${cap}`);
    }
  });

  it('publishes diagnostics for a seeded error on open, with the exact range, and clears them on fix', async () => {
    const text = readFileSync(patient, 'utf8').replace('{#expertise}', '{#expertize}');
    client.open(patient, text);
    const ds = await client.waitForDiagnostics(patient, (d) => d.some((x) => x.code === 'code.unknown'));
    const d = ds.find((x) => x.code === 'code.unknown')!;
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range.start, posOf(text, '#expertize'));
    assert.deepEqual(d.range.end, posOf(text, '#expertize', '#expertize'.length));
    client.change(patient, 2, readFileSync(patient, 'utf8'));
    await client.waitForDiagnostics(patient, (x) => x.length === 0);
  });

  it('reports the scan of closed files too (workspace diagnostics) and status counts', async () => {
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#old-trust}'));
    await client.stop();
    client = new LspClient(dir);
    await client.start();
    const ds = await client.waitForDiagnostics(therapist, (d) => d.length > 0);
    assert.equal(ds[0].code, 'code.deprecated');
    assert.equal(ds[0].severity, 2);
    const status = await client.waitFor('status', () => client.statuses.at(-1) as { projects: { codes: number; transcripts: number; spans: number }[] });
    assert.equal(status.projects.length, 1);
    // The mini codebook's active codes: trust and expertise (old-trust is deprecated).
    assert.deepEqual([status.projects[0].codes, status.projects[0].transcripts, status.projects[0].spans], [2, 2, 4]);
  });

  it('hover on a tag shows name, definition, criteria, parent chain and usage', async () => {
    const text = readFileSync(patient, 'utf8');
    client.open(patient, text);
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(patient) }, position: posOf(text, '#trust}', 2) });
    const md = (hover.contents as { value: string }).value;
    assert.match(md, /\*\*Trust\*\* `trust`/);
    assert.match(md, /The patient feels safe to open up\./);
    assert.match(md, /\*\*Include\*\*/);
    assert.match(md, /\*\*Exclude\*\*/);
    assert.match(md, /In: The meeting/);
    assert.match(md, /3 quotes in 1 case of this project/);
  });

  it('hover on a codebook entry shows its usage and first quotes', async () => {
    const text = readFileSync(codebook, 'utf8');
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uriOf(codebook) }, position: posOf(text, '  trust:', 3) });
    const md = (hover.contents as { value: string }).value;
    assert.match(md, /3 quotes/);
    assert.match(md, /> Building trust, I think\. — transcripts\/patient\.md:10/);
  });

  it('completion after # lists codes (not categories) with aliases and deprecated ones marked; after @ lists coders', async () => {
    const text = readFileSync(patient, 'utf8').replace('{#expertise}', '{#exp}');
    client.open(patient, text);
    await client.waitForDiagnostics(patient, (d) => d.length > 0);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: uriOf(patient) },
      position: posOf(text, '{#exp}', 5),
    });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('trust') && labels.includes('expertise'));
    assert.ok(!labels.includes('meeting'), 'categories cannot be applied');
    assert.ok(labels.includes('confianza → trust'));
    const old = items.find((i) => i.label === 'old-trust')!;
    assert.deepEqual(old.tags, [1]);
    assert.equal(items.find((i) => i.label === 'trust')!.detail, 'Trust');
    const te = items.find((i) => i.label === 'expertise')!.textEdit as { range: { start: { character: number } }; newText: string };
    assert.equal(te.newText, 'expertise');
    assert.equal(te.range.start.character, posOf(text, '{#exp}', 2).character);

    const text2 = text.replace('{#trust @CA}', '{#trust @}');
    client.change(patient, 2, text2);
    const coders = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: uriOf(patient) },
      position: posOf(text2, '{#trust @}', 9),
    });
    assert.deepEqual(coders.map((c) => c.label), ['CA', 'LN']);
  });

  it('go to definition lands on the codebook key; references list every coded span across the project', async () => {
    const text = readFileSync(patient, 'utf8');
    client.open(patient, text);
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const def = await client.request<Location>('textDocument/definition', { textDocument: { uri: uriOf(patient) }, position: posOf(text, '#trust}', 1) });
    const cb = readFileSync(codebook, 'utf8');
    assert.equal(def.uri, uriOf(codebook));
    assert.deepEqual(def.range.start, posOf(cb, 'trust:\n    parent'));
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uriOf(patient) },
      position: posOf(text, '#trust}', 1),
      context: { includeDeclaration: false },
    });
    assert.equal(refs.length, 3);
    assert.deepEqual(refs.map((r) => path.basename(URI(r.uri))).sort(), ['patient.md', 'patient.md', 'therapist.md']);
    const th = readFileSync(therapist, 'utf8');
    const thRef = refs.find((r) => r.uri === uriOf(therapist))!;
    assert.deepEqual(thRef.range.start, posOf(th, '{{He came'));
    assert.deepEqual(thRef.range.end, posOf(th, '{#trust}', '{#trust}'.length));
  });

  it('quick fixes: a deprecated code is replaced by its replaced_by; a typo gets did-you-mean; only the tag changes', async () => {
    const text = readFileSync(patient, 'utf8').replace('{#trust}', '{#old-trust}').replace('{#expertise}', '{#expertse}');
    client.open(patient, text);
    await client.waitForDiagnostics(patient, (d) => d.length === 2);
    const whole = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(patient) },
      range: whole,
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions.map((a) => a.title), ["Replace with 'trust'", "Change to 'expertise'", "Add 'expertse' to the codebook"]);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.deepEqual(actions.map((a) => a.isPreferred), [true, true, false]);
    let fixed = text;
    for (const a of actions.slice(0, 2).reverse()) {
      const [edit] = a.edit!.changes![uriOf(patient)];
      const lines = fixed.split('\n');
      const line = lines[edit.range.start.line];
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      fixed = lines.join('\n');
    }
    assert.equal(fixed, readFileSync(patient, 'utf8'));
  });

  it('axial/codebook lists the codes with usage counts, for pickers and views', async () => {
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const result = await client.request<{ codebookUri: string; coders: unknown[]; codes: { id: string; kind: string; quotes: number; cases: number; parent?: string }[] }>(
      'axial/codebook',
      { uri: uriOf(patient) },
    );
    assert.equal(result.codebookUri, uriOf(codebook));
    assert.deepEqual(result.coders, [{ id: 'CA', name: 'Carolina Altimir' }, { id: 'LN', name: 'Lucía Núñez' }]);
    assert.deepEqual(
      result.codes.map((c) => [c.id, c.kind, c.parent, c.quotes, c.cases]),
      [['meeting', 'category', undefined, 0, 0], ['trust', 'code', 'meeting', 3, 1], ['expertise', 'code', 'meeting', 1, 1], ['old-trust', 'code', undefined, 0, 0]],
    );
  });

  it('document symbols give speaker turns with their coded spans', async () => {
    const text = readFileSync(patient, 'utf8');
    client.open(patient, text);
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(patient) } });
    assert.deepEqual(symbols.map((s) => s.name), ['I (Interviewer)', 'P (Patient)']);
    assert.deepEqual(symbols[1].children!.map((c) => c.name), ['#trust', '#trust', '#expertise']);
  });

  it('a codebook edit re-validates open and closed transcripts', async () => {
    const text = readFileSync(patient, 'utf8');
    client.open(patient, text);
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const cb = readFileSync(codebook, 'utf8');
    const renamed = cb.replace('  expertise:\n', '  expert-knowledge:\n');
    client.open(codebook, renamed, 'yaml');
    const ds = await client.waitForDiagnostics(patient, (d) => d.some((x) => x.code === 'code.unknown'));
    assert.match(ds[0].message, /expertise/);
    client.change(codebook, 2, cb);
    await client.waitForDiagnostics(patient, (d) => d.length === 0);
  });

  it('a broken codebook yields codebook diagnostics and the server keeps answering', async () => {
    client.open(codebook, 'codes:\n  a: [\n', 'yaml');
    const ds = await client.waitForDiagnostics(codebook, (d) => d.length > 0);
    assert.ok(ds.some((d) => d.code === 'codebook.yaml-syntax'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(codebook) } });
    assert.ok(Array.isArray(symbols));
  });

  it('picks up files changed, created and deleted on disk (watched files)', async () => {
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#nope}'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(therapist), type: 2 }] });
    await client.waitForDiagnostics(therapist, (d) => d.some((x) => x.code === 'code.unknown'));

    const fresh = path.join(dir, 'transcripts', 'new.txt');
    writeFileSync(fresh, 'P: {{unclosed\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(fresh), type: 1 }] });
    await client.waitForDiagnostics(fresh, (d) => d.some((x) => x.code === 'span.unclosed'));

    unlinkSync(fresh);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(fresh), type: 3 }] });
    await client.waitForDiagnostics(fresh, (d) => d.length === 0);
  });

  it('files outside the transcript globs are not checked', async () => {
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    const notes = path.join(dir, 'notes', 'not-a-transcript.md');
    client.open(notes, readFileSync(notes, 'utf8'), 'markdown');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(notes) }, position: { line: 1, character: 40 } });
    assert.equal(hover, null);
    assert.equal(client.diagnostics.get(uriOf(notes)), undefined);
  });
});

function URI(u: string): string {
  return decodeURIComponent(new globalThis.URL(u).pathname);
}
