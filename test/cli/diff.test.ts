import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScratchRepo } from '../helpers/scratchGit';
import { CLI } from './gitScratch';

/**
 * `axial diff` and `axial strip` as processes (the bundled dist/cli.js) on
 * scratch repositories made with the real git (test/helpers/scratchGit.ts).
 */

/** The CLI in the repository (or in `cwd`), NO_COLOR unset: its output must be plain off a terminal by itself. */
function axial(repo: ScratchRepo, ...args: string[]) {
  return axialIn(repo, repo.dir, ...args);
}
function axialIn(repo: ScratchRepo, cwd: string, ...args: string[]) {
  return repo.axialWith({ cwd, env: { NO_COLOR: undefined } }, ...args);
}

/** `axial diff --format json` parsed, failing the test on a non-zero exit. */
function diffJson(repo: ScratchRepo, ...args: string[]) {
  return diffJsonIn(repo, repo.dir, ...args);
}
function diffJsonIn(repo: ScratchRepo, cwd: string, ...args: string[]) {
  const r = axialIn(repo, cwd, 'diff', '--format', 'json', ...args);
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

const scratch: ScratchRepo[] = [];
/** A new repository holding `files` (not committed), removed after the suite. */
function newRepo(files: Record<string, string | Buffer> = {}, source?: ConstructorParameters<typeof ScratchRepo>[0]): ScratchRepo {
  const repo = new ScratchRepo(source);
  scratch.push(repo);
  write(repo, files);
  return repo;
}
function write(repo: ScratchRepo, files: Record<string, string | Buffer>): void {
  for (const [p, text] of Object.entries(files)) repo.write(p, text);
}
/** The stdout of git in the repository; throws when git fails. */
const git = (repo: ScratchRepo, ...args: string[]) => repo.git(...args).stdout;

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
    for (const repo of scratch) repo.cleanup();
  });

  it('reports a coding-only commit: coded, uncoded and recoded spans, with quotes and lines, and no text change', () => {
    const repo = newRepo({
      'study/codebook.yaml': CODEBOOK,
      'study/transcripts/a.md': `${FM}I: How was it?\nP: {{We trusted her.}}{#trust} And {{then we left}}{#leaving}.\nP: It was a long time ago.\n`,
      'study/transcripts/b.md': `${FM}P: Nothing coded here.\n`,
      'README.md': 'not a transcript {{x}}{#y}\n',
    });
    const a = repo.commitAll('one');
    write(repo, {
      'study/transcripts/a.md': `${FM}I: How was it?\nP: {{We trusted her.}}{#trust #care} And then we left.\nP: It was {{a long time ago}}{#leaving @CA}.\n`,
      'README.md': 'changed, and still not a transcript {{x}}{#z}\n',
    });
    const b = repo.commitAll('two');
    const j = diffJson(repo, a, b);
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

    const text = axial(repo, 'diff', a, b);
    assert.equal(text.code, 0);
    assert.doesNotMatch(text.stdout, /\x1b\[/, 'no colour when not on a terminal');
    assert.doesNotMatch(text.stdout, /text changed/);
    assert.match(text.stdout, /^study\/transcripts\/a\.md$/m);
    assert.match(text.stdout, /\+ coded\s+#leaving @CA line 6 “a long time ago”/);
    assert.match(text.stdout, /1 coding added, 1 removed, 1 recoded in 1 file/);
  });

  it('flags a text change everywhere, and keeps codings on unchanged text out of the changes', () => {
    const repo = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her}}{#trust} a lot, then the sessions ended.\nP: {{It was hard.}}{#leaving}\n`,
    });
    const a = repo.commitAll('one');
    write(repo, { 'transcripts/a.md': `${FM}I: A question added above.\nP: {{We trusted her}}{#trust} so much, then the sessions ended.\nP: {{It was hard.}}{#leaving}\n` });
    const b = repo.commitAll('two');
    const j = diffJson(repo, a, b);
    assert.equal(j.files.length, 1);
    assert.equal(j.files[0].textChanged, true);
    assert.deepEqual(j.files[0].changes, []);
    const md = axial(repo, 'diff', '--format', 'md', a, b).stdout;
    assert.match(md, /⚠️ \*\*1 file with text changes\*\*/);
    assert.match(md, /<details open><summary>⚠️ <code>transcripts\/a\.md<\/code>/);
    assert.match(md, /⚠️ \*\*Text changed\*\*/);
    assert.match(axial(repo, 'diff', a, b).stdout, /⚠ text changed/);
  });

  it('a code renamed in the codebook and in every transcript is one rename, not removals and additions', () => {
    const repo = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her.}}{#trust}\n`,
      'transcripts/b.md': `${FM}P: {{Trust was key.}}{#trust @CA} {{Left.}}{#leaving}\n`,
      'transcripts/c.md': `${FM}P: {{Unrelated.}}{#care}\n`,
    });
    const a = repo.commitAll('one');
    const renamed = (s: string) => s.replace(/\btrust:\n/, 'relational-trust:\n').replace(/#trust\b/g, '#relational-trust');
    write(repo, {
      'codebook.yaml': renamed(CODEBOOK),
      'transcripts/a.md': renamed(repo.read('transcripts/a.md')),
      'transcripts/b.md': renamed(repo.read('transcripts/b.md')),
    });
    const b = repo.commitAll('rename');
    const j = diffJson(repo, a, b);
    assert.deepEqual(j.codebook, { added: [], removed: [], renamed: [{ from: 'trust', to: 'relational-trust' }], moved: [], redefined: [] });
    // The transcripts' tags were rewritten, which is the rename itself: no coding changed.
    for (const f of j.files) assert.deepEqual(f.changes, [], f.path);

    // Renamed in the codebook but still used, unchanged, in another transcript: not a rename.
    const repo2 = newRepo({
      'codebook.yaml': CODEBOOK,
      'transcripts/a.md': `${FM}P: {{We trusted her.}}{#trust}\n`,
      'transcripts/z.md': `${FM}P: {{Still the old id.}}{#trust}\n`,
    });
    const a2 = repo2.commitAll('one');
    write(repo2, { 'codebook.yaml': renamed(CODEBOOK), 'transcripts/a.md': renamed(repo2.read('transcripts/a.md')) });
    const b2 = repo2.commitAll('half a rename');
    const j2 = diffJson(repo2, a2, b2);
    assert.deepEqual(j2.codebook.renamed, []);
    assert.deepEqual(j2.codebook.added, ['relational-trust']);
    assert.deepEqual(j2.codebook.removed, ['trust']);
    assert.deepEqual(brief(j2.files[0]), ['recoded trust->relational-trust @LN L4 "We trusted her."']);
  });

  it('a rename that keeps the guid is a rename even when the entry changed; moves and redefinitions are reported', () => {
    const guid = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const repo = newRepo({ 'codebook.yaml': CODEBOOK.replace('  care:\n', `  care:\n    guid: ${guid}\n`) });
    const a = repo.commitAll('one');
    write(repo, {
      'codebook.yaml': CODEBOOK.replace('  care:\n    definition: Feeling cared for.\n', `  feeling-cared-for:\n    guid: ${guid}\n    definition: Feeling looked after.\n`)
        .replace('    parent: relation\n', '')
        .replace('Ending the therapy.', 'Ending the therapy early.')
        .concat('  hope:\n    parent: relation\n'),
    });
    const b = repo.commitAll('two');
    const j = diffJson(repo, a, b);
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
    assert.match(axial(repo, 'diff', '--format', 'md', a, b).stdout, /renamed `care` → `feeling-cared-for`/);
  });

  it('reads CRLF transcripts: lines and quotes as a reader sees them, no false text change', () => {
    const crlf = (s: string) => s.replace(/\n/g, '\r\n');
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': crlf(`${FM}I: Hello.\nP: {{We trusted\nher.}}{#trust} And we left.\n`) });
    git(repo, 'config', 'core.autocrlf', 'false');
    const a = repo.commitAll('one');
    write(repo, { 'transcripts/a.md': crlf(`${FM}I: Hello.\nP: {{We trusted\nher.}}{#trust} And {{we left}}{#leaving}.\n`) });
    const b = repo.commitAll('two');
    const f = diffJson(repo, a, b).files[0];
    assert.equal(f.textChanged, false);
    assert.deepEqual(brief(f), ['coded leaving @LN L6 "we left"']);
    assert.deepEqual(diffJson(repo, b, a).files[0].changes.map((c: { kind: string; quote: string }) => `${c.kind} ${c.quote}`), ['uncoded we left']);
    assert.equal(diffJson(repo, a, b).files[0].changes[0].quote.includes('\r'), false);
  });

  it('a Windows checkout (core.autocrlf) against LF commits: line ends are no text change', () => {
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}I: Hello.\nP: We trusted her. And we left.\n` });
    repo.commitAll('one');
    git(repo, 'config', 'core.autocrlf', 'true');
    write(repo, { 'transcripts/a.md': `${FM}I: Hello.\nP: {{We trusted her.}}{#trust} And we left.\n`.replace(/\n/g, '\r\n') });
    const f = diffJson(repo).files[0];
    assert.equal(f.textChanged, false);
    assert.deepEqual(brief(f), ['coded trust @LN L5 "We trusted her."']);
  });

  it('follows renamed files (git rename detection), and lists added and deleted transcripts', () => {
    const body = `${FM}I: A long enough interview so that git sees the rename.\nP: {{We trusted her}}{#trust} and that was all.\nP: More words, more words, more words.\n`;
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/old-name.md': body, 'transcripts/gone.md': `${FM}P: {{bye}}{#leaving}\n` });
    const a = repo.commitAll('one');
    git(repo, 'mv', 'transcripts/old-name.md', 'transcripts/new-name.md');
    git(repo, 'rm', '-q', 'transcripts/gone.md');
    write(repo, {
      'transcripts/new-name.md': body.replace('and that was all', 'and {{that was all}}{#care}'),
      'transcripts/fresh.md': `${FM}P: {{hello}}{#care @CA}\n`,
    });
    const b = repo.commitAll('two');
    const j = diffJson(repo, a, b);
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
    assert.match(axial(repo, 'diff', a, b).stdout, /transcripts\/new-name\.md \(renamed from transcripts\/old-name\.md\)/);
    // New and deleted transcripts are counted as such, not as edits of words.
    assert.deepEqual([j.summary.added, j.summary.deleted, j.summary.textChanged], [1, 1, 0]);
    assert.match(axial(repo, 'diff', a, b).stdout, /; 1 new transcript, 1 transcript deleted$/m);
    assert.doesNotMatch(axial(repo, 'diff', '--format', 'md', a, b).stdout, /⚠️/);
  });

  it('compares HEAD with the working tree by default (untracked transcripts too), and with the index with --cached', () => {
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: {{one}}{#trust} two\n` });
    repo.commitAll('one');
    assert.deepEqual(diffJson(repo).files, []);
    const clean = axial(repo, 'diff', '--exit-code');
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /No coding changes\./);

    write(repo, { 'transcripts/a.md': `${FM}P: {{one}}{#trust} {{two}}{#care}\n` });
    git(repo, 'add', 'transcripts/a.md');
    write(repo, { 'transcripts/a.md': `${FM}P: {{one}}{#trust} {{two}}{#care #leaving}\n`, 'transcripts/new.md': `${FM}P: {{new}}{#care}\n` });
    const status = git(repo, 'status', '--porcelain');
    const index = readFileSync(path.join(repo.dir, '.git', 'index'));

    const wt = diffJson(repo);
    assert.equal(wt.to, 'working tree');
    assert.deepEqual(
      wt.files.map((f: Parameters<typeof brief>[0] & { path: string }) => [f.path, brief(f)]),
      [
        ['transcripts/a.md', ['coded care,leaving @LN L4 "two"']],
        ['transcripts/new.md', ['coded care @LN L4 "new"']],
      ],
    );
    const staged = diffJson(repo, '--cached');
    assert.equal(staged.to, 'index');
    assert.deepEqual(
      staged.files.map((f: Parameters<typeof brief>[0] & { path: string }) => [f.path, brief(f)]),
      [['transcripts/a.md', ['coded care @LN L4 "two"']]],
    );
    const changed = axial(repo, 'diff', '--exit-code');
    assert.equal(changed.code, 1);
    // Nothing written: the index file is byte for byte as it was, and so is the working tree.
    assert.deepEqual(readFileSync(path.join(repo.dir, '.git', 'index')), index);
    assert.equal(git(repo, 'status', '--porcelain'), status);
  });

  it('diffs every project of the repository, including one that did not exist at the older revision', () => {
    const repo = newRepo({ 'one/codebook.yaml': CODEBOOK, 'one/transcripts/a.md': `${FM}P: {{x}}{#trust}\n` });
    const a = repo.commitAll('one');
    write(repo, {
      'one/transcripts/a.md': `${FM}P: {{x}}{#care}\n`,
      'two/codebook.yaml': 'version: 1\ntranscripts: ["interviews/*.txt"]\ncodes:\n  fear:\n  hope:\n',
      'two/interviews/i.txt': 'P: {{afraid}}{#fear @ZZ}\n',
      'two/notes.txt': 'not matched by the globs {{x}}{#fear}\n',
    });
    const b = repo.commitAll('two');
    const j = diffJson(repo, a, b);
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
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: x\n` });
    repo.commitAll('one');
    write(repo, { 'transcripts/a.md': `${FM}P: {{x}}{#trust}\n` });
    const onTty = (env: NodeJS.ProcessEnv) =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" diff`, '/dev/null'], { cwd: repo.dir, env, encoding: 'utf8' }).stdout;
    const env = { ...repo.env };
    delete env.NO_COLOR;
    assert.match(onTty(env), /\x1b\[32m\+ coded/);
    const plain = onTty({ ...env, NO_COLOR: '1' });
    assert.match(plain, /\+ coded/);
    assert.doesNotMatch(plain, /\x1b\[/);
  });

  it('reads ranges as git does: A..B is A and B, A...B is B against where it forked from A; runs from a subfolder', () => {
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: x y\n` });
    repo.commitAll('base');
    git(repo, 'checkout', '-q', '-b', 'coder');
    write(repo, { 'transcripts/a.md': `${FM}P: {{x}}{#trust} y\n` });
    repo.commitAll('coded on the branch');
    git(repo, 'checkout', '-q', 'main');
    write(repo, { 'transcripts/a.md': `${FM}P: x {{y}}{#care}\n` });
    repo.commitAll('coded on main');
    const changes = (j: { files: Parameters<typeof brief>[0][] }) => j.files.flatMap(brief);
    // The branch's own change only, whatever main did since.
    assert.deepEqual(changes(diffJson(repo, 'main...coder')), ['coded trust @LN L4 "x"']);
    assert.equal(diffJson(repo, 'main...coder').from, 'main...coder');
    assert.deepEqual(changes(diffJson(repo, 'main..coder')), ['coded trust @LN L4 "x"', 'uncoded care @LN L4 "y"']);
    mkdirSync(path.join(repo.dir, 'transcripts', 'deeper'), { recursive: true });
    assert.deepEqual(changes(diffJsonIn(repo, path.join(repo.dir, 'transcripts', 'deeper'), 'main', 'coder')), changes(diffJson(repo, 'main..coder')));
  });

  it('a reader that stops early (| head) ends the output quietly', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `P: {{line ${i} with some words}}{#trust}`).join('\n');
    const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}${many.replace(/\{\{|\}\}\{#trust\}/g, '')}\n` });
    repo.commitAll('one');
    write(repo, { 'transcripts/a.md': `${FM}${many}\n` });
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" diff | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], { cwd: repo.dir, env: { ...repo.env, NO_COLOR: '1' }, encoding: 'utf8' });
    assert.equal(r.stderr.trim(), 'exit 0');
  });

  describe('bad input', () => {
    it('not a git repository: one line, exit 2', () => {
      const repo = newRepo();
      const r = axialIn(repo, repo.folderOutside('not-a-repository'), 'diff');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /^axial diff: not a git repository/);
      assert.equal(r.stdout, '');
    });

    it('an unknown revision, and a repository with no commit: one line, exit 2', () => {
      const repo = newRepo({ 'codebook.yaml': CODEBOOK });
      const empty = axial(repo, 'diff');
      assert.equal(empty.code, 2);
      assertOneLine(empty.stderr, /no commit yet/);
      repo.commitAll('one');
      const r = axial(repo, 'diff', 'no-such-branch');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /^axial diff: unknown revision 'no-such-branch'$/);
      const opt = axial(repo, 'diff', 'HEAD', '--', '--upload-pack=x');
      assert.equal(opt.code, 2);
    });

    it('a shallow clone missing the revision says so and how to fetch it', () => {
      const origin = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': 'P: {{x}}{#trust}\n' });
      origin.commitAll('one');
      write(origin, { 'transcripts/a.md': 'P: {{x}}{#care}\n' });
      origin.commitAll('two');
      const clone = newRepo({}, { from: `file://${origin.dir}`, args: ['--depth', '1'] });
      assert.equal(git(clone, 'rev-parse', '--is-shallow-repository').trim(), 'true');
      const r = axial(clone, 'diff', 'HEAD~1', 'HEAD');
      assert.equal(r.code, 2);
      assertOneLine(r.stderr, /unknown revision 'HEAD~1': this is a shallow clone .*fetch/);
    });

    it('binary and non-UTF-8 files: named as unreadable, the rest still diffed, exit 0', () => {
      const repo = newRepo({
        'codebook.yaml': CODEBOOK,
        'transcripts/a.md': `${FM}P: {{x}}{#trust}\n`,
        'transcripts/latin1.md': 'P: {{caf\xe9}}{#care}\n',
        'transcripts/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
      });
      const a = repo.commitAll('one');
      write(repo, {
        'transcripts/a.md': `${FM}P: {{x}}{#care}\n`,
        'transcripts/latin1.md': Buffer.from('P: {{caf\xe9}}{#trust}\n', 'latin1'),
        'transcripts/blob.md': Buffer.from([0x50, 0x3a, 0x20, 0, 0xff, 0x0a]),
        'transcripts/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 3, 4]),
      });
      const b = repo.commitAll('two');
      const r = axial(repo, 'diff', '--format', 'json', a, b);
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
      const repo = newRepo({ 'codebook.yaml': CODEBOOK, 'transcripts/a.md': `${FM}P: {{x}}{#trust} y\n` });
      const a = repo.commitAll('one');
      write(repo, { 'transcripts/a.md': `${FM}P: {{x}}{#trust} {{y}}{#care} {{unclosed\n` });
      const b = repo.commitAll('two');
      const r = axial(repo, 'diff', '--format', 'json', a, b);
      assert.equal(r.code, 0);
      const f = JSON.parse(r.stdout).files[0];
      assert.deepEqual(brief(f), ['coded care @LN L4 "y"']);
      assert.match(f.problems[0], /^the newer version has 1 markup error \(line 4: .+\); its codings may be incomplete$/);
      assert.match(r.stderr, /transcripts\/a\.md: the newer version has 1 markup error/);
    });

    it('usage errors exit 2 with one line', () => {
      const repo = newRepo({ 'codebook.yaml': CODEBOOK });
      repo.commitAll('one');
      const fmt = axial(repo, 'diff', '--format', 'xml');
      assert.equal(fmt.code, 2);
      assertOneLine(fmt.stderr, /--format.*xml.*text, md, json/);
      const both = axial(repo, 'diff', '--cached', 'HEAD', 'HEAD');
      assert.equal(both.code, 2);
      assertOneLine(both.stderr, /--cached/);
      const help = axial(repo, 'diff', '--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /Exit codes:/);
    });
  });
});

describe('axial strip', () => {
  let repo: ScratchRepo;
  before(() => {
    repo = new ScratchRepo();
  });
  after(() => repo.cleanup());

  it('prints the stripped text; --front-matter keeps the front matter', () => {
    write(repo, { 't.md': `${FM}P: {{^a We {{trusted}}{#trust} her}}{^a #care @CA "memo"} \\{literally\\}\r\n` });
    const r = axial(repo, 'strip', 't.md');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'P: We trusted her {literally}\r\n');
    assert.equal(axial(repo, 'strip', '--front-matter', 't.md').stdout, `${FM}P: We trusted her {literally}\r\n`);
  });

  it('never fails on content: broken markup is stripped as far as it parses, binary is printed unchanged', () => {
    write(repo, { 'broken.md': 'P: {{open {{x}}{#a} and }} alone\n', 'bin.md': Buffer.from([1, 0, 2, 0xff]) });
    const broken = axial(repo, 'strip', 'broken.md');
    assert.equal(broken.code, 0);
    assert.equal(broken.stdout, 'P: open x and  alone\n');
    const bin = spawnSync(process.execPath, [CLI, 'strip', 'bin.md'], { cwd: repo.dir, env: repo.env });
    assert.equal(bin.status, 0);
    assert.deepEqual([...bin.stdout], [1, 0, 2, 0xff]);
  });

  it('a missing file exits 2 with one line', () => {
    const r = axial(repo, 'strip', 'nope.md');
    assert.equal(r.code, 2);
    assertOneLine(r.stderr, /^axial strip: no such file: nope\.md$/);
  });

  it('as git’s textconv, a coding-only change leaves git diff empty and a text change shows', () => {
    write(repo, { '.gitattributes': '*.md diff=axial\n', 'i.md': 'P: We trusted her.\n' });
    git(repo, 'config', 'diff.axial.textconv', `"${process.execPath}" "${CLI}" strip`);
    repo.commitAll('one');
    write(repo, { 'i.md': 'P: {{We trusted her.}}{#trust}\n' });
    assert.equal(git(repo, 'diff'), '');
    write(repo, { 'i.md': 'P: {{We trusted him.}}{#trust}\n' });
    assert.match(git(repo, 'diff'), /^-P: We trusted her\.$\n^\+P: We trusted him\.$/m);
  });
});
