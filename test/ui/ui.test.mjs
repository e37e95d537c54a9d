// User-level end-to-end tests: a real VS Code (code-server 4.100.3, VS Code 1.100.3)
// with the built extension (dist/), driven with playwright-core in Debian's Chromium,
// on a fresh temporary copy of examples/therapeutic-relationship (the tests edit it).
// Everything goes through the keyboard and mouse a user would use; what the tests
// read is what the page shows (status bar, editor lines, hover and suggest widgets).
//
//   npm run test:ui                                  # builds, then runs this suite
//   npx mocha --config test/ui/.mocharc.json         # the suite alone (dist/ must exist)
//
// Screenshots of each step go to test-output/ui/ (ignored by git); a failing test
// leaves test-output/ui/FAILED-<test>.png. AXIAL_UI_HEADFUL=1 shows the browser;
// AXIAL_UI_EXTENSION=<folder> tests another built copy of the extension (e.g. one
// broken on purpose, to see the tests fail).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ensureCodeServer } from '../../scripts/code-server/install.mjs';
import { launchBrowser, startCodeServer } from '../../scripts/code-server/launch.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'therapeutic-relationship');
const OUT = join(ROOT, 'test-output', 'ui');
/** The extension under test: this repository (built), or AXIAL_UI_EXTENSION. */
const EXTENSION = process.env.AXIAL_UI_EXTENSION ? resolve(process.env.AXIAL_UI_EXTENSION) : ROOT;
const VIEWPORT = { width: 1400, height: 900 };
const log = (msg) => console.log(`      [ui] ${msg}`);

/** Upper bound of any single wait for something the page should show. */
const WAIT = 30_000;

// ---------------------------------------------------------------- the codebook

/** The example's codebook, read the way a test reader would: ids, names, definitions. */
function readCodebook(workspace) {
  const doc = parseYaml(readFileSync(join(workspace, 'codebook.yaml'), 'utf8'));
  const codes = Object.entries(doc.codes).map(([id, c]) => ({
    id,
    name: c.name,
    definition: c.definition ?? '',
    category: c.kind === 'category',
    aliases: c.aliases ?? [],
    deprecated: c.status === 'deprecated',
  }));
  return {
    codes,
    byId: new Map(codes.map((c) => [c.id, c])),
    applicable: codes.filter((c) => !c.category),
    active: codes.filter((c) => !c.category && !c.deprecated),
    categories: codes.filter((c) => c.category),
  };
}

/** 1-based number of the first line of `file` equal to `text` (or matching a RegExp). */
function lineNumberOf(workspace, file, text) {
  const lines = readFileSync(join(workspace, 'transcripts', file), 'utf8').split('\n');
  const i = lines.findIndex((l) => (text instanceof RegExp ? text.test(l) : l === text));
  assert.ok(i >= 0, `no line ${text} in ${file}`);
  return { line: i + 1, text: lines[i] };
}

const squash = (s) => s.replace(/[\s\u00a0]+/g, ' ').trim();

// ---------------------------------------------------------------- the page

/** Sum of the numbers in the status bar's Problems item (errors + warnings [+ infos]). */
async function problemsCount(page) {
  const text = await page.locator('#status\\.problems').innerText();
  return (text.match(/\d+/g) ?? []).reduce((n, d) => n + Number(d), 0);
}

/** Waits until the Problems count is `expected` (a number, or 'some' for any count > 0). */
async function waitForProblems(page, expected, timeout = WAIT) {
  try {
    await page.waitForFunction((want) => {
      const el = document.getElementById('status.problems');
      if (!el) return false;
      const sum = (el.textContent.match(/\d+/g) ?? []).reduce((s, d) => s + Number(d), 0);
      return want === 'some' ? sum > 0 : sum === want;
    }, expected, { timeout, polling: 100 });
  } catch {
    assert.fail(`Problems in the status bar: expected ${expected}, still ${await problemsCount(page)} after ${timeout / 1000}s`);
  }
}

/**
 * The text of model line `lineNumber` of the active editor as rendered, with its
 * wrapped parts joined and nbsp turned back into spaces; null when not rendered.
 * Each view line is matched to the line number shown at its height in the gutter.
 * With `char`, also the viewport centre of the `char`-th character (0-based).
 */
function readLineInPage({ lineNumber, char }) {
  const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor')
    ?? document.querySelector('.editor-instance .monaco-editor');
  if (!editor) return null;
  const topOf = (el) => parseFloat(el.style.top);
  const numbers = [...editor.querySelectorAll('.margin-view-overlays > div')]
    .map((div) => ({ top: topOf(div), n: Number(div.querySelector('.line-numbers')?.textContent.trim() || NaN) }))
    .filter((r) => !Number.isNaN(r.top) && !Number.isNaN(r.n))
    .sort((a, b) => a.top - b.top);
  const start = numbers.find((r) => r.n === lineNumber);
  if (!start) return null;
  const next = numbers.find((r) => r.top > start.top);
  const rows = [...editor.querySelectorAll('.view-lines > .view-line')]
    .filter((el) => topOf(el) >= start.top && (!next || topOf(el) < next.top))
    .sort((a, b) => topOf(a) - topOf(b));
  let text = '';
  let point = null;
  for (const row of rows) {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue ?? '';
      if (char !== undefined && point === null && char < text.length + value.length) {
        const range = document.createRange();
        range.setStart(node, char - text.length);
        range.setEnd(node, char - text.length + 1);
        const r = range.getBoundingClientRect();
        point = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      text += value;
    }
  }
  return { text: text.replace(/\u00a0/g, ' '), point };
}

/** The text of a rendered line without what a decoration hides (display: none), wrapped parts joined. */
function visibleLineInPage({ lineNumber }) {
  const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
  if (!editor) return null;
  const topOf = (el) => parseFloat(el.style.top);
  const numbers = [...editor.querySelectorAll('.margin-view-overlays > div')]
    .map((div) => ({ top: topOf(div), n: Number(div.querySelector('.line-numbers')?.textContent.trim() || NaN) }))
    .filter((r) => !Number.isNaN(r.top) && !Number.isNaN(r.n))
    .sort((a, b) => a.top - b.top);
  const start = numbers.find((r) => r.n === lineNumber);
  if (!start) return null;
  const next = numbers.find((r) => r.top > start.top);
  const rows = [...editor.querySelectorAll('.view-lines > .view-line')]
    .filter((el) => topOf(el) >= start.top && (!next || topOf(el) < next.top))
    .sort((a, b) => topOf(a) - topOf(b));
  let text = '';
  for (const row of rows) {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && getComputedStyle(node.parentElement).display === 'none') continue;
      text += node.nodeValue ?? '';
    }
  }
  return text.replace(/\u00a0/g, ' ');
}

async function lineText(page, lineNumber) {
  return (await page.evaluate(readLineInPage, { lineNumber }))?.text ?? null;
}

async function waitForLineText(page, lineNumber, expected, timeout = WAIT) {
  try {
    await page.waitForFunction(({ fn, lineNumber, expected }) => {
      // eslint-disable-next-line no-new-func
      const read = new Function(`return (${fn})`)();
      return read({ lineNumber })?.text === expected;
    }, { fn: readLineInPage.toString(), lineNumber, expected }, { timeout, polling: 100 });
  } catch {
    assert.fail(`line ${lineNumber}: expected ${JSON.stringify(expected)}\n  shown   ${JSON.stringify(await lineText(page, lineNumber))}`);
  }
}

/** Ctrl+G, the line number, Enter; waits until the status bar shows the cursor there. */
async function goToLine(page, lineNumber) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type(String(lineNumber));
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
  await page.locator('#status\\.editor\\.selection', { hasText: new RegExp(`^\\s*Ln ${lineNumber}, Col`) })
    .waitFor({ state: 'visible', timeout: WAIT });
}

/** Quick Open (Ctrl+P) on a file name, Enter; waits for its editor and language. */
async function openFile(page, file) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw new Error(`Quick Open (Ctrl+P) did not open: ${err.message}`);
      await page.locator('.monaco-workbench .part.editor').click({ position: { x: 200, y: 200 } });
    }
  }
  await input.fill(file);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: file }).waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
  await page.locator('.editor-group-container.active .tab.active', { hasText: file }).waitFor({ state: 'visible', timeout: WAIT });
  await page.locator('.editor-group-container.active .monaco-editor.focused .view-lines .view-line').first()
    .waitFor({ state: 'visible', timeout: WAIT });
  await page.locator('#status\\.editor\\.mode', { hasText: 'Axial Transcript' }).waitFor({ state: 'visible', timeout: WAIT });
}

/** File: Revert File through the command palette when the active editor has edits. */
async function revertActiveEditor(page) {
  const dirtyTab = page.locator('.editor-group-container.active .tab.active.dirty');
  if (await dirtyTab.count() === 0) return;
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type('File: Revert File');
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Revert File' }).waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.press('Enter');
  await dirtyTab.waitFor({ state: 'detached', timeout: WAIT });
}

/** Screenshot of the page under test-output/ui/, after a short bounded settle. */
async function shot(page, name) {
  await page.waitForTimeout(300);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  log(`screenshot ${path}`);
  return path;
}

/** The rows the suggest widget renders (it is virtualised: only the visible ones). */
async function suggestRows(page) {
  return page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row', (rows) => rows.map((row) => ({
    label: row.querySelector('.label-name')?.textContent ?? '',
    focused: row.classList.contains('focused'),
    setSize: Number(row.getAttribute('aria-setsize')),
    pos: Number(row.getAttribute('aria-posinset')),
  })).sort((a, b) => a.pos - b.pos));
}

// ---------------------------------------------------------------- the suite

describe('Axial in VS Code (code-server + Chromium, user level)', function () {
  let workspace;
  let cs;
  let browser;
  let page;
  let codebook;

  /** One attempt at: code-server up, workbench loaded, Axial's server indexed the project. */
  async function start() {
    cs = await startCodeServer({
      workspace,
      linkExtensions: [EXTENSION],
      settings: {
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        'workbench.editor.enablePreview': false,
        // VS Code for the Web saves after a delay by default; the tests' edits stay in
        // the editor (diagnostics come from the open document) and are reverted after
        // each test.
        'files.autoSave': 'off',
        // Auto-closing stays on, as a researcher has it: typing `{{x}}` key by key must
        // give exactly `{{x}}` (the language auto-closes single braces and types over them).
      },
    });
    log(`code-server pid ${cs.pid} on port ${cs.port}`);
    browser = await launchBrowser({ headless: !process.env.AXIAL_UI_HEADFUL });
    page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(cs.url);
    await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The extension activates on codebook.yaml and its status bar item shows the
    // project's counts once the server has indexed it.
    const transcripts = readdirSync(join(workspace, 'transcripts')).filter((f) => /\.(md|txt)$/.test(f)).length;
    await page.locator('.statusbar-item', { hasText: new RegExp(`^\\s*${codebook.active.length} codes · ${transcripts} transcripts · \\d+ spans$`) })
      .waitFor({ state: 'visible', timeout: 60_000 });
  }

  async function stop() {
    if (browser) await browser.close().catch((err) => log(`browser.close: ${err.message}`));
    if (cs) await cs.stop().catch((err) => log(`code-server stop: ${err.message}`));
    browser = undefined;
    cs = undefined;
    page = undefined;
  }

  before(async function () {
    this.timeout(900_000); // a first run installs code-server (about 3 minutes)
    assert.ok(existsSync(join(EXTENSION, 'dist', 'client.js')), `${EXTENSION}/dist/client.js is missing: run \`npm run build\` first`);
    if (EXTENSION !== ROOT) log(`extension under test: ${EXTENSION}`);
    await ensureCodeServer({ quiet: true });
    mkdirSync(OUT, { recursive: true });
    workspace = join(mkdtempSync(join(tmpdir(), 'axial-ui-')), 'therapeutic-relationship');
    cpSync(EXAMPLE, workspace, { recursive: true });
    codebook = readCodebook(workspace);
    const t0 = Date.now();
    try {
      await start();
    } catch (err) {
      // A flaky start is retried once, and says so.
      console.log(`      [ui] RETRY: start attempt 1 failed after ${((Date.now() - t0) / 1000).toFixed(1)}s: ${String(err.message).split('\n')[0]}`);
      await page?.screenshot({ path: join(OUT, 'FAILED-start-attempt-1.png') }).catch(() => {});
      if (cs) console.log(`--- code-server log (tail) ---\n${cs.logTail(20)}\n------------------------------`);
      await stop();
      await start();
    }
    log(`workbench ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = this.currentTest.title.replace(/[^\w.-]+/g, '-').slice(0, 80);
      await page.screenshot({ path: join(OUT, `FAILED-${name}.png`), timeout: 10_000 }).catch(() => {});
      log(`page at failure: ${join(OUT, `FAILED-${name}.png`)}`);
    }
    // Leave no widget open and no edit behind for the next test.
    if (page) {
      await page.keyboard.press('Escape').catch(() => {});
      await revertActiveEditor(page).catch((err) => log(`revert failed: ${err.message}`));
    }
  });

  after(async function () {
    this.timeout(60_000);
    await stop();
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
    // code-server and Chromium are children of this process: none may outlive the suite.
    const left = spawnSync('pgrep', ['-a', '-P', String(process.pid)], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', `processes left running:\n${left}`);
  });

  it('counts an unknown code as a problem while it is typed, and none after undo', async function () {
    const file = 'case-c-patient.md';
    const target = lineNumberOf(workspace, file, /^I: What brought you to therapy\?$/);
    const typed = ' {{x}}{#no-such-code}';
    assert.equal(codebook.byId.has('no-such-code'), false);

    await openFile(page, file);
    await waitForProblems(page, 0);
    await goToLine(page, target.line);
    await page.keyboard.press('End');
    await waitForLineText(page, target.line, target.text);
    await shot(page, '01-problems-0-before');

    await page.keyboard.type(typed);
    // The suggest widget may have opened after '#': close it, as a user would.
    await page.keyboard.press('Escape');
    await waitForLineText(page, target.line, target.text + typed);
    // The Problems panel (Ctrl+Shift+M) names the unknown code: the count is not that
    // of a half-typed state (`{{x` alone is an unclosed span).
    await page.keyboard.press('Control+Shift+M');
    const markers = page.locator('.markers-panel .monaco-list-row');
    await markers.filter({ hasText: "Unknown code 'no-such-code'" }).waitFor({ state: 'visible', timeout: WAIT });
    await waitForProblems(page, 1);
    assert.match(await page.locator('#status\\.problems').getAttribute('aria-label') ?? '', /Errors?: 1\b/);
    assert.equal(await markers.filter({ hasText: 'no-such-code' }).count(), 1);
    // The error is underlined in the editor too.
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first()
      .waitFor({ state: 'attached', timeout: WAIT });
    await shot(page, '02-problems-1-unknown-code');

    // Back to the editor (Ctrl+1) to undo there.
    await page.keyboard.press('Control+1');
    await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout: WAIT });

    // Undo until the line is as before (typing may have left several undo stops).
    let presses = 0;
    while ((await lineText(page, target.line)) !== target.text) {
      assert.ok(presses < 12, `line ${target.line} not restored after ${presses} undos: ${await lineText(page, target.line)}`);
      const before = await lineText(page, target.line);
      await page.keyboard.press('Control+Z');
      presses++;
      await page.waitForFunction(({ fn, lineNumber, before }) => {
        const read = new Function(`return (${fn})`)();
        return read({ lineNumber })?.text !== before;
      }, { fn: readLineInPage.toString(), lineNumber: target.line, before }, { timeout: WAIT, polling: 50 });
    }
    log(`restored with ${presses} undo(s)`);
    await waitForProblems(page, 0);
    await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).waitFor({ state: 'visible', timeout: WAIT });
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error')
      .first().waitFor({ state: 'detached', timeout: WAIT });
    await shot(page, '03-problems-0-after-undo');
    // Close the panel again (View: Toggle Panel) for the next tests.
    await page.keyboard.press('Control+J');
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: WAIT });
  });

  it('shows the code name and its codebook definition when hovering a tag', async function () {
    const file = 'case-c-patient.md';
    // The first #relational-trust tag of the transcript, else its first tag of a code.
    const text = readFileSync(join(workspace, 'transcripts', file), 'utf8').split('\n');
    const bodyStart = text.indexOf('---', 1) + 1;
    const tags = [];
    for (let i = bodyStart; i < text.length; i++) {
      for (const m of text[i].matchAll(/\{#([\p{L}\p{N}_.-]+)/gu)) {
        if (codebook.byId.get(m[1]) && !codebook.byId.get(m[1]).category) tags.push({ line: i + 1, id: m[1], column: m.index + 2 });
      }
    }
    const target = tags.find((t) => t.id === 'relational-trust') ?? tags[0];
    assert.ok(target, `no tag in ${file}`);
    const code = codebook.byId.get(target.id);
    log(`hovering #${code.id} on line ${target.line}`);

    await openFile(page, file);
    await waitForProblems(page, 0);
    await goToLine(page, target.line);
    // Mouse over the middle of the code id, where the page draws it.
    const where = await page.evaluate(readLineInPage, { lineNumber: target.line, char: target.column + Math.floor(code.id.length / 2) });
    assert.ok(where?.point, `line ${target.line} is not rendered`);
    assert.equal(where.text.slice(target.column, target.column + code.id.length), code.id);
    await page.mouse.move(where.point.x, where.point.y, { steps: 3 });

    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents').filter({ hasText: code.name });
    await hover.first().waitFor({ state: 'visible', timeout: WAIT });
    const shown = squash(await hover.first().innerText());
    assert.ok(shown.includes(code.name), `hover has no name ${JSON.stringify(code.name)}: ${shown}`);
    assert.ok(shown.includes(code.id), `hover has no id ${code.id}: ${shown}`);
    assert.ok(shown.includes(squash(code.definition)), `hover has no definition ${JSON.stringify(squash(code.definition))}:\n  ${shown}`);
    await shot(page, '04-hover');
    await page.mouse.move(5, VIEWPORT.height / 2);
    await hover.first().waitFor({ state: 'hidden', timeout: WAIT });
  });

  it('reads a transcript as prose in the reading view, codes above each span, and back', async function () {
    const file = 'case-c-patient.md';
    // A one-line span of a turn: its line as written and as read.
    const { line, text } = lineNumberOf(workspace, file, /^[A-Z]+: .*\{\{[^{}]{10,}\}\}\{#[^}]*\}/);
    const read = text.replace(/\{\{(\^[\p{L}\p{N}_.-]+ )?/gu, '').replace(/\}\}(\{[^{}]*\})+/g, '');
    const firstCode = /\}\}\{#([\p{L}\p{N}_.-]+)/u.exec(text)[1];
    log(`reading line ${line}: ${JSON.stringify(read.slice(0, 60))}…`);

    await openFile(page, file);
    await waitForProblems(page, 0);
    await goToLine(page, line);
    const toggle = async () => {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: WAIT });
      await page.keyboard.type('Axial: Toggle Reading View');
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Toggle Reading View' }).waitFor({ state: 'visible', timeout: WAIT });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
    };
    await toggle();
    try {
      await page.waitForFunction(({ fn, line, read }) => new Function(`return (${fn})`)()({ lineNumber: line }) === read, { fn: visibleLineInPage.toString(), line, read }, { timeout: WAIT, polling: 100 });
    } catch {
      assert.fail(`line ${line} in the reading view: expected ${JSON.stringify(read)}\n  shown ${JSON.stringify(await page.evaluate(visibleLineInPage, { lineNumber: line }))}`);
    }
    // The codes stand above the span, and the status bar says the mode.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: firstCode }).first().waitFor({ state: 'visible', timeout: WAIT });
    await page.locator('.statusbar-item', { hasText: 'Reading' }).waitFor({ state: 'visible', timeout: WAIT });
    await shot(page, '08-reading-view');

    await toggle();
    await waitForLineText(page, line, text);
    await page.locator('.statusbar-item', { hasText: 'Markup' }).waitFor({ state: 'visible', timeout: WAIT });
  });

  it('finds passages with a code query and lists them in the Query view', async function () {
    const query = 'relational-trust AND NOT trust-as-key-factor';
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await page.keyboard.type('Axial: Query…');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Axial: Query…' }).first();
    await row.waitFor({ state: 'visible', timeout: WAIT });
    await row.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Axial: Query' }).waitFor({ state: 'visible', timeout: WAIT });
    await input.waitFor({ state: 'visible', timeout: WAIT });
    await input.fill(query);
    await page.keyboard.press('Enter');
    // The Query view opens with the transcripts that have such passages, expanded.
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /query/i }) });
    const rows = view.locator('.monaco-list-row');
    await rows.nth(1).waitFor({ state: 'visible', timeout: WAIT });
    const labels = await rows.allInnerTexts();
    log(`query rows: ${labels.slice(0, 4).map(squash).join(' | ')}`);
    assert.ok(labels.some((l) => /\.md/.test(l)), `no transcript row: ${labels.join(' | ')}`);
    await shot(page, '09-query');
  });

  it('lists a code\'s memos in the hover of its tag', async function () {
    const memo = readFileSync(join(workspace, 'memos', 'trust-grows.md'), 'utf8');
    const headline = /^# (.+)$/m.exec(memo)[1];
    // The shortest line with a #relational-trust tag, so it does not wrap however wide the editor is.
    let file;
    let text;
    let i = -1;
    for (const name of readdirSync(join(workspace, 'transcripts')).filter((f) => f.endsWith('.md'))) {
      const lines = readFileSync(join(workspace, 'transcripts', name), 'utf8').split('\n');
      lines.forEach((l, k) => {
        if (/\{#relational-trust[\s}]/.test(l) && (i < 0 || l.length < text[i].length)) [file, text, i] = [name, lines, k];
      });
    }
    assert.ok(i >= 0, 'no #relational-trust tag in the transcripts');
    const column = text[i].indexOf('#relational-trust') + 1;
    await openFile(page, file);
    await waitForProblems(page, 0);
    await goToLine(page, i + 1);
    const where = await page.evaluate(readLineInPage, { lineNumber: i + 1, char: column + 3 });
    assert.ok(where?.point, `line ${i + 1} is not rendered`);
    await page.mouse.move(where.point.x, where.point.y, { steps: 3 });
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents').filter({ hasText: 'trust-grows.md' });
    await hover.first().waitFor({ state: 'visible', timeout: WAIT });
    const shown = squash(await hover.first().innerText());
    assert.ok(shown.includes(headline), `hover has no memo headline ${JSON.stringify(headline)}: ${shown}`);
    await shot(page, '10-memo');
    await page.mouse.move(5, VIEWPORT.height / 2);
    await hover.first().waitFor({ state: 'hidden', timeout: WAIT });
  });

  it('completes a code after {{…}}{# with the codebook codes, not categories', async function () {
    const file = 'case-b-patient.md';
    const target = lineNumberOf(workspace, file, (() => {
      // The shortest plain line of a turn, so the list and its details have room.
      const lines = readFileSync(join(workspace, 'transcripts', file), 'utf8').split('\n');
      const bodyStart = lines.indexOf('---', 1) + 1;
      const pick = lines.slice(bodyStart).filter((l) => /^[A-Z]+: [^{}#]{20,60}$/.test(l))
        .sort((a, b) => a.length - b.length)[0];
      assert.ok(pick, `no short plain line in ${file}`);
      return pick;
    })());
    const typed = ' {{quoted words}}{#';

    await openFile(page, file);
    await waitForProblems(page, 0);
    await goToLine(page, target.line);
    await page.keyboard.press('End');
    await page.keyboard.type(typed);
    // The language auto-closes `{`: the block's `}` is already there, after the cursor.
    await waitForLineText(page, target.line, target.text + typed + '}');
    // The block has no code yet: the server reports it while the list is up.
    await waitForProblems(page, 'some');

    const widget = page.locator('.editor-widget.suggest-widget.visible');
    await widget.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: WAIT });
    const rows = await suggestRows(page);
    const labels = rows.map((r) => r.label);
    log(`completion: ${rows[0]?.setSize} items, shown: ${labels.slice(0, 4).join(', ')}, …`);
    // Codes in codebook order come first: the first one is among the rows shown.
    const first = codebook.applicable[0];
    assert.ok(labels.includes(first.id), `code ${first.id} not in ${labels.join(', ')}`);
    // No category is offered: none shown, and the whole list (the rows are
    // virtualised) has exactly one item per code and per alias of a code.
    for (const cat of codebook.categories) assert.ok(!labels.includes(cat.id), `category ${cat.id} offered`);
    const expectedSize = codebook.applicable.reduce((n, c) => n + 1 + c.aliases.length, 0);
    assert.equal(rows[0].setSize, expectedSize, 'items in the completion list (codes + their aliases)');
    await shot(page, '05-completion-list');
    // Ctrl+Space opens the details of the focused (first) code: its name and definition.
    assert.equal(rows.find((r) => r.focused)?.label, first.id);
    await page.keyboard.press('Control+Space');
    const details = page.locator('.suggest-details', { hasText: first.name });
    await details.waitFor({ state: 'visible', timeout: WAIT });
    const detailsText = squash(await details.innerText());
    assert.ok(detailsText.includes(squash(first.definition)), `details of ${first.id} lack its definition: ${detailsText}`);
    await shot(page, '06-completion-details');

    // Arrow down to the second code and accept it with Enter.
    const pick = codebook.applicable[1];
    let downs = 0;
    while ((await suggestRows(page)).find((r) => r.focused)?.label !== pick.id) {
      assert.ok(downs < 5, `${pick.id} not reached with the arrow keys`);
      await page.keyboard.press('ArrowDown');
      downs++;
      await widget.locator('.monaco-list-row.focused').waitFor({ state: 'visible', timeout: WAIT });
    }
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: WAIT });
    await waitForLineText(page, target.line, `${target.text}${typed}${pick.id}}`);
    // Typing the closing brace types over the auto-inserted one.
    await page.keyboard.type('}');
    await waitForLineText(page, target.line, `${target.text}${typed}${pick.id}}`);
    // A closed block with a known code: no problem left in the project.
    await waitForProblems(page, 0);
    await shot(page, '07-completion-accepted');
  });
});
