/**
 * Round trips through REFI-QDA with the bundled CLI: export → import gives the
 * same codebook and the same transcripts (byte for byte where the markup is
 * already in the canonical form the shared rendering function writes; else the
 * same codings, rendered canonically); import → export → import gives identical
 * files. On the example project, on a generated project with crossing spans,
 * several coders, astral characters, CRLF and groups, and on a project written
 * the way another tool writes it. Every export is validated with xmllint.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseCodebook } from '../../core/codebook/parse';
import { extractCodings } from '../../core/codings/extract';
import { renderCodings } from '../../core/codings/render';
import { parseTranscript } from '../../core/transcript/parse';
import { cleanup, REPO } from '../lsp/harness';
import { projectXml } from '../unit/refi/refiFixture';
import { validateProject } from '../unit/refi/xml';

const CLI = path.join(REPO, 'dist', 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder by relative path, with its text. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What a codebook says, field by field (comments and layout aside). */
function codebookView(text: string) {
  const cb = parseCodebook(text);
  return {
    diagnostics: cb.diagnostics.map((d) => d.message),
    title: cb.title,
    coders: [...(cb.coders?.values() ?? [])].map((c) => [c.id, c.name]),
    codes: [...cb.codes.values()].map((c) => ({ id: c.id, kind: c.kind, parent: c.parent?.value, name: c.name, definition: c.definition, include: c.include, exclude: c.exclude, examples: c.examples.map((e) => e.value), aliases: c.aliases, color: c.color, status: c.status, replacedBy: c.replacedBy?.value, memo: c.memo, guid: c.guid })),
    groups: [...cb.groups.values()].map((g) => [g.id, g.name, g.description, g.codes.map((c) => c.value)]),
  };
}

/** Splits a transcript into its front matter (parsed) and its body. */
function parts(text: string): { front: Record<string, unknown>; body: string } {
  const t = parseTranscript(text);
  const fm = t.frontMatter ?? {};
  const front: Record<string, unknown> = {};
  for (const k of ['case', 'participant', 'title', 'date', 'language', 'coder', 'speakers', 'attributes'] as const) if ((fm as Record<string, unknown>)[k] !== undefined) front[k] = (fm as Record<string, unknown>)[k];
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return { front, body: m ? text.slice(m[0].length) : text };
}

/** Exports `project` to a .qdpx (validated with xmllint) and imports it into a new folder; returns that folder. */
function exportImport(work: string, project: string, name: string): string {
  const qdpx = path.join(work, `${name}.qdpx`);
  const e = axial(['export', project, '--qdpx', qdpx], work);
  assert.equal(e.code, 0, e.stderr);
  const v = validateProject(strFromU8(unzipSync(readFileSync(qdpx))['project.qde']));
  assert.ok(v.ok, v.output);
  const out = path.join(work, name);
  const i = axial(['import', qdpx, out], work);
  assert.equal(i.code, 0, i.stderr);
  return out;
}

/** A generated project in the form import writes: crossing and nested spans, three coders, memos, emoji, a CRLF transcript, groups. */
function generated(dir: string): { crlf: string } {
  mkdirSync(path.join(dir, 'transcripts', 'site-1'), { recursive: true });
  mkdirSync(path.join(dir, 'memos'), { recursive: true });
  writeFileSync(
    path.join(dir, 'codebook.yaml'),
    [
      'version: 1',
      'title: Generated study',
      'coders:',
      '  CA: Carolina Altimir',
      '  LN: Lucía Núñez',
      '  JP: J. P.',
      'codes:',
      '  feelings:',
      '    kind: category',
      '    name: Feelings 😀',
      '    definition: How it felt.',
      '    memo: A category memo.',
      '  joy:',
      '    parent: feelings',
      '    name: Joy and gladness',
      '    definition: Gladness.',
      '    include:',
      '      - laughing',
      '    exclude:',
      '      - relief',
      '    examples:',
      '      - so happy',
      '    aliases:',
      '      - happiness',
      '    color: "#ffcc00"',
      '    guid: 0f8fad5b-d9cb-469f-a165-70867728950e',
      '  fear:',
      '    parent: feelings',
      '  trust:',
      '    name: Trust (relational)',
      '  trust.old:',
      '    status: deprecated',
      '    replaced_by: trust',
      'groups:',
      '  early:',
      '    name: Early moments',
      '    description: Where it starts.',
      '    codes:',
      '      - joy',
      '      - trust',
      '',
    ].join('\n'),
  );
  const line = (i: number) => `P: line ${i} with 😀 emoji, e\u0301 accents and {braces} \\ here.`;
  const stripped = Array.from({ length: 12 }, (_, i) => line(i)).join('\n') + '\n';
  const at = (i: number) => stripped.indexOf(`line ${i}`);
  const codings = [
    { start: at(0), end: at(2), coder: 'CA', code: 'joy' },
    { start: at(1), end: at(3), coder: 'CA', code: 'fear' }, // crosses the first
    { start: at(1), end: at(1) + 6, coder: 'LN', code: 'trust' }, // nested, another coder
    { start: at(1), end: at(1) + 6, coder: 'JP', code: 'trust' }, // same range, a third coder
    { start: at(5), end: at(5) + 20, coder: 'CA', code: 'joy' },
    { start: at(5), end: at(5) + 20, coder: 'CA', code: 'trust' },
    { start: at(7) + 7, end: at(7) + 9, coder: 'CA', code: 'fear' }, // just the emoji
    { start: at(9), end: at(11), coder: 'LN', code: 'trust' },
  ];
  const memos = [{ start: at(5), end: at(5) + 20, coder: 'CA', memo: 'A "memo" with \\ and quotes' }];
  const body = renderCodings({ stripped, codings, memos }, { defaultCoder: 'CA' });
  const front = '---\ncase: A\nparticipant: patient\ncoder: CA\nattributes:\n  age: 30\n  weight: 70.5\n  consent: true\n  site: north\n---\n';
  writeFileSync(path.join(dir, 'transcripts', 'site-1', 'a.md'), front + body);
  const crlf = '---\ncase: B\ncoder: LN\n---\r\nI: Hi 🙂\r\nP: {{Fine, {{thanks}}{#joy @CA}}}{#trust}\r\n';
  writeFileSync(path.join(dir, 'transcripts', 'b-crlf.md'), crlf);
  writeFileSync(path.join(dir, 'transcripts', 'c.md'), '---\ncoder: JP\n---\nNo case here {{at all}}{#fear}.\n');
  writeFileSync(path.join(dir, 'memos', 'about-joy.md'), '---\ncodes:\n  - joy\ntranscripts:\n  - transcripts/c.md\n---\n\n# Joy\n\nNotes on joy.\n');
  return { crlf };
}

describe('REFI-QDA round trips', function () {
  this.timeout(120000);
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'axial-roundtrip-'));
  });
  afterEach(() => cleanup(work));

  it('the example project: export → import gives the same codebook, codings, case and attributes; bodies are the canonical rendering', () => {
    const out = exportImport(work, EXAMPLE, 'example');
    assert.deepEqual(codebookView(readFileSync(path.join(out, 'codebook.yaml'), 'utf8')), codebookView(readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8')));
    const before = filesOf(path.join(EXAMPLE, 'transcripts'));
    const after = filesOf(path.join(out, 'transcripts'));
    assert.deepEqual([...after.keys()], [...before.keys()]);
    let identical = 0;
    for (const [p, text] of before) {
      const a = parseTranscript(text);
      const b = parseTranscript(after.get(p)!);
      assert.equal(b.stripped.text, a.stripped.text, p);
      assert.deepEqual(extractCodings(b), extractCodings(a), p);
      const { front, body } = parts(text);
      const got = parts(after.get(p)!);
      assert.deepEqual(got.front, front, p);
      const canonical = renderCodings(extractCodings(a), { defaultCoder: String(front.coder ?? '') || undefined });
      assert.equal(got.body, canonical, p);
      if (got.body === body) identical++;
    }
    assert.ok(identical >= 3, `${identical} of 7 example transcripts are written canonically and come back byte-identical`);
    for (const m of ['memos/trust-grows.md', 'memos/asymmetry-makes-symmetry-possible.md']) {
      const strip = (s: string) => s.replace(/^---\n[\s\S]*?\n---\n+/, '');
      assert.equal(strip(readFileSync(path.join(out, m), 'utf8')), strip(readFileSync(path.join(EXAMPLE, m), 'utf8')), m);
    }
  });

  it('a generated project (crossing spans, coders, emoji, CRLF, groups): export → import gives byte-identical transcripts and the same codebook', () => {
    const src = path.join(work, 'src');
    const { crlf } = generated(src);
    const out = exportImport(work, src, 'gen');
    assert.deepEqual(codebookView(readFileSync(path.join(out, 'codebook.yaml'), 'utf8')), codebookView(readFileSync(path.join(src, 'codebook.yaml'), 'utf8')));
    assert.equal(readFileSync(path.join(out, 'transcripts/site-1/a.md'), 'utf8'), readFileSync(path.join(src, 'transcripts/site-1/a.md'), 'utf8'));
    assert.equal(readFileSync(path.join(out, 'transcripts/c.md'), 'utf8'), readFileSync(path.join(src, 'transcripts/c.md'), 'utf8'));
    // REFI-QDA text has LF line ends: a CRLF transcript comes back with LF, and otherwise the same.
    assert.equal(readFileSync(path.join(out, 'transcripts/b-crlf.md'), 'utf8'), crlf.replace(/\r\n/g, '\n'));
    assert.equal(readFileSync(path.join(out, 'memos/about-joy.md'), 'utf8'), readFileSync(path.join(src, 'memos/about-joy.md'), 'utf8'));
    assert.equal(axial(['check', out], work).code, 0);
  });

  for (const which of ['example', 'generated', 'foreign'] as const) {
    it(`import → export → import gives identical files (${which})`, () => {
      let first: string;
      if (which === 'foreign') {
        // Written as another tool writes it: UTF-16 positions over CRLF text with emoji, users, sets, cases.
        const raw = 'I: How was it? 😀\r\nP: We trusted her 🙂 a lot.\r\n';
        const u = (s: string) => raw.indexOf(s);
        const xml = projectXml({
          users: [{ name: 'Ana Bell' }, { name: 'Carl Dunn' }],
          codes: [{ name: 'Trust', description: 'Relying on someone.', children: [{ name: 'Deep trust' }] }, { name: 'Mood', codable: false, children: [{ name: 'Joy' }] }],
          variables: [{ name: 'age', type: 'Integer' }],
          cases: [{ name: 'Case 1', sources: ['Interview 1'], values: { age: '40' } }],
          sources: [{ name: 'Interview 1', plainTextPath: 'internal://i1.txt', selections: [{ start: u('We'), end: u(' a lot'), user: 'Ana Bell', codings: [{ code: 'Trust' }] }, { start: u('trusted'), end: u('trusted') + 7, user: 'Carl Dunn', codings: [{ code: 'Deep trust', user: 'Carl Dunn' }] }, { start: u('How'), end: u('?') + 4, user: 'Ana Bell', codings: [{ code: 'Joy' }] }] }],
          sets: [{ name: 'Core', codes: ['Trust', 'Joy'] }],
        });
        writeFileSync(path.join(work, 'foreign.qdpx'), zipSync({ 'project.qde': strToU8(xml), 'Sources/i1.txt': strToU8(raw) }));
        first = path.join(work, 'first');
        const r = axial(['import', path.join(work, 'foreign.qdpx'), first], work);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Interview 1: positions read as UTF-16 code units/);
      } else {
        const src = which === 'example' ? EXAMPLE : path.join(work, 'src');
        if (which === 'generated') generated(src);
        first = exportImport(work, src, 'first');
      }
      const second = exportImport(work, first, 'second');
      assert.deepEqual(filesOf(second), filesOf(first));
    });
  }
});
