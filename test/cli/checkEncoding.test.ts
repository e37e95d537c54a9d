import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

/** The bundled `axial check` run as a process; `threads` as AXIAL_THREADS (each worker thread takes a file before this one starts, so the workers read and check too). */
function check(cwd: string, threads = '1', ...args: string[]) {
  return runAxial(['check', '.', ...args], cwd, { AXIAL_THREADS: threads, AXIAL_CHECK_WORKERS_FIRST: threads === '1' ? '' : '1' });
}

/**
 * Transcripts are UTF-8 (docs/format.md). A binary file or one in another
 * encoding under transcripts/ is read as garbage (U+FFFD for each bad byte):
 * its quotes end up wrong in reports and exports. `axial check` says so, where
 * the first bad byte is, instead of passing it.
 */
describe('axial check: transcripts that are not UTF-8 text', () => {
  let dir: string;
  const file = (rel: string) => path.join(dir, rel);

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    rmSync(file('notes'), { recursive: true });
  });
  afterEach(() => cleanup(dir));

  it('a Latin-1 transcript is an error at its first byte that is not UTF-8', () => {
    writeFileSync(file('transcripts/latin1.md'), Buffer.from('I: Hello\nP: {{caf\xe9 con leche}}{#trust}\n', 'latin1'));
    const r = check(dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(
      r.stdout,
      'transcripts/latin1.md:2:9 error project.not-utf8 This file is not UTF-8 text (byte 0xE9 here): Axial reads its files as UTF-8, so what it shows of this one would be wrong. Save it as UTF-8.\n',
    );
  });

  it('a binary file named .md is an error, not a transcript that passes', () => {
    writeFileSync(file('transcripts/picture.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const r = check(dir, '1', '--format', 'json');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; column: number; code: string; severity: string; message: string }[] };
    assert.deepEqual(
      out.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.code, d.message]),
      [['transcripts/picture.md', 1, 1, 'error', 'project.not-utf8', 'This file is binary, not text.']],
    );
  });

  it('UTF-8 with a BOM, CRLF line ends and a U+FFFD written on purpose is fine', () => {
    writeFileSync(file('transcripts/fine.md'), '\ufeffI: Hello\r\nP: {{caf\u00e9 \ufffd}}{#trust}\r\n');
    const r = check(dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('the worker threads of a large project say the same', () => {
    for (let i = 0; i < 70; i++) writeFileSync(file(`transcripts/t${i}.md`), 'P: {{Yes}}{#trust}\n');
    writeFileSync(file('transcripts/latin1.md'), Buffer.from('P: \xe9\n', 'latin1'));
    const r = check(dir, '2');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^transcripts\/latin1\.md:1:4 error project\.not-utf8 This file is not UTF-8 text \(byte 0xE9 here\)/m);
  });

  it('a codebook or memo that is not UTF-8 is an error too; the codebook is still used', () => {
    writeFileSync(file('codebook.yaml'), Buffer.from(readFileSync(file('codebook.yaml'), 'utf8').replace('Lucía', 'Luc\xeda'), 'latin1'));
    mkdirSync(file('memos'));
    writeFileSync(file('memos/m.md'), Buffer.from('---\ncodes: [trust]\n---\nCaf\xe9.\n', 'latin1'));
    const r = check(dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /^codebook\.yaml:\d+:\d+ error project\.not-utf8 This file is not UTF-8 text \(byte 0xED here\)/);
    assert.match(lines[1], /^memos\/m\.md:4:4 error project\.not-utf8 This file is not UTF-8 text \(byte 0xE9 here\)/);
  });
});
