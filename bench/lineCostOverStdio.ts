/**
 * What the bundled server spends, over stdio, on one transcript of a single long line
 * of markup: shared by bench/markupLinesServer.ts (every shape of
 * bench/markupLineShapes.ts) and bench/strayCloserServer.ts (a run of `}}`). Linux
 * only (CPU and peak RSS come from /proc). Run `npm run build` first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from '../test/lsp/harness';

/** CPU milliseconds (user + system) and peak RSS in MB of a process, from /proc. */
function usage(pid: number): { cpuMs: number; peakRssMB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
  return { cpuMs: ticks * 10, peakRssMB: Math.round(Number(hwm) / 1024) };
}

/**
 * Opens `text` as one transcript of a fresh bundled server over stdio, then changes
 * the middle of it, and prints one JSON line: server CPU to open it and publish its
 * diagnostics, CPU for the change, and the peak RSS (with `shape` when given). A
 * failure is printed as a JSON line too, so a run over several shapes goes on.
 */
export async function measureLineOverStdio(text: string, shape?: string): Promise<void> {
  const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
  const file = path.join(dir, 'transcripts', 'huge.md');
  writeFileSync(file, '');
  const client = new LspClient(dir);
  try {
    await client.start();
    const pid = (client as unknown as { proc: { pid: number } }).proc.pid;
    // The small fixture's own scan, so that what follows measures the long line.
    await client.request('axial/getStatus', {});
    const start = usage(pid);
    client.open(file, text);
    await client.waitForDiagnostics(file, (ds) => ds.length > 0, 600000);
    const opened = usage(pid);
    const before = JSON.stringify(client.diagnostics.get(uriOf(file)));
    const at = text.length >> 1;
    client.change(file, 2, text.slice(0, at) + '}} ' + text.slice(at));
    await client.waitForDiagnostics(file, (ds) => JSON.stringify(ds) !== before, 600000);
    const changed = usage(pid);
    console.log(
      JSON.stringify({
        ...(shape === undefined ? {} : { shape }),
        chars: text.length,
        published: client.diagnostics.get(uriOf(file))?.length,
        openCpuMs: opened.cpuMs - start.cpuMs,
        changeCpuMs: changed.cpuMs - opened.cpuMs,
        peakRssMB: changed.peakRssMB,
      }),
    );
  } catch (e) {
    console.log(JSON.stringify({ ...(shape === undefined ? {} : { shape }), chars: text.length, failed: String(e) }));
  } finally {
    await client.stop().catch(() => undefined);
    cleanup(dir);
  }
}
