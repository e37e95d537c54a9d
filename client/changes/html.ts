/**
 * The page of the "Coding Changes" webview: a summary line, the codebook changes of
 * each project, then one section per transcript listing its codings added, removed
 * and recoded (codes, coder, quote, line), with a text change flagged where a
 * reviewer cannot miss it. Each quote is a link the extension opens at its span.
 * No vscode import, so unit tests check it directly.
 *
 * Security, as the pictures' page: the strict Content-Security-Policy of
 * client/webview/page.ts (nothing remote); every text from the repository
 * is escaped (xml) before it enters the page, and the script only reads attributes.
 */
import type { CodingChangesFile, CodingChangesResult } from '../../common/protocol';
import type { CodebookDiff } from '../../core/diff';
import { xml } from '../../core/analysis';
import { plural } from '../../core/text';
import { clickOnRequest, webviewDocument } from '../webview/page';

export interface ChangesPage {
  result: CodingChangesResult;
  nonce: string;
}

/** Counts for the summary line. */
export function changesSummary(r: CodingChangesResult): string {
  const count = (k: string) => r.files.reduce((n, f) => n + f.changes.filter((c) => c.kind === k).length, 0);
  const textChanges = r.files.filter(wordsEdited).length;
  const codebook = r.projects.reduce((n, p) => n + codebookCount(p.codebook), 0);
  return [
    `${count('coded')} coded`,
    `${count('uncoded')} uncoded`,
    `${count('recoded')} recoded in ${plural(r.files.length, 'file')}`,
    plural(textChanges, 'text change'),
    plural(codebook, 'codebook change'),
  ].join(' · ');
}

export function changesHtml(page: ChangesPage): string {
  const r = page.result;
  const body: string[] = [];
  body.push(`<header><h1>Coding changes: ${xml(r.from)} → ${xml(r.to)}</h1>`);
  body.push(`<p class="summary">${xml(changesSummary(r))}</p>`);
  body.push(`<div class="actions"><button id="filter" type="button" title="Show only these spans in the Axial view">Filter the Axial view to these</button> <button id="refresh" class="secondary" type="button">Refresh</button></div></header>`);
  if (r.files.length === 0 && r.projects.length === 0) body.push(`<p class="empty">No coding changes since ${xml(r.from)}.</p>`);
  for (const p of r.projects) {
    const name = p.path === '' ? 'codebook.yaml' : `${p.path}/codebook.yaml`;
    body.push(`<section class="codebook"><h2>${xml(name)}${p.status === 'modified' ? '' : ` <span class="status">${xml(p.status === 'added' ? 'new' : 'deleted')}</span>`}</h2><ul>`);
    for (const line of codebookLines(p.codebook)) body.push(`<li>${line}</li>`);
    for (const problem of p.problems) body.push(`<li class="problem">${xml(problem)}</li>`);
    body.push('</ul></section>');
  }
  r.files.forEach((f, fi) => body.push(fileSection(f, fi)));
  return webviewDocument({ nonce: page.nonce, title: 'Coding Changes', css: PAGE_CSS, body: body.join('\n'), script: PAGE_SCRIPT });
}

function fileSection(f: CodingChangesFile, fi: number): string {
  const out: string[] = [];
  const status = f.status === 'added' ? 'new' : f.status === 'deleted' ? 'deleted' : f.status === 'renamed' ? `renamed from ${f.oldPath ?? ''}` : '';
  out.push(`<section class="file"><h2>${xml(f.path)}${status ? ` <span class="status">${xml(status)}</span>` : ''}</h2>`);
  if (wordsEdited(f)) out.push('<p class="text-changed" role="alert">⚠ Text change: the words of this transcript changed, not only its coding.</p>');
  for (const problem of f.problems) out.push(`<p class="problem">${xml(problem)}</p>`);
  if (f.changes.length > 0) {
    out.push('<ul class="changes">');
    f.changes.forEach((c, ci) => {
      const codes =
        c.kind === 'recoded' && c.from && c.to
          ? `${chips(c.from)} → ${chips(c.to)}`
          : chips(c.codes);
      const mark = c.kind === 'coded' ? '+' : c.kind === 'uncoded' ? '−' : '~';
      out.push(
        `<li class="${c.kind}"><span class="kind" title="${c.kind}">${mark} ${c.kind}</span> ${codes}` +
          `${c.coder ? ` <span class="coder">@${xml(c.coder)}</span>` : ''}` +
          ` <a class="change" href="#" data-file="${fi}" data-change="${ci}" title="Open ${xml(f.path)}:${c.line}">“${xml(c.quote)}”</a>` +
          ` <span class="line">line ${c.line}</span></li>`,
      );
    });
    out.push('</ul>');
  }
  if (f.memos.length > 0) {
    out.push('<ul class="memos">');
    for (const m of f.memos) out.push(`<li>${m.kind === 'added' ? 'memo added' : 'memo removed'} <span class="coder">@${xml(m.coder)}</span> “${xml(m.memo)}” on “${xml(m.quote)}” <span class="line">line ${m.line}</span></li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function codebookLines(c: CodebookDiff): string[] {
  return [
    ...c.added.map((id) => `code added ${chips([id])}`),
    ...c.removed.map((id) => `code removed ${chips([id])}`),
    ...c.renamed.map((r) => `code renamed ${chips([r.from])} → ${chips([r.to])}`),
    ...c.moved.map((m) => `${chips([m.id])} moved from ${xml(m.from ?? 'the top level')} to ${xml(m.to ?? 'the top level')}`),
    ...c.redefined.map((d) => `${chips([d.id])} redefined: ${xml(d.fields.join(', '))}`),
  ];
}

function chips(ids: string[]): string {
  return ids.map((id) => `<span class="code">#${xml(id)}</span>`).join(' ');
}

/** An existing transcript whose words changed (a new or deleted one is no edit of words). */
function wordsEdited(f: CodingChangesFile): boolean {
  return f.textChanged && (f.status === 'modified' || f.status === 'renamed');
}

function codebookCount(c: CodebookDiff): number {
  return c.added.length + c.removed.length + c.renamed.length + c.moved.length + c.redefined.length;
}

/** The changes' own layout (client/webview/page.ts has the base). */
const PAGE_CSS = `
body { padding: 8px 20px 24px; }
h1 { font-size: 1.3em; margin: 8px 0 2px; }
h2 { font-size: 1.05em; margin: 18px 0 4px; font-family: var(--vscode-editor-font-family); }
.summary, .empty, .line, .status { color: var(--vscode-descriptionForeground); }
.status { font-family: var(--vscode-font-family); font-weight: normal; font-size: 0.92em; }
.actions { margin: 6px 0 4px; }
ul { margin: 0; padding-left: 1.2em; list-style: none; }
li { margin: 0 0 6px; }
.kind { display: inline-block; min-width: 6.5em; font-family: var(--vscode-editor-font-family); }
li.coded .kind { color: var(--vscode-gitDecoration-addedResourceForeground, var(--vscode-foreground)); }
li.uncoded .kind { color: var(--vscode-gitDecoration-deletedResourceForeground, var(--vscode-foreground)); }
li.recoded .kind { color: var(--vscode-gitDecoration-modifiedResourceForeground, var(--vscode-foreground)); }
.coder { color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family); }
a.change { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a.change:hover, a.change:focus { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
.text-changed {
  margin: 4px 0 8px; padding: 6px 10px; font-weight: bold;
  color: var(--vscode-inputValidation-warningForeground, var(--vscode-foreground));
  background: var(--vscode-inputValidation-warningBackground, rgba(255, 200, 0, 0.15));
  border-left: 3px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground));
}
.problem { color: var(--vscode-errorForeground); }
`;

/** The page's script (plain ES2020 that runs in the webview). */
const PAGE_SCRIPT = `
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', function (e) {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const link = t.closest('a.change');
    if (link) {
      e.preventDefault();
      vscode.postMessage({ type: 'open', file: Number(link.getAttribute('data-file')), change: Number(link.getAttribute('data-change')) });
      return;
    }
    if (t.closest('#filter')) vscode.postMessage({ type: 'filter' });
    if (t.closest('#refresh')) vscode.postMessage({ type: 'refresh' });
  });
  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    ${clickOnRequest()}
  });
  // What the page shows, for the extension's tests: each change's line of text.
  const changes = Array.from(document.querySelectorAll('ul.changes li')).map(function (li) { return li.textContent.replace(/\\s+/g, ' ').trim(); });
  const warnings = document.querySelectorAll('.text-changed').length;
  vscode.postMessage({ type: 'ready', changes: changes, textChanges: warnings });
})();
`;
