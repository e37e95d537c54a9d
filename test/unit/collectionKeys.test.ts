import * as assert from 'node:assert/strict';
import { parseCodebook, parseTranscript } from '../../core';

/**
 * A YAML key that is a list or map is a diagnostic with an exact range, in front
 * matter and in codebook.yaml, and the yaml package never prints its process
 * warning ("Keys with collection values will be stringified…").
 */
describe('collection keys in YAML', () => {
  let warnings: string[];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeEach(() => {
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(async () => {
    // Process warnings are emitted on the next tick: let them arrive before checking.
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    assert.deepEqual(warnings, [], 'no process warning');
  });

  const shown = (text: string, ds: { code: string; range: { start: number; end: number } }[]) =>
    ds.map((d) => [d.code, text.slice(d.range.start, d.range.end)]);

  it('front matter: at any depth, each reported once at the key', () => {
    const text = '---\ncase: 1\n? [a, b]\n: 1\nattributes:\n  {x: 1}: 2\nspeakers:\n  [P]: Patient\nx-y: {[q]: 1}\n---\nP: hi\n';
    const t = parseTranscript(text);
    assert.deepEqual(shown(text, t.diagnostics), [
      ['front-matter.collection-key', '[a, b]'],
      ['front-matter.collection-key', '{x: 1}'],
      ['front-matter.collection-key', '[P]'],
      ['front-matter.collection-key', '[q]'],
    ]);
    assert.equal(t.frontMatter?.case, '1');
  });

  it('codebook.yaml: top level, codes, fields and coders, each reported once at the key', () => {
    const text = 'version: 1\n? [a]\n: 1\ncoders:\n  [d]: x\ncodes:\n  [b]: {}\n  ok:\n    {c: 1}: 2\n';
    const cb = parseCodebook(text);
    assert.deepEqual(shown(text, cb.diagnostics), [
      ['codebook.collection-key', '[a]'],
      ['codebook.collection-key', '[d]'],
      ['codebook.collection-key', '[b]'],
      ['codebook.collection-key', '{c: 1}'],
    ]);
    assert.ok(cb.codes.has('ok'));
  });
});
