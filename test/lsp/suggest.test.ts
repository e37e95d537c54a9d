import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex, parseTranscript } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { scanned } from './lifecycle';

/**
 * Code suggestions through the real bundled server, on a copy of the example
 * project: "Suggest: …" code actions on a selection and on the speaker turn under
 * the cursor, and applying one.
 */
describe('code suggestions over stdio', function () {
  let dir: string;
  let client: LspClient;
  let file: string;

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'examples', 'therapeutic-relationship'));
    file = path.join(dir, 'transcripts', 'case-c-patient.md');
    client = new LspClient(dir);
    await client.start();
    // A status may come before the scan ends (it says indexing then): wait for the scan itself.
    await scanned(client);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  async function actionsFor(text: string, start: number, end: number, only?: string[]): Promise<CodeAction[]> {
    const lines = new LineIndex(text);
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: lines.range({ start, end }),
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
  }

  it('announces refactor.rewrite code actions', async () => {
    const other = new LspClient(dir);
    const result = (await other.start()) as { capabilities: { codeActionProvider: { codeActionKinds: string[] } } };
    await other.stop();
    assert.ok(result.capabilities.codeActionProvider.codeActionKinds.includes('refactor.rewrite'));
  });

  it('on a selection: top 3 "Suggest: <name> (<id>)" actions with reasons; applying one wraps the selection, and only coding changes', async () => {
    // Add an uncoded answer to the transcript and select a passage of it.
    const original = readFileSync(file, 'utf8');
    const sentence = 'She used to send me emails to ask how I was doing.';
    const text = original + `I: Anything else?\nP: Well, ${sentence} That helped.\n`;
    client.open(file, text);
    await client.waitFor('status', () => client.statuses.length > 0);
    const start = text.indexOf(sentence);
    const actions = await actionsFor(text, start, start + sentence.length);
    const suggestions = actions.filter((a) => a.title.startsWith('Suggest: '));
    assert.ok(suggestions.length > 0 && suggestions.length <= 3, JSON.stringify(actions.map((a) => a.title)));
    for (const a of suggestions) {
      assert.equal(a.kind, 'refactor.rewrite.axial.suggest');
      assert.match(a.title, /^Suggest: .+ \([a-z-]+\) — matches .+/);
    }
    const top = suggestions[0];
    assert.match(top.title, /^Suggest: Contact outside the session \(contact-outside-session\) — /);
    assert.match(top.title, /“emails”/);
    const data = top.data as { id: string; nearest?: { path: string; line: number } };
    assert.equal(data.id, 'contact-outside-session');
    assert.match(`${data.nearest?.path}:${data.nearest?.line}`, /^transcripts\/case-c-patient\.md:\d+$/);

    const after = applyText(text, top.edit!.changes![uriOf(file)]);
    assert.ok(after.endsWith(`P: Well, {{${sentence}}}{#contact-outside-session} That helped.\n`), after.slice(-200));
    assert.equal(parseTranscript(after).stripped.text, parseTranscript(text).stripped.text);
    // The edited file is valid: after the change is indexed (a new status), it has no diagnostics.
    const statuses = client.statuses.length;
    client.change(file, 2, after);
    await client.waitFor('status after the change', () => client.statuses.length > statuses);
    assert.deepEqual(client.diagnostics.get(uriOf(file)) ?? [], []);
    assert.deepEqual(parseTranscript(after).diagnostics, []);
  });

  it('with the cursor in a speaker turn: suggestions wrap the turn after "P: "; `only: quickfix` leaves them out', async () => {
    const text = readFileSync(file, 'utf8') + 'P: I could call her whenever I needed, even at night.\n';
    client.open(file, text);
    await client.waitFor('status', () => client.statuses.length > 0);
    const at = text.indexOf('whenever');
    const actions = (await actionsFor(text, at, at)).filter((a) => a.title.startsWith('Suggest: '));
    assert.ok(actions.length > 0);
    const after = applyText(text, actions[0].edit!.changes![uriOf(file)]);
    const id = (actions[0].data as { id: string }).id;
    assert.ok(after.endsWith(`P: {{I could call her whenever I needed, even at night.}}{#${id}}\n`), after.slice(-120));
    assert.equal(parseTranscript(after).stripped.text, parseTranscript(text).stripped.text);
    assert.deepEqual(await actionsFor(text, at, at, ['quickfix']), []);
  });
});

/** Applies LSP text edits (UTF-16 positions) to a text. */
function applyText(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
