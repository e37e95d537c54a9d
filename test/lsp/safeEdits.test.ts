import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem } from 'vscode-languageserver-protocol';
import { parseTranscript } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Over the wire: a codebook id that cannot be written as a tag (here one with a
 * line break) is never offered, and every offered edit keeps the spoken text.
 */
describe('language server: offered edits keep the spoken text', function () {
  let dir: string;
  let client: LspClient;

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ncodes:\n  trust: {}\n  "trust\\nzz": {}\n');
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('status', () => client.statuses.length > 0);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it("the reported case: no fix writes 'trust\\nzz' into the tag; every action keeps the stripped text", async () => {
    const file = path.join(dir, 'transcripts', 'a.md');
    const text = 'P: {{I trusted her}}{#trustzz} a lot.\n';
    client.open(file, text);
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.some((x) => x.code === 'code.unknown'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(file) },
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [d] },
    });
    assert.ok(actions.some((a) => a.title === "Change to 'trust'"), actions.map((a) => a.title).join(' | '));
    const before = parseTranscript(text).stripped.text;
    for (const a of actions) {
      assert.ok(!a.title.includes('\n'), a.title);
      const edits = a.edit?.changes?.[uriOf(file)];
      if (!edits) continue;
      const after = TextDocument.applyEdits(TextDocument.create(uriOf(file), 'axial-transcript', 1, text), edits);
      assert.equal(parseTranscript(after).stripped.text, before, `${a.title}: ${JSON.stringify(after)}`);
    }
  });

  it('completion after # offers no invalid id', async () => {
    const file = path.join(dir, 'transcripts', 'b.md');
    const text = 'P: {{I trusted her}}{#tru';
    client.open(file, text);
    await client.waitForDiagnostics(file, (ds) => ds.length > 0);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: uriOf(file) },
      position: { line: 0, character: text.length },
    });
    assert.deepEqual(items.map((i) => i.label), ['trust']);
  });
});
