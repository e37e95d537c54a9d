/**
 * What "Axial: Open Report" costs on a project of realistic size: the bundled
 * server over stdio indexes 1,000 generated transcripts, then answers
 * `axial/report` for the project a few times. Each time a hover on a code is sent
 * right behind the report, as a user pointing at a tag meanwhile would: its round
 * trip is how long the editor's features wait. Prints the report's round trip, the
 * server's CPU for it, the page's size and the hover's wait. Never fails.
 *
 *   npm run build && node scripts/run-bench.mjs reportOverStdio [--transcripts 300]
 *   AXIAL_BENCH_DIR=/tmp/p1000 reuses a project made by bench/generate.ts
 */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { URI } from 'vscode-uri';
import { withBenchProject } from './scratch';
import { StdioServer } from './stdioServer';
import { firstCodeTag } from './transcriptPlaces';

const REPO = process.cwd();
const { values } = parseArgs({ options: { transcripts: { type: 'string' }, runs: { type: 'string' } } });
const TRANSCRIPTS = Number(values.transcripts ?? 1000);
const RUNS = Number(values.runs ?? 3);

async function main(): Promise<void> {
  await withBenchProject('report-stdio', { transcripts: TRANSCRIPTS, seed: 1 }, async (dir) => {
    const file = path.join(dir, 'transcripts', 'case-0003.md');
    const codeAt = firstCodeTag(readFileSync(file, 'utf8').split('\n'));
    const server = new StdioServer(REPO);
    const indexMs = await server.indexFolder(dir);
    const { uri } = await server.openTranscript(file);
    // The hover answers once the opened file is read: wait for a real answer before timing.
    while (!(await server.time('textDocument/hover', { textDocument: { uri }, position: codeAt })).result);
    const idle = await server.time('textDocument/hover', { textDocument: { uri }, position: codeAt });
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; cold index ${indexMs.toFixed(0)} ms; hover when idle ${idle.ms.toFixed(1)} ms`);
    for (let run = 1; run <= RUNS; run++) {
      const cpu0 = server.cpuMs();
      const report = server.time('axial/report', { uri: URI.file(dir).toString() });
      const hover = server.time('textDocument/hover', { textDocument: { uri }, position: codeAt });
      const [r, h] = await Promise.all([report, hover]);
      const cpu = server.cpuMs();
      const html = (r.result as { html?: string } | null)?.html ?? '';
      console.log(
        `run ${run}: axial/report ${(r.ms / 1000).toFixed(2)} s (server CPU ${cpu0 === undefined || cpu === undefined ? '?' : ((cpu - cpu0) / 1000).toFixed(2)} s), ` +
          `page ${(html.length / 1e6).toFixed(2)} M characters; a hover sent behind it waited ${(h.ms / 1000).toFixed(2)} s`,
      );
    }
    await server.stop();
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
