import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';
import { ScratchRepo } from '../helpers/scratchGit';
import { npm, npmEnv, packAxial } from './npmPack';

/** What the packed npm package must hold: the CLI bundle and the docs, nothing else. */
const PACKAGE_FILES = ['LICENSE', 'README.md', 'dist/cli.js', 'dist/cli/checkWorker.js', 'docs/axial.yml', 'docs/format.md', 'docs/git.md', 'package.json'];
/** Besides those, the tarball may hold only the other user docs (docs/*.md) and the CLI's per-command files and shared chunks. */
const MORE_FILES = [/^docs\/[a-z-]+\.md$/, /^dist\/cli\/[A-Za-z]+\.js$/, /^dist\/cli\/chunk-[A-Z0-9]+\.js$/];

/** Every `require("./…")` in a bundle file (static, or inside a lazy `import()`), as paths relative to the package. */
function requiredFiles(pkgDir: string, file: string): string[] {
  const js = readFileSync(path.join(pkgDir, file), 'utf8');
  return [...js.matchAll(/require\("(\.\.?\/[^"]+)"\)/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]));
}

const MINI = path.join(REPO, 'test', 'fixtures', 'projects', 'mini');

/**
 * The npm package as a researcher installs it: `npm pack` (which runs `prepare`,
 * the production build) on a copy of this repository's source, the tarball
 * installed into a fresh folder and globally (into a scratch prefix) with no
 * registry reachable, and the installed `axial` run from another git repository:
 * `check`, `diff`, and `merge` as git's merge driver set up by `init-git`.
 */
describe('the npm package: packed, installed elsewhere, run from another repository', function () {
  this.timeout(180_000);

  let tmp: string;
  let packed: string[];
  let localBin: string;
  let globalBin: string;

  before(() => {
    const pack = packAxial();
    packed = pack.files;
    console.log(`      ${pack.filename}: ${pack.size} bytes packed, ${packed.length} files`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'axial-install-'));
    const env = npmEnv(process.env, tmp);
    // Into a fresh folder, as a project's dependency...
    const project = path.join(tmp, 'tools');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "tools", "private": true }\n');
    npm(project, env, 'install', '--offline', '--no-audit', '--no-fund', pack.tarball);
    localBin = path.join(project, 'node_modules', '.bin', 'axial');
    // ...and globally, into a scratch prefix.
    const prefix = path.join(tmp, 'global');
    npm(tmp, env, 'install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', pack.tarball);
    globalBin = path.join(prefix, 'bin', 'axial');
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs an installed `axial` in `cwd` (node from this process on the PATH, for the #! line). */
  const run = (bin: string, cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) => {
    const r = spawnSync(bin, args, { cwd, env: { ...env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${env.PATH}` }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
  };

  it('the tarball holds the CLI, the README, the licence and the docs, and the package needs nothing else', () => {
    for (const f of PACKAGE_FILES) assert.ok(packed.includes(f), `${f} is missing from the tarball: ${packed.join(', ')}`);
    assert.deepEqual(packed.filter((f: string) => !PACKAGE_FILES.includes(f) && !MORE_FILES.some((re) => re.test(f))), []);
    const manifest = JSON.parse(readFileSync(path.join(tmp, 'tools', 'node_modules', 'axial-qda', 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'axial-qda');
    assert.deepEqual(manifest.bin, { axial: './dist/cli.js' });
    assert.equal(manifest.dependencies, undefined, 'the CLI bundle carries its libraries: no runtime dependencies');
    // Only the package itself was installed.
    assert.deepEqual(readdirSync(path.join(tmp, 'tools', 'node_modules')).filter((d) => !d.startsWith('.')), ['axial-qda']);
    // The packed bundle is the production build (prepare ran), not whatever dist/ held.
    const cli = readFileSync(path.join(tmp, 'tools', 'node_modules', 'axial-qda', 'dist', 'cli.js'), 'utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node'));
    assert.ok(!cli.includes('sourceMappingURL'), 'a development bundle was packed');
  });

  it('every file the CLI loads is in the package, and every file of the CLI in the package is loaded by some command', () => {
    const pkgDir = path.join(tmp, 'tools', 'node_modules', 'axial-qda');
    // From the dispatcher and the check workers' entry, follow every require of a file of the bundle.
    const reached = new Set<string>();
    const todo = ['dist/cli.js', 'dist/cli/checkWorker.js'];
    while (todo.length > 0) {
      const f = todo.pop()!;
      if (reached.has(f)) continue;
      assert.ok(packed.includes(f), `${f} is loaded by the CLI but is not in the tarball`);
      reached.add(f);
      todo.push(...requiredFiles(pkgDir, f));
    }
    // One file per command: the dispatcher loads each lazily by its name.
    for (const command of ['check', 'suggest', 'merge', 'initGit', 'diffCommand', 'strip', 'agree', 'report', 'export', 'query', 'import']) {
      assert.ok(reached.has(`dist/cli/${command}.js`), `no dist/cli/${command}.js loaded by dist/cli.js: ${[...reached].join(', ')}`);
    }
    // A stale chunk of an earlier build would be dead weight in the package, or worse, a stale copy.
    assert.deepEqual(packed.filter((f) => f.startsWith('dist/') && !reached.has(f)), []);
  });

  it('every command answers --help from the installed package, and --help lists every command', () => {
    const overview = run(localBin, tmp, process.env, '--help');
    assert.equal(overview.code, 0, overview.stderr);
    const commands = [...overview.stdout.split('Commands:')[1].matchAll(/^  ([a-z-]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    assert.deepEqual(commands, ['check', 'suggest', 'merge', 'init-git', 'diff', 'strip', 'agree', 'report', 'export', 'query', 'import']);
    for (const command of commands) {
      const r = run(localBin, tmp, process.env, command, '--help');
      assert.equal(r.code, 0, `axial ${command} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^Usage: axial ${command} `), command);
      assert.equal(r.stderr, '', command);
    }
  });

  it('both installs answer as the command axial', () => {
    for (const bin of [localBin, globalBin]) {
      assert.ok(existsSync(bin), `${bin} was not installed`);
      const r = run(bin, tmp, process.env, '--version');
      assert.equal(r.code, 0, `${bin}: ${r.error ?? r.stderr}`);
      assert.equal(r.stdout.trim(), '0.1.0');
      assert.match(run(bin, tmp, process.env, '--help').stdout, /^Usage: axial /);
    }
  });

  it('check, diff and merge (as git\'s merge driver) from another git repository', () => {
    const repo = new ScratchRepo();
    try {
      const axial = (...args: string[]) => run(localBin, repo.dir, repo.env, ...args);
      // A copy of a small project in a subfolder, set up for git with the installed CLI as driver.
      mkdirSync(path.join(repo.dir, 'study'));
      cpSync(path.join(MINI, 'codebook.yaml'), path.join(repo.dir, 'study', 'codebook.yaml'));
      cpSync(path.join(MINI, 'transcripts'), path.join(repo.dir, 'study', 'transcripts'), { recursive: true });
      const setup = axial('init-git', '--command', localBin);
      assert.equal(setup.code, 0, setup.stderr);
      assert.equal(repo.git('config', '--get', 'merge.axial.driver').stdout.trim(), `${localBin} merge --marker-size %L --path %P %O %A %B`);
      repo.commitAll('the mini study');

      const clean = axial('check');
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout + clean.stderr, /1 project, 2 transcripts: 0 errors/);

      // Two coders code the same line on two branches.
      const T = 'study/transcripts/therapist.md';
      const base = repo.read(T);
      repo.git('switch', '-q', '-c', 'coding/ca');
      repo.write(T, base.replace('I: How did it start?', 'I: {{How did}}{#trust @CA} it start?'));
      repo.commitAll('CA codes the question');
      repo.git('switch', '-q', 'main');
      repo.write(T, base.replace('I: How did it start?', 'I: {{How did it start?}}{#expertise @LN}'));
      repo.commitAll('LN codes the question');

      const diff = axial('diff', '--format', 'json', 'HEAD~1', 'HEAD');
      assert.equal(diff.code, 0, diff.stderr);
      const changes = JSON.parse(diff.stdout) as { files: { path: string; textChanged: boolean; changes: { kind: string; codes: string[]; coder: string; quote: string; line: number }[] }[] };
      assert.deepEqual(
        changes.files.map((f) => ({ path: f.path, textChanged: f.textChanged, changes: f.changes.map(({ kind, codes, coder, quote, line }) => ({ kind, codes, coder, quote, line })) })),
        [{ path: T, textChanged: false, changes: [{ kind: 'coded', codes: ['expertise'], coder: 'LN', quote: 'How did it start?', line: 8 }] }],
      );

      const merge = repo.gitMayFail('merge', '--no-edit', 'coding/ca');
      assert.equal(merge.code, 0, `git merge with the installed driver failed:\n${merge.stdout}${merge.stderr}`);
      const merged = repo.read(T);
      assert.doesNotMatch(merged, /^(<{7}|={7}|>{7})/m);
      const words = axial('strip', T);
      assert.equal(words.code, 0, words.stderr);
      assert.match(words.stdout, /^I: How did it start\?$/m);
      // Both coders' codings are in the merge: CA's came in from the branch.
      const fromBranch = JSON.parse(axial('diff', '--format', 'json', 'HEAD~1', 'HEAD').stdout) as typeof changes;
      assert.deepEqual(
        fromBranch.files.flatMap((f) => f.changes.map(({ kind, codes, coder, quote }) => ({ path: f.path, kind, codes, coder, quote }))),
        [{ path: T, kind: 'coded', codes: ['trust'], coder: 'CA', quote: 'How did' }],
      );
      assert.match(merged, /#expertise @LN/);

      // An unknown code: check fails, with a GitHub annotation at the right place.
      repo.write(T, merged.replace('#trust @CA', '#no-such-code @CA'));
      const bad = axial('check', '--format', 'github');
      assert.equal(bad.code, 1, bad.stdout + bad.stderr);
      assert.match(bad.stdout, new RegExp(`^::error file=${T.replace(/\./g, '\\.')},line=8,col=\\d+[^:]*::.*no-such-code`, 'm'));
      // The global install sees the same.
      assert.equal(run(globalBin, repo.dir, repo.env, 'check').code, 1);
    } finally {
      repo.cleanup();
    }
  });
});
