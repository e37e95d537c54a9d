/**
 * (e) Quick fixes from the server, fetched with `vscode.executeCodeActionProvider` and
 * applied with `vscode.workspace.applyEdit`: deprecated code → its replacement,
 * mistyped code → did-you-mean, alias → its code. Each puts the transcript back
 * exactly as it was and the diagnostic goes away.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  axialDiagnostics,
  axialReady,
  describeDiagnostics,
  offsetOf,
  openTranscript,
  replaceRange,
  restore,
  waitFor,
} from './helpers';

interface Case {
  name: string;
  file: string;
  /** The tag as the example has it, e.g. `{#closeness-as-friendship}`; its first occurrence is edited. */
  anchor: string;
  /** The code id in it, and what the test types instead. */
  id: string;
  typed: string;
  diagnostic: string;
  title: string;
  preferred: boolean;
}

const cases: Case[] = [
  {
    name: 'a deprecated code is replaced by its replaced_by',
    file: 'case-b-patient.md',
    anchor: '{#closeness-as-friendship}',
    id: 'closeness-as-friendship',
    typed: 'friendship',
    diagnostic: 'code.deprecated',
    title: "Replace with 'closeness-as-friendship'",
    preferred: true,
  },
  {
    name: 'a mistyped code is corrected to the code it nearly spells (did you mean)',
    file: 'case-c-patient.md',
    anchor: '{#gradual-trust @CA}',
    id: 'gradual-trust',
    typed: 'gradual-trst',
    diagnostic: 'code.unknown',
    title: "Change to 'gradual-trust'",
    preferred: true,
  },
  {
    name: "an alias used as a tag is replaced by its code's id",
    file: 'case-b-patient.md',
    anchor: '{#relational-trust',
    id: 'relational-trust',
    typed: 'confidence',
    diagnostic: 'code.unknown',
    title: "Use 'relational-trust' ('confidence' is its alias)",
    preferred: true,
  },
];

suite('quick fixes', () => {
  suiteSetup(async () => {
    await axialReady();
  });

  for (const c of cases) {
    test(c.name, async () => {
      const doc = await openTranscript(c.file);
      const original = doc.getText();
      try {
        const idStart = offsetOf(original, c.anchor) + c.anchor.indexOf(`#${c.id}`) + 1;
        await replaceRange(doc, idStart, idStart + c.id.length, c.typed);
        const edited = doc.getText();
        assert.equal(edited, original.slice(0, idStart) + c.typed + original.slice(idStart + c.id.length));

        const [d] = await waitFor(`a ${c.diagnostic} diagnostic on #${c.typed}`, () => {
          const ds = axialDiagnostics(doc.uri, c.diagnostic).filter((x) => doc.getText(x.range) === `#${c.typed}`);
          return ds.length > 0 ? ds : undefined;
        }, undefined, () => describeDiagnostics(doc.uri));
        assert.equal(doc.offsetAt(d.range.start), idStart - 1);

        const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const titles = actions.map((a) => a.title);
        const action = actions.find((a): a is vscode.CodeAction => a.title === c.title && 'kind' in a);
        assert.ok(action, `no quick fix '${c.title}'; offered: ${JSON.stringify(titles)}`);
        assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), `kind ${action.kind?.value}`);
        assert.equal(action.isPreferred ?? false, c.preferred, 'isPreferred');
        assert.ok(action.edit, 'the quick fix carries a workspace edit');
        assert.ok(await vscode.workspace.applyEdit(action.edit), 'applyEdit refused the quick fix');
        if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));

        assert.equal(doc.getText(), original, 'the fix restores the tag exactly, and nothing else changes');
        await waitFor(`the ${c.diagnostic} diagnostic to disappear`, () => axialDiagnostics(doc.uri).length === 0, undefined, () =>
          describeDiagnostics(doc.uri),
        );
      } finally {
        await restore(doc, original);
      }
    });
  }
});
