/**
 * "Axial: Compare Coders" and "Axial: Open Report" in a real VS Code, on the
 * runner's copy of the example project (two coders, CA and LN). Expected figures
 * and pages come from the bundled `axial` command run as a process on the same
 * files (`axial agree --format json`, `axial report --format html`), not from the
 * extension: the table's cells as the webview draws them, the colours by the
 * thresholds (and a changed setting), a click on a code listing its disagreements,
 * a click on one opening the transcript with the quote selected and both coders'
 * blocks on screen, the unit and coder pickers, two revisions compared (real git),
 * and the report shown with scripts off and saved as an html file holding every
 * code of the codebook.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AgreementApi, AgreementState } from '../../client/agreement/panel';
import type { ReportApi } from '../../client/report/panel';
import { GitRepo } from '../helpers/scratchGit';
import { axialReady, codebookEntries, EXTENSION_ID, offsetOf, openTranscript, projectRoot, replaceRange, restore, waitFor } from './helpers';

interface Figures {
  percent: number | null;
  kappa: number | null;
  alpha: number | null;
  units: number;
  marked: Record<string, number>;
}
interface AgreeJson {
  coders: string[];
  overall: Figures;
  codes: (Figures & { code: string })[];
  disagreements: { file: string; line: number; code: string; coders: { marked: string[]; unmarked: string[] }; quote: string }[];
}

/** The bundled CLI (the extension's dist/cli.js) run as a process in the project folder. */
function cli(...args: string[]): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  // In desktop VS Code the extension host is Electron: run it as plain Node.
  const r = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, `axial ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const stat = (v: number | null) => (v === null ? 'undefined' : v.toFixed(3));
const percent = (v: number | null) => (v === null ? 'undefined' : `${(v * 100).toFixed(1)}%`);
const grade = (v: number | null, good = 0.8, tentative = 0.667) => (v === null ? 'undefined' : v >= good ? 'good' : v >= tentative ? 'tentative' : 'poor');

/** The table the page should draw for the CLI's figures: header, one row per code (with its disagreement count), overall. */
function expectedRows(j: AgreeJson): string[][] {
  const count = (code: string) => j.disagreements.filter((d) => d.code === code).length;
  const cells = (f: Figures) => [String(f.units), ...j.coders.map((c) => String(f.marked[c] ?? 0)), percent(f.percent), stat(f.kappa), stat(f.alpha)];
  return [
    ['code', 'units', ...j.coders, 'percent', 'kappa', 'alpha'],
    ...j.codes.map((c) => [count(c.code) > 0 ? `${c.code} ${count(c.code)}` : c.code, ...cells(c)]),
    ['overall', ...cells(j.overall)],
  ];
}

/** Text as an html page holds it. */
const escape = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

let agreement: AgreementApi;
let report: ReportApi;

async function drawn(what: string, cond: (s: AgreementState) => boolean = () => true): Promise<AgreementState> {
  return waitFor(what, () => {
    const s = agreement.state();
    return s?.ready && cond(s) ? s : undefined;
  });
}

suite('Compare Coders and Open Report', () => {
  let outside: string;

  suiteSetup(async () => {
    const api = (await axialReady()) as unknown as { agreement: AgreementApi; report: ReportApi };
    assert.ok(api.agreement && api.report, 'activate() returns the agreement and report APIs');
    agreement = api.agreement;
    report = api.report;
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'axial-report-'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (outside) fs.rmSync(outside, { recursive: true, force: true });
  });

  test('the command opens the table: every code and the overall row as axial agree computes them, alpha coloured by the default thresholds', async () => {
    const shown = await vscode.commands.executeCommand<boolean>('axial.compareCoders', { uri: vscode.Uri.file(projectRoot()).toString(), unit: 'turn', coders: [] });
    assert.equal(shown, true);
    const s = await drawn('the Compare Coders table to draw');
    const j = JSON.parse(cli('agree', '.', '--format', 'json')) as AgreeJson;
    assert.deepEqual(s.rows, expectedRows(j));
    assert.deepEqual(s.alphaGrades, [...j.codes.map((c) => grade(c.alpha)), grade(j.overall.alpha)]);
    assert.ok(new Set(s.alphaGrades).size >= 2, 'the example has codes above and below the thresholds');
    assert.equal(s.coderPicker, false, 'two coders: nothing to pick');
    assert.equal(s.visible, true);
    assert.match(s.html, /Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/);
    assert.ok(!s.html.includes('NaN'));
  });

  test('a changed threshold setting recolours the cells', async () => {
    const config = vscode.workspace.getConfiguration('axial.agreement');
    const j = JSON.parse(cli('agree', '.', '--format', 'json')) as AgreeJson;
    const expected = [...j.codes.map((c) => grade(c.alpha, 0.9, 0.5)), grade(j.overall.alpha, 0.9, 0.5)];
    assert.notDeepEqual(expected, agreement.state()!.alphaGrades, 'the new thresholds change some colour');
    try {
      await config.update('goodAlpha', 0.9, vscode.ConfigurationTarget.Workspace);
      await config.update('tentativeAlpha', 0.5, vscode.ConfigurationTarget.Workspace);
      await drawn('the table to be recoloured', (s) => JSON.stringify(s.alphaGrades) === JSON.stringify(expected));
    } finally {
      await config.update('goodAlpha', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('tentativeAlpha', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const defaults = [...j.codes.map((c) => grade(c.alpha)), grade(j.overall.alpha)];
    await drawn('the default colours again', (s) => JSON.stringify(s.alphaGrades) === JSON.stringify(defaults));
  });

  test('a click on a code lists its disagreements; a click on one opens the transcript at the quote with both blocks on screen', async () => {
    const j = JSON.parse(cli('agree', '.', '--format', 'json')) as AgreeJson;
    const code = 'willingness-to-collaborate';
    const expected = j.disagreements.filter((d) => d.code === code);
    assert.equal(expected.length, 1, 'the example has one disagreement on this code');
    const i = j.codes.findIndex((c) => c.code === code);
    const selected = agreement.nextMessage('select');
    assert.ok(await agreement.post({ type: 'click', selector: `tr.code[data-code="${i}"] a.code` }));
    const list = (await selected) as { code: string; disagreements: string[] };
    assert.equal(list.code, code);
    assert.equal(list.disagreements.length, 1);
    const d = expected[0];
    assert.ok(list.disagreements[0].startsWith(`${d.file}:${d.line} “${d.quote}” — `), list.disagreements[0]);
    assert.match(list.disagreements[0], /— CA marked it, LN did not \(LN: [^)]*\bguiding-the-work\b[^)]*\)$/);

    const clicked = agreement.nextMessage('clicked');
    assert.ok(await agreement.post({ type: 'click', selector: 'a.disagreement' }));
    assert.equal((await clicked).found, true);
    const editor = await waitFor('the transcript to open with the quote selected', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === path.join(projectRoot(), d.file) && e.document.getText(e.selection) === d.quote ? e : undefined;
    });
    assert.equal(editor.selection.start.line + 1, d.line);
    // Both coders' blocks close the span on the quote's line: that line is on screen.
    const blocks = editor.document.lineAt(d.line - 1).text;
    assert.match(blocks, /\{#willingness-to-collaborate @CA\}\{#guiding-the-work @LN/);
    await waitFor('the blocks to be on screen', () => editor.visibleRanges.some((r) => r.start.line <= d.line - 1 && d.line - 1 <= r.end.line));
  });

  test('the unit picker recomputes by line, as axial agree --unit line', async () => {
    await vscode.commands.executeCommand('axial.compareCoders');
    await drawn('the table');
    assert.ok(await agreement.post({ type: 'set', selector: '#unit', value: 'line' }));
    const s = await drawn('the table by line', (x) => x.unit === 'line');
    assert.deepEqual(s.rows, expectedRows(JSON.parse(cli('agree', '.', '--unit', 'line', '--format', 'json')) as AgreeJson));
    assert.match(s.html, /unit: line/);
    assert.ok(await agreement.post({ type: 'set', selector: '#unit', value: 'turn' }));
    await drawn('the table by turn again', (x) => x.unit === 'turn');
  });

  test('with a third coder the coder picker shows, and unticking one compares the others', async () => {
    const file = 'case-c-patient.md';
    const doc = await openTranscript(file);
    const original = doc.getText();
    const codebook = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(projectRoot(), 'codebook.yaml')));
    const originalCodebook = codebook.getText();
    try {
      // Unsaved edits (open documents win over the disk): a third coder declared, and a block of theirs on one span.
      const declared = offsetOf(codebook.getText(), '\ncodes:');
      await replaceRange(codebook, declared, declared, '\n  ZZ: A third coder');
      const at = offsetOf(doc.getText(), '{#willingness-to-collaborate @CA}');
      await replaceRange(doc, at, at, '{#willingness-to-collaborate @ZZ}');
      const uri = vscode.Uri.file(projectRoot()).toString();
      await waitFor('the server to count three coders', async () => {
        await vscode.commands.executeCommand('axial.compareCoders', { uri, coders: [] });
        return agreement.state()?.result.allCoders.length === 3;
      });
      const three = await drawn('the table of three coders', (s) => s.result.allCoders.length === 3);
      assert.deepEqual(three.result.allCoders, ['CA', 'LN', 'ZZ']);
      assert.equal(three.coderPicker, true);
      assert.deepEqual(three.result.report?.files, [`transcripts/${file}`], 'only the file all three coded');
      assert.deepEqual(three.rows[0], ['code', 'units', 'CA', 'LN', 'ZZ', 'percent', 'kappa', 'alpha']);
      assert.equal(three.rows.at(-1)![6], 'pairs', "kappa compares pairs: the table says so instead of a number");
      assert.match(three.html, /Overall, per coder pair/);

      assert.ok(await agreement.post({ type: 'set', selector: '#coders input[value="ZZ"]', checked: false }));
      const two = await drawn('the table of CA and LN', (s) => s.coders.join() === 'CA,LN');
      assert.equal(two.coderPicker, true);
      assert.equal(two.result.report?.files.length, 3);
    } finally {
      await restore(doc, original);
      await restore(codebook, originalCodebook);
      await vscode.commands.executeCommand('axial.compareCoders', { coders: [] });
    }
  });

  test('Open Report shows the page axial report --format html writes, with scripts off', async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>('axial.openReport'), true);
    const s = await waitFor('the report panel', () => report.state());
    assert.equal(s.scriptsEnabled, false);
    assert.equal(s.html, cli('report', '.', '--format', 'html'));
    assert.equal(s.visible, true);
  });

  test('Save Report writes the page to the file given, holding every code of the codebook', async () => {
    const target = vscode.Uri.file(path.join(outside, 'report.html'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('axial.saveReport', target);
    assert.equal(written?.fsPath, target.fsPath);
    const html = fs.readFileSync(target.fsPath, 'utf8');
    assert.equal(html, report.state()!.html);
    assert.match(html, /^<!DOCTYPE html>/);
    for (const [id, entry] of codebookEntries()) {
      if (entry.status === 'deprecated') continue; // shown only while someone still uses it
      assert.ok(html.includes(`id="code-${id}"`), `the report has a section for ${id}`);
      if (entry.name) assert.ok(html.includes(escape(entry.name)), `the report names ${id}`);
    }
  });
});

/**
 * Compare Coders on two revisions, on the runner's copy of the example project
 * made a git repository (real git): branch `coded-a` is the project as it is,
 * branch `coded-b` the same with one code changed; each branch is one coder, as
 * `axial agree coded-a coded-b`. Expected figures come from that command.
 */
suite('Compare Coders on two revisions', () => {
  const FILE = 'transcripts/case-c-patient.md';
  const FROM = '{#willingness-to-collaborate @CA}';
  let repo: GitRepo | undefined;

  suiteSetup(async () => {
    // Also when this suite runs alone (AXIAL_EXTHOST_GREP).
    agreement = ((await axialReady()) as unknown as { agreement: AgreementApi }).agreement;
    repo = GitRepo.initIn(projectRoot(), 'coded-a');
    repo.commitAll('The example project');
    repo.git('checkout', '-q', '-b', 'coded-b');
    const full = path.join(projectRoot(), FILE);
    const text = fs.readFileSync(full, 'utf8');
    assert.ok(text.includes(FROM), `${FILE} has ${FROM}`);
    fs.writeFileSync(full, text.replace(FROM, '{#guiding-the-work @CA}'));
    repo.git('commit', '-q', '-am', 'Recoded on another branch');
    // The working tree is coded-a again: its files are the text compared.
    repo.git('checkout', '-q', 'coded-a');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    repo?.removeGit();
    await vscode.commands.executeCommand('axial.compareCoders', { coders: [], revisions: [] });
  });

  test('the table holds the figures of axial agree <rev-a> <rev-b>, the revisions as the coders, and the page says what is compared', async () => {
    const shown = await vscode.commands.executeCommand<boolean>('axial.compareCoders', { uri: vscode.Uri.file(projectRoot()).toString(), unit: 'turn', revisions: ['coded-a', 'coded-b'] });
    assert.equal(shown, true, agreement.state()?.result.error);
    const s = await drawn('the table of two revisions', (x) => x.revisions.join() === 'coded-a,coded-b');
    const j = JSON.parse(cli('agree', 'coded-a', 'coded-b', '.', '--format', 'json')) as AgreeJson;
    assert.deepEqual(j.coders, ['coded-a', 'coded-b']);
    assert.deepEqual(s.rows, expectedRows(j));
    assert.deepEqual(s.result.revisions, ['coded-a', 'coded-b']);
    assert.match(s.html, /<option value="current" selected>revisions coded-a and coded-b<\/option>/);
    assert.ok(j.disagreements.length > 0);
  });

  test("a disagreement opens the transcript of the working tree at its span", async () => {
    const j = JSON.parse(cli('agree', 'coded-a', 'coded-b', '.', '--format', 'json')) as AgreeJson;
    const code = 'willingness-to-collaborate';
    const d = j.disagreements.find((x) => x.code === code)!;
    assert.ok(d, 'the recoded span is a disagreement');
    assert.equal(d.file, FILE);
    const i = j.codes.findIndex((c) => c.code === code);
    const selected = agreement.nextMessage('select');
    assert.ok(await agreement.post({ type: 'click', selector: `tr.code[data-code="${i}"] a.code` }));
    const list = (await selected) as { disagreements: string[] };
    assert.ok(list.disagreements[0].startsWith(`${d.file}:${d.line} “${d.quote}” — coded-a marked it, coded-b did not`), list.disagreements[0]);
    const shownD = agreement.state()!.result.report!.disagreements.find((x) => x.code === code)!;
    assert.equal(shownD.atRevision, undefined, 'the working tree is coded-a: the span is placed exactly');
    const clicked = agreement.nextMessage('clicked');
    assert.ok(await agreement.post({ type: 'click', selector: 'a.disagreement' }));
    assert.equal((await clicked).found, true);
    const editor = await waitFor('the transcript to open with the quote selected', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === path.join(projectRoot(), d.file) && e.document.getText(e.selection) === d.quote ? e : undefined;
    });
    assert.equal(editor.selection.start.line + 1, d.line);
  });

  test('choosing "coders in the same files" compares the coders of the working tree again', async () => {
    assert.ok(await agreement.post({ type: 'set', selector: '#mode', value: 'files' }));
    const s = await drawn('the table of the coders in the same files', (x) => x.revisions.length === 0 && x.result.report?.coders.join() === 'CA,LN');
    assert.deepEqual(s.rows, expectedRows(JSON.parse(cli('agree', '.', '--format', 'json')) as AgreeJson));
    assert.equal(s.result.revisions, undefined);
  });
});
