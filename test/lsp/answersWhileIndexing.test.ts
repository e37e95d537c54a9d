import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { writeProject } from '../../bench/project';
import type { StatusParams } from '../../common/protocol';
import { cleanup, LspClient, uriOf } from './harness';

/**
 * An editor that opens a transcript as it starts (VS Code restoring its editors)
 * asks for the outline, hover, completion and diagnostics of that file at once.
 * They answer, and answer right, from the codebook and that file, long before the
 * scan of the rest of a large project is over: the requests go out right after
 * `initialized`, and every answer must arrive while `axial/status` still counts
 * files left to read.
 */
describe('answers for an open file while the project is still indexing', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient | undefined;
  // Large enough that the scan takes far longer than a few requests' round trips.
  const TRANSCRIPTS = 600;
  let file: string;
  let text: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-early-'));
    const project = writeProject(dir, { transcripts: TRANSCRIPTS, seed: 11, codes: 200 });
    // The last file the scan reaches: nothing of it is read from disk before the end.
    file = path.join(dir, project.files.at(-1)!);
    text = readFileSync(file, 'utf8') + 'P: {{one more}}{#no-such-code}\n';
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => cleanup(dir));

  it('hover, completion, document symbols and diagnostics answer before indexing ends', async () => {
    const c = (client = new LspClient(dir));
    const statuses = () => c.statuses as StatusParams[];
    const indexingOver = () => statuses().some((s) => !s.indexing);
    // Each answer, and how many statuses had arrived with it.
    const early = <T>(p: Promise<T>) => p.then((value) => ({ value, after: statuses().length }));
    // Answered before indexing ended: a status sent after the answer still counts files left to read.
    const answeredEarly = (a: { after: number }) => statuses().slice(a.after).some((s) => s.indexing && s.progress && s.progress.done < s.progress.total);

    await c.start();
    const uri = uriOf(file);
    c.open(file, text);
    const lines = text.split('\n');
    const codeLine = lines.findIndex((l) => /\{#[^\s}@^"]/.test(l));
    const codeAt = { line: codeLine, character: lines[codeLine].search(/\{#[^\s}@^"]/) + 2 };
    const doc = { textDocument: { uri } };
    const [symbols, hover, completion] = await Promise.all([
      early(c.request<DocumentSymbol[]>('textDocument/documentSymbol', doc)),
      early(c.request<Hover | null>('textDocument/hover', { ...doc, position: codeAt })),
      early(c.request<CompletionItem[] | null>('textDocument/completion', { ...doc, position: codeAt })),
    ]);
    const diagnostics = await early(c.waitForDiagnostics(file, (ds) => ds.some((d) => d.code === 'code.unknown'), 90_000));

    await c.waitFor('the end of indexing', () => indexingOver(), 90_000);
    assert.ok(answeredEarly(symbols), 'document symbols waited for the whole index');
    assert.ok(answeredEarly(hover), 'hover waited for the whole index');
    assert.ok(answeredEarly(completion), 'completion waited for the whole index');
    assert.ok(answeredEarly(diagnostics), 'diagnostics waited for the whole index');

    // Right answers, not empty ones: the open file is checked against its codebook.
    assert.ok(symbols.value.length > 0, 'the outline lists the turns');
    assert.ok(hover.value && JSON.stringify(hover.value.contents).length > 20, 'hover shows the code');
    assert.ok((completion.value?.length ?? 0) >= 100, `completion offers the codebook's codes (${completion.value?.length ?? 0})`);
    const unknown = diagnostics.value.filter((d) => d.code === 'code.unknown');
    assert.equal(unknown.length, 1, 'the one unknown code, against the codebook');
  });
});
