// The shared frame of Axial's screenshot scripts: start code-server on a workspace
// with the extension linked from this repo, open the workbench in headless Chromium,
// run the script's steps, and stop everything it started on success, failure,
// timeout (AXIAL_SCREENSHOT_TIMEOUT_MS) and Ctrl-C. On failure it saves the page as
// .vscode-test/<name>-failure.png and prints the tail of code-server's log.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, VSCODE_TEST_DIR } from './install.mjs';
import { launchBrowser, startCodeServer } from './launch.mjs';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs `steps({ page, cs, log })` in a fresh workbench on `workspace` and exits the
 * process with 0 on success, 1 on failure, 130 on a signal.
 */
export async function runScreenshotSession({ name, workspace, viewport, settings = {}, defaultTimeoutMs = 180_000, steps }) {
  const log = (msg) => console.log(`[${name}] ${msg}`);
  const timeoutMs = Number(process.env.AXIAL_SCREENSHOT_TIMEOUT_MS ?? defaultTimeoutMs);
  let cs;
  let browser;
  let cleaning;
  let interrupted = false;
  const cleanup = () => {
    cleaning ??= (async () => {
      if (browser) await browser.close().catch(() => {});
      if (cs) await cs.stop().catch(() => {});
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      interrupted = true;
      console.error(`[${name}] ${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  const run = async () => {
    if (!existsSync(workspace)) throw new Error(`workspace not found: ${workspace}`);
    if (!existsSync(join(REPO, 'dist', 'client.js'))) throw new Error('dist/client.js is missing: run `npm run build` first');
    log(`starting code-server on ${workspace}`);
    // The example lives inside this repo's git work tree: without these, VS Code's git
    // extension covers the editor with an 'open the parent repository?' notification.
    cs = await startCodeServer({
      workspace,
      linkExtensions: [REPO],
      settings: { 'git.openRepositoryInParentFolders': 'never', 'git.enabled': false, ...settings },
    });
    log(`code-server pid ${cs.pid} at ${cs.url}`);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport });
    await page.goto(cs.url);
    log('waiting for the workbench');
    await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
    await steps({ page, cs, log });
  };

  let exitCode = 0;
  try {
    await ensureCodeServer({ quiet: true });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000}s`)), timeoutMs);
    });
    try {
      await Promise.race([run(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    exitCode = 1;
    if (!interrupted) {
      // Playwright appends the browser's stderr (D-Bus noise here); its call log is what helps.
      const message = String(err.message).replace(/\nBrowser logs:[\s\S]*?(?=\nCall log:|$)/, '');
      console.error(`[${name}] FAILED: ${message}`);
      try {
        const page = browser?.contexts()[0]?.pages()[0];
        if (page) {
          const path = join(VSCODE_TEST_DIR, `${name}-failure.png`);
          await page.screenshot({ path, timeout: 5_000 });
          console.error(`[${name}] page at failure: ${path}`);
        }
      } catch { /* best effort */ }
      if (cs) console.error(`--- code-server log (tail) ---\n${cs.logTail(30)}\n------------------------------`);
    }
  } finally {
    await cleanup();
  }
  if (exitCode === 0) log('done');
  process.exit(exitCode);
}

/** Waits until the Axial status bar shows the project's counts (the server has read it). */
export async function waitForAxial(page) {
  await page.locator('.statusbar-item', { hasText: / codes · \d+ transcripts/ }).waitFor({ state: 'visible', timeout: 60_000 });
}

/** Parses `[--workspace DIR] [out]`-style arguments with the given defaults. */
export function parseScreenshotArgs(argv, usage, defaults, extra = {}) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(`usage: ${usage}`);
      process.exit(0);
    } else if (a === '--workspace') opts.workspace = resolve(argv[++i] ?? '');
    else if (extra[a]) extra[a](opts, () => argv[++i]);
    else if ('out' in defaults && !a.startsWith('--')) opts.out = resolve(a);
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}
