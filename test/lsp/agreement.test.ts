import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AgreementRequest, ReportRequest } from '../../common/protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';
import { ScratchRepo } from '../helpers/scratchGit';

/** The bundled `axial` command's answer, run as a process in the project folder. */
function cli(dir: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

interface AgreeJson {
  overall: Record<string, unknown>;
  codes: ({ code: string } & Record<string, unknown>)[];
  disagreements: { file: string; line: number; code: string; coders: { marked: string[]; unmarked: string[] }; quote: string }[];
}

/** A statistic as the CLI's json prints it: the number, or null when undefined. */
const figures = (f: { percent: { value: number | null }; kappa: { value: number | null }; alpha: { value: number | null }; units: number; marked: Record<string, number> }) => ({
  percent: f.percent.value,
  kappa: f.kappa.value,
  alpha: f.alpha.value,
  units: f.units,
  marked: f.marked,
});
const cliFigures = (f: Record<string, unknown>) => ({ percent: f.percent, kappa: f.kappa, alpha: f.alpha, units: f.units, marked: f.marked });

/**
 * `axial/agreement` and `axial/report` through the real bundled server, on a copy
 * of the example project; the expected figures come from the bundled CLI
 * (`axial agree --format json`, `axial report --format html`) on the same files.
 */
describe('language server: agreement and the report', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture(path.join(REPO, 'examples', 'therapeutic-relationship'));
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    cleanup(dir);
  });

  const file = (...p: string[]) => path.join(dir, ...p);

  for (const unit of ['turn', 'line', 'char'] as const) {
    it(`axial/agreement (${unit}) gives the figures and disagreements of axial agree --unit ${unit}`, async () => {
      const expected = JSON.parse(cli(dir, 'agree', '.', '--unit', unit, '--format', 'json')) as AgreeJson;
      const r = await client.request(AgreementRequest.type, { uri: uriOf(dir), unit });
      assert.ok(r?.report, r?.error);
      assert.equal(r.unit, unit);
      assert.deepEqual(r.allCoders, ['CA', 'LN']);
      assert.deepEqual(figures(r.report.overall), cliFigures(expected.overall));
      assert.deepEqual(
        r.report.codes.map((c) => ({ code: c.code, ...figures(c) })),
        expected.codes.map((c) => ({ code: c.code, ...cliFigures(c) })),
      );
      assert.deepEqual(
        r.report.disagreements.map((d) => [d.file, d.line, d.code, d.marked, d.unmarked, d.quote]),
        expected.disagreements.map((d) => [d.file, d.line, d.code, d.coders.marked, d.coders.unmarked, d.quote]),
      );
      assert.ok(r.report.disagreements.length > 0);
    });
  }

  it("a disagreement's range is its quote in the file, and its reveal holds both coders' blocks", async () => {
    const r = (await client.request(AgreementRequest.type, { uri: uriOf(file('codebook.yaml')) }))!;
    const d = r.report!.disagreements.find((x) => x.code === 'willingness-to-collaborate')!;
    assert.equal(d.uri, uriOf(file('transcripts', 'case-c-patient.md')));
    const lines = readFileSync(file('transcripts', 'case-c-patient.md'), 'utf8').split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const slice = (range: { start: { line: number; character: number }; end: { line: number; character: number } }) => lines.join('\n').slice(offset(range.start), offset(range.end));
    assert.equal(d.range.start.line + 1, d.line);
    assert.equal(slice(d.range), 'And when I do that [what the therapist suggests], it actually works.');
    assert.equal(d.quote, slice(d.range));
    // The turn's spans, from the first opener to the last block: the quote and both coders' blocks inside.
    const reveal = slice(d.reveal);
    assert.ok(offset(d.reveal.start) <= offset(d.range.start) && offset(d.range.end) <= offset(d.reveal.end));
    assert.match(reveal, /^\{\{/);
    assert.match(reveal, /\}\}\{[^{}]*\}(\{[^{}]*\})*$/);
    assert.ok(reveal.includes('{{And when I do that [what the therapist suggests], it actually works.}}{#willingness-to-collaborate @CA}{#guiding-the-work @LN'), reveal);
  });

  it('disagreementsPerCode keeps the first of each code and still counts them all', async () => {
    const all = (await client.request(AgreementRequest.type, { uri: uriOf(dir) }))!.report!;
    const one = (await client.request(AgreementRequest.type, { uri: uriOf(dir), disagreementsPerCode: 1 }))!.report!;
    const counts: Record<string, number> = {};
    for (const d of all.disagreements) counts[d.code] = (counts[d.code] ?? 0) + 1;
    assert.deepEqual(all.disagreementCounts, counts);
    assert.deepEqual(one.disagreementCounts, counts);
    assert.ok(Object.values(counts).some((n) => n > 1), 'some code has several disagreements in the example');
    assert.deepEqual(one.disagreements, all.disagreements.filter((d, i) => all.disagreements.findIndex((x) => x.code === d.code) === i));
    assert.deepEqual(one.codes, all.codes);
  });

  it('follows an open document: an edit that makes the coders agree removes the disagreement', async () => {
    const f = file('transcripts', 'case-c-patient.md');
    const text = readFileSync(f, 'utf8');
    const before = (await client.request(AgreementRequest.type, { uri: uriOf(dir) }))!.report!;
    client.open(f, text.replace('{#willingness-to-collaborate @CA}{#guiding-the-work @LN', '{#willingness-to-collaborate @CA}{#guiding-the-work #willingness-to-collaborate @LN'));
    try {
      const after = (await client.request(AgreementRequest.type, { uri: uriOf(f) }))!.report!;
      const code = (r: typeof before) => r.codes.find((c) => c.code === 'willingness-to-collaborate')!;
      assert.equal(code(before).alpha.value, 0);
      assert.equal(code(after).alpha.value, 1);
      assert.equal(after.disagreements.length, before.disagreements.length - 1);
    } finally {
      client.change(f, 2, text);
    }
  });

  it('an undefined alpha is null with its reason, never NaN', async () => {
    // A code (not a category) nobody applied: every unit agrees on 0, so alpha is undefined.
    const cb = readFileSync(file('codebook.yaml'), 'utf8');
    const used = usedCodes(dir);
    const unused = [...cb.matchAll(/^ {2}([a-z][a-z0-9-]*):\s*\n((?: {4}.*\n)*)/gm)].find((m) => !/kind: category/.test(m[2]) && !used.has(m[1]))?.[1];
    assert.ok(unused, 'the codebook has a code nobody applied');
    const r = (await client.request(AgreementRequest.type, { uri: uriOf(dir), codes: [unused] }))!;
    const c = r.report!.codes[0];
    assert.equal(c.code, unused);
    assert.equal(c.alpha.value, null);
    assert.equal(typeof c.alpha.reason, 'string');
    assert.ok(!JSON.stringify(r).includes('NaN'));
  });

  it('answers in words when the comparison cannot be made, and null outside a project', async () => {
    const one = (await client.request(AgreementRequest.type, { uri: uriOf(dir), coders: ['CA'] }))!;
    assert.equal(one.report, undefined);
    assert.match(one.error!, /^One coder only/);
    assert.deepEqual(one.allCoders, ['CA', 'LN']);
    const unknown = (await client.request(AgreementRequest.type, { uri: uriOf(dir), codes: ['no-such-code'] }))!;
    assert.match(unknown.error!, /^Unknown code 'no-such-code'/);
    const nobody = (await client.request(AgreementRequest.type, { uri: uriOf(dir), coders: ['CA', 'ZZ'] }))!;
    assert.match(nobody.error!, /^No transcript was coded by all of CA, ZZ/);
    assert.equal(await client.request(AgreementRequest.type, { uri: uriOf(path.join(REPO, 'package.json')) }), null);
  });

  it('axial/report answers the page axial report --format html writes', async () => {
    const expected = cli(dir, 'report', '.', '--format', 'html');
    const r = (await client.request(ReportRequest.type, { uri: uriOf(dir) }))!;
    assert.equal(r.html, expected);
    assert.equal(r.root, uriOf(dir));
    assert.deepEqual(r.skipped, []);
    assert.match(r.html, /<h3>Willingness to collaborate <span class="id">willingness-to-collaborate<\/span><\/h3>/i);
    const ln = (await client.request(ReportRequest.type, { uri: uriOf(dir), coders: ['LN'] }))!;
    assert.equal(ln.html, cli(dir, 'report', '.', '--format', 'html', '--coder', 'LN'));
    assert.equal(await client.request(ReportRequest.type, { uri: uriOf(path.join(REPO, 'package.json')) }), null);
  });
});

/** Every code id tagged anywhere in the project's transcripts. */
function usedCodes(dir: string): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(path.join(dir, 'transcripts')).filter((n) => n.endsWith('.md'))) {
    for (const m of readFileSync(path.join(dir, 'transcripts', f), 'utf8').matchAll(/#([a-z][a-z0-9-]*)/g)) out.add(m[1]);
  }
  return out;
}

/**
 * `axial/agreement` with two revisions (real git in a scratch repository): each
 * branch is one coder, as `axial agree <rev-a> <rev-b>`; a disagreement opens in
 * the working tree's file, exactly at its span when that file has the text
 * compared, else where the span stands at the first revision, marked so.
 */
describe('language server: agreement of two revisions (real git)', function () {
  let repo: ScratchRepo;
  let client: LspClient;
  const CODEBOOK = 'version: 1\ntitle: Blind coding\ncodes:\n  trust: {}\n  listening: {}\n';
  const A = (coded: boolean) => `---\ncase: A\n---\nI: How was it?\nP: ${coded ? '{{I trust her.}}{#trust}' : 'I trust her.'} We talked.\nP: ${coded ? '{{She listened to me.}}{#listening}' : 'She listened to me.'}\n`;
  // Both coders code the second turn alike; only coder-a codes the first.
  const B = (coded: boolean, words = 'It was fine.') => `---\ncase: B\n---\nP: ${coded ? `{{${words}}}{#trust}` : words}\nP: {{We met weekly.}}{#listening}\n`;

  before(async () => {
    repo = new ScratchRepo();
    repo.write('study/codebook.yaml', CODEBOOK);
    repo.write('study/transcripts/a.md', A(false));
    repo.write('study/transcripts/b.md', 'P: It was fine.\nP: We met weekly.\n');
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'coder-b');
    repo.write('study/transcripts/a.md', A(false).replace('I trust her.', '{{I trust her.}}{#trust}'));
    repo.write('study/transcripts/b.md', B(false));
    repo.commitAll('coder b');
    repo.git('checkout', '-q', '-b', 'coder-a', 'main');
    repo.write('study/transcripts/a.md', A(true));
    repo.write('study/transcripts/b.md', B(true));
    repo.commitAll('coder a');
    // The working tree: coder-a checked out, b.md's words since changed (not the text compared).
    repo.write('study/transcripts/b.md', B(true, 'It was good.'));
    client = new LspClient(repo.dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    repo.cleanup();
  });

  const study = (...p: string[]) => path.join(repo.dir, 'study', ...p);

  it('gives the figures and disagreements of axial agree <rev-a> <rev-b>, the revisions as the coders', async () => {
    const cliRun = repo.axial('agree', 'coder-a', 'coder-b', 'study', '--format', 'json');
    assert.equal(cliRun.code, 0, cliRun.stderr);
    const expected = JSON.parse(cliRun.stdout) as AgreeJson & { coders: string[] };
    const r = await client.request(AgreementRequest.type, { uri: uriOf(study('transcripts', 'a.md')), revisions: ['coder-a', 'coder-b'] });
    assert.ok(r?.report, r?.error);
    assert.deepEqual(r.revisions, ['coder-a', 'coder-b']);
    assert.deepEqual(r.report.coders, ['coder-a', 'coder-b']);
    assert.deepEqual(expected.coders, ['coder-a', 'coder-b']);
    assert.deepEqual(figures(r.report.overall), cliFigures(expected.overall));
    assert.deepEqual(
      r.report.codes.map((c) => ({ code: c.code, ...figures(c) })),
      expected.codes.map((c) => ({ code: c.code, ...cliFigures(c) })),
    );
    // The CLI ran from the repository's top, the server names files in the project folder.
    assert.deepEqual(
      r.report.disagreements.map((d) => [d.file, d.line, d.code, d.marked, d.unmarked, d.quote]),
      expected.disagreements.map((d) => [path.relative('study', d.file).split(path.sep).join('/'), d.line, d.code, d.coders.marked, d.coders.unmarked, d.quote]),
    );
    assert.deepEqual(r.report.disagreements.map((d) => [d.file, d.code]), [['transcripts/b.md', 'trust'], ['transcripts/a.md', 'listening']]);
  });

  it("a disagreement opens in the working tree's file: at its span when that file has the text compared, else at the revision's place, marked", async () => {
    const r = (await client.request(AgreementRequest.type, { uri: uriOf(study()), revisions: ['coder-a', 'coder-b'] }))!;
    const [inB, inA] = r.report!.disagreements;
    assert.equal(inA.uri, uriOf(study('transcripts', 'a.md')));
    assert.equal(inA.atRevision, undefined, 'a.md in the working tree is the text compared');
    const lines = readFileSync(study('transcripts', 'a.md'), 'utf8').split('\n');
    assert.equal(inA.range.start.line, inA.line - 1);
    assert.equal(lines[inA.range.start.line].slice(inA.range.start.character, inA.range.end.character), 'She listened to me.');
    assert.equal(inB.uri, uriOf(study('transcripts', 'b.md')));
    assert.equal(inB.atRevision, 'coder-a', "b.md's words changed in the working tree");
    assert.equal(inB.quote, 'It was fine.');
  });

  it('an open document the editor changed back to the compared text is placed exactly again', async () => {
    const b = study('transcripts', 'b.md');
    client.open(b, B(true));
    // Asked again until the server has the open document (requests follow its didOpen; this only guards a slow start).
    const deadline = Date.now() + 10_000;
    let d;
    do {
      const r = (await client.request(AgreementRequest.type, { uri: uriOf(b), revisions: ['coder-a', 'coder-b'] }))!;
      d = r.report!.disagreements.find((x) => x.file === 'transcripts/b.md')!;
    } while (d.atRevision !== undefined && Date.now() < deadline);
    assert.equal(d.atRevision, undefined);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [3, 5, 5 + 'It was fine.'.length]);
  });

  it('answers problems in words: an unknown revision, one revision twice', async () => {
    const unknown = (await client.request(AgreementRequest.type, { uri: uriOf(study()), revisions: ['coder-a', 'no-such-branch'] }))!;
    assert.equal(unknown.report, undefined);
    assert.match(unknown.error!, /no-such-branch/);
    const same = (await client.request(AgreementRequest.type, { uri: uriOf(study()), revisions: ['coder-a', 'coder-a'] }))!;
    assert.match(same.error!, /two different revisions/);
  });
});
