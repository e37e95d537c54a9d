/**
 * What parsing a whole project costs the garbage collector: every transcript of a
 * generated project is parsed in this process and kept (as an index keeps them),
 * run after run. Prints the CPU time, the collections during the parse (count and
 * pause, from v8.GCProfiler: wall time, so a loaded machine inflates it), the heap
 * kept by the parses (after a full collection; typed arrays' memory counted apart,
 * as `arrayBuffers`) and the number of stripped-text runs. Files are read before
 * the clock starts, so only parsing is measured. A benchmark, not a test: it
 * reports, it never fails.
 *
 *   node scripts/run-bench.mjs parseHeap -- --dir /tmp/p1000 [--transcripts 1000] [--runs 5]
 *
 * With --dir the project there is used (generated into it first when it is empty).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parseTranscript, type Transcript } from '../core';
import { writeProject } from './project';
import { percentile } from './results';

const { values } = parseArgs({
  options: { transcripts: { type: 'string' }, runs: { type: 'string' }, dir: { type: 'string' }, small: { type: 'boolean' } },
});
const TRANSCRIPTS = Number(values.transcripts ?? (values.small ? 10 : 1000));
const RUNS = Number(values.runs ?? (values.small ? 1 : 5));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Every `.md` file under `dir`, recursively. */
function transcriptsIn(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...transcriptsIn(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** The number of runs of a parse (a table's count, or an older parse's array length). */
function runCount(t: Transcript): number {
  const runs = t.stripped.runs as unknown as { count?: number; length?: number };
  return runs.count ?? runs.length ?? 0;
}

async function main(): Promise<void> {
  const dir = values.dir ? path.resolve(values.dir) : mkdtempSync(path.join(os.tmpdir(), 'axial-bench-heap-'));
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    mkdirSync(dir, { recursive: true });
    const p = writeProject(dir, { transcripts: TRANSCRIPTS, codes: values.small ? 200 : 500 });
    console.log(`generated ${p.transcripts} transcripts, ${(p.bytes / 1e6).toFixed(1)} MB in ${dir}`);
  }
  const texts = transcriptsIn(path.join(dir, 'transcripts')).map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`${texts.length} transcripts, ${(bytes / 1e6).toFixed(1)} MB; node ${process.version}`);
  const cpu: number[] = [];
  const gcMs: number[] = [];
  const heap: number[] = [];
  let kept: Transcript[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      kept = [];
      gc();
      const before = process.memoryUsage();
      const profiler = new v8.GCProfiler();
      profiler.start();
      const c0 = process.cpuUsage();
      for (const text of texts) kept.push(parseTranscript(text));
      const c = process.cpuUsage(c0);
      const collections = profiler.stop().statistics;
      // Each collection's cost is its pause in µs of wall time.
      const paused = collections.reduce((a, g) => a + g.cost, 0) / 1000;
      const byKind = new Map<string, { n: number; ms: number }>();
      for (const g of collections) {
        const k = byKind.get(g.gcType) ?? { n: 0, ms: 0 };
        k.n++;
        k.ms += g.cost / 1000;
        byKind.set(g.gcType, k);
      }
      const kinds = [...byKind].map(([k, v]) => `${v.n} ${k} ${v.ms.toFixed(0)} ms`).join(', ');
      gc();
      const after = process.memoryUsage();
      const heapMb = (after.heapUsed - before.heapUsed) / 1e6;
      const buffersMb = (after.arrayBuffers - before.arrayBuffers) / 1e6;
      const runs = kept.reduce((n, t) => n + runCount(t), 0);
      const cpuMs = (c.user + c.system) / 1000;
      cpu.push(cpuMs);
      gcMs.push(paused);
      heap.push(heapMb + buffersMb);
      console.log(
        `run ${r + 1}: parse CPU ${cpuMs.toFixed(0)} ms, GC pauses ${paused.toFixed(0)} ms (${kinds}), ` +
          `kept heap ${heapMb.toFixed(1)} MB + array buffers ${buffersMb.toFixed(1)} MB, ${runs} runs, load ${os.loadavg()[0].toFixed(2)}`,
      );
    }
    console.log(
      `median of ${RUNS}: parse CPU ${percentile(cpu, 0.5).toFixed(0)} ms, GC pauses ${percentile(gcMs, 0.5).toFixed(0)} ms, kept ${percentile(heap, 0.5).toFixed(1)} MB (${kept.length} parses)`,
    );
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
