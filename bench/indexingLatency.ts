/**
 * Requests while the server indexes: a transcript is opened right after
 * `initialized` (an editor restoring its tabs) and hover on a code is asked again
 * and again until the scan ends. Prints when the first right answer came (beside
 * the cold index), and the round trips during the scan, p50, p99 and max: how long
 * the scan keeps a request waiting. Prints numbers; never fails.
 *
 *   node scripts/run-bench.mjs indexingLatency [--transcripts 1000]
 *   AXIAL_BENCH_DIR=/tmp/p1000 reuses a project made by bench/generate.ts;
 *   AXIAL_BENCH_TRANSCRIPTS=50 overrides the number of transcripts generated
 */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from './results';
import { withBenchProject } from './scratch';
import { StdioServer } from './stdioServer';
import { firstCodeTag } from './transcriptPlaces';

const REPO = process.cwd();
const { values } = parseArgs({ options: { transcripts: { type: 'string' }, small: { type: 'boolean' } } });
const small = values.small === true || !!process.env.AXIAL_BENCH_SMALL;
const TRANSCRIPTS = Number(values.transcripts ?? (small ? 10 : 1000));

async function main(): Promise<void> {
  await withBenchProject('indexing', { transcripts: TRANSCRIPTS, seed: 1, codes: small ? 200 : 500 }, async (dir) => {
    const file = path.join(dir, 'transcripts', 'case-0003.md');
    const text = readFileSync(file, 'utf8');
    const codeAt = firstCodeTag(text.split('\n'));
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

    const server = new StdioServer(REPO);
    const t0 = performance.now();
    let indexedAt: number | undefined;
    const indexed = server.indexFolder(dir).then(() => (indexedAt = performance.now() - t0));
    const { uri } = await server.openTranscript(file, text);
    const during: number[] = [];
    let firstAnswer: number | undefined;
    while (indexedAt === undefined) {
      const r = await server.time('textDocument/hover', { textDocument: { uri }, position: codeAt });
      if (indexedAt !== undefined) break;
      during.push(r.ms);
      if (firstAnswer === undefined && r.result) firstAnswer = performance.now() - t0;
    }
    await indexed;
    const fmt = (s: number[]) => (s.length ? `p50 ${percentile(s, 0.5).toFixed(2)} ms, p99 ${percentile(s, 0.99).toFixed(2)}, max ${Math.max(...s).toFixed(2)}` : 'none');
    console.log(`cold index (initialize → indexing: false): ${indexedAt!.toFixed(0)} ms`);
    console.log(`first hover with the code's definition:   ${firstAnswer === undefined ? 'only after the scan' : `${firstAnswer.toFixed(0)} ms`}`);
    console.log(`hover round trips during the scan:         ${during.length} requests, ${fmt(during)}`);
    await server.stop();
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
