/**
 * The server's cold index alone, run after run: wall time (initialize → the first
 * `axial/status` with `indexing: false`), the server's CPU time and its resident
 * memory after indexing, beside the load average. The suite (bench/suite.ts)
 * measures the same among everything else; this one repeats it quickly on a
 * project generated once, and can profile the server while it indexes.
 *
 *   node scripts/run-bench.mjs coldIndex -- --transcripts 1000 [--runs 5] [--dir /tmp/p1000]
 *     [--cpu-prof /tmp/prof]      each server writes a .cpuprofile there (node --cpu-prof)
 *     [--heap /tmp/heap]          each server writes a heap snapshot there after indexing (SIGUSR2)
 *
 *     [--also /tmp/other]         more workspace folders, indexed with the first (a multi-root workspace)
 *
 * With --dir the project there is used (generated into it first when it is empty).
 * When the server reads on a worker thread (host/readWorker.ts), --cpu-prof writes
 * the thread's profile too (the file name's thread number is 1, the main thread's 0).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeProject } from './project';
import { percentile } from './results';
import { StdioServer } from './stdioServer';

const { values } = parseArgs({
  options: {
    transcripts: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    dir: { type: 'string' },
    'cpu-prof': { type: 'string' },
    heap: { type: 'string' },
    small: { type: 'boolean' },
    also: { type: 'string', multiple: true },
  },
});
const TRANSCRIPTS = Number(values.transcripts ?? (values.small ? 10 : 1000));
const RUNS = Number(values.runs ?? (values.small ? 1 : 5));

/** Resolves once `dir` holds more files than `before`: the snapshot has begun. */
async function waitForNewFile(dir: string, before: number): Promise<void> {
  while (readdirSync(dir).length <= before) await new Promise((r) => setTimeout(r, 50));
}

async function main(): Promise<void> {
  const dir = values.dir ? path.resolve(values.dir) : mkdtempSync(path.join(os.tmpdir(), 'axial-bench-cold-'));
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    mkdirSync(dir, { recursive: true });
    const p = writeProject(dir, { transcripts: TRANSCRIPTS, seed: Number(values.seed ?? 1), codes: values.small ? 200 : 500 });
    console.log(`generated ${p.transcripts} transcripts, ${(p.bytes / 1e6).toFixed(1)} MB, ${p.codes} codes, ${p.spans} spans in ${dir}`);
  }
  const nodeArgs: string[] = [];
  if (values['cpu-prof']) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`);
  if (values.heap) {
    mkdirSync(values.heap, { recursive: true });
    nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${path.resolve(values.heap)}`);
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const load = os.loadavg()[0];
      const server = new StdioServer(process.cwd(), nodeArgs);
      const ms = await server.indexFolder([dir, ...(values.also ?? []).map((d) => path.resolve(d))]);
      const c = server.cpuMs() ?? NaN;
      const r = (server.rss() ?? NaN) / 1e6;
      wall.push(ms);
      cpu.push(c);
      rss.push(r);
      console.log(`run ${i + 1}: cold index ${ms.toFixed(0)} ms, CPU ${c.toFixed(0)} ms, RSS ${r.toFixed(0)} MB, load ${load.toFixed(2)}`);
      if (values.heap) {
        const before = readdirSync(values.heap).length;
        server.proc.kill('SIGUSR2');
        await waitForNewFile(values.heap, before);
        // The snapshot is written synchronously by the server's main thread: a request answered means it is done.
        await server.time('textDocument/hover', { textDocument: { uri: 'file:///none.md' }, position: { line: 0, character: 0 } });
      }
      // A profile is written as the server exits by itself: wait for that rather than kill it.
      await (values['cpu-prof'] ? server.exit() : server.stop());
    }
    console.log(`median of ${RUNS}: cold index ${percentile(wall, 0.5).toFixed(0)} ms, CPU ${percentile(cpu, 0.5).toFixed(0)} ms, RSS ${percentile(rss, 0.5).toFixed(0)} MB (load now ${os.loadavg()[0].toFixed(2)})`);
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
