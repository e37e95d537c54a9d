import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTranscript } from '../../core';
import { extractCodings } from '../../core/codings/extract';
import type { Coding } from '../../core/codings/types';
import { ScratchRepo } from '../helpers/scratchGit';
import { writeProject } from './gitScratch';

const BASE = '---\ncoder: LN\n---\nI: Did you trust her?\nP: Yes, I trusted her a lot.\nI: Why?\nP: She listened to me.\n';
const T = 'transcripts/patient.md';

/** Codings as `quote|coder|code`, sorted. */
function readable(text: string): string[] {
  const c = extractCodings(parseTranscript(text));
  return c.codings.map((x: Coding) => `${c.stripped.slice(x.start, x.end)}|${x.coder}|${x.code}`).sort();
}
const strippedOf = (text: string) => parseTranscript(text).stripped.text;

/**
 * A repository set up with `axial init-git`, the base committed on main, then a
 * branch `theirs` changed by `theirs(base)` and main changed by `ours(base)`.
 */
function branches(base: string, ours: (s: string) => string, theirs: (s: string) => string): ScratchRepo {
  const repo = new ScratchRepo();
  writeProject(repo, base);
  const init = repo.axial('init-git');
  assert.equal(init.code, 0, init.stderr);
  repo.commitAll('base');
  repo.git('checkout', '-q', '-b', 'theirs');
  repo.write(T, theirs(base));
  repo.commitAll('theirs');
  repo.git('checkout', '-q', 'main');
  repo.write(T, ours(base));
  repo.commitAll('ours');
  return repo;
}

describe('axial merge as git merge driver (real git)', function () {
  this.timeout(60000);

  it('two coders on the same line on two branches: git merge succeeds, both codings kept, text intact', () => {
    const repo = branches(
      BASE,
      (s) => s.replace('Yes, I trusted her', '{{Yes, I trusted her}}{#trust}'),
      (s) => s.replace('I trusted her a lot', '{{I trusted her a lot}}{#trust @CA}'),
    );
    try {
      const m = repo.gitMayFail('merge', '--no-edit', 'theirs');
      assert.equal(m.code, 0, m.stdout + m.stderr);
      const merged = repo.read(T);
      assert.equal(strippedOf(merged), strippedOf(BASE));
      assert.deepEqual(readable(merged), ['I trusted her a lot|CA|trust', 'Yes, I trusted her|LN|trust']);
      assert.equal(repo.git('status', '--porcelain').stdout, '');
    } finally {
      repo.cleanup();
    }
  });

  it('one side removes a coding the other left alone (and codes elsewhere): the coding is removed', () => {
    const coded = BASE.replace('She listened', '{{She listened}}{#listening}');
    const repo = new ScratchRepo();
    try {
      writeProject(repo, coded);
      assert.equal(repo.axial('init-git').code, 0);
      repo.commitAll('base');
      repo.git('checkout', '-q', '-b', 'theirs');
      repo.write(T, coded.replace('Yes', '{{Yes}}{#agree @CA}'));
      repo.commitAll('theirs codes Yes');
      repo.git('checkout', '-q', 'main');
      repo.write(T, coded.replace('{{She listened}}{#listening}', 'She listened'));
      repo.commitAll('ours uncodes');
      assert.equal(repo.gitMayFail('merge', '--no-edit', 'theirs').code, 0);
      assert.deepEqual(readable(repo.read(T)), ['Yes|CA|agree']);
    } finally {
      repo.cleanup();
    }
  });

  it('overlapping text edits: git merge fails through the driver and leaves conflict markers', () => {
    const repo = branches(
      BASE,
      (s) => s.replace('a lot', '{{a lot}}{#trust} indeed'),
      (s) => s.replace('a lot', 'so much'),
    );
    try {
      const m = repo.gitMayFail('merge', '--no-edit', 'theirs');
      assert.notEqual(m.code, 0);
      const text = repo.read(T);
      assert.match(text, /^<<<<<<< .*\nP: Yes, I trusted her \{\{a lot\}\}\{#trust\} indeed\.\n=======\nP: Yes, I trusted her so much\.\n>>>>>>> .*$/m);
      assert.match(repo.git('status', '--porcelain').stdout, /^UU transcripts\/patient\.md/m);
    } finally {
      repo.cleanup();
    }
  });

  it('CRLF transcripts merge through git and stay CRLF', () => {
    const crlf = BASE.replace(/\n/g, '\r\n');
    const repo = branches(
      crlf,
      (s) => s.replace('Yes', '{{Yes}}{#agree}'),
      (s) => s.replace('She listened', '{{She listened}}{#listening @CA}'),
    );
    try {
      assert.equal(repo.gitMayFail('merge', '--no-edit', 'theirs').code, 0);
      const merged = repo.read(T);
      assert.equal(merged, crlf.replace('Yes', '{{Yes}}{#agree}').replace('She listened', '{{She listened}}{#listening @CA}'));
    } finally {
      repo.cleanup();
    }
  });
});

describe('axial merge on files', () => {
  it('writes the merge into <ours> and exits 0; with --stdout prints it and leaves <ours> alone', () => {
    const repo = new ScratchRepo();
    try {
      repo.write('b.md', BASE);
      repo.write('o.md', BASE.replace('Yes', '{{Yes}}{#agree}'));
      repo.write('t.md', BASE.replace('Why', '{{Why}}{#why @CA}'));
      const printed = repo.axial('merge', '--stdout', 'b.md', 'o.md', 't.md');
      assert.equal(printed.code, 0);
      assert.equal(repo.read('o.md'), BASE.replace('Yes', '{{Yes}}{#agree}'));
      const r = repo.axial('merge', 'b.md', 'o.md', 't.md');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(repo.read('o.md'), printed.stdout);
      assert.deepEqual(readable(printed.stdout), ['Why|CA|why', 'Yes|LN|agree']);
    } finally {
      repo.cleanup();
    }
  });

  it('exits 1 with markers labelled by -L and sized by --marker-size on overlapping edits', () => {
    const repo = new ScratchRepo();
    try {
      repo.write('b.md', BASE);
      repo.write('o.md', BASE.replace('Why?', 'Why so?'));
      repo.write('t.md', BASE.replace('Why?', 'How come?'));
      const r = repo.axial('merge', '-L', 'mine', '-L', 'base', '-L', 'yours', '--marker-size', '10', 'b.md', 'o.md', 't.md');
      assert.equal(r.code, 1);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.match(r.stderr, /^axial merge: o\.md: 1 conflict/);
      assert.match(repo.read('o.md'), /<{10} mine\nI: Why so\?\n={10}\nI: How come\?\n>{10} yours\n/);
    } finally {
      repo.cleanup();
    }
  });

  it('a file that is not a transcript (codebook.yaml) gets a plain text merge: braces stay as written', () => {
    const repo = new ScratchRepo();
    try {
      const yaml = 'version: 1\ncodes:\n  trust: {name: Trust}\n  care: {}\n';
      repo.write('b.yaml', yaml);
      repo.write('o.yaml', yaml.replace('{name: Trust}', '{name: Trust, color: "#4e79a7"}'));
      repo.write('t.yaml', yaml + '  listening: {}\n');
      const r = repo.axial('merge', 'b.yaml', 'o.yaml', 't.yaml');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(repo.read('o.yaml'), 'version: 1\ncodes:\n  trust: {name: Trust, color: "#4e79a7"}\n  care: {}\n  listening: {}\n');
      // The same when git names the path and hands over temporary files.
      repo.write('o2', yaml.replace('version: 1', 'version: 1\ntitle: "{x}"'));
      const viaPath = repo.axial('merge', '--path', 'codebook.yaml', 'b.yaml', 'o2', 't.yaml');
      assert.equal(viaPath.code, 0);
      assert.equal(repo.read('o2'), 'version: 1\ntitle: "{x}"\ncodes:\n  trust: {name: Trust}\n  care: {}\n  listening: {}\n');
    } finally {
      repo.cleanup();
    }
  });

  it('error paths: one clear line, exit 2, no stack trace, nothing written', () => {
    const repo = new ScratchRepo();
    try {
      repo.write('b.md', BASE);
      repo.write('o.md', BASE);
      writeFileSync(path.join(repo.dir, 'bin.md'), Buffer.from([0xff, 0xfe, 0x00, 0xc3]));
      const cases: [string[], RegExp][] = [
        [['merge', 'b.md', 'o.md'], /missing required argument 'theirs'/],
        [['merge', 'b.md', 'o.md', 'nope.md'], /^axial merge: no such file: nope\.md$/],
        [['merge', 'b.md', 'o.md', 'transcripts'], /^axial merge: (a folder, not a file|no such file)/],
        [['merge', 'b.md', 'o.md', 'bin.md'], /^axial merge: not UTF-8 text: bin\.md$/],
        [['merge', '--marker-size', 'x', 'b.md', 'o.md', 'b.md'], /^axial merge: --marker-size takes a positive number$/],
        [['merge', '--bogus', 'b.md', 'o.md', 'b.md'], /unknown option '--bogus'/],
      ];
      repo.write('transcripts/x.md', '');
      for (const [args, message] of cases) {
        const r = repo.axial(...args);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr.trim(), message);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        assert.equal(repo.read('o.md'), BASE);
      }
    } finally {
      repo.cleanup();
    }
  });
});

describe('axial init-git', () => {
  it('writes .gitattributes for every project\'s transcript globs and the local git config; a second run changes nothing', () => {
    const repo = new ScratchRepo();
    try {
      writeProject(repo, BASE);
      repo.write('studies/b/codebook.yaml', 'version: 1\ntranscripts: ["interviews/*.{txt,md}"]\ncodes: {}\n');
      repo.write('.gitattributes', '*.png binary\n');
      const r = repo.axial('init-git', '--command', 'axial');
      assert.equal(r.code, 0, r.stderr);
      const attrs = repo.read('.gitattributes');
      assert.equal(
        attrs,
        '*.png binary\n\n# Axial: transcripts diff as text and merge their coding as sets (axial init-git)\n' +
          'transcripts/**/*.md diff=axial merge=axial\ntranscripts/**/*.txt diff=axial merge=axial\nstudies/b/interviews/*.txt diff=axial merge=axial\nstudies/b/interviews/*.md diff=axial merge=axial\n',
      );
      assert.equal(repo.git('config', '--get', 'merge.axial.driver').stdout.trim(), 'axial merge --marker-size %L --path %P %O %A %B');
      assert.equal(repo.git('config', '--get', 'diff.axial.textconv').stdout.trim(), 'axial strip');
      assert.match(repo.git('config', '--get', 'merge.axial.name').stdout, /Axial/);
      assert.equal(repo.git('check-attr', 'merge', '--', T).stdout.trim(), `${T}: merge: axial`);
      const config = repo.read('.git/config');
      const again = repo.axial('init-git', '--command', 'axial');
      assert.equal(again.code, 0);
      assert.equal(again.stdout.trim(), 'already set up: nothing changed');
      assert.equal(repo.read('.gitattributes'), attrs);
      assert.equal(repo.read('.git/config'), config);
    } finally {
      repo.cleanup();
    }
  });

  it('with the textconv set up, git diff of a coding-only change shows no changed words', () => {
    const repo = new ScratchRepo();
    try {
      writeProject(repo, BASE);
      assert.equal(repo.axial('init-git').code, 0);
      repo.commitAll('base');
      repo.write(T, BASE.replace('Yes', '{{Yes}}{#agree}'));
      // The files differ, but not their words: no hunk to show.
      assert.doesNotMatch(repo.git('diff').stdout, /^@@/m);
      assert.match(repo.git('diff', '--no-textconv').stdout, /^\+P: \{\{Yes\}\}\{#agree\}/m);
      repo.write(T, BASE.replace('Yes', '{{Yes, yes}}{#agree}'));
      assert.match(repo.git('diff').stdout, /^-P: Yes, I trusted her a lot\.\n\+P: Yes, yes, I trusted her a lot\.$/m);
    } finally {
      repo.cleanup();
    }
  });

  it('by default git runs this very CLI by its absolute path', () => {
    const repo = new ScratchRepo();
    try {
      writeProject(repo, BASE);
      assert.equal(repo.axial('init-git').code, 0);
      const driver = repo.git('config', '--get', 'merge.axial.driver').stdout.trim();
      assert.ok(driver.startsWith(`${process.execPath} ${path.resolve(__dirname, '..', '..', 'dist', 'cli.js')} merge `), driver);
    } finally {
      repo.cleanup();
    }
  });

  it('an empty --command is a usage error: nothing is written, so git never runs " merge …"', () => {
    const repo = new ScratchRepo();
    try {
      writeProject(repo, BASE);
      for (const command of ['', '   ']) {
        const r = repo.axial('init-git', '--command', command);
        assert.equal(r.code, 2, r.stdout + r.stderr);
        assert.equal(r.stderr, 'axial init-git: --command is empty: give how git should run Axial, e.g. --command axial\n');
        assert.equal(r.stdout, '');
      }
      assert.doesNotMatch(repo.read('.git/config'), /axial/);
      assert.ok(!existsSync(path.join(repo.dir, '.gitattributes')));
    } finally {
      repo.cleanup();
    }
  });

  it('error paths: not a git repository, no project, a missing folder: one line, exit 2', () => {
    const repo = new ScratchRepo();
    try {
      repo.write('empty/readme.md', 'x');
      const outside = path.join(path.dirname(repo.dir), '.home');
      for (const [args, message] of [
        [['init-git', outside], /^axial init-git: not a git repository: /],
        [['init-git', 'empty'], /^axial init-git: no codebook\.yaml found under empty$/],
        [['init-git', 'missing'], /^axial init-git: no such folder: missing$/],
      ] as [string[], RegExp][]) {
        const r = repo.axial(...args);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stderr.trim().split('\n').length, 1);
        assert.match(r.stderr.trim(), message);
      }
    } finally {
      repo.cleanup();
    }
  });
});
