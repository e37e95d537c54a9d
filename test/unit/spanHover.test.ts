import * as assert from 'node:assert/strict';
import { hover, parseTranscript } from '../../core';
import { spansAround } from '../../core/features/spanHover';
import { projectFrom } from './analysis/load';

const FILES = {
  'codebook.yaml': 'version: 1\ncoders:\n  LN: Lucía Núñez\ncodes:\n  trust: {name: Trust}\n  expertise: {}\n',
  'transcripts/a.md': 'P: {{I trusted {{her skill}}{#expertise @LN "as a doctor"} a lot}}{#trust}{#trust @LN} and left.\n',
};

describe('hover on coded text', () => {
  const project = projectFrom(FILES);
  const index = { projectOf: () => project } as unknown as Parameters<typeof hover>[0];
  const uri = 'file:///p/transcripts/a.md';
  const text = FILES['transcripts/a.md'];

  it('lists the spans around the cursor, innermost first, with codes, names, coders and memos', () => {
    const h = hover(index, uri, text.indexOf('skill'));
    assert.ok(h);
    const [inner, outer] = h.markdown.split('---');
    assert.match(inner, /“her skill”/);
    assert.match(inner, /`expertise` — @LN \(Lucía Núñez\): \*“as a doctor”\*/);
    assert.match(outer, /“I trusted her skill a lot”/);
    assert.match(outer, /`trust` Trust\n/);
    assert.match(outer, /`trust` Trust — @LN/);
    // The range is the innermost span, markup included.
    assert.equal(text.slice(h.range.start, h.range.end), '{{her skill}}{#expertise @LN "as a doctor"}');
  });

  it('shows only the enclosing span outside the nested one, and nothing outside every span', () => {
    const h = hover(index, uri, text.indexOf('a lot'));
    assert.ok(h);
    assert.ok(!h.markdown.includes('expertise'));
    assert.equal(hover(index, uri, text.indexOf('and left')), undefined);
    assert.equal(hover(index, uri, 1), undefined);
  });

  it('keeps the tag hover on a tag', () => {
    const h = hover(index, uri, text.indexOf('#expertise') + 2);
    assert.ok(h);
    assert.match(h.markdown, /\(code\)/);
  });

  it('finds enclosing spans past siblings that closed before the cursor, and stops on deep nesting', () => {
    const t = parseTranscript('P: {{a {{b}}{#x} {{c}}{#y} d}}{#z}\n');
    const around = spansAround(t, t.text.indexOf(' d'));
    assert.deepEqual(around.map((s) => s.blocks[0].codes[0].id), ['z']);
    const deep = parseTranscript('P: ' + '{{a '.repeat(5000) + 'x' + '}}{#z}'.repeat(5000) + '\n');
    assert.ok(spansAround(deep, deep.text.indexOf('x')).length <= 4);
  });
});
