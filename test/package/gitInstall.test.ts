import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitRepo, ScratchRepo } from '../helpers/scratchGit';
import { REPO } from '../lsp/harness';
import { run } from './run';

/**
 * The README's "From git" recipes, run as written: the commands are read from the
 * README's code blocks, the placeholder URL replaced by a `git+file://` URL of a
 * scratch clone of this repository's HEAD (pinned by a tag, as the README advises;
 * git run as test/helpers/scratchGit.ts runs it, with a HOME of its own).
 * Into a study's repository (`npm install --save-dev <git url>`, then `npx axial`)
 * and globally (`npm pack <git url>`, then `npm install -g` of the tarball, into a
 * scratch prefix). Each time npm clones, installs the development dependencies
 * (from the npm cache where it can: `--prefer-offline`), runs `prepare` (the
 * production build) and packs. The installed CLI answers `--version`, checks the
 * example project, and holds the bundle and docs only. The machine's global npm
 * prefix is never written: every npm here gets a scratch `prefix`, and the test
 * compares the real global prefix before and after.
 *
 * Tests committed work only: uncommitted changes are not in HEAD.
 */
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');
/** What the installed package may hold: the CLI bundle, the manifest, README, licence and the user docs. */
const REQUIRED = ['LICENSE', 'README.md', 'dist/cli.js', 'dist/cli/check.js', 'dist/cli/merge.js', 'docs/axial.yml', 'docs/format.md', 'docs/git.md', 'package.json'];
const MORE_DOCS = /^docs\/[a-z-]+\.md$/;
/** The CLI's per-command pieces the dispatcher (dist/cli.js) loads; never their source maps. */
const CLI_PIECE = /^dist\/cli\/[\w-]+\.js$/;
/** The README's placeholder for the repository's git URL. */
const PLACEHOLDER = 'git+https://github.com/<owner>/axial.git#<tag>';
const NPM_TIMEOUT = 8 * 60_000;

describe('installing the axial command from git, as the README says', function () {
  this.timeout(20 * 60_000);

  let tmp: string;
  let clone: ScratchRepo | undefined;
  let env: NodeJS.ProcessEnv;
  let gitUrl: string;
  let recipes: { study: string[][]; global: string[][] };
  let globalBefore: string;
  const timings: string[] = [];

  before(async () => {
    recipes = readmeRecipes();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'axial-git-install-'));
    env = npmEnv(path.join(tmp, 'unused-prefix'));
    globalBefore = globalPrefixState();
    // A clone of HEAD, tagged as a release would be.
    clone = new ScratchRepo({ from: REPO, args: ['--no-hardlinks'], atSourceHead: true });
    clone.git('tag', 'v-under-test');
    assert.equal(clone.git('rev-parse', 'v-under-test').stdout, clone.git('-C', REPO, 'rev-parse', 'HEAD').stdout, 'the tag is on the HEAD of this checkout');
    gitUrl = `git+file://${clone.dir}#v-under-test`;
  });

  after(() => {
    if (timings.length) console.log(`      ${timings.join('; ')}`);
    clone?.cleanup();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Runs one README command (its placeholder URL replaced) with extra options; fails with npm's output. */
  async function npmStep(cwd: string, words: string[], extra: string[], label: string) {
    const args = words.slice(1).map((w) => (w === PLACEHOLDER ? gitUrl : w));
    const r = await run('npm', [...args, ...extra], { cwd, env, timeoutMs: NPM_TIMEOUT });
    assert.equal(r.code, 0, `npm ${args.join(' ')} failed (${r.code}):\n${r.output}`);
    timings.push(`${label}: ${(r.ms / 1000).toFixed(1)} s`);
    return r;
  }

  /** Runs an installed `axial` (node of this process first on the PATH, for its #! line). */
  const axial = (bin: string, cwd: string, ...args: string[]) => {
    const r = spawnSync(bin, args, { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
  };

  /** A fresh copy of the example project. */
  const example = (name: string) => {
    const dir = path.join(tmp, name);
    cpSync(EXAMPLE, dir, { recursive: true });
    return dir;
  };

  /** The installed package's files must be the bundle and docs: no sources, tests, maps or dependencies. */
  function assertInstalledFiles(pkg: string) {
    const files = listFiles(pkg);
    for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is not installed: ${files.join(', ')}`);
    assert.deepEqual(files.filter((f) => !REQUIRED.includes(f) && !MORE_DOCS.test(f) && !CLI_PIECE.test(f)), [], 'files beyond the bundle and the docs');
    const cli = readFileSync(path.join(pkg, 'dist', 'cli.js'), 'utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node'));
    assert.ok(!cli.includes('sourceMappingURL'), 'the bundle points at a source map: prepare built a development bundle');
    const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'axial-qda');
    assert.deepEqual(manifest.bin, { axial: './dist/cli.js' });
    assert.equal(manifest.dependencies, undefined, 'the bundle carries its libraries');
  }

  it("the README's git recipes are the three npm commands this test runs", () => {
    assert.deepEqual(recipes.study.map((c) => c.slice(0, 3)), [['npm', 'install', '--save-dev']]);
    assert.equal(recipes.study[0][3], PLACEHOLDER);
    assert.deepEqual(recipes.global.map((c) => c.slice(0, 2)), [['npm', 'pack'], ['npm', 'install']]);
    assert.ok(recipes.global[1].includes('-g') || recipes.global[1].includes('--global'), recipes.global[1].join(' '));
  });

  it('into a study repository: npm install --save-dev <git url>, then npx axial --version and check', async () => {
    const study = example('study');
    GitRepo.initIn(study, 'main', path.join(tmp, 'study-git-home'));
    writeFileSync(path.join(study, 'package.json'), '{ "name": "my-study", "private": true }\n');
    await npmStep(study, recipes.study[0], ['--prefer-offline'], 'npm install --save-dev <git url>');

    const manifest = JSON.parse(readFileSync(path.join(study, 'package.json'), 'utf8'));
    assert.match(manifest.devDependencies?.['axial-qda'] ?? '', /^git\+file:\/\/.*#v-under-test$/, JSON.stringify(manifest));
    assert.deepEqual(readdirSync(path.join(study, 'node_modules')).filter((d) => !d.startsWith('.')), ['axial-qda'], 'only axial-qda is installed');
    assertInstalledFiles(path.join(study, 'node_modules', 'axial-qda'));

    // `npx axial` runs the installed one (never the registry's unrelated `axial`: --no-install).
    const version = await run('npx', ['--no-install', 'axial', '--version'], { cwd: study, env, timeoutMs: 60_000 });
    assert.equal(version.code, 0, version.output);
    assert.equal(version.stdout.trim(), readVersion());
    const check = await run('npx', ['--no-install', 'axial', 'check'], { cwd: study, env: { ...env, NO_COLOR: '1' }, timeoutMs: 60_000 });
    assert.equal(check.code, 0, check.output);
    assert.match(check.output, /1 project, 7 transcripts: 0 errors, 0 warnings/);
  });

  it('globally: npm pack <git url>, npm install -g of the tarball into a scratch prefix, then axial --version and check', async () => {
    const work = path.join(tmp, 'pack');
    mkdirSync(work);
    await npmStep(work, recipes.global[0], ['--prefer-offline'], 'npm pack <git url>');
    const tarball = `axial-qda-${readVersion()}.tgz`;
    assert.ok(existsSync(path.join(work, tarball)), `npm pack wrote no ${tarball}: ${readdirSync(work).join(', ')}`);
    assert.ok(recipes.global[1].includes(`./${tarball}`), `the README installs ${recipes.global[1].join(' ')}, npm pack wrote ${tarball}`);

    const prefix = path.join(tmp, 'global');
    await npmStep(work, recipes.global[1], ['--prefix', prefix, '--prefer-offline'], 'npm install -g <tarball>');
    const bin = path.join(prefix, 'bin', 'axial');
    assert.ok(existsSync(bin), `no ${bin}`);
    assertInstalledFiles(path.join(prefix, 'lib', 'node_modules', 'axial-qda'));

    const version = axial(bin, tmp, '--version');
    assert.equal(version.code, 0, `${version.error ?? ''}${version.stderr}`);
    assert.equal(version.stdout.trim(), readVersion());
    const project = example('global-check');
    const clean = axial(bin, project, 'check');
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout + clean.stderr, /1 project, 7 transcripts: 0 errors, 0 warnings/);
    // It really checks: an unknown code fails the check with the file and line.
    const file = path.join(project, 'transcripts', 'case-c-patient.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{#patient-seeking-help @CA}', '{#patient-seeking-hlp @CA}'));
    const bad = axial(bin, project, 'check');
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout + bad.stderr, /case-c-patient\.md:\d+:\d+.*patient-seeking-hlp/);
  });

  it("never writes into the machine's global npm prefix", () => {
    assert.equal(globalPrefixState(), globalBefore);
  });
});

/**
 * The npm commands of the README's "From git" paragraph, split into words: the
 * first code block is the study's install, the second the global one.
 */
function readmeRecipes(): { study: string[][]; global: string[][] } {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('**From git.**');
  const end = readme.indexOf('**From a clone', start);
  assert.ok(start >= 0 && end > start, 'the README has no "From git." paragraph followed by "From a clone"');
  const blocks = [...readme.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
    m[1].split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l !== '').map(shellWords));
  assert.equal(blocks.length, 2, `expected two code blocks under "From git.", found ${blocks.length}`);
  return { study: blocks[0], global: blocks[1] };
}

/** Splits a shell command line into words (double and single quotes; no variables or escapes needed here). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The version in this repository's package.json. */
function readVersion(): string {
  return JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
}

/** Every file under `dir`, relative, with forward slashes, sorted. */
function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, p));
    else out.push(p);
  }
  return out.sort();
}

/**
 * The environment for npm here: no npm_* settings inherited from an `npm run`
 * above, the user's npm cache (so development dependencies come from it when they
 * can), and a scratch `prefix`, so that even a global install lands in scratch.
 * Node of this process first on the PATH (for the installed CLI's #! line).
 */
function npmEnv(prefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
    npm_config_prefix: prefix,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

/**
 * Where `npm install -g` of axial-qda would write in the machine's real global
 * prefix, and what is there now (modification times; "none" when absent). Only
 * these two entries: other programs may change the rest of the prefix meanwhile.
 */
function globalPrefixState(): string {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  const r = spawnSync('npm', ['prefix', '-g'], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const prefix = r.stdout.trim();
  return [path.join(prefix, 'lib', 'node_modules', 'axial-qda'), path.join(prefix, 'bin', 'axial')]
    .map((p) => `${p}: ${lstatSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 'none'}`).join('\n');
}
