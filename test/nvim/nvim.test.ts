import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { cleanup, copyFixture, REPO, SERVER } from '../lsp/harness';

/**
 * A second, independent LSP client for the real bundled server: a headless Neovim
 * (Debian's neovim 0.7) configured by test/nvim/axial.lua — the same config the
 * README's "Other editors" section shows — and driven by test/nvim/run.lua, which
 * writes what Neovim's LSP client saw as JSON for the assertions below.
 *
 * Needs `nvim` on PATH (apt-get install -y neovim) and `npm run build`. Without
 * nvim the suite fails, it does not skip.
 */
const NVIM_DIR = __dirname;
const CONFIG = path.join(NVIM_DIR, 'axial.lua');
const DRIVER = path.join(NVIM_DIR, 'run.lua');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');
const NVIM_TIMEOUT_MS = Number(process.env.AXIAL_NVIM_TIMEOUT_MS ?? 60_000);

interface VimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code?: string;
  message: string;
  source?: string;
}

interface NvimResult {
  nvim: string;
  error?: string;
  filetype?: string;
  client?: { name: string; root_dir: string; server_pid: number };
  diagnostics?: VimDiagnostic[];
  hover?: { kind: string; value: string };
  hover_params?: { line: number; character: number };
  fixed_line?: number;
  diagnostics_after_fix?: VimDiagnostic[];
  line_after_fix?: string;
  ms?: Record<string, number>;
  progress?: { kind: string; title?: string; message?: string; percentage?: number }[];
}

interface NvimRun {
  result: NvimResult;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  pid: number;
  ms: number;
  /** Processes of nvim's process group still alive once nvim has exited (killed, then reported). */
  leftBehind: number[];
}

/** The nvim version line, or a failure that says how to get nvim. */
function requireNvim(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) {
    throw new Error(
      'Neovim (nvim) is not installed, so the Neovim LSP client test cannot run.\n' +
        '  Install it: apt-get install -y neovim   (Debian 12: 0.7.2; any 0.7+ works)\n' +
        `  (${r.error ? r.error.message : `nvim --version exited ${r.status}`})`,
    );
  }
  const line = r.stdout.split('\n')[0];
  const m = /NVIM v(\d+)\.(\d+)/.exec(line);
  if (!m || (Number(m[1]) === 0 && Number(m[2]) < 7)) throw new Error(`Neovim 0.7 or newer is needed, found: ${line}`);
  return line;
}

/** Children of every process, from /proc (Linux). */
function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(name)]);
    } catch {
      /* exited meanwhile */
    }
  }
  return map;
}

function descendants(pid: number): number[] {
  const map = childrenByParent();
  const out: number[] = [];
  const todo = [pid];
  while (todo.length) for (const c of map.get(todo.pop()!) ?? []) out.push(c), todo.push(c);
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** Members of process group `pgid` that are alive (not zombies). */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) out.push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `nvim --headless --clean -u NONE` with the config and the driver, in its own
 * process group; kills nvim and everything it started on timeout.
 */
async function runNvim(env: Record<string, string>, scratch: string): Promise<NvimRun> {
  const resultFile = path.join(scratch, 'result.json');
  const args = [
    '--headless', '--clean', '-u', 'NONE',
    '--cmd', 'lua vim.g.axial_server = vim.env.AXIAL_SERVER',
    '-c', `luafile ${CONFIG}`,
    // As in a normal start: the user's config first, then filetype detection (markdown for *.md).
    '-c', 'filetype on',
    '-c', `luafile ${DRIVER}`,
  ];
  const xdg = path.join(scratch, 'xdg');
  const started = Date.now();
  const child = spawn('nvim', args, {
    cwd: scratch,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // The server is started as `node`: the same Node that runs the tests.
      PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      // Neovim's log, state and shada go to the scratch folder, not ~.
      XDG_CONFIG_HOME: path.join(xdg, 'config'),
      XDG_DATA_HOME: path.join(xdg, 'data'),
      XDG_STATE_HOME: path.join(xdg, 'state'),
      XDG_CACHE_HOME: path.join(xdg, 'cache'),
      AXIAL_SERVER: SERVER,
      AXIAL_RESULT: resultFile,
      ...env,
    },
  });
  const pid = child.pid!;
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += String(d)));
  child.stderr!.on('data', (d) => (stderr += String(d)));
  let seen: number[] = [];
  const sampler = setInterval(() => {
    for (const p of descendants(pid)) if (!seen.includes(p)) seen.push(p);
  }, 100);
  const killAll = () => {
    for (const p of [...seen, ...descendants(pid)]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', killAll);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        killAll();
        reject(new Error(`nvim did not finish within ${NVIM_TIMEOUT_MS / 1000}s (killed it and its children)\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
      }, NVIM_TIMEOUT_MS);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    const ms = Date.now() - started;
    // Neovim stops the server on exit (shutdown/exit, then a kill after 500 ms): give
    // the group a moment, then kill and report whatever is still there.
    const deadline = Date.now() + 5000;
    let left = [...groupMembers(pid), ...seen.filter(alive)];
    while (left.length > 0 && Date.now() < deadline) {
      await delay(100);
      left = [...new Set([...groupMembers(pid), ...seen.filter(alive)])];
    }
    if (left.length > 0) killAll();
    if (!existsSync(resultFile)) {
      throw new Error(`nvim exited ${exitCode} without writing ${resultFile}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`);
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as NvimResult;
    return { result, exitCode, stdout, stderr, pid, ms, leftBehind: left };
  } finally {
    clearInterval(sampler);
    process.removeListener('exit', killAll);
    seen = [];
  }
}

/** 0-based line and UTF-8 byte column (Neovim's) and UTF-16 column (LSP's) of `needle`'s first occurrence. */
function locate(text: string, needle: string) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `'${needle}' not in the transcript`);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  const lineStart = before.lastIndexOf('\n') + 1;
  const prefix = text.slice(lineStart, i);
  return { line, byteCol: Buffer.byteLength(prefix, 'utf8'), utf16Col: prefix.length };
}

describe('Neovim as an LSP client (headless, test/nvim/axial.lua)', function () {
  this.timeout(NVIM_TIMEOUT_MS + 30_000);

  let dir: string;
  let scratch: string;
  let file: string;
  let text: string;
  let run: NvimRun;
  const BAD = '#patient-seeking-hlp';
  const GOOD = '#patient-seeking-help';
  const HOVER_TAG = '#therapist-as-expert @CA';

  before(async function () {
    requireNvim();
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run npm run build first`);
    dir = copyFixture(EXAMPLE);
    scratch = mkdtempSync(path.join(os.tmpdir(), 'axial-nvim-'));
    file = path.join(dir, 'transcripts', 'case-c-patient.md');
    // The seeded typo sits after curly apostrophes (3 bytes in UTF-8, 1 UTF-16 unit):
    // Neovim's byte columns and the server's UTF-16 columns differ on this line.
    text = readFileSync(file, 'utf8').replace(`{${GOOD} @CA}`, `{${BAD} @CA}`);
    assert.notEqual(text, readFileSync(file, 'utf8'), 'seeding the unknown code changed nothing');
    writeFileSync(file, text);
    const hover = locate(text, HOVER_TAG);
    run = await runNvim(
      {
        AXIAL_FILE: file,
        AXIAL_HOVER_LINE: String(hover.line),
        AXIAL_HOVER_COL: String(hover.byteCol + 3),
        AXIAL_FIX: GOOD,
      },
      scratch,
    );
    console.log(`      nvim ${run.result.nvim}: ${run.ms} ms in all, steps ${JSON.stringify(run.result.ms ?? {})}`);
  });

  after(() => {
    if (dir) cleanup(dir);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the whole script without an error and exits 0', () => {
    assert.equal(run.result.error, undefined, `driver error: ${run.result.error}\n--- stderr ---\n${run.stderr}`);
    assert.equal(run.exitCode, 0, run.stderr);
  });

  it('gives the transcript the filetype axial-transcript and starts one Axial client rooted at the project', () => {
    assert.equal(run.result.filetype, 'axial-transcript');
    assert.equal(run.result.client?.name, 'axial');
    assert.equal(run.result.client?.root_dir, dir);
    assert.ok((run.result.client?.server_pid ?? 0) > 0);
  });

  it('(a) diagnostics: code.unknown at the exact line and byte columns of the seeded tag, and nothing else', () => {
    const at = locate(text, BAD);
    assert.ok(at.byteCol > at.utf16Col, 'the seeded line should hold multi-byte characters before the tag');
    const ds = run.result.diagnostics ?? [];
    assert.equal(ds.length, 1, JSON.stringify(ds, null, 2));
    const d = ds[0];
    assert.equal(d.code, 'code.unknown');
    assert.equal(d.severity, 1, 'an error');
    assert.match(d.message, /Unknown code 'patient-seeking-hlp'/);
    assert.deepEqual(
      [d.lnum, d.col, d.end_lnum, d.end_col],
      [at.line, at.byteCol, at.line, at.byteCol + Buffer.byteLength(BAD)],
    );
  });

  it('(b) hover on a tag: Markdown with the code name and its definition', () => {
    const codebook = parseYaml(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8')) as {
      codes: Record<string, { name: string; definition: string }>;
    };
    const code = codebook.codes['therapist-as-expert'];
    const hover = locate(text, HOVER_TAG);
    // Neovim converted the byte column of the cursor to UTF-16 for the request.
    assert.deepEqual(run.result.hover_params, { line: hover.line, character: hover.utf16Col + 3 });
    assert.equal(run.result.hover?.kind, 'markdown');
    const md = run.result.hover!.value;
    assert.ok(md.includes(`**${code.name}** \`therapist-as-expert\``), md);
    assert.ok(md.replace(/\s+/g, ' ').includes(code.definition.trim()), md);
  });

  it('(c) fixing the tag in the buffer (incremental change) clears the diagnostic', () => {
    assert.deepEqual(run.result.diagnostics_after_fix, []);
    const fixedLine = readFileSync(path.join(EXAMPLE, 'transcripts', 'case-c-patient.md'), 'utf8').split('\n')[run.result.fixed_line!];
    assert.equal(run.result.line_after_fix, fixedLine);
  });

  it('(d) the scan shows as work-done progress: "Axial: indexing" begins, then ends', () => {
    const progress = run.result.progress ?? [];
    const kinds = progress.map((p) => p.kind);
    assert.equal(kinds[0], 'begin', JSON.stringify(progress));
    assert.equal(progress[0].title, 'Axial: indexing');
    assert.equal(kinds.at(-1), 'end', JSON.stringify(progress));
    assert.deepEqual(kinds.slice(1, -1).filter((k) => k !== 'report'), []);
  });

  it('leaves no process behind once Neovim has quit (the server is stopped)', () => {
    assert.deepEqual(run.leftBehind, [], 'processes still alive after nvim quit (now killed)');
    assert.ok(!alive(run.result.client!.server_pid), `server pid ${run.result.client!.server_pid} still alive`);
  });

  it("the README's Neovim snippet is test/nvim/axial.lua, verbatim", () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const config = readFileSync(CONFIG, 'utf8').trimEnd();
    const blocks = [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());
    assert.ok(blocks.includes(config), 'README.md has no ```lua block equal to test/nvim/axial.lua');
  });
});
