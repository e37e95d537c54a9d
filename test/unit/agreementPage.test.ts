/** The "Compare Coders" webview's page (client/agreement/html.ts: pure, no `vscode`). */
import * as assert from 'node:assert/strict';
import { agreementHtml, DEFAULT_THRESHOLDS, grade, percentText, statText } from '../../client/agreement/html';
import type { AgreementResult } from '../../common/protocol';
import { parseTranscript } from '../../core';
import { agreementFile, computeAgreement } from '../../core/agreement';

const ZERO = { line: 0, character: 0 };

/** A server answer for hand-made transcripts, as server/agreement.ts builds it (places left at 0). */
function result(texts: Record<string, string>, coders: string[], title = 'Study'): AgreementResult {
  const files = Object.entries(texts).map(([p, text]) => agreementFile(p, parseTranscript(text)));
  const report = computeAgreement(files, { coders });
  const place = { start: ZERO, end: ZERO };
  return {
    root: 'file:///study',
    title,
    allCoders: coders,
    unit: 'turn',
    skipped: [],
    report: {
      ...report,
      disagreements: report.disagreements.map((d) => ({ ...d, uri: `file:///study/${d.file}`, range: place, reveal: place })),
      disagreementCounts: Object.fromEntries(report.codes.map((c) => [c.code, report.disagreements.filter((d) => d.code === c.code).length])),
    },
  };
}

const page = (r: AgreementResult, chosenCoders: string[] = []) => agreementHtml({ result: r, chosenCoders, thresholds: DEFAULT_THRESHOLDS, nonce: 'n0nce' });

describe('Compare Coders page', () => {
  it("grades by Krippendorff's conventions at the thresholds' edges; undefined is its own grade", () => {
    const t = DEFAULT_THRESHOLDS;
    assert.deepEqual([0.8, 0.7999, 0.667, 0.6669, -0.2].map((value) => grade({ value }, t)), ['good', 'tentative', 'tentative', 'poor', 'poor']);
    assert.equal(grade({ value: null, reason: 'no variation' }, t), 'undefined');
    assert.equal(grade({ value: 0.85 }, { good: 0.9, tentative: 0.8 }), 'tentative');
  });

  it('shows an undefined statistic as "undefined" with its reason, never NaN', () => {
    assert.equal(statText({ value: null, reason: 'x' }), 'undefined');
    assert.equal(percentText({ value: null, reason: 'x' }), 'undefined');
    assert.equal(statText({ value: 0.85651 }), '0.857');
    assert.equal(percentText({ value: 0.98913 }), '98.9%');
    // Both coders applied `a` to every unit: no variation, alpha undefined.
    const r = result({ 't.md': 'P: {{one}}{#a @CA}{#a @LN}\nI: {{two}}{#a @CA}{#a @LN}\n' }, ['CA', 'LN']);
    assert.equal(r.report!.codes[0].alpha.value, null);
    const html = page(r);
    assert.ok(!html.includes('NaN'));
    assert.match(html, /<td class="num undefined" title="Krippendorff&#39;s alpha is undefined: [^"]+">undefined<\/td>/);
  });

  it('colours each alpha cell by its grade and counts each code\'s disagreements', () => {
    const r = result({ 't.md': 'P: {{one}}{#a @CA}{#a @LN}\nI: {{two}}{#a @CA}\nP: three\nI: {{four}}{#b @LN}\n' }, ['CA', 'LN']);
    const html = page(r);
    for (const c of [...r.report!.codes, { code: 'overall', ...r.report!.overall }]) {
      assert.ok(html.includes(`<td class="num ${grade(c.alpha, DEFAULT_THRESHOLDS)}" title="Krippendorff&#39;s alpha ${statText(c.alpha)}`), c.code);
    }
    assert.match(html, /data-code="0" title="1 disagreement: click to list">a<\/a> <span class="count">1<\/span>/);
    assert.match(html, /<th scope="col" title="units CA marked">CA<\/th><th scope="col" title="units LN marked">LN<\/th>/);
    assert.ok(!html.includes('id="coders"'), 'no coder picker for two coders');
  });

  it('with more than two coders: a coder picker (all ticked by default), kappa as pairs, and the pairwise table', () => {
    const r = result({ 't.md': 'P: {{one}}{#a @CA}{#a @LN}{#a @ZZ}\nI: {{two}}{#a @CA}\n' }, ['CA', 'LN', 'ZZ']);
    const html = page(r);
    assert.equal((html.match(/<input type="checkbox" value="[A-Z]+" checked>/g) ?? []).length, 3);
    assert.match(html, /<td class="num pairs"[^>]*>pairs<\/td>/);
    assert.match(html, /<caption>Overall, per coder pair<\/caption>/);
    assert.equal((html.match(/<tr><th scope="row">[A-Z]+ – [A-Z]+<\/th>/g) ?? []).length, 3);
    const some = page(r, ['CA', 'LN']);
    assert.match(some, /value="ZZ">/);
    assert.ok(!some.includes('value="ZZ" checked'));
  });

  it('escapes the project\'s text in the page and in the data', () => {
    const r = result({ 't.md': 'P: {{</script><b>x</b>}}{#a @CA}\nI: {{y}}{#a @LN}\n' }, ['CA', 'LN'], '<i>Study</i>');
    const html = page(r);
    assert.ok(html.includes('<h1>&lt;i&gt;Study&lt;/i&gt;</h1>'));
    assert.ok(!html.includes('</script><b>'), 'the quote cannot close the data script');
    assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
  });

  it('shows an error instead of the table', () => {
    const html = page({ root: 'file:///s', allCoders: ['CA'], unit: 'line', skipped: [], error: 'One coder only: only CA coded in this project.' });
    assert.match(html, /<p class="error" role="alert">One coder only: only CA coded in this project\.<\/p>/);
    assert.ok(!html.includes('<table'));
    assert.match(html, /<option value="line" selected>line<\/option>/);
  });
});
