import * as assert from 'node:assert/strict';
import {
  axialModel,
  codeCaseMatrix,
  codeCooccurrence,
  DARK_PALETTE,
  renderCooccurrenceSvg,
  renderMatrixSvg,
  renderModelSvg,
  type RenderedPicture,
  type RenderOptions,
} from '../../../core';
import { EXAMPLE, loadProject, PICTURES_FIXTURE, projectFrom } from './load';
import { all, parseXml, textOf, type XmlElement } from './xml';

/**
 * The SVG renderers: well-formed XML, one clickable element per node or cell with
 * the right label, an item (what a click lists) for every clickable element, and
 * colours from the theme in the editor but concrete in an export.
 */
const fixture = loadProject(PICTURES_FIXTURE);
const MODES: RenderOptions[] = [{ mode: 'theme' }, { mode: 'export' }, { mode: 'export', palette: DARK_PALETTE }];

function clickables(svg: XmlElement): Map<string, XmlElement> {
  const map = new Map<string, XmlElement>();
  for (const el of all(svg)) {
    const key = el.attrs['data-key'];
    if (key === undefined) continue;
    assert.ok(!map.has(key), `data-key ${key} appears twice`);
    map.set(key, el);
  }
  return map;
}

function checkDocument(r: RenderedPicture, opts: RenderOptions): { svg: XmlElement; keys: Map<string, XmlElement> } {
  const svg = parseXml(r.svg);
  assert.equal(svg.name, 'svg');
  assert.equal(svg.attrs.xmlns, 'http://www.w3.org/2000/svg');
  assert.equal(svg.attrs.viewBox, `0 0 ${r.width} ${r.height}`);
  assert.ok(r.width > 100 && r.height > 100, `size ${r.width}×${r.height}`);
  assert.ok(!/style="/.test(r.svg), 'no inline style attributes (a strict CSP forbids them)');
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(r.svg), 'no remote references');
  const style = all(svg).filter((e) => e.name === 'style');
  if (opts.mode === 'export') {
    assert.ok(r.svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    assert.equal(style.length, 1, 'an export embeds its stylesheet');
    assert.ok(!style[0].text.includes('var(--'), 'an export has concrete colours');
    assert.ok(style[0].text.includes((opts.palette ?? { background: '#ffffff' }).background));
  } else {
    assert.equal(style.length, 0, 'in the editor the page supplies the theme stylesheet');
  }
  const keys = clickables(svg);
  assert.deepEqual([...keys.keys()].sort(), Object.keys(r.items).sort(), 'an item for every clickable element');
  for (const el of keys.values()) {
    assert.equal(el.name, 'g');
    assert.equal(el.children[0]?.name, 'title', 'a clickable element has a tooltip first');
    assert.equal(el.attrs.tabindex === '0', opts.mode !== 'export', 'focusable in the editor only');
  }
  return { svg, keys };
}

describe('pictures: SVG of the axial model', () => {
  const model = axialModel(fixture);
  for (const opts of MODES) {
    it(`is well-formed with one element per node, named and counted (${opts.mode}${opts.palette ? ', dark' : ''})`, () => {
      const r = renderModelSvg(model, opts);
      const { keys } = checkDocument(r, opts);
      assert.deepEqual([...keys.keys()], model.nodes.map((n) => `node:${n.id}`));
      const expected: Record<string, [string, string]> = {
        core: ['Core', '13 quotes · 2 cases'],
        'dim-a': ['Dimension A', '9 quotes · 2 cases'],
        a1: ['A one', '5 · 2'],
        a2: ['A two', '4 · 2'],
        old: ['old', '1 · 1'],
        'dim-b': ['Dimension B', '6 quotes · 2 cases'],
        b1: ['B one', '6 · 2'],
        b2: ['B two', '3 · 2'],
        unused: ['Unused', '0 · 0'],
      };
      for (const [id, [name, counts]] of Object.entries(expected)) {
        const texts = textOf(keys.get(`node:${id}`)!);
        assert.deepEqual(texts, [name, counts], id);
      }
      assert.deepEqual(r.items['node:b1'].quoteIds, model.nodes.find((n) => n.id === 'b1')!.quoteIds);
      assert.ok(r.svg.includes('Not in the codebook: #mystery (1 quote).'));
    });
  }

  it('draws the core category above one column per branch', () => {
    const { keys } = checkDocument(renderModelSvg(model), {});
    const box = (id: string) => {
      const hit = keys.get(`node:${id}`)!.children.find((c) => c.attrs.class === 'hit')!;
      return { x: Number(hit.attrs.x), y: Number(hit.attrs.y), w: Number(hit.attrs.width), h: Number(hit.attrs.height) };
    };
    const core = box('core');
    const a = box('dim-a');
    const b = box('dim-b');
    assert.ok(core.y + core.h < a.y && a.y === b.y, 'the dimensions sit side by side below the core');
    assert.ok(a.x + a.w < b.x, 'columns do not overlap');
    assert.ok(box('a1').y > a.y && box('a1').x >= a.x && box('a1').x + box('a1').w <= a.x + a.w, 'codes stand in their column');
    assert.ok(box('b2').x > box('b1').x, 'a code under a code is indented');
  });

  it('puts the codebook at the centre when there are several top-level codes', () => {
    const p = projectFrom({ 'codebook.yaml': 'title: Flat\ncodes:\n  x: {}\n  y: {}\n', 'transcripts/t.md': 'P: {{a}}{#x} {{b}}{#y}\n' });
    const r = renderModelSvg(axialModel(p));
    const { keys } = checkDocument(r, {});
    assert.deepEqual([...keys.keys()], ['total', 'node:x', 'node:y']);
    assert.deepEqual(textOf(keys.get('total')!), ['Flat', '2 quotes · 1 case']);
    assert.equal(r.items.total.quoteIds.length, 2);
  });

  it('escapes names and survives an empty codebook', () => {
    const p = projectFrom({ 'codebook.yaml': 'codes:\n  c: {kind: category, name: "<Care & \\"trust\\"> \'🙂\'\\u0001"}\n  x: {parent: c}\n' });
    const r = renderModelSvg(axialModel(p), { mode: 'export' });
    const { keys } = checkDocument(r, { mode: 'export' });
    assert.equal(textOf(keys.get('node:c')!)[0], '<Care & "trust"> \'🙂\'');
    const empty = renderModelSvg(axialModel(projectFrom({ 'codebook.yaml': 'codes: {}\n' })), { mode: 'export' });
    parseXml(empty.svg);
    assert.ok(empty.svg.includes('The codebook has no codes yet.'));
  });
});

describe('pictures: SVG of the co-occurrence heat map', () => {
  const co = codeCooccurrence(fixture);
  for (const opts of MODES) {
    it(`is well-formed with one cell per pair of codes, labelled by its count (${opts.mode}${opts.palette ? ', dark' : ''})`, () => {
      const r = renderCooccurrenceSvg(co, opts);
      const { svg, keys } = checkDocument(r, opts);
      const ids = co.codes.map((c) => c.id);
      const all = ids.flatMap((a) => ids.map((b) => `cell:${a}|${b}`));
      // An export draws its empty cells as one pattern: only the diagonal and the pairs that co-occur are elements.
      const exporting = opts.mode === 'export';
      const drawn = (k: string) => !exporting || k.split(':')[1].split('|')[0] === k.split('|')[1] || r.items[k] !== undefined;
      assert.deepEqual([...keys.keys()], all.filter(drawn));
      if (exporting) {
        assert.ok(keys.size < all.length, 'the fixture has empty cells');
        assert.match(r.svg, /class="zero"\/>\n<path class="gaps" d="M/, 'one square for the empty cells, one path for the gaps');
        assert.equal(r.items['cell:a1|unused'], undefined, 'no item for an empty cell that is not drawn');
      }
      const count = (a: string, b: string) => textOf(keys.get(`cell:${a}|${b}`)!);
      assert.deepEqual(count('a2', 'b1'), ['3']);
      assert.deepEqual(count('b1', 'a2'), ['3'], 'symmetric');
      assert.deepEqual(count('a1', 'b1'), ['2']);
      assert.deepEqual(count('a1', 'a1'), ['5'], 'the diagonal holds the quotes');
      if (!exporting) assert.deepEqual(count('a1', 'unused'), [], 'an empty cell has no number');
      assert.equal(r.items['cell:b1|a2'].quoteIds.length, 6);
      // Axis labels: every code name twice (row and column).
      const texts = textOf(svg);
      for (const c of co.codes) assert.equal(texts.filter((t) => t === c.name).length, 2, c.name);
      // The shade grows with the count.
      const shade = (a: string, b: string) => Number(keys.get(`cell:${a}|${b}`)!.children.find((e) => e.name === 'rect')!.attrs['fill-opacity']);
      assert.ok(shade('a2', 'b1') > shade('a1', 'b1') && shade('a1', 'b1') > shade('a1', 'b2'));
      assert.equal(shade('a2', 'b1'), 1);
    });
  }

  it('names the category groups beside the rows', () => {
    const texts = textOf(parseXml(renderCooccurrenceSvg(co).svg));
    assert.ok(texts.includes('Dimension A') && texts.includes('Dimension B'));
  });
});

describe('pictures: SVG of the code × case matrix', () => {
  const m = codeCaseMatrix(fixture);
  for (const opts of MODES) {
    it(`is well-formed with one cell per node and case, and totals (${opts.mode}${opts.palette ? ', dark' : ''})`, () => {
      const r = renderMatrixSvg(m, opts);
      const { svg, keys } = checkDocument(r, opts);
      // An export draws an empty cell as its 0 alone, not clickable.
      const exporting = opts.mode === 'export';
      const expectedKeys = [
        ...m.rows.flatMap((row) => [...m.cases.flatMap((c, ci) => (exporting && (row.cells[ci]?.count ?? 0) === 0 ? [] : [`cell:${row.id}|${c.id}`])), `total:${row.id}`]),
        ...m.cases.map((c) => `casetotal:${c.id}`),
        'total:*',
      ];
      assert.deepEqual([...keys.keys()], expectedKeys);
      const t = (key: string) => textOf(keys.get(key)!);
      assert.deepEqual(t('cell:a1|case:X'), ['3']);
      assert.deepEqual(t('cell:a1|file:transcripts/notes.md'), ['2']);
      if (exporting) assert.equal(keys.get('cell:unused|case:X'), undefined);
      else assert.deepEqual(t('cell:unused|case:X'), ['0']);
      assert.deepEqual(t('total:b1'), ['6']);
      assert.deepEqual(t('casetotal:case:X'), ['9']);
      assert.deepEqual(t('total:*'), ['13']);
      const texts = textOf(svg);
      for (const label of ['X', 'notes.md', '2 transcripts', '1 transcript', 'Total', 'All coded quotes']) assert.ok(texts.includes(label), label);
      for (const row of m.rows) assert.ok(texts.includes(row.name), row.name);
    });
  }
});

describe('pictures: SVG on the example project', () => {
  const example = loadProject(EXAMPLE);
  it('renders all three pictures as well-formed SVG with every node and cell', () => {
    const model = axialModel(example);
    const co = codeCooccurrence(example);
    const m = codeCaseMatrix(example);
    for (const opts of MODES) {
      assert.equal(checkDocument(renderModelSvg(model, opts), opts).keys.size, model.nodes.length);
      // Exports leave empty cells out of the clickable elements (checkDocument: an item for each element drawn).
      const exporting = opts.mode === 'export';
      const pairs = co.cells.filter((c) => c.a !== c.b && c.count > 0).length * 2 + co.codes.length;
      assert.equal(checkDocument(renderCooccurrenceSvg(co, opts), opts).keys.size, exporting ? pairs : co.codes.length ** 2);
      const filled = m.rows.reduce((n, r) => n + m.cases.filter((_, ci) => (r.cells[ci]?.count ?? 0) > 0).length, 0);
      assert.equal(checkDocument(renderMatrixSvg(m, opts), opts).keys.size, (exporting ? filled : m.rows.length * m.cases.length) + m.rows.length + m.cases.length + 1);
    }
  });
});

describe('pictures: static SVG (the html report)', () => {
  const example = loadProject(EXAMPLE);
  const opts: RenderOptions = { mode: 'export', static: true };

  it('draws the same numbers and labels as the export, with nothing to click: no keys, hit areas, tooltips or hover rules', () => {
    const pictures = [
      [renderModelSvg(axialModel(example), opts), renderModelSvg(axialModel(example), { mode: 'export' })],
      [renderCooccurrenceSvg(codeCooccurrence(example), opts), renderCooccurrenceSvg(codeCooccurrence(example), { mode: 'export' })],
      [renderMatrixSvg(codeCaseMatrix(example), opts), renderMatrixSvg(codeCaseMatrix(example), { mode: 'export' })],
    ];
    for (const [still, clickable] of pictures) {
      const svg = parseXml(still.svg);
      assert.equal(svg.name, 'svg');
      assert.equal(clickables(svg).size, 0);
      assert.doesNotMatch(still.svg, /class="hit"|tabindex|data-key|:hover/);
      // One <title>: the picture's own.
      assert.equal(all(svg).filter((el) => el.name === 'title').length, 1);
      // The drawn text is the export's, less its tooltips.
      const shown = (x: RenderedPicture) => textOf(parseXml(x.svg)).filter((t) => t !== '');
      const tooltips = new Set(all(parseXml(clickable.svg)).filter((el) => el.name === 'title').flatMap((el) => textOf(el)));
      assert.deepEqual(shown(still), shown(clickable).filter((t) => !tooltips.has(t)));
      assert.ok(still.svg.length < clickable.svg.length, `${still.svg.length} < ${clickable.svg.length}`);
    }
  });

  it('centres the numbers of a row of the matrix with one attribute on its group', () => {
    const r = renderMatrixSvg(codeCaseMatrix(fixture), opts);
    const svg = parseXml(r.svg);
    const groups = all(svg).filter((el) => el.name === 'g' && el.attrs['text-anchor'] === 'middle');
    assert.equal(groups.length, codeCaseMatrix(fixture).rows.length + 1, 'a group per row and the totals row');
    for (const g of groups) for (const t of all(g).filter((el) => el.name === 'text')) assert.equal(t.attrs['text-anchor'], undefined);
  });
});
