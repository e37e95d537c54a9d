import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { CodedSpanResult, RefactorCommandResult, SpanDecorationsResult } from '../../common/protocol';
import { LineIndex, parseTranscript } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Coding through the real bundled server: the commands that code a selection,
 * add a code to a span, remove one and uncode a span (applied with
 * workspace/applyEdit), `axial/codedSpan` and `axial/spanDecorations`.
 */
describe('coding over stdio', function () {
  let dir: string;
  let client: LspClient;
  let patient: string;
  let therapist: string;
  let codebook: string;
  let applied: WorkspaceEdit[];

  beforeEach(async () => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    patient = path.join(dir, 'transcripts', 'patient.md');
    therapist = path.join(dir, 'transcripts', 'therapist.md');
    codebook = path.join(dir, 'codebook.yaml');
    client = new LspClient(dir);
    applied = [];
    client.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    await client.start();
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
    await poll('the index', async () => (await client.request<{ indexing?: boolean }>('axial/getStatus', {})).indexing !== true);
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  /** The LSP range of the first `needle` in `text`. */
  function rangeOf(text: string, needle: string, n = needle.length): Range {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `'${needle}' not in text`);
    const lines = new LineIndex(text);
    return { start: lines.positionAt(i), end: lines.positionAt(i + n) };
  }

  /** A cursor (empty range) `delta` characters into the first `needle`. */
  function cursorAt(text: string, needle: string, delta = 0): Range {
    const r = rangeOf(text, needle, delta);
    return { start: r.end, end: r.end };
  }

  const run = (command: string, args: unknown) =>
    client.request<RefactorCommandResult>('workspace/executeCommand', { command, arguments: [args] });

  /** The text of `file` after the edits the server sent for it. */
  function after(file: string, edit: WorkspaceEdit | RefactorCommandResult['edit']): string {
    const edits = (edit?.changes?.[uriOf(file)] ?? []) as TextEdit[];
    return applyText(readFileSync(file, 'utf8'), edits);
  }

  it('announces the coding commands', async () => {
    const other = new LspClient(dir);
    const result = (await other.start()) as { capabilities: { executeCommandProvider: { commands: string[] } } };
    await other.stop();
    for (const c of ['axial.server.codeSelection', 'axial.server.addCode', 'axial.server.removeCode', 'axial.server.uncode']) {
      assert.ok(result.capabilities.executeCommandProvider.commands.includes(c), c);
    }
  });

  it('codeSelection wraps the selection, with @coder only when it is not the front matter coder; the transcript need not be open', async () => {
    const text = readFileSync(patient, 'utf8');
    const res = await run('axial.server.codeSelection', { uri: uriOf(patient), range: rangeOf(text, 'Which factor mattered most?\n'), codes: ['trust', 'expertise'], coder: 'CA' });
    assert.equal(res.error, undefined);
    assert.equal(res.applied, true);
    assert.equal(res.summary, "Coded “Which factor mattered most?” with 'trust' and 'expertise'.");
    assert.equal(applied.length, 1);
    assert.deepEqual(Object.keys(applied[0].changes!), [uriOf(patient)]);
    const next = after(patient, applied[0]);
    assert.equal(next, text.replace('Which factor mattered most?', '{{Which factor mattered most?}}{#trust #expertise @CA}'));
    assert.equal(parseTranscript(next).stripped.text, parseTranscript(text).stripped.text);

    const same = await run('axial.server.codeSelection', { uri: uriOf(patient), range: rangeOf(text, 'I would never'), codes: ['trust'], coder: 'LN', dryRun: true });
    assert.equal(same.applied, false);
    assert.equal(after(patient, same.edit), text.replace('I would never', '{{I would never}}{#trust}'));
    assert.equal(applied.length, 1, 'a dry run applies nothing');
  });

  it('codeSelection on an open document with CRLF line ends, crossing a span: a labelled span', async () => {
    const text = readFileSync(patient, 'utf8').replace(/\n/g, '\r\n');
    // The server handles the open before the command that follows it.
    client.open(patient, text);
    const res = await run('axial.server.codeSelection', {
      uri: uriOf(patient),
      range: rangeOf(text, 'I think.}}{#trust} Because'),
      codes: ['expertise'],
    });
    assert.equal(res.applied, true, res.error);
    const edits = applied[0].changes![uriOf(patient)] as TextEdit[];
    const next = applyText(text, edits);
    assert.equal(
      next,
      text.replace('{{Building trust, I think.}}{#trust} Because', '{{^a Building trust, {{^b I think.}}{^a #trust} Because}}{^b #expertise}'),
    );
    assert.equal(parseTranscript(next).stripped.text, parseTranscript(text).stripped.text);
    assert.equal(parseTranscript(next).diagnostics.length, 0);
  });

  it('codeSelection with a new code: codebook.yaml and the transcript in one edit', async () => {
    const text = readFileSync(patient, 'utf8');
    const cb = readFileSync(codebook, 'utf8');
    const res = await run('axial.server.codeSelection', {
      uri: uriOf(patient),
      range: rangeOf(text, 'opened up'),
      codes: [],
      newCode: { id: 'opening-up', name: 'Opening up', parent: 'meeting' },
    });
    assert.equal(res.applied, true, res.error);
    assert.deepEqual(Object.keys(applied[0].changes!).sort(), [uriOf(codebook), uriOf(patient)].sort());
    assert.equal(after(codebook, applied[0]), cb + '  opening-up:\n    parent: meeting\n    name: Opening up\n');
    assert.equal(after(patient, applied[0]), text.replace('opened up', '{{opened up}}{#opening-up}'));
  });

  it('refuses with a message: a category, a deprecated or unknown code, an unknown coder, no words, a taken new id', async () => {
    const text = readFileSync(patient, 'utf8');
    const uri = uriOf(patient);
    const range = rangeOf(text, 'Which factor');
    const cases: [unknown, RegExp][] = [
      [{ uri, range, codes: ['meeting'] }, /'meeting' is a category/],
      [{ uri, range, codes: ['old-trust'] }, /'old-trust' is deprecated; use 'trust'/],
      [{ uri, range, codes: ['hope'] }, /'hope' is not a code of the codebook/],
      [{ uri, range, codes: ['trust'], coder: 'XY' }, /'XY' is not one of the coders in codebook.yaml \(CA, LN\)/],
      [{ uri, range: rangeOf(text, '}}{#trust} '), codes: ['trust'] }, /Select the text to code/],
      [{ uri, range, codes: [], newCode: { id: 'trust' } }, /already has a code 'trust'/],
      [{ uri, range, codes: [], newCode: { id: 'two words' } }, /'two words' is not a valid code id/],
      [{ uri: uriOf(path.join(dir, 'notes', 'not-a-transcript.md')), range, codes: ['trust'] }, /not a transcript of an Axial project/],
    ];
    for (const [args, message] of cases) {
      const res = await run('axial.server.codeSelection', args);
      assert.equal(res.applied, false);
      assert.match(res.error ?? '', message);
    }
    assert.equal(applied.length, 0);
    const status = await client.request<{ health: string }>('axial/getStatus', {});
    assert.equal(status.health, 'ok', 'refusals do not degrade the server');
  });

  it('addCode: into the block of the same coder, or a new block for another coder', async () => {
    const text = readFileSync(patient, 'utf8');
    const uri = uriOf(patient);
    const same = await run('axial.server.addCode', { uri, range: cursorAt(text, 'Building', 3), codes: ['expertise'], coder: 'LN', dryRun: true });
    assert.equal(after(patient, same.edit), text.replace('{#trust} Because', '{#trust #expertise} Because'));
    const other = await run('axial.server.addCode', { uri, range: cursorAt(text, 'Building', 3), codes: ['expertise'], coder: 'CA' });
    assert.equal(other.applied, true, other.error);
    assert.equal(after(patient, applied[0]), text.replace('{#trust} Because', '{#trust}{#expertise @CA} Because'));
    const none = await run('axial.server.addCode', { uri, range: cursorAt(text, 'Which'), codes: ['trust'] });
    assert.match(none.error ?? '', /There is no coded span here/);
  });

  it('removeCode and uncode: the block, then the markup; the text stays byte for byte', async () => {
    const text = readFileSync(patient, 'utf8');
    const uri = uriOf(patient);
    const removed = await run('axial.server.removeCode', { uri, range: cursorAt(text, 'generated', 2), code: 'trust', dryRun: true });
    assert.equal(removed.summary, "Removed 'trust', the span's last code: uncoded “generated that trust”.");
    assert.equal(after(patient, removed.edit), text.replace('{{generated that trust}}{#trust @CA}', 'generated that trust'));
    const wrong = await run('axial.server.removeCode', { uri, range: cursorAt(text, 'generated', 2), code: 'trust', coder: 'LN' });
    assert.match(wrong.error ?? '', /has no code 'trust' by LN/);
    const un = await run('axial.server.uncode', { uri, range: cursorAt(text, 'She knew', 4) });
    assert.equal(un.applied, true, un.error);
    assert.equal(after(patient, applied[0]), text.replace('{{She knew what she was doing.}}{#expertise}', 'She knew what she was doing.'));
  });

  it('axial/codedSpan: the span under the cursor with its blocks and coders', async () => {
    const text = readFileSync(patient, 'utf8');
    const span = await client.request<CodedSpanResult | null>('axial/codedSpan', { uri: uriOf(patient), range: cursorAt(text, 'generated', 1) });
    assert.deepEqual(span, {
      range: rangeOf(text, '{{generated that trust}}{#trust @CA}'),
      quote: 'generated that trust',
      blocks: [{ codes: ['trust'], coder: 'CA' }],
    });
    const fm = await client.request<CodedSpanResult | null>('axial/codedSpan', { uri: uriOf(patient), range: cursorAt(text, 'Building') });
    assert.deepEqual(fm?.blocks, [{ codes: ['trust'], coder: 'LN' }], 'the front matter coder');
    assert.equal(await client.request('axial/codedSpan', { uri: uriOf(patient), range: cursorAt(text, 'Which') }), null);
  });

  it('axial/spanDecorations: coloured spans and every piece of markup; follows codebook colour changes', async () => {
    const text = readFileSync(therapist, 'utf8');
    const p = readFileSync(patient, 'utf8');
    const deco = await client.request<SpanDecorationsResult>('axial/spanDecorations', { uri: uriOf(patient) });
    assert.deepEqual(deco.spans, [
      { range: rangeOf(p, 'Building trust, I think.'), color: '#4e79a7', codes: ['trust'] },
      { range: rangeOf(p, 'generated that trust'), color: '#4e79a7', codes: ['trust'] },
    ]);
    assert.equal(deco.markup.length, 6);
    assert.deepEqual(deco.markup[0], rangeOf(p, '{{Building', 2));
    assert.deepEqual(deco.markup[1], rangeOf(p, '}}{#trust} Because', '}}{#trust}'.length));

    // A colour on the category reaches its codes that have none.
    const cb = readFileSync(codebook, 'utf8').replace('    definition: Core category.\n', '    definition: Core category.\n    color: "#e15759"\n');
    client.open(codebook, cb, 'yaml');
    const next = await poll('the category colour', async () => {
      const d = await client.request<SpanDecorationsResult>('axial/spanDecorations', { uri: uriOf(patient) });
      return d.spans.length === 3 ? d : undefined;
    });
    assert.deepEqual(next.spans[2], { range: rangeOf(p, 'She knew what she was doing.'), color: '#e15759', codes: ['expertise'] });
    const th = await client.request<SpanDecorationsResult>('axial/spanDecorations', { uri: uriOf(therapist) });
    assert.deepEqual(th.spans, [{ range: rangeOf(text, 'He came very scared.'), color: '#4e79a7', codes: ['trust'] }]);
    assert.equal(await client.request('axial/spanDecorations', { uri: uriOf(codebook) }), null);
  });
});

/** Polls an asynchronous condition until it gives a value (the harness's waitFor is synchronous). */
async function poll<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 10000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function applyText(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}
