import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, v5 } from 'uuid';
import { parseCodebook, parseTranscript } from '../../../core';
import { buildProject, isRefiGuid, refiSource, stableGuid, useSha1, type RefiProject } from '../../../core/refi';
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
  afterEach(() => useSha1(undefined));

  it('gives uuid v5 GUIDs, the same with or without the host SHA-1', () => {
    const before = KEYS.map((k) => stableGuid('selection', k));
    useSha1(nodeSha1Hex);
    const after = KEYS.map((k) => stableGuid('selection', k));
    assert.deepEqual(after, before);
    assert.deepEqual(after, KEYS.map((k) => byUuid('selection', k)));
    for (const g of after) {
      assert.ok(isRefiGuid(g), g);
      assert.equal(g[14], '5', `version nibble of ${g}`);
      assert.match(g[19], /[89ab]/, `variant of ${g}`);
    }
  });

  it('agrees with uuid on any kind and key', () => {
    useSha1(nodeSha1Hex);
    fc.assert(
      fc.property(fc.constantFrom('code', 'source', 'selection', 'coding', 'memo'), fc.string({ unit: 'binary', maxLength: 400 }), (kind, key) => {
        assert.equal(stableGuid(kind, key), byUuid(kind, key));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the project XML byte for byte the same', () => {
    const codebook = parseCodebook('version: 1\ncoders:\n  CA: Carolina\ncodes:\n  joy: {}\n  fear: {}\n');
    const text = 'P: {{so happy 😀}}{#joy @CA}{#fear @LN "a memo"} and {{then}}{#fear}\n';
    const project = (): RefiProject => ({ name: 'p', codebook, sources: [refiSource('transcripts/a.md', parseTranscript(text))] });
    const before = buildProject(project()).xml;
    useSha1(nodeSha1Hex);
    const after = buildProject(project()).xml;
    assert.equal(after, before);
    assert.ok(after.includes('PlainTextSelection'));
  });
});
