/**
 * Axial's benchmarks. Prints numbers and ratios to targets; a benchmark, not a
 * test: it never fails on a slow machine, it reports.
 *
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { ProjectIndex } from '../core';
import { loadFolder } from '../host/nodeFiles';
import { toDiagnostic } from '../server/convert';
import { generateCodebook, generateTranscript } from './corpus';
import { reportValue as report, stats } from './report';

// npm run bench runs from the repository root (scripts/run-bench.mjs sets the cwd).
const REPO = process.cwd();

/** One-character edits in a 20,000-line transcript: re-parse, validate, convert diagnostics. */
function editBench() {
  const { yaml, codes } = generateCodebook(10, 5);
  const text = generateTranscript(20000, codes, 7);
  const index = new ProjectIndex();
  const cbUri = 'file:///bench/p/codebook.yaml';
  const uri = 'file:///bench/p/transcripts/big.md';
  index.setFile(cbUri, yaml);
  index.setFile(uri, text);
  const spans = index.entry(uri)!.transcript.spans.length;
  const samples: number[] = [];
  let current = text;
  for (let i = 0; i < 60; i++) {
    // Alternate inserting and removing one character in the middle of the file.
    const at = Math.floor(current.length / 2) + i;
    current = i % 2 === 0 ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at - 1) + current.slice(at);
    const t0 = performance.now();
    index.setFile(uri, current);
    const entry = index.entry(uri)!;
    const diags = entry.diagnostics.map((d) => toDiagnostic(d, entry.transcript.lines));
    samples.push(performance.now() - t0);
    if (diags.length > 1e9) console.log('unreachable');
  }
  const s = stats(samples.slice(10));
  report(`edit: 20,000-line transcript (${(text.length / 1e6).toFixed(1)} MB, ${spans} spans), median`, s.median, 10);
  report('edit: same, p95', s.p95, 10);
}

/** Cold indexing of the example project, from disk and from memory. */
async function coldBench() {
  const example = path.join(REPO, 'examples', 'therapeutic-relationship');
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const index = new ProjectIndex();
    files = await loadFolder(index, example, (f) => URI.file(f).toString());
    for (const p of index.projects()) index.codebookDiagnostics(p);
    samples.push(performance.now() - t0);
  }
  const s = stats(samples.slice(5));
  report(`cold index: example project from disk (${files} files), median`, s.median, 50);
}

/** Keystroke to publishDiagnostics over stdio with the real server (includes IPC and JSON). */
async function roundTripBench() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-'));
  const { yaml, codes } = generateCodebook(10, 5);
  mkdirSync(path.join(dir, 'transcripts'));
  writeFileSync(path.join(dir, 'codebook.yaml'), yaml);
  const file = path.join(dir, 'transcripts', 'big.md');
  const text = generateTranscript(20000, codes, 7);
  writeFileSync(file, text);
  const proc = spawn(process.execPath, [path.join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  // A server that dies would leave the benchmark waiting on nothing: fail loudly instead.
  let stopping = false;
  proc.on('exit', (code) => {
    if (stopping) return;
    console.error(`bench: the server exited early (code ${code})`);
    process.exit(1);
  });
  let resolveNext: (() => void) | undefined;
  conn.onNotification('textDocument/publishDiagnostics', () => resolveNext?.());
  conn.onNotification(() => {});
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = URI.file(file).toString();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(dir).toString(), capabilities: {}, workspaceFolders: [{ uri: URI.file(dir).toString(), name: 'b' }] });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axial-transcript', version: 1, text } });
  const samples: number[] = [];
  let current = text.replace('{#code-0-0}', '{#unknown-code}'); // one error, so every publish is non-empty
  for (let v = 2; v < 40; v++) {
    const at = Math.floor(current.length / 2);
    current = v % 2 === 0 ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at - 1) + current.slice(at);
    const done = new Promise<void>((r) => (resolveNext = r));
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: current }] });
    await done;
    samples.push(performance.now() - t0);
  }
  const s = stats(samples.slice(5));
  report('edit round trip over stdio (full text sync, 1.4 MB JSON), median', s.median, 50, 'includes JSON and pipe transfer');
  stopping = true;
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  proc.kill();
  rmSync(dir, { recursive: true, force: true });
}

async function main() {
  console.log(`Axial benchmarks — node ${process.version}, ${os.cpus().length} cores`);
  editBench();
  await coldBench();
  await roundTripBench();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
