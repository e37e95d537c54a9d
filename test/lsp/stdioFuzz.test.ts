/**
 * The stdio fuzzer's saved slow case and its clock: the real bundled server
 * (dist/server.js; `npm run build` first) must answer every request of the closer
 * run that answered 20 s late within the fuzzer's bound of server CPU time, and
 * the clock it reads (test/fuzz/processClock.ts) must count a process's own CPU
 * time, not the time it spends waiting. No wall-clock bound: CPU time only.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processClock } from '../fuzz/processClock';
import { runStdioFuzz } from '../fuzz/stdio';

/** A Node process running `script`; `until(word)` resolves once it has printed that word. */
function child(script: string): { pid: number; send: (line: string) => void; until: (word: string) => Promise<void>; end: () => void } {
  const proc = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const waiting: { word: string; resolve: () => void }[] = [];
  proc.stdout!.on('data', (d) => {
    out += String(d);
    for (const w of waiting.splice(0)) if (out.includes(w.word)) w.resolve();
    else waiting.push(w);
  });
  return {
    pid: proc.pid!,
    send: (line) => proc.stdin!.write(line + '\n'),
    until: (word) => new Promise((resolve) => (out.includes(word) ? resolve() : waiting.push({ word, resolve }))),
    end: () => proc.stdin!.end(),
  };
}

describe('stdio fuzz: server CPU time per request', function () {
  this.timeout(300_000);

  it('the process clock counts a process spinning on a CPU, not one blocked', async function () {
    if (process.platform !== 'linux') this.skip();
    // Blocks for 300 ms (Atomics.wait), then spins until it has used 300 ms of CPU itself.
    const p = child(`
      const lines = require('node:readline').createInterface({ input: process.stdin });
      lines.on('line', (l) => {
        if (l === 'block') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
          process.stdout.write('blocked\\n');
        } else if (l === 'spin') {
          const start = process.cpuUsage();
          for (;;) { const u = process.cpuUsage(start); if (u.user + u.system >= 300_000) break; }
          process.stdout.write('spun\\n');
        }
      });
      process.stdout.write('ready\\n');`);
    try {
      await p.until('ready');
      const clock = processClock(p.pid);
      assert.ok(clock, 'no clock for a Linux process');
      const a = clock();
      p.send('block');
      await p.until('blocked');
      const b = clock();
      p.send('spin');
      await p.until('spun');
      const c = clock();
      assert.ok(b - a < 150, `blocked for 300 ms but counted ${(b - a).toFixed(0)} ms`);
      assert.ok(c - b >= 250, `spun for 300 ms of CPU but counted ${(c - b).toFixed(0)} ms`);
    } finally {
      p.end();
    }
  });

  it('the closer run that answered 20 s late (seed 1629977466, 190 KB) answers every request within 2 s of server CPU', async function () {
    if (process.platform !== 'linux') this.skip();
    const out = mkdtempSync(path.join(os.tmpdir(), 'axial-stdio-fuzz-'));
    try {
      const s = await runStdioFuzz({ seed: 0, seeds: [1629977466], scale: 1, boundMs: 2000, timeoutMs: 240_000, memoryMb: 3072, outDir: out });
      assert.equal(s.clock, 'server CPU');
      assert.ok(s.properties['bounded-time'].checks > 100, `${s.properties['bounded-time'].checks} requests timed`);
      assert.deepEqual(
        s.failures.map((f) => `${f.property}: ${f.message}`),
        [],
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
