import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { parse, v5 } from 'uuid';
import { parseCodebook, parseTranscript } from '../../../core';
import { buildProject, buildQdc, guidMaker, isRefiGuid, qdpxEntries, refiSource, stableGuid, type RefiProject, type Sha1Hex } from '../../../core/refi';
import { exportRefi } from '../../../host/exportRefi';
import { loadExportProject } from '../../../host/exportLoad';
import { nodeSha1Hex } from '../../../host/nodeSha1';

/** Axial's namespace, spelled out here so a change to it in core shows as a failure. */
const NAMESPACE = parse(v5('https://axial.invalid/refi-qda', v5.URL));
const byUuid = (kind: string, key: string) => v5(new TextEncoder().encode(`${kind}\u0000${key}`), NAMESPACE);

const KEYS = [
  '',
  'joy',
  'transcripts/a.md\u00000\u000012\u0000CA',
  'Lucía Núñez',
  'emoji 😀 and CJK 語',
  'lone \uD800 surrogate \uDC00',
  'x'.repeat(300),
  '😀'.repeat(200),
  'short after long',
];

describe('stable GUIDs with the host SHA-1', () => {
  const withNode = () => guidMaker({ sha1: nodeSha1Hex });

  it('gives uuid v5 GUIDs, the same with or without the host SHA-1', () => {
    const without = KEYS.map((k) => stableGuid('selection', k));
    // One maker for all the keys: its reused buffer grows for a long name and still serves a short one after.
    const make = withNode();
    const withSha1 = KEYS.map((k) => make('selection', k));
    assert.deepEqual(withSha1, without);
    assert.deepEqual(withSha1, KEYS.map((k) => byUuid('selection', k)));
    for (const g of withSha1) {
      assert.ok(isRefiGuid(g), g);
      assert.equal(g[14], '5', `version nibble of ${g}`);
      assert.match(g[19], /[89ab]/, `variant of ${g}`);
    }
  });

  it('agrees with uuid on any kind and key', () => {
    const make = withNode();
    fc.assert(
      fc.property(fc.constantFrom('code', 'source', 'selection', 'coding', 'memo'), fc.string({ unit: 'binary', maxLength: 400 }), (kind, key) => {
        assert.equal(make(kind, key), byUuid(kind, key));
        assert.equal(stableGuid(kind, key), byUuid(kind, key));
      }),
      { numRuns: 2000 },
    );
  });

  const codebook = parseCodebook('version: 1\ncoders:\n  CA: Carolina\ncodes:\n  joy: {}\n  fear: {}\ngroups:\n  moods:\n    name: Moods\n    codes: [joy, fear]\n');
  const text = '---\ncase: Ana\nparticipant: Ana\nattributes:\n  age: 31\n---\nP: {{so happy 😀}}{#joy @CA}{#fear @LN "a memo"} and {{then}}{#fear}\n';
  const project = (): RefiProject => ({ name: 'p', codebook, sources: [refiSource('transcripts/a.md', parseTranscript(text))] });

  it('leaves the project XML, the .qdpx entries and the .qdc byte for byte the same', () => {
    const sha1 = { sha1: nodeSha1Hex };
    const xml = buildProject(project()).xml;
    assert.equal(buildProject(project(), sha1).xml, xml);
    assert.deepEqual(qdpxEntries(project(), sha1), qdpxEntries(project()));
    assert.equal(buildQdc(codebook, sha1), buildQdc(codebook));
    for (const element of ['PlainTextSelection', 'Coding ', 'User ', 'Case ', 'Variable ', 'Set ', 'Note ']) assert.ok(xml.includes(`<${element}`), element);
  });

  it('keeps no state between exports: a hasher given to one export is not used by the next', () => {
    let calls = 0;
    const counting: Sha1Hex = (bytes) => (calls++, nodeSha1Hex(bytes));
    const first = buildProject(project(), { sha1: counting }).xml;
    const used = calls;
    assert.ok(used > 0, 'the export used the hasher it was given');
    const second = buildProject(project()).xml;
    assert.equal(buildQdc(codebook), buildQdc(codebook, { sha1: counting }));
    const byQdc = calls - used;
    assert.ok(byQdc > 0, 'the codebook export used the hasher it was given');
    assert.equal(second, first);
    buildProject(project());
    qdpxEntries(project());
    assert.equal(calls, used + byQdc, 'exports without a hasher did not call it');
  });

  it("the archive the host writes (Node's SHA-1) holds what core builds without a hasher", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-guid-'));
    try {
      const example = path.join(__dirname, '..', '..', '..', 'examples', 'therapeutic-relationship');
      const out = path.join(dir, 'example.qdpx');
      const r = await exportRefi(example, 'qdpx', out);
      assert.ok(r.ok, r.ok ? '' : r.error);
      const written = unzipSync(new Uint8Array(readFileSync(out)));
      const { project: loaded } = await loadExportProject(example);
      const expected = qdpxEntries(loaded);
      assert.deepEqual(Object.keys(written).sort(), expected.map((e) => e.path).sort());
      for (const e of expected) assert.equal(strFromU8(written[e.path]), e.text, e.path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
