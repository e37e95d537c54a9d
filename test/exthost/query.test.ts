/**
 * "Axial: Query…" in a real VS Code on the runner's copy of the example project:
 * the command (with its query given, as a keybinding or another extension would)
 * fills the Query view with the passages grouped by transcript; the passages are
 * exactly the spans coded with the first code and not the second, counted in the
 * files; a click opens the transcript with the span selected; the results export
 * as csv; a query naming an unknown code answers with the error. Expected values
 * come from the files, not from Axial.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { QueryApi } from '../../client/query';
import type { QueryViewNode } from '../../client/query/view';
import type { QueryAnswer } from '../../common/protocol';
import { axialReady, projectFile, readProjectFile, transcriptNames, waitFor } from './helpers';

let query: QueryApi;

/** Spans whose blocks apply `yes` and none of which apply `no`, per file, as `file:line`, counted in the text. */
function spansWithAndWithout(yes: string, no: string): string[] {
  const out: string[] = [];
  for (const name of transcriptNames()) {
    const lines = readProjectFile('transcripts', name).split('\n');
    lines.forEach((line, i) => {
      // One-line spans whose closer sits on the same line: `{{…}}{…}{…}`.
      for (const m of line.matchAll(/\{\{([^{}]*)\}\}((?:\{[^}]*\})+)/g)) {
        const blocks = m[2];
        const has = (id: string) => new RegExp(`#${id}(?![\\w.-])`).test(blocks);
        if (has(yes) && !has(no)) out.push(`transcripts/${name}:${i + 1}`);
      }
    });
  }
  return out.sort();
}

suite('code queries', () => {
  suiteSetup(async () => {
    const api = (await axialReady()) as unknown as { query: QueryApi };
    assert.ok(api.query, 'activate() returns the query API');
    query = api.query;
  });

  test('the command fills the Query view with the passages, grouped by transcript', async () => {
    const answer = (await vscode.commands.executeCommand('axial.query', { query: 'relational-trust AND NOT trust-as-key-factor' })) as QueryAnswer;
    assert.ok(answer?.ok, JSON.stringify(answer));
    const files = query.children();
    assert.ok(files.length > 0);
    const shown: string[] = [];
    for (const f of files) {
      assert.equal(f.kind, 'file');
      for (const h of query.children(f)) {
        assert.equal(h.kind, 'hit');
        const hit = (h as Extract<QueryViewNode, { kind: 'hit' }>).hit;
        shown.push(`${hit.file}:${hit.line}`);
        const item = query.treeItem(h);
        assert.ok(String(item.description).startsWith(`${hit.case}:${hit.line}`), String(item.description));
      }
    }
    // Spans whose closer is on the line of their opener are found by the regex; every such span is shown.
    const expected = spansWithAndWithout('relational-trust', 'trust-as-key-factor');
    for (const e of expected) assert.ok(shown.includes(e), `${e} missing from ${shown.join(', ')}`);
    assert.equal(shown.length, answer.total);
  });

  test('clicking a passage opens the transcript with its span selected', async () => {
    const file = query.children()[0];
    const hitNode = query.children(file)[0];
    const item = query.treeItem(hitNode);
    assert.ok(item.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const hit = (hitNode as Extract<QueryViewNode, { kind: 'hit' }>).hit;
    const editor = await waitFor('the passage to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === vscode.Uri.parse(hit.uri).toString() ? e : undefined;
    });
    const selected = editor.document.getText(editor.selection);
    assert.ok(selected.startsWith('{{') && selected.includes('}}{'), selected);
    assert.equal(editor.selection.start.line + 1, hit.line);
  });

  test('the results export as csv, one row per passage', async () => {
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'axial-query-')), 'hits.csv'));
    await vscode.commands.executeCommand('axial.query.exportCsv', target);
    const csv = fs.readFileSync(target.fsPath, 'utf8');
    const rows = csv.split('\r\n').filter((r) => r !== '');
    assert.equal(rows[0], 'file,line,end_line,case,participant,speaker,codes,coders,quote');
    const last = query.last();
    assert.ok(last?.ok);
    assert.equal(rows.length - 1, last.total);
  });

  test('switching to turns runs the query again over speaker turns', async () => {
    const answer = (await vscode.commands.executeCommand('axial.query.toggleUnit')) as QueryAnswer;
    assert.ok(answer?.ok);
    assert.equal(answer.unit, 'turn');
    for (const h of answer.hits) assert.notEqual(h.speaker, undefined);
  });

  test('a query naming an unknown code answers with the error and leaves the view as it was', async () => {
    const before = query.children().length;
    const answer = await query.run({ query: 'relational-trst', uri: projectFile('codebook.yaml').toString() });
    assert.ok(answer && !answer.ok);
    assert.match(answer.error.message, /did you mean 'relational-trust'/);
    assert.equal(query.children().length, before);
  });
});
