import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCodebook } from '../../core';
import { REPO } from '../lsp/harness';

/** The bundled `axial` command (dist/cli.js) run as a process, as a user would. */
function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs R and returns what it printed; R's read.csv is what the tables are for. */
function rscript(code: string, cwd: string): string {
  const r = spawnSync('Rscript', ['-e', code], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

const CODEBOOK = `version: 1
title: Hand-made <study>
coders:
  A: Ana
  B: Bea
codes:
  trust:
    kind: category
  early-trust:
    parent: trust
    definition: Trust from the start.
  burden: {}
`;

/** A scratch project: two good transcripts (commas, quotes, line breaks, accents, emoji in quotes) and one broken. */
function handMade(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-'));
  writeFileSync(path.join(dir, 'codebook.yaml'), CODEBOOK);
  mkdirSync(path.join(dir, 'transcripts'));
  writeFileSync(
    path.join(dir, 'transcripts', 'one.md'),
    ['---', 'case: Núñez', 'participant: madre', '---', 'P: {{I felt, well, a "burden"', 'every day 😊}}{#burden @A}{#burden @B}', 'I: And?', 'P: {{I trusted her}}{#early-trust @A "a memo"}', ''].join('\n'),
  );
  writeFileSync(path.join(dir, 'transcripts', 'two.md'), ['---', 'case: B', '---', 'P: {{Nothing, really}}{#burden @B}', ''].join('\n'));
  writeFileSync(path.join(dir, 'transcripts', 'broken.md'), ['---', 'case: C', '---', 'P: {{never closed{#burden @A}', ''].join('\n'));
  return dir;
}

describe('axial report (the CLI)', function () {
  this.timeout(60_000);

  it('csv: writes the three tables of the example project, which R reads back row for row', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'axial-report-csv-'));
    const r = axial(['report', EXAMPLE, '--format', 'csv', '--out', out], REPO);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['quotes.csv', 'code-by-case.csv', 'cooccurrence.csv']) assert.ok(existsSync(path.join(out, f)), f);
    const counted = rscript(
      'q <- read.csv("quotes.csv", encoding = "UTF-8"); m <- read.csv("code-by-case.csv", check.names = FALSE); co <- read.csv("cooccurrence.csv", row.names = 1, check.names = FALSE); ' +
        'cat(nrow(q), paste(names(q), collapse = ","), nrow(m), paste(names(m), collapse = ","), nrow(co), ncol(co), isSymmetric(as.matrix(co)), sep = "\\n")',
      out,
    ).trim().split('\n');
    // Every coding of the example: one per code tag and coder on a span.
    const tags = countCodings();
    assert.equal(Number(counted[0]), tags, 'one row per coding');
    assert.equal(counted[1], 'code,code_path,quote,case,participant,speaker,coder,file,line');
    assert.equal(counted[3], 'code,code_path,kind,A,B,C');
    assert.equal(counted[4], counted[5], 'co-occurrence is square');
    assert.equal(counted[6], 'TRUE');
  });

  it('csv: quotes with commas, quotes, line breaks, accents and emoji survive R; a broken transcript is skipped and named', () => {
    const dir = handMade();
    const r = axial(['report', '.', '--out', 'tables'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /axial report: skipped transcripts\/broken\.md: \d+ errors? \(line 4: /);
    const printed = rscript(
      'q <- read.csv("tables/quotes.csv", encoding = "UTF-8"); cat(nrow(q), q$quote[1], q$case[1], q$coder[2], q$line[1], q$code_path[3], sep = "\\n")',
      dir,
    );
    assert.equal(printed, ['4', 'I felt, well, a "burden"', 'every day 😊', 'Núñez', 'B', '5', 'trust > early-trust', ''].join('\n'));
    const presence = axial(['report', '.', '--out', 'tables', '--presence'], dir);
    assert.equal(presence.code, 0, presence.stderr);
    assert.match(readFileSync(path.join(dir, 'tables', 'code-by-case.csv'), 'utf8'), /^burden,burden,code,1,1\r$/m);
  });

  it('filters by coder, case and code, as repeatable options or comma lists', () => {
    const dir = handMade();
    const rows = (args: string[]) => {
      const r = axial(['report', '.', '--out', 't', ...args], dir);
      assert.equal(r.code, 0, r.stderr);
      return rscript('q <- read.csv("t/quotes.csv", encoding = "UTF-8"); cat(paste0(q$code, "@", q$coder, ":", q$case), sep = "\\n")', dir).split('\n').filter((l) => l !== '');
    };
    assert.deepEqual(rows(['--coder', 'B']), ['burden@B:Núñez', 'burden@B:B']);
    assert.deepEqual(rows(['--case', 'B']), ['burden@B:B']);
    assert.deepEqual(rows(['--code', 'trust']), ['early-trust@A:Núñez']);
    assert.deepEqual(rows(['--coder', 'A', '--coder', 'B', '--code', 'burden,early-trust', '--case', 'Núñez,B']), ['burden@A:Núñez', 'burden@B:Núñez', 'early-trust@A:Núñez', 'burden@B:B']);
  });

  it('html: one self-contained page with every code, the quotes, the memos and three SVG pictures, nothing external', () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'axial-report-html-')), 'report.html');
    const r = axial(['report', EXAMPLE, '--out', out], REPO);
    assert.equal(r.code, 0, r.stderr);
    const page = readFileSync(out, 'utf8');
    assert.doesNotMatch(page, /https?:/i, 'no URL at all');
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|@import|url\(/i);
    for (const src of page.match(/src\s*=\s*["']?[^"'\s>]*/gi) ?? []) assert.match(src, /src\s*=\s*["']?data:/i);
    assert.equal((page.match(/<svg /g) ?? []).length, 3);
    // Every code of the codebook but deprecated ones nobody applies (the pictures' rule).
    const codebook = parseCodebook(readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8'));
    const names = [...codebook.codes.values()].filter((c) => c.status === 'active').map((c) => c.name || c.id);
    assert.ok(names.length > 10);
    const text = page.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    for (const name of names) assert.ok(text.includes(name), `the page names ${name}`);
    assert.match(page, /Carolina Altimir/);
  });

  it('html and md: a hand-made project with a broken transcript lists it as skipped, escapes its text', () => {
    const dir = handMade();
    const h = axial(['report', '.', '--format', 'html', '--out', 'r.html'], dir);
    assert.equal(h.code, 0, h.stderr);
    const page = readFileSync(path.join(dir, 'r.html'), 'utf8');
    assert.match(page, /Skipped transcripts[\s\S]*transcripts\/broken\.md/);
    assert.match(page, /<title>Hand-made &lt;study&gt;<\/title>/);
    assert.match(page, /a memo/);
    const md = axial(['report', '.', '--format', 'md'], dir);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Hand-made \\<study\\>$/m);
    assert.match(md.stdout, /Skipped transcripts\/broken\.md/);
    assert.match(md.stdout, /case Núñez, transcripts\/one\.md:5, P, coded by A/);
  });

  it('bad input: one clear line and exit 2', () => {
    const dir = handMade();
    const cases: [string[], RegExp][] = [
      [['report', 'nowhere', '--out', 'x.md'], /^axial report: no such folder: nowhere\n$/],
      [['report', 'codebook.yaml', '--format', 'md'], /^axial report: not a folder: codebook\.yaml\n$/],
      [['report', '.', '--format', 'pdf'], /^axial report: --format must be html, md or csv, not 'pdf'\n$/],
      [['report', '.', '--format', 'csv'], /^axial report: --format csv writes three files: give --out <folder>\n$/],
      [['report', '.', '--code', 'nope', '--format', 'md'], /^axial report: unknown code 'nope'/],
      [['report', '.', '--coder', 'Z', '--format', 'md'], /^axial report: unknown coder 'Z': coders are A, B\n$/],
      [['report', '.', '--case', 'Q', '--format', 'md'], /^axial report: unknown case 'Q'/],
      [['report', '.', '--out', 'transcripts', '--format', 'html'], /^axial report: --out transcripts is a folder/],
      [['report', '.', '--out', 'codebook.yaml', '--format', 'csv'], /^axial report: --out codebook.yaml is a file/],
      [['report', mkdtempSync(path.join(os.tmpdir(), 'axial-empty-')), '--format', 'md'], /no codebook\.yaml found/],
    ];
    for (const [args, expected] of cases) {
      const r = axial(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('--help documents the formats, the filters and the exit codes', () => {
    const r = axial(['report', '--help'], REPO);
    assert.equal(r.code, 0);
    for (const s of ['--format', '--out', '--coder', '--case', '--code', '--presence', 'Exit 0', '2 usage error']) assert.ok(r.stdout.includes(s), s);
  });
});

/** Counts the example's codings by their definition, independently of Axial: each (span, coder, code) once. */
function countCodings(): number {
  const dir = path.join(EXAMPLE, 'transcripts');
  let n = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const coder = /^coder:\s*(\S+)/m.exec(text)?.[1] ?? '';
    // Each closer `}}` followed by its blocks `{...}{...}`.
    for (const m of text.matchAll(/\}\}((?:\{(?!\{)[^}]*\})+)/g)) {
      const seen = new Set<string>();
      for (const b of m[1].matchAll(/\{([^}]*)\}/g)) {
        const who = /@(\S+)/.exec(b[1])?.[1] ?? coder;
        for (const c of b[1].matchAll(/#([\w-]+)/g)) seen.add(`${who} ${c[1]}`);
      }
      n += seen.size;
    }
  }
  return n;
}
