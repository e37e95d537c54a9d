/**
 * The Axial view's tree in a real VS Code: its content on the example project, a
 * quote's click opening the transcript with the quote selected, the refresh after an
 * edit (the count goes up, an expanded node stays expanded), the filters, "Reveal in
 * Axial Tree" from a tag, and the welcome view's starter project. Expected values
 * come from the files (the `yaml` package, regular expressions), not from Axial.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import type { AxialTreeApi } from '../../client/tree';
import type { TreeNode } from '../../common/protocol';
import {
  axialReady,
  codebookEntries,
  offsetOf,
  openTranscript,
  readProjectFile,
  replaceRange,
  restore,
  spanEndsCodedWith,
  transcriptNames,
  waitFor,
} from './helpers';

let tree: AxialTreeApi;

/** The node of a code, found level by level from the top through its parents in codebook.yaml. */
async function codeNode(id: string): Promise<TreeNode> {
  const entries = codebookEntries();
  const chain: string[] = [];
  for (let cur: string | undefined = id; cur; cur = entries.get(cur)?.parent) chain.unshift(cur);
  let parent: TreeNode | undefined;
  for (const step of chain) {
    const found: TreeNode | undefined = (await tree.children(parent?.id)).find((n) => n.codeId === step && n.kind !== 'quote');
    assert.ok(found, `no node for ${step} under ${parent?.label ?? 'the top level'}`);
    parent = found;
  }
  return parent!;
}

/** Spans coded with `id` and the cases they are in, counted in the transcript files. */
function expectedUsage(id: string): { quotes: number; cases: number } {
  let quotes = 0;
  const cases = new Set<string>();
  for (const name of transcriptNames()) {
    const text = readProjectFile('transcripts', name);
    const n = spanEndsCodedWith(text, id).length;
    quotes += n;
    if (n) cases.add(/^case: (.+)$/m.exec(text)![1]);
  }
  return { quotes, cases: cases.size };
}

/** Every node under a parent, depth first, as the view's provider answers them. */
async function walk(parentId?: string): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for (const n of await tree.children(parentId)) {
    out.push(n);
    if (n.hasChildren) out.push(...(await walk(n.id)));
  }
  return out;
}

suite('axial tree view', () => {
  suiteSetup(async () => {
    const api = (await axialReady()) as unknown as { tree: AxialTreeApi };
    assert.ok(api.tree, 'activate() returns the tree API');
    tree = api.tree;
    await waitFor('the tree to have a top level', async () => (await tree.children()).length > 0);
  });

  test('the top level is the core category, its children are in codebook order, a code counts its usage', async () => {
    const entries = [...codebookEntries()];
    const top = await tree.children();
    assert.deepEqual(top.map((n) => n.codeId), entries.filter(([, c]) => !c.parent).map(([id]) => id));
    assert.deepEqual(top.map((n) => [n.kind, n.codeId]), [['category', 'meeting']]);
    const children = await tree.children(top[0].id);
    assert.deepEqual(children.map((n) => n.codeId), entries.filter(([, c]) => c.parent === 'meeting').map(([id]) => id));
    for (const id of ['relational-trust', 'therapist-as-expert', 'bond-remains']) {
      const node = await codeNode(id);
      const expected = expectedUsage(id);
      assert.deepEqual([node.quotes, node.cases], [expected.quotes, expected.cases], id);
      const item = tree.treeItem(node);
      assert.equal(item.description, `${expected.quotes} quote${expected.quotes === 1 ? '' : 's'} · ${expected.cases} case${expected.cases === 1 ? '' : 's'}`);
      const quotes = (await tree.children(node.id)).filter((n) => n.kind === 'quote');
      assert.equal(quotes.length, expected.quotes, `${id}'s quotes`);
      for (const q of quotes) assert.match(q.description!, /^[A-Z][a-z]+ · case-[abc]-[a-z]+\.md:\d+$/);
      // The case and the quote's number within it come first, for a narrow sidebar.
      for (const q of quotes) assert.match(String(q.label), /^[ABC] \d+ · “/);
    }
  });

  test('clicking a quote opens its transcript with the quote selected', async () => {
    const code = await codeNode('relational-trust');
    const quotes = (await tree.children(code.id)).filter((n) => n.kind === 'quote');
    const quote = quotes.find((q) => !/[{}]/.test(q.quote!.text)) ?? quotes[0];
    const item = tree.treeItem(quote);
    assert.ok(item.command, 'a quote has a command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = await waitFor('the transcript to be the active editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === quote.quote!.uri ? e : undefined;
    });
    const r = quote.quote!.range;
    const expected = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    assert.ok(editor.selection.isEqual(expected), `selection ${JSON.stringify(editor.selection)} is the quote ${JSON.stringify(expected)}`);
    const text = editor.document.getText(editor.selection);
    assert.equal(text, quote.quote!.text);
    const before = editor.document.getText(new vscode.Range(new vscode.Position(0, 0), expected.start));
    assert.ok(before.endsWith('{{'), 'the selection starts right after the opener');
  });

  test('an edit refreshes the tree: the count goes up and the expanded node stays expanded', async () => {
    const code = await codeNode('therapist-as-expert');
    assert.ok(await tree.reveal(code.id, { select: false, focus: false, expand: true }), 'the node can be revealed');
    await waitFor('the node to be expanded and its children fetched by the view', () =>
      tree.expandedIds().includes(code.id) && tree.fetchedIds().includes(code.id));
    const generation = tree.generation();
    const doc = await openTranscript('case-b-patient.md');
    const original = doc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      await replaceRange(doc, at, at + 'Comfortable.'.length, '{{Comfortable.}}{#therapist-as-expert}');
      const shown = await waitFor(
        'the view to re-read the code and its quotes with one more quote',
        () => {
          if (tree.generation() === generation || !tree.fetchedIds().includes(code.id)) return undefined;
          const node = tree.lastChildren(code.parentId)?.find((n) => n.id === code.id);
          const quotes = tree.lastChildren(code.id)?.filter((n) => n.kind === 'quote');
          return node?.quotes === code.quotes + 1 && quotes?.length === code.quotes + 1 ? { node, quotes } : undefined;
        },
        undefined,
        () => `generation ${tree.generation()} (was ${generation}), fetched ${tree.fetchedIds().length} parents`,
      );
      assert.ok(shown.quotes.some((q) => q.quote!.text === 'Comfortable.'));
      assert.ok(tree.expandedIds().includes(code.id), 'the code is still expanded');
      // VS Code only asks for the children of nodes it shows expanded.
      assert.ok(tree.fetchedIds().includes(code.id));
    } finally {
      await restore(doc, original);
    }
    await waitFor('the count to go back', async () => (await codeNode('therapist-as-expert')).quotes === code.quotes);
  });

  test("a case filter leaves only that case's quotes, and the view says so", async () => {
    try {
      await tree.setFilter({ cases: ['C'] });
      const nodes = await walk();
      const quotes = nodes.filter((n) => n.kind === 'quote');
      assert.ok(quotes.length > 0);
      assert.deepEqual([...new Set(quotes.map((q) => q.quote!.case))], ['C']);
      // Every span of the case C transcripts is coded: the core category holds them all.
      const cFiles = transcriptNames().filter((f) => /^case: C$/m.test(readProjectFile('transcripts', f)));
      const spans = cFiles.reduce((n, f) => n + (readProjectFile('transcripts', f).match(/\{\{/g) ?? []).length, 0);
      const top = await tree.children();
      assert.equal(top[0].quotes, spans);
      assert.equal(top[0].cases, 1);
      for (const n of nodes) if (n.kind !== 'quote') assert.ok(n.quotes > 0, `${n.label} is shown without quotes`);
      assert.equal(tree.description(), 'case C');
      assert.match(tree.message() ?? '', /case C/);
    } finally {
      await vscode.commands.executeCommand('axial.tree.clearFilters');
    }
    assert.deepEqual(tree.filter(), {});
    assert.equal(tree.message(), undefined);
    const top = await tree.children();
    assert.equal(top[0].quotes, transcriptNames().reduce((n, f) => n + (readProjectFile('transcripts', f).match(/\{\{/g) ?? []).length, 0));
  });

  test('a quote search keeps only quotes with the words, ignoring case and accents', async () => {
    try {
      await tree.setFilter({ text: 'TRÚSTED' });
      const quotes = (await walk()).filter((n) => n.kind === 'quote');
      assert.ok(quotes.length > 0);
      assert.ok(quotes.every((q) => /trusted/i.test(q.quote!.text)));
      assert.ok(quotes.some((q) => q.highlights?.length), 'the match is highlighted');
    } finally {
      await tree.setFilter({});
    }
  });

  test('Reveal in Axial Tree on a tag selects the code in the view', async () => {
    const doc = await openTranscript('case-c-patient.md');
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(offsetOf(doc.getText(), '#relational-trust') + 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('axial.revealInTree');
    const code = await codeNode('relational-trust');
    await waitFor('the code to be selected in the view', () => tree.selectedIds().includes(code.id), undefined, () => tree.selectedIds().join(', '));
  });

  test("the welcome view's starter project is a commented codebook and a coded sample transcript", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-starter-'));
    try {
      const made = await tree.createStarterProject(vscode.Uri.file(folder));
      const codebook = fs.readFileSync(made.codebook.fsPath, 'utf8');
      assert.match(codebook, /^# /m);
      const codes = (parseYaml(codebook) as { codes: Record<string, { kind?: string; parent?: string }> }).codes;
      assert.ok(Object.values(codes).some((c) => c.kind === 'category' && !c.parent), 'a core category');
      const transcript = fs.readFileSync(made.transcript.fsPath, 'utf8');
      for (const m of transcript.matchAll(/\{#([a-z-]+)/g)) assert.ok(codes[m[1]], `#${m[1]} is in the codebook`);
      // Nothing is overwritten the second time.
      fs.writeFileSync(made.codebook.fsPath, 'codes: {}\n');
      assert.deepEqual((await tree.createStarterProject(vscode.Uri.file(folder))).written, []);
      assert.equal(fs.readFileSync(made.codebook.fsPath, 'utf8'), 'codes: {}\n');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
