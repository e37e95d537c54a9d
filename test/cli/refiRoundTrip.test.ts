/**
 * Round trips through REFI-QDA with the bundled CLI: export → import gives the
 * same codebook.yaml and the same transcripts, byte for byte (markup, front
 * matter and line ends as written, kept in the `Axial` note); a project recoded
 * in another tool (a selection removed or moved, a word edited, a code renamed)
 * comes back in the canonical rendering of what the REFI-QDA file says, with its
 * words; import → export → import gives identical files. On the example
 * project, on a generated project with crossing spans, several coders, astral
 * characters, CRLF and groups, on transcripts with a BOM and memos written by
 * hand, and on a project written the way another tool writes it. Every export
 * is validated with xmllint.
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

/** Like exportImport, with the import's output. */
function exportImportReport(work: string, project: string, name: string): { out: string; stdout: string } {
  const qdpx = path.join(work, `${name}.qdpx`);
  const e = axial(['export', project, '--qdpx', qdpx], work);
  assert.equal(e.code, 0, e.stderr);
  const v = validateProject(strFromU8(unzipSync(readFileSync(qdpx))['project.qde']));
  assert.ok(v.ok, v.output);
  const out = path.join(work, name);
  const i = axial(['import', qdpx, out], work);
  assert.equal(i.code, 0, i.stderr);
  return { out, stdout: i.stdout };
}

/** A generated project: a.md and c.md in the form import writes, the others hand-written: crossing and nested spans, three coders, memos, emoji, a CRLF transcript, groups. */
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
  // Written by hand: labels of our own, blocks and codes out of order, the default coder named, escapes, spaces, CRLF and LF mixed, a lone CR.
  writeFileSync(
    path.join(dir, 'transcripts', 'd-mixed.md'),
    '---\r\ncase: "D"\r\ncoder: CA\r\ndate: "2021-02-03"\r\n---\r\nI: How was it? 😀\nP: {{ We trusted {{her}}{#trust @LN}{#fear @CA} }}{#trust #joy @CA "a \\"memo\\""}{#joy @JP} a \\{lot\\}.\r\nP: e\u0301 {{𝄞 music}}{#joy}\rend\n',
  );
  writeFileSync(
    path.join(dir, 'transcripts', 'e-labels.md'),
    'P: {{^pills The pills made me dizzy, {{^dose so I skipped the dose}}{^pills #fear}{#joy @LN}\nand never told anyone.}}{#trust @JP}{^dose #trust}\n',
  );
  // No markup at all, but lone braces the renderer would escape and front matter written otherwise than the import writes it.
  writeFileSync(path.join(dir, 'transcripts', 'f-brace.md'), "---\ncase: 'F'\n---\nA lone { brace and } here, no codes.\n");
  writeFileSync(path.join(dir, 'memos', 'about-joy.md'), '---\ncodes:\n  - joy\ntranscripts:\n  - transcripts/c.md\n---\n\n# Joy\n\nNotes on joy.\n');
  return { crlf };
}

/** A project whose files (codebook.yaml too) start with a BOM or have memo front matter written by hand (flow lists, comments, key order, CRLF, no final line end). */
function handWritten(dir: string): void {
  mkdirSync(path.join(dir, 'transcripts'), { recursive: true });
  mkdirSync(path.join(dir, 'memos'), { recursive: true });
  writeFileSync(path.join(dir, 'codebook.yaml'), '\uFEFFversion: 1\ntitle: Hand study\ncodes:\n  trust:\n    definition: Relying on someone.\n  joy:\n    definition: Gladness.\n');
  const bom = '\uFEFF';
  // With front matter, without, and one whose body is just what the import renders.
  writeFileSync(path.join(dir, 'transcripts', 'bom-front.md'), `${bom}---\ncase: A\n---\nP: We {{trusted her}}{#trust}.\n`);
  writeFileSync(path.join(dir, 'transcripts', 'bom-bare.md'), `${bom}P: {{So glad}}{#joy} 😀.\r\n`);
  writeFileSync(path.join(dir, 'transcripts', 'bom-plain.md'), `${bom}No codes here.\n`);
  writeFileSync(
    path.join(dir, 'memos', 'hand.md'),
    '---\n# What this memo is about\ntranscripts: [transcripts/bom-front.md, transcripts/bom-bare.md]\ncodes:\n- trust   # the main one\n- joy\n---\n\n\n# Trust and joy\n\nThey come together.\n\n',
  );
  writeFileSync(path.join(dir, 'memos', 'windows.md'), `${bom}---\r\ncodes: [joy]\r\n---\r\n\r\nWritten on Windows.\r\nTwo lines.\r\n`);
  writeFileSync(path.join(dir, 'memos', 'loose.md'), 'No front matter and no final line end');
}

/** Every file under a folder by relative path, as bytes. */
function bytesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'), readFileSync(path.join(e.parentPath, e.name)));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('REFI-QDA round trips', function () {
  this.timeout(120000);
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'axial-roundtrip-'));
  });
  afterEach(() => cleanup(work));

  it('the example project: export → import gives back codebook.yaml and all 7 transcripts byte for byte, and says so', () => {
    const { out, stdout } = exportImportReport(work, EXAMPLE, 'example');
    assert.match(stdout, /7 transcripts restored exactly as exported, 0 transcripts written from their codings/);
    assert.equal(readFileSync(path.join(out, 'codebook.yaml'), 'utf8'), readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8'));
    const before = filesOf(path.join(EXAMPLE, 'transcripts'));
    const after = filesOf(path.join(out, 'transcripts'));
    assert.deepEqual([...after.keys()], [...before.keys()]);
    assert.equal(before.size, 7);
    for (const [p, text] of before) assert.equal(after.get(p), text, p);
    for (const m of ['memos/trust-grows.md', 'memos/asymmetry-makes-symmetry-possible.md']) {
      const strip = (s: string) => s.replace(/^---\n[\s\S]*?\n---\n+/, '');
      assert.equal(strip(readFileSync(path.join(out, m), 'utf8')), strip(readFileSync(path.join(EXAMPLE, m), 'utf8')), m);
    }
  });

  it('the same codebook: the kept codebook.yaml text reads as the codebook the REFI-QDA codes give', () => {
    // What the import writes from the codes and the note's ids, without the kept text ...
    const qdpx = path.join(work, 'e.qdpx');
    assert.equal(axial(['export', EXAMPLE, '--qdpx', qdpx], work).code, 0);
    const zip = unzipSync(readFileSync(qdpx));
    const xml = strFromU8(zip['project.qde']);
    const withoutText = xml.replace(/\n "codebook": .*,(?=\n)/, '');
    assert.notEqual(withoutText, xml);
    writeFileSync(path.join(work, 'bare.qdpx'), zipSync({ ...zip, 'project.qde': strToU8(withoutText) }));
    const bare = path.join(work, 'bare');
    assert.equal(axial(['import', path.join(work, 'bare.qdpx'), bare], work).code, 0);
    // ... says what the kept text says, field by field, though written differently.
    const written = readFileSync(path.join(bare, 'codebook.yaml'), 'utf8');
    const original = readFileSync(path.join(EXAMPLE, 'codebook.yaml'), 'utf8');
    assert.notEqual(written, original);
    assert.deepEqual(codebookView(written), codebookView(original));
  });

  it('a generated project (crossing spans, coders, emoji, CRLF, mixed line ends, groups): export → import gives every file back byte for byte', () => {
    const src = path.join(work, 'src');
    generated(src);
    const { out, stdout } = exportImportReport(work, src, 'gen');
    assert.equal(readFileSync(path.join(out, 'codebook.yaml'), 'utf8'), readFileSync(path.join(src, 'codebook.yaml'), 'utf8'));
    const before = filesOf(path.join(src, 'transcripts'));
    assert.equal(before.size, 6);
    for (const [p, text] of before) assert.equal(readFileSync(path.join(out, 'transcripts', p), 'utf8'), text, p);
    // a.md and c.md are in the form the import writes: nothing of theirs is kept, they are rendered the same.
    assert.match(stdout, /4 transcripts restored exactly as exported, 2 transcripts written from their codings/);
    assert.equal(readFileSync(path.join(out, 'memos/about-joy.md'), 'utf8'), readFileSync(path.join(src, 'memos/about-joy.md'), 'utf8'));
    assert.equal(axial(['check', out], work).code, 0);
  });

  it('a project recoded in another tool: the changed transcripts are rendered from the REFI-QDA file, with their words; the others come back as they were', () => {
    const src = path.join(work, 'src');
    generated(src);
    const qdpx = path.join(work, 'gen.qdpx');
    assert.equal(axial(['export', src, '--qdpx', qdpx], work).code, 0);
    const zip = unzipSync(readFileSync(qdpx));
    let xml = strFromU8(zip['project.qde']);
    const sourceXml = (name: string) => new RegExp(`<TextSource [^>]*name="${name}"[\\s\\S]*?</TextSource>`).exec(xml)![0];
    // d-mixed.md: one selection removed. b-crlf.md: one selection moved by one character.
    const d = sourceXml('transcripts/d-mixed.md');
    const firstSelection = /<PlainTextSelection [\s\S]*?<\/PlainTextSelection>\s*/.exec(d)![0];
    xml = xml.replace(d, d.replace(firstSelection, ''));
    const b = sourceXml('transcripts/b-crlf.md');
    xml = xml.replace(b, b.replace(/startPosition="(\d+)"/, (_m, n) => `startPosition="${Number(n) + 1}"`));
    // A code renamed: the kept codebook text no longer says what the codes say.
    xml = xml.replace('name="Trust (relational)"', 'name="Trust, renamed"');
    writeFileSync(path.join(work, 'edited.qdpx'), zipSync({ ...zip, 'project.qde': strToU8(xml) }));
    const out = path.join(work, 'edited');
    const r = axial(['import', path.join(work, 'edited.qdpx'), out], work);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 transcripts restored exactly as exported, 4 transcripts written from their codings/);
    for (const p of ['d-mixed.md', 'b-crlf.md']) {
      const original = parseTranscript(readFileSync(path.join(src, 'transcripts', p), 'utf8'));
      const text = readFileSync(path.join(out, 'transcripts', p), 'utf8');
      const got = parseTranscript(text);
      assert.notEqual(text, original.text, p);
      // The words are kept (with LF line ends), and the markup is the canonical rendering of the edited codings.
      assert.equal(got.stripped.text, original.stripped.text.replace(/\r\n/g, '\n'), p);
      const codings = extractCodings(got);
      assert.equal(parts(text).body, renderCodings(codings, { defaultCoder: got.frontMatter?.coder }), p);
      assert.ok(codings.codings.length < extractCodings(original).codings.length || codings.codings.some((c) => !extractCodings(original).codings.some((o) => o.start === c.start)), p);
    }
    assert.equal(readFileSync(path.join(out, 'transcripts/e-labels.md'), 'utf8'), readFileSync(path.join(src, 'transcripts/e-labels.md'), 'utf8'));
    const cb = readFileSync(path.join(out, 'codebook.yaml'), 'utf8');
    assert.notEqual(cb, readFileSync(path.join(src, 'codebook.yaml'), 'utf8'));
    assert.equal(parseCodebook(cb).codes.get('trust')?.name, 'Trust, renamed');
    assert.equal(axial(['check', out], work).code, 0);
  });

  it('a word edited in another tool: the transcript is rendered from the REFI-QDA file with the edited words', () => {
    const src = path.join(work, 'src');
    generated(src);
    const qdpx = path.join(work, 'gen.qdpx');
    assert.equal(axial(['export', src, '--qdpx', qdpx], work).code, 0);
    const zip = unzipSync(readFileSync(qdpx));
    const guid = /<TextSource [^>]*guid="([^"]+)"[^>]*name="transcripts\/e-labels.md"/.exec(strFromU8(zip['project.qde']))![1];
    const entry = `Sources/${guid}.txt`;
    const text = strFromU8(zip[entry]);
    // Same length, so every selection still fits: only the fingerprint tells.
    const edited = text.replace('dizzy', 'DIZZY');
    assert.notEqual(edited, text);
    writeFileSync(path.join(work, 'edited.qdpx'), zipSync({ ...zip, [entry]: strToU8(edited) }));
    const out = path.join(work, 'edited');
    const r = axial(['import', path.join(work, 'edited.qdpx'), out], work);
    assert.equal(r.code, 0, r.stderr);
    const got = parseTranscript(readFileSync(path.join(out, 'transcripts/e-labels.md'), 'utf8'));
    assert.equal(got.stripped.text, edited);
    assert.match(r.stdout, /3 transcripts restored exactly as exported, 3 transcripts written from their codings/);
  });

  it('transcripts with a BOM and memos written by hand: export → import gives every file back byte for byte, and import → export → import too', () => {
    const src = path.join(work, 'src');
    handWritten(src);
    const { out, stdout } = exportImportReport(work, src, 'hand');
    assert.match(stdout, /3 transcripts restored exactly as exported, 0 transcripts written from their codings/);
    const before = bytesOf(src);
    const after = bytesOf(out);
    assert.deepEqual([...after.keys()], [...before.keys()]);
    for (const [p, bytes] of before) assert.ok(bytes.equals(after.get(p)!), `${p}: ${JSON.stringify(after.get(p)!.toString('utf8'))}`);
    assert.ok(after.get('transcripts/bom-bare.md')!.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])));
    assert.equal(axial(['check', out], work).code, 0);
    const again = exportImport(work, out, 'again');
    assert.deepEqual(bytesOf(again), after);
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
      if (which === 'foreign') {
        // An imported project is in the form the import writes: its export keeps no transcript layouts in the note.
        const note = /<Note [^>]*name="Axial"[\s\S]*?<\/Note>/.exec(strFromU8(unzipSync(readFileSync(path.join(work, 'second.qdpx')))['project.qde']))![0];
        assert.ok(!note.includes('"files"'), note);
      }
    });
  }
});
