#!/usr/bin/env node
// Screenshot of the Axial view in a real VS Code: starts code-server on
// examples/therapeutic-relationship with the extension linked from this repo, opens
// the workbench in headless Chromium, clicks the Axial icon in the activity bar,
// widens the side bar, expands two levels below the core category (a category, then
// a code), clicks a quote (the transcript opens with the quote selected) and saves
//   docs/tree.png
//
//   node scripts/screenshot-tree.mjs [--workspace DIR] [out.png]
//
// Build first (`npm run build`) so dist/ exists. Everything it starts is stopped on
// success, failure, timeout (AXIAL_SCREENSHOT_TIMEOUT_MS, default 180000) and Ctrl-C.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, VSCODE_TEST_DIR } from './code-server/install.mjs';
import { launchBrowser, startCodeServer } from './code-server/launch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[screenshot-tree] ${msg}`);

/** The rows to click, from the top: two levels below the (open) core category, then a quote. */
const EXPAND = ['Roles', 'Professional distance'];
const QUOTE = 'I always called her doctor.';

function parseArgs(argv) {
  const opts = { workspace: join(root, 'examples', 'therapeutic-relationship'), out: join(root, 'docs', 'tree.png') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') opts.workspace = resolve(argv[++i] ?? '');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/screenshot-tree.mjs [--workspace DIR] [out.png]');
      process.exit(0);
    } else opts.out = resolve(argv[i]);
  }
  return opts;
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
    console.error(`[screenshot-tree] ${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

async function shoot() {
  if (!existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
  if (!existsSync(join(root, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');

  log(`starting code-server on ${workspace}`);
  cs = await startCodeServer({
    workspace,
    linkExtensions: [root],
    settings: { 'git.openRepositoryInParentFolders': 'never', 'git.enabled': false },
  });
  log(`code-server pid ${cs.pid} at ${cs.url}`);
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(cs.url);

  log('waiting for the workbench and the Axial server');
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: / codes · \d+ transcripts/ }).waitFor({ state: 'visible', timeout: 60_000 });

  log('opening the Axial view');
  await page.locator('.activitybar .action-item a[aria-label^="Axial"]').click();
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  const row = (label) => sidebar.locator('.monaco-list-row', { hasText: label }).first();
  await row('The patient–therapist meeting').waitFor({ state: 'visible', timeout: 30_000 });

  // A wider side bar, so the counts and the quotes' file:line show.
  const box = await sidebar.boundingBox();
  const sashX = box.x + box.width;
  await page.mouse.move(sashX, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(sashX + 260, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();

  for (const label of ['Technical and role-related dimension', ...EXPAND]) {
    log(`expanding ${label}`);
    const r = row(label);
    await r.waitFor({ state: 'visible', timeout: 30_000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    await page.locator(`#workbench\\.parts\\.sidebar .monaco-list-row[aria-expanded="true"]`, { hasText: label }).first().waitFor({ timeout: 10_000 });
  }
  log('clicking a quote');
  await row(QUOTE).click();
  await page.locator('.editor-group-container .tab.active', { hasText: 'case-b-patient.md' }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .selected-text').first().waitFor({ state: 'attached', timeout: 10_000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1_500);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  log(`saved ${out}`);
}

async function failureShot() {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (!page) return;
    const path = join(VSCODE_TEST_DIR, 'screenshot-tree-failure.png');
    await page.screenshot({ path, timeout: 5_000 });
    console.error(`[screenshot-tree] page at failure: ${path}`);
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
    const message = String(err.message).replace(/\nBrowser logs:[\s\S]*?(?=\nCall log:|$)/, '');
    console.error(`[screenshot-tree] FAILED: ${message}`);
    await failureShot();
    if (cs) console.error(`--- code-server log (tail) ---\n${cs.logTail(30)}\n------------------------------`);
  }
} finally {
  await cleanup();
}
if (exitCode === 0) log('done');
process.exit(exitCode);
