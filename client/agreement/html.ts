/**
 * The page of the "Compare Coders" webview: the unit and coder pickers, a table of
 * the codes with their agreement (units, units each coder marked, percent, Cohen's
 * kappa, Krippendorff's alpha) and an overall row, kappa and alpha cells coloured by
 * the settable thresholds, the coder pairs when more than two coders are compared,
 * and below, the disagreements of the code clicked. A choice of what to compare:
 * the coders in the same files, or two revisions (each one coder). No vscode import, so unit tests
 * check it directly.
 *
 * Security, as the pictures' page: the strict Content-Security-Policy of
 * client/webview/page.ts (nothing remote); every text from the project is
 * escaped before it enters the page; the disagreements travel as JSON in a
 * non-executed <script type="application/json"> and the list is built with
 * textContent, never innerHTML.
 */
import type { AgreementResult } from '../../common/protocol';
import { xml } from '../../core/analysis';
import type { AgreementFigures, Statistic } from '../../core/agreement';
import { clickOnRequest, ELEMENT_FUNCTION, scriptJson, webviewDocument } from '../webview/page';

/** Krippendorff's conventions: rely on alpha ≥ 0.8, draw tentative conclusions from 0.667. */
export interface Thresholds {
  good: number;
  tentative: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { good: 0.8, tentative: 0.667 };

export interface AgreementPage {
  result: AgreementResult;
  /** The coders the user asked for (empty: all), for the picker's ticks. */
  chosenCoders: string[];
  thresholds: Thresholds;
  nonce: string;
}

/** A statistic's class: `good`, `tentative`, `poor`, or `undefined` when the data leave it undefined. */
export function grade(s: Statistic, t: Thresholds): 'good' | 'tentative' | 'poor' | 'undefined' {
  if (s.value === null) return 'undefined';
  return s.value >= t.good ? 'good' : s.value >= t.tentative ? 'tentative' : 'poor';
}

/** A statistic as the table shows it: three decimals, or "undefined" (never NaN). */
export function statText(s: Statistic): string {
  return s.value === null ? 'undefined' : s.value.toFixed(3);
}

/** Percent agreement as the table shows it: one decimal and a % sign, or "undefined". */
export function percentText(s: Statistic): string {
  return s.value === null ? 'undefined' : `${(s.value * 100).toFixed(1)}%`;
}

function statCell(s: Statistic, t: Thresholds, what: string): string {
  const g = grade(s, t);
  const title = s.value === null ? `${what} is undefined: ${s.reason}` : `${what} ${s.value.toFixed(3)} (${g === 'good' ? `≥ ${t.good}` : g === 'tentative' ? `≥ ${t.tentative}, < ${t.good}` : `< ${t.tentative}`})`;
  return `<td class="num ${g}" title="${xml(title)}">${xml(statText(s))}</td>`;
}

function figureCells(f: AgreementFigures, coders: string[], t: Thresholds): string {
  const pairwise = coders.length > 2;
  return [
    `<td class="num">${f.units}</td>`,
    ...coders.map((c) => `<td class="num">${f.marked[c] ?? 0}</td>`),
    `<td class="num" title="${xml(f.percent.value === null ? `undefined: ${f.percent.reason}` : 'units (or pairs of judgements) on which the coders agree')}">${xml(percentText(f.percent))}</td>`,
    pairwise ? `<td class="num pairs" title="Cohen's kappa compares two coders: see the pairs">pairs</td>` : statCell(f.kappa, t, "Cohen's kappa"),
    statCell(f.alpha, t, "Krippendorff's alpha"),
  ].join('');
}

function pairsTable(f: AgreementFigures, t: Thresholds, caption: string): string {
  const rows = f.pairs.map(
    (p) => `<tr><th scope="row">${xml(p.coders.join(' – '))}</th><td class="num">${xml(percentText(p.percent))}</td>${statCell(p.kappa, t, "Cohen's kappa")}${statCell(p.alpha, t, "Krippendorff's alpha")}</tr>`,
  );
  return `<table class="pairs"><caption>${xml(caption)}</caption><thead><tr><th scope="col">pair</th><th scope="col">percent</th><th scope="col">kappa</th><th scope="col">alpha</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function agreementHtml(page: AgreementPage): string {
  const r = page.result;
  const t = page.thresholds;
  const body: string[] = [];
  const report = r.report;
  const shownCoders = report?.coders ?? [];
  body.push(`<header><h1>${xml(r.title ?? 'Inter-coder agreement')}</h1>`);
  if (report) {
    const nf = report.files.length;
    body.push(`<p class="summary">Agreement of ${xml(report.coders.join(', '))} on ${nf} transcript${nf === 1 ? '' : 's'} (unit: ${xml(report.unit)}) · ${report.disagreements.length} disagreement${report.disagreements.length === 1 ? '' : 's'}</p>`);
  }
  body.push('<form class="controls" id="controls">');
  // Which coders: those in the same files, or two revisions (each one coder); the extension asks for the revisions.
  const byRevision = (r.revisions?.length ?? 0) > 0;
  body.push(
    `<label>Compare <select id="mode"><option value="files"${byRevision ? '' : ' selected'}>coders in the same files</option>${
      byRevision ? `<option value="current" selected>revisions ${xml(r.revisions!.join(' and '))}</option>` : ''
    }<option value="revisions">two revisions…</option></select></label>`,
  );
  body.push(`<label>Unit <select id="unit">${['turn', 'line', 'char'].map((u) => `<option value="${u}"${u === r.unit ? ' selected' : ''}>${u}</option>`).join('')}</select></label>`);
  if (r.allCoders.length > 2) {
    const chosen = page.chosenCoders.length > 0 ? new Set(page.chosenCoders) : new Set(r.allCoders);
    body.push(
      `<fieldset id="coders"><legend>Coders</legend>${r.allCoders.map((c) => `<label><input type="checkbox" value="${xml(c)}"${chosen.has(c) ? ' checked' : ''}> ${xml(c)}</label>`).join(' ')}</fieldset>`,
    );
  }
  body.push(
    `<span class="legend">alpha and kappa: <span class="good">≥ ${t.good}</span> <span class="tentative">≥ ${t.tentative}</span> <span class="poor">below</span> <span class="undefined">undefined</span></span>`,
  );
  body.push('<button id="refresh" class="secondary" type="button">Refresh</button>');
  body.push('</form></header>');
  if (r.error) body.push(`<p class="error" role="alert">${xml(r.error)}</p>`);
  if (report) {
    const head = `<tr><th scope="col">code</th><th scope="col" title="units compared">units</th>${shownCoders.map((c) => `<th scope="col" title="units ${xml(c)} marked">${xml(c)}</th>`).join('')}<th scope="col">percent</th><th scope="col" title="Cohen's kappa">kappa</th><th scope="col" title="Krippendorff's alpha (nominal)">alpha</th></tr>`;
    const rows = report.codes.map((c, i) => {
      const k = report.disagreementCounts[c.code] ?? 0;
      return `<tr class="code" data-code="${i}"><th scope="row"><a href="#" class="code" data-code="${i}" title="${k} disagreement${k === 1 ? '' : 's'}: click to list">${xml(c.code)}</a>${k > 0 ? ` <span class="count">${k}</span>` : ''}</th>${figureCells(c, shownCoders, t)}</tr>`;
    });
    body.push(`<table id="codes"><thead>${head}</thead><tbody>${rows.join('')}</tbody><tfoot><tr class="overall"><th scope="row">overall</th>${figureCells(report.overall, shownCoders, t)}</tr></tfoot></table>`);
    if (shownCoders.length > 2) body.push(pairsTable(report.overall, t, 'Overall, per coder pair'));
    body.push('<section id="disagreements" aria-live="polite"><p class="empty">Click a code to list its disagreements.</p></section>');
    const notes: string[] = [
      ...report.notCompared.map((s) => `<li>${xml(s.file)}: not compared, ${xml(s.reason)}</li>`),
      ...r.skipped.map((s) => `<li class="skipped">${xml(s.file)}: skipped, ${xml(s.reason)}</li>`),
    ];
    if (notes.length > 0) body.push(`<details class="files"><summary>${notes.length} transcript${notes.length === 1 ? '' : 's'} left out</summary><ul>${notes.join('')}</ul></details>`);
  }
  const data = report
    ? {
        codes: report.codes.map((c) => c.code),
        pairwise: shownCoders.length > 2,
        counts: report.codes.map((c) => report.disagreementCounts[c.code] ?? 0),
        pairs: report.codes.map((c) => c.pairs.map((p) => ({ coders: p.coders, percent: percentText(p.percent), kappa: statText(p.kappa), alpha: statText(p.alpha) }))),
        disagreements: report.disagreements.map((d) => ({ file: d.file, line: d.line, code: d.code, marked: d.marked, unmarked: d.unmarked, codes: d.codes, quote: d.quote, atRevision: d.atRevision })),
      }
    : { codes: [], counts: [], pairwise: false, pairs: [], disagreements: [] };
  body.push(`<script type="application/json" id="axial-data">${scriptJson(data)}</script>`);
  return webviewDocument({ nonce: page.nonce, title: 'Compare Coders', css: PAGE_CSS, body: body.join('\n'), script: PAGE_SCRIPT });
}

/** The agreement table's own layout (client/webview/page.ts has the base). */
const PAGE_CSS = `
body { padding: 8px 20px 24px; }
h1 { font-size: 1.3em; margin: 8px 0 2px; }
.summary, .empty, .legend, .count, caption, .files { color: var(--vscode-descriptionForeground); }
.controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 6px 0 10px; }
fieldset { border: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35)); padding: 2px 8px; margin: 0; }
legend { padding: 0 4px; }
select {
  font: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background);
  border: 1px solid var(--vscode-dropdown-border, transparent);
}
table { border-collapse: collapse; margin: 4px 0 12px; }
caption { text-align: left; padding: 2px 0; }
th, td { padding: 2px 10px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.25)); }
thead th { text-align: right; font-weight: 600; }
thead th:first-child, tbody th, tfoot th { text-align: left; font-weight: normal; font-family: var(--vscode-editor-font-family); }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.5)); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
/* A code's row and link are not the base's code chips. */
tr.code, tr.code a.code { font-size: inherit; padding: 0; border-radius: 0; background: none; }
tr.code.selected { background: var(--vscode-list-activeSelectionBackground); color: var(--vscode-list-activeSelectionForeground); }
.good { background: rgba(40, 160, 70, 0.25); }
.tentative { background: rgba(220, 170, 0, 0.28); }
.poor { background: rgba(220, 50, 50, 0.28); }
.undefined { color: var(--vscode-descriptionForeground); font-style: italic; }
.legend span { padding: 0 4px; border-radius: 2px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a:hover, a:focus { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
.error { color: var(--vscode-errorForeground); }
#disagreements h2 { font-size: 1.05em; margin: 10px 0 4px; }
#disagreements ol { margin: 0; padding-left: 2em; }
#disagreements li { margin: 0 0 8px; }
.meta { color: var(--vscode-descriptionForeground); font-size: 0.92em; }
.skipped { color: var(--vscode-errorForeground); }
`;

/** The page's script (plain ES2020 that runs in the webview). */
const PAGE_SCRIPT = `
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const data = JSON.parse(document.getElementById('axial-data').textContent);
  const list = document.getElementById('disagreements');
  let selected = null;

  ${ELEMENT_FUNCTION}

  /** One line per disagreement: where, who marked it, what the others coded there, the quote. */
  function describe(d) {
    const others = d.unmarked.map(function (c) {
      const codes = (d.codes[c] || []).filter(function (x) { return x !== d.code; });
      return codes.length > 0 ? c + ': ' + codes.join(', ') : c + ': nothing';
    });
    return d.marked.join(', ') + ' marked it, ' + d.unmarked.join(', ') + ' did not (' + others.join('; ') + ')';
  }

  function showCode(i) {
    const code = data.codes[i];
    list.textContent = '';
    const items = [];
    data.disagreements.forEach(function (d, di) { if (d.code === code) items.push([d, di]); });
    const total = data.counts[i];
    list.appendChild(el('h2', '', code + ': ' + total + ' disagreement' + (total === 1 ? '' : 's')));
    if (items.length < total) list.appendChild(el('p', 'meta', 'The first ' + items.length + ' are listed; axial agree --code ' + code + ' --format md lists them all.'));
    if (data.pairwise) {
      const p = el('p', 'meta');
      p.textContent = data.pairs[i].map(function (x) { return x.coders.join(' \\u2013 ') + ': ' + x.percent + ', kappa ' + x.kappa + ', alpha ' + x.alpha; }).join(' \\u00b7 ');
      list.appendChild(p);
    }
    if (items.length === 0) {
      list.appendChild(el('p', 'empty', 'The coders agree on every unit.'));
      return [];
    }
    const ol = el('ol');
    const texts = [];
    for (const [d, di] of items) {
      const li = el('li');
      const a = el('a', 'disagreement', d.file + ':' + d.line);
      a.href = '#';
      a.setAttribute('data-index', String(di));
      a.title = 'Open ' + d.file + ':' + d.line + ' at the span';
      li.appendChild(a);
      li.appendChild(document.createTextNode(' \\u201c' + d.quote + '\\u201d'));
      li.appendChild(el('div', 'meta', describe(d)));
      if (d.atRevision) li.appendChild(el('div', 'meta at-revision', 'The file in the working tree has other text: it opens where the span stands at ' + d.atRevision + '.'));
      ol.appendChild(li);
      texts.push((d.file + ':' + d.line + ' \\u201c' + d.quote + '\\u201d \\u2014 ' + describe(d)).replace(/\\s+/g, ' ').trim());
    }
    list.appendChild(ol);
    return texts;
  }

  function options() {
    const unit = document.getElementById('unit').value;
    const boxes = Array.from(document.querySelectorAll('#coders input[type=checkbox]'));
    const coders = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    return { unit: unit, coders: boxes.length > 0 && coders.length === boxes.length ? [] : coders };
  }

  document.addEventListener('click', function (e) {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const link = t.closest('a.disagreement');
    if (link) {
      e.preventDefault();
      vscode.postMessage({ type: 'open', index: Number(link.getAttribute('data-index')) });
      return;
    }
    const row = t.closest('tr.code');
    if (row) {
      e.preventDefault();
      if (selected) selected.classList.remove('selected');
      selected = row;
      row.classList.add('selected');
      const i = Number(row.getAttribute('data-code'));
      const items = showCode(i);
      vscode.postMessage({ type: 'select', code: data.codes[i], disagreements: items });
      return;
    }
    if (t.closest('#refresh')) vscode.postMessage(Object.assign({ type: 'options' }, options()));
  });
  document.addEventListener('change', function (e) {
    const t = e.target;
    if (t instanceof Element && t.id === 'mode') {
      if (t.value !== 'current') vscode.postMessage({ type: 'mode', mode: t.value, unit: document.getElementById('unit').value });
      return;
    }
    if (t instanceof Element && t.closest('#controls')) vscode.postMessage(Object.assign({ type: 'options' }, options()));
  });
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    ${clickOnRequest()}
    if (m.type === 'set') {
      // Sets a picker as the user would, firing its change (the extension's tests use it).
      const target = document.querySelector(m.selector);
      if (target && 'checked' in m) target.checked = !!m.checked;
      if (target && 'value' in m) target.value = m.value;
      if (target) target.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  // What the page shows, for the extension's tests: each row's cells, and each cell's class.
  const rows = Array.from(document.querySelectorAll('#codes tr')).map(function (tr) {
    return Array.from(tr.children).map(function (c) { return c.textContent.replace(/\\s+/g, ' ').trim(); });
  });
  const grades = Array.from(document.querySelectorAll('#codes tbody tr, #codes tfoot tr')).map(function (tr) {
    const cells = tr.querySelectorAll('td');
    return cells.length > 0 ? cells[cells.length - 1].className.replace('num', '').trim() : '';
  });
  vscode.postMessage({ type: 'ready', rows: rows, alphaGrades: grades, coderPicker: !!document.getElementById('coders') });
})();
`;
