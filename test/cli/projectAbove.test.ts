import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

function axial(args: string[], cwd: string) {
  return runAxial(args, cwd);
}

/**
 * Run from inside a project (its transcripts/ folder, where a newcomer often
 * stands), the commands that look for projects below a folder find none. They
 * still exit 2, and now say where the project is and what to type.
 */
describe('axial run inside a project, below its codebook.yaml', () => {
  let dir: string;
  before(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    mkdirSync(path.join(dir, 'transcripts', 'deeper'));
  });
  after(() => cleanup(dir));

  for (const [command, args] of [
    ['check', ['check']],
    ['agree', ['agree']],
    ['query', ['query', 'trust']],
    ['report', ['report', '--format', 'md']],
    ['export', ['export', '--qdc', 'x.qdc']],
    ['suggest', ['suggest', '--text', 'trust']],
  ] as const) {
    it(`axial ${command} names the project above`, () => {
      const r = axial([...args], path.join(dir, 'transcripts'));
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `axial ${command}: no codebook.yaml found under . (the project is .., above it: give that folder)\n`);
    });
  }

  it('two folders down, the project is ../..', () => {
    const r = axial(['check'], path.join(dir, 'transcripts', 'deeper'));
    assert.equal(r.stderr, 'axial check: no codebook.yaml found under . (the project is ../.., above it: give that folder)\n');
  });

  it('a folder named explicitly says the same, with its path', () => {
    const r = axial(['check', 'transcripts'], dir);
    assert.equal(r.stderr, 'axial check: no codebook.yaml found under transcripts (the project is ., above it: give that folder)\n');
  });
});
