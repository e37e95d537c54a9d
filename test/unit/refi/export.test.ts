import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { parseCodebook, parseTranscript } from '../../../core';
import { extractCodings } from '../../../core/codings';
import { buildProject, buildQdc, codePointOffsets, qdpxEntries, memoFileGuid, refiMemo, refiSource, sourceGuid, type RefiProject } from '../../../core/refi';
import { zipFiles } from '../../../host/zipFiles';
import { elementsNamed, parseXml, validateCodebook, validateProject, type XmlElement } from './xml';

const CODEBOOK = `version: 1
title: Emoji study
coders:
  CA: Carolina Altimir
  LN: Lucía Núñez
codes:
  feelings:
    kind: category
    name: Feelings
    definition: How the patient feels.
    memo: Split later?
  joy:
    parent: feelings
    name: Joy
    definition: Gladness.
    include: [laughing, smiling]
    exclude: [relief]
    examples: [so happy]
    color: "#ffcc00"
    guid: 0f8fad5b-d9cb-469f-a165-70867728950e
  fear:
    parent: feelings
  trust: {}
groups:
  good-times:
    name: Good times
    description: What went well.
    codes: [joy, trust, nope, joy]
  empty: {}
`;

const EMOJI = `---
case: A
participant: child
coder: CA
attributes:
  age: 7
  role: patient
---
C: 😀 {{I was so happy 😀}}{#joy @CA}{#trust @LN} and then\r\n{{scared}}{#fear "a memo on fear"}.\r\n`;

function project(files: Record<string, string> = { 'transcripts/emoji.md': EMOJI }): RefiProject {
  const codebook = parseCodebook(CODEBOOK);
  return { name: 'Emoji study', codebook, sources: Object.entries(files).map(([p, text]) => refiSource(p, parseTranscript(text))) };
}

const attr = (e: XmlElement, name: string) => e.attrs[name];
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

describe('REFI-QDA export', () => {
  describe('positions', () => {
    it('counts code points, not UTF-16 units, and CRLF as one line end', () => {
      const s = 'a😀b\r\nc';
      const cp = codePointOffsets(s);
      // In 'a😀b\nc': a 0, 😀 1, b 2, LF 3, c 4; the CR and the LF are one position.
      assert.deepEqual([0, 1, 3, 4, 5, 6, 7].map(cp), [0, 1, 2, 3, 3, 4, 5]);
      assert.equal(cp(2), 1, 'an offset inside a surrogate pair maps to the pair');
    });

    it('converts every offset as counting the characters one by one does (property)', () => {
      /** The definition: the code points before the offset, a CR before an LF not counted, an offset inside a pair at the pair. */
      const byCounting = (s: string, u: number) => {
        let cp = 0;
        for (let i = 0; i < u; i++) {
          const c = s.charCodeAt(i);
          if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
            if (i + 1 >= u) break;
            i++;
            cp++;
          } else if (!(c === 0x0d && s.charCodeAt(i + 1) === 0x0a)) cp++;
        }
        return cp;
      };
      const piece = fc.constantFrom('a', 'é', '😀', '\r\n', '\r', '\n', '\ud800', '\udc00', 'b\r\n😀');
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), (s) => {
          const cp = codePointOffsets(s);
          for (let u = -1; u <= s.length + 1; u++) assert.equal(cp(u), byCounting(s, Math.max(0, Math.min(s.length, u))), `${JSON.stringify(s)} at ${u}`);
        }),
        { numRuns: 500 },
      );
    });

    it('gives each selection the code point range of its quote in the exported text', () => {
      const { xml, sources } = buildProject(project());
      const text = sources[0].text;
      assert.equal(text, 'C: 😀 I was so happy 😀 and then\nscared.\n', 'stripped text with LF');
      const selections = elementsNamed(xml, 'PlainTextSelection');
      const quoted = selections.map((s) => [...text].slice(Number(attr(s, 'startPosition')), Number(attr(s, 'endPosition'))).join(''));
      assert.deepEqual(quoted, ['I was so happy 😀', 'I was so happy 😀', 'scared']);
      assert.deepEqual(
        selections.map((s) => [attr(s, 'startPosition'), attr(s, 'endPosition')]),
        [['5', '21'], ['5', '21'], ['31', '37']],
      );
      // UTF-16 would say 6..23 for the first: the emoji before it is two code units.
      assert.deepEqual(selections.map((s) => attr(s, 'name')), quoted);
    });
  });

  it('writes one selection per range and coder, a Coding per code, users as creators', () => {
    const { xml } = buildProject(project());
    const root = parseXml(xml);
    const users = new Map(elementsNamed(xml, 'User').map((u) => [attr(u, 'id'), attr(u, 'guid')]));
    assert.deepEqual([...users.keys()], ['CA', 'LN']);
    const codes = new Map(elementsNamed(xml, 'Code').map((c) => [attr(c, 'name'), attr(c, 'guid')]));
    const sels = elementsNamed(xml, 'PlainTextSelection');
    const summary = sels.map((s) => ({
      user: attr(s, 'creatingUser'),
      codes: s.children.filter((c) => c.name === 'Coding').map((c) => c.children[0].attrs.targetGUID),
      notes: s.children.filter((c) => c.name === 'NoteRef').length,
    }));
    assert.deepEqual(summary, [
      { user: users.get('CA'), codes: [codes.get('Joy')], notes: 0 },
      { user: users.get('LN'), codes: [codes.get('trust')], notes: 0 },
      { user: users.get('CA'), codes: [codes.get('fear')], notes: 1 },
    ]);
    const notes = elementsNamed(xml, 'Note');
    assert.ok(notes.some((n) => n.children[0].text === 'a memo on fear' && attr(n, 'creatingUser') === users.get('CA')));
    assert.equal(root.attrs.xmlns, 'urn:QDA-XML:project:1.0');
  });

  it('nests codes by parent, categories not codable, descriptions with criteria, the codebook guid kept', () => {
    const { xml } = buildProject(project());
    const feelings = elementsNamed(xml, 'Code').find((c) => attr(c, 'name') === 'Feelings')!;
    assert.equal(attr(feelings, 'isCodable'), 'false');
    assert.deepEqual(
      feelings.children.filter((c) => c.name === 'Code').map((c) => [attr(c, 'name'), attr(c, 'isCodable')]),
      [['Joy', 'true'], ['fear', 'true']],
    );
    assert.equal(feelings.children.filter((c) => c.name === 'NoteRef').length, 1, 'the category memo is a note');
    const joy = feelings.children.find((c) => attr(c, 'name') === 'Joy')!;
    assert.equal(attr(joy, 'guid'), '0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.equal(attr(joy, 'color'), '#ffcc00');
    assert.equal(joy.children[0].text, 'Gladness.\n\nInclude:\n- laughing\n- smiling\n\nExclude:\n- relief\n\nExamples:\n- so happy');
  });

  it('writes cases and attribute variables', () => {
    const { xml } = buildProject(project({ 'transcripts/emoji.md': EMOJI, 'transcripts/b.md': 'P: hello\n' }));
    const cases = elementsNamed(xml, 'Case');
    assert.deepEqual(cases.map((c) => [attr(c, 'name'), c.children.map((r) => r.attrs.targetGUID)]), [
      ['A', [sourceGuid('transcripts/emoji.md')]],
      ['transcripts/b.md', [sourceGuid('transcripts/b.md')]],
    ]);
    assert.deepEqual(elementsNamed(xml, 'Variable').map((v) => [attr(v, 'name'), attr(v, 'typeOfVariable')]), [
      ['age', 'Integer'],
      ['participant', 'Text'],
      ['role', 'Text'],
    ]);
    assert.deepEqual(elementsNamed(xml, 'IntegerValue').map((v) => v.text), ['7']);
  });

  it('writes memo files as notes, referenced by the codes and transcripts they name, else by the project', () => {
    const p = project();
    p.memos = [
      refiMemo('memos/joy.md', '---\ncodes: [joy, nope]\ntranscripts: [transcripts/emoji.md]\n---\n# Joy\n\nText.\n'),
      refiMemo('memos/loose.md', '# Loose\n'),
      refiMemo('memos/bad.md', '---\ncodes: [joy\n---\nBroken front matter.\n'),
    ];
    const { xml } = buildProject(p);
    const v = validateProject(xml);
    assert.ok(v.ok, v.output);
    const refsOf = (e: XmlElement) => e.children.filter((c) => c.name === 'NoteRef').map((c) => c.attrs.targetGUID);
    const joy = elementsNamed(xml, 'Code').find((c) => attr(c, 'name') === 'Joy')!;
    assert.deepEqual(refsOf(joy), [memoFileGuid('memos/joy.md')]);
    assert.deepEqual(refsOf(elementsNamed(xml, 'TextSource')[0]), [memoFileGuid('memos/joy.md')]);
    assert.deepEqual(refsOf(parseXml(xml)), [memoFileGuid('memos/loose.md'), memoFileGuid('memos/bad.md')]);
    const notes = new Map(elementsNamed(xml, 'Note').map((n) => [attr(n, 'name'), n.children[0].text]));
    assert.equal(notes.get('memos/joy.md'), '# Joy\n\nText.\n', 'the front matter is not part of the note');
    assert.equal(notes.get('memos/bad.md'), '---\ncodes: [joy\n---\nBroken front matter.\n', 'a front matter that does not parse stays');
  });

  it('writes codebook groups as sets of codes', () => {
    const { xml } = buildProject(project());
    const codes = new Map(elementsNamed(xml, 'Code').map((c) => [attr(c, 'guid'), attr(c, 'name')]));
    const sets = elementsNamed(xml, 'Set').map((s) => [attr(s, 'name'), s.children.map((c) => (c.name === 'Description' ? c.text : codes.get(c.attrs.targetGUID)))]);
    assert.deepEqual(sets, [
      ['Good times', ['What went well.', 'Joy', 'trust']],
      ['empty', []],
    ]);
  });

  it('validates against the REFI-QDA schema (project and codebook)', () => {
    const p = project({ 'transcripts/emoji.md': EMOJI, 'transcripts/b.md': 'P: hello\n' });
    const v = validateProject(buildProject(p).xml);
    assert.ok(v.ok, v.output);
    const c = validateCodebook(buildQdc(p.codebook)!);
    assert.ok(c.ok, c.output);
  });

  it('the schema check catches a broken export (the validator is no rubber stamp)', () => {
    const xml = buildProject(project()).xml.replace('isCodable="false"', 'isCodable="maybe"');
    assert.equal(validateProject(xml).ok, false);
  });

  it('exports an unchanged project byte for byte the same, XML and zip', async () => {
    assert.equal(buildProject(project()).xml, buildProject(project()).xml);
    assert.equal(buildQdc(project().codebook), buildQdc(project().codebook));
    const first = await zipFiles(qdpxEntries(project()));
    assert.deepEqual(await zipFiles(qdpxEntries(project())), first);
    // The clock must not show: every local header is dated 1980-01-01 00:00, with no extra (timestamp) field.
    let headers = 0;
    for (let i = first.indexOf(LOCAL_HEADER); i >= 0; i = first.indexOf(LOCAL_HEADER, i + 4)) {
      headers++;
      assert.deepEqual([first.readUInt16LE(i + 10), first.readUInt16LE(i + 12), first.readUInt16LE(i + 28)], [0, (1 << 5) | 1, 0]);
    }
    assert.equal(headers, 2);
  });

  it('zips project.qde and one Sources/<guid>.txt per transcript', async () => {
    const zip = unzipSync(await zipFiles(qdpxEntries(project({ 'transcripts/emoji.md': EMOJI, 'transcripts/b.md': 'P: hello\n' }))));
    const guids = [sourceGuid('transcripts/emoji.md'), sourceGuid('transcripts/b.md')];
    assert.deepEqual(Object.keys(zip).sort(), ['project.qde', ...guids.map((g) => `Sources/${g}.txt`)].sort());
    const xml = strFromU8(zip['project.qde']);
    for (const s of elementsNamed(xml, 'TextSource')) assert.ok(zip[attr(s, 'plainTextPath').replace('internal://', 'Sources/')], attr(s, 'plainTextPath'));
    assert.equal(strFromU8(zip[`Sources/${guids[1]}.txt`]), 'P: hello\n');
  });

  it('exports every span of the example project at its quote', () => {
    const root = path.join(__dirname, '..', '..', '..', 'examples', 'therapeutic-relationship');
    const codebook = parseCodebook(readFileSync(path.join(root, 'codebook.yaml'), 'utf8'));
    const files = readdirSync(path.join(root, 'transcripts')).sort();
    const sources = files.map((f) => refiSource(`transcripts/${f}`, parseTranscript(readFileSync(path.join(root, 'transcripts', f), 'utf8'))));
    const { xml, sources: texts } = buildProject({ name: 'example', codebook, sources });
    const v = validateProject(xml);
    assert.ok(v.ok, v.output);
    const guidOf = new Map(elementsNamed(xml, 'Code').map((c) => [attr(c, 'guid'), c]));
    let expected = 0;
    const exported = new Set<string>();
    const textSources = elementsNamed(xml, 'TextSource');
    assert.equal(textSources.length, files.length);
    textSources.forEach((ts, i) => {
      const text = [...texts[i].text];
      for (const sel of ts.children.filter((c) => c.name === 'PlainTextSelection')) {
        const quote = text.slice(Number(attr(sel, 'startPosition')), Number(attr(sel, 'endPosition'))).join('');
        for (const coding of sel.children.filter((c) => c.name === 'Coding')) {
          const code = guidOf.get(coding.children[0].attrs.targetGUID);
          assert.ok(code, 'every CodeRef names a Code');
          exported.add(`${attr(ts, 'name')}|${quote}|${attr(code, 'name')}`);
        }
      }
    });
    for (const s of sources) {
      const c = extractCodings(parseTranscript(readFileSync(path.join(root, s.path), 'utf8')));
      for (const x of c.codings) {
        expected++;
        const name = codebook.codes.get(x.code)!.name;
        const key = `${s.path}|${c.stripped.slice(x.start, x.end).replace(/\r\n/g, '\n')}|${name}`;
        assert.ok(exported.has(key), `missing ${key}`);
      }
    }
    assert.ok(expected > 50, `the example has ${expected} codings`);
    assert.equal(elementsNamed(xml, 'Coding').length, expected);
  });
});
