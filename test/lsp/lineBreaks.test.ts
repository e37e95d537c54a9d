import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, DocumentSymbol } from 'vscode-languageserver-protocol';
import { parseTranscript } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * A lone CR is a line break in LSP: the real server must place diagnostics and
 * quick-fix edits on the lines a client counts, so a fix for the markup never
 * lands in the spoken text.
 */
describe('language server: lone CR line breaks', function () {
  let dir: string;
  let client: LspClient;

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    client = new LspClient(dir);
    await client.start();
    // The status comes once the project on disk is read: fixes then know its codes.
    await client.waitFor('status', () => client.statuses.length > 0);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('the diagnostic after a lone CR is on line 1, and every quick fix keeps the spoken text', async () => {
    const file = path.join(dir, 'transcripts', 'cr.md');
    const text = 'I: Did you trust her?\rP: {{Yes, I did}} a lot.\n';
    client.open(file, text);
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.length === 1);
    assert.equal(d.code, 'span.closer-without-block');
    assert.deepEqual(d.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 17 } });

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.ok(actions.length > 0, 'a fix is offered');
    const before = parseTranscript(text).stripped.text;
    for (const a of actions) {
      const edits = a.edit!.changes![uriOf(file)];
      const after = TextDocument.applyEdits(TextDocument.create(uriOf(file), 'axial-transcript', 1, text), edits);
      assert.equal(parseTranscript(after).stripped.text, before, `${a.title}: ${JSON.stringify(after)}`);
      assert.ok(after.startsWith('I: Did you trust her?\rP: {{Yes, I did}}{#'), `${a.title}: ${JSON.stringify(after)}`);
    }
  });

  it('the outline starts a speaker turn after a lone CR', async () => {
    const file = path.join(dir, 'transcripts', 'turns.md');
    client.open(file, 'I: Did you trust her?\rP: {{Yes.}}{#nope}\rI: Why?\r');
    await client.waitForDiagnostics(file, (ds) => ds.length === 1);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(file) } });
    assert.deepEqual(
      symbols.map((s) => s.range.start.line),
      [0, 1, 2],
    );
  });
});
