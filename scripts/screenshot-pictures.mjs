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
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScreenshotArgs, REPO, runScreenshotSession, waitForAxial } from './code-server/screenshotSession.mjs';

/** Each picture: its command, the element to click, the viewport, and whether to fit it to the panel's width. */
const SHOTS = [
  { name: 'model', command: 'Axial: Show Axial Model', click: 'node:relational-trust', viewport: { width: 1440, height: 1020 } },
  { name: 'cooccurrence', command: 'Axial: Show Code Co-occurrence', click: 'cell:opening-up|relational-trust', viewport: { width: 1680, height: 1540 } },
  { name: 'matrix', command: 'Axial: Show Code × Case Matrix', click: 'cell:playful-affection|case:A', viewport: { width: 1120, height: 1560 } },
];

const { workspace, outDir, only, dark } = parseScreenshotArgs(
  process.argv.slice(2),
  'node scripts/screenshot-pictures.mjs [--workspace DIR] [--out-dir DIR] [--only model,cooccurrence,matrix] [--dark]',
  { workspace: join(REPO, 'examples', 'therapeutic-relationship'), outDir: join(REPO, 'docs'), only: undefined, dark: false },
  {
    '--out-dir': (o, next) => (o.outDir = resolve(next() ?? '')),
    '--only': (o, next) => (o.only = (next() ?? '').split(',')),
    '--dark': (o) => (o.dark = true),
  },
);

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

await runScreenshotSession({
  name: 'screenshot-pictures',
  workspace,
  viewport: SHOTS[0].viewport,
  defaultTimeoutMs: 240_000,
  settings: {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    ...(dark ? { 'workbench.colorTheme': 'Default Dark Modern' } : {}),
  },
  steps: async ({ page, log }) => {
    log('waiting for the Axial server');
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The status bar shows the project's counts once the server has read the project.
    await waitForAxial(page);
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
      // Pictures open fitted to the panel: switch that off for the shots that want their natural size.
      const fitted = (await frame.locator('#fit').getAttribute('aria-pressed')) === 'true';
      if (Boolean(shot.fit) !== fitted) await frame.locator('#fit').click();
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
  },
});
