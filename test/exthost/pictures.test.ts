/**
 * The pictures in a real VS Code: each command opens its webview, whose script (under
 * the strict CSP) draws every node or cell and reports them; a click on a node or
 * cell lists its quotes, and a click on a quote opens the transcript with the span
 * selected; each picture exports as an SVG file that parses; a picture follows an
 * edit. Expected values come from the files (the `yaml` package, regular
 * expressions), not from Axial.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PicturesApi } from '../../client/pictures/panel';
import { all, parseXml } from '../unit/analysis/xml';
import {
  activateAxial,
  axialReady,
  codebookEntries,
  offsetOf,
  projectFile,
  readProjectFile,
  replaceRange,
  restore,
  spanEndsCodedWith,
  transcriptNames,
  waitFor,
} from './helpers';

type Kind = 'model' | 'cooccurrence' | 'matrix';
const COMMANDS: Record<Kind, string> = {
  model: 'axial.showAxialModel',
  cooccurrence: 'axial.showCooccurrence',
  matrix: 'axial.showCaseMatrix',
};

let pictures: PicturesApi;

/** Spans coded with `id`, per case (front matter `case`), counted in the files. */
function spansByCase(id: string): Map<string, number> {
  const byCase = new Map<string, number>();
  for (const name of transcriptNames()) {
    const text = readProjectFile('transcripts', name);
    const n = spanEndsCodedWith(text, id).length;
    const c = /^case:\s*(.+)$/m.exec(text)![1].trim();
    byCase.set(c, (byCase.get(c) ?? 0) + n);
  }
  return byCase;
}

function used(id: string): boolean {
  return [...spansByCase(id).values()].some((n) => n > 0);
}

/** The codes the pictures show: all of codebook.yaml but deprecated codes nobody uses. */
function shownCodes(): { id: string; kind: string }[] {
  return [...codebookEntries().entries()]
    .filter(([id, c]) => c.status !== 'deprecated' || used(id))
    .map(([id, c]) => ({ id, kind: c.kind ?? 'code' }));
}

async function open(kind: Kind): Promise<void> {
  await vscode.commands.executeCommand(COMMANDS[kind]);
  await waitFor(`the ${kind} webview to draw`, () => pictures.state(kind)?.ready, undefined, () => JSON.stringify({ ...pictures.state(kind), html: undefined, svg: undefined }));
}

/** Clicks an element of the picture in its webview and returns what the webview listed. */
async function click(kind: Kind, key: string): Promise<{ key: string; quotes: number }> {
  const selected = pictures.nextMessage(kind, 'select');
  const clicked = pictures.nextMessage(kind, 'clicked');
  assert.ok(await pictures.post(kind, { type: 'click', key }), 'the webview takes the message');
  assert.equal((await clicked).found, true, `the webview has an element ${key}`);
  return (await selected) as { key: string; quotes: number };
}

function webviewTabs(kind: Kind): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(`axial.picture.${kind}`));
}

suite('pictures', () => {
  suiteSetup(async () => {
    await axialReady();
    pictures = ((await activateAxial()) as unknown as { pictures: PicturesApi }).pictures;
    assert.ok(pictures, 'activate() returns the pictures API');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Axial Model opens a webview that draws every category and code, under a strict CSP', async () => {
    await open('model');
    const state = pictures.state('model')!;
    assert.equal(webviewTabs('model').length, 1, 'one webview tab');
    assert.equal(state.elements, shownCodes().length, 'one clickable element per category and code');
    assert.deepEqual(state.keys.sort(), shownCodes().map((c) => `node:${c.id}`).sort());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(state.html)?.[1];
    assert.ok(csp && csp.startsWith("default-src 'none';") && !csp.includes('unsafe'), `strict CSP: ${csp}`);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
    assert.ok(state.html.includes(`<script nonce="${nonce}">`), 'the script carries the nonce');
    assert.ok(state.html.includes('var(--vscode-editor-foreground)'), 'colours come from the theme');
    assert.ok(!/\b(src|href)="https?:/.test(state.html), 'no remote content');

    // Showing it again reuses the panel.
    await vscode.commands.executeCommand(COMMANDS.model);
    assert.equal(webviewTabs('model').length, 1);
  });

  test('clicking a code lists its quotes; clicking a quote opens the transcript with the span selected', async () => {
    await open('model');
    const id = 'relational-trust';
    const expected = [...spansByCase(id).values()].reduce((a, b) => a + b, 0);
    const listed = await click('model', `node:${id}`);
    assert.deepEqual(listed, { type: 'select', key: `node:${id}`, quotes: expected } as unknown as typeof listed);

    const before = vscode.window.activeTextEditor;
    const clicked = pictures.nextMessage('model', 'clicked');
    await pictures.post('model', { type: 'click', selector: 'a.quote' });
    assert.equal((await clicked).found, true, 'the list has a quote to click');
    const editor = await waitFor('the transcript to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e !== before && e.document.uri.fsPath.includes(`${path.sep}transcripts${path.sep}`) ? e : undefined;
    });
    const selected = editor.document.getText(editor.selection);
    assert.ok(selected.startsWith('{{') && /\}\}(\{[^{}]*\})+$/.test(selected), `the whole span is selected: ${selected}`);
    assert.ok(selected.includes(`#${id}`), `the span is coded ${id}: ${selected}`);
  });

  test('Show Code Co-occurrence draws one cell per pair of codes; a cell lists the quotes of both codes', async () => {
    await open('cooccurrence');
    const codes = shownCodes().filter((c) => c.kind !== 'category');
    assert.equal(pictures.state('cooccurrence')!.elements, codes.length ** 2);
    // case-c-patient: "Building trust, I think" carries relational-trust and trust-as-key-factor.
    const listed = await click('cooccurrence', 'cell:relational-trust|trust-as-key-factor');
    assert.ok(listed.quotes >= 2, `the cell lists the spans of both codes (${listed.quotes})`);
    const diagonal = await click('cooccurrence', 'cell:opening-up|opening-up');
    assert.equal(diagonal.quotes, [...spansByCase('opening-up').values()].reduce((a, b) => a + b, 0));
  });

  test('Show Code × Case Matrix draws a cell per node and case; a cell lists that case\'s quotes', async () => {
    await open('matrix');
    const nodes = shownCodes();
    const cases = new Set(transcriptNames().map((n) => /^case:\s*(.+)$/m.exec(readProjectFile('transcripts', n))![1].trim()));
    assert.equal(pictures.state('matrix')!.elements, nodes.length * (cases.size + 1) + cases.size + 1);
    for (const [c, n] of spansByCase('relational-trust')) {
      assert.equal((await click('matrix', `cell:relational-trust|case:${c}`)).quotes, n, `relational-trust in case ${c}`);
    }
  });

  test('each picture exports as an SVG file that parses, with concrete colours', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-pictures-'));
    try {
      for (const kind of ['model', 'cooccurrence', 'matrix'] as Kind[]) {
        await open(kind);
        const file = path.join(dir, `${kind}.svg`);
        const written = await vscode.commands.executeCommand<string>('axial.exportPicture', { kind, path: file });
        assert.equal(written, file);
        assert.ok(fs.existsSync(file), `${file} exists`);
        const text = fs.readFileSync(file, 'utf8');
        const svg = parseXml(text);
        assert.equal(svg.name, 'svg');
        assert.ok(!text.includes('var(--'), 'no theme variables in an export');
        assert.equal(all(svg).filter((e) => e.name === 'style').length, 1);
        const keys = all(svg).filter((e) => e.attrs['data-key'] !== undefined).map((e) => e.attrs['data-key']);
        const drawn = new Set(pictures.state(kind)!.keys);
        // An export keeps every element of the axial model; the grids leave their empty cells
        // unkeyed (drawn as one background), so an export grows with what it shows.
        if (kind === 'model') assert.equal(keys.length, pictures.state(kind)!.elements, `${kind}: the export has the elements the webview drew`);
        else assert.ok(keys.length > 0 && keys.length <= drawn.size, `${kind}: ${keys.length} keyed elements of ${drawn.size}`);
        for (const k of keys) assert.ok(drawn.has(k), `${kind}: exported element ${k} is one the webview drew`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Filter Pictures by Coder keeps only that coder\'s codings in every picture', async () => {
    await open('model');
    const count = () => Number(/aria-label="Relational trust: (\d+) quotes?/.exec(pictures.state('model')!.svg)?.[1] ?? 0);
    const all = count();
    // Blocks tagged @LN carrying relational-trust, counted in the files.
    const byLn = transcriptNames().reduce((n, name) => n + (readProjectFile('transcripts', name).match(/\{(?=[^{}]*#relational-trust\b)(?=[^{}]*@LN\b)[^{}]*\}/g)?.length ?? 0), 0);
    assert.ok(byLn > 0 && byLn < all, `LN coded some relational-trust spans (${byLn} of ${all})`);
    try {
      assert.deepEqual(await vscode.commands.executeCommand('axial.filterPicturesByCoder', { coders: ['LN'] }), ['LN']);
      await waitFor('the model to count LN\'s codings only', () => count() === byLn, undefined, () => `${count()} quotes`);
      assert.deepEqual(pictures.state('model')!.coders, ['LN']);
    } finally {
      await vscode.commands.executeCommand('axial.filterPicturesByCoder', { coders: [] });
    }
    await waitFor('the model to count every coder again', () => count() === all, undefined, () => `${count()} quotes`);
  });

  test('a picture follows an edit of a transcript', async () => {
    await open('model');
    const id = 'relational-trust';
    const count = () => /aria-label="Relational trust: (\d+) quotes?/.exec(pictures.state('model')!.svg)?.[1];
    const before = Number(count());
    // Opened but not shown, so the picture stays visible (a hidden picture refreshes when shown again).
    const doc = await vscode.workspace.openTextDocument(projectFile('transcripts', 'case-c-patient.md'));
    const original = doc.getText();
    try {
      const at = offsetOf(original, '{#opening-up @LN "Opening up is hard');
      await replaceRange(doc, at + 1, at + '{#opening-up'.length, `#opening-up #${id}`);
      await waitFor('the model to count the new tag', () => Number(count()) === before + 1, undefined, () => `${count()} quotes`);
    } finally {
      await restore(doc, original);
    }
    await waitFor('the model to count as before', () => Number(count()) === before, undefined, () => `${count()} quotes`);
  });
});
