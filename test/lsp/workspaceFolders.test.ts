import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { changeFolders, CHANGED, close, diskBarrier, scanned, startWithFolders, watched } from './lifecycle';

/**
 * Workspace folders added and removed (workspace/didChangeWorkspaceFolders),
 * through the real bundled server over stdio, on two copies of the mini project.
 */
describe('language server: workspace folders', function () {
  const MINI = path.join(REPO, 'test', 'fixtures', 'projects', 'mini');
  let a: string;
  let b: string;
  let client: LspClient;

  const file = (root: string, name: string) => path.join(root, 'transcripts', name);
  /** Puts an unknown code into a transcript on disk. */
  const breakOnDisk = (f: string, code: string) => writeFileSync(f, readFileSync(f, 'utf8').replace('{#trust}', `{#${code}}`));
  const projects = async () => (await client.request<{ projects: { root: string }[] }>('axial/getStatus', {})).projects.map((p) => p.root);

  beforeEach(() => {
    a = copyFixture(MINI);
    b = copyFixture(MINI);
    breakOnDisk(file(a, 'therapist.md'), 'in-a');
    breakOnDisk(file(b, 'therapist.md'), 'in-b');
    client = new LspClient(a);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(a);
    cleanup(b);
  });

  it('announces workspace folder change notifications', async () => {
    const result = await startWithFolders(client, [a]);
    assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  it('an added folder is scanned and its diagnostics published; a removed one is forgotten and its diagnostics cleared', async () => {
    await startWithFolders(client, [a]);
    await client.waitForDiagnostics(file(a, 'therapist.md'), (ds) => ds.length === 1);
    assert.deepEqual(await projects(), [uriOf(a)]);

    changeFolders(client, [b], []);
    await client.waitForDiagnostics(file(b, 'therapist.md'), (ds) => ds.some((d) => d.message.includes('in-b')));
    await scanned(client);
    assert.deepEqual((await projects()).sort(), [uriOf(a), uriOf(b)].sort());

    changeFolders(client, [], [b]);
    await client.waitForDiagnostics(file(b, 'therapist.md'), (ds) => ds.length === 0);
    await scanned(client);
    assert.deepEqual(await projects(), [uriOf(a)]);
    assert.equal(client.diagnostics.get(uriOf(file(a, 'therapist.md')))!.length, 1, "the other folder's diagnostics stay");
    // Requests no longer know the removed folder's files.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(file(b, 'patient.md')) }, position: { line: 8, character: 40 } });
    assert.equal(hover, null);
    // A file event from the removed folder does not bring it back.
    watched(client, [[file(b, 'therapist.md'), CHANGED]]);
    await diskBarrier(client, file(a, 'marker.md'), 1);
    assert.deepEqual(client.diagnostics.get(uriOf(file(b, 'therapist.md'))), []);
  });

  it("an open document of a removed folder is still checked as a file outside the workspace, until it is closed", async () => {
    await startWithFolders(client, [a, b]);
    await client.waitForDiagnostics(file(b, 'therapist.md'), (ds) => ds.length === 1);
    const patient = file(b, 'patient.md');
    client.open(patient, readFileSync(patient, 'utf8').replace('{#expertise}', '{#open-in-b}') + 'P: {{never closed\n');
    await client.waitForDiagnostics(patient, (ds) => ds.length === 2);

    changeFolders(client, [], [b]);
    // Without its codebook, the unknown code is no longer known to be unknown; the markup error stays.
    const ds = await client.waitForDiagnostics(patient, (x) => x.length === 1);
    assert.equal(ds[0].code, 'span.unclosed');
    await client.waitForDiagnostics(file(b, 'therapist.md'), (x) => x.length === 0);

    close(client, patient);
    await client.waitForDiagnostics(patient, (x) => x.length === 0);
    await diskBarrier(client, file(a, 'marker.md'), 1);
    assert.deepEqual(client.diagnostics.get(uriOf(patient)), []);
  });

  it('removing a folder nested in another keeps its files; removing the outer one drops the project', async () => {
    const inner = path.join(a, 'transcripts');
    await startWithFolders(client, [a, inner]);
    await client.waitForDiagnostics(file(a, 'therapist.md'), (ds) => ds.length === 1);
    changeFolders(client, [], [inner]);
    await scanned(client);
    await diskBarrier(client, file(a, 'marker.md'), 1);
    assert.equal(client.diagnostics.get(uriOf(file(a, 'therapist.md')))!.length, 1);
    assert.deepEqual(await projects(), [uriOf(a)]);

    // Back to [a, inner], then a leaves: the codebook is outside the workspace, so no project remains.
    changeFolders(client, [inner], [a]);
    await client.waitForDiagnostics(file(a, 'therapist.md'), (ds) => ds.length === 0);
    await scanned(client);
    assert.deepEqual(await projects(), []);
  });

  it('a folder added and removed at once ends removed; one removed and added back ends scanned', async () => {
    await startWithFolders(client, [a]);
    await scanned(client);
    changeFolders(client, [b], []);
    changeFolders(client, [], [b]);
    await scanned(client);
    await diskBarrier(client, file(a, 'marker.md'), 1);
    assert.deepEqual(await projects(), [uriOf(a)]);
    assert.deepEqual(client.diagnostics.get(uriOf(file(b, 'therapist.md'))) ?? [], []);

    changeFolders(client, [], [a]);
    changeFolders(client, [a], []);
    await scanned(client);
    assert.deepEqual(await projects(), [uriOf(a)]);
    await client.waitForDiagnostics(file(a, 'therapist.md'), (ds) => ds.length === 1);
  });
});
