/** (f) Go to definition lands on the codebook key; references list every coded span across the project. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  asLocation,
  axialReady,
  offsetOf,
  openTranscript,
  projectFile,
  rangeText,
  readProjectFile,
  spanEndsCodedWith,
  transcriptNames,
} from './helpers';

const ID = 'relational-trust';

/** The range of the key `id:` of the codebook's `codes` map. */
async function codebookKeyRange(id: string): Promise<{ uri: vscode.Uri; range: vscode.Range }> {
  const uri = projectFile('codebook.yaml');
  const doc = await vscode.workspace.openTextDocument(uri);
  const m = new RegExp(`^( +)${id}:`, 'm').exec(doc.getText());
  assert.ok(m, `no key ${id} in codebook.yaml`);
  const start = m.index + m[1].length;
  return { uri, range: new vscode.Range(doc.positionAt(start), doc.positionAt(start + id.length)) };
}

function key(uri: vscode.Uri, range: vscode.Range): string {
  return `${vscode.workspace.asRelativePath(uri)}@${rangeText(range)}`;
}

suite('navigation', () => {
  suiteSetup(async () => {
    await axialReady();
  });

  test('go to definition on a tag lands on the code in codebook.yaml', async () => {
    const doc = await openTranscript('case-c-patient.md');
    const position = doc.positionAt(offsetOf(doc.getText(), `{#${ID} @CA}`) + 3);
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', doc.uri, position);
    const locations = result.map(asLocation);
    const expected = await codebookKeyRange(ID);
    assert.deepEqual(locations.map((l) => key(l.uri, l.range)), [key(expected.uri, expected.range)]);
  });

  test('references list every span coded with the code, across the project, and its codebook entry', async () => {
    const doc = await openTranscript('case-c-patient.md');
    const position = doc.positionAt(offsetOf(doc.getText(), `{#${ID} @CA}`) + 3);
    const result = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position);

    // Expected: each span whose closer's blocks hold #relational-trust (a span coded by two
    // coders counts once), as a range from its `{{` to the end of its blocks.
    const declaration = await codebookKeyRange(ID);
    const expectedEnds: string[] = [];
    const files = new Set<string>();
    for (const name of transcriptNames()) {
      const ends = spanEndsCodedWith(readProjectFile('transcripts', name), ID);
      if (ends.length === 0) continue;
      files.add(name);
      const t = await vscode.workspace.openTextDocument(projectFile('transcripts', name));
      for (const end of ends) expectedEnds.push(`${vscode.workspace.asRelativePath(t.uri)}@${rangeText(new vscode.Range(t.positionAt(end), t.positionAt(end)))}`);
    }
    assert.ok(files.size > 1, `the example codes ${ID} in more than one transcript`);

    const inCodebook = result.filter((l) => l.uri.toString() === declaration.uri.toString());
    const elsewhere = result.filter((l) => l.uri.toString() !== declaration.uri.toString());
    // Memos that name the code are listed after its spans: each such place is the code's id.
    const inMemos = elsewhere.filter((l) => l.uri.path.includes('/memos/'));
    for (const l of inMemos) {
      const t = await vscode.workspace.openTextDocument(l.uri);
      assert.equal(t.getText(l.range).replace(/^[#`]|`$/g, ''), ID, `memo reference ${key(l.uri, l.range)} is the code's id`);
    }
    const spans = elsewhere.filter((l) => !inMemos.includes(l));
    // VS Code asks for references with includeDeclaration: true.
    assert.deepEqual(inCodebook.map((l) => key(l.uri, l.range)), [key(declaration.uri, declaration.range)]);

    const actualEnds: string[] = [];
    for (const l of spans) {
      const t = await vscode.workspace.openTextDocument(l.uri);
      const text = t.getText(l.range);
      assert.ok(text.startsWith('{{'), `reference ${key(l.uri, l.range)} starts at an opener: ${JSON.stringify(text.slice(0, 40))}`);
      assert.ok(new RegExp(`#${ID}\\b`).test(text.slice(text.lastIndexOf('}}'))), `reference ${key(l.uri, l.range)} ends with blocks holding #${ID}`);
      actualEnds.push(`${vscode.workspace.asRelativePath(l.uri)}@${rangeText(new vscode.Range(l.range.end, l.range.end))}`);
    }
    assert.deepEqual(actualEnds.sort(), expectedEnds.sort());
  });
});
