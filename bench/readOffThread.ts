/**
 * Reading a project's files on the main thread (readTexts: the callback readFile,
 * 32 in flight) against a worker thread (readTextsOffThread: readFileSync there,
 * batches posted here), for lists of growing length: wall time until the last
 * text is in, and how long the main thread's event loop was busy meanwhile
 * (performance.eventLoopUtilization), which is what parsing on that thread loses.
 * Where the two cross is the worker's threshold (MIN_FILES_FOR_READ_WORKER).
 *
 *   node scripts/run-bench.mjs readOffThread -- [--dir /tmp/p1000] [--runs 7]
 *
 * Needs the server's build (dist/readWorker.js): run `npm run build` first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { codebooksFirst, findProjectFiles, readTexts } from '../host/nodeFiles';
import { readTextsOffThread } from '../host/readWorker';
import { writeProject } from './project';
import { percentile } from './results';

const { values } = parseArgs({ options: { dir: { type: 'string' }, runs: { type: 'string' }, small: { type: 'boolean' } } });
const RUNS = Number(values.runs ?? (values.small ? 1 : 7));
const WORKER = path.join(process.cwd(), 'dist', 'readWorker.js');

async function time(read: () => AsyncGenerator<{ text: string | undefined }>): Promise<{ ms: number; busyMs: number }> {
  const elu = performance.eventLoopUtilization();
  const t0 = performance.now();
  let chars = 0;
  for await (const { text } of read()) chars += text?.length ?? 0;
  const ms = performance.now() - t0;
  const used = performance.eventLoopUtilization(elu);
  if (chars === 0) throw new Error('read nothing');
  return { ms, busyMs: used.active };
}

async function main(): Promise<void> {
  if (!existsSync(WORKER)) throw new Error(`no ${WORKER}: run npm run build first`);
  const dir = values.dir ? path.resolve(values.dir) : mkdtempSync(path.join(os.tmpdir(), 'axial-bench-read-'));
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    mkdirSync(dir, { recursive: true });
    writeProject(dir, { transcripts: values.small ? 20 : 1000, codes: 200 });
  }
  process.env.AXIAL_READ_WORKER = '1';
  const all = codebooksFirst(await findProjectFiles(dir));
  console.log(`${all.length} files in ${dir}, load ${os.loadavg()[0].toFixed(2)}, ${RUNS} runs each (median)`);
  console.log('files | main thread: wall, loop busy | worker thread: wall, main loop busy');
  try {
    for (const n of [10, 30, 100, 300, 1000].filter((k) => k <= all.length)) {
      const files = all.slice(0, n);
      const here: { ms: number; busyMs: number }[] = [];
      const there: { ms: number; busyMs: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        here.push(await time(() => readTexts(files)));
        there.push(await time(() => readTextsOffThread(files, { workerFile: WORKER })));
      }
      const med = (xs: { ms: number; busyMs: number }[], k: 'ms' | 'busyMs') => percentile(xs.map((x) => x[k]), 0.5).toFixed(1);
      console.log(`${String(n).padStart(5)} | ${med(here, 'ms')} ms, ${med(here, 'busyMs')} ms | ${med(there, 'ms')} ms, ${med(there, 'busyMs')} ms`);
    }
    console.log(`load now ${os.loadavg()[0].toFixed(2)}`);
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
