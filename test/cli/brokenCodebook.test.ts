import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

function axial(args: string[], cwd: string) {
  return runAxial(args, cwd);
}

/** The line every whole-project command prints when codebook.yaml has errors. */
const CODEBOOK_LINE = (command: string) =>
  new RegExp(`^axial ${command}: codebook\\.yaml: \\d+ errors? \\(line \\d+: [^\\n]+\\)(; transcripts using codes it does not define are skipped \\(axial check lists every problem\\))?$`, 'm');

/**
 * A codebook.yaml that does not parse (a YAML error) leaves codes undefined, so
 * every transcript using them has errors and is skipped. The commands that read
 * a whole project say that the codebook is the cause, instead of only "nobody
 * coded in this project" (agree) or a list of unknown codes.
 */
describe('agree, report, query, export: a codebook.yaml with errors is named as the cause', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    const file = path.join(dir, 'codebook.yaml');
    // A tab where YAML wants spaces, in the coders' map: a syntax error on line 3.
    writeFileSync(file, readFileSync(file, 'utf8').replace('coders:\n', 'coders:\n\t\tbad: [\n'));
  });
  afterEach(() => cleanup(dir));

  it('axial check reports the YAML error itself (the reference)', () => {
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^codebook\.yaml:\d+:\d+ error codebook\.yaml-syntax /m);
  });

  it('axial agree says the transcripts were skipped when too few coders are left', () => {
    // Codes as a list: no code is defined, so both transcripts have unknown codes.
    const file = path.join(dir, 'codebook.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^codes:\n/m, 'codes: [trust, expertise]\nunused:\n'));
    const r = axial(['agree', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^axial agree: one coder only: nobody coded in this project \(in the transcripts read: 2 skipped for errors or unreadable; axial check lists them\);/m);
  });

  for (const [name, args] of [
    ['agree', ['agree', '.']],
    ['report', ['report', '.', '--format', 'md']],
    ['report', ['report', '.', '--out', 'tables']],
    ['query', ['query', 'trust']],
    ['export', ['export', '.', '--qdpx', 'out.qdpx']],
  ] as const) {
    it(`axial ${args.slice(0, 4).join(' ')} names the codebook's error`, () => {
      const r = axial([...args], dir);
      assert.match(r.stderr, CODEBOOK_LINE(name), r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});
