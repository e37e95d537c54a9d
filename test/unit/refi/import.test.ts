/**
 * The REFI-QDA importer (core/refi/importProject.ts) on project XML written the
 * way other tools write it: the mapping, and each vendor quirk that lives in the
 * XML (position conventions, inline text, a 1-byte source, selections sharing a
 * range or crossing, a coding whose user is not the selection's, empty
 * descriptions, codes that are also parents, Sets). Archive-level quirks are in
 * test/cli/importRefi.test.ts, with real zips.
 */
import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../../core/codebook/parse';
import { extractCodings } from '../../../core/codings/extract';
import { importRefi, type RefiImportResult } from '../../../core/refi';
import { parseTranscript } from '../../../core/transcript/parse';
import { validateTranscript } from '../../../core';
import { projectXml, type FxProject } from './refiFixture';

const utf8 = new TextEncoder();

function run(p: FxProject, texts: Record<string, string> = {}): Extract<RefiImportResult, { ok: true }> {
  const entries = new Map(Object.entries(texts).map(([k, v]) => [k, utf8.encode(v)]));
  const r = importRefi({ kind: 'qdpx', xml: projectXml(p), xmlName: 'project.qde', entries });
  if (!r.ok) assert.fail(r.error);
  return r;
}

function file(r: { files: { path: string; text: string }[] }, path: string): string {
  const f = r.files.find((x) => x.path === path);
  assert.ok(f, `${path} among ${r.files.map((x) => x.path).join(', ')}`);
  return f.text;
}

/** Every imported transcript parses without errors against the imported codebook. */
function assertClean(r: { files: { path: string; text: string }[] }): void {
  const cb = parseCodebook(file(r, 'codebook.yaml'));
  assert.deepEqual(cb.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  for (const f of r.files.filter((x) => x.path.startsWith('transcripts/'))) {
    const t = parseTranscript(f.text);
    const errors = [...t.diagnostics, ...validateTranscript(t, cb)].filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => d.message), [], f.path);
  }
}

const USERS = [{ name: 'Carolina Altimir' }, { name: 'Lucía Núñez' }];

describe('REFI-QDA import (core)', () => {
  it('maps codes, categories, nesting, descriptions, users and sets into codebook.yaml', () => {
    const r = run({
      users: USERS,
      codes: [
        { name: 'Feelings', codable: false, description: 'How it felt.', children: [{ name: 'Joy', description: '' }, { name: 'Fear' }] },
        { name: 'Trust', description: 'Trust.\n\nInclude:\n- relies on\n\nExamples:\n- I trusted her', children: [{ name: 'Deep trust' }] },
      ],
      sources: [{ name: 'A', content: 'I trusted her a lot.', selections: [{ start: 0, end: 9, user: 'Carolina Altimir', codings: [{ code: 'Trust' }] }] }],
      sets: [{ name: 'Early trust', description: 'Where it starts.', codes: ['Trust', 'Joy'] }, { name: 'Empty set', description: '', codes: [] }],
    });
    const cb = parseCodebook(file(r, 'codebook.yaml'));
    assert.deepEqual(cb.diagnostics, []);
    assert.deepEqual([...cb.coders!.values()].map((c) => [c.id, c.name]), [['CA', 'Carolina Altimir'], ['LN', 'Lucía Núñez']]);
    assert.deepEqual([...cb.codes.values()].map((c) => [c.id, c.kind, c.parent?.value, c.name]), [
      ['Feelings', 'category', undefined, 'Feelings'],
      ['Joy', 'code', 'Feelings', 'Joy'],
      ['Fear', 'code', 'Feelings', 'Fear'],
      ['Trust', 'code', undefined, 'Trust'],
      ['deep-trust', 'code', 'Trust', 'Deep trust'],
    ]);
    const trust = cb.codes.get('Trust')!;
    assert.equal(trust.definition, 'Trust.');
    assert.deepEqual(trust.include, ['relies on']);
    assert.deepEqual(trust.examples.map((e) => e.value), ['I trusted her']);
    assert.equal(cb.codes.get('Joy')!.definition, undefined, 'an empty Description is no definition');
    assert.ok(cb.codes.get('Trust')!.guid, 'the GUID is kept');
    assert.deepEqual([...cb.groups.values()].map((gr) => [gr.id, gr.name, gr.description, gr.codes.map((c) => c.value)]), [
      ['early-trust', 'Early trust', 'Where it starts.', ['Trust', 'Joy']],
      ['empty-set', 'Empty set', undefined, []],
    ]);
    assert.equal(r.files.find((f) => f.path === 'transcripts/a.md')!.text, '---\ncoder: CA\n---\n{{I trusted}}{#Trust} her a lot.');
    assertClean(r);
  });

  it('a code with children and codings stays codable; a category applied to text comes in as a code, said so', () => {
    const r = run({
      codes: [{ name: 'Parent', children: [{ name: 'Child' }] }, { name: 'Group', codable: false, children: [{ name: 'Member' }] }],
      sources: [{ name: 's.txt', content: 'one two', selections: [{ start: 0, end: 3, codings: [{ code: 'Parent' }, { code: 'Group' }] }] }],
    });
    const cb = parseCodebook(file(r, 'codebook.yaml'));
    assert.equal(cb.codes.get('Parent')!.kind, 'code');
    assert.equal(cb.codes.get('Group')!.kind, 'code');
    assert.deepEqual(r.notes, ['Group: not codable in the file, but applied to text; imported as a code']);
    assert.equal(file(r, 'transcripts/s.md'), '{{one}}{#Group #Parent} two');
    assertClean(r);
  });

  it('several selections with the same range: one span, one block per coder; the coding’s user wins over the selection’s', () => {
    const r = run({
      users: USERS,
      codes: [{ name: 'a' }, { name: 'b' }],
      sources: [
        {
          name: 'S',
          content: 'We talked. Then we left.',
          selections: [
            { start: 0, end: 10, user: 'Carolina Altimir', codings: [{ code: 'a' }] },
            { start: 0, end: 10, user: 'Carolina Altimir', codings: [{ code: 'b', user: 'Lucía Núñez' }] },
            { start: 0, end: 10, user: 'Lucía Núñez', codings: [{ code: 'a', user: 'Lucía Núñez' }] },
            { start: 11, end: 24, user: 'Carolina Altimir', codings: [{ code: 'a' }] },
          ],
        },
      ],
    });
    assert.equal(file(r, 'transcripts/s.md'), '---\ncoder: CA\n---\n{{We talked.}}{#a}{#a #b @LN} {{Then we left.}}{#a}');
    assertClean(r);
  });

  it('overlapping selections by one coder cross with labels; nested ones nest', () => {
    const r = run({
      codes: [{ name: 'x' }, { name: 'y' }, { name: 'z' }],
      sources: [{ name: 'S', content: 'alpha beta gamma delta', selections: [{ start: 0, end: 10, codings: [{ code: 'x' }] }, { start: 6, end: 16, codings: [{ code: 'y' }] }, { start: 11, end: 16, codings: [{ code: 'z' }] }] }],
    });
    const text = file(r, 'transcripts/s.md');
    assert.equal(text, '{{^a alpha {{beta}}{^a #x} {{gamma}}{#z}}}{#y} delta');
    const got = extractCodings(parseTranscript(text));
    assert.deepEqual(got.codings.map((c) => [c.start, c.end, c.code]), [[0, 10, 'x'], [6, 16, 'y'], [11, 16, 'z']]);
    assertClean(r);
  });

  it('positions in UTF-16 code units with CRLF as two (NVivo) are detected and said; the standard’s are the default', () => {
    const raw = 'I: Hello 😀 there\r\nP: Fine 🙂 thanks\r\n';
    // "Fine" and "thanks" in UTF-16 units over the CRLF text.
    const u16 = (s: string) => raw.indexOf(s);
    const cp = (s: string) => [...raw.replace(/\r\n/g, '\n').slice(0, raw.replace(/\r\n/g, '\n').indexOf(s))].length;
    const nvivo = run({ codes: [{ name: 'c' }], sources: [{ name: 'nv', plainTextPath: 'internal://nv.txt', selections: [{ start: u16('Fine'), end: u16('Fine') + 4, codings: [{ code: 'c' }] }, { start: u16('thanks'), end: u16('thanks') + 6, codings: [{ code: 'c' }] }] }] }, { 'Sources/nv.txt': raw });
    assert.equal(file(nvivo, 'transcripts/nv.md'), 'I: Hello 😀 there\nP: {{Fine}}{#c} 🙂 {{thanks}}{#c}\n');
    assert.deepEqual(nvivo.notes, ['nv: positions read as UTF-16 code units, line ends counted as in the file (CRLF as two)']);
    const standard = run({ codes: [{ name: 'c' }], sources: [{ name: 'st', plainTextPath: 'internal://st.txt', selections: [{ start: cp('Fine'), end: cp('Fine') + 4, codings: [{ code: 'c' }] }, { start: cp('thanks'), end: cp('thanks') + 6, codings: [{ code: 'c' }] }] }] }, { 'Sources/st.txt': raw });
    assert.equal(file(standard, 'transcripts/st.md'), 'I: Hello 😀 there\nP: {{Fine}}{#c} 🙂 {{thanks}}{#c}\n');
    assert.deepEqual(standard.notes, []);
  });

  it('a quote in the selection’s name decides where boundaries alone cannot', () => {
    // Under code points "b c" is at 4..7; under UTF-16 units 4..7 is "😀 b" minus a half: the name settles it.
    const content = 'a😀 b c d';
    const r = run({ codes: [{ name: 'c' }], sources: [{ name: 'q', content, selections: [{ start: 3, end: 6, name: 'b c', codings: [{ code: 'c' }] }] }] });
    assert.equal(file(r, 'transcripts/q.md'), 'a😀 {{b c}}{#c} d');
    const u = run({ codes: [{ name: 'c' }], sources: [{ name: 'q', content, selections: [{ start: 4, end: 7, name: 'b c', codings: [{ code: 'c' }] }] }] });
    assert.equal(file(u, 'transcripts/q.md'), 'a😀 {{b c}}{#c} d');
    assert.match(u.notes[0], /UTF-16 code units/);
  });

  it('a 1-byte source, inline text, and a text with braces and backslashes (escaped, the words unchanged)', () => {
    const r = run({ codes: [{ name: 'c' }], sources: [{ name: 'one', content: 'x', selections: [{ start: 0, end: 1, codings: [{ code: 'c' }] }] }, { name: 'braces', content: 'a {b} \\ c', selections: [{ start: 2, end: 5, codings: [{ code: 'c' }] }] }] });
    assert.equal(file(r, 'transcripts/one.md'), '{{x}}{#c}');
    const braces = file(r, 'transcripts/braces.md');
    assert.equal(braces, 'a {{\\{b\\}}}{#c} \\\\ c');
    assert.equal(parseTranscript(braces).stripped.text, 'a {b} \\ c');
  });

  it('cases and variables become front matter; notes become block memos, code memos and memo files', () => {
    const r = run({
      users: USERS,
      codes: [{ name: 'trust', notes: ['codememo'] }],
      variables: [{ name: 'age', type: 'Integer' }, { name: 'participant', type: 'Text' }, { name: 'consent', type: 'Boolean' }],
      cases: [{ name: 'Case A', sources: ['int-1.docx'], values: { age: '34' } }],
      sources: [{ name: 'int-1.docx', content: 'We trust.', values: { participant: 'patient', consent: 'true' }, selections: [{ start: 3, end: 8, user: 'Lucía Núñez', codings: [{ code: 'trust' }], notes: ['sel'] }, { start: 0, end: 2, notes: ['loose'], codings: [] }] }],
      notes: [
        { key: 'codememo', name: 'About trust', text: 'Trust is earned.' },
        { key: 'sel', name: 'n', text: 'Said "twice"', user: 'Lucía Núñez' },
        { key: 'loose', name: 'n2', text: 'Who is we?' },
        { key: 'project', name: 'Project diary', text: 'Day one.' },
      ],
    });
    assert.equal(file(r, 'transcripts/int-1.md'), '---\ncase: Case A\nparticipant: patient\ncoder: LN\nattributes:\n  age: 34\n  consent: true\n---\nWe {{trust}}{#trust "Said \\"twice\\""}.');
    assert.equal(parseCodebook(file(r, 'codebook.yaml')).codes.get('trust')!.memo, 'Trust is earned.');
    assert.equal(file(r, 'memos/int-1-notes.md'), '---\ntranscripts:\n  - transcripts/int-1.md\n---\n\n> We\n\nWho is we?\n');
    assert.equal(file(r, 'memos/project-diary.md'), 'Day one.\n');
    assertClean(r);
  });

  it('names each source missing from the archive and imports the rest', () => {
    const r = run({ codes: [{ name: 'c' }], sources: [{ name: 'here', plainTextPath: 'internal://h.txt' }, { name: 'gone', plainTextPath: 'internal://g.txt' }] }, { 'Sources/h.txt': 'hi' });
    assert.deepEqual(r.leftOut, ['gone: its text is not in the archive (internal://g.txt)']);
    assert.deepEqual(r.files.map((f) => f.path), ['codebook.yaml', 'transcripts/here.md']);
  });

  it('gives distinct, valid paths and ids for clashing and odd names, and never a path outside transcripts/', () => {
    const r = run({
      codes: [{ name: 'Trust' }, { name: 'trust' }, { name: 'Trust!' }, { name: '¿Qué?' }, { name: '***' }],
      sources: [{ name: '../../etc/passwd', content: 'a' }, { name: 'Interview 1.docx', content: 'b' }, { name: 'interview-1', content: 'c' }, { name: '/abs/x.txt', content: 'd' }],
    });
    assert.deepEqual([...parseCodebook(file(r, 'codebook.yaml')).codes.keys()], ['Trust', 'trust', 'trust-2', 'qué', 'code']);
    assert.deepEqual(r.files.map((f) => f.path), ['codebook.yaml', 'transcripts/passwd.md', 'transcripts/interview-1.md', 'transcripts/interview-1-2.md', 'transcripts/x.md']);
  });

  it('reads a namespace prefix on every element', () => {
    const r = run({ prefix: 'qda:', codes: [{ name: 'c' }], sources: [{ name: 'S', content: 'ok go', selections: [{ start: 0, end: 2, codings: [{ code: 'c' }] }] }] });
    assert.equal(file(r, 'transcripts/s.md'), '{{ok}}{#c} go');
  });

  describe('refuses, with one reason and no files', () => {
    const fails = (p: FxProject | string, pattern: RegExp) => {
      const xml = typeof p === 'string' ? p : projectXml(p);
      const r = importRefi({ kind: 'qdpx', xml, xmlName: 'project.qde', entries: new Map() });
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.error, pattern);
        assert.doesNotMatch(r.error, /\n/);
      }
    };
    it('XML that does not parse', () => fails('<Project><Sources></Project>', /project\.qde is not well-formed XML \(.*\)/));
    it('a root that is not a Project', () => fails('<?xml version="1.0"?><Html/>', /not a REFI-QDA project: its root element is <Html>/));
    it('a selection out of range', () => fails({ codes: [{ name: 'c' }], sources: [{ name: 'S', content: 'short', selections: [{ start: 2, end: 50, name: 'long', codings: [{ code: 'c' }] }] }] }, /selection "long" in source "S" \(positions 2–50\) is out of range of its text \(5 characters\)/));
    it('a coding of an unknown code', () => fails({ codes: [{ name: 'c' }], sources: [{ name: 'S', content: 'short', selections: [{ start: 0, end: 2, codings: [{ code: 'nope' }] }] }] }, /a coding in source "S" refers to code [0-9a-f-]+, which the codebook does not have/));
  });
});
