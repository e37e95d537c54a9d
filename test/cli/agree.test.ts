import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScratchRepo } from '../helpers/scratchGit';
import { cleanup, REPO } from '../lsp/harness';

/** The bundled `axial` command (dist/cli.js) run as a process, as CI would. */
function axial(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CODEBOOK = `version: 1
coders:
  A: Ana
  B: Bea
  C: Cy
codes:
  trust:
    kind: category
  early-trust:
    parent: trust
  late-trust:
    parent: trust
  burden: {}
`;

/** A scratch project with the given transcripts (name → text). */
function project(transcripts: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-agree-'));
  writeFileSync(path.join(dir, 'codebook.yaml'), CODEBOOK);
  mkdirSync(path.join(dir, 'transcripts'));
  for (const [name, text] of Object.entries(transcripts)) writeFileSync(path.join(dir, 'transcripts', name), text);
  return dir;
}

/** Two coders on one interview: they agree on burden, differ on which trust. */
const TWO_CODERS = {
  'one.md': [
    'I: How did it start?',
    'P: {{I felt a burden}}{#burden @A}{#burden @B}.',
    'I: And her?',
    'P: {{I trusted her from the start}}{#early-trust @A}{#late-trust @B}.',
    'I: Anything else?',
    'P: No.',
    '',
  ].join('\n'),
};

describe('axial agree', () => {
  it('two coders: a table of codes with units, marks, percent, kappa and alpha, then the disagreements with file:line', () => {
    const dir = project(TWO_CODERS);
    try {
      const r = axial(['agree'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Agreement of A, B on 1 transcript \(unit: turn\)/);
      assert.match(r.stdout, /^burden\s+6\s+1\s+1\s+100\.0%\s+1\.000\s+1\.000$/m);
      assert.match(r.stdout, /^early-trust\s+6\s+1\s+0\s+83\.3%\s+0\.000\s+/m);
      assert.match(r.stdout, /^overall\s+18\s+2\s+2\s+88\.9%\s+0\.437\s+0\.453$/m);
      assert.match(r.stdout, /transcripts\/one\.md:4 {2}A marked it, B did not \(B: late-trust\) {2}"I trusted her from the start"/);
      assert.ok(!r.stdout.includes('\x1b['), 'no colour when stdout is not a terminal');
      assert.ok(!r.stdout.includes('NaN'));
    } finally {
      cleanup(dir);
    }
  });

  it('--format json is one line when piped (what scripts read), indented with --pretty, the same value either way', () => {
    const dir = project(TWO_CODERS);
    try {
      const piped = axial(['agree', '.', '--format', 'json'], dir);
      assert.equal(piped.code, 0, piped.stderr);
      assert.match(piped.stdout, /^\{"unit":"turn",.*\}\n$/);
      assert.equal(piped.stdout.split('\n').length, 2);
      const pretty = axial(['agree', '.', '--format', 'json', '--pretty'], dir);
      assert.equal(pretty.code, 0, pretty.stderr);
      assert.match(pretty.stdout, /^\{\n {2}"unit": "turn",\n/);
      assert.deepEqual(JSON.parse(pretty.stdout), JSON.parse(piped.stdout));
      assert.ok(JSON.parse(piped.stdout).disagreements.length > 0);
    } finally {
      cleanup(dir);
    }
  });

  it('--format json: overall, codes and disagreements in the documented shape, percent as a fraction', () => {
    const dir = project(TWO_CODERS);
    try {
      const r = axial(['agree', '.', '--format', 'json', '--code', 'trust', '--code', 'early-trust'], dir);
      assert.equal(r.code, 0, r.stderr);
      const j = JSON.parse(r.stdout);
      for (const k of ['percent', 'kappa', 'alpha', 'units']) assert.ok(k in j.overall, k);
      assert.deepEqual(
        j.codes.map((c: { code: string; percent: number; units: number }) => [c.code, c.percent, c.units]),
        [
          ['trust', 1, 6],
          ['early-trust', 5 / 6, 6],
        ],
      );
      assert.equal(j.overall.units, 12);
      assert.equal(j.overall.percent, 11 / 12);
      // Both coders marked the category on the same turn only: alpha 1.
      assert.equal(j.codes[0].alpha, 1);
      assert.deepEqual(j.disagreements, [
        {
          file: path.join('transcripts', 'one.md'),
          line: 4,
          code: 'early-trust',
          coders: { marked: ['A'], unmarked: ['B'] },
          codes: { A: ['trust', 'early-trust'], B: ['trust'] },
          quote: 'I trusted her from the start',
          units: 1,
        },
      ]);
    } finally {
      cleanup(dir);
    }
  });

  it('an undefined alpha is null with a reason in JSON and a dash with a note in the table', () => {
    const dir = project({ 'x.md': 'P: {{all}}{#burden @A}{#burden @B}\n' });
    try {
      const r = axial(['agree', '--code', 'burden'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^burden\s+1\s+1\s+1\s+100\.0%\s+—¹\s+—²$/m);
      assert.match(r.stdout, /^¹ undefined: both coders gave every unit the same value: chance agreement is 1$/m);
      assert.match(r.stdout, /^² undefined: every unit has the same value: the expected disagreement is 0$/m);
      const j = JSON.parse(axial(['agree', '--code', 'burden', '--format', 'json'], dir).stdout);
      assert.equal(j.overall.alpha, null);
      assert.match(j.overall.reasons.alpha, /same value/);
      assert.ok(!r.stdout.includes('NaN'));
      // An undefined alpha never passes --min.
      const min = axial(['agree', '--min', '0.5'], dir);
      assert.equal(min.code, 1);
      assert.match(min.stderr, /overall: alpha is undefined \(every unit has the same value/);
    } finally {
      cleanup(dir);
    }
  });

  it('one coder only: a clear message and exit 2', () => {
    const dir = project({ 'solo.md': 'P: {{alone}}{#burden @A}\n' });
    try {
      const r = axial(['agree'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim(), 'axial agree: one coder only: only A coded in this project; agreement needs two coders in the same files (blocks with different @coder)');
    } finally {
      cleanup(dir);
    }
  });

  it('--min exits 1 when the overall alpha is below it, 0 when above; --min-per-code names the code', () => {
    const dir = project(TWO_CODERS);
    try {
      const low = axial(['agree', '--min', '0.9'], dir);
      assert.equal(low.code, 1);
      assert.match(low.stderr, /axial agree: overall: alpha 0\.\d{3} is below 0\.9/);
      assert.equal(axial(['agree', '--min', '0.1'], dir).code, 0);
      const perCode = axial(['agree', '--min-per-code', '0.5'], dir);
      assert.equal(perCode.code, 1);
      assert.match(perCode.stderr, /early-trust: alpha /);
      assert.doesNotMatch(perCode.stderr, /burden/);
    } finally {
      cleanup(dir);
    }
  });

  it('a transcript with errors is skipped and named; the rest is compared', () => {
    const dir = project({ ...TWO_CODERS, 'broken.md': 'P: {{never closed #burden @A\nP: {{x}}{#burden @B}\n' });
    try {
      const r = axial(['agree', '--format', 'json'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^axial agree: skipped transcripts\/broken\.md: 1 error \(line 1: /m);
      const j = JSON.parse(r.stdout);
      assert.deepEqual(j.files, [path.join('transcripts', 'one.md')]);
      assert.equal(j.skipped[0].file, path.join('transcripts', 'broken.md'));
    } finally {
      cleanup(dir);
    }
  });

  it('usage errors exit 2 with one line: missing folder, bad unit, unknown code, bad --min, nothing compared', () => {
    const dir = project(TWO_CODERS);
    try {
      const cases: [string[], RegExp][] = [
        [['agree', 'no-such-folder'], /^axial agree: no such folder: no-such-folder$/],
        [['agree', 'codebook.yaml'], /^axial agree: not a folder: codebook\.yaml$/],
        [['agree', '--unit', 'word'], /^axial agree: --unit must be one of turn, line, char, not 'word'$/],
        [['agree', '--code', 'nope'], /^axial agree: unknown code 'nope'/],
        [['agree', '--min', 'high'], /^axial agree: --min must be a number/],
        [['agree', '--format', 'html'], /^axial agree: --format must be text, md or json/],
        [['agree', '--coders', 'A,C'], /^axial agree: no transcript was coded by all of A, C/],
        [['agree', '--coders', 'A'], /^axial agree: one coder only: --coders needs at least two coders/],
      ];
      for (const [args, re] of cases) {
        const r = axial(args, dir);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr.trim(), re);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      }
    } finally {
      cleanup(dir);
    }
  });

  it('--format md: a Markdown table and the disagreements as a list', () => {
    const dir = project(TWO_CODERS);
    try {
      const r = axial(['agree', '--format', 'md'], dir);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^\| code \| units \| A \| B \| percent \| kappa \| alpha \|$/m);
      assert.match(r.stdout, /^\| `burden` \| 6 \| 1 \| 1 \| 100\.0% \| 1\.000 \| 1\.000 \|$/m);
      assert.match(r.stdout, /^- `early-trust` — `transcripts\/one\.md:4` — A marked it, B did not \(B: `late-trust`\): “I trusted her from the start”$/m);
    } finally {
      cleanup(dir);
    }
  });

  it('the example project: case C coded by CA and LN, the disagreement at line 27 listed', () => {
    const r = axial(['agree', 'examples/therapeutic-relationship', '--format', 'json'], REPO);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.coders, ['CA', 'LN']);
    assert.ok(j.files.some((f: string) => f.endsWith('case-c-patient.md')));
    const at27 = j.disagreements.filter((d: { line: number; file: string }) => d.line === 27 && d.file.endsWith('case-c-patient.md'));
    assert.deepEqual(at27.map((d: { code: string }) => d.code).sort(), ['guiding-the-work', 'willingness-to-collaborate']);
    assert.ok(j.overall.alpha > 0 && j.overall.alpha < 1);
  });

  describe('two revisions, one coder each', () => {
    const BASE = 'I: Hello.\nP: One.\nP: Two.\n';

    /** A repository with the project at main and two branches, each coded blind by one coder. */
    function repository(ana: string, bea: string, extra: Record<string, [string, string]> = {}): ScratchRepo {
      const repo = new ScratchRepo();
      repo.write('study/codebook.yaml', CODEBOOK);
      repo.write('study/transcripts/t.md', BASE);
      for (const name of Object.keys(extra)) repo.write(`study/transcripts/${name}`, BASE);
      repo.commitAll('base');
      for (const [branch, text, i] of [['ana', ana, 0], ['bea', bea, 1]] as const) {
        repo.git('checkout', '-qb', branch, 'main');
        repo.write('study/transcripts/t.md', text);
        for (const [name, texts] of Object.entries(extra)) repo.write(`study/transcripts/${name}`, texts[i]);
        repo.commitAll(branch);
      }
      return repo;
    }

    it('each revision is one coder, named after it, whatever @coder its blocks carry', () => {
      const repo = repository('I: Hello.\nP: {{One}}{#burden @A}.\nP: {{Two}}{#early-trust}.\n', 'I: Hello.\nP: {{One}}{#burden @B}.\nP: Two.\n');
      try {
        const r = axial(['agree', 'ana', 'bea', 'study', '--format', 'json'], repo.dir);
        assert.equal(r.code, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        assert.deepEqual(j.coders, ['ana', 'bea']);
        assert.deepEqual(j.files, [path.join('study', 'transcripts', 't.md')]);
        assert.deepEqual(j.codes.map((c: { code: string; percent: number }) => [c.code, c.percent]), [['early-trust', 2 / 3], ['burden', 1]]);
        assert.deepEqual(j.disagreements.map((d: { line: number; code: string; coders: unknown }) => [d.line, d.code, d.coders]), [
          [3, 'early-trust', { marked: ['ana'], unmarked: ['bea'] }],
        ]);
        // From inside the project folder, the folder defaults to '.'.
        assert.equal(axial(['agree', 'ana', 'bea'], path.join(repo.dir, 'study')).code, 0);
      } finally {
        repo.cleanup();
      }
    });

    it('a transcript whose text differs between the revisions is skipped and named', () => {
      const repo = repository('P: {{x}}{#burden}\n', 'P: {{x}}{#burden}\n', { 'edited.md': ['I: Hello.\nP: {{One}}{#burden}.\n', 'I: Hello there.\nP: {{One}}{#burden}.\n'] });
      try {
        const r = axial(['agree', 'ana', 'bea', 'study'], repo.dir);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /axial agree: skipped study\/transcripts\/edited\.md: the transcript's text differs between ana and bea/);
      } finally {
        repo.cleanup();
      }
    });

    it('revisions without the project, unknown revisions and --coders with revisions: exit 2 with one line', () => {
      const repo = repository('P: {{x}}{#burden}\n', 'P: {{x}}{#burden}\n');
      try {
        const cases: [string[], RegExp][] = [
          [['agree', 'ana', 'nope', 'study'], /^axial agree: unknown revision 'nope'$/],
          [['agree', 'ana', 'bea', 'study/transcripts'], /^axial agree: no codebook\.yaml under study\/transcripts at ana/],
          [['agree', 'ana', 'bea', 'study', '--coders', 'A,B'], /^axial agree: --coders does not apply to revisions/],
          [['agree', 'ana', 'ana', 'study'], /^axial agree: give two different revisions/],
        ];
        for (const [args, re] of cases) {
          const r = axial(args, repo.dir);
          assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
          assert.match(r.stderr.trim(), re);
        }
        const outside = mkdtempSync(path.join(os.tmpdir(), 'axial-agree-nogit-'));
        try {
          const r = axial(['agree', 'a', 'b'], outside);
          assert.equal(r.code, 2);
          assert.match(r.stderr.trim(), /^axial agree: not a git repository/);
        } finally {
          cleanup(outside);
        }
      } finally {
        repo.cleanup();
      }
    });
  });
});
