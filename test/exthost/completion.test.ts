/** (d) Completion after `{#` lists every code and alias of the codebook, and no category. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { axialReady, codebookEntries, offsetOf, openTranscript, replaceRange, restore } from './helpers';

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('completion', () => {
  const file = 'case-a-child.md';
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    await axialReady();
    doc = await openTranscript(file);
    original = doc.getText();
  });
  teardown(async () => restore(doc, original));

  test('after `{#` it lists the codes and their aliases, and no categories', async () => {
    const anchor = '}}{#playful-affection}';
    const insertAt = offsetOf(original, anchor) + anchor.length;
    await replaceRange(doc, insertAt, insertAt, '{#');
    const position = doc.positionAt(insertAt + 2);

    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, position, '#');
    const labels = new Set(list.items.map(label));

    const codes = codebookEntries();
    const missing: string[] = [];
    const categories: string[] = [];
    let aliases = 0;
    for (const [id, code] of codes) {
      if (code.kind === 'category') {
        if (labels.has(id)) categories.push(id);
        continue;
      }
      if (!labels.has(id)) missing.push(id);
      for (const alias of code.aliases ?? []) {
        aliases++;
        if (!labels.has(`${alias} → ${id}`)) missing.push(`${alias} → ${id}`);
      }
    }
    assert.ok(aliases > 0, 'the example codebook declares aliases');
    assert.deepEqual(missing, [], `codes/aliases missing from the completion list (${list.items.length} items)`);
    assert.deepEqual(categories, [], 'categories offered as completions');

    // Every proposal is a code or an alias of one (nothing else, e.g. no word completions).
    const expectedCount = [...codes.values()].filter((c) => c.kind !== 'category').length + aliases;
    assert.equal(list.items.length, expectedCount, `labels: ${[...labels].join(', ')}`);

    // A code's item inserts its id over what was typed after `#`, and carries its name.
    const item = list.items.find((i) => label(i) === 'relational-trust')!;
    assert.equal(item.detail, codes.get('relational-trust')!.name);
    const insert = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value;
    assert.equal(insert, 'relational-trust');
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.ok(range, 'the item says which range it replaces');
    assert.equal(doc.offsetAt(range.start), insertAt + 2, 'replaces from just after `#`');
    assert.equal(doc.offsetAt(range.end), insertAt + 2);

    // Deprecated codes are offered struck through.
    for (const [id, code] of codes) {
      if (code.kind === 'category' || code.status !== 'deprecated') continue;
      const deprecated = list.items.find((i) => label(i) === id)!;
      assert.ok(deprecated.tags?.includes(vscode.CompletionItemTag.Deprecated), `${id} is tagged deprecated`);
    }
  });
});
