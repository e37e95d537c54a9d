import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { close, CHANGED, CREATED, DELETED, diskBarrier, scanned, watched } from './lifecycle';

/**
 * Open documents against the disk, through the real bundled server over stdio:
 * whatever order closes, opens and file events arrive in, an open document's
 * text wins over the disk, and a file event is checked against the disk.
 */
describe('language server: open documents and the disk', function () {
  let dir: string;
  let client: LspClient;
  let patient: string;
  let therapist: string;
  let marker: string;
  let barriers = 0;
  let capabilities: { workspace?: { fileOperations?: Record<string, unknown> } };

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    patient = path.join(dir, 'transcripts', 'patient.md');
    therapist = path.join(dir, 'transcripts', 'therapist.md');
    marker = path.join(dir, 'transcripts', 'marker.md');
    client = new LspClient(dir);
    capabilities = ((await client.start()) as { capabilities: typeof capabilities }).capabilities;
    await scanned(client);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  /** The codes the server's diagnostics of a file name, from their messages. */
  const unknownCodes = (file: string) =>
    (client.diagnostics.get(uriOf(file)) ?? []).filter((d) => d.code === 'code.unknown').map((d) => /'([^']+)'/.exec(d.message)?.[1] ?? d.message);

  it('closing and reopening with new text 20 times without waiting: the open text is checked, not the disk', async () => {
    const disk = readFileSync(patient, 'utf8');
    const textOf = (i: number) => disk.replace('{#expertise}', `{#reopened-${i}}`);
    client.open(patient, textOf(0));
    for (let i = 1; i <= 20; i++) {
      close(client, patient);
      client.open(patient, textOf(i), 'axial-transcript', 1);
    }
    await client.waitForDiagnostics(patient, (ds) => ds.some((d) => d.message.includes('reopened-20')));
    await diskBarrier(client, marker, ++barriers);
    assert.deepEqual(unknownCodes(patient), ['reopened-20']);
    // Requests see the open text too.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(patient) } });
    assert.deepEqual(symbols[1].children!.map((c) => c.name), ['#trust', '#trust', '#reopened-20']);
  });

  it('a close alone makes the disk the truth again', async () => {
    client.open(patient, readFileSync(patient, 'utf8').replace('{#expertise}', '{#unsaved}'));
    await client.waitForDiagnostics(patient, (ds) => ds.length === 1);
    close(client, patient);
    await client.waitForDiagnostics(patient, (ds) => ds.length === 0);
  });

  it('a Created event for a renamed open document that arrives before its didOpen does not replace the open text', async () => {
    const renamed = path.join(dir, 'transcripts', 'renamed.md');
    const open = readFileSync(patient, 'utf8').replace('{#expertise}', '{#unsaved-edit}');
    client.open(patient, open);
    await client.waitForDiagnostics(patient, (ds) => ds.length === 1);
    // The editor renames the file (its saved text has no error) and the watcher is faster than the editor.
    renameSync(patient, renamed);
    close(client, patient);
    watched(client, [[renamed, CREATED]]);
    client.open(renamed, open);
    watched(client, [[patient, DELETED]]);
    await client.waitForDiagnostics(renamed, (ds) => ds.length === 1);
    await diskBarrier(client, marker, ++barriers);
    assert.deepEqual(unknownCodes(renamed), ['unsaved-edit']);
    await client.waitForDiagnostics(patient, (ds) => ds.length === 0);
  });

  it('a Changed event for an open document leaves the open text', async () => {
    client.open(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#open-text}'));
    await client.waitForDiagnostics(therapist, (ds) => ds.length === 1);
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#disk-text}'));
    watched(client, [[therapist, CHANGED]]);
    await diskBarrier(client, marker, ++barriers);
    assert.deepEqual(unknownCodes(therapist), ['open-text']);
  });

  it('a Deleted event for a file that still exists is checked against the disk', async () => {
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#still-here}'));
    watched(client, [[therapist, CHANGED]]);
    await client.waitForDiagnostics(therapist, (ds) => ds.length === 1);
    watched(client, [[therapist, DELETED]]);
    await diskBarrier(client, marker, ++barriers);
    assert.deepEqual(unknownCodes(therapist), ['still-here']);
  });

  it('a Created event for a file that does not exist is checked against the disk', async () => {
    const ghost = path.join(dir, 'transcripts', 'ghost.md');
    watched(client, [[ghost, CREATED]]);
    await diskBarrier(client, marker, ++barriers);
    assert.equal(client.diagnostics.get(uriOf(ghost)), undefined);
    const result = await client.request<{ codes: { id: string; quotes: number }[] }>('axial/codebook', { uri: uriOf(patient) });
    assert.equal(result.codes.find((c) => c.id === 'trust')!.quotes, 3);
  });

  it('events in the wrong order for a codebook deleted and restored end with the disk', async () => {
    const codebook = path.join(dir, 'codebook.yaml');
    const saved = readFileSync(codebook, 'utf8');
    writeFileSync(codebook, saved.replace('  expertise:\n', '  expert-knowledge:\n'));
    // Restored before the server heard of the deletion; then Created arrives before Deleted.
    watched(client, [[codebook, CREATED]]);
    watched(client, [[codebook, DELETED]]);
    await client.waitForDiagnostics(patient, (ds) => ds.some((d) => d.message.includes('expertise')));
    await diskBarrier(client, marker, ++barriers);
    assert.deepEqual(unknownCodes(patient), ['expertise']);
  });

  it('files and folders renamed in the editor (workspace/didRenameFiles, no file events) are read from the disk', async () => {
    assert.ok(capabilities.workspace?.fileOperations?.didRename, 'the server asks for renames');
    const renamed = path.join(dir, 'transcripts', 'renamed.md');
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#moved}'));
    watched(client, [[therapist, CHANGED]]);
    await client.waitForDiagnostics(therapist, (ds) => ds.length === 1);
    const rename = (from: string, to: string) => {
      renameSync(from, to);
      void client.conn.sendNotification('workspace/didRenameFiles', { files: [{ oldUri: uriOf(from), newUri: uriOf(to) }] });
    };
    rename(therapist, renamed);
    await client.waitForDiagnostics(renamed, (ds) => ds.length === 1);
    await client.waitForDiagnostics(therapist, (ds) => ds.length === 0);

    // The folder leaves the codebook's transcript globs, then comes back.
    const quotesOfTrust = async () =>
      (await client.request<{ codes: { id: string; quotes: number }[] }>('axial/codebook', { uri: uriOf(patient) })).codes.find((c) => c.id === 'trust')!.quotes;
    const archive = path.join(dir, 'archive');
    rename(path.join(dir, 'transcripts'), archive);
    await client.waitForDiagnostics(renamed, (ds) => ds.length === 0);
    assert.equal(await quotesOfTrust(), 0);
    rename(archive, path.join(dir, 'transcripts'));
    await client.waitForDiagnostics(renamed, (ds) => ds.length === 1);
    assert.equal(await quotesOfTrust(), 2);
  });

  it('file events inside folders the scan skips (node_modules) are ignored, as the scan ignores them', async () => {
    const vendored = path.join(dir, 'transcripts', 'node_modules', 'pkg', 'README.md');
    mkdirSync(path.dirname(vendored), { recursive: true });
    writeFileSync(vendored, 'P: {{unclosed\n');
    watched(client, [[vendored, CREATED]]);
    await diskBarrier(client, marker, ++barriers);
    assert.equal(client.diagnostics.get(uriOf(vendored)), undefined);
  });
});
