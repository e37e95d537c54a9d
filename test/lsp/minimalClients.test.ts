import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Clients that say little in initialize: no capabilities, no workspace folders;
 * the project's root given only as rootUri, or only as the older rootPath (still
 * in the LSP specification, and all some clients send).
 */
describe('language server: minimal clients', function () {
  let dir: string;
  let client: LspClient;

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    client = new LspClient(dir);
  });
  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  /** initialize with exactly these parameters, then initialized. */
  async function start(params: Record<string, unknown>): Promise<void> {
    await client.conn.sendRequest('initialize', { processId: null, capabilities: {}, ...params });
    await client.conn.sendNotification('initialized', {});
  }

  /** Opens a transcript with an unknown code and a known one; resolves with the unknown code's diagnostics and the hover on the known one. */
  async function codebookAnswers(): Promise<{ codes: unknown[]; hover: Hover | null }> {
    const file = path.join(dir, 'transcripts', 'new.md');
    client.open(file, 'P: {{Yes}}{#trust} and {{no}}{#nope}\n');
    const ds = await client.waitForDiagnostics(file, (d) => d.length > 0);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: { line: 0, character: 'P: {{Yes}}{#tr'.length } });
    return { codes: ds.map((d) => d.code), hover };
  }

  it('rootUri alone, no capabilities: the project is read', async () => {
    await start({ rootUri: uriOf(dir) });
    const { codes, hover } = await codebookAnswers();
    assert.deepEqual(codes, ['code.unknown']);
    assert.match(JSON.stringify(hover?.contents), /Trust/);
  });

  it('rootPath alone (rootUri null): the project is read', async () => {
    await start({ rootPath: dir, rootUri: null });
    const { codes, hover } = await codebookAnswers();
    assert.deepEqual(codes, ['code.unknown']);
    assert.match(JSON.stringify(hover?.contents), /Trust/);
  });

  it('no root at all: a transcript opened is answered, and every request gets a reply', async () => {
    await start({ rootUri: null });
    const file = path.join(dir, 'transcripts', 'new.md');
    client.open(file, 'P: {{Yes}}{#trust}\n');
    const uri = uriOf(file);
    const far = { line: 999, character: 999 };
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/completion']) {
      await client.request(method, { textDocument: { uri }, position: far, context: { includeDeclaration: true } });
    }
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///never/opened.md' } }), []);
  });
});
