/** The welcome view's starter project and minimal example are clean Axial projects. */
import * as assert from 'node:assert/strict';
import { ProjectIndex, treeChildren } from '../../../core';
import { EXAMPLE_FILES, STARTER_FILES } from '../../../client/tree/projectFiles';

function load(files: Record<string, string>): ProjectIndex {
  const index = new ProjectIndex();
  for (const [p, text] of Object.entries(files)) index.setFile(`file:///w/p/${p}`, text);
  return index;
}

function allDiagnostics(index: ProjectIndex): string[] {
  const out: string[] = [];
  for (const p of index.projects()) {
    for (const d of index.codebookDiagnostics(p)) out.push(`codebook.yaml: ${d.code} ${d.message}`);
    for (const t of p.transcripts.values()) for (const d of t.diagnostics) out.push(`${t.path}: ${d.code} ${d.message}`);
  }
  return out;
}

describe('welcome view templates', () => {
  for (const [name, files] of [['starter project', STARTER_FILES], ['minimal example', EXAMPLE_FILES]] as const) {
    it(`the ${name} has no diagnostics, a core category at the top, and coded quotes`, () => {
      const index = load(files);
      assert.deepEqual(allDiagnostics(index), []);
      const project = index.projects()[0];
      assert.ok(project.transcripts.size >= 1);
      const top = treeChildren(index);
      assert.equal(top.length, 1);
      assert.equal(top[0].kind, 'category');
      assert.ok(top[0].quotes >= 3, `${top[0].quotes} quotes`);
    });
  }

  it('the starter codebook explains itself in comments and leaves one code without quotes', () => {
    const index = load(STARTER_FILES);
    assert.ok((STARTER_FILES['codebook.yaml'].match(/^\s*#/gm) ?? []).length >= 5);
    const walk = (id?: string): ReturnType<typeof treeChildren> => treeChildren(index, id).flatMap((n) => [n, ...(n.hasChildren ? walk(n.id) : [])]);
    assert.deepEqual(walk().filter((n) => n.empty).map((n) => n.codeId), ['cost']);
  });
});
