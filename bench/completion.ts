/**
 * Completion after `#` on the generated project of the suite (1,000 transcripts and
 * 500 codes by default): the round trip over stdio as an editor sees it, p50, p90,
 * p99 and max of many requests, beside a trivial request's round trip, the size of
 * the answer in JSON, and the round trip of completionItem/resolve (the definition
 * of the item in focus). Run several rounds to see how steady the tail is. Prints
 * numbers; never fails.
 *
 *   node scripts/run-bench.mjs completion [--transcripts 1000] [--rounds 3] [--samples 500]
 *   AXIAL_BENCH_DIR=/tmp/p1000 reuses a project made by bench/generate.ts;
 *   AXIAL_BENCH_TRANSCRIPTS=50 overrides the number of transcripts generated
 */
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from './results';
import { withBenchProject } from './scratch';
import { StdioServer, VSCODE_COMPLETION_CAPABILITIES } from './stdioServer';
import { firstCodeTag, plainTurnLine, type Place } from './transcriptPlaces';

const REPO = process.cwd();
const { values } = parseArgs({
  options: { transcripts: { type: 'string' }, rounds: { type: 'string' }, samples: { type: 'string' }, small: { type: 'boolean' } },
});
const small = values.small === true || !!process.env.AXIAL_BENCH_SMALL;
const TRANSCRIPTS = Number(values.transcripts ?? (small ? 10 : 1000));
const ROUNDS = Number(values.rounds ?? (small ? 1 : 3));
const SAMPLES = Number(values.samples ?? (small ? 20 : 500));

async function main(): Promise<void> {
  await withBenchProject('completion', { transcripts: TRANSCRIPTS, seed: 1, codes: small ? 200 : 500 }, async (dir) => {
    const file = path.join(dir, 'transcripts', 'case-0003.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = { hashAt: firstCodeTag(lines), plainLine: plainTurnLine(lines) };
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${SAMPLES} requests a round, ${ROUNDS} rounds`);

    for (const [client, capabilities] of [
      ['a client like VS Code (list defaults, definitions on resolve)', VSCODE_COMPLETION_CAPABILITIES],
      ['a client that takes whole items (Neovim 0.7)', {}],
    ] as const) {
      console.log(`\n${client}`);
      await rounds(dir, file, capabilities, at);
    }
  });
}

/** Rounds of trivial requests, completions and resolves against one server started with `capabilities`. */
async function rounds(dir: string, file: string, capabilities: object, at: { hashAt: Place; plainLine: number }): Promise<void> {
  const { hashAt, plainLine } = at;
  const server = new StdioServer(REPO);
  const indexMs = await server.indexFolder(dir, capabilities);
  const { uri } = await server.openTranscript(file);
  console.log(`indexed in ${indexMs.toFixed(0)} ms`);
  const series = async (method: string, params: unknown) => {
    for (let i = 0; i < 10; i++) await server.time(method, params);
    const samples: number[] = [];
    let result: unknown;
    // CPU time does not count waiting for a core, which on a shared machine is most of the tail.
    const serverCpu = server.cpuMs();
    const ownCpu = process.cpuUsage();
    for (let i = 0; i < SAMPLES; i++) {
      const r = await server.time(method, params);
      samples.push(r.ms);
      result = r.result;
    }
    const own = process.cpuUsage(ownCpu);
    const cpu = { server: serverCpu === undefined ? NaN : (server.cpuMs()! - serverCpu) / SAMPLES, client: (own.user + own.system) / 1000 / SAMPLES };
    return { samples, result, cpu };
  };
  const cpuOf = (c: { server: number; client: number }) => `  CPU a request: server ${c.server.toFixed(2)} ms, client ${c.client.toFixed(2)} ms`;
  const fmt = (s: number[]) =>
    `p50 ${percentile(s, 0.5).toFixed(2)} ms, p90 ${percentile(s, 0.9).toFixed(2)}, p99 ${percentile(s, 0.99).toFixed(2)}, max ${Math.max(...s).toFixed(2)}`;
  for (let round = 1; round <= ROUNDS; round++) {
    const trivial = await series('textDocument/hover', { textDocument: { uri }, position: { line: plainLine, character: 8 } });
    const completion = await series('textDocument/completion', { textDocument: { uri }, position: hashAt });
    const r = completion.result as { items?: { label: string }[] } | { label: string }[];
    const items = Array.isArray(r) ? r : (r.items ?? []);
    const bytes = Buffer.byteLength(JSON.stringify(completion.result));
    const first = Array.isArray(r) ? items[0] : { ...items[0], data: (r as { itemDefaults?: { data?: unknown } }).itemDefaults?.data };
    const resolve = await series('completionItem/resolve', first);
    console.log(`round ${round} (load ${os.loadavg()[0].toFixed(2)}):`);
    console.log(`  trivial request     ${fmt(trivial.samples)}`);
    console.log(`  completion after #  ${fmt(completion.samples)}  (${items.length} items, ${(bytes / 1024).toFixed(0)} KiB of JSON)`);
    console.log(`  ${cpuOf(completion.cpu)} (the trivial request: ${cpuOf(trivial.cpu).trim()})`);
    console.log(`  resolve (1 item)    ${fmt(resolve.samples)}`);
    console.log(`  ratio p99 ${(percentile(completion.samples, 0.99) / percentile(trivial.samples, 0.99)).toFixed(1)}× the trivial request`);
  }
  await server.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
