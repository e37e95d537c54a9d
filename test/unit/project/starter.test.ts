/** "New Project…"'s files, from its answers: clean Axial projects that say what was asked. */
import * as assert from 'node:assert/strict';
import { ProjectIndex } from '../../../core';
import { parseCoders, starterFiles } from '../../../client/project/starter';

function load(files: Record<string, string>): ProjectIndex {
  const index = new ProjectIndex();
  for (const [p, text] of Object.entries(files)) index.setFile(`file:///w/p/${p}`, text);
  return index;
}

function diagnostics(index: ProjectIndex): string[] {
  const p = index.projects()[0];
  return [
    ...index.codebookDiagnostics(p).map((d) => `codebook.yaml: ${d.code} ${d.message}`),
    ...[...p.transcripts.values()].flatMap((t) => t.diagnostics.map((d) => `${t.path}: ${d.code} ${d.message}`)),
  ];
}

describe('New Project starter files', () => {
  it('carry the title, language and coders asked for, and check clean', () => {
    const coders = parseCoders('CA Carolina Altimir; LN Lucía Núñez');
    assert.ok('coders' in coders);
    const files = starterFiles({ title: 'Seeking help: a study', language: 'es', coders: coders.coders });
    const index = load(files);
    assert.deepEqual(diagnostics(index), []);
    const book = index.projects()[0].codebook;
    assert.equal(book.title, 'Seeking help: a study');
    assert.equal(book.language, 'es');
    assert.deepEqual([...book.coders!.values()].map((c) => [c.id, c.name]), [['CA', 'Carolina Altimir'], ['LN', 'Lucía Núñez']]);
    assert.match(files['transcripts/sample-interview.md'], /^coder: CA$/m);
  });

  it('with no coders, accepts any coder and the sample names none', () => {
    const files = starterFiles({ title: 'T', language: 'en', coders: [] });
    const index = load(files);
    assert.deepEqual(diagnostics(index), []);
    assert.equal(index.projects()[0].codebook.coders, undefined);
    assert.doesNotMatch(files['transcripts/sample-interview.md'], /^coder:/m);
  });

  it('quotes titles YAML would misread', () => {
    for (const title of ['#1: "quoted"', 'yes', '- dash', 'a: b', '  spaced  ']) {
      const index = load(starterFiles({ title, language: 'en', coders: [] }));
      assert.deepEqual(diagnostics(index), []);
      assert.equal(index.projects()[0].codebook.title, title.trim());
    }
  });

  it('reads coders as initials then name, and refuses bad initials', () => {
    assert.deepEqual(parseCoders(' @AB  Ann Bee , CD'), { coders: [{ initials: 'AB', name: 'Ann Bee' }, { initials: 'CD', name: 'CD' }] });
    assert.deepEqual(parseCoders(''), { coders: [] });
    assert.ok('error' in parseCoders('A! Name'));
    assert.ok('error' in parseCoders('AB x; AB y'));
  });
});
