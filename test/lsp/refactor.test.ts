import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CodeAction, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex, parseTranscript } from '../../core';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * Refactoring through the real bundled server: rename (prepareRename + rename)
 * across open and closed transcripts, the merge and move commands applied with
 * workspace/applyEdit, and quick fixes on generated transcripts.
 */
describe('refactoring over stdio', function () {
  let dir: string;
  let client: LspClient;
  let patient: string;
  let therapist: string;
  let codebook: string;
  /** Edits the server asked the client to apply. */
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
  });

  afterEach(async () => {
    await client.stop();
    cleanup(dir);
  });

  function posOf(text: string, needle: string, delta = 0) {
    const i = text.indexOf(needle);
    assert.ok(i >= 0, `'${needle}' not in text`);
    return new LineIndex(text).positionAt(i + delta);
  }

  /** Applies a WorkspaceEdit to the files on disk (as an editor would) and returns the new texts by file. */
  function applyToDisk(edit: WorkspaceEdit): Map<string, string> {
    const out = new Map<string, string>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const file = [patient, therapist, codebook].find((f) => uriOf(f) === uri);
      assert.ok(file, `edit to an unexpected file ${uri}`);
      const text = readFileSync(file, 'utf8');
      const next = applyText(text, edits);
      writeFileSync(file, next);
      out.set(path.basename(file), next);
    }
    return out;
  }

  it('announces rename with prepare and the refactoring commands', async () => {
    const other = new LspClient(dir);
    const result = (await other.start()) as { capabilities: { renameProvider: unknown; executeCommandProvider: { commands: string[] } } };
    await other.stop();
    assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
    // The refactoring commands, in this order; other features (coding) announce theirs after them.
    assert.deepEqual(result.capabilities.executeCommandProvider.commands.slice(0, 3), ['axial.server.renameCode', 'axial.server.mergeCode', 'axial.server.moveCode']);
  });

  it('prepareRename: the id of a tag; nothing on plain text; a clear refusal on an unknown code', async () => {
    const text = readFileSync(patient, 'utf8').replace('{#expertise}', '{#expertse}');
    client.open(patient, text);
    await client.waitForDiagnostics(patient, (d) => d.length === 1);
    const prep = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: uriOf(patient) },
      position: posOf(text, '#trust @CA', 3),
    });
    assert.equal(prep.placeholder, 'trust');
    assert.deepEqual(prep.range, { start: posOf(text, '#trust @CA', 1), end: posOf(text, '#trust @CA', 6) });
    const none = await client.request('textDocument/prepareRename', { textDocument: { uri: uriOf(patient) }, position: posOf(text, 'Which') });
    assert.equal(none, null);
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: uriOf(patient) }, position: posOf(text, '#expertse', 2) }),
      /'expertse' is not a code of the codebook/,
    );
  });

  it('rename from a tag: the codebook and every transcript, open or not, in one edit', async () => {
    const text = readFileSync(patient, 'utf8');
    client.open(patient, text);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: uriOf(patient) },
      position: posOf(text, '#trust}', 2),
      newName: 'confianza-terapéutica',
    });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [uriOf(codebook), uriOf(patient), uriOf(therapist)].sort());
    const cbBefore = readFileSync(codebook, 'utf8');
    const thBefore = readFileSync(therapist, 'utf8');
    const after = applyToDisk(edit);
    assert.equal(after.get('patient.md'), text.replace(/#trust\b/g, '#confianza-terapéutica'));
    assert.equal(after.get('therapist.md'), thBefore.replace('{#trust}', '{#confianza-terapéutica}'));
    assert.equal(after.get('codebook.yaml'), cbBefore.replace('  trust:\n', '  confianza-terapéutica:\n').replace('replaced_by: trust', 'replaced_by: confianza-terapéutica'));
  });

  it('rename from a codebook key; an id that exists or is invalid is refused with a message', async () => {
    const cb = readFileSync(codebook, 'utf8');
    const at = { textDocument: { uri: uriOf(codebook) }, position: posOf(cb, '  expertise:', 4) };
    const prep = await client.request<{ placeholder: string }>('textDocument/prepareRename', at);
    assert.equal(prep.placeholder, 'expertise');
    await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'trust' }), /already has a code 'trust'/);
    await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'two words' }), /not a valid code id/);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'competence' });
    const after = applyToDisk(edit);
    assert.equal(after.get('codebook.yaml'), cb.replace('  expertise:\n', '  competence:\n'));
    assert.match(after.get('patient.md')!, /\{#competence\}/);
    // The server is not degraded by refusals.
    const status = await client.request<{ health: string }>('axial/getStatus', {});
    assert.equal(status.health, 'ok');
  });

  it('merge command: applies one edit through workspace/applyEdit and reports what it did', async () => {
    const before = { patient: readFileSync(patient, 'utf8'), therapist: readFileSync(therapist, 'utf8'), cb: readFileSync(codebook, 'utf8') };
    const result = await client.request<{ applied: boolean; summary: string; edit: WorkspaceEdit }>('workspace/executeCommand', {
      command: 'axial.server.mergeCode',
      arguments: [{ uri: uriOf(patient), from: 'trust', to: 'expertise', mode: 'deprecate' }],
    });
    assert.equal(result.applied, true);
    assert.equal(applied.length, 1);
    assert.deepEqual(applied[0], result.edit);
    assert.match(result.summary, /Merged 'trust' into 'expertise': retagged 3 tags in 2 transcripts/);
    const after = applyToDisk(applied[0]);
    assert.equal(after.get('patient.md'), before.patient.replace(/#trust\b/g, '#expertise'));
    assert.equal(after.get('therapist.md'), before.therapist.replace('#trust', '#expertise'));
    assert.equal(
      after.get('codebook.yaml'),
      before.cb
        .replace('    color: "#4e79a7"\n', '    color: "#4e79a7"\n    status: deprecated\n    replaced_by: expertise\n')
        .replace('    replaced_by: trust\n', '    replaced_by: expertise\n'),
    );
  });

  it('commands: a dry run only returns the edit; a refusal answers an error and applies nothing', async () => {
    const dry = await client.request<{ applied: boolean; edit: WorkspaceEdit; summary: string }>('workspace/executeCommand', {
      command: 'axial.server.moveCode',
      arguments: [{ uri: uriOf(codebook), id: 'old-trust', parent: 'meeting', dryRun: true }],
    });
    assert.equal(dry.applied, false);
    assert.equal(dry.summary, "Moved 'old-trust' under 'meeting' (category).");
    assert.equal(Object.keys(dry.edit.changes!).length, 1);
    const refused = await client.request<{ applied: boolean; error: string }>('workspace/executeCommand', {
      command: 'axial.server.mergeCode',
      arguments: [{ codebookUri: uriOf(codebook), from: 'trust', to: 'meeting', mode: 'delete' }],
    });
    assert.equal(refused.applied, false);
    assert.match(refused.error, /'meeting' is a category/);
    const moved = await client.request<{ applied: boolean }>('workspace/executeCommand', {
      command: 'axial.server.moveCode',
      arguments: [{ uri: uriOf(codebook), id: 'meeting', parent: 'trust' }],
    });
    assert.equal(moved.applied, false);
    assert.equal(applied.length, 0);
  });

  it('code actions on codebook.yaml: did you mean a parent', async () => {
    const cb = readFileSync(codebook, 'utf8').replace('  expertise:\n    parent: meeting', '  expertise:\n    parent: meetin');
    client.open(codebook, cb, 'yaml');
    await client.waitForDiagnostics(codebook, (d) => d.some((x) => x.code === 'codebook.unknown-parent'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uriOf(codebook) },
      range: { start: posOf(cb, 'meetin\n'), end: posOf(cb, 'meetin\n') },
      context: { diagnostics: [] },
    });
    assert.equal(actions[0].title, "Change to 'meeting'");
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].diagnostics![0].code, 'codebook.unknown-parent');
    assert.equal(applyText(cb, actions[0].edit!.changes![uriOf(codebook)]), readFileSync(codebook, 'utf8'));
  });

  it('every code action the server offers on generated transcripts keeps the stripped text (CRLF stays CRLF)', async () => {
    const piece = fc.constantFrom(
      'I felt safe', ' ', '{{with her}}{#trust}', '{{she knew}}{#expertse @LM}', '{{we met}}{#meeting}', '{{old}}{#old-trust}',
      '{{no block}}', '{{', '{{x}}{#trust "memo\n', '{{y}}{@CA}', '{{z}}{#confianza #trust}', '\nP: ', '😀', 'e\u0301',
    );
    const samples = fc.sample(fc.tuple(fc.array(piece, { minLength: 3, maxLength: 12 }), fc.boolean()), { numRuns: 8, seed: 42 });
    let version = 1;
    let checked = 0;
    for (const [pieces, crlf] of samples) {
      let text = `---\ncoder: LN\n---\nP: ${pieces.join(' ')}\n`;
      if (crlf) text = text.replace(/\n/g, '\r\n');
      client.open(patient, text, 'axial-transcript', version++);
      client.change(patient, version++, text);
      await client.waitForDiagnostics(patient, (ds) => ds.length > 0);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: uriOf(patient) },
        range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
        context: { diagnostics: [] },
      });
      for (const a of actions) {
        const edits = a.edit?.changes?.[uriOf(patient)];
        if (!edits) continue;
        const after = applyText(text, edits);
        assert.equal(parseTranscript(after).stripped.text, parseTranscript(text).stripped.text, a.title);
        if (crlf) assert.ok(!/(^|[^\r])\n/.test(after), `${a.title} added a lone \\n`);
        checked++;
      }
    }
    assert.ok(checked > 20, `only ${checked} actions checked`);
  });
});

/** Applies LSP text edits (UTF-16 positions) to a text. */
function applyText(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}
