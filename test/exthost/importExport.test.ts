/**
 * Import and export in a real VS Code: "Axial: Import Transcript…" with the file
 * given as an argument (the dialog skipped) writes the transcript into the
 * project's transcripts/ folder through the language server and opens it as a
 * transcript; a file that is not a Word document writes nothing; "Export Project
 * (REFI-QDA)…" and "Export Codebook (REFI-QDC)…" with the target given write a
 * .qdpx whose project.qde lists every transcript and a .qdc that lists every code.
 * Expected values come from the files (regular expressions, the `yaml` package).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as vscode from 'vscode';
import type { ExportRefiResult, ImportFileResult } from '../../common/protocol';
import { docx } from '../cli/officeFiles';
import { axialReady, codebookEntries, projectFile, projectRoot, transcriptNames, waitFor } from './helpers';

const VTT = `WEBVTT

team-1
00:00:01.000 --> 00:00:03.000
<v Carolina Altimir>How did the first session go?

team-2
00:00:04.000 --> 00:00:06.500
<v Patient Nine>Strangely. I didn't know what to say.

00:00:07.000 --> 00:00:08.000
<v Patient Nine>Then it got easier.
`;

suite('Import and export commands', () => {
  let scratch: string;
  const written: vscode.Uri[] = [];

  suiteSetup(async function () {
    this.timeout(60_000);
    await axialReady();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-exthost-import-'));
  });

  teardown(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Deleted as the user would (a workspace edit tells the server at once), and the
    // suite waits until the server counts the example's files again, for the suites after it.
    const edit = new vscode.WorkspaceEdit();
    for (const uri of written.splice(0)) edit.deleteFile(uri, { ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
    await axialReady();
  });

  suiteTeardown(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('Import Transcript… writes a WebVTT interview into transcripts/ and opens it as a transcript', async function () {
    this.timeout(60_000);
    const file = path.join(scratch, 'session nine.vtt');
    fs.writeFileSync(file, VTT);
    const result = await vscode.commands.executeCommand<ImportFileResult>('axial.importTranscript', { file: vscode.Uri.file(file), project: vscode.Uri.file(projectRoot()) });
    assert.ok(result?.written, result?.message);
    const target = projectFile('transcripts', 'session nine.md');
    written.push(target);
    assert.equal(vscode.Uri.parse(result.written).fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(text, /^speakers:\n {2}CA: Carolina Altimir\n {2}P: Patient Nine$/m);
    assert.match(text, /^CA: \[00:00:01\] How did the first session go\?$/m);
    assert.match(text, /^P: \[00:00:04\] Strangely\. I didn't know what to say\. Then it got easier\.$/m);
    const editor = await waitFor('the transcript to open as axial-transcript', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === target.fsPath && e.document.languageId === 'axial-transcript' ? e : undefined;
    });
    assert.equal(editor.document.getText(), text);
    assert.ok(transcriptNames().includes('session nine.md'));
  });

  test('Import Transcript… turns a Word document into a transcript, and replaces it only when forced', async function () {
    this.timeout(60_000);
    const file = path.join(scratch, 'interview-ten.docx');
    fs.writeFileSync(file, await docx(['Interviewer: What helped most?', 'Participant: Being listened to.']));
    const project = vscode.Uri.file(projectRoot());
    const first = await vscode.commands.executeCommand<ImportFileResult>('axial.importTranscript', { file: vscode.Uri.file(file), project });
    assert.ok(first?.written, first?.message);
    const target = projectFile('transcripts', 'interview-ten.md');
    written.push(target);
    assert.match(fs.readFileSync(target.fsPath, 'utf8'), /^I: What helped most\?\nP: Being listened to\.\n$/m);
    fs.writeFileSync(file, await docx(['Interviewer: Second version.']));
    const again = await vscode.commands.executeCommand<ImportFileResult>('axial.importTranscript', { file: vscode.Uri.file(file), project, force: true });
    assert.ok(again?.written, again?.message);
    assert.match(fs.readFileSync(target.fsPath, 'utf8'), /^I: Second version\.$/m);
  });

  test('Import Transcript… with a file that is not a Word document writes nothing and says why', async function () {
    this.timeout(30_000);
    const file = path.join(scratch, 'fake.docx');
    fs.writeFileSync(file, 'plain text pretending');
    const before = transcriptNames();
    const result = await vscode.commands.executeCommand<ImportFileResult>('axial.importTranscript', { file: vscode.Uri.file(file), project: vscode.Uri.file(projectRoot()) });
    assert.equal(result?.written, undefined);
    assert.match(result!.message, /not a Word document/);
    assert.deepEqual(transcriptNames(), before);
  });

  test('Export Project (REFI-QDA)… writes a .qdpx with every transcript as a source', async function () {
    this.timeout(60_000);
    const out = vscode.Uri.file(path.join(scratch, 'study.qdpx'));
    const result = await vscode.commands.executeCommand<ExportRefiResult>('axial.exportProject', { out, project: vscode.Uri.file(projectRoot()) });
    assert.ok(result?.ok, result?.message);
    const zip = unzipSync(fs.readFileSync(out.fsPath));
    const qde = strFromU8(zip['project.qde']);
    const sources = [...qde.matchAll(/<TextSource [^>]*name="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(sources, transcriptNames().map((n) => `transcripts/${n}`));
  });

  test('Export Codebook (REFI-QDC)… writes a .qdc with every code of codebook.yaml', async function () {
    this.timeout(60_000);
    const out = vscode.Uri.file(path.join(scratch, 'codes.qdc'));
    const result = await vscode.commands.executeCommand<ExportRefiResult>('axial.exportCodebook', { out, project: vscode.Uri.file(projectRoot()) });
    assert.ok(result?.ok, result?.message);
    const xml = fs.readFileSync(out.fsPath, 'utf8');
    assert.match(xml, /<CodeBook /);
    assert.equal([...xml.matchAll(/<Code /g)].length, codebookEntries().size);
  });
});
