import * as assert from 'node:assert/strict';
import { generateProjectCodebook, generateProjectTranscript } from '../../bench/project';
import { parseCodebook, ProjectIndex } from '../../core';

/** The benchmark corpus generator: deterministic, and of the shape it promises. */
describe('bench/project.ts: generated projects', () => {
  const { yaml, codes } = generateProjectCodebook(200, 3);
  const transcripts = Array.from({ length: 10 }, (_, n) => generateProjectTranscript(n, codes, { seed: 3, turns: 120 }));

  it('is deterministic from the seed, and another seed gives other text', () => {
    assert.equal(generateProjectCodebook(200, 3).yaml, yaml);
    assert.equal(generateProjectTranscript(4, codes, { seed: 3, turns: 120 }).text, transcripts[4].text);
    assert.notEqual(generateProjectTranscript(4, codes, { seed: 4, turns: 120 }).text, transcripts[4].text);
  });

  it('writes a three-level codebook with the number of codes asked for', () => {
    const cb = parseCodebook(yaml);
    const applicable = [...cb.codes.values()].filter((c) => c.kind === 'code' && c.status === 'active');
    assert.equal(applicable.length, 200);
    const depth = (id: string): number => {
      const parent = cb.codes.get(id)?.parent?.value;
      return parent ? 1 + depth(parent) : 1;
    };
    assert.equal(Math.max(...applicable.map((c) => depth(c.id))), 3);
    assert.equal(generateProjectCodebook(5000).codes.length, 5000);
  });

  it('parses without errors: turns, about a fifth coded, nesting, labelled crossings, two coders on a fifth of the files, Spanish and emoji', () => {
    const index = new ProjectIndex();
    index.setFile('file:///p/codebook.yaml', yaml);
    transcripts.forEach((t, n) => index.setFile(`file:///p/transcripts/case-${n}.md`, t.text));
    const project = index.projects()[0];
    assert.equal(project.transcripts.size, 10);
    for (const e of project.transcripts.values()) assert.deepEqual(e.diagnostics.filter((d) => d.severity === 'error'), [], e.uri);
    const spans = [...project.transcripts.values()].reduce((n, e) => n + e.transcript.spans.length, 0);
    assert.equal(spans, transcripts.reduce((n, t) => n + t.spans, 0));
    const turns = transcripts.reduce((n, t) => n + t.turns, 0);
    const coded = transcripts.reduce((n, t) => n + t.codedTurns, 0);
    assert.ok(coded / turns > 0.15 && coded / turns < 0.25, `${coded} of ${turns} turns coded`);
    const all = transcripts.map((t) => t.text).join('');
    assert.match(all, /\{\{\^s\d+ /);
    assert.match(all, /\{\{[^{}]*\{\{/);
    assert.match(all, /@LN\}/);
    assert.match(all, /[áéíóúñ]/);
    assert.match(all, /\p{Extended_Pictographic}/u);
    assert.equal(transcripts.filter((t) => t.doubleCoded).length, 2);
  });
});
