/**
 * What the slowest completions wait for. Replays the suite's order on the generated
 * project (bench/suite.ts: a trivial request's series, 200 one-character edits,
 * 200 `{{` typed and deleted, then completion after `#`), with the server run under
 * `--trace-gc`, and lines up each slow completion with what the server did while it
 * waited: garbage collections and long timer callbacks (reported by a preload on
 * the server's stderr) and notifications it sent (status, tree). Prints the slowest samples with their
 * company, and how much of the tail overlaps a collection. Never fails.
 *
 *   node scripts/run-bench.mjs completionTail [--transcripts 1000] [--samples 200] [--runs 1] [--settle] [--alloc] [--server-flags="--single-threaded-gc …"]
 *   AXIAL_BENCH_DIR=/tmp/p1000 reuses a project made by bench/generate.ts
 *
 * --settle waits until the server has been silent for a second before the completion
 * series: what is left of the tail is then not deferred work after the edits.
 * --alloc then samples what the server allocates a completion (V8's sampling heap
 * profiler, started and stopped by SIGUSR2 through the preload; not on Windows).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { URI } from 'vscode-uri';
import { writeProject } from './project';
import { percentile } from './results';
import { StdioServer, VSCODE_COMPLETION_CAPABILITIES } from './stdioServer';

const REPO = process.cwd();
const { values } = parseArgs({
  options: { transcripts: { type: 'string' }, samples: { type: 'string' }, runs: { type: 'string' }, settle: { type: 'boolean' }, alloc: { type: 'boolean' }, 'server-flags': { type: 'string' }, small: { type: 'boolean' } },
});
const small = values.small === true || !!process.env.AXIAL_BENCH_SMALL;
const TRANSCRIPTS = Number(values.transcripts ?? (small ? 10 : 1000));
const SAMPLES = Number(values.samples ?? (small ? 20 : 200));
const RUNS = Number(values.runs ?? 1);

/** Something the server did, as the benchmark saw it arrive (ms since the epoch). */
interface Event {
  at: number;
  /** How long it lasted, when known (a collection's pause), so it started at `at - ms`. */
  ms: number;
  what: string;
}

/**
 * Loaded into the server with `--require` (Node's `--trace-gc` writes to stdout,
 * which is the LSP stream): reports on stderr each garbage collection and each timer
 * or immediate callback over 0.3 ms, as `kind name start duration` with the start in
 * ms since the epoch, so the benchmark can line them up with its own clock.
 */
const PRELOAD = `
const { PerformanceObserver, performance } = require('node:perf_hooks');
const out = (s) => process.stderr.write(s + '\\n');
const GC = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak-callbacks' };
const v8 = require('node:v8');
new PerformanceObserver((list) => {
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young) out('young - ' + young.space_size + ' 0');
  for (const e of list.getEntries()) out('gc ' + (GC[e.detail?.kind] ?? e.detail?.kind) + ' ' + (performance.timeOrigin + e.startTime).toFixed(3) + ' ' + e.duration.toFixed(3));
}).observe({ entryTypes: ['gc'] });
// When request bytes arrive and answer bytes leave: the server's share of a round trip.
process.stdin.prependListener('data', () => out('in - ' + (performance.timeOrigin + performance.now()).toFixed(3) + ' 0'));
const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) {
  if (chunk.length > 1000) out('out - ' + (performance.timeOrigin + performance.now()).toFixed(3) + ' 0');
  return write.call(this, chunk, ...rest);
};
// SIGUSR2 starts V8's sampling heap profiler, counting objects collected since too;
// the next one stops it and reports the bytes allocated meanwhile.
const { Session } = require('node:inspector');
let session;
process.on('SIGUSR2', () => {
  if (!session) {
    session = new Session();
    session.connect();
    const flags = { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    session.post('HeapProfiler.enable', () => session.post('HeapProfiler.startSampling', flags, () => out('sampling - 0 0')));
    return;
  }
  session.post('HeapProfiler.stopSampling', (e, r) => {
    let total = 0;
    const walk = (n) => { total += n.selfSize; n.children.forEach(walk); };
    if (r) walk(r.profile.head);
    session.disconnect();
    session = undefined;
    out('allocated - ' + total + ' 0');
  });
});
for (const name of ['setTimeout', 'setImmediate']) {
  const original = globalThis[name];
  globalThis[name] = function (fn, ...rest) {
    if (typeof fn !== 'function') return original.call(this, fn, ...rest);
    const label = name + ':' + (fn.name || String(fn).slice(0, 60).replace(/\\s+/g, ''));
    return original.call(this, function (...args) {
      const t0 = performance.now();
      try { return fn.apply(this, args); } finally {
        const d = performance.now() - t0;
        if (d > 0.3) out('task ' + label + ' ' + (performance.timeOrigin + t0).toFixed(3) + ' ' + d.toFixed(3));
      }
    }, ...rest);
  };
}
`;

/** Now, in ms since the epoch, as the preload stamps the server's events. */
const epochNow = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const given = process.env.AXIAL_BENCH_DIR;
  const dir = given ?? mkdtempSync(path.join(os.tmpdir(), 'axial-bench-tail-'));
  try {
    if (!given) writeProject(dir, { transcripts: TRANSCRIPTS, seed: 1, codes: small ? 200 : 500 });
    for (let run = 1; run <= RUNS; run++) await once(dir, run);
  } finally {
    if (!given) rmSync(dir, { recursive: true, force: true });
  }
}

async function once(dir: string, run: number): Promise<void> {
  const events: Event[] = [];
  /** Hears the preload's heap sampler start (0) and stop (bytes allocated). */
  let heapSampler: ((bytes: number) => void) | undefined;
  /** The young generation's size at the last collection (both semi-spaces). */
  let youngBytes = 0;
  /** Request bytes in and answer bytes out, at the server. */
  const io: { at: number; what: string }[] = [];
  /** The benchmark's own collections: it parses every answer. */
  const ownGc: Event[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) ownGc.push({ at: performance.timeOrigin + e.startTime + e.duration, ms: e.duration, what: `client GC ${e.duration.toFixed(2)} ms` });
  });
  observer.observe({ entryTypes: ['gc'] });
  let pending = '';
  const preload = path.join(mkdtempSync(path.join(os.tmpdir(), 'axial-bench-tail-preload-')), 'trace.js');
  writeFileSync(preload, PRELOAD);
  const server = new StdioServer(REPO, [...(values['server-flags']?.split(' ').filter(Boolean) ?? []), '--require', preload], (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /^(gc|task|in|out|young|sampling|allocated) (\S+) ([\d.]+) ([\d.]+)$/.exec(line);
      if (!m) continue;
      if (m[1] === 'sampling' || m[1] === 'allocated') {
        heapSampler?.(Number(m[3]));
        continue;
      }
      if (m[1] === 'young') {
        youngBytes = Number(m[3]);
        continue;
      }
      if (m[1] === 'in' || m[1] === 'out') {
        io.push({ at: Number(m[3]), what: m[1] });
        continue;
      }
      const ms = Number(m[4]);
      events.push({ at: Number(m[3]) + ms, ms, what: `${m[1] === 'gc' ? 'GC ' : ''}${m[2]} ${ms.toFixed(2)} ms` });
    }
  });
  await server.indexFolder(dir, VSCODE_COMPLETION_CAPABILITIES);
  // From now on every notification is an event (indexing is over; the wait for it is done).
  for (const method of ['axial/status', 'axial/treeChanged']) {
    server.conn.onNotification(method, () => events.push({ at: epochNow(), ms: 0, what: method }));
  }
  const file = path.join(dir, 'transcripts', 'case-0003.md');
  const text = readFileSync(file, 'utf8') + 'P: {{one more}}{#no-such-code}\n';
  const uri = URI.file(file).toString();
  const lines = text.split('\n');
  const opened = server.nextDiagnostics(uri);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axial-transcript', version: 1, text } });
  await opened;
  const codeLine = lines.findIndex((l) => /\{#[^\s}@^"]/.test(l));
  const hashAt = { line: codeLine, character: lines[codeLine].search(/\{#[^\s}@^"]/) + 2 };
  const plainLine = lines.findIndex((l) => l.startsWith('P: ') && !/[{}]/.test(l));

  const series = async (method: string, params: unknown) => {
    for (let i = 0; i < 5; i++) await server.time(method, params);
    const samples: { t0: number; ms: number }[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = epochNow();
      const r = await server.time(method, params);
      samples.push({ t0, ms: r.ms });
    }
    return samples;
  };
  await series('textDocument/hover', { textDocument: { uri }, position: { line: plainLine, character: 8 } });
  const mid = Math.floor(lines.length / 2);
  let version = 2;
  const at = (line: number, character: number) => ({ line, character });
  const edit = async (range: { start: { line: number; character: number }; end: { line: number; character: number } }, newText: string) => {
    const done = server.nextDiagnostics(uri);
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range, text: newText }] });
    await done;
  };
  // What a keystroke costs in collections: young-generation collections during each kind of edit.
  const collectionsSince = (t: number) => events.filter((e) => e.at >= t && e.what.startsWith('GC')).length;
  const typed = epochNow();
  for (let i = 0; i < SAMPLES; i++) await (i % 2 === 0 ? edit({ start: at(mid, 3), end: at(mid, 3) }, 'x') : edit({ start: at(mid, 3), end: at(mid, 4) }, ''));
  const opened2 = epochNow();
  for (let i = 0; i < SAMPLES; i++) await (i % 2 === 0 ? edit({ start: at(mid, 3), end: at(mid, 3) }, '{{') : edit({ start: at(mid, 3), end: at(mid, 5) }, ''));
  const editNote = `${SAMPLES} one-character edits: ${collectionsSince(typed) - collectionsSince(opened2)} collections; ${SAMPLES} of {{ typed and deleted: ${collectionsSince(opened2)} (${text.length.toLocaleString('en-US')} characters, ${lines.length.toLocaleString('en-US')} lines)`;
  if (values.settle) {
    // Silent for a second: no collection, no notification.
    for (;;) {
      const last = events.length ? events[events.length - 1].at : 0;
      await new Promise((r) => setTimeout(r, 200));
      if (epochNow() - last > 1000 && (events.length === 0 || events[events.length - 1].at === last)) break;
    }
  }
  const startAt = epochNow();
  const samples = await series('textDocument/completion', { textDocument: { uri }, position: hashAt });
  const ms = samples.map((s) => s.ms);
  console.log(
    `run ${run} (load ${os.loadavg()[0].toFixed(2)}${values.settle ? ', settled' : ''}): completion p50 ${percentile(ms, 0.5).toFixed(2)} ms, p90 ${percentile(ms, 0.9).toFixed(2)}, p99 ${percentile(ms, 0.99).toFixed(2)}, max ${Math.max(...ms).toFixed(2)}`,
  );
  console.log(`  ${editNote}`);
  const during = events.filter((e) => e.at >= startAt - 50);
  const gcs = during.filter((e) => e.what.startsWith('GC'));
  console.log(
    `  young generation ${(youngBytes / 2 ** 20).toFixed(1)} MB (half of it fills between scavenges); during the series: ${gcs.length} collections (${gcs.filter((e) => e.what.startsWith('GC minor')).length} minor, ${gcs.reduce((a, e) => a + e.ms, 0).toFixed(1)} ms of pauses); notifications: ${during.filter((e) => e.ms === 0 && !e.what.startsWith('GC')).map((e) => e.what).join(', ') || 'none'}`,
  );
  const company = (s: { t0: number; ms: number }) =>
    [...events, ...ownGc].filter((e) => e.at - e.ms <= s.t0 + s.ms + 0.2 && e.at >= s.t0 - 0.2).map((e) => e.what);
  const slow = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 8);
  // The server's share: from the first request bytes in after the send to the answer's bytes out.
  const share = (s: { t0: number; ms: number }) => {
    const inAt = io.find((e) => e.what === 'in' && e.at >= s.t0 - 0.5)?.at;
    const outAt = inAt === undefined ? undefined : io.find((e) => e.what === 'out' && e.at >= inAt)?.at;
    return inAt === undefined || outAt === undefined ? 'server share ?' : `send→in ${(inAt - s.t0).toFixed(2)}, in→out ${(outAt - inAt).toFixed(2)}, out→answer ${(s.t0 + s.ms - outAt).toFixed(2)}`;
  };
  for (const s of slow) console.log(`  ${s.ms.toFixed(2).padStart(6)} ms at +${(s.t0 - startAt).toFixed(0).padStart(4)} ms (${share(s)}): ${company(s).join('; ') || '(nothing seen)'}`);
  const tasks = during.filter((e) => e.what.startsWith('set'));
  console.log(`  timer/immediate callbacks over 0.3 ms during the series: ${tasks.length} (${tasks.reduce((a, e) => a + e.ms, 0).toFixed(1)} ms): ${[...new Set(tasks.map((e) => e.what.replace(/ [\d.]+ ms$/, '')))].join(', ')}`);
  const tail = samples.filter((s) => s.ms > 3 * percentile(ms, 0.5));
  console.log(`  ${tail.length} samples over 3× the p50; ${tail.filter((s) => company(s).some((w) => w.startsWith('GC'))).length} of them overlap a collection`);
  if (values.alloc) {
    // Untimed: sampling slows the server down. Bytes allocated a request do not depend on the machine's load.
    const sampler = () => new Promise<number>((r) => (heapSampler = r));
    let heard = sampler();
    server.proc.kill('SIGUSR2');
    await heard;
    for (let i = 0; i < SAMPLES; i++) await server.time('textDocument/completion', { textDocument: { uri }, position: hashAt });
    heard = sampler();
    server.proc.kill('SIGUSR2');
    const bytes = await heard;
    console.log(`  allocated by the server a completion: ${(bytes / SAMPLES / 1024).toFixed(1)} KB (sampled over ${SAMPLES} more requests)`);
  }
  observer.disconnect();
  await server.stop();
  rmSync(path.dirname(preload), { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
