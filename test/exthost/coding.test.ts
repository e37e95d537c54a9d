/**
 * Coding in the editor, through the real extension and server: Code Selection… run
 * with its codes given (the picker is skipped) and through the "Code selection…"
 * code action, the picker's items, Add Code to Span / Remove Code from Span / Uncode
 * Span through `vscode.commands.executeCommand`, Move Code, and the tints of coded
 * spans (read back through the extension's API). Each test puts back what it changed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import type { CodebookResult } from '../../common/protocol';
import { codeItems, NEW_CODE_LABEL } from '../../client/coding/picker';
import {
  activateAxial,
  axialDiagnostics,
  axialReady,
  codebookEntries,
  describeDiagnostics,
  offsetOf,
  openTranscript,
  projectFile,
  readProjectFile,
  restore,
  transcriptNames,
  waitFor,
} from './helpers';

interface RefactorCommandResult {
  applied: boolean;
  error?: string;
  summary?: string;
}

interface CodingApi {
  decorations(uri: string): { spans: { range: vscode.Range; color: string; codes: string[] }[]; dimmed: vscode.Range[]; markup: vscode.Range[]; version: number } | undefined;
  refreshDecorations(): Promise<void>;
  pickerItems(uri: string): Promise<(vscode.QuickPickItem & { id?: string; newCode?: true })[] | undefined>;
}

async function codingApi(): Promise<CodingApi> {
  const api = (await activateAxial()) as unknown as { coding?: CodingApi };
  assert.ok(api.coding, 'activate() returns no coding API');
  return api.coding;
}

const FILE = 'case-b-patient.md';

/** The front matter coder of the test transcript. */
function frontMatterCoder(text: string): string | undefined {
  return /^coder:\s*(\S+)/m.exec(text)?.[1];
}

/** The colour a code shows: its own `color`, else its nearest ancestor's (from codebook.yaml, read with `yaml`). */
function expectedColor(id: string): string | undefined {
  const doc = parseYaml(readProjectFile('codebook.yaml')) as { codes: Record<string, { color?: string; parent?: string } | null> };
  const seen = new Set<string>();
  for (let cur: string | undefined = id; cur && !seen.has(cur); ) {
    seen.add(cur);
    const entry: { color?: string; parent?: string } | null | undefined = doc.codes[cur];
    if (entry?.color) return entry.color;
    cur = entry?.parent;
  }
  return undefined;
}

function select(editor: vscode.TextEditor, start: number, end = start): void {
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
}

/** Every `{{…}}{…}` in the text as a regex-free check of the stripped text: the text with markup removed. */
function stripped(text: string): string {
  return text.replace(/\{\{(\^[\w.-]+ )?/g, '').replace(/\}\}(\{[^{}\n]*\})+/g, '');
}

suite('coding in the editor', () => {
  suiteSetup(async () => {
    await axialReady();
  });

  test('Code Selection with codes given wraps the selection; Uncode Span gives back the same bytes', async () => {
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      select(editor, at, at + 'Comfortable. '.length); // the trailing space is left outside the span
      const result = await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { codes: ['relational-trust', 'therapist-as-expert'] });
      assert.ok(result?.applied, result?.error);
      assert.equal(result.summary, "Coded “Comfortable.” with 'relational-trust' and 'therapist-as-expert'.");
      const coded = original.replace('Comfortable.', '{{Comfortable.}}{#relational-trust #therapist-as-expert}');
      assert.equal(doc.getText(), coded, 'the front matter coder is not written');
      assert.equal(stripped(doc.getText()), stripped(original));

      // Another coder gets `@XX`.
      const other = frontMatterCoder(original) === 'LN' ? 'CA' : 'LN';
      const at2 = offsetOf(coded, 'How did you feel with her in the sessions?');
      select(editor, at2, at2 + 'How did you feel'.length);
      const second = await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { codes: ['relational-trust'], coder: other });
      assert.ok(second?.applied, second?.error);
      assert.equal(doc.getText(), coded.replace('How did you feel', `{{How did you feel}}{#relational-trust @${other}}`));
      await waitFor('no diagnostics after coding', () => axialDiagnostics(doc.uri).length === 0, undefined, () => describeDiagnostics(doc.uri));

      // Uncode both, from a cursor inside each: the bytes come back.
      select(editor, offsetOf(doc.getText(), '{{How did you feel') + 5);
      assert.ok((await vscode.commands.executeCommand<RefactorCommandResult>('axial.uncodeSpan'))?.applied);
      select(editor, offsetOf(doc.getText(), 'Comfortable') + 4);
      const un = await vscode.commands.executeCommand<RefactorCommandResult>('axial.uncodeSpan');
      assert.ok(un?.applied, un?.error);
      assert.equal(un.summary, "Uncoded “Comfortable.” ('relational-trust' and 'therapist-as-expert').");
      assert.equal(doc.getText(), original);
    } finally {
      await restore(doc, original);
    }
  });

  test('a refusal comes back as an error, and the text is untouched', async () => {
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      select(editor, at, at + 5);
      const category = [...codebookEntries()].find(([, c]) => c.kind === 'category')![0];
      const result = await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { codes: [category] });
      assert.equal(result?.applied, false);
      assert.match(result?.error ?? '', new RegExp(`'${category}' is a category`));
      assert.equal(doc.getText(), original);
    } finally {
      await restore(doc, original);
    }
  });

  test('the "Code selection…" code action is offered on a selection (not on an empty one) and runs the command', async () => {
    const doc = await openTranscript(FILE);
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'Comfortable.'.length));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
      const action = actions.find((a) => a.title === 'Code selection…');
      assert.ok(action, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(action.kind?.value, 'refactor.rewrite.axial.code');
      assert.equal(action.command?.command, 'axial.codeSelection');
      const [args] = action.command!.arguments as [{ uri: string; range: unknown }];
      assert.equal(args.uri, doc.uri.toString());
      const result = await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { ...args, codes: ['relational-trust'] });
      assert.ok(result?.applied, result?.error);
      assert.equal(doc.getText(), original.replace('Comfortable.', '{{Comfortable.}}{#relational-trust}'));

      const empty = new vscode.Range(range.start, range.start);
      const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, empty);
      assert.ok(!none.some((a) => a.title === 'Code selection…'));
    } finally {
      await restore(doc, original);
    }
  });

  test("the picker's items: codable codes in codebook order with id, aliases, parent and definition; recently used first; New code… last", async () => {
    const coding = await codingApi();
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    // Code something (and uncode it) so a known code is the most recently used.
    try {
      const at = offsetOf(original, 'Comfortable.');
      select(editor, at, at + 'Comfortable.'.length);
      assert.ok((await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { codes: ['professional-distance'] }))?.applied);
    } finally {
      await restore(doc, original);
    }
    const entries = codebookEntries();
    const codable = [...entries].filter(([, c]) => c.kind !== 'category' && c.status !== 'deprecated').map(([id]) => id);
    const items = await coding.pickerItems(doc.uri.toString());
    assert.ok(items, 'no items');
    assert.equal(items[items.length - 1].label, NEW_CODE_LABEL);
    assert.ok(items[items.length - 1].newCode);
    const separators = items.flatMap((item, i) => (item.kind === vscode.QuickPickItemKind.Separator ? [i] : []));
    assert.deepEqual(separators.map((i) => items[i].label), ['recently used', 'codes']);
    assert.equal(separators[0], 0);
    const recent = items.slice(1, separators[1]).map((i) => i.id!);
    const rest = items.slice(separators[1] + 1, -1).map((i) => i.id!);
    assert.equal(recent[0], 'professional-distance', 'the most recently used code comes first');
    assert.deepEqual(rest, codable.filter((id) => !recent.includes(id)), 'then the others, in codebook order');
    assert.deepEqual([...recent, ...rest].sort(), [...codable].sort(), 'every codable code once; no category, no deprecated code');
    for (const item of items.filter((i) => i.id)) {
      const c = entries.get(item.id!)!;
      assert.equal(item.label, c.name ?? item.id);
      assert.ok(item.description?.startsWith(`#${item.id}`), item.description);
      for (const alias of c.aliases ?? []) assert.ok(item.description!.includes(alias), `alias ${alias} of ${item.id}`);
      if (c.parent) assert.ok(item.detail?.includes(entries.get(c.parent)?.name ?? c.parent), `parent of ${item.id}: ${item.detail}`);
      if (c.definition) assert.ok(item.detail?.includes(c.definition.replace(/\s+/g, ' ').trim().slice(0, 40)), `definition of ${item.id}`);
    }

    // The item-building function on its own: exclusions, and no separators without recent codes.
    const codebook: CodebookResult = {
      root: 'file:///p',
      codebookUri: 'file:///p/codebook.yaml',
      coders: [],
      codes: [
        { id: 'cat', name: 'A category', kind: 'category', aliases: [], status: 'active', quotes: 0, cases: 0 },
        { id: 'a', name: 'Alpha', kind: 'code', parent: 'cat', definition: 'First.', aliases: ['first'], status: 'active', quotes: 1, cases: 1 },
        { id: 'b', name: 'b', kind: 'code', aliases: [], status: 'active', quotes: 0, cases: 0 },
        { id: 'old', name: 'Old', kind: 'code', aliases: [], status: 'deprecated', replacedBy: 'a', quotes: 0, cases: 0 },
      ],
    };
    assert.deepEqual(
      codeItems(codebook, { exclude: ['b'], newCode: false }),
      [{ label: 'Alpha', description: '#a · also: first', detail: '$(folder) A category — First.', id: 'a' }],
    );
    assert.deepEqual(codeItems(codebook, { recent: ['b', 'old', 'gone'] }).map((i) => i.id ?? i.label), ['recently used', 'b', 'codes', 'a', NEW_CODE_LABEL]);
  });

  test('Add Code to Span and Remove Code from Span through executeCommand, at the cursor', async () => {
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const span = '{{I trusted her.}}{#relational-trust}';
      select(editor, offsetOf(original, 'I trusted her') + 3);
      const added = await vscode.commands.executeCommand<RefactorCommandResult>('axial.addCodeToSpan', { codes: ['therapist-as-expert'] });
      assert.ok(added?.applied, added?.error);
      assert.equal(doc.getText(), original.replace(span, '{{I trusted her.}}{#relational-trust #therapist-as-expert}'));
      const removed = await vscode.commands.executeCommand<RefactorCommandResult>('axial.removeCodeFromSpan', { code: 'relational-trust' });
      assert.ok(removed?.applied, removed?.error);
      assert.equal(doc.getText(), original.replace(span, '{{I trusted her.}}{#therapist-as-expert}'));
      // The last code takes the markup with it.
      const last = await vscode.commands.executeCommand<RefactorCommandResult>('axial.removeCodeFromSpan', { code: 'therapist-as-expert' });
      assert.ok(last?.applied, last?.error);
      assert.equal(doc.getText(), original.replace(span, 'I trusted her.'));
      // No span under the cursor any more.
      const none = await vscode.commands.executeCommand<RefactorCommandResult>('axial.uncodeSpan');
      assert.match(none?.error ?? '', /no coded span here/);
    } finally {
      await restore(doc, original);
    }
  });

  test('coded spans are tinted with their code’s colour (or its category’s); axial.dimMarkup dims every piece of markup', async () => {
    const coding = await codingApi();
    const doc = await openTranscript(FILE);
    await vscode.window.showTextDocument(doc);
    const uri = doc.uri.toString();
    const text = doc.getText();
    const got = await waitFor('tints', async () => {
      await coding.refreshDecorations();
      const d = coding.decorations(uri);
      return d && d.spans.length > 0 ? d : undefined;
    });
    // Every coded span of the file (the example's codes all have a colour up their tree; it has no escaped braces).
    const count = (text.match(/\{\{/g) ?? []).length;
    assert.equal(got.spans.length, count);
    for (const s of got.spans) {
      const start = doc.offsetAt(s.range.start);
      const end = doc.offsetAt(s.range.end);
      assert.match(text.slice(Math.max(0, start - 40), start), /\{\{(\^[\p{L}\p{N}_.-]+ )?$/u, 'a tint starts after an opener');
      const blocks = /^\}\}((?:\{[^{}\n]*\})+)/.exec(text.slice(end));
      assert.ok(blocks, `a tint ends before a closer: ${JSON.stringify(text.slice(end, end + 20))}`);
      const first = /#([\p{L}\p{N}][\p{L}\p{N}_.-]*)/u.exec(blocks[1].replace(/"(?:[^"\\]|\\.)*"/g, ''))![1];
      assert.equal(s.codes[0], first);
      assert.equal(s.color, expectedColor(first), `colour of #${first}`);
    }
    assert.deepEqual(got.dimmed, [], 'markup is not dimmed by default');
    assert.equal(got.markup.length, 2 * count);

    const config = vscode.workspace.getConfiguration('axial', doc.uri);
    await config.update('dimMarkup', true, vscode.ConfigurationTarget.Workspace);
    try {
      const dimmed = await waitFor('dimmed markup', () => {
        const d = coding.decorations(uri);
        return d && d.dimmed.length > 0 ? d : undefined;
      });
      assert.equal(dimmed.dimmed.length, 2 * count);
      assert.equal(doc.getText(dimmed.dimmed[0]), '{{');
      assert.ok(/^\}\}\{/.test(doc.getText(dimmed.dimmed[1])), doc.getText(dimmed.dimmed[1]));
    } finally {
      await config.update('dimMarkup', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('markup no longer dimmed', () => coding.decorations(uri)?.dimmed.length === 0);
  });

  test('tints follow an edit: a newly coded span is tinted', async () => {
    const coding = await codingApi();
    const doc = await openTranscript(FILE);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    try {
      const at = offsetOf(original, 'Comfortable.');
      select(editor, at, at + 'Comfortable.'.length);
      assert.ok((await vscode.commands.executeCommand<RefactorCommandResult>('axial.codeSelection', { codes: ['therapist-as-expert'] }))?.applied);
      const tint = await waitFor('a tint on the new span', () =>
        coding.decorations(doc.uri.toString())?.spans.find((s) => doc.getText(s.range) === 'Comfortable.' && s.codes[0] === 'therapist-as-expert'),
      );
      assert.equal(tint.color, expectedColor('therapist-as-expert'));
    } finally {
      await restore(doc, original);
    }
  });

  test('Move Code with its arguments sets the parent in codebook.yaml; moving back restores it', async () => {
    const cbUri = projectFile('codebook.yaml');
    const doc = await vscode.workspace.openTextDocument(cbUri);
    const original = doc.getText();
    try {
      const entries = codebookEntries();
      const [id, code] = [...entries].find(([, c]) => c.kind !== 'category' && c.parent)!;
      const target = [...entries].find(([other, c]) => c.kind === 'category' && other !== code.parent)![0];
      const moved = await vscode.commands.executeCommand<RefactorCommandResult>('axial.moveCode', { uri: cbUri.toString(), id, parent: target });
      assert.ok(moved?.applied, moved?.error);
      assert.match(moved.summary ?? '', new RegExp(`Moved '${id}' under '${target}'`));
      const entry = new RegExp(`\\n  ${id}:\\n    parent: ${target}\\n`);
      assert.match(doc.getText(), entry);
      assert.equal(doc.getText().replace(entry, `\n  ${id}:\n    parent: ${code.parent}\n`), original);
      const back = await vscode.commands.executeCommand<RefactorCommandResult>('axial.moveCode', { uri: cbUri.toString(), id, parent: code.parent });
      assert.ok(back?.applied, back?.error);
      assert.equal(doc.getText(), original);
    } finally {
      await restore(doc, original);
    }
  });

  test('Merge Codes with its arguments retags every transcript and deprecates the merged code; everything is put back', async () => {
    const names = transcriptNames();
    const originals = new Map(names.map((n) => [n, readProjectFile('transcripts', n)]));
    const cbOriginal = readProjectFile('codebook.yaml');
    const from = 'professional-distance';
    const to = 'therapist-as-expert';
    const users = names.filter((n) => originals.get(n)!.includes(`#${from}`));
    assert.ok(users.length > 0, `no transcript uses #${from}`);
    try {
      const result = await vscode.commands.executeCommand<RefactorCommandResult>('axial.mergeCode', { uri: projectFile('codebook.yaml').toString(), from, to, mode: 'deprecate' });
      assert.ok(result?.applied, result?.error);
      const cb = await vscode.workspace.openTextDocument(projectFile('codebook.yaml'));
      // The merged code's entry: from its key to the next top-level code key.
      const text = cb.getText();
      const start = text.indexOf(`\n  ${from}:\n`);
      assert.ok(start >= 0, `${from} was removed instead of deprecated`);
      const next = text.slice(start + 1).search(/\n {2}[^\s#]/);
      const entry = text.slice(start, next < 0 ? undefined : start + 1 + next);
      assert.match(entry, /\n {4}status: deprecated\n/);
      assert.match(entry, new RegExp(`\\n {4}replaced_by: ${to}\\n`));
      for (const n of users) {
        const doc = await vscode.workspace.openTextDocument(projectFile('transcripts', n));
        assert.ok(!doc.getText().includes(`#${from}`), `#${from} left in ${n}`);
        assert.equal(stripped(doc.getText()), stripped(originals.get(n)!), n);
      }
    } finally {
      for (const n of names) await restore(await vscode.workspace.openTextDocument(projectFile('transcripts', n)), originals.get(n)!);
      await restore(await vscode.workspace.openTextDocument(projectFile('codebook.yaml')), cbOriginal);
    }
  });
});
