/**
 * The axial tree on a project of 100,000 quotes: the first level (cold, right after
 * indexing, and warm), a code's children, a filtered first level, and the server time
 * of a refresh after an edit (the edited file re-indexed, then the first level, the
 * expanded category and the expanded code's children recomputed). In-process numbers
 * are the server's own time; the stdio numbers add JSON and the pipe, as a client
 * sees them. Prints numbers and ratios to the targets; never fails.
 *
 *   node --import tsx bench/tree.ts     (or node scripts/run-bench.mjs tree)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { TreeChildrenRequest, type TreeChildrenParams } from '../common/protocol';
import { ProjectIndex, treeChildren, type TreeNodeData } from '../core';
import { generateCodebook, generateTranscript } from './corpus';
import { reportValue as report, stats } from './report';

// npm run bench runs from the repository root (scripts/run-bench.mjs sets the cwd).
const REPO = process.cwd();
const TARGET_QUOTES = 100_000;
const FILES = 200;
const CATEGORIES = 10;
const PER_CATEGORY = 20;

/** The generated codebook with one core category above its categories: three levels, like an axial model. */
function codebook(): { yaml: string; codes: string[] } {
  const { yaml, codes } = generateCodebook(CATEGORIES, PER_CATEGORY);
  const core = '  core:\n    kind: category\n    name: Core category\n    definition: Everything hangs from it.\n';
  return { yaml: yaml.replace('codes:\n', `codes:\n${core}`).replace(/    kind: category\n    name: Category/g, '    kind: category\n    parent: core\n    name: Category'), codes };
}

/** Transcripts whose spans add up to about TARGET_QUOTES. */
function transcripts(codes: string[]): { name: string; text: string }[] {
  // About 0.27 spans a line (bench/corpus.ts: a span on 3 of every 12 lines, a fifth of them nested).
  const lines = Math.ceil(TARGET_QUOTES / FILES / 0.27);
  return Array.from({ length: FILES }, (_, i) => ({ name: `case-${String(i).padStart(3, '0')}.md`, text: generateTranscript(lines, codes, i + 1) }));
}

function load(yaml: string, files: { name: string; text: string }[]): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile('file:///bench/p/codebook.yaml', yaml);
  for (const f of files) index.setFile(`file:///bench/p/transcripts/${f.name}`, f.text);
  return index;
}

function inProcess(yaml: string, files: { name: string; text: string }[]): void {
  let index = load(yaml, files);
  const project = index.projects()[0];
  const spans = [...project.transcripts.values()].reduce((n, e) => n + e.transcript.spans.length, 0);
  const uses = [...project.transcripts.values()].reduce((n, e) => n + e.uses.length, 0);
  console.log(`project: ${FILES} transcripts, ${project.codebook.codes.size} codes, ${spans} quotes (coded spans), ${uses} code applications`);

  // Cold: the first request after indexing counts every file.
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    index = load(yaml, files);
    const t0 = performance.now();
    treeChildren(index);
    cold.push(performance.now() - t0);
  }
  report('first level, cold (first request after indexing), median', stats(cold).median, 100);

  const warm: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    treeChildren(index);
    warm.push(performance.now() - t0);
  }
  report('first level, warm, median', stats(warm).median, 100);

  const top = treeChildren(index)[0];
  const category = treeChildren(index, top.id)[0];
  const code = treeChildren(index, category.id)[0];
  const kids: number[] = [];
  let quotes: TreeNodeData[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    quotes = treeChildren(index, code.id);
    kids.push(performance.now() - t0);
  }
  report(`a code's children (${quotes.length} quotes), median`, stats(kids).median, 100);

  const filtered: number[] = [];
  for (let i = 0; i < 10; i++) {
    const filter = i % 2 ? { cases: ['1', '2', '3'] } : { text: `therapist was ${i}` };
    const t0 = performance.now();
    treeChildren(index, undefined, filter);
    filtered.push(performance.now() - t0);
  }
  report('first level with a new filter (case, or text search), median', stats(filtered).median, 100);

  // Refresh after an edit: one transcript changes (a span's code is swapped), then the
  // view asks again for the top, the expanded category and the expanded code.
  const uri = 'file:///bench/p/transcripts/case-000.md';
  const original = files[0].text;
  const setFile: number[] = [];
  const refresh: number[] = [];
  let counts = '';
  for (let i = 0; i < 40; i++) {
    const text = i % 2 === 0 ? original.replace(/\{#code-\d+-\d+\}/, `{#${code.codeId}}`) : original;
    const t0 = performance.now();
    index.setFile(uri, text);
    const t1 = performance.now();
    const t = treeChildren(index);
    const c = treeChildren(index, category.id);
    const q = treeChildren(index, code.id);
    const t2 = performance.now();
    setFile.push(t1 - t0);
    refresh.push(t2 - t1);
    counts = `${t[0].quotes} quotes at the top, ${c.length} codes, ${q.length} quotes in the code`;
  }
  report('refresh after an edit: first level + category + code children, median', stats(refresh.slice(5)).median, 50, counts);
  report('refresh after an edit: same, p95', stats(refresh.slice(5)).p95, 50);
  report('  (for reference: re-indexing the edited transcript, median)', stats(setFile.slice(5)).median, 50);
}

/** The first level and a code's children over stdio from the real server (dist/server.js). */
async function overStdio(yaml: string, files: { name: string; text: string }[]): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-tree-'));
  mkdirSync(path.join(dir, 'transcripts'));
  writeFileSync(path.join(dir, 'codebook.yaml'), yaml);
  for (const f of files) writeFileSync(path.join(dir, 'transcripts', f.name), f.text);
  const proc = spawn(process.execPath, [path.join(REPO, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  // A server that dies would leave the benchmark waiting on nothing: fail loudly instead.
  let stopping = false;
  proc.on('exit', (code) => {
    if (stopping) return;
    console.error(`bench: the server exited early (code ${code})`);
    process.exit(1);
  });
  let scanned: () => void = () => {};
  const ready = new Promise<void>((r) => (scanned = r));
  conn.onNotification('axial/status', (s: { indexing?: boolean }) => {
    if (!s.indexing) scanned();
  });
  conn.onNotification(() => {});
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  try {
    const root = URI.file(dir).toString();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: root, capabilities: {}, workspaceFolders: [{ uri: root, name: 'b' }] });
    const t0 = performance.now();
    await conn.sendNotification('initialized', {});
    await ready;
    console.log(`server indexed the project in ${(performance.now() - t0).toFixed(0)} ms`);
    const time = async (params: TreeChildrenParams) => {
      const t = performance.now();
      const nodes = await conn.sendRequest(TreeChildrenRequest.type, params);
      return { ms: performance.now() - t, nodes };
    };
    const first = await time({});
    report('first level over stdio, first request after indexing', first.ms, 100);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) samples.push((await time({})).ms);
    report('first level over stdio, median', stats(samples).median, 100);
    const category = (await time({ parentId: first.nodes[0].id })).nodes[0];
    const code = (await time({ parentId: category.id })).nodes[0];
    const kids: number[] = [];
    let n = 0;
    for (let i = 0; i < 10; i++) {
      const r = await time({ parentId: code.id });
      kids.push(r.ms);
      n = r.nodes.length;
    }
    report(`a code's children over stdio (${n} quotes), median`, stats(kids).median, 100);
    stopping = true;
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
  } finally {
    conn.dispose();
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Axial tree benchmark — node ${process.version}, ${os.cpus().length} cores`);
  const { yaml, codes } = codebook();
  const files = transcripts(codes);
  inProcess(yaml, files);
  await overStdio(yaml, files);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
