/**
 * The bundled server over stdio on one multi-megabyte line of markup of each shape
 * (bench/markupLineShapes.ts), a fresh server each: server CPU (from /proc) and peak
 * RSS to open it and publish its diagnostics, then for one change in the middle of
 * the line. Linux only. Run `npm run build` first; then:
 * npx tsx bench/markupLinesServer.ts [megabytes] [shape,…]   (default 5, every shape)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from '../test/lsp/harness';
import { MARKUP_LINE_SHAPES } from './markupLineShapes';

const mb = Number(process.argv[2] ?? 5);
const only = process.argv[3]?.split(',');

/** CPU milliseconds (user + system) and peak RSS in MB of a process, from /proc. */
function usage(pid: number): { cpuMs: number; peakRssMB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];
  return { cpuMs: ticks * 10, peakRssMB: Math.round(Number(hwm) / 1024) };
}

async function measure(name: string, text: string): Promise<void> {
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
        shape: name,
        chars: text.length,
        published: client.diagnostics.get(uriOf(file))?.length,
        openCpuMs: opened.cpuMs - start.cpuMs,
        changeCpuMs: changed.cpuMs - opened.cpuMs,
        peakRssMB: changed.peakRssMB,
      }),
    );
  } catch (e) {
    console.log(JSON.stringify({ shape: name, chars: text.length, failed: String(e) }));
  } finally {
    await client.stop().catch(() => undefined);
    cleanup(dir);
  }
}

async function main(): Promise<void> {
  for (const [name, make] of Object.entries(MARKUP_LINE_SHAPES)) {
    if (only && !only.includes(name)) continue;
    await measure(name, 'P: {{x}}{#trust} ' + make(mb) + '\nQ: {{x}}{#nope}\n');
  }
}

void main();
