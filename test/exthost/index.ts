/**
 * Entry of the extension-host suite: the `@vscode/test-electron` contract, a module
 * exporting `run(): Promise<void>` that VS Code loads (as `extensionTestsPath`) in the
 * extension host, with the real `vscode` API and Axial loaded from
 * `extensionDevelopmentPath`.
 *
 * It runs mocha (tdd UI) over the `*.test.js` files bundled beside it, and — because
 * nobody reads the extension host's stdout inside code-server — writes the results
 * to a JSON file the launcher (scripts/run-exthost-tests.mjs) reads:
 *
 * - the path comes from `AXIAL_EXTHOST_RESULT` when the extension host has that
 *   variable (test-electron passes it as `extensionTestsEnv`; code-server hands its
 *   own environment on to the extension host), else it is `exthost-result.json` in
 *   the parent folder of the workspace folder (the runner's temporary folder, which
 *   holds the copy of the example as `workspace/`);
 * - `<result>.progress` gets one JSON line per event as the suite runs (`start`,
 *   then `test`/`pass`/`fail`/`pending`), so the launcher knows the suite started and,
 *   on a timeout, which test was running;
 * - `<result>` itself is written once, atomically (write + rename), at the end.
 *
 * `run()` rejects when any test failed, as test-electron expects.
 */
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const RESULT_ENV = 'AXIAL_EXTHOST_RESULT';
export const RESULT_FILE_NAME = 'exthost-result.json';

export interface TestResult {
  /** Titles of the enclosing suites, outermost first. */
  suite: string[];
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  /** A failed hook ("before all" …) is reported as a failed entry of type 'hook'. */
  type: 'test' | 'hook';
  error?: { message: string; stack?: string; expected?: string; actual?: string };
}

export interface SuiteResult {
  version: 1;
  /** How the result path was found: 'env' or 'workspace-parent'. */
  via: 'env' | 'workspace-parent';
  vscode: { version: string; appName: string; appHost: string; uiKind: string; remoteName?: string };
  node: string;
  pid: number;
  workspace?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tests: TestResult[];
  totals: { tests: number; passed: number; failed: number; pending: number };
  /** A failure outside any test (the suite could not load, mocha threw). */
  error?: string;
}

function resultLocation(): { file: string; via: SuiteResult['via'] } {
  const fromEnv = process.env[RESULT_ENV];
  if (fromEnv) return { file: fromEnv, via: 'env' };
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    throw new Error(`no ${RESULT_ENV} and no file workspace folder: nowhere to write the results`);
  }
  return { file: path.join(path.dirname(folder.uri.fsPath), RESULT_FILE_NAME), via: 'workspace-parent' };
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

const sourceMaps = new Map<string, SourceMap | undefined>();

/**
 * Rewrites stack frames in this folder's bundles to their TypeScript sources, with the
 * `.js.map` files beside them (the extension host replaces Node's stack formatting, so
 * `--enable-source-maps` would not apply).
 */
function mapStack(stack: string): string {
  return stack.replace(/([^\s(]+\.js):(\d+):(\d+)/g, (whole, file: string, line: string, column: string) => {
    if (path.dirname(file) !== __dirname) return whole;
    if (!sourceMaps.has(file)) {
      let map: SourceMap | undefined;
      try {
        map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
      } catch {
        map = undefined;
      }
      sourceMaps.set(file, map);
    }
    const entry = sourceMaps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return whole;
    const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

function errorInfo(err: unknown): NonNullable<TestResult['error']> {
  if (err instanceof Error) {
    const e = err as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean; operator?: string };
    // assert.ok's expected/actual (true/false) say nothing its message does not.
    const diff = e.showDiff !== false && 'expected' in e && 'actual' in e && !(e.operator === '==' && e.expected === true);
    const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
    return {
      message: e.message,
      stack: e.stack && mapStack(e.stack),
      ...(diff ? { expected: show(e.expected), actual: show(e.actual) } : {}),
    };
  }
  return { message: String(err) };
}

function suiteTitles(t: Mocha.Runnable): string[] {
  const titles: string[] = [];
  for (let s: Mocha.Suite | undefined = t.parent; s && !s.root; s = s.parent) titles.unshift(s.title);
  return titles;
}

/** A reporter that prints nothing: the launcher prints the results from the JSON file. */
class SilentReporter extends Mocha.reporters.Base {}

export async function run(): Promise<void> {
  const started = Date.now();
  const { file, via } = resultLocation();
  const progressFile = `${file}.progress`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(progressFile, '');
  const progress = (event: Record<string, unknown>) => {
    try {
      fs.appendFileSync(progressFile, JSON.stringify({ at: Date.now() - started, ...event }) + '\n');
    } catch {
      /* progress is best effort */
    }
  };
  progress({ event: 'start', pid: process.pid, via, vscode: vscode.version });

  const tests: TestResult[] = [];
  let fatal: string | undefined;
  const record = (t: Mocha.Runnable, state: TestResult['state'], err?: unknown) => {
    const entry: TestResult = {
      suite: suiteTitles(t),
      title: t.title,
      fullTitle: t.fullTitle(),
      state,
      durationMs: t.duration,
      type: (t as Mocha.Runnable & { type?: string }).type === 'hook' ? 'hook' : 'test',
      ...(err !== undefined ? { error: errorInfo(err) } : {}),
    };
    tests.push(entry);
    progress({ event: state === 'passed' ? 'pass' : state === 'failed' ? 'fail' : 'pending', title: entry.fullTitle, durationMs: t.duration, message: entry.error?.message });
  };

  try {
    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      timeout: Number(process.env.AXIAL_EXTHOST_TEST_TIMEOUT_MS ?? 30_000),
      reporter: SilentReporter,
      ...(process.env.AXIAL_EXTHOST_GREP ? { grep: process.env.AXIAL_EXTHOST_GREP } : {}),
    });
    const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
    if (files.length === 0) throw new Error(`no *.test.js files next to ${__filename}`);
    for (const f of files) mocha.addFile(path.join(__dirname, f));
    await new Promise<void>((resolve, reject) => {
      try {
        const runner = mocha.run(() => resolve());
        runner.on('test', (t) => progress({ event: 'test', title: t.fullTitle() }));
        runner.on('pass', (t) => record(t, 'passed'));
        runner.on('fail', (t, err) => record(t, 'failed', err));
        runner.on('pending', (t) => record(t, 'pending'));
      } catch (err) {
        reject(err);
      }
    });
  } catch (err) {
    fatal = err instanceof Error ? (err.stack ?? err.message) : String(err);
    progress({ event: 'error', message: fatal });
  }

  const totals = {
    tests: tests.length,
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
  };
  const result: SuiteResult = {
    version: 1,
    via,
    vscode: {
      version: vscode.version,
      appName: vscode.env.appName,
      appHost: vscode.env.appHost,
      uiKind: vscode.UIKind[vscode.env.uiKind],
      remoteName: vscode.env.remoteName,
    },
    node: process.version,
    pid: process.pid,
    workspace: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    tests,
    totals,
    ...(fatal ? { error: fatal } : {}),
  };
  writeAtomic(file, JSON.stringify(result, null, 2) + '\n');
  progress({ event: 'end', ...totals });

  if (fatal) throw new Error(`the extension-host suite did not run: ${fatal}`);
  if (totals.failed > 0) throw new Error(`${totals.failed} extension-host test(s) failed`);
  if (totals.tests === 0) throw new Error('no extension-host tests ran');
}
