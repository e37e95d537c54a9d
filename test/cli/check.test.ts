import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';

const CLI = path.join(REPO, 'dist', 'cli.js');

/** The bundled `axial` command (dist/cli.js) run as a process, as CI would. */
function axial(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  // 10,000 problems of one file are over a megabyte of output, spawnSync's default buffer.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `axial` on a pseudo-terminal (util-linux `script`), to see what a person at a terminal sees. */
function axialOnTty(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout };
}

/** Every line `--format text` may print: a diagnostic, nothing else. */
const TEXT_LINE = /^[^:\n]+:\d+:\d+ (error|warning) [a-z-]+\.[a-z-]+ \S[^\n]*$/;
/** Every line `--format github` may print: one annotation, with properties in order and a title that is a code. */
const GITHUB_LINE = /^::(error|warning|notice) file=[^:,\n]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+\.[a-z-]+::[^\n]*$/;

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[]; summary: Record<string, unknown> };

describe('axial check', () => {
  let dir: string;
  const file = (rel: string) => path.join(dir, rel);
  const edit = (rel: string, from: string, to: string) => writeFileSync(file(rel), readFileSync(file(rel), 'utf8').replace(from, to));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(file(rel)), { recursive: true });
    writeFileSync(file(rel), text);
  };

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    // The fixture's stray note is a layout warning; tests that want it put it back.
    rmSync(file('notes'), { recursive: true });
  });
  afterEach(() => cleanup(dir));

  it('checks memo files: an unknown code is an error, an unknown transcript a warning', () => {
    write('memos/a.md', '---\ncodes: [trsut]\ntranscripts: [transcripts/nope.md]\n---\nA memo.\n');
    const r = axial(['check', '.', '--format', 'text'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^memos\/a\.md:2:9 error memo\.unknown-code Unknown code 'trsut'.*Did you mean 'trust'\?$/m);
    assert.match(r.stdout, /^memos\/a\.md:3:15 warning memo\.unknown-transcript /m);
  });

  it('prints a run of 100,000 stray closers once, with the count', () => {
    write('transcripts/stray.md', 'P: well ' + '}}'.repeat(100000) + ' then\n');
    const r = axial(['check', '.', '--format', 'text'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('transcripts/stray.md:'));
    assert.deepEqual(lines, ['transcripts/stray.md:1:9 error span.unmatched-closer These 100,000 `}}` close no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.']);
  });

  it('prints the first 10,000 problems of a line of 200,000 openers, then one line that counts what was left out', () => {
    write('transcripts/openers.md', 'P: well\nQ: ' + '{{a'.repeat(200_000) + '\n');
    const r = axial(['check', '.', '--format', 'text'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('transcripts/openers.md:'));
    assert.equal(lines.length, 10_001);
    assert.equal(lines.filter((l) => / error span\.unclosed /.test(l)).length, 10_000);
    for (const l of lines) assert.match(l, TEXT_LINE);
    // At the first problem left out, the 10,001st opener's "never closed".
    assert.ok(
      lines.includes(
        "transcripts/openers.md:2:30004 error transcript.too-much-markup Axial reads the first 100,000 spans of a transcript; 100,000 more from line 2 are not read as codings. Axial lists the first 10,000 problems of a transcript's markup; 190,000 more from line 2 are not listed.",
      ),
      lines.filter((l) => l.includes('too-much')).join('\n'),
    );
  });

  it('line:col count a lone CR as a line break, as editors do', () => {
    write('transcripts/cr.md', 'I: Did you trust her?\rP: {{Yes, I did}}{#nope} a lot.\r');
    const r = axial(['check'], dir);
    assert.ok(r.stdout.split('\n').some((l) => l.startsWith("transcripts/cr.md:2:19 error code.unknown Unknown code 'nope'.")), r.stdout);
  });

  it('a YAML key that is a list or map is a diagnostic, never a Node warning on stderr', () => {
    write('transcripts/keys.md', '---\ncase: 1\nattributes:\n  {x: 1}: 2\n---\nP: hi\n');
    const r = axial(['check'], dir);
    assert.ok(r.stdout.split('\n').some((l) => l.startsWith('transcripts/keys.md:4:3 error front-matter.collection-key ')), r.stdout);
    assert.doesNotMatch(r.stderr, /Warning|stringified/);
  });

  it('the example project validates with no errors and no warnings', () => {
    const r = axial(['check', 'examples/therapeutic-relationship'], REPO);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '1 project, 7 transcripts: 0 errors, 0 warnings\n');
    assert.equal(r.code, 0);
  });

  it('prints file:line:col severity code message at exact places and exits 1 on errors', () => {
    edit('transcripts/therapist.md', '{{He came very scared.}}{#trust}', '{{He came {{very}}{#nope} scared.}} {#trust}');
    const r = axial(['check'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    const line9 = readFileSync(file('transcripts/therapist.md'), 'utf8').split('\n')[8];
    const col = (needle: string) => line9.indexOf(needle) + 1;
    assert.ok(lines.includes(`transcripts/therapist.md:9:${col('#nope')} error code.unknown Unknown code 'nope'. The codebook has no code with this id.`), r.stdout);
    assert.ok(lines.some((l) => l.startsWith(`transcripts/therapist.md:9:${col('}} {#trust}')} error span.closer-without-block `)), r.stdout);
    for (const l of lines) assert.match(l, TEXT_LINE);
    assert.match(r.stderr, /^1 project, 2 transcripts: \d+ errors, 0 warnings\n$/);
  });

  it('an unknown code gets the editor\'s did-you-mean', () => {
    edit('transcripts/therapist.md', '{#trust}', '{#trsut}');
    const r = axial(['check'], dir);
    assert.match(r.stdout, /error code\.unknown Unknown code 'trsut'\. The codebook has no code with this id\. Did you mean 'trust'\?\n/);
    assert.equal(r.code, 1);
  });

  it('warnings alone exit 0, and 1 with --strict; the summary says "1 transcript", "1 warning"', () => {
    rmSync(file('transcripts/therapist.md'));
    edit('transcripts/patient.md', '{#trust}', '{#old-trust}');
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "transcripts/patient.md:10:33 warning code.deprecated Code 'old-trust' is deprecated; use 'trust'.\n");
    assert.equal(r.stderr, '1 project, 1 transcript: 0 errors, 1 warning\n');
    const s = axial(['check', '--strict'], dir);
    assert.equal(s.code, 1);
    assert.equal(s.stdout, r.stdout);
    assert.equal(s.stderr, '1 project, 1 transcript: 0 errors, 1 warning (--strict: warnings fail)\n');
  });

  it('--format json (and its alias --json) gives the diagnostics with their ranges and the summary', () => {
    edit('transcripts/therapist.md', '{#trust}', '{#old-trust}');
    const r = axial(['check', '--format', 'json'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    assert.deepEqual(json(r), {
      diagnostics: [
        { file: 'transcripts/therapist.md', line: 9, column: 29, endLine: 9, endColumn: 39, severity: 'warning', code: 'code.deprecated', message: "Code 'old-trust' is deprecated; use 'trust'." },
      ],
      summary: { projects: 1, transcripts: 2, errors: 0, warnings: 1, strict: false, ok: true },
    });
    assert.equal(axial(['check', '--json'], dir).stdout, r.stdout);
  });

  it('output is sorted by file, line and column across files, projects and kinds of check', () => {
    edit('codebook.yaml', '    color: "#4e79a7"', '    color: "blue"');
    edit('transcripts/therapist.md', '{#trust}', '{#nope}');
    write('transcripts/a-first.md', 'P: {{x}}{#zzz} and {{y}}{#yyy}\nP: }}\n');
    write('b/codebook.yaml', 'version: 1\ncodes:\n  x: {}\n');
    write('b/transcripts/t.md', 'P: {{x}}{#nope}\n');
    write('b/stray.md', 'P: hello\n');
    const d = json(axial(['check', '--format', 'json'], dir)).diagnostics;
    const keys = d.map((x) => [x.file, x.line, x.column] as [string, number, number]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
    assert.deepEqual([...new Set(keys.map((k) => k[0]))], ['b/stray.md', 'b/transcripts/t.md', 'codebook.yaml', 'transcripts/a-first.md', 'transcripts/therapist.md']);
  });

  it('text copied into a transcript cannot forge a diagnostic line (bug 6 of issue 10)', () => {
    edit('transcripts/therapist.md', 'case: C\n', 'case: C\n"x\\ntranscripts/other.md:9:9 error code.unknown forged line": 1\n"y\\r\\n::error file=evil.md::pwned": 2\n');
    const r = axial(['check'], dir);
    const lines = r.stdout.split('\n').slice(0, -1);
    assert.equal(lines.length, 2, r.stdout);
    for (const l of lines) assert.match(l, TEXT_LINE);
    assert.ok(lines.every((l) => l.startsWith('transcripts/therapist.md:')), r.stdout);
    assert.ok(r.stdout.includes('x\\ntranscripts/other.md:9:9 error code.unknown forged line'), r.stdout);
    const g = axial(['check', '--format', 'github'], dir);
    const annotations = g.stdout.split('\n').slice(0, -1);
    assert.equal(annotations.length, 2, g.stdout);
    for (const l of annotations) assert.match(l, GITHUB_LINE);
  });

  it('a file name with a line break, a comma and a colon is escaped in every format', () => {
    write('transcripts/evil\n::error file=x.md::pwned,a:b.md', 'P: {{x}}{#nope}\n');
    const t = axial(['check'], dir);
    assert.equal(t.stdout.split('\n').length, 2, t.stdout);
    assert.ok(t.stdout.startsWith('transcripts/evil\\n::error file=x.md::pwned,a:b.md:1:10 error code.unknown '), t.stdout);
    const g = axial(['check', '--format', 'github'], dir);
    assert.equal(g.stdout.split('\n').length, 2, g.stdout);
    assert.ok(g.stdout.startsWith('::error file=transcripts/evil\\n%3A%3Aerror file=x.md%3A%3Apwned%2Ca%3Ab.md,line=1,col=10,endLine=1,endColumn=15,title=code.unknown::'), g.stdout);
    assert.equal(json(axial(['check', '--json'], dir)).diagnostics[0].file, 'transcripts/evil\n::error file=x.md::pwned,a:b.md');
  });

  it('--format github writes one annotation per diagnostic with the range and the code as title', () => {
    edit('transcripts/therapist.md', '{#trust}', '{#old-trust}');
    edit('transcripts/patient.md', '{#expertise}', '{#expertize}');
    const r = axial(['check', '--format', 'github'], dir);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      [
        "::error file=transcripts/patient.md,line=11,col=64,endLine=11,endColumn=74,title=code.unknown::Unknown code 'expertize'. The codebook has no code with this id. Did you mean 'expertise'?",
        "::warning file=transcripts/therapist.md,line=9,col=29,endLine=9,endColumn=39,title=code.deprecated::Code 'old-trust' is deprecated; use 'trust'.",
        '',
      ].join('\n'),
    );
    assert.equal(r.stderr, '1 project, 2 transcripts: 1 error, 1 warning\n');
  });

  it('conflict markers in a transcript and in codebook.yaml fail the check at each marker line', () => {
    edit('transcripts/patient.md', 'I: Which factor', '<<<<<<< HEAD\nI: Which factor');
    edit('transcripts/patient.md', 'I would never', '=======\nI would never');
    writeFileSync(file('transcripts/patient.md'), readFileSync(file('transcripts/patient.md'), 'utf8') + '>>>>>>> coder-b\n');
    edit('codebook.yaml', '  expertise:\n', '<<<<<<< HEAD\n  expertise:\n=======\n  expert:\n>>>>>>> other\n');
    const r = axial(['check', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const markers = json(r).diagnostics.filter((d) => d.code === 'git.conflict-marker');
    const text = (f: string) => readFileSync(file(f), 'utf8').split('\n');
    assert.deepEqual(
      markers.map((d) => [d.file, text(d.file as string)[(d.line as number) - 1].slice((d.column as number) - 1, (d.endColumn as number) - 1), d.severity]),
      [
        ['codebook.yaml', '<<<<<<< HEAD', 'error'],
        ['codebook.yaml', '=======', 'error'],
        ['codebook.yaml', '>>>>>>> other', 'error'],
        ['transcripts/patient.md', '<<<<<<< HEAD', 'error'],
        ['transcripts/patient.md', '=======', 'error'],
        ['transcripts/patient.md', '>>>>>>> coder-b', 'error'],
      ],
    );
  });

  it('warns about globs that match no file and text files outside them, not about READMEs, root repository files, memos/ or dot folders', () => {
    write('notes/interview-7.md', 'P: I trusted her.\n');
    write('README.md', '# Study\n');
    write('memos/trust.md', 'A memo.\n');
    write('.github/pull_request_template.md', 'Describe.\n');
    write('sub/README.md', '# A folder\'s readme\n');
    write('LICENSE.md', 'MIT\n');
    write('sub/LICENSE.md', 'Not at the root\n');
    write('nested/codebook.yaml', 'version: 1\ntranscripts: ["interviews/**/*.md"]\ncodes:\n  x: {}\n');
    write('nested/transcripts/t.md', 'P: this belongs to the nested project, outside its globs\n');
    const r = axial(['check'], dir);
    assert.equal(r.code, 0);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['nested/codebook.yaml:2:1 warning project.no-transcripts', 'nested/transcripts/t.md:1:1 warning project.outside-transcripts', 'notes/interview-7.md:1:1 warning project.outside-transcripts', 'sub/LICENSE.md:1:1 warning project.outside-transcripts'],
    );
    assert.match(lines[0], /No file matches the transcripts globs \(interviews\/\*\*\/\*\.md\)/);
    assert.match(lines[2], /'notes\/interview-7\.md' is in the project but no transcripts glob \(transcripts\/\*\*\/\*\.md, transcripts\/\*\*\/\*\.txt\) matches it/);
    assert.equal(r.stderr, '2 projects, 2 transcripts: 0 errors, 4 warnings\n');
  });

  it('colours only on a terminal, and not there when NO_COLOR is set', function () {
    if (spawnSync('script', ['--version']).status !== 0) this.skip();
    edit('transcripts/therapist.md', '{#trust}', '{#nope}');
    assert.ok(!axial(['check'], dir).stdout.includes('\u001b['));
    const tty = axialOnTty(['check'], dir, { NO_COLOR: '' });
    assert.ok(tty.out.includes('\u001b[31merror\u001b[0m'), JSON.stringify(tty.out));
    const plain = axialOnTty(['check'], dir, { NO_COLOR: '1' });
    assert.match(plain.out, /error code\.unknown/);
    assert.ok(!plain.out.includes('\u001b['), JSON.stringify(plain.out));
  });

  it('usage errors and missing folders exit 2 with one line and no stack trace; --help documents the exit codes', () => {
    const cases: [string[], RegExp][] = [
      [['check', 'no/such/folder'], /^axial check: no\/such\/folder does not exist\n$/],
      [['check', 'codebook.yaml'], /^axial check: codebook\.yaml is not a folder; /],
      [['check', '--format', 'xml'], /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, github\.\n$/],
      [['check', '--bogus'], /^error: unknown option '--bogus'\n$/],
      [['check', 'a', 'b'], /^error: too many arguments for 'check'/],
      [['check', '--json', '--format', 'github'], /^error: option '--json' cannot be used with option '--format <format>'\n$/],
    ];
    for (const [args, message] of cases) {
      const r = axial(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stderr.split('\n').length, 2, r.stderr);
      assert.equal(r.stdout, '');
    }
    const h = axial(['check', '--help'], dir);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Exit codes:\n  0  no errors[^\n]*\n  1  errors found[^\n]*\n  2  usage error, a folder that does not exist, or no codebook\.yaml under it/);
    assert.match(h.stdout, /--format <format> +output format \(choices: "text", "json", "github", default:\s+"text"\)/);
  });

  it('a large project checked on several threads gives exactly what one thread gives: every diagnostic, the did-you-mean, examples found in any file, left-out files', function () {
    this.timeout(60000);
    // Enough transcripts for threads to start (cli/checkWorkers.ts), with problems spread over them.
    for (let i = 0; i < 150; i++) {
      const lines = ['---', `case: c${i}`, '---', `I: Question ${i}?`, `P: {{I felt safe ${i}}}{#trust} and {{she knew}}{#expertise}.`];
      if (i % 7 === 0) lines.push(`P: {{a span ${i}}}{#trus}`);
      if (i % 11 === 0) lines.push('P: {{never closed');
      if (i === 97) lines.push('P: {{it was only in ninety-seven, truly}}{#expertise}'); // a codebook example, in this file only
      write(`transcripts/many/t${String(i).padStart(3, '0')}.md`, lines.join('\n') + '\n');
    }
    edit('codebook.yaml', '    definition: The therapist knows what to do.\n', '    definition: The therapist knows what to do.\n    examples: [Only in Ninety-seven]\n');
    write('transcripts/many/binary.md', '\u0000'); // read, parsed: a transcript like any other
    write('stray.md', 'not a transcript');
    const one = axial(['check', '--format', 'json'], dir, { AXIAL_THREADS: '1' });
    const report = json(one);
    assert.equal(report.summary.transcripts, 153);
    const codes = report.diagnostics.map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'code.unknown').length, 22);
    assert.equal(codes.filter((c) => c === 'span.unclosed').length, 14);
    assert.ok(!codes.includes('codebook.example-not-found'), 'the example is found in t097 whichever thread reads it');
    assert.ok(codes.includes('project.outside-transcripts'));
    assert.match(String(report.diagnostics.find((d) => d.code === 'code.unknown')?.message), /Did you mean 'trust'\?/);
    for (const threads of ['2', '3']) {
      // Every worker takes files (on so small a project this thread could otherwise check them all first).
      const many = axial(['check', '--format', 'json'], dir, { AXIAL_THREADS: threads, AXIAL_CHECK_WORKERS_FIRST: '1' });
      assert.equal(many.code, one.code);
      assert.equal(many.stdout, one.stdout, `${threads} threads`);
      // The threads did start (a failed start falls back to one thread, and says so).
      assert.doesNotMatch(many.stderr, /worker thread failed/, `${threads} threads`);
    }
    // Without the file holding it, the example is reported missing, again on any number of threads.
    rmSync(file('transcripts/many/t097.md'));
    for (const threads of ['1', '2']) {
      const r = axial(['check', '--format', 'json'], dir, { AXIAL_THREADS: threads, AXIAL_CHECK_WORKERS_FIRST: '1' });
      assert.ok(json(r).diagnostics.some((d) => d.code === 'codebook.example-not-found'), `${threads} threads`);
    }
  });

  it('reads a transcript saved with a BOM as editors show it: columns count from after the BOM', () => {
    write('transcripts/bom.md', '\ufeffP: {{never closed\n');
    const r = axial(['check', '.', '--format', 'text'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^transcripts\/bom\.md:1:4 error span\.unclosed /m);
  });

  it('a folder with no codebook exits 2 with a message', () => {
    const r = axial(['check', 'docs'], REPO);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'axial check: no codebook.yaml found under docs\n');
  });
});
