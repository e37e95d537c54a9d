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
import { dirname, join } from 'node:path';
import { parseScreenshotArgs, REPO, runScreenshotSession } from './code-server/screenshotSession.mjs';

/** transcripts/case-c-patient.md, else the first file in transcripts/. */
function pickFile(workspace) {
  const dir = join(workspace, 'transcripts');
  if (existsSync(join(dir, 'case-c-patient.md'))) return 'case-c-patient.md';
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).sort() : [];
  if (files.length === 0) throw new Error(`no files in ${dir}`);
  return files[0];
}

const { workspace, out } = parseScreenshotArgs(process.argv.slice(2), 'node scripts/screenshot.mjs [--workspace DIR] [out.png]', {
  workspace: join(REPO, 'examples', 'therapeutic-relationship'),
  out: join(REPO, 'docs', 'screenshot.png'),
});

await runScreenshotSession({
  name: 'screenshot',
  workspace,
  viewport: { width: 1400, height: 900 },
  steps: async ({ page, log }) => {
    const file = pickFile(workspace);
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
  },
});
