/** (c) Hover over a code tag shows the code's name, definition, parents and usage from the codebook. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  axialReady,
  codebookEntries,
  hoverText,
  offsetOf,
  openTranscript,
  rangeText,
  readProjectFile,
  spanEndsCodedWith,
  transcriptNames,
} from './helpers';

/** Hover Markdown with its backslash escapes removed. */
function unescapeMd(s: string): string {
  return s.replace(/\\([\\`*_[\]<>#|])/g, '$1');
}

suite('hover', () => {
  suiteSetup(async () => {
    await axialReady();
  });

  test('hover on a tag shows the definition of its code', async () => {
    const id = 'relational-trust';
    const doc = await openTranscript('case-c-patient.md');
    const tagStart = offsetOf(doc.getText(), `{#${id} @CA}`) + 1;
    const position = doc.positionAt(tagStart + 4); // inside the id

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const axial = hovers.filter((h) => hoverText([h]).includes(`\`${id}\``));
    assert.equal(axial.length, 1, `expected one Axial hover, got: ${hoverText(hovers) || '(none)'}`);
    const text = unescapeMd(hoverText(axial));

    const codes = codebookEntries();
    const code = codes.get(id)!;
    assert.ok(code.name && code.definition, 'the codebook entry has a name and a definition');
    assert.ok(text.startsWith(`**${code.name}** \`${id}\` (code)`), `hover starts with the name:\n${text}`);
    assert.ok(text.includes(code.definition), `hover holds the definition '${code.definition}':\n${text}`);

    // Parent chain, outermost first.
    const chain: string[] = [];
    for (let p = code.parent; p; p = codes.get(p)?.parent) chain.unshift(codes.get(p)!.name!);
    assert.ok(text.includes(`In: ${chain.join(' › ')}`), `hover shows the parents '${chain.join(' › ')}':\n${text}`);

    // Usage: distinct spans coded with the code, and the cases they are in.
    let quotes = 0;
    const cases = new Set<string>();
    for (const name of transcriptNames()) {
      const t = readProjectFile('transcripts', name);
      const n = spanEndsCodedWith(t, id).length;
      quotes += n;
      if (n > 0) cases.add(/^case:\s*(.+)$/m.exec(t)?.[1].trim() ?? name);
    }
    const usage = `${quotes} quote${quotes === 1 ? '' : 's'} in ${cases.size} case${cases.size === 1 ? '' : 's'} of this project`;
    assert.ok(text.includes(usage), `hover shows the usage '${usage}':\n${text}`);

    // The hover covers the tag `#relational-trust`.
    const range = axial[0].range;
    assert.ok(range, 'the hover has a range');
    assert.equal(doc.getText(range), `#${id}`, `hover range ${rangeText(range)}`);
  });
});
