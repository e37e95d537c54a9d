/**
 * Axial's benchmark suite on a generated project of realistic shape
 * (bench/project.ts; 1,000 transcripts, about 50 MB, by default). Each number
 * stands beside a bound measured in the same run on the same machine: a ripgrep
 * scan of the same files for whole-project work (grep when rg is missing), the
 * corpus size for memory, and a trivial request's round trip over the same stdio
 * pipe for latency. Prints a table and writes bench/results.json. A benchmark, not
 * a test: it never fails on a slow machine, it reports.
 *
 *   npm run bench                                  1,000 transcripts
 *   npm run bench -- --small                       a few transcripts, to check the suite works (CI)
 *   npm run bench -- --transcripts 300 --results bench/results-300.json
 *   npm run bench -- --latency --results /tmp/r.json   one cold index, then the request latencies only (no CLI)
 *
 * AXIAL_BENCH_SMALL=1 is the same as --small.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { URI } from 'vscode-uri';
import { rng } from './corpus';
import { generateProjectCodebook, generateProjectTranscript, writeProject, type ProjectSummary } from './project';
import { childCpuMs } from './report';
import { StdioServer, VSCODE_COMPLETION_CAPABILITIES } from './stdioServer';
import { formatTable, percentile, type Measurement, type Results } from './results';
import { firstCodeTag, plainTurnLine, wordStartsOutsideSpans } from './transcriptPlaces';
import { parseTranscript } from '../core/transcript/parse';

const REPO = process.cwd();
const CLI = path.join(REPO, 'dist', 'cli.js');
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@axial.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@axial.invalid' };

const { values } = parseArgs({
  options: {
    small: { type: 'boolean' },
    transcripts: { type: 'string' },
    seed: { type: 'string' },
    results: { type: 'string' },
    'no-git': { type: 'boolean' },
    latency: { type: 'boolean' },
  },
});
const small = values.small === true || !!process.env.AXIAL_BENCH_SMALL;
const TRANSCRIPTS = Number(values.transcripts ?? (small ? 10 : 1000));
const SEED = Number(values.seed ?? 1);
const LATENCY_ONLY = values.latency === true;
const RUNS = small || LATENCY_ONLY ? 1 : 3;
const SAMPLES = small ? 10 : 200;
/** A fast typist: ten keystrokes a second. */
const TYPING_PACE_MS = small ? 10 : 100;
/** Lines of the long transcript where `{{` is typed (issue 15: 20,000). */
const LONG_LINES = small ? 2000 : 20000;
const RESULTS = path.resolve(REPO, values.results ?? path.join('bench', 'results.json'));

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Median wall and CPU time of a process run at least three times; `ok` are the exit codes that mean it worked. */
function timeProcess(cmd: string, args: string[], ok: number[] = [0]): { ms: number; cpuMs?: number } {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < Math.max(RUNS, 3); i++) {
    const before = childCpuMs();
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    samples.push(performance.now() - t0);
    if (before !== undefined) cpu.push(childCpuMs()! - before);
    if (!ok.includes(r.status ?? -1)) throw new Error(`${cmd} exited ${r.status}: ${r.stderr}`);
  }
  return { ms: percentile(samples, 0.5), cpuMs: cpu.length ? percentile(cpu, 0.5) : undefined };
}

/** The whole-project bound: ripgrep (else grep) counting openers and closers in every file of the project. */
function scanBound(dir: string): { tool: string; ms: number; cpuMs?: number } {
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' }).status === 0;
  const [cmd, args] = rg ? ['rg', ['-c', '-e', '\\{\\{', '-e', '\\}\\}\\{', dir]] : ['grep', ['-rc', '--exclude-dir=.git', '-E', '\\{\\{|\\}\\}\\{', dir]];
  return { tool: rg ? 'rg' : 'grep', ...timeProcess(cmd, args as string[], [0, 1]) };
}

/**
 * Node's own floor for reading a project: a fresh process that lists the folder and
 * reads every codebook and transcript as UTF-8 with readFileSync, one after another,
 * and does nothing else. Any Node tool that reads the project pays at least this.
 */
const READ_EVERY_FILE = `
const fs = require('node:fs'), path = require('node:path');
let chars = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== '.git') walk(full); }
    else if (e.isFile() && (e.name === 'codebook.yaml' || /\\.(md|txt)$/i.test(e.name))) chars += fs.readFileSync(full, 'utf8').length;
  }
})(process.argv[1]);
if (chars === 0) process.exit(1);
`;

/** Median wall and CPU time of an `axial` command run as a process. */
function timeCli(args: string[], cwd: string, ok: number[] = [0]): { ms: number; cpuMs?: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = childCpuMs();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
    wall.push(performance.now() - t0);
    if (before !== undefined) cpu.push(childCpuMs()! - before);
    if (!ok.includes(r.status ?? -1)) throw new Error(`axial ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { ms: percentile(wall, 0.5), cpuMs: cpu.length ? percentile(cpu, 0.5) : undefined };
}

/** A second commit changing a fifth of the transcripts as coders do: recoded spans, new spans, a few words. */
function commitChanges(dir: string, project: ProjectSummary): void {
  const { codes } = generateProjectCodebook(project.codes, SEED);
  const r = rng(SEED + 99);
  const step = 5;
  for (let i = 0; i < project.files.length; i += step) {
    const file = path.join(dir, project.files[i]);
    let text = readFileSync(file, 'utf8');
    let recoded = 0;
    text = text.replace(/\{#([^\s}@^"]+)/g, (whole) => (recoded++ < 6 && r() < 0.3 ? `{#${codes[Math.floor(r() * codes.length)]}` : whole));
    text = text.replace(/\nP: ([^{}\n]{20,}?\.) /, (_m, s: string) => `\nP: {{${s}}}{#${codes[Math.floor(r() * codes.length)]}} `);
    if (i % (step * 10) === 0) text = text.replace(/\nI: /, '\nI: Well, ');
    writeFileSync(file, text);
  }
  git(dir, 'commit', '-qam', 'second coding pass');
}

/** Request latencies over stdio against the indexed project, beside a trivial request's round trip. */
type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

/**
 * Edits of an open document (versions from 2 on), each timed from the change sent
 * until its diagnostics arrive.
 */
function timedEdits(server: StdioServer, uri: string): (range: LspRange, newText: string) => Promise<number> {
  let version = 2;
  return async (range, newText) => {
    const done = server.nextDiagnostics(uri);
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range, text: newText }] });
    await done;
    return performance.now() - t0;
  };
}

async function latencies(server: StdioServer, dir: string, project: ProjectSummary, out: Measurement[]): Promise<void> {
  // The longest transcript among the first few: where a coder types.
  const file = path.join(dir, project.files[Math.min(3, project.files.length - 1)]);
  // One unknown code at the end, so that every publish is non-empty (the server skips empty ones for clean files).
  const text = readFileSync(file, 'utf8') + 'P: {{one more}}{#no-such-code}\n';
  const lines = text.split('\n');
  const uri = URI.file(file).toString();
  const diagnosed = server.nextDiagnostics(uri);
  await server.openTranscript(file, text);
  await diagnosed;
  const codeAt = firstCodeTag(lines);
  // Right after `#`: completion offers every code.
  const hashAt = codeAt;
  const series = async (method: string, params: unknown) => {
    // A few unmeasured calls first, so that no series pays for the server's first compilation of its path.
    for (let i = 0; i < 5; i++) await server.time(method, params);
    const samples: number[] = [];
    let result: unknown;
    for (let i = 0; i < SAMPLES; i++) {
      const r = await server.time(method, params);
      samples.push(r.ms);
      result = r.result;
    }
    return { samples, result };
  };
  // The bound: the cheapest request the server handles, a hover over plain words (it answers nothing),
  // through the same pipe, JSON and dispatch as every other request.
  const plainLine = plainTurnLine(lines);
  const trivial = await series('textDocument/hover', { textDocument: { uri }, position: { line: plainLine, character: 8 } });
  if (trivial.result !== null) throw new Error(`the hover over plain words answered ${JSON.stringify(trivial.result)}: pick another place for the bound`);
  const boundP50 = percentile(trivial.samples, 0.5);
  const boundP99 = percentile(trivial.samples, 0.99);
  const add = (name: string, samples: number[], target?: number, answer?: string) => {
    const p50 = percentile(samples, 0.5);
    const p99 = percentile(samples, 0.99);
    out.push({ name, kind: 'latency', p50, p99, bound: 'trivial request round trip', boundP50, boundP99, ratioP50: p50 / boundP50, ratio: p99 / boundP99, targetMs: target, answer });
  };
  const count = (r: unknown) => (Array.isArray(r) ? r.length : Array.isArray((r as { items?: unknown[] })?.items) ? (r as { items: unknown[] }).items.length : r ? 1 : 0);
  add('trivial request (hover over plain words: answers nothing)', trivial.samples);

  // One-character edits in the middle of the transcript, each until its diagnostics arrive.
  const mid = Math.floor(lines.length / 2);
  const editSamples: number[] = [];
  const edit = timedEdits(server, uri);
  const at = (line: number, character: number) => ({ line, character });
  for (let i = 0; i < SAMPLES; i++) {
    editSamples.push(i % 2 === 0 ? await edit({ start: at(mid, 3), end: at(mid, 3) }, 'x') : await edit({ start: at(mid, 3), end: at(mid, 4) }, ''));
  }
  add('edit (one character) → publishDiagnostics', editSamples, 15);
  // Typing `{{` leaves a span open until the end of the file; deleting it closes it again.
  const openerSamples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    openerSamples.push(i % 2 === 0 ? await edit({ start: at(mid, 3), end: at(mid, 3) }, '{{') : await edit({ start: at(mid, 3), end: at(mid, 5) }, ''));
  }
  add('edit (typing {{, then deleting it) → publishDiagnostics', openerSamples, 15);
  const longTyping = await typingInLongTranscript(server, dir, project, add);

  const doc = { textDocument: { uri } };
  const completion = await series('textDocument/completion', { ...doc, position: hashAt });
  add('completion after #', completion.samples, 10, `${count(completion.result)} items, ${Math.round(Buffer.byteLength(JSON.stringify(completion.result)) / 1024)} KiB`);
  const hover = await series('textDocument/hover', { ...doc, position: codeAt });
  add('hover on a code', hover.samples, 10, hover.result ? 'the code\'s definition' : 'nothing');
  const refs = await series('textDocument/references', { ...doc, position: codeAt, context: { includeDeclaration: true } });
  add('references of a code (whole project)', refs.samples, 50, `${count(refs.result)} locations`);
  const tree = await series('axial/tree/children', {});
  add('tree: first level', tree.samples, 100, `${count(tree.result)} nodes`);
  // Last: its idle time between keystrokes lets the collector start work that the
  // series above would otherwise meet.
  await typingAtPace(longTyping, add);
}

/**
 * A transcript of LONG_LINES lines of the project's shape (turns, nested, labelled and
 * two-paragraph spans, two coders): the whole generated transcript cut before the
 * interviewer's turn that follows the LONG_LINES-th line.
 */
function longTranscript(project: ProjectSummary): string {
  const { codes } = generateProjectCodebook(project.codes, SEED);
  const { text } = generateProjectTranscript(9999, codes, { seed: SEED, turns: 2 * LONG_LINES });
  const lines = text.split('\n');
  let end = LONG_LINES;
  while (end < lines.length && !lines[end].startsWith('I: ')) end++;
  return lines.slice(0, end).join('\n') + '\n';
}

/**
 * Typing `{{` at the start of a word outside any span in a long transcript, then
 * deleting it, each until its diagnostics arrive. VS Code does not close `{` before a
 * letter, so the new span stays open to the end of the file until deleted.
 */
async function typingInLongTranscript(server: StdioServer, dir: string, project: ProjectSummary, add: (name: string, samples: number[], target?: number) => void): Promise<LongTyping> {
  const file = path.join(dir, path.dirname(project.files[0]), 'long-interview.md');
  // One unknown code at the end, so that every publish is non-empty (as above).
  const text = longTranscript(project) + 'P: {{one more}}{#no-such-code}\n';
  writeFileSync(file, text);
  const t = parseTranscript(text);
  const places = wordStartsOutsideSpans(text, t.spans, t.bodyStart, SAMPLES / 2 + 5, SEED);
  const uri = URI.file(file).toString();
  const opened = server.nextDiagnostics(uri);
  await server.openTranscript(file, text);
  await opened;
  const edit = timedEdits(server, uri);
  const samples: number[] = [];
  for (let i = 0; i < places.length; i++) {
    const at = places[i];
    const typed = await edit({ start: at, end: at }, '{{');
    const deleted = await edit({ start: at, end: { line: at.line, character: at.character + 2 } }, '');
    // The first few pairs are not measured: the server compiles its paths.
    if (i >= 5) samples.push(typed, deleted);
  }
  add(`typing {{ in a ${LONG_LINES.toLocaleString('en-US')}-line transcript (then deleting it) → publishDiagnostics`, samples, 15);

  return { edit, places };
}


/** The long transcript's edit function and the places typed at, for typingAtPace. */
interface LongTyping {
  edit: (range: LspRange, newText: string) => Promise<number>;
  places: { line: number; character: number }[];
}

/**
 * The long transcript's keystrokes again at a fast typist's pace, one every
 * TYPING_PACE_MS (sooner only when an answer took longer): between keystrokes the
 * server is idle, as it is while a person types.
 */
async function typingAtPace({ edit, places }: LongTyping, add: (name: string, samples: number[], target?: number) => void): Promise<void> {
  const paced: number[] = [];
  let lastSent = performance.now();
  const typist = async (range: LspRange, newText: string) => {
    const wait = lastSent + TYPING_PACE_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastSent = performance.now();
    return edit(range, newText);
  };
  for (let i = 0; i < places.length; i++) {
    const at = places[i];
    const typed = await typist({ start: at, end: at }, '{{');
    const deleted = await typist({ start: at, end: { line: at.line, character: at.character + 2 } }, '');
    if (i >= 5) paced.push(typed, deleted);
  }
  add(`the same at a typist's pace (a keystroke every ${TYPING_PACE_MS} ms) → publishDiagnostics`, paced, 15);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-suite-'));
  const loadBefore = os.loadavg();
  const measurements: Measurement[] = [];
  try {
    const t0 = performance.now();
    const project = writeProject(dir, { transcripts: TRANSCRIPTS, seed: SEED, codes: small ? 200 : 500 });
    console.log(
      `Axial benchmark suite — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}\n` +
        `project: ${project.transcripts} transcripts, ${(project.bytes / 1e6).toFixed(1)} MB, ${project.codes} codes, ${project.spans} spans, ${project.doubleCoded} with two coders (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const scan = scanBound(dir);
    const scanName = `${scan.tool} scan of the project for {{ and }}{`;
    // On a shared machine the wall clock includes waiting for a core; CPU time (ours and the bound's) does not.
    const cpuRatio = (cpuMs?: number) => (cpuMs !== undefined && scan.cpuMs ? cpuMs / scan.cpuMs : undefined);
    const whole = (name: string, r: { ms: number; cpuMs?: number }, targetMs?: number) =>
      measurements.push({ name, kind: 'whole', ms: r.ms, cpuMs: r.cpuMs, bound: scanName, boundMs: scan.ms, boundCpuMs: scan.cpuMs, ratio: r.ms / scan.ms, cpuRatio: cpuRatio(r.cpuMs), targetMs });
    whole(scanName, scan);
    // Node's floors, beside ripgrep: what a cold index and `axial check` cannot go below.
    whole('node start-up (node -e 0)', timeProcess(process.execPath, ['-e', '0']));
    whole('node: read and decode every file (a fresh process, readFileSync)', timeProcess(process.execPath, ['-e', READ_EVERY_FILE, dir]));

    // Cold index: a fresh server per run, so every run reads the disk and parses everything.
    const cold: number[] = [];
    const coldCpu: number[] = [];
    let rss: number | undefined;
    for (let i = 0; i < RUNS; i++) {
      const server = new StdioServer(REPO, process.env.AXIAL_BENCH_SERVER_ARGS ? process.env.AXIAL_BENCH_SERVER_ARGS.split(' ') : []);
      // As VS Code's client, whose capabilities decide the shape of completion answers.
      cold.push(await server.indexFolder(dir, VSCODE_COMPLETION_CAPABILITIES));
      coldCpu.push(server.cpuMs() ?? NaN);
      rss = server.rss();
      if (i < RUNS - 1) await server.stop();
      else {
        whole('server cold index (initialize → axial/status indexing: false)', { ms: percentile(cold, 0.5), cpuMs: Number.isNaN(coldCpu[0]) ? undefined : percentile(coldCpu, 0.5) }, 1000);
        if (rss !== undefined) {
          const targetMb = (4 * project.bytes) / 1e6 + 150;
          measurements.push({ name: 'server RSS after indexing', kind: 'memory', mb: rss / 1e6, bound: 'corpus size on disk', boundMb: project.bytes / 1e6, ratio: rss / project.bytes, targetMb });
        }
        await latencies(server, dir, project, measurements);
        await server.stop();
      }
    }

    if (!LATENCY_ONLY) whole('axial check', timeCli(['check', dir], dir, [0, 1]), 1000);
    if (!LATENCY_ONLY) whole('axial agree', timeCli(['agree', dir, '--format', 'json'], dir), 3000);
    if (!values['no-git'] && !LATENCY_ONLY) {
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'config', 'core.autocrlf', 'false');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'first coding pass');
      commitChanges(dir, project);
      whole(`axial diff HEAD~1 HEAD (${Math.ceil(project.files.length / 5)} files changed)`, timeCli(['diff', '--format', 'json', 'HEAD~1', 'HEAD'], dir), 3000);
    }

    const results: Results = {
      date: new Date().toISOString(),
      mode: small ? 'small' : LATENCY_ONLY ? 'latency' : 'full',
      machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? '', memoryGb: os.totalmem() / 1e9, loadBefore, loadAfter: os.loadavg() },
      corpus: { transcripts: project.transcripts, bytes: project.bytes, codes: project.codes, spans: project.spans, turns: project.turns, codedTurns: project.codedTurns, doubleCoded: project.doubleCoded, seed: SEED },
      scanTool: scan.tool,
      measurements,
    };
    console.log('\n' + formatTable(results));
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    console.log(`\nwrote ${path.relative(REPO, RESULTS)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
