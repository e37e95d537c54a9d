import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { elementsNamed, validateCodebook, validateProject } from '../unit/refi/xml';

const CLI = path.join(REPO, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

/** The bundled `axial` command run as a process. */
function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('axial export', () => {
  let dir: string;
  beforeEach(() => {
    dir = copyFixture(EXAMPLE);
  });
  afterEach(() => cleanup(dir));

  it('writes a .qdpx whose project.qde validates and whose sources are the transcripts’ stripped text', () => {
    const r = axial(['export', '--qdpx', 'out.qdpx'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Exported 7 transcripts, \d+ codes to out\.qdpx\n$/);
    const zip = unzipSync(readFileSync(path.join(dir, 'out.qdpx')));
    const xml = strFromU8(zip['project.qde']);
    const v = validateProject(xml);
    assert.ok(v.ok, v.output);
    const sources = elementsNamed(xml, 'TextSource');
    assert.equal(sources.length, 7);
    assert.equal(Object.keys(zip).length, 8);
    const mother = sources.find((s) => s.attrs.name === 'transcripts/case-a-mother.md')!;
    const text = strFromU8(zip[mother.attrs.plainTextPath.replace('internal://', 'Sources/')]);
    const strip = spawnSync(process.execPath, [CLI, 'strip', 'transcripts/case-a-mother.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(text, strip.stdout.replace(/\r\n/g, '\n'));
  });

  it('writes a .qdc codebook that validates', () => {
    const r = axial(['export', '.', '--qdc', 'codes.qdc'], dir);
    assert.equal(r.code, 0, r.stderr);
    const xml = readFileSync(path.join(dir, 'codes.qdc'), 'utf8');
    const v = validateCodebook(xml);
    assert.ok(v.ok, v.output);
    assert.ok(elementsNamed(xml, 'Code').some((c) => c.attrs.isCodable === 'false'), 'categories are not codable');
  });

  it('gives byte-identical files when an unchanged project is exported twice', () => {
    for (const [flag, a, b] of [['--qdpx', 'a.qdpx', 'b.qdpx'], ['--qdc', 'a.qdc', 'b.qdc']]) {
      assert.equal(axial(['export', flag, a], dir).code, 0);
      assert.equal(axial(['export', flag, b], dir).code, 0);
      assert.deepEqual(readFileSync(path.join(dir, a)), readFileSync(path.join(dir, b)), flag);
    }
  });

  it('exports a project with errors, names the file and exits 1', () => {
    writeFileSync(path.join(dir, 'transcripts', 'broken.md'), 'P: {{unclosed and {{fine}}{#no-such-code}\n');
    const r = axial(['export', '--qdpx', 'out.qdpx'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^axial export: transcripts\/broken\.md: 2 errors \(line 1: /m);
    const xml = strFromU8(unzipSync(readFileSync(path.join(dir, 'out.qdpx')))['project.qde']);
    assert.ok(validateProject(xml).ok, 'the unknown code is left out, the rest still validates');
    assert.ok(elementsNamed(xml, 'TextSource').some((s) => s.attrs.name === 'transcripts/broken.md'));
  });

  it('says what is wrong in one line and exits 2 on bad input, writing nothing', () => {
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const cases: [string[], RegExp][] = [
      [['export'], /give one of --qdpx <file> or --qdc <file>/],
      [['export', '--qdpx', 'a.qdpx', '--qdc', 'a.qdc'], /give one of --qdpx <file> or --qdc <file>/],
      [['export', 'empty', '--qdpx', 'x.qdpx'], /no codebook\.yaml found under empty/],
      [['export', 'no-such-folder', '--qdpx', 'x.qdpx'], /^axial export: no such folder: no-such-folder\n$/],
      [['export', 'codebook.yaml', '--qdpx', 'x.qdpx'], /^axial export: not a folder: codebook\.yaml\n$/],
      [['export', '--qdpx', 'transcripts'], /transcripts is a folder/],
      [['export', '--qdpx', 'no/such/dir/x.qdpx'], /cannot write no\/such\/dir\/x\.qdpx \(ENOENT\)/],
      [['export', '--bogus'], /unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = axial(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.ok(!existsSync(path.join(dir, 'a.qdpx')) && !existsSync(path.join(dir, 'x.qdpx')));
  });

  it('documents its exit codes in --help', () => {
    const r = axial(['export', '--help'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Exit codes:\n\s+0 +exported\n\s+1 +exported, but the project has errors/);
  });
});
