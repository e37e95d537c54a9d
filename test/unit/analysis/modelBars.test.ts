/** The model picture's quote bars lie under the rows' text, never behind a label. */
import * as assert from 'node:assert/strict';
import { axialModel, renderModelSvg } from '../../../core/analysis';
import { EXAMPLE, loadProject, projectFrom } from './load';

/** Every tinted bar (a translucent `<rect>` but the columns' backgrounds) and every `<text>` with its numbers. */
function shapes(svg: string) {
  const attr = (tag: string, name: string) => Number(new RegExp(`\\s${name}="([-0-9.]+)"`).exec(tag)?.[1] ?? NaN);
  const bars = [...svg.matchAll(/<rect(?=[^>]*height="[0-9.]+")(?![^>]*rx="8")[^>]*fill-opacity="[0-9.]+"[^>]*>/g)].map((m) => ({ x: attr(m[0], 'x'), y: attr(m[0], 'y'), w: attr(m[0], 'width'), h: attr(m[0], 'height') }));
  const texts = [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => ({ x: attr(m[1], 'x'), y: attr(m[1], 'y'), end: / text-anchor="end"/.test(m[1]), s: m[2] }));
  return { bars, texts };
}

function assertNoBarUnderText(svg: string): number {
  const { bars, texts } = shapes(svg);
  for (const b of bars) {
    for (const t of texts) {
      // A text's box: about 11 units above its baseline to 4 below (13-unit font, descenders).
      const top = t.y - 11;
      const bottom = t.y + 4;
      const xs = t.end ? [t.x - 40, t.x] : [t.x, t.x + 1];
      const overlapsX = xs[1] >= b.x && xs[0] <= b.x + b.w;
      const overlapsY = bottom > b.y && top < b.y + b.h;
      assert.ok(!(overlapsX && overlapsY && b.w > 0), `bar at ${b.x},${b.y} (${b.w}×${b.h}) covers “${t.s}” at ${t.x},${t.y}`);
    }
  }
  return bars.length;
}

describe('model picture: quote bars', () => {
  it('no bar covers a label in the example project', () => {
    const n = assertNoBarUnderText(renderModelSvg(axialModel(loadProject(EXAMPLE))).svg);
    assert.ok(n > 10, `${n} bars`);
  });

  it('no bar covers a label when names wrap over several lines', () => {
    const long = 'a code whose name is long enough to wrap over several lines of its card';
    const p = projectFrom({
      'codebook.yaml': `codes:\n  core:\n    kind: category\n  cat:\n    kind: category\n    parent: core\n  a:\n    parent: cat\n    name: ${long}\n  b:\n    parent: cat\n`,
      'transcripts/t.md': 'P: {{x}}{#a} {{y}}{#a} {{z}}{#b}\n',
    });
    assert.ok(assertNoBarUnderText(renderModelSvg(axialModel(p)).svg) >= 2);
  });
});
