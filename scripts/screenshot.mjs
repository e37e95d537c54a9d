#!/usr/bin/env node
// Screenshot of a real VS Code with Axial: starts code-server on
// examples/therapeutic-relationship with the extension installed from this repo,
// opens the workbench in headless Chromium (1400x900), opens
// transcripts/case-c-patient.md through Quick Open and saves a PNG.
//
//   node scripts/screenshot.mjs [out.png]        # default docs/screenshot.png
//   node scripts/screenshot.mjs --workspace DIR [out.png]
//
// Build first (`npm run build`) so dist/ exists. Everything it starts is stopped on
// success, failure, timeout (AXIAL_SCREENSHOT_TIMEOUT_MS, default 180000) and Ctrl-C.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, VSCODE_TEST_DIR } from './code-server/install.mjs';
import { launchBrowser, startCodeServer } from './code-server/launch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[screenshot] ${msg}`);

function parseArgs(argv) {
  const opts = { workspace: join(root, 'examples', 'therapeutic-relationship'), out: join(root, 'docs', 'screenshot.png') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') opts.workspace = resolve(argv[++i] ?? '');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/screenshot.mjs [--workspace DIR] [out.png]');
      process.exit(0);
    } else opts.out = resolve(argv[i]);
  }
  return opts;
}

/** transcripts/case-c-patient.md, else the first file in transcripts/. */
function pickFile(workspace) {
  const dir = join(workspace, 'transcripts');
  if (existsSync(join(dir, 'case-c-patient.md'))) return 'case-c-patient.md';
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).sort() : [];
  if (files.length === 0) throw new Error(`no files in ${dir}`);
  return files[0];
}

const { workspace, out } = parseArgs(process.argv.slice(2));
const timeoutMs = Number(process.env.AXIAL_SCREENSHOT_TIMEOUT_MS ?? 180_000);

let cs;
let browser;
let cleaning;
let interrupted = false;
function cleanup() {
  cleaning ??= (async () => {
    if (browser) await browser.close().catch(() => {});
    if (cs) await cs.stop().catch(() => {});
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`[screenshot] ${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

async function shoot() {
  if (!existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
  const file = pickFile(workspace);
  if (!existsSync(join(root, 'dist', 'client.js'))) {
    log('warning: dist/client.js is missing (run `npm run build`); the extension will not activate');
  }

  log(`starting code-server on ${workspace}`);
  // The example lives inside this repo's git work tree: without this, VS Code's git
  // extension covers the editor with an 'open the parent repository?' notification.
  cs = await startCodeServer({
    workspace,
    linkExtensions: [root],
    settings: { 'git.openRepositoryInParentFolders': 'never' },
  });
  log(`code-server pid ${cs.pid} at ${cs.url}`);

  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(cs.url);

  log('waiting for the workbench');
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer lists the workspace once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });

  log(`Quick Open: ${file}`);
  const quickInput = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
    await page.keyboard.press('Control+P');
    try {
      await quickInput.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw new Error(`Quick Open (Ctrl+P) did not open: ${err.message}`);
    }
  }
  await quickInput.fill(file);
  // Enter opens the focused row: wait until the file search has put our file there.
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: file })
    .waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');

  log('waiting for the editor');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.editor-group-container .tab.active', { hasText: file }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('#status\\.editor\\.mode').waitFor({ state: 'visible', timeout: 30_000 });
  const language = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
  log(`editor open, language mode: ${language}`);

  // Bounded settle so highlighting, diagnostics and the status bar finish painting.
  await page.waitForTimeout(2_000);
  // Keep the focus out of Quick Open / hovers for a clean picture.
  await page.mouse.move(0, 0);

  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`saved ${out}`);
}

async function failureShot() {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (!page) return;
    const path = join(VSCODE_TEST_DIR, 'screenshot-failure.png');
    await page.screenshot({ path, timeout: 5_000 });
    console.error(`[screenshot] page at failure: ${path}`);
  } catch { /* best effort */ }
}

let exitCode = 0;
try {
  await ensureCodeServer({ quiet: true });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    await Promise.race([shoot(), timeout]);
  } finally {
    clearTimeout(timer);
  }
} catch (err) {
  exitCode = 1;
  if (!interrupted) {
    // Playwright appends the browser's stderr (D-Bus noise here); its call log is what helps.
    const message = String(err.message).replace(/\nBrowser logs:[\s\S]*?(?=\nCall log:|$)/, '');
    console.error(`[screenshot] FAILED: ${message}`);
    await failureShot();
    if (cs) console.error(`--- code-server log (tail) ---\n${cs.logTail(30)}\n------------------------------`);
  }
} finally {
  await cleanup();
}
if (exitCode === 0) log(`done: ${basename(out)}`);
process.exit(exitCode);
