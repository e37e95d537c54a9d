import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseTranscript, parseCodebook } from '../../core';
import { cleanup, REPO } from '../lsp/harness';
import { inOrder, SAMPLES, spokenWords, words } from '../unit/importing/samples';
import { docx, xlsx } from './officeFiles';

const CLI = path.join(REPO, 'dist', 'cli.js');

/** The bundled `axial` command run as a process. */
function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder, relative, sorted: to show that nothing was written. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

/** A transcript read back: no errors, its stripped text and speakers. */
function readBack(file: string) {
  const t = parseTranscript(readFileSync(file, 'utf8'));
  assert.deepEqual(t.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  return t;
}

describe('axial import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-import-'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ncodes:\n  trust:\n');
    mkdirSync(path.join(dir, 'in'));
  });
  afterEach(() => cleanup(dir));

  for (const s of SAMPLES) {
    it(`turns ${s.name} into a transcript in transcripts/, says it is ${s.shape}, keeps every word in order`, () => {
      writeFileSync(path.join(dir, 'in', s.name), s.text);
      const r = axial(['import', `in/${s.name}`], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const out = path.join(dir, 'transcripts', s.name.replace(/\.\w+$/, '.md'));
      assert.match(r.stdout, new RegExp(`^Imported ${s.name.replace('.', '\\.')} as .+ → transcripts/${path.basename(out).replace('.', '\\.')}\\n$`));
      const t = readBack(out);
      const check = inOrder(spokenWords(s), words(t.stripped.text));
      assert.ok(check.ok, check.ok ? '' : `missing "${check.missing}"`);
      assert.deepEqual(Object.values(t.frontMatter?.speakers ?? {}), s.speakers);
    });
  }

  it('turns a Word document into a transcript: paragraphs are lines, "Name: text" paragraphs are turns', async () => {
    writeFileSync(
      path.join(dir, 'in', 'Interview 4.docx'),
      await docx(['Interview 4 — 12 March', 'Interviewer: How did you find the clinic?', 'Ana Ruiz: A friend told me.', 'She had been there {twice}.', 'Interviewer: And?', 'Ana Ruiz: I went — 🎉 — the week after.']),
    );
    const r = axial(['import', 'in/Interview 4.docx', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"Name: text" lines: 2 speakers \(I: Interviewer, AR: Ana Ruiz\), 4 turns → transcripts\/Interview 4\.md/);
    const t = readBack(path.join(dir, 'transcripts', 'Interview 4.md'));
    assert.equal(
      t.stripped.text.split('---\n').pop(),
      'Interview 4 — 12 March\nI: How did you find the clinic?\nAR: A friend told me.\nShe had been there {twice}.\nI: And?\nAR: I went — 🎉 — the week after.\n',
    );
    assert.deepEqual(t.turns.map((x) => x.speaker), ['I', 'AR', 'I', 'AR']);
  });

  it('reads Word tables: a speaker | text table is turns (its header row a line), other tables a line per row', async () => {
    writeFileSync(
      path.join(dir, 'in', 'table.docx'),
      await docx([
        'Interview 7',
        { table: [['Speaker', 'Text'], ['Interviewer', 'How did it start?'], ['Ana Ruiz', 'In May, after the move.'], ['', 'And then {all} changed.'], ['Interviewer', 'Go on.'], ['Ana Ruiz', 'I stayed.']] },
        { table: [['Age', '34'], ['Site', 'Lima | north']] },
        'Closing note.',
      ]),
    );
    const r = axial(['import', 'in/table.docx'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 speakers \(I: Interviewer, AR: Ana Ruiz\), 4 turns/);
    const t = readBack(path.join(dir, 'transcripts', 'table.md'));
    assert.equal(
      t.stripped.text.split('---\n').pop(),
      'Interview 7\nSpeaker | Text\nI: How did it start?\nAR: In May, after the move.\nAnd then {all} changed.\nI: Go on.\nAR: I stayed.\nAge | 34\nSite | Lima | north\nClosing note.\n',
    );
    assert.deepEqual(t.turns.map((x) => x.speaker), ['I', 'AR', 'I', 'AR']);
  });

  it('reads a time | speaker | text table as timestamped turns', async () => {
    writeFileSync(
      path.join(dir, 'in', 'timed.docx'),
      await docx([{ table: [['00:00:05', 'Interviewer', 'Welcome.'], ['00:00:09', 'Participant', 'Thank you.'], ['00:01:02', 'Interviewer', 'Shall we start?']] }]),
    );
    const r = axial(['import', 'in/timed.docx'], dir);
    assert.equal(r.code, 0, r.stderr);
    const t = readBack(path.join(dir, 'transcripts', 'timed.md'));
    assert.equal(t.stripped.text.split('---\n').pop(), 'I: [00:00:05] Welcome.\nP: [00:00:09] Thank you.\nI: [00:01:02] Shall we start?\n');
  });

  it('writes Word comments to a memo linked to the transcript, each under the passage it is on; the words stay as they are', async () => {
    writeFileSync(
      path.join(dir, 'in', 'commented.docx'),
      await docx([
        'Interviewer: How was the first session?',
        { pieces: ['Participant: ', { text: 'I felt heard', comment: { author: 'Lucía Núñez', text: 'Trust, early.\nCompare case B.' } }, ' for the first time.'] },
        { pieces: ['Interviewer: ', { text: 'Why?', comment: { author: 'Ana', text: 'Leading?' } }] },
      ]),
    );
    const r = axial(['import', 'in/commented.docx'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n2 Word comments → memos\/commented-comments\.md\n$/);
    const t = readBack(path.join(dir, 'transcripts', 'commented.md'));
    assert.equal(t.stripped.text.split('---\n').pop(), 'I: How was the first session?\nP: I felt heard for the first time.\nI: Why?\n');
    const memo = readFileSync(path.join(dir, 'memos', 'commented-comments.md'), 'utf8');
    assert.equal(
      memo,
      '---\ntranscripts:\n  - transcripts/commented.md\n---\n\n# Comments in commented.docx\n\n> I felt heard\n\nLucía Núñez: Trust, early.\nCompare case B.\n\n> Why?\n\nAna: Leading?\n',
    );
    const check = axial(['check', '.'], dir);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    const other = axial(['import', 'in/commented.docx', '--out', 'transcripts/other.md'], dir);
    assert.equal(other.code, 0, other.stderr);
    assert.ok(existsSync(path.join(dir, 'memos', 'other-comments.md')), 'named after the transcript written');
    // The memo is replaced only with --force, like the transcript; refused, nothing is written.
    writeFileSync(path.join(dir, 'memos', 'x-comments.md'), 'mine\n');
    const blocked = axial(['import', 'in/commented.docx', '--out', 'transcripts/x.md'], dir);
    assert.equal(blocked.code, 2);
    assert.equal(blocked.stderr, 'axial import: memos/x-comments.md exists (use --force to replace it)\n');
    assert.ok(!existsSync(path.join(dir, 'transcripts', 'x.md')), 'nothing written');
    assert.equal(readFileSync(path.join(dir, 'memos', 'x-comments.md'), 'utf8'), 'mine\n');
  });

  it('finds the project above the working folder, and writes where --out says', () => {
    writeFileSync(path.join(dir, 'in', 'a.srt'), SAMPLES[2].text);
    const below = axial(['import', 'a.srt'], path.join(dir, 'in'));
    assert.equal(below.code, 0, below.stderr);
    assert.ok(existsSync(path.join(dir, 'transcripts', 'a.md')));
    const out = axial(['import', 'in/a.srt', '--out', 'elsewhere/b.md'], dir);
    assert.equal(out.code, 0, out.stderr);
    assert.ok(existsSync(path.join(dir, 'elsewhere', 'b.md')));
  });

  it('puts transcripts where the codebook’s transcripts glob says', () => {
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ntranscripts: ["data/interviews/**/*.md"]\ncodes:\n  trust:\n');
    writeFileSync(path.join(dir, 'in', 'a.vtt'), SAMPLES[0].text);
    assert.equal(axial(['import', 'in/a.vtt'], dir).code, 0);
    assert.ok(existsSync(path.join(dir, 'data', 'interviews', 'a.md')));
  });

  it('refuses to overwrite without --force (exit 2, file unchanged), replaces with it', () => {
    writeFileSync(path.join(dir, 'in', 'a.txt'), 'I: one\nP: two\n');
    assert.equal(axial(['import', 'in/a.txt'], dir).code, 0);
    const target = path.join(dir, 'transcripts', 'a.md');
    writeFileSync(target, 'mine\n');
    const r = axial(['import', 'in/a.txt'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'axial import: transcripts/a.md exists (use --force to replace it)\n');
    assert.equal(readFileSync(target, 'utf8'), 'mine\n');
    assert.equal(axial(['import', 'in/a.txt', '--force'], dir).code, 0);
    assert.match(readFileSync(target, 'utf8'), /^I: one$/m);
  });

  it('bad input: one clear line, the documented exit code, nothing written', async () => {
    writeFileSync(path.join(dir, 'in', 'not-word.docx'), 'just text, not a zip');
    writeFileSync(path.join(dir, 'in', 'zip-no-doc.docx'), await xlsx([['a']]));
    writeFileSync(path.join(dir, 'in', 'empty.vtt'), '');
    writeFileSync(path.join(dir, 'in', 'binary.txt'), Buffer.from([0x49, 0x3a, 0x20, 0x00, 0xff, 0x10]));
    writeFileSync(path.join(dir, 'in', 'latin1.txt'), Buffer.from('I: caf\xe9\n', 'latin1'));
    writeFileSync(path.join(dir, 'in', 'nocues.vtt'), 'WEBVTT\n\nhello\n');
    writeFileSync(path.join(dir, 'in', 'notes.pdf'), '%PDF');
    for (const folder of ['folder.docx', 'folder.qdpx', 'folder']) mkdirSync(path.join(dir, 'in', folder));
    const before = filesUnder(dir);
    const cases: [string[], number, RegExp][] = [
      [['in/not-word.docx'], 1, /^axial import: in\/not-word\.docx: not a Word document \(\.docx\): it is not a zip archive\n$/],
      [['in/zip-no-doc.docx'], 1, /^axial import: in\/zip-no-doc\.docx: not a Word document \(\.docx\): the archive has no readable word\/document\.xml\n$/],
      [['in/empty.vtt'], 1, /^axial import: in\/empty\.vtt: the file is empty\n$/],
      [['in/binary.txt'], 1, /^axial import: in\/binary\.txt: the file is binary, not text\n$/],
      [['in/latin1.txt'], 1, /^axial import: in\/latin1\.txt: the file is not UTF-8 text\n$/],
      [['in/nocues.vtt'], 1, /^axial import: in\/nocues\.vtt: no caption cues found/],
      [['in/notes.pdf'], 2, /^axial import: in\/notes\.pdf: unknown file type \.pdf \(import \.qdpx, \.qde, \.qdc, \.docx, \.vtt, \.srt, \.txt, \.csv or \.xlsx\)\n$/],
      [['in/missing.docx'], 2, /^axial import: no such file: in\/missing\.docx\n$/],
      [['in/missing'], 2, /^axial import: no such file: in\/missing\n$/],
      [['in/folder.docx'], 2, /^axial import: in\/folder\.docx is a folder, not a file\n$/],
      [['in/folder.qdpx', 'new-project'], 2, /^axial import: in\/folder\.qdpx is a folder, not a file\n$/],
      [['in/folder'], 2, /^axial import: in\/folder is a folder, not a file\n$/],
      [['in/empty.vtt', 'no-such-folder'], 2, /^axial import: no codebook\.yaml in no-such-folder\n$/],
      [['import-me.txt', '--nope'], 2, /unknown option/],
    ];
    for (const [args, code, message] of cases) {
      const r = axial(['import', ...args], dir);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(filesUnder(dir), before);
  });

  it('with no project in or above the folder: exit 2 and a hint', () => {
    const bare = mkdtempSync(path.join(os.tmpdir(), 'axial-import-bare-'));
    try {
      writeFileSync(path.join(bare, 'a.txt'), 'I: hi\n');
      const r = axial(['import', 'a.txt'], bare);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^axial import: no project: no codebook\.yaml in or above this folder/);
      assert.deepEqual(readdirSync(bare), ['a.txt']);
    } finally {
      cleanup(bare);
    }
  });

  it('--help documents the formats and the exit codes', () => {
    const r = axial(['import', '--help'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Exit codes for interviews and codes sheets:\n  0  imported\n  1  the input cannot be converted/);
    assert.match(r.stdout, /\.docx, \.vtt, \.srt, \.txt/);
  });
});

describe('axial import codes.csv / codes.xlsx', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-import-codes-'));
  });
  afterEach(() => cleanup(dir));

  it('writes codebook.yaml from a CSV (semicolons, a byte-order mark, quoted cells) that axial check accepts', () => {
    writeFileSync(path.join(dir, 'codes.csv'), '\ufeffCode;Definition;Memo\n"Relationship > Trust";"Trusts; fully";seen often\nRelationship > Doubt;Doubts.;\n');
    const r = axial(['import', 'codes.csv'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Wrote codebook.yaml: 3 codes (1 category)\n');
    const text = readFileSync(path.join(dir, 'codebook.yaml'), 'utf8');
    assert.deepEqual(parseCodebook(text).diagnostics, []);
    const codes = parse(text).codes;
    assert.deepEqual(codes.trust, { parent: 'relationship', name: 'Trust', definition: 'Trusts; fully', memo: 'seen often' });
    assert.equal(axial(['check', '.'], dir).code, 0);
  });

  it('writes codebook.yaml from the first sheet of an .xlsx', async () => {
    writeFileSync(path.join(dir, 'codes.xlsx'), await xlsx([['Name', 'Parent', 'Description'], ['Trust', 'Relationship', 'Trusts.'], ['Relationship', '', 'Core.']]));
    const r = axial(['import', 'codes.xlsx', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    const codes = parse(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8')).codes;
    assert.deepEqual(Object.keys(codes), ['relationship', 'trust']);
    assert.equal(codes.trust.parent, 'relationship');
  });

  it('refuses an existing codebook.yaml without --force, merges with it', () => {
    const mine = 'version: 1\n# mine\ncodes:\n  trust:\n    name: Trust\n';
    writeFileSync(path.join(dir, 'codebook.yaml'), mine);
    writeFileSync(path.join(dir, 'codes.csv'), 'code,definition\nTrust,From the sheet.\nNew,Fresh.\n');
    const r = axial(['import', 'codes.csv'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'axial import: codebook.yaml exists (use --force to merge the codes into it)\n');
    assert.equal(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'), mine);
    const f = axial(['import', 'codes.csv', '--force'], dir);
    assert.equal(f.code, 0, f.stderr);
    assert.equal(f.stdout, 'Merged codes.csv into codebook.yaml: 1 code added, 1 already there (empty fields filled in)\n');
    const text = readFileSync(path.join(dir, 'codebook.yaml'), 'utf8');
    assert.match(text, /# mine/);
    assert.equal(parse(text).codes.new.definition, 'Fresh.');
  });

  it('bad sheets: one line, exit 1, nothing written', async () => {
    writeFileSync(path.join(dir, 'nocode.csv'), 'foo,bar\n1,2\n');
    writeFileSync(path.join(dir, 'empty.csv'), '');
    writeFileSync(path.join(dir, 'fake.xlsx'), 'not a workbook');
    writeFileSync(path.join(dir, 'word.xlsx'), await docx(['hello']));
    const before = filesUnder(dir);
    for (const [file, message] of [
      ['nocode.csv', /no code column: the first row needs a header "code", "path", "name" or "id" \(found "foo", "bar"\)/],
      ['empty.csv', /the file is empty/],
      ['fake.xlsx', /not an Excel workbook \(\.xlsx\): it is not a zip archive/],
      ['word.xlsx', /not a readable Excel workbook/],
    ] as const) {
      const r = axial(['import', file], dir);
      assert.equal(r.code, 1, `${file}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    assert.deepEqual(filesUnder(dir), before);
  });
});
