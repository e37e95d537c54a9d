import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/** Bad and unusual input through the real server: positions stay exact, nothing crashes. */
describe('language server: bad input', function () {
  let dir: string;
  let client: LspClient;

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('CRLF, emoji and combining accents: ranges count UTF-16 units on the right line', async () => {
    const file = path.join(dir, 'transcripts', 'crlf.md');
    // 😀 is two UTF-16 units; "é" here is e + U+0301, two units.
    const text = 'I: Hello\r\nP: 😀 cafe\u0301 {{so\u0301lo}}{#nope}\r\n';
    writeFileSync(file, text);
    client = new LspClient(dir);
    await client.start();
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.length === 1);
    assert.equal(d.code, 'code.unknown');
    const col = 'P: 😀 cafe\u0301 {{so\u0301lo}}{'.length;
    assert.deepEqual(d.range, { start: { line: 1, character: col }, end: { line: 1, character: col + 5 } });
  });

  it('a BOM on disk is not counted in positions (editors hide it)', async () => {
    const file = path.join(dir, 'transcripts', 'bom.md');
    writeFileSync(file, '\uFEFFP: {{x}}{#nope}\n');
    client = new LspClient(dir);
    await client.start();
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.length === 1);
    assert.deepEqual(d.range.start, { line: 0, character: 'P: {{x}}{'.length });
  });

  it('a binary codebook yields diagnostics, not a crash, and the server keeps answering', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(path.join(dir, 'codebook.yaml'), bytes);
    client = new LspClient(dir);
    await client.start();
    const cb = path.join(dir, 'codebook.yaml');
    const ds = await client.waitForDiagnostics(cb, (x) => x.length > 0);
    assert.ok(ds.every((d) => d.code && String(d.code).startsWith('codebook.')));
    // Transcripts now name codes the broken codebook lacks: they are reported, and hover still answers.
    const t = path.join(dir, 'transcripts', 'therapist.md');
    await client.waitForDiagnostics(t, (x) => x.some((d) => d.code === 'code.unknown'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriOf(t) }, position: { line: 8, character: 29 } });
    assert.match((hover!.contents as { value: string }).value, /Unknown code/);
  });

  it('an empty codebook and a codebook that is not YAML at all', async () => {
    const cb = path.join(dir, 'codebook.yaml');
    writeFileSync(cb, '');
    client = new LspClient(dir);
    await client.start();
    const t = path.join(dir, 'transcripts', 'therapist.md');
    await client.waitForDiagnostics(t, (x) => x.some((d) => d.code === 'code.unknown'));
    client.open(cb, '{{{ : : ]\n\t- [', 'yaml');
    const ds = await client.waitForDiagnostics(cb, (x) => x.length > 0);
    assert.ok(ds.some((d) => d.code === 'codebook.yaml-syntax'));
    for (const d of ds) assert.ok(d.range.start.line <= 1 && d.range.end.line <= 1);
  });

  it('a 10 MB transcript is checked', async () => {
    const file = path.join(dir, 'transcripts', 'huge.md');
    // A span every other line: 55,000 spans, under the 100,000 a parse reads as codings.
    const line = 'P: and then we talked about it for a long while, {{she listened}}{#trust} and I felt calm\nI: and then?\n';
    const body = line.repeat(Math.ceil(10_000_000 / line.length));
    writeFileSync(file, body + 'P: {{the end}}{#nope}\n');
    client = new LspClient(dir);
    await client.start();
    const [d] = await client.waitForDiagnostics(file, (ds) => ds.length === 1, 30000);
    assert.equal(d.range.start.line, body.split('\n').length - 1);
  });
});
