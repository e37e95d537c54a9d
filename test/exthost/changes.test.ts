/**
 * "Axial: Show Coding Changes…" and the tree's "changed since" filter in a real VS
 * Code, on the runner's copy of the example project made a git repository (real
 * git): a coding change and a text change saved after the commit are listed in the
 * webview (drawn under its strict CSP, reporting what it shows), a click on the
 * change opens the transcript with its span selected, the filter leaves only the
 * changed quote, and git problems become error messages. Expected values come from
 * the files, not from Axial.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CodingChangesApi } from '../../client/changes/panel';
import type { AxialTreeApi } from '../../client/tree';
import type { TreeNode } from '../../common/protocol';
import { GitRepo } from '../helpers/scratchGit';
import { axialReady, offsetOf, openTranscript, projectRoot, replaceRange, restore, waitFor } from './helpers';

const FILE = 'case-a-child.md';
const QUOTE = 'Did you like going?';

let changes: CodingChangesApi;
let tree: AxialTreeApi;
let doc: vscode.TextDocument;
let original: string;
let outside: string;
let repo: GitRepo | undefined;

async function walk(parentId?: string): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for (const n of await tree.children(parentId)) {
    out.push(n);
    if (n.hasChildren) out.push(...(await walk(n.id)));
  }
  return out;
}

suite('coding changes since a revision', () => {
  suiteSetup(async () => {
    const api = (await axialReady()) as unknown as { changes: CodingChangesApi; tree: AxialTreeApi };
    assert.ok(api.changes, 'activate() returns the coding changes API');
    changes = api.changes;
    tree = api.tree;
    repo = GitRepo.initIn(projectRoot(), 'main');
    repo.commitAll('The example project');
    // After the commit: one span coded (the interviewer's question) and words edited elsewhere in the file.
    doc = await openTranscript(FILE);
    original = doc.getText();
    const wordsAt = offsetOf(doc.getText(), 'Affectionate, okay.');
    await replaceRange(doc, wordsAt, wordsAt + 'Affectionate, okay.'.length, 'Affectionate, right.');
    const at = offsetOf(doc.getText(), `I: ${QUOTE}`) + 3;
    await replaceRange(doc, at, at + QUOTE.length, `{{${QUOTE}}}{#playful-affection}`);
    assert.ok(await doc.save());
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-nogit-'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('axial.tree.clearFilters');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (doc) {
      const again = await vscode.workspace.openTextDocument(doc.uri);
      await restore(again, original);
    }
    repo?.removeGit();
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  test('the webview lists the coded span with its code, coder, quote and line, and flags the text change', async () => {
    const shown = await vscode.commands.executeCommand<boolean>('axial.showCodingChanges', 'HEAD');
    assert.equal(shown, true, `the command showed the changes (last error: ${changes.lastError()})`);
    const state = await waitFor('the coding changes webview to draw', () => (changes.state()?.ready ? changes.state() : undefined));
    const text = fs.readFileSync(path.join(projectRoot(), 'transcripts', FILE), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes(`{{${QUOTE}}}`)) + 1;
    const coder = /^coder: (\S+)$/m.exec(text)![1];
    assert.deepEqual(state.changes, [`+ coded #playful-affection @${coder} “${QUOTE}” line ${line}`]);
    assert.equal(state.textChanges, 1, 'the words edited are flagged');
    assert.match(state.html, /Coding changes: HEAD → working tree/);
    assert.match(state.html, new RegExp(`transcripts/${FILE.replace('.', '\\.')}`));
    assert.match(state.html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
  });

  test("a click on the change opens the transcript with the span's quote selected", async () => {
    const clicked = changes.nextMessage('clicked');
    assert.ok(await changes.post({ type: 'click', selector: 'a.change' }));
    assert.equal((await clicked).found, true);
    const editor = await waitFor('the transcript to open at the change', () => {
      const e = vscode.window.activeTextEditor;
      return e && path.basename(e.document.uri.fsPath) === FILE && e.document.getText(e.selection) === QUOTE ? e : undefined;
    });
    assert.equal(editor.selection.start.line + 1, editor.document.getText().split('\n').findIndex((l) => l.includes(`{{${QUOTE}}}`)) + 1);
  });

  test("the page's filter button filters the Axial view to the changes since its revision", async () => {
    try {
      const clicked = changes.nextMessage('clicked');
      assert.ok(await changes.post({ type: 'click', selector: '#filter' }));
      assert.equal((await clicked).found, true);
      await waitFor('the tree filter to be set', () => tree.filter().changedSince?.revision === 'HEAD');
      assert.equal(tree.filter().changedSince!.spans.length, 1);
    } finally {
      await vscode.commands.executeCommand('axial.tree.clearFilters');
    }
  });

  test('the tree filter "changed since HEAD" shows only the changed quote, says so, and clears', async () => {
    try {
      await vscode.commands.executeCommand('axial.tree.filterChangedSince', { revision: 'HEAD' });
      assert.equal(tree.filter().changedSince?.revision, 'HEAD');
      const quotes = (await walk()).filter((n) => n.kind === 'quote');
      assert.deepEqual(quotes.map((q) => [q.codeId, q.quote!.text, path.basename(q.quote!.path)]), [['playful-affection', QUOTE, FILE]]);
      assert.equal(tree.description(), 'changed since HEAD');
      assert.match(tree.message() ?? '', /changed since HEAD/);
    } finally {
      await vscode.commands.executeCommand('axial.tree.clearFilters');
    }
    assert.deepEqual(tree.filter(), {});
    assert.ok((await walk()).filter((n) => n.kind === 'quote').length > 1);
  });

  test('an unknown revision and a folder outside any repository give an error message, and no panel change', async () => {
    const before = changes.state()?.revision;
    assert.equal(await vscode.commands.executeCommand<boolean>('axial.showCodingChanges', 'no-such-revision'), false);
    assert.equal(changes.lastError(), "unknown revision 'no-such-revision'");
    const folder = vscode.Uri.file(outside).toString();
    assert.equal(await vscode.commands.executeCommand<boolean>('axial.showCodingChanges', { revision: 'HEAD', folder }), false);
    assert.match(changes.lastError() ?? '', /^not a git repository/);
    assert.equal(changes.state()?.revision, before);
  });
});
