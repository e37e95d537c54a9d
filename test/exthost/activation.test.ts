/**
 * (a) The extension activates and every transcript under transcripts/ gets the
 * transcript language; (g) the status bar shows the project's counts.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  activateAxial,
  axialDiagnostics,
  countsText,
  EXTENSION_ID,
  expectedCounts,
  openTranscript,
  projectFile,
  projectRoot,
  TRANSCRIPT_LANGUAGE,
  transcriptNames,
  waitFor,
} from './helpers';

suite('activation', () => {
  test('the Axial extension is loaded from the development folder and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not among the loaded extensions`);
    // The suite must run on the runner's copy, never on the repository's example.
    assert.ok(!projectRoot().startsWith(ext.extensionPath + path.sep), `workspace ${projectRoot()} is inside the extension folder`);
    const api = await activateAxial();
    assert.equal(ext.isActive, true);
    assert.equal(typeof api.statusText(), 'string');
  });

  test('every transcript in transcripts/ gets the axial-transcript language', async () => {
    const names = transcriptNames();
    assert.ok(names.length > 0, 'the example has no transcripts');
    for (const name of names) {
      const doc = await openTranscript(name);
      assert.equal(doc.languageId, TRANSCRIPT_LANGUAGE, name);
    }
  });

  test('a Markdown memo outside transcripts/ keeps the markdown language', async () => {
    const doc = await vscode.workspace.openTextDocument(projectFile('memos', 'trust-grows.md'));
    assert.equal(doc.languageId, 'markdown');
  });

  test('the example transcripts have no Axial diagnostics', async () => {
    for (const name of transcriptNames()) {
      const uri = projectFile('transcripts', name);
      assert.deepEqual(axialDiagnostics(uri).map((d) => `${d.code}: ${d.message}`), [], name);
    }
  });
});

suite('status bar', () => {
  test('shows the counts of codes, transcripts and spans computed from the files', async () => {
    const api = await activateAxial();
    const counts = expectedCounts();
    // Sanity: the example as documented (30 active codes, 7 transcripts, 59 spans at the time of writing).
    assert.ok(counts.codes > 0 && counts.transcripts > 0 && counts.spans > 0, JSON.stringify(counts));
    const expected = `$(symbol-class) ${countsText(counts)}`;
    await waitFor(`status bar text '${expected}'`, () => api.statusText() === expected, undefined, () => api.statusText());
    assert.equal(api.statusText(), expected);
  });
});
