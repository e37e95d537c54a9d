import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompletionItem, CompletionList, MarkupContent, Range } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { scanned } from './lifecycle';

/** The completion capabilities of VS Code's client that change what the server answers. */
const VSCODE_LIKE = {
  textDocument: {
    completion: {
      completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
  },
};

/**
 * Completion over stdio, as each kind of client takes it: a client that takes list
 * defaults and resolves documentation (VS Code) gets one range for the list and
 * each code's definition on completionItem/resolve; a client that takes neither
 * (Neovim 0.7's) gets every item whole. Both answers say the same, and both follow
 * the codebook when it changes (the items are built once per codebook).
 */
describe('completion answers as lean as the client takes them', function () {
  let dir: string;
  let client: LspClient | undefined;
  let patient: string;
  let codebook: string;
  let text: string;

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    patient = path.join(dir, 'transcripts', 'patient.md');
    codebook = path.join(dir, 'codebook.yaml');
    text = readFileSync(patient, 'utf8').replace('{#expertise}', '{#exp}');
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    cleanup(dir);
  });

  /** Position of `needle` in the transcript, plus `delta` characters. */
  function posOf(needle: string, delta = 0) {
    const before = text.slice(0, text.indexOf(needle) + delta);
    return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
  }
  const afterExp = () => posOf('{#exp}', 5);
  const definitionOf = (id: string) => new RegExp(`\\n  ${id}:\\n(?:    .*\\n)*?    definition: (.*)\\n`).exec(readFileSync(codebook, 'utf8'))![1];

  async function started(capabilities?: Record<string, unknown>): Promise<LspClient> {
    const c = (client = new LspClient(dir));
    await c.start({ capabilities });
    await scanned(c);
    c.open(patient, text);
    await c.waitForDiagnostics(patient, () => true);
    return c;
  }

  it('a client that takes list defaults: one edit range for the list, definitions on resolve', async () => {
    const c = await started(VSCODE_LIKE);
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: afterExp() });
    assert.ok(!Array.isArray(list), 'a list, to carry the defaults');
    assert.equal(list.isIncomplete, false);
    const range = list.itemDefaults!.editRange as Range;
    assert.deepEqual(range, { start: posOf('{#exp}', 2), end: afterExp() }, 'the range replaces what was typed after #');
    assert.equal(typeof list.itemDefaults!.data, 'number', 'the project, for resolve');

    const byLabel = new Map(list.items.map((i) => [i.label, i]));
    assert.deepEqual([...byLabel.keys()].sort(), ['confianza → trust', 'expertise', 'old-trust', 'trust']);
    for (const item of list.items) {
      assert.equal(item.textEdit, undefined, `${item.label}: no range of its own`);
      assert.equal(item.documentation, undefined, `${item.label}: the definition waits for resolve`);
    }
    assert.equal(byLabel.get('trust')!.textEditText, undefined, 'a code inserts its label');
    assert.equal(byLabel.get('confianza → trust')!.textEditText, 'trust', 'an alias inserts the code');
    assert.deepEqual(byLabel.get('old-trust')!.tags, [1]);
    assert.equal(byLabel.get('trust')!.detail, 'Trust');

    // Resolve gets the item as the client has it: the list's data merged in.
    const resolve = (label: string) => c.request<CompletionItem>('completionItem/resolve', { ...byLabel.get(label)!, data: list.itemDefaults!.data });
    const trust = await resolve('trust');
    assert.deepEqual(trust.documentation, { kind: 'markdown', value: definitionOf('trust') });
    assert.equal(trust.label, 'trust');
    assert.deepEqual((await resolve('confianza → trust')).documentation, { kind: 'markdown', value: definitionOf('trust') }, "an alias shows its code's definition");
    assert.equal((await resolve('old-trust')).documentation, undefined, 'a code without a definition has none');

  });

  it('a client that takes list defaults: the same items at every place (written from kept JSON), each answer with its own range', async () => {
    const c = await started(VSCODE_LIKE);
    const at = (delta: number) => c.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: posOf('{#exp}', delta) });
    const [whole, part, again] = [await at(5), await at(3), await at(5)];
    assert.deepEqual(whole.itemDefaults!.editRange, { start: posOf('{#exp}', 2), end: posOf('{#exp}', 5) });
    assert.deepEqual(part.itemDefaults!.editRange, { start: posOf('{#exp}', 2), end: posOf('{#exp}', 3) });
    assert.deepEqual(part.items, whole.items);
    assert.deepEqual(again, whole);
  });

  it('a client that takes whole items: each with its edit and its definition', async () => {
    const c = await started();
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: afterExp() });
    assert.ok(Array.isArray(items));
    const byLabel = new Map(items.map((i) => [i.label, i]));
    const range = { start: posOf('{#exp}', 2), end: afterExp() };
    assert.deepEqual(byLabel.get('expertise')!.textEdit, { range, newText: 'expertise' });
    assert.deepEqual(byLabel.get('confianza → trust')!.textEdit, { range, newText: 'trust' });
    for (const item of items) assert.deepEqual(item.textEdit, { range, newText: item.label.replace(/^.* → /, '') }, item.label);
    assert.equal(byLabel.get('confianza → trust')!.textEditText, undefined, 'the edit says what is inserted');
    assert.equal((byLabel.get('trust')!.documentation as MarkupContent).value, definitionOf('trust'));
    assert.equal(byLabel.get('old-trust')!.documentation, undefined);
    // The same items at another place, each with that place's range.
    const part = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: posOf('{#exp}', 3) });
    const partRange = { start: posOf('{#exp}', 2), end: posOf('{#exp}', 3) };
    assert.deepEqual(part, items.map((i) => ({ ...i, textEdit: { ...(i.textEdit as { newText: string }), range: partRange } })));
    // Resolve changes nothing on a whole item.
    assert.deepEqual(await c.request<CompletionItem>('completionItem/resolve', byLabel.get('trust')), byLabel.get('trust'));
  });

  for (const [kind, capabilities] of [
    ['list defaults', VSCODE_LIKE],
    ['whole items', undefined],
  ] as const) {
    it(`follows the codebook when it changes (${kind})`, async () => {
      const c = await started(capabilities);
      const labels = async () => {
        const r = await c.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: afterExp() });
        return (Array.isArray(r) ? r : r.items).map((i) => i.label).sort();
      };
      const before = await labels();
      assert.deepEqual(await labels(), before, 'the same answer twice');
      const cb = readFileSync(codebook, 'utf8');
      c.open(codebook, cb.replace('  expertise:\n', '  empathy:\n    parent: meeting\n    name: Empathy\n    definition: Feeling understood.\n  expertise:\n'), 'yaml');
      // The codebook's didOpen reaches the server before the next request, on the same pipe.
      const after = await labels();
      assert.deepEqual(after, [...before, 'empathy'].sort(), 'the new code is offered');
      if (capabilities) {
        const r = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf(patient) }, position: afterExp() });
        const empathy = await c.request<CompletionItem>('completionItem/resolve', { ...r.items.find((i) => i.label === 'empathy'), data: r.itemDefaults!.data });
        assert.deepEqual(empathy.documentation, { kind: 'markdown', value: 'Feeling understood.' });
      }
    });
  }
});
