#!/usr/bin/env node
// Screenshots of Axial's pictures in a real VS Code: starts code-server on
// examples/therapeutic-relationship with the extension linked from this repo, opens
// the workbench in headless Chromium, runs "Axial: Show Axial Model", "Axial: Show
// Code Co-occurrence" and "Axial: Show Code × Case Matrix" from the command palette,
// clicks a node or cell in each so its quotes are listed under the picture, and saves
//   docs/model.png, docs/cooccurrence.png, docs/matrix.png
//
//   node scripts/screenshot-pictures.mjs [--workspace DIR] [--out-dir DIR] [--only model,matrix] [--dark]
//
// --dark uses VS Code's Default Dark Modern theme (the pictures follow the theme).
//
// Build first (`npm run build`) so dist/ exists. Everything it starts is stopped on
// success, failure, timeout (AXIAL_SCREENSHOT_TIMEOUT_MS, default 240000) and Ctrl-C.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, VSCODE_TEST_DIR } from './code-server/install.mjs';
import { launchBrowser, startCodeServer } from './code-server/launch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[screenshot-pictures] ${msg}`);

/** Each picture: its command, the element to click, the viewport, and whether to fit it to the panel's width. */
const SHOTS = [
  { name: 'model', command: 'Axial: Show Axial Model', click: 'node:relational-trust', viewport: { width: 1440, height: 1020 } },
  { name: 'cooccurrence', command: 'Axial: Show Code Co-occurrence', click: 'cell:opening-up|relational-trust', viewport: { width: 1680, height: 1540 } },
  { name: 'matrix', command: 'Axial: Show Code × Case Matrix', click: 'cell:playful-affection|case:A', viewport: { width: 1120, height: 1560 } },
];

function parseArgs(argv) {
  const opts = { workspace: join(root, 'examples', 'therapeutic-relationship'), outDir: join(root, 'docs'), only: undefined, dark: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace') opts.workspace = resolve(argv[++i] ?? '');
    else if (argv[i] === '--out-dir') opts.outDir = resolve(argv[++i] ?? '');
    else if (argv[i] === '--only') opts.only = (argv[++i] ?? '').split(',');
    else if (argv[i] === '--dark') opts.dark = true;
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node scripts/screenshot-pictures.mjs [--workspace DIR] [--out-dir DIR] [--only model,cooccurrence,matrix] [--dark]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return opts;
}

const { workspace, outDir, only, dark } = parseArgs(process.argv.slice(2));
const timeoutMs = Number(process.env.AXIAL_SCREENSHOT_TIMEOUT_MS ?? 240_000);

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
    console.error(`[screenshot-pictures] ${signal}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

/** Runs a command from the command palette by its title. */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw new Error(`the command palette did not open: ${err.message}`);
      await page.locator('.monaco-workbench .part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => {});
    }
  }
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function shoot() {
  if (!existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
  if (!existsSync(join(root, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');

  log(`starting code-server on ${workspace}`);
  cs = await startCodeServer({
    workspace,
    linkExtensions: [root],
    settings: {
      'git.openRepositoryInParentFolders': 'never',
      'git.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      ...(dark ? { 'workbench.colorTheme': 'Default Dark Modern' } : {}),
    },
  });
  log(`code-server pid ${cs.pid} at ${cs.url}`);
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: SHOTS[0].viewport });
  await page.goto(cs.url);

  log('waiting for the workbench and the Axial server');
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
  // The status bar shows the project's counts once the server has read the project.
  await page.locator('.statusbar-item', { hasText: / codes · \d+ transcripts/ }).waitFor({ state: 'visible', timeout: 60_000 });
  await runCommand(page, 'View: Close Primary Side Bar');

  mkdirSync(outDir, { recursive: true });
  for (const shot of SHOTS) {
    if (only && !only.includes(shot.name)) continue;
    await page.setViewportSize(shot.viewport);
    log(`${shot.command}`);
    await runCommand(page, shot.command);
    // The webview: an iframe holding the page's own iframe; the visible one is the active panel.
    const frame = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    await frame.locator('svg [data-key]').first().waitFor({ state: 'attached', timeout: 30_000 });
    if (shot.fit) await frame.locator('#fit').click();
    if (shot.click) {
      const target = frame.locator(`svg [data-key="${shot.click}"]`);
      await target.scrollIntoViewIfNeeded();
      await target.click();
      await frame.locator('#quotes a.quote').first().waitFor({ state: 'visible', timeout: 10_000 });
      await frame.locator('#picture').evaluate((el) => el.scrollTo(0, 0));
    }
    await page.mouse.move(0, 0);
    await page.waitForTimeout(1_000);
    const out = join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: out });
    log(`saved ${out}`);
  }
}

async function failureShot() {
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (!page) return;
    const path = join(VSCODE_TEST_DIR, 'screenshot-pictures-failure.png');
    await page.screenshot({ path, timeout: 5_000 });
    console.error(`[screenshot-pictures] page at failure: ${path}`);
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
    console.error(`[screenshot-pictures] FAILED: ${message}`);
    await failureShot();
    if (cs) console.error(`--- code-server log (tail) ---\n${cs.logTail(30)}\n------------------------------`);
  }
} finally {
  await cleanup();
}
if (exitCode === 0) log('done');
process.exit(exitCode);
