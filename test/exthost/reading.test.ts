/**
 * The reading view in a real VS Code, on the runner's copy of the example: the
 * toggle hides exactly the markup the server reports (and nothing of the words),
 * draws margin stripes on every line of a coded span, puts a lens with the codes
 * above each span whose menu removes a code, remembers the mode per file, and
 * hovering coded text (not a tag) shows the span's codes and coders. Expected
 * values come from the files.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CodingApi } from '../../client/coding';
import { axialReady, hoverText, offsetOf, openTranscript, restore, waitFor } from './helpers';

const FILE = 'case-c-patient.md';
let coding: CodingApi;

/** The text with its markup removed the way FORMAT.md strips it (enough for the example: no escapes). */
function strip(text: string): string {
  return text.replace(/\{\{(\^[\p{L}\p{N}_.-]+ )?/gu, '').replace(/\}\}(\{[^{}]*\})+/g, '');
}

suite('the reading view', () => {
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    const api = (await axialReady()) as unknown as { coding: CodingApi };
    coding = api.coding;
    doc = await openTranscript(FILE);
    original = doc.getText();
  });

  suiteTeardown(async () => {
    await coding.reading.toggle({ uri: doc.uri.toString(), on: false });
    await restore(doc, original);
  });

  test('hides the markup and nothing else, and draws stripes on the lines of coded spans', async () => {
    const uri = doc.uri.toString();
    assert.equal(await coding.reading.toggle({ uri, on: true }), true);
    const applied = await waitFor('the markup to be hidden', () => {
      const d = coding.decorations(uri);
      return d && d.hidden.length > 0 && d.version === doc.version ? d : undefined;
    });
    assert.equal(applied.hidden.length, applied.markup.length);
    assert.deepEqual(applied.dimmed, []);
    // What stays visible is the stripped body: remove the hidden ranges from the text.
    const text = doc.getText();
    const offsets = applied.hidden.map((r) => [doc.offsetAt(r.start), doc.offsetAt(r.end)] as const).sort((a, b) => a[0] - b[0]);
    let visible = '';
    let at = 0;
    for (const [s, e] of offsets) {
      if (s > at) visible += text.slice(at, s);
      at = Math.max(at, e);
    }
    visible += text.slice(at);
    assert.equal(visible, strip(text));
    // Every line of every coded span has a stripe; lines outside spans have none.
    const striped = new Set(applied.stripes.map((s) => s.line));
    for (const s of applied.spans) for (let l = s.range.start.line; l <= s.range.end.line; l++) assert.ok(striped.has(l), `line ${l + 1} has no stripe`);
    assert.ok(applied.stripes.every((s) => s.colors.length >= 1 && s.colors.length <= 4));
    assert.equal(coding.reading.statusText(), '$(book) Reading');
  });

  test('puts a lens with the codes above each coded span', async () => {
    const lenses = await waitFor('the lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return l && l.length > 0 ? l : undefined;
    });
    const spans = coding.decorations(doc.uri.toString())!.spans;
    assert.equal(lenses.length, spans.length);
    const first = lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    assert.ok(first.command?.title.includes(spans.sort((a, b) => a.range.start.compareTo(b.range.start))[0].codes[0]), first.command?.title);
  });

  test("the span menu lists each code with its coder and removes one, leaving the words", async () => {
    const text = doc.getText();
    // A span with two coders' blocks: `}}{#… @CA}{#… @LN}` or the like.
    const m = /\}\}\{#([\p{L}\p{N}_.-]+)[^}]*@([A-Z]+)\}\{[^}]*@([A-Z]+)\}/u.exec(text);
    assert.ok(m, 'the example has a span coded by two coders');
    const closer = m.index;
    const opener = text.lastIndexOf('{{', closer);
    const items = await coding.reading.spanMenu(doc.uri.toString(), doc.positionAt(opener + 3));
    assert.ok(items);
    const remove = items.find((i) => i.label.includes(`Remove #${m[1]}`) && i.description === `@${m[2]}`);
    assert.ok(remove, items.map((i) => `${i.label} ${i.description ?? ''}`).join('; '));
    assert.ok(items.some((i) => i.label.includes('Add Code')));
    const before = strip(text);
    await vscode.commands.executeCommand(remove.command!, remove.args);
    await waitFor('the code to be removed', () => doc.getText() !== text || undefined);
    assert.equal(strip(doc.getText()), before);
    await restore(doc, original);
  });

  test('hovering coded text shows the span\'s codes and coders', async () => {
    const text = doc.getText();
    const m = /\{\{([^{}^]{12,}?)\}\}\{#([\p{L}\p{N}_.-]+)/u.exec(text)!;
    const inside = doc.positionAt(m.index + 2 + Math.floor(m[1].length / 2));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, inside);
    const shown = hoverText(hovers);
    assert.match(shown, /Coded/);
    assert.ok(shown.includes(m[2]), shown);
  });

  test('the mode is per file, and turning it off shows the markup again', async () => {
    const other = await openTranscript('case-b-patient.md');
    assert.equal(coding.reading.isOn(other.uri.toString()), false);
    assert.equal(coding.reading.statusText(), '$(symbol-namespace) Markup');
    await vscode.window.showTextDocument(doc);
    assert.equal(coding.reading.isOn(doc.uri.toString()), true);
    await coding.reading.toggle({ uri: doc.uri.toString(), on: false });
    await waitFor('the markup to show again', () => coding.decorations(doc.uri.toString())?.hidden.length === 0 || undefined);
    assert.equal(offsetOf(doc.getText(), '{{') >= 0, true);
  });
});
