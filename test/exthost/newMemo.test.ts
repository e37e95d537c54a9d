/**
 * "Axial: New Memo…" on a tag under the cursor, on a selection, and on a code of the
 * Axial view: memos/<slug>.md linked to the code and transcript, which the server
 * then reads (no diagnostics, listed in the code's hover).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import type { AxialTreeApi } from '../../client/tree';
import { axialDiagnostics, axialReady, hoverText, offsetOf, openTranscript, projectRoot, waitFor } from './helpers';

suite('New Memo', () => {
  const made: vscode.Uri[] = [];
  let tree: AxialTreeApi;
  suiteSetup(async () => {
    tree = ((await axialReady()) as unknown as { tree: AxialTreeApi }).tree;
  });
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of made.splice(0)) fs.rmSync(uri.fsPath, { force: true });
  });

  const frontMatter = (uri: vscode.Uri) => parseYaml(fs.readFileSync(uri.fsPath, 'utf8').split('---')[1]) as { codes?: string[]; transcripts?: string[] };

  test('on the tag under the cursor: links the code and the transcript, and the server reads it', async () => {
    const doc = await openTranscript('case-c-patient.md');
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(offsetOf(doc.getText(), '#relational-trust') + 3);
    editor.selection = new vscode.Selection(at, at);
    const memo = (await vscode.commands.executeCommand('axial.newMemo', { title: 'Trust, then openness', open: false })) as vscode.Uri;
    assert.ok(memo, 'a memo was written');
    made.push(memo);
    assert.equal(path.relative(projectRoot(), memo.fsPath), path.join('memos', 'trust-then-openness.md'));
    assert.deepEqual(frontMatter(memo), { codes: ['relational-trust'], transcripts: ['transcripts/case-c-patient.md'] });
    // The server lists it in the code's hover, and finds nothing wrong with it.
    await waitFor('the hover of the tag to list the memo', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      return hoverText(hovers).includes('memos/trust-then-openness.md');
    });
    assert.deepEqual(axialDiagnostics(memo), []);
    // The same title again gets a second file, never the first one overwritten.
    const second = (await vscode.commands.executeCommand('axial.newMemo', { title: 'Trust, then openness', open: false })) as vscode.Uri;
    made.push(second);
    assert.equal(path.basename(second.fsPath), 'trust-then-openness-2.md');
  });

  test('on a selection: quotes the passage and opens the memo', async () => {
    const doc = await openTranscript('case-c-patient.md');
    const editor = await vscode.window.showTextDocument(doc);
    const start = offsetOf(doc.getText(), 'Building trust');
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + 'Building trust, I think'.length));
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const saved = window.showInputBox;
    window.showInputBox = (async () => 'Why trust comes first') as typeof window.showInputBox;
    let memo: vscode.Uri;
    try {
      memo = (await vscode.commands.executeCommand('axial.newMemo')) as vscode.Uri;
    } finally {
      window.showInputBox = saved;
    }
    made.push(memo);
    const text = fs.readFileSync(memo.fsPath, 'utf8');
    assert.match(text, /^# Why trust comes first$/m);
    assert.match(text, /^> Building trust, I think$/m);
    assert.match(text, /^> — transcripts\/case-c-patient\.md:\d+$/m);
    assert.deepEqual(frontMatter(memo).transcripts, ['transcripts/case-c-patient.md']);
    await waitFor('the memo to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === memo.fsPath);
  });

  test('on a code of the Axial view: the memo is listed under that code', async () => {
    const top = await tree.children();
    const code = (await tree.children(top[0].id)).find((n) => n.kind === 'category' || n.kind === 'code')!;
    // The view passes its node; the title is asked.
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const saved = window.showInputBox;
    window.showInputBox = (async () => 'On this category') as typeof window.showInputBox;
    let memo: vscode.Uri;
    try {
      memo = (await vscode.commands.executeCommand('axial.newMemo', code)) as vscode.Uri;
    } finally {
      window.showInputBox = saved;
    }
    made.push(memo);
    assert.deepEqual(frontMatter(memo).codes, [code.codeId]);
    await waitFor('the memo under its code in the view', async () => (await tree.children(code.id)).some((n) => n.kind === 'memo' && vscode.Uri.parse(n.memo!.uri).fsPath === memo.fsPath));
  });
});
