/** (b) A seeded unknown code gets a `code.unknown` error at the tag's exact range, and it goes when fixed. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  axialDiagnostics,
  axialReady,
  describeDiagnostics,
  offsetOf,
  openTranscript,
  rangeText,
  replaceRange,
  restore,
  waitFor,
} from './helpers';

suite('diagnostics', () => {
  const file = 'case-a-child.md';
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    await axialReady();
    doc = await openTranscript(file);
    original = doc.getText();
  });
  teardown(async () => restore(doc, original));

  test('an unknown code typed into a transcript is reported at the exact range of its tag', async () => {
    const anchor = '}}{#playful-affection}';
    const insertAt = offsetOf(original, anchor) + anchor.length;
    await replaceRange(doc, insertAt, insertAt, '{#no-such-code}');
    assert.equal(doc.getText(), original.slice(0, insertAt) + '{#no-such-code}' + original.slice(insertAt));

    // The tag range covers `#` and the id, inside the inserted `{…}`.
    const expected = new vscode.Range(doc.positionAt(insertAt + 1), doc.positionAt(insertAt + 1 + '#no-such-code'.length));
    const [d] = await waitFor('a code.unknown diagnostic', () => {
      const ds = axialDiagnostics(doc.uri, 'code.unknown');
      return ds.length > 0 ? ds : undefined;
    }, undefined, () => describeDiagnostics(doc.uri));
    assert.equal(axialDiagnostics(doc.uri, 'code.unknown').length, 1, describeDiagnostics(doc.uri));
    assert.equal(rangeText(d.range), rangeText(expected));
    assert.equal(doc.getText(d.range), '#no-such-code');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /Unknown code 'no-such-code'/);

    await restore(doc, original);
    await waitFor('the code.unknown diagnostic to disappear', () => axialDiagnostics(doc.uri).length === 0, undefined, () =>
      describeDiagnostics(doc.uri),
    );
  });
});
