import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProjectIndex } from '../../core';
import { publishedDiagnostics } from '../../server/diagnosticsPublisher';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Typing in a long transcript over stdio, as an editor sends it: incremental
 * changes, sometimes several in one notification, openers typed and deleted far
 * from each other, CRLF and lone-CR lines. The server keeps the document as the
 * editor's pieces and re-parses through them (server/pieceDocument.ts,
 * core/text/pieceText.ts); after every change its diagnostics must be those of the
 * whole text parsed and checked from scratch, at the same positions.
 */
describe('language server: typing in a long transcript', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('status', () => client.statuses.length > 0);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('after every change, the diagnostics of a full parse', async () => {
    const file = path.join(dir, 'transcripts', 'long.md');
    const lines: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const eol = i % 97 === 0 ? '\r\n' : i % 89 === 0 ? '\r' : '\n';
      lines.push((i % 2 ? `P: and then {{we talked ${i}}}{#trust @CA} about it` : `I: so what happened ${i} {{next}}{#nope}`) + eol);
    }
    let doc = TextDocument.create(uriOf(file), 'axial-transcript', 1, lines.join(''));
    const index = new ProjectIndex();
    index.setFile(uriOf(path.join(dir, 'codebook.yaml')), readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'));
    const expected = (): Diagnostic[] => {
      index.setFile(uriOf(file), doc.getText());
      const entry = index.entry(uriOf(file))!;
      // As they come over the wire (JSON drops undefined fields).
      return JSON.parse(JSON.stringify(publishedDiagnostics(entry.diagnostics, entry.transcript.lines)));
    };
    client.open(file, doc.getText());
    await client.waitForDiagnostics(file, (ds) => isDeepStrictEqual(ds, expected()));

    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let version = 2; version < 60; version++) {
      const changes = [];
      for (let k = 0, n = 1 + random(3); k < n; k++) {
        const line = random(doc.lineCount);
        const character = random(20);
        const kind = random(5);
        const start = { line, character };
        const change =
          kind === 0
            ? { range: { start, end: { line, character: character + 2 } }, text: '' }
            : kind === 1
              ? { range: { start, end: { line: Math.min(line + 2, doc.lineCount), character: 1 } }, text: '}}{#trust}\n' }
              : { range: { start, end: start }, text: kind === 2 ? '{{' : kind === 3 ? '{{^a ' : '\r\nP: x' };
        // Each change applies to the text the previous ones left, as the protocol says.
        doc = TextDocument.update(doc, [change], version);
        changes.push(change);
      }
      void client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: changes });
      const want = expected();
      const got = await client.waitForDiagnostics(file, (ds) => isDeepStrictEqual(ds, want), 20_000);
      assert.deepStrictEqual(got, want);
    }
    // The server's copy of the text answers requests at the right places too.
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf(file) } });
    assert.ok(symbols.length > 0);
  });
});
