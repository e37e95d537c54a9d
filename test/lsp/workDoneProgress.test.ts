import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { TreeChildrenRequest, type StatusParams } from '../../common/protocol';
import { cleanup, LspClient } from './harness';

type Progress = LspClient['progress'][number];
type ProgressValue = Extract<Progress, { token: unknown }>['value'];

/**
 * The workspace scan as LSP work-done progress over stdio: a client that declares
 * `window.workDoneProgress` is asked for a token and hears begin → reports → end;
 * one that does not (or that asks for none) hears nothing of it, and the
 * `axial/status` counts go on either way.
 */
describe('indexing as work-done progress', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient | undefined;
  // Large enough that the scan takes several report intervals on any machine.
  const TRANSCRIPTS = 600;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-workdone-'));
    writeProject(dir, { transcripts: TRANSCRIPTS, seed: 7, codes: 200 });
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => cleanup(dir));

  const indexed = (c: LspClient) => c.waitFor('the end of indexing', () => (c.statuses as StatusParams[]).find((s) => !s.indexing), 90_000);

  it('sends create, begin, throttled reports with growing percentages, and the end once the index is ready', async () => {
    const c = (client = new LspClient(dir));
    await c.start({ capabilities: { window: { workDoneProgress: true } } });
    const values = (): ProgressValue[] => c.progress.flatMap((p) => ('value' in p ? [p.value] : []));
    // The tree as soon as the end arrives: it must already count every file.
    let treeAtEnd: Promise<unknown> | undefined;
    await c.waitFor('the end of the progress', () => {
      if (!values().some((v) => v.kind === 'end')) return false;
      treeAtEnd ??= c.request(TreeChildrenRequest.type, {});
      return true;
    }, 90_000);
    await indexed(c);

    const creates = c.progress.filter((p): p is { create: string | number } => 'create' in p);
    assert.equal(creates.length, 1, 'one token for one scan');
    assert.ok('create' in c.progress[0], 'the token is created before any $/progress');
    const token = creates[0].create;
    for (const p of c.progress) if ('token' in p) assert.equal(p.token, token, 'every $/progress uses the created token');

    const kinds = values().map((v) => v.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.deepEqual(kinds.slice(1, -1).filter((k) => k !== 'report'), [], `begin, reports, end: ${kinds.join(' ')}`);
    const begin = values()[0];
    assert.equal(begin.title, 'Axial: indexing');

    const reports = values().filter((v) => v.kind === 'report');
    assert.ok(reports.length >= 1, 'at least one report while the scan goes on');
    assert.ok(reports.length < TRANSCRIPTS / 4, `throttled, not one per file: ${reports.length} reports for ${TRANSCRIPTS + 1} files`);
    for (const r of reports) assert.match(r.message ?? '', new RegExp(`^\\d+ of ${TRANSCRIPTS + 1} files$`));
    const percentages = [begin, ...reports].map((v) => v.percentage ?? 0);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), `percentages never go down: ${percentages.join(' ')}`);
    assert.ok(percentages.every((p) => Number.isInteger(p) && p >= 0 && p <= 100));

    const full = await c.request(TreeChildrenRequest.type, {});
    assert.deepEqual(await treeAtEnd, full, 'when the end arrives, every file is in the index');
    assert.ok(full.length > 0 && (full[0].quotes ?? 0) > 0);
  });

  it('sends no progress to a client without window.workDoneProgress, and still counts in axial/status', async () => {
    const c = (client = new LspClient(dir));
    await c.start();
    await indexed(c);
    assert.deepEqual(c.progress, [], 'no create request, no $/progress');
    assert.ok((c.statuses as StatusParams[]).some((s) => s.indexing && s.progress && s.progress.total === TRANSCRIPTS + 1), 'the status counted the files');
  });

  it('sends no progress when the client asks for none (initialization option indexingProgress: false)', async () => {
    const c = (client = new LspClient(dir));
    await c.start({ capabilities: { window: { workDoneProgress: true } }, initializationOptions: { indexingProgress: false } });
    await indexed(c);
    assert.deepEqual(c.progress, []);
  });
});
