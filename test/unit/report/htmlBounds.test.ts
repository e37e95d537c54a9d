import * as assert from 'node:assert/strict';
import { generateProjectCodebook, generateProjectTranscript } from '../../../bench/project';
import { renderCooccurrenceSvg, renderMatrixSvg } from '../../../core/analysis/svg';
import { PICTURE_QUOTE_LIMIT, PICTURE_QUOTES_PER_ITEM } from '../../../core/analysis/limit';
import {
  boundCooccurrence,
  boundMatrix,
  cutText,
  HTML_BOUNDS,
  inlineSvg,
  largest,
  quoteAllowances,
  reportData,
  reportHtml,
  reportTables,
  spreadSample,
  type ReportData,
} from '../../../core/report';
import type { Project } from '../../../core';
import { projectFrom } from '../analysis/load';

/** A csv table's records as rows of fields (the generated project has no field that needs quoting). */
function csvRows(records: Iterable<string>): string[][] {
  return [...records].map((r) => {
    assert.doesNotMatch(r, /"/, 'a plain field');
    return r.replace(/\r\n$/, '').split(',');
  });
}

/** Numbers as the page writes them in prose: 1,000. */
const n = (x: number) => x.toLocaleString('en-US');

/** The `<figure>` of the page whose caption is `caption`. */
function figure(page: string, caption: string): string {
  const start = page.indexOf(`<figure><figcaption>${caption}</figcaption>`);
  assert.ok(start >= 0, `a figure ${caption}`);
  return page.slice(start, page.indexOf('</figure>', start));
}

/** Undoes the page's escaping of text. */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('report: the html bounds', () => {
  describe('quoteAllowances', () => {
    it('shows short lists whole and gives every cut list the same allowance, at most perItem, within the total', () => {
      assert.deepEqual(quoteAllowances([3, 0, 5], 200, 5000), [3, 0, 5]);
      assert.deepEqual(quoteAllowances([300, 2], 200, 5000), [200, 2]);
      // 5×k ≤ 30 → k = 6 (the 10 is cut too).
      assert.deepEqual(quoteAllowances([10, 100, 100, 100, 100], 200, 30), [6, 6, 6, 6, 6]);
      // Two short lists whole, the rest share what is left: 2 + 3 + 3×k ≤ 20 → k = 5, spare 0.
      assert.deepEqual(quoteAllowances([2, 3, 50, 50, 50], 200, 20), [2, 3, 5, 5, 5]);
      // The spare goes one each to the first cut lists: 3×k ≤ 10 → k = 3, spare 1.
      assert.deepEqual(quoteAllowances([40, 40, 40], 200, 10), [4, 3, 3]);
      assert.deepEqual(quoteAllowances([], 200, 10), []);
    });

    it('property: never above a list, perItem or the total; a cut list is never shorter than another list’s allowance minus one', () => {
      let seed = 7;
      const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % k);
      for (let run = 0; run < 500; run++) {
        const lengths = Array.from({ length: rand(40) }, () => (rand(4) === 0 ? rand(1000) : rand(20)));
        const perItem = 1 + rand(60);
        const total = rand(400);
        const a = quoteAllowances(lengths, perItem, total);
        assert.ok(a.reduce((s, x) => s + x, 0) <= total);
        a.forEach((x, i) => assert.ok(x >= 0 && x <= lengths[i] && x <= perItem));
        const cut = a.filter((x, i) => x < lengths[i]);
        if (cut.length > 0) for (const x of a) assert.ok(Math.min(...cut) >= Math.min(x, perItem) - 1, JSON.stringify({ lengths, perItem, total, a }));
        // Nothing is cut when everything fits.
        if (lengths.reduce((s, x) => s + Math.min(x, perItem), 0) <= total) assert.deepEqual(a, lengths.map((x) => Math.min(x, perItem)));
      }
    });
  });

  it('largest, spreadSample and cutText', () => {
    assert.deepEqual(largest([5, 9, 1, 9, 3], 3), [0, 1, 3]);
    assert.deepEqual(largest([5, 9], 3), [0, 1]);
    assert.deepEqual(spreadSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4), [0, 2, 5, 7]);
    assert.deepEqual(spreadSample([1, 2], 4), [1, 2]);
    assert.equal(cutText('short', 10), 'short');
    assert.equal(cutText('abcdefghij-klm', 10), 'abcdefghij… (4 more characters)');
    // A surrogate pair is not split.
    assert.equal(cutText('abc😊def', 4), 'abc… (5 more characters)');
  });

  describe('on a generated project of 1,000 transcripts and 500 codes', function () {
    this.timeout(120000);
    let project: Project;
    let data: ReportData;
    let page: string;
    before(() => {
      const { yaml, codes } = generateProjectCodebook(500, 1);
      const files: Record<string, string> = { 'codebook.yaml': yaml };
      // Short transcripts: the shape that makes the page large is 500 codes × 1,000 cases.
      for (let i = 1; i <= 1000; i++) files[`transcripts/case-${String(i).padStart(4, '0')}.md`] = generateProjectTranscript(i, codes, { seed: 1, turns: 60 }).text;
      project = projectFrom(files);
      data = reportData(project);
      page = reportHtml(data);
    });

    it('is a page of at most 5 MB (it was about 100 MB) with every section present', () => {
      assert.equal(data.transcripts, 1000);
      assert.ok(data.codings.length > 10000, `${data.codings.length} codings`);
      const bytes = Buffer.byteLength(page);
      assert.ok(bytes < 5e6, `${(bytes / 1e6).toFixed(2)} MB`);
      assert.equal((page.match(/<svg /g) ?? []).length, 3);
      assert.match(page, /<h2>Categories and codes<\/h2>/);
      assert.match(page, /<h2>Memos<\/h2>/);
      assert.doesNotMatch(page, /<script|https?:|data-key|class="hit"/i, 'self-contained and static');
      assert.match(page, /A large project: this page shows what a reader can take in of some sections/);
    });

    it('lists at most the page’s quota of quotes, each code’s cut said with its exact count', () => {
      const quotes = (page.match(/<blockquote>/g) ?? []).length - (page.slice(page.indexOf('<h2>Memos</h2>')).match(/<blockquote>/g) ?? []).length;
      assert.ok(quotes <= PICTURE_QUOTE_LIMIT && quotes > PICTURE_QUOTE_LIMIT / 2, `${quotes} quotes`);
      let cut = 0;
      for (const code of data.codes) {
        const section = page.slice(page.indexOf(`<section class="code ${code.kind}" id="code-${code.id}">`));
        const body = section.slice(0, section.indexOf('</section>'));
        const shown = (body.match(/<blockquote>/g) ?? []).length;
        assert.ok(shown <= PICTURE_QUOTES_PER_ITEM);
        const note = body.match(/<p class="bound">([\d,]+) of the ([\d,]+) codings of this code/);
        if (shown < code.codings.length) {
          cut++;
          assert.ok(note, `${code.id} says what it leaves out`);
          assert.equal(note[1], n(shown));
          assert.equal(note[2], n(code.codings.length));
          assert.match(body, /quotes\.csv from <code>axial report --format csv<\/code> lists them all/);
        } else assert.equal(note, null);
      }
      assert.ok(cut > 100, `${cut} codes cut`);
    });

    it('the matrix shows the 50 codes with the most quotes by the 60 cases with the most coded quotes; its numbers are code-by-case.csv’s', () => {
      const fig = figure(page, 'Codes by case');
      const codeRows = data.matrix.rows.filter((r) => r.kind === 'code');
      const cases = data.matrix.cases.length;
      assert.equal(cases, 1000);
      assert.ok(fig.includes(`Showing the 50 codes with the most quotes (of ${n(codeRows.length)}; with the categories above them) by the 60 cases with the most coded quotes (of 1,000; the All cases column counts every case).`));
      assert.match(fig, /code-by-case\.csv from <code>axial report --format csv<\/code> has every code and case/);

      // The shown codes are the top 50 by quotes: none left out has more than the least shown.
      const b = boundMatrix(data.matrix);
      const shown = b.input.rows.filter((r) => r.kind === 'code');
      assert.equal(shown.length, 50);
      const least = Math.min(...shown.map((r) => r.total.count));
      const ids = new Set(shown.map((r) => r.id));
      for (const r of codeRows) if (!ids.has(r.id)) assert.ok(r.total.count <= least);
      assert.equal(b.input.cases.length, 60);
      assert.deepEqual(b.leftOut, { codes: codeRows.length - 50, ofCodes: codeRows.length, cases: 940, ofCases: 1000 });

      // The page's picture is this one, and every number in it is the csv's.
      assert.ok(fig.includes(inlineSvg(renderMatrixSvg(b.input, { mode: 'export', static: true }).svg)));
      const csv = csvRows(reportTables(project, data.filters).records('code-by-case.csv'));
      const header = csv[0];
      const byId = new Map(csv.slice(1).map((r) => [r[0], r]));
      const headers = [...fig.matchAll(/<text [^>]*class="bold" text-anchor="middle">([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
      const shownCases = b.input.cases.map((c) => c.label);
      assert.deepEqual(headers.slice(0, 60), shownCases, 'the column headers');
      const column = shownCases.map((label) => header.indexOf(label));
      assert.ok(column.every((c) => c >= 3));
      const nameToId = new Map(b.input.rows.map((r) => [r.name, r.id]));
      // Each row: its label, then a group with a number per shown case and the row's total.
      const rows = [...fig.matchAll(/>([^<>]+)<\/text>\n<g text-anchor="middle">\n([\s\S]*?)\n<\/g>/g)];
      assert.equal(rows.length, b.input.rows.length + 1, 'a group per row and the totals row');
      let checked = 0;
      for (const [, label, cells] of rows) {
        const numbers = [...cells.matchAll(/>(\d+)<\/text>/g)].map((m) => Number(m[1]));
        assert.equal(numbers.length, 61);
        if (label === 'All coded quotes') continue;
        const id = nameToId.get(unescape(label))!;
        const record = byId.get(id)!;
        assert.ok(record, `${label} is a row of the csv`);
        assert.deepEqual(numbers.slice(0, 60), column.map((c) => Number(record[c])), `${id} per case`);
        // The total column counts every case (distinct quotes, as the model's count).
        assert.equal(numbers[60], data.codes.find((c) => c.id === id)!.quotes);
        checked++;
      }
      assert.equal(checked, b.input.rows.length);
    });

    it('the co-occurrence map shows the 50 codes with the most quotes; its numbers are cooccurrence.csv’s', () => {
      const fig = figure(page, 'Code co-occurrence');
      const all = data.cooccurrence.codes.length;
      assert.ok(fig.includes(`Showing the 50 codes with the most quotes, of ${n(all)}; ${n(all - 50)} codes are left out. cooccurrence.csv from <code>axial report --format csv</code> has every pair.`));
      const b = boundCooccurrence(data.cooccurrence);
      assert.equal(b.input.codes.length, 50);
      assert.ok(fig.includes(inlineSvg(renderCooccurrenceSvg(b.input, { mode: 'export', static: true }).svg)));
      const csv = csvRows(reportTables(project, data.filters).records('cooccurrence.csv'));
      const col = new Map(csv[0].map((id, i) => [id, i]));
      const row = new Map(csv.slice(1).map((r) => [r[0], r]));
      let nonZero = 0;
      for (const cell of b.input.cells) {
        assert.equal(cell.count, Number(row.get(cell.a)![col.get(cell.b)!]), `${cell.a} × ${cell.b}`);
        if (cell.a !== cell.b) nonZero++;
      }
      // The numbers drawn are those cells' counts (the static map draws only non-zero cells, a pair on both sides of the diagonal).
      const group = fig.slice(fig.indexOf('<g text-anchor="middle">'));
      const drawn = [...group.slice(0, group.indexOf('</g>')).matchAll(/>(\d+)<\/text>/g)].map((m) => Number(m[1]));
      assert.deepEqual(drawn.sort((x, y) => x - y), b.input.cells.flatMap((c) => (c.a === c.b ? [c.count] : [c.count, c.count])).sort((x, y) => x - y));
      assert.ok(nonZero > 50, `${nonZero} pairs drawn`);
    });
  });

  it('small bounds on a hand-made project: each cut is said, counts stay exact, text stays escaped', () => {
    const project = projectFrom({
      'codebook.yaml': ['version: 1', 'codes:', '  a:', '    name: "A <b>one</b>"', '  b:', '    name: B', '  c:', '    name: C', ''].join('\n'),
      'transcripts/x.md': ['---', 'case: X', '---', 'P: {{one <script>}}{#a "m1"} {{two}}{#a "m2"} {{three}}{#a #b}', ''].join('\n'),
      'transcripts/y.md': ['---', 'case: Y', '---', 'P: {{four}}{#a} {{five}}{#c}', ''].join('\n'),
    });
    const data = reportData(project);
    const bounds = { ...HTML_BOUNDS, matrixCodes: 1, matrixCases: 1, cooccurrenceCodes: 2, quotesPerCode: 2, quotes: 3, memos: 1, textChars: 3 };
    const page = reportHtml(data, bounds);
    assert.doesNotMatch(page, /<script>|<b>one/, 'escaped');
    assert.match(page, /A &lt;b&gt;one&lt;\/b&gt;/);
    // a has 4 codings, b and c 1 each: 3 quotes for the page → a 1, b 1, c 1.
    assert.match(page, /<p class="bound">1 of the 4 codings of this code/);
    assert.match(page, /1 of the 2 memos written in blocks/);
    assert.match(page, /<blockquote>one… \(9 more characters\)/);
    assert.match(figure(page, 'Codes by case'), /Showing the 1 codes with the most quotes \(of 3; with the categories above them\) by the 1 cases with the most coded quotes \(of 2; the All cases column counts every case\)/);
    assert.match(figure(page, 'Code co-occurrence'), /Showing the 2 codes with the most quotes, of 3; 1 codes are left out/);
    const m = boundMatrix(data.matrix, bounds);
    assert.deepEqual(m.input.rows.map((r) => [r.id, r.cells.map((c) => c.count), r.total.count]), [['a', [3], 4]]);
    assert.deepEqual(m.input.cases.map((c) => c.label), ['X']);
    // Only the cases cut: every code, and the All cases column.
    const casesOnly = reportHtml(data, { ...HTML_BOUNDS, matrixCases: 1 });
    assert.match(figure(casesOnly, 'Codes by case'), /Showing every code by the 1 cases with the most coded quotes \(of 2; the All cases column counts every case\)/);
    assert.match(casesOnly, /A large project: this page shows what a reader can take in/);
    assert.equal((casesOnly.match(/class="bound"/g) ?? []).length, 2, 'the page’s notice and the matrix’s');
    // Nothing cut with the default bounds: the page names no bound.
    assert.doesNotMatch(reportHtml(data), /class="bound"/);
  });
});
