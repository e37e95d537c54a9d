import * as assert from 'node:assert/strict';
import { MAX_STRIPES, stripeSvg, stripesByLine } from '../../client/reading/stripes';

describe('reading view: margin stripes', () => {
  it('gives each line the colours of the spans covering it, outer first, at most four', () => {
    const m = stripesByLine([
      { startLine: 1, endLine: 3, color: '#111111' },
      { startLine: 2, endLine: 2, color: '#222222' },
      ...Array.from({ length: 6 }, () => ({ startLine: 2, endLine: 2, color: '#333333' })),
    ]);
    assert.deepEqual([...m.keys()].sort(), [1, 2, 3]);
    assert.deepEqual(m.get(1), ['#111111']);
    assert.equal(m.get(2)!.length, MAX_STRIPES);
    assert.deepEqual(m.get(2)!.slice(0, 2), ['#111111', '#222222']);
  });

  it('draws one rectangle per colour and refuses anything but #rrggbb in the SVG', () => {
    const svg = stripeSvg(['#a1b2c3', 'red"/><script>']);
    assert.equal((svg.match(/<rect /g) ?? []).length, 2);
    assert.ok(svg.includes('fill="#a1b2c3"'));
    assert.ok(!svg.includes('script'));
  });
});
