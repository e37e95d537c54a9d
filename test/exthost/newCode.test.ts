/**
 * "New code…" from the coding picker: it asks for a definition, offers the category
 * of the code at the cursor first with real quote counts, and opens the codebook
 * entry it wrote. The questions are answered through stubbed window functions.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { askNewCode } from '../../client/coding/commands';
import type { CodebookResult, RefactorCommandResult } from '../../common/protocol';
import { axialReady, offsetOf, openTranscript, projectFile, restore, waitFor } from './helpers';

const FILE = 'case-b-patient.md';

type Window = { showInputBox: typeof vscode.window.showInputBox; showQuickPick: typeof vscode.window.showQuickPick };

/** Runs `f` with the input boxes answered by `inputs` in turn and the quick pick by `pick`; restores the real ones. */
async function answering<T>(inputs: string[], pick: (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined, f: () => Promise<T>) {
  const window = vscode.window as Window;
  const saved = { input: window.showInputBox, pick: window.showQuickPick };
  const prompts: string[] = [];
  let picked: readonly vscode.QuickPickItem[] = [];
  window.showInputBox = (async (o?: vscode.InputBoxOptions) => { prompts.push(o?.title ?? ''); return inputs.shift(); }) as Window['showInputBox'];
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => { picked = await items; return pick(picked); }) as unknown as Window['showQuickPick'];
  try {
    return { result: await f(), prompts, items: picked };
  } finally {
    window.showInputBox = saved.input;
    window.showQuickPick = saved.pick;
  }
}

suite('New code', () => {
  suiteSetup(async () => {
    await axialReady();
  });

  test('asks id, name and definition; offers the preferred category first, every parent with its real quote count', async () => {
    const category = 'preferred';
    const cb: CodebookResult = {
      root: '', codebookUri: projectFile('codebook.yaml').toString(), coders: [],
      codes: [
        { id: 'top', name: 'Top', kind: 'category', aliases: [], status: 'active', quotes: 0, cases: 0, subtreeQuotes: 7 },
        { id: category, name: 'Preferred', kind: 'category', parent: 'top', aliases: [], status: 'active', quotes: 0, cases: 0, subtreeQuotes: 3 },
        { id: 'leaf', name: 'Leaf', kind: 'code', parent: category, aliases: [], status: 'active', quotes: 3, cases: 2, subtreeQuotes: 3 },
      ],
    };
    const { result, prompts, items } = await answering(['fresh-code', 'Fresh code', 'A new idea.'], (its) => its[0], () => askNewCode(cb, 'fresh code', category));
    assert.deepEqual(prompts.map((p) => p.replace(/ of .*/, '')), ['Axial: New Code (1/4): id', 'Axial: New Code (2/4): name', 'Axial: New Code (3/4): definition']);
    assert.deepEqual(result, { id: 'fresh-code', name: 'Fresh code', definition: 'A new idea.', parent: category });
    assert.match(String(items[0].label), /Preferred/);
    const top = items.find((i) => String(i.label).includes('Top'))!;
    assert.match(top.description!, /7 quotes/, 'a category shows the quotes below it, as the Axial view does');
  });

  test('Code Selection with a new code writes it with its definition and opens its codebook entry beside', async () => {
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const codebookDoc = await vscode.workspace.openTextDocument(projectFile('codebook.yaml'));
    const codebookText = codebookDoc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'Comfortable.'.length));
      const result = await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', {
        newCode: { id: 'feeling-comfortable', name: 'Feeling comfortable', definition: 'The patient feels at ease.', parent: 'meeting' },
      });
      assert.ok(result?.applied, result?.error);
      const shown = await waitFor('the codebook entry to be shown', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === codebookDoc.uri.fsPath));
      assert.equal(shown.document.lineAt(shown.selection.start.line).text.trim(), 'feeling-comfortable:');
      const entry = (parseYaml(shown.document.getText()) as { codes: Record<string, { definition?: string; parent?: string }> }).codes['feeling-comfortable'];
      assert.deepEqual([entry.definition, entry.parent], ['The patient feels at ease.', 'meeting']);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, doc.uri.fsPath, 'the focus stays in the transcript');
    } finally {
      await restore(doc, original);
      await restore(codebookDoc, codebookText);
    }
  });
});
