/**
 * `axial import` of REFI-QDA files, run as a process on archives the tests
 * write the way other tools do: source folders named `Sources/`, `sources/` or
 * none, paths with or without `internal://`, a `.qde` not called project.qde, a
 * BOM and CRLF, a source with only its `.docx`, sources missing from the archive,
 * a bare `.qde` and a `.qdc`; and the refusals (unsafe entry names, a zip bomb,
 * not a zip, a folder that is not empty), each writing nothing.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readZip } from '../../host/readZip';
import { cleanup, REPO } from '../lsp/harness';
import { projectXml, type FxProject } from '../unit/refi/refiFixture';

const CLI = path.join(REPO, 'dist', 'cli.js');

function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A zip of these entries (text or bytes). */
function zip(entries: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}

/** A minimal Word document with one paragraph per line of `text`. */
function docx(text: string): Uint8Array {
  const paras = text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`).join('');
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}</w:body></w:document>`,
  });
}

const CODES: FxProject['codes'] = [{ name: 'Trust' }];
const sel = (start: number, end: number) => ({ start, end, codings: [{ code: 'Trust' }] });

/** Every file under a folder, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((p) => !readdirSync(dir, { withFileTypes: true }).some((d) => d.name === p && d.isDirectory())).map((p) => p.split(path.sep).join('/')).sort();
}

describe('axial import (REFI-QDA)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-import-'));
  });
  afterEach(() => cleanup(dir));
  const write = (name: string, data: string | Uint8Array) => writeFileSync(path.join(dir, name), data);
  const read = (p: string) => readFileSync(path.join(dir, p), 'utf8');

  it('--help names the formats and the exit codes', () => {
    const r = axial(['import', '--help'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\.qdpx/);
    assert.match(r.stdout, /Exit codes for REFI-QDA files:\n  0  imported\n  1  imported, but parts were left out/);
  });

  it('finds sources in Sources/, sources/ or at the top, with or without internal://, in a .qde with any name; drops a BOM, makes CRLF LF', () => {
    const xml = projectXml({
      codes: CODES,
      sources: [
        { name: 'a', plainTextPath: 'internal://A.txt', selections: [sel(0, 5)] },
        { name: 'b', plainTextPath: 'relative://b.txt', selections: [sel(0, 5)] },
        { name: 'c', plainTextPath: 'c.txt', selections: [sel(6, 11)] },
      ],
    });
    write('in.qdpx', zip({ 'My Study.qde': xml, 'Sources/A.txt': '\uFEFFtrust me\r\nnow', 'sources/b.txt': 'trust', 'c.txt': 'I can trust' }));
    const r = axial(['import', 'in.qdpx', 'out'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Imported 3 transcripts, 1 codes into out\n');
    assert.deepEqual(tree(path.join(dir, 'out')), ['codebook.yaml', 'transcripts', 'transcripts/a.md', 'transcripts/b.md', 'transcripts/c.md'].filter((p) => p !== 'transcripts'));
    assert.equal(read('out/transcripts/a.md'), '{{trust}}{#Trust} me\nnow');
    assert.equal(read('out/transcripts/b.md'), '{{trust}}{#Trust}');
    assert.equal(read('out/transcripts/c.md'), 'I can {{trust}}{#Trust}');
    assert.equal(axial(['check', 'out'], dir).code, 0);
  });

  it('takes the text of a source that has only its .docx', () => {
    const xml = projectXml({ codes: CODES, sources: [{ name: 'Interview.docx', richTextPath: 'internal://d.docx', selections: [sel(12, 17)] }] });
    write('in.qdpx', zip({ 'project.qde': xml, 'Sources/d.docx': docx('I: Hello\nP: trust her') }));
    const r = axial(['import', 'in.qdpx', 'out'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Interview\.docx: text taken from Sources\/d\.docx/);
    assert.equal(read('out/transcripts/interview.md'), 'I: Hello\nP: {{trust}}{#Trust} her');
  });

  it('imports the rest when sources are missing from the archive, names each, exits 1', () => {
    const xml = projectXml({ codes: CODES, sources: [{ name: 'here', plainTextPath: 'internal://h.txt' }, { name: 'gone 1', plainTextPath: 'internal://g1.txt' }, { name: 'gone 2', plainTextPath: 'internal://g2.txt' }] });
    write('in.qdpx', zip({ 'project.qde': xml, 'Sources/h.txt': 'hello' }));
    const r = axial(['import', 'in.qdpx', 'out'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'axial import: left out: gone 1: its text is not in the archive (internal://g1.txt)\naxial import: left out: gone 2: its text is not in the archive (internal://g2.txt)\n');
    assert.equal(read('out/transcripts/here.md'), 'hello');
  });

  it('imports a bare .qde (inline text) and a .qdc codebook', () => {
    write('p.qde', '\uFEFF' + projectXml({ codes: CODES, sources: [{ name: 's', content: 'x', selections: [sel(0, 1)] }] }));
    assert.equal(axial(['import', 'p.qde', 'p'], dir).code, 0);
    assert.equal(read('p/transcripts/s.md'), '{{x}}{#Trust}');
    write('c.qdc', '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f8fad5b-d9cb-469f-a165-70867728950e" name="Joy" isCodable="true"/></Codes></CodeBook>');
    const r = axial(['import', 'c.qdc', 'c'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Imported 1 codes into c\n');
    assert.equal(read('c/codebook.yaml'), 'version: 1\ncodes:\n  Joy:\n    guid: 0f8fad5b-d9cb-469f-a165-70867728950e\n');
  });

  describe('refuses with one line, exit 2 and nothing written', () => {
    const refuses = (args: string[], pattern: RegExp) => {
      const before = readdirSync(dir).sort();
      const r = axial(args, dir);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.deepEqual(readdirSync(dir).sort(), before, 'nothing written, no staging folder left');
    };
    const good = () => projectXml({ codes: CODES, sources: [{ name: 's', plainTextPath: 'internal://s.txt', selections: [sel(0, 1)] }] });

    it('a zip entry that climbs out with ..', () => {
      write('in.qdpx', zip({ 'project.qde': good(), 'Sources/s.txt': 'x', '../evil.txt': 'x' }));
      refuses(['import', 'in.qdpx', 'out'], /unsafe entry name in the archive.*\.\.\/evil\.txt/);
    });
    it('a zip entry with an absolute path', () => {
      write('in.qdpx', zip({ 'project.qde': good(), '/tmp/evil.txt': 'x' }));
      refuses(['import', 'in.qdpx', 'out'], /unsafe entry name in the archive/);
    });
    it('a zip bomb (declared sizes past the cap)', () => {
      const z = Buffer.from(zip({ 'project.qde': good(), 'Sources/s.txt': 'x' }));
      // Forge the central directory's uncompressed size of the last entry to 4 GB.
      const cd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      z.writeUInt32LE(0xfffffff0, cd + 24);
      write('in.qdpx', z);
      refuses(['import', 'in.qdpx', 'out'], /unpacks to more than 1024 MB \(a zip bomb\?\); refused/);
    });
    it('a .qdpx that is not a zip', () => {
      write('in.qdpx', 'hello');
      refuses(['import', 'in.qdpx', 'out'], /in\.qdpx is not a REFI-QDA project: not a zip archive/);
    });
    it('a zip with no project XML', () => {
      write('in.qdpx', zip({ 'readme.txt': 'x' }));
      refuses(['import', 'in.qdpx', 'out'], /not a REFI-QDA project: the archive holds no \.qde project file/);
    });
    it('XML that does not parse', () => {
      write('in.qdpx', zip({ 'project.qde': '<Project><Sources>' }));
      refuses(['import', 'in.qdpx', 'out'], /project\.qde is not well-formed XML/);
    });
    it('a selection out of range', () => {
      write('in.qdpx', zip({ 'project.qde': projectXml({ codes: CODES, sources: [{ name: 's', content: 'abc', selections: [sel(1, 9)] }] }) }));
      refuses(['import', 'in.qdpx', 'out'], /selection "" in source "s" \(positions 1–9\) is out of range.*nothing written/);
    });
    it('an unknown code reference', () => {
      write('in.qdpx', zip({ 'project.qde': projectXml({ codes: CODES, sources: [{ name: 's', content: 'abc', selections: [{ start: 0, end: 1, codings: [{ code: 'Nope' }] }] }] }) }));
      refuses(['import', 'in.qdpx', 'out'], /refers to code .*, which the codebook does not have; nothing written/);
    });
    it('a folder that is not empty, without --force', () => {
      write('in.qdpx', zip({ 'project.qde': good(), 'Sources/s.txt': 'x' }));
      mkdirSync(path.join(dir, 'out'));
      write('out/keep.md', 'mine');
      refuses(['import', 'in.qdpx', 'out'], /out is not empty; give --force/);
      assert.deepEqual(readdirSync(path.join(dir, 'out')), ['keep.md']);
    });
    it('no folder, a missing file, an unknown file type', () => {
      refuses(['import', 'in.qdpx'], /give the folder to import into/);
      refuses(['import', 'nope.qdpx', 'out'], /no such file: nope\.qdpx/);
      refuses(['import', 'notes.pdf', 'out'], /notes\.pdf: unknown file type \.pdf/);
    });
  });

  it('--force imports into a folder that is not empty, keeping its other files', () => {
    write('in.qdpx', zip({ 'project.qde': projectXml({ codes: CODES, sources: [{ name: 's', plainTextPath: 'internal://s.txt', selections: [sel(0, 1)] }] }), 'Sources/s.txt': 'x' }));
    mkdirSync(path.join(dir, 'out', 'transcripts'), { recursive: true });
    write('out/keep.md', 'mine');
    write('out/transcripts/s.md', 'old');
    const r = axial(['import', 'in.qdpx', 'out', '--force'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(read('out/keep.md'), 'mine');
    assert.equal(read('out/transcripts/s.md'), '{{x}}{#Trust}');
    assert.deepEqual(readdirSync(dir).sort(), ['in.qdpx', 'out'], 'no staging folder left');
  });

  it('readZip stops a real zip bomb at the cap while inflating', async () => {
    const bomb = Buffer.from(zipSync({ 'zeros.txt': new Uint8Array(4 * 1024 * 1024) }, { level: 9 }));
    await assert.rejects(readZip(bomb, 1024 * 1024), /unpacks to more than 1 MB/);
    const ok = await readZip(bomb, 8 * 1024 * 1024);
    assert.equal(ok.get('zeros.txt')!.length, 4 * 1024 * 1024);
  });
});
