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
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseScreenshotArgs, REPO, runScreenshotSession, waitForAxial } from './code-server/screenshotSession.mjs';

/** The rows to click, from the top: two levels below the (open) core category, then a quote. */
const EXPAND = ['Roles', 'Professional distance'];
const QUOTE = 'I always called her doctor.';

const { workspace, out } = parseScreenshotArgs(process.argv.slice(2), 'node scripts/screenshot-tree.mjs [--workspace DIR] [out.png]', {
  workspace: join(REPO, 'examples', 'therapeutic-relationship'),
  out: join(REPO, 'docs', 'tree.png'),
});

await runScreenshotSession({
  name: 'screenshot-tree',
  workspace,
  viewport: { width: 1400, height: 900 },
  steps: async ({ page, log }) => {
    log('waiting for the Axial server');
    await waitForAxial(page);

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
  },
});
