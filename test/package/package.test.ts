import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { run } from './run';

/**
 * The packaged extension: `npm run package` must build axial.vsix without a prompt,
 * the .vsix must hold only what the extension needs at run time, and once installed
 * into a fresh code-server (`--install-extension`, no development path) it must
 * activate: the status bar shows the project's counts from the packaged server.
 *
 * Needs code-server (installed and cached by scripts/code-server/install.mjs on first
 * use, as root) and Debian's Chromium. `npm run package` leaves production bundles
 * in dist/ (`npm run build` brings the development ones back).
 */
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');
const WAIT = 60_000;

/** Real `import()` of an ES module (the test runs as CommonJS under tsx). */
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<any>;
const scriptUrl = (rel: string) => pathToFileURL(path.join(REPO, 'scripts', 'code-server', rel)).href;

interface CodeServer {
  url: string;
  pid: number;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('the packaged extension (npm run package → axial.vsix)', function () {
  this.timeout(10 * 60_000);

  let scratch: string;
  let vsix: string;
  let entries: Record<string, Uint8Array>;
  let packageOutput: string;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'axial-package-'));
    const built = path.join(REPO, 'axial.vsix');
    rmSync(built, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = await run(npm, ['run', 'package'], { cwd: REPO, timeoutMs: 5 * 60_000 });
    packageOutput = r.output;
    assert.equal(r.code, 0, `npm run package failed:\n${r.output}`);
    assert.ok(existsSync(built), `npm run package wrote no axial.vsix:\n${r.output}`);
    // Work on a copy: another run of the script may replace the one in the repo.
    vsix = path.join(scratch, 'axial.vsix');
    copyFileSync(built, vsix);
    entries = unzipSync(readFileSync(vsix));
    console.log(`      npm run package: ${r.ms} ms; axial.vsix: ${statSync(vsix).size} bytes, ${Object.keys(entries).length} entries`);
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('npm run package runs without a prompt and reports the package', () => {
    assert.match(packageOutput, /DONE\s+Packaged: .*axial\.vsix/);
  });

  it('holds exactly the bundles, the grammar, the language configuration, the manifest, readme, licence and icon', () => {
    const grammars = readdirSync(path.join(REPO, 'syntaxes')).filter((f) => f.endsWith('.json')).map((f) => `extension/syntaxes/${f}`);
    const allowed = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/language-configuration.json',
      'extension/images/icon.png',
      'extension/images/axial-tree.svg',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/readWorker.js',
      'extension/dist/cli.js',
      'extension/dist/cli/checkWorker.js',
      ...grammars,
    ].sort();
    // The CLI's per-command files and the chunks they share (esbuild.js splits the CLI).
    const cliFile = /^extension\/dist\/cli\/([A-Za-z]+|chunk-[A-Z0-9]+)\.js$/;
    const files = Object.keys(entries).filter((e) => !e.endsWith('/'));
    assert.deepEqual(files.filter((e) => !cliFile.test(e) || allowed.includes(e)).sort(), allowed);
    for (const command of ['check', 'merge', 'strip', 'diffCommand', 'import']) assert.ok(files.includes(`extension/dist/cli/${command}.js`), `no dist/cli/${command}.js in the .vsix`);
  });

  it('ships production bundles: minified, no source maps, no require of node_modules', () => {
    const text = (name: string) => {
      assert.ok(entries[name], `${name} is not in the .vsix`);
      return Buffer.from(entries[name]).toString('utf8');
    };
    // The CLI's files count as one bundle: one of them may be mostly help text, which keeps its lines.
    const cliFiles = ['extension/dist/cli.js', ...Object.keys(entries).filter((e) => e.startsWith('extension/dist/cli/'))];
    const cli = cliFiles.map(text).join('\n');
    assert.ok(cli.length / cli.split('\n').length > 500, `dist/cli.js and dist/cli/ are not minified (${Math.round(cli.length / cli.split('\n').length)} characters a line)`);
    for (const name of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/readWorker.js', ...cliFiles]) {
      const js = text(name);
      assert.ok(!js.includes('sourceMappingURL'), `${name} points at a source map`);
      // esbuild --production minifies: long lines (a development bundle averages ~40 characters).
      const perLine = js.length / js.split('\n').length;
      // (dist/readWorker.js is a few hundred characters: one line when minified, which says nothing here.)
      if (!cliFiles.includes(name) && js.length > 10_000) assert.ok(perLine > 500, `${name} is not minified (${Math.round(perLine)} characters a line)`);
      // Everything but Node built-ins (and vscode, for the client) is bundled: the CLI's
      // files require one another, and each one they require is in the .vsix.
      const required = [...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      for (const rel of required.filter((m) => m.startsWith('./'))) {
        const target = path.posix.join(path.posix.dirname(name), rel);
        assert.ok(entries[target], `${name} requires ${rel}, which is not in the .vsix`);
      }
      const external = required.filter((m) => !m.startsWith('./') && !m.startsWith('node:') && !builtinModules.includes(m) && m !== 'vscode');
      assert.deepEqual([...new Set(external)], [], `${name} requires packages that are not in the .vsix`);
    }
    assert.ok(text('extension/dist/cli.js').startsWith('#!/usr/bin/env node'));
  });

  it("the packaged manifest is the repo's, with the 128x128 PNG icon", () => {
    const manifest = JSON.parse(Buffer.from(entries['extension/package.json']).toString('utf8'));
    const repoManifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes, repoManifest.contributes);
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.icon, 'images/icon.png');
    const png = Buffer.from(entries['extension/images/icon.png']);
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'not a PNG');
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    const xml = Buffer.from(entries['extension.vsixmanifest']).toString('utf8');
    assert.match(xml, /<Icon>extension\/images\/icon\.png<\/Icon>/);
  });

  it('installs into a fresh code-server and activates from the installed package: status bar counts, language, diagnostics', async () => {
    const { ensureCodeServer, CODE_SERVER_ENTRY, codeServerEnv } = await importEsm(scriptUrl('install.mjs'));
    const { startCodeServer, launchBrowser } = await importEsm(scriptUrl('launch.mjs'));
    await ensureCodeServer({ quiet: true });

    const extensionsDir = path.join(scratch, 'extensions');
    const userDataDir = path.join(scratch, 'user-data');
    const install = await run(process.execPath, [
      CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix,
    ], { cwd: scratch, env: codeServerEnv(), timeoutMs: 120_000 });
    assert.equal(install.code, 0, install.output);
    assert.match(install.output, /successfully installed/i, install.output);
    const installed = path.join(extensionsDir, 'axial.axial-qda-0.1.0');
    assert.ok(existsSync(path.join(installed, 'dist', 'server.js')), `not installed as ${installed}:\n${readdirSync(extensionsDir).join('\n')}`);
    assert.ok(!existsSync(path.join(installed, 'node_modules')));

    // A copy of the example with one unknown code: the packaged server must report it.
    const workspace = copyFixture(EXAMPLE);
    const file = 'case-c-patient.md';
    const transcript = path.join(workspace, 'transcripts', file);
    const seeded = readFileSync(transcript, 'utf8').replace('{#patient-seeking-help @CA}', '{#patient-seeking-hlp @CA}');
    writeFileSync(transcript, seeded);
    const transcripts = readdirSync(path.join(workspace, 'transcripts')).filter((f) => /\.(md|txt)$/.test(f)).length;

    let cs: CodeServer | undefined;
    let browser: any;
    try {
      cs = (await startCodeServer({
        workspace,
        extensionsDir, // the installed package only: no extensionDevelopmentPath, no links
        settings: { 'git.openRepositoryInParentFolders': 'never' },
      })) as CodeServer;
      browser = await launchBrowser();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(cs.url);
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: WAIT });
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: WAIT });

      // Open the transcript through Quick Open, as a user would.
      const quickInput = page.locator('.quick-input-widget .quick-input-box input');
      for (let attempt = 0; ; attempt++) {
        await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
        await page.keyboard.press('Control+P');
        try {
          await quickInput.waitFor({ state: 'visible', timeout: 5_000 });
          break;
        } catch (err) {
          if (attempt >= 3) throw new Error(`Quick Open (Ctrl+P) did not open: ${(err as Error).message}`);
        }
      }
      await quickInput.fill(file);
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: file }).waitFor({ state: 'visible', timeout: WAIT });
      await page.keyboard.press('Enter');
      await page.locator('.editor-group-container .tab.active', { hasText: file }).waitFor({ state: 'visible', timeout: WAIT });

      // The language from the packaged manifest...
      const mode = page.locator('#status\\.editor\\.mode');
      await page.waitForFunction("document.getElementById('status.editor.mode')?.textContent?.includes('Axial Transcript')", null, { timeout: WAIT })
        .catch(async () => assert.fail(`language mode: ${await mode.innerText().catch(() => '?')}`));
      // ...the counts the packaged server sends to the packaged client...
      // (While the server scans the project, the first counts may still be partial.)
      const expected = new RegExp(`[1-9]\\d* codes · ${transcripts} transcripts · [1-9]\\d* spans`);
      const counts = page.locator('.part.statusbar .statusbar-item', { hasText: expected });
      try {
        await counts.first().waitFor({ state: 'visible', timeout: WAIT });
      } catch {
        const bar = await page.locator('.part.statusbar').innerText().catch(() => '?');
        await page.screenshot({ path: path.join(scratch, 'failure.png') }).catch(() => {});
        assert.fail(`no ${expected} in the status bar within ${WAIT / 1000}s; status bar: ${bar.replace(/\s+/g, ' ')}\n--- code-server log ---\n${cs.logTail(30)}`);
      }
      const text = (await counts.first().innerText()).replace(/\s+/g, ' ').trim();
      // ...and its diagnostics: the one seeded error is the only problem.
      const problemsAre1 = `(document.getElementById('status.problems')?.textContent?.match(/\\d+/g) ?? [])
        .reduce((s, d) => s + Number(d), 0) === 1`;
      await page.waitForFunction(problemsAre1, null, { timeout: WAIT, polling: 100 }).catch(async () =>
        assert.fail(`Problems: ${await page.locator('#status\\.problems').innerText().catch(() => '?')}, expected the 1 seeded error`));
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: WAIT });
      console.log(`      status bar: "${text}"`);
    } finally {
      if (browser) await browser.close().catch(() => {});
      if (cs) {
        await cs.stop();
        assert.ok(!groupAlive(cs.pid), `code-server (process group ${cs.pid}) still alive after stop()`);
      }
      cleanup(workspace);
    }
  });
});
