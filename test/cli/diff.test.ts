import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/**
 * `axial diff` and `axial strip` as processes (the bundled dist/cli.js) on
 * scratch repositories made with the real git.
 */

const CLI = path.join(REPO, 'dist', 'cli.js');
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Axial Test',
  GIT_AUTHOR_EMAIL: 'test@axial.invalid',
  GIT_COMMITTER_NAME: 'Axial Test',
  GIT_COMMITTER_EMAIL: 'test@axial.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function axial(cwd: string, ...args: string[]) {
  const env = { ...GIT_ENV };
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `axial diff --format json` parsed, failing the test on a non-zero exit. */
function diffJson(cwd: string, ...args: string[]) {
  const r = axial(cwd, 'diff', '--format', 'json', ...args);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** A one-line error, no stack trace. */
function assertOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

const scratch: string[] = [];
function newRepo(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-diff-'));
  scratch.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, files);
  return dir;
}
function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
}
function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

const CODEBOOK = `version: 1
coders:
  LN: Lucía
  CA: Carolina
codes:
  relation:
    kind: category
  trust:
    parent: relation
    definition: The patient trusts the therapist.
  leaving:
    definition: Ending the therapy.
  care:
    definition: Feeling cared for.
`;
const FM = '---\ncoder: LN\n---\n';

/** A brief view of a file's changes: `kind codes @coder Lline "quote"`. */
const brief = (f: { changes: { kind: string; codes: string[]; coder: string; line: number; quote: string; from?: string[]; to?: string[] }[] }) =>
  f.changes.map((c) => `${c.kind} ${c.kind === 'recoded' ? `${c.from!.join(',')}->${c.to!.join(',')}` : c.codes.join(',')} @${c.coder} L${c.line} "${c.quote}"`);

describe('axial diff', function () {
  this.timeout(60000);
  after(() => {
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });

  it('reports a coding-only commit: coded, uncoded and recoded spans, with quotes and lines, and no text change', () => {
    const dir = newRepo({
      'study/codebook.yaml': CODEBOOK,
      'study/transcripts/a.md': `${FM}I: How was it?\nP: {{We trusted her.}}{#trust} And {{then we left}}{#leaving}.\nP: It was a long time ago.\n`,
      'study/transcripts/b.md': `${FM}P: Nothing coded here.\n`,
      'README.md': 'not a transcript {{x}}{#y}\n',
    });
    const a = commit(dir, 'one');
    write(dir, {
      'study/transcripts/a.md': `${FM}I: How was it?\nP: {{We trusted her.}}{#trust #care} And then we left.\nP: It was {{a long time ago}}{#leaving @CA}.\n`,
      'README.md': 'changed, and still not a transcript {{x}}{#z}\n',
    });
    const b = commit(dir, 'two');
    const j = diffJson(dir, a, b);
    assert.equal(j.from, a);
    assert.equal(j.to, b);
    assert.deepEqual(
      j.files.map((f: { path: string }) => f.path),
      ['study/transcripts/a.md'],
    );
    const f = j.files[0];
    assert.equal(f.textChanged, false);
    assert.equal(f.status, 'modified');
    assert.deepEqual(brief(f), ['recoded trust->care,trust @LN L5 "We trusted her."', 'uncoded leaving @LN L5 "then we left"', 'coded leaving @CA L6 "a long time ago"']);
    assert.deepEqual(j.codebook, { added: [], removed: [], renamed: [], moved: [], redefined: [] });
    assert.deepEqual(j.summary, { coded: 1, uncoded: 1, recoded: 1, memos: 0, files: 1, textChanged: 0, added: 0, deleted: 0, unreadable: 0, codebookChanges: 0 });

    const text = axial(dir, 'diff', a, b);
    assert.equal(text.code, 0);
    assert.doesNotMatch(text.stdout, /\x1b\[/, 'no colour when not on a terminal');
    assert.doesNotMatch(text.stdout, /text changed/);
    assert.match(text.stdout, /^study\/transcripts\/a\.md$/m);
    assert.match(text.stdout, /\+ coded\s+#leaving @CA line 6 “a long time ago”/);
    assert.match(text.stdout, /1 coding added, 1 removed, 1 recoded in 1 file/);
  });

  it('flags a text change everywhere, and keeps codings on unchanged text out of the changes', () => {
    const dir = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her}}{#trust} a lot, then the sessions ended.\nP: {{It was hard.}}{#leaving}\n`,
    });
    const a = commit(dir, 'one');
    write(dir, { 'transcripts/a.md': `${FM}I: A question added above.\nP: {{We trusted her}}{#trust} so much, then the sessions ended.\nP: {{It was hard.}}{#leaving}\n` });
    const b = commit(dir, 'two');
    const j = diffJson(dir, a, b);
    assert.equal(j.files.length, 1);
    assert.equal(j.files[0].textChanged, true);
    assert.deepEqual(j.files[0].changes, []);
    const md = axial(dir, 'diff', '--format', 'md', a, b).stdout;
    assert.match(md, /⚠️ \*\*1 file with text changes\*\*/);
    assert.match(md, /<details open><summary>⚠️ <code>transcripts\/a\.md<\/code>/);
    assert.match(md, /⚠️ \*\*Text changed\*\*/);
    assert.match(axial(dir, 'diff', a, b).stdout, /⚠ text changed/);
  });

  it('a code renamed in the codebook and in every transcript is one rename, not removals and additions', () => {
    const dir = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her.}}{#trust}\n`,
      'transcripts/b.md': `${FM}P: {{Trust was key.}}{#trust @CA} {{Left.}}{#leaving}\n`,
      'transcripts/c.md': `${FM}P: {{Unrelated.}}{#care}\n`,
    });
    const a = commit(dir, 'one');
    const renamed = (s: string) => s.replace(/\btrust:\n/, 'relational-trust:\n').replace(/#trust\b/g, '#relational-trust');
    write(dir, {
      'codebook.yaml': renamed(CODEBOOK),
      'transcripts/a.md': renamed(readFileSync(path.join(dir, 'transcripts/a.md'), 'utf8')),
      'transcripts/b.md': renamed(readFileSync(path.join(dir, 'transcripts/b.md'), 'utf8')),
    });
    const b = commit(dir, 'rename');
    const j = diffJson(dir, a, b);
    assert.deepEqual(j.codebook, { added: [], removed: [], renamed: [{ from: 'trust', to: 'relational-trust' }], moved: [], redefined: [] });
    // The transcripts' tags were rewritten, which is the rename itself: no coding changed.
    for (const f of j.files) assert.deepEqual(f.changes, [], f.path);

    // Renamed in the codebook but still used, unchanged, in another transcript: not a rename.
    const dir2 = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her.}}{#trust}\n`,
      'transcripts/z.md': `${FM}P: {{Still the old id.}}{#trust}\n`,
    });
    const a2 = commit(dir2, 'one');
    write(dir2, { 'codebook.yaml': renamed(CODEBOOK), 'transcripts/a.md': renamed(readFileSync(path.join(dir2, 'transcripts/a.md'), 'utf8')) });
    const b2 = commit(dir2, 'half a rename');
    const j2 = diffJson(dir2, a2, b2);
    assert.deepEqual(j2.codebook.renamed, []);
    assert.deepEqual(j2.codebook.added, ['relational-trust']);
    assert.deepEqual(j2.codebook.removed, ['trust']);
    assert.deepEqual(brief(j2.files[0]), ['recoded trust->relational-trust @LN L4 "We trusted her."']);
  });

  it('a rename that keeps the guid is a rename even when the entry changed; moves and redefinitions are reported', () => {
    const guid = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const dir = newRepo({ 'codebook.yaml': CODEBOOK.replace('  care:\n', `  care:\n    guid: ${guid}\n`) });
    const a = commit(dir, 'one');
    write(dir, {
      'codebook.yaml': CODEBOOK.replace('  care:\n    definition: Feeling cared for.\n', `  feeling-cared-for:\n    guid: ${guid}\n    definition: Feeling looked after.\n`)
        .replace('    parent: relation\n', '')
        .replace('Ending the therapy.', 'Ending the therapy early.')
        .concat('  hope:\n    parent: relation\n'),
    });
    const b = commit(dir, 'two');
    const j = diffJson(dir, a, b);
    assert.deepEqual(j.codebook, {
      added: ['hope'],
      removed: [],
      renamed: [{ from: 'care', to: 'feeling-cared-for' }],
      moved: [{ id: 'trust', from: 'relation', to: null }],
      redefined: [
        { id: 'feeling-cared-for', fields: ['definition'] },
        { id: 'leaving', fields: ['definition'] },
      ],
    });
    assert.match(axial(dir, 'diff', '--format', 'md', a, b).stdout, /renamed `care` → `feeling-cared-for`/);
  });

  it('reads CRLF transcripts: lines and quotes as a reader sees them, no false text change', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': crlf(`${FM}I: Hello.\nP: {{We trusted\nher.}}{#trust} And we left.\n`) });
    git(dir, 'config', 'core.autocrlf', 'false');
    const a = commit(dir, 'one');
    write(dir, { 'transcripts/a.md': crlf(`${FM}I: Hello.\nP: {{We trusted\nher.}}{#trust} And {{we left}}{#leaving}.\n`) });
    const b = commit(dir, 'two');
    const f = diffJson(dir, a, b).files[0];
    assert.equal(f.textChanged, false);
    assert.deepEqual(brief(f), ['coded leaving @LN L6 "we left"']);
    assert.deepEqual(diffJson(dir, b, a).files[0].changes.map((c: { kind: string; quote: string }) => `${c.kind} ${c.quote}`), ['uncoded we left']);
    assert.equal(diffJson(dir, a, b).files[0].changes[0].quote.includes('\r'), false);
  });

  it('a Windows checkout (core.autocrlf) against LF commits: line ends are no text change', () => {
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}I: Hello.\nP: We trusted her. And we left.\n` });
    commit(dir, 'one');
    git(dir, 'config', 'core.autocrlf', 'true');
    write(dir, { 'transcripts/a.md': `${FM}I: Hello.\nP: {{We trusted her.}}{#trust} And we left.\n`.replace(/\n/g, '\r\n') });
    const f = diffJson(dir).files[0];
    assert.equal(f.textChanged, false);
    assert.deepEqual(brief(f), ['coded trust @LN L5 "We trusted her."']);
  });

  it('follows renamed files (git rename detection), and lists added and deleted transcripts', () => {
    const body = `${FM}I: A long enough interview so that git sees the rename.\nP: {{We trusted her}}{#trust} and that was all.\nP: More words, more words, more words.\n`;
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/old-name.md': body, 'transcripts/gone.md': `${FM}P: {{bye}}{#leaving}\n` });
    const a = commit(dir, 'one');
    git(dir, 'mv', 'transcripts/old-name.md', 'transcripts/new-name.md');
    git(dir, 'rm', '-q', 'transcripts/gone.md');
    write(dir, {
      'transcripts/new-name.md': body.replace('and that was all', 'and {{that was all}}{#care}'),
      'transcripts/fresh.md': `${FM}P: {{hello}}{#care @CA}\n`,
    });
    const b = commit(dir, 'two');
    const j = diffJson(dir, a, b);
    const byPath = Object.fromEntries(j.files.map((f: { path: string }) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath), ['transcripts/fresh.md', 'transcripts/gone.md', 'transcripts/new-name.md']);
    assert.equal(byPath['transcripts/new-name.md'].status, 'renamed');
    assert.equal(byPath['transcripts/new-name.md'].oldPath, 'transcripts/old-name.md');
    assert.equal(byPath['transcripts/new-name.md'].textChanged, false);
    assert.deepEqual(brief(byPath['transcripts/new-name.md']), ['coded care @LN L5 "that was all"']);
    assert.equal(byPath['transcripts/gone.md'].status, 'deleted');
    assert.deepEqual(brief(byPath['transcripts/gone.md']), ['uncoded leaving @LN L4 "bye"']);
    assert.equal(byPath['transcripts/fresh.md'].status, 'added');
    assert.deepEqual(brief(byPath['transcripts/fresh.md']), ['coded care @CA L4 "hello"']);
    assert.match(axial(dir, 'diff', a, b).stdout, /transcripts\/new-name\.md \(renamed from transcripts\/old-name\.md\)/);
    // New and deleted transcripts are counted as such, not as edits of words.
    assert.deepEqual([j.summary.added, j.summary.deleted, j.summary.textChanged], [1, 1, 0]);
    assert.match(axial(dir, 'diff', a, b).stdout, /; 1 new transcript, 1 transcript deleted$/m);
    assert.doesNotMatch(axial(dir, 'diff', '--format', 'md', a, b).stdout, /⚠️/);
  });

  it('compares HEAD with the working tree by default (untracked transcripts too), and with the index with --cached', () => {
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: {{one}}{#trust} two\n` });
    commit(dir, 'one');
    assert.deepEqual(diffJson(dir).files, []);
    const clean = axial(dir, 'diff', '--exit-code');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No coding changes\./);

    write(dir, { 'transcripts/a.md': `${FM}P: {{one}}{#trust} {{two}}{#care}\n` });
    git(dir, 'add', 'transcripts/a.md');
    write(dir, { 'transcripts/a.md': `${FM}P: {{one}}{#trust} {{two}}{#care #leaving}\n`, 'transcripts/new.md': `${FM}P: {{new}}{#care}\n` });
    const status = git(dir, 'status', '--porcelain');
    const index = readFileSync(path.join(dir, '.git', 'index'));

    const wt = diffJson(dir);
    assert.equal(wt.to, 'working tree');
    assert.deepEqual(
      wt.files.map((f: Parameters<typeof brief>[0] & { path: string }) => [f.path, brief(f)]),
      [
        ['transcripts/a.md', ['coded care,leaving @LN L4 "two"']],
        ['transcripts/new.md', ['coded care @LN L4 "new"']],
      ],
    );
    const staged = diffJson(dir, '--cached');
    assert.equal(staged.to, 'index');
    assert.deepEqual(
      staged.files.map((f: Parameters<typeof brief>[0] & { path: string }) => [f.path, brief(f)]),
      [['transcripts/a.md', ['coded care @LN L4 "two"']]],
    );
    const changed = axial(dir, 'diff', '--exit-code');
    assert.equal(changed.code, 1);
    // Nothing written: the index file is byte for byte as it was, and so is the working tree.
    assert.deepEqual(readFileSync(path.join(dir, '.git', 'index')), index);
    assert.equal(git(dir, 'status', '--porcelain'), status);
  });

  it('diffs every project of the repository, including one that did not exist at the older revision', () => {
    const dir = newRepo({ 'one/codebook.yaml': CODEBOOK, 'one/transcripts/a.md': `${FM}P: {{x}}{#trust}\n` });
    const a = commit(dir, 'one');
    write(dir, {
      'one/transcripts/a.md': `${FM}P: {{x}}{#care}\n`,
      'two/codebook.yaml': 'version: 1\ntranscripts: ["interviews/*.txt"]\ncodes:\n  fear:\n  hope:\n',
      'two/interviews/i.txt': 'P: {{afraid}}{#fear @ZZ}\n',
      'two/notes.txt': 'not matched by the globs {{x}}{#fear}\n',
    });
    const b = commit(dir, 'two');
    const j = diffJson(dir, a, b);
    assert.deepEqual(
      j.files.map((f: { path: string; project: string; status: string }) => [f.path, f.project, f.status]),
      [
        ['one/transcripts/a.md', 'one', 'modified'],
        ['two/interviews/i.txt', 'two', 'added'],
      ],
    );
    assert.deepEqual(brief(j.files[1]), ['coded fear @ZZ L1 "afraid"']);
    assert.deepEqual(
      j.projects.map((p: { path: string; status: string; codebook: { added: string[] } }) => [p.path, p.status, p.codebook.added]),
      [['two', 'added', ['fear', 'hope']]],
    );
    assert.deepEqual(j.codebook.added, ['fear', 'hope']);
  });

  it('colours only on a terminal, and never with NO_COLOR', function () {
    if (spawnSync('script', ['--version']).status !== 0) this.skip(); // util-linux `script` gives the command a terminal
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: x\n` });
    commit(dir, 'one');
    write(dir, { 'transcripts/a.md': `${FM}P: {{x}}{#trust}\n` });
    const onTty = (env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" diff`, '/dev/null'], { cwd: dir, env, encoding: 'utf8' }).stdout;
    const env = { ...GIT_ENV };
    delete env.NO_COLOR;
    assert.match(onTty(env), /\x1b\[32m\+ coded/);
    const plain = onTty({ ...env, NO_COLOR: '1' });
    assert.match(plain, /\+ coded/);
    assert.doesNotMatch(plain, /\x1b\[/);
  });

  it('reads ranges as git does: A..B is A and B, A...B is B against where it forked from A; runs from a subfolder', () => {
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: x y\n` });
    commit(dir, 'base');
    git(dir, 'checkout', '-q', '-b', 'coder');
    write(dir, { 'transcripts/a.md': `${FM}P: {{x}}{#trust} y\n` });
    commit(dir, 'coded on the branch');
    git(dir, 'checkout', '-q', 'main');
    write(dir, { 'transcripts/a.md': `${FM}P: x {{y}}{#care}\n` });
    commit(dir, 'coded on main');
    const changes = (j: { files: Parameters<typeof brief>[0][] }) => j.files.flatMap(brief);
    // The branch's own change only, whatever main did since.
    assert.deepEqual(changes(diffJson(dir, 'main...coder')), ['coded trust @LN L4 "x"']);
    assert.equal(diffJson(dir, 'main...coder').from, 'main...coder');
    assert.deepEqual(changes(diffJson(dir, 'main..coder')), ['coded trust @LN L4 "x"', 'uncoded care @LN L4 "y"']);
    mkdirSync(path.join(dir, 'transcripts', 'deeper'), { recursive: true });
    assert.deepEqual(changes(diffJson(path.join(dir, 'transcripts', 'deeper'), 'main', 'coder')), changes(diffJson(dir, 'main..coder')));
  });

  it('a reader that stops early (| head) ends the output quietly', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `P: {{line ${i} with some words}}{#trust}`).join('\n');
    const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}${many.replace(/\{\{|\}\}\{#trust\}/g, '')}\n` });
    commit(dir, 'one');
    write(dir, { 'transcripts/a.md': `${FM}${many}\n` });
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" diff | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: dir, env: { ...GIT_ENV, NO_COLOR: '1' }, encoding: 'utf8' });
    assert.equal(r.stderr.trim(), 'exit 0');
  });

  describe('bad input', () => {
    it('not a git repository: one line, exit 2', () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-nogit-'));
      scratch.push(dir);
      const r = axial(dir, 'diff');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /^axial diff: not a git repository/);
      assert.equal(r.stdout, '');
    });

    it('an unknown revision, and a repository with no commit: one line, exit 2', () => {
      const dir = newRepo({ 'codebook.yaml': CODEBOOK });
      const empty = axial(dir, 'diff');
      assert.equal(empty.code, 2);
      assertOneLine(empty.stderr, /no commit yet/);
      commit(dir, 'one');
      const r = axial(dir, 'diff', 'no-such-branch');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /^axial diff: unknown revision 'no-such-branch'$/);
      const opt = axial(dir, 'diff', 'HEAD', '--', '--upload-pack=x');
      assert.equal(opt.code, 2);
    });

    it('a shallow clone missing the revision says so and how to fetch it', () => {
      const origin = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': 'P: {{x}}{#trust}\n' });
      commit(origin, 'one');
      write(origin, { 'transcripts/a.md': 'P: {{x}}{#care}\n' });
      commit(origin, 'two');
      const clone = mkdtempSync(path.join(os.tmpdir(), 'axial-shallow-'));
      scratch.push(clone);
      git(os.tmpdir(), 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
      const r = axial(clone, 'diff', 'HEAD~1', 'HEAD');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /unknown revision 'HEAD~1': this is a shallow clone .*fetch/);
    });

    it('binary and non-UTF-8 files: named as unreadable, the rest still diffed, exit 0', () => {
      const dir = newRepo({
        'codebook.yaml': CODEBOOK,
        'transcripts/a.md': `${FM}P: {{x}}{#trust}\n`,
        'transcripts/latin1.md': 'P: {{caf\xe9}}{#care}\n',
        'transcripts/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      });
      const a = commit(dir, 'one');
      write(dir, {
        'transcripts/a.md': `${FM}P: {{x}}{#care}\n`,
        'transcripts/latin1.md': Buffer.from('P: {{caf\xe9}}{#trust}\n', 'latin1'),
        'transcripts/blob.md': Buffer.from([0x50, 0x3a, 0x20, 0, 0xff, 0x0a]),
        'transcripts/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 3, 4]),
      });
      const b = commit(dir, 'two');
      const r = axial(dir, 'diff', '--format', 'json', a, b);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      const byPath = Object.fromEntries(j.files.map((f: { path: string }) => [f.path, f]));
      assert.deepEqual(Object.keys(byPath), ['transcripts/a.md', 'transcripts/blob.md', 'transcripts/latin1.md']);
      assert.deepEqual(brief(byPath['transcripts/a.md']), ['recoded trust->care @LN L4 "x"']);
      assert.deepEqual(byPath['transcripts/latin1.md'].problems, ['the newer version could not be read (not UTF-8)']);
      assert.deepEqual(byPath['transcripts/blob.md'].problems, ['the newer version could not be read (binary)']);
      assert.match(r.stderr, /^axial diff: transcripts\/latin1\.md: the newer version could not be read \(not UTF-8\)$/m);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });

    it('a transcript with markup errors on one side: the diff runs and says which file', () => {
      const dir = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: {{x}}{#trust} y\n` });
      const a = commit(dir, 'one');
      write(dir, { 'transcripts/a.md': `${FM}P: {{x}}{#trust} {{y}}{#care} {{unclosed\n` });
      const b = commit(dir, 'two');
      const r = axial(dir, 'diff', '--format', 'json', a, b);
      assert.equal(r.code, 0);
      const f = JSON.parse(r.stdout).files[0];
      assert.deepEqual(brief(f), ['coded care @LN L4 "y"']);
      assert.match(f.problems[0], /^the newer version has 1 markup error \(line 4: .+\); its codings may be incomplete$/);
      assert.match(r.stderr, /transcripts\/a\.md: the newer version has 1 markup error/);
    });

    it('usage errors exit 2 with one line', () => {
      const dir = newRepo({ 'codebook.yaml': CODEBOOK });
      commit(dir, 'one');
      const fmt = axial(dir, 'diff', '--format', 'xml');
      assert.equal(fmt.code, 2);
      assertOneLine(fmt.stderr, /--format.*xml.*text, md, json/);
      const both = axial(dir, 'diff', '--cached', 'HEAD', 'HEAD');
      assert.equal(both.code, 2);
      assertOneLine(both.stderr, /--cached/);
      const help = axial(dir, 'diff', '--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Exit codes:/);
    });
  });
});

describe('axial strip', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-strip-'));
    git(dir, 'init', '-q', '-b', 'main');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the stripped text; --front-matter keeps the front matter', () => {
    write(dir, { 't.md': `${FM}P: {{^a We {{trusted}}{#trust} her}}{^a #care @CA "memo"} \\{literally\\}\r\n` });
    const r = axial(dir, 'strip', 't.md');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'P: We trusted her {literally}\r\n');
    assert.equal(axial(dir, 'strip', '--front-matter', 't.md').stdout, `${FM}P: We trusted her {literally}\r\n`);
  });

  it('never fails on content: broken markup is stripped as far as it parses, binary is printed unchanged', () => {
    write(dir, { 'broken.md': 'P: {{open {{x}}{#a} and }} alone\n', 'bin.md': Buffer.from([1, 0, 2, 0xff]) });
    const broken = axial(dir, 'strip', 'broken.md');
    assert.equal(broken.code, 0);
    assert.equal(broken.stdout, 'P: open x and  alone\n');
    const bin = spawnSync(process.execPath, [CLI, 'strip', 'bin.md'], { cwd: dir });
    assert.equal(bin.status, 0);
    assert.deepEqual([...bin.stdout], [1, 0, 2, 0xff]);
  });

  it('a missing file exits 2 with one line', () => {
    const r = axial(dir, 'strip', 'nope.md');
    assert.equal(r.code, 2);
    assertOneLine(r.stderr, /^axial strip: no such file: nope\.md$/);
  });

  it('as git’s textconv, a coding-only change leaves git diff empty and a text change shows', () => {
    write(dir, { '.gitattributes': '*.md diff=axial\n', 'i.md': 'P: We trusted her.\n' });
    git(dir, 'config', 'diff.axial.textconv', `"${process.execPath}" "${CLI}" strip`);
    commit(dir, 'one');
    write(dir, { 'i.md': 'P: {{We trusted her.}}{#trust}\n' });
    assert.equal(git(dir, 'diff'), '');
    write(dir, { 'i.md': 'P: {{We trusted him.}}{#trust}\n' });
    assert.match(git(dir, 'diff'), /^-P: We trusted her\.$\n^\+P: We trusted him\.$/m);
  });
});
