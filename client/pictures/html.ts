/**
 * The page of a picture's webview: a toolbar (fit to the panel, on when it opens; export), the SVG, and
 * the list of quotes of what was clicked, below it. No vscode import, so unit tests
 * check it directly.
 *
 * Security: the strict Content-Security-Policy of client/webview/page.ts (no remote
 * content, no inline style attributes).
 * The picture's data travels as JSON in a non-executed <script type="application/json">
 * and the list is built with textContent, never innerHTML.
 */
import { PALETTE_VARIABLES, pictureCss, THEME_PALETTE, xml, type PictureItem } from '../../core/analysis';
import { clickOnRequest, ELEMENT_FUNCTION, scriptJson, webviewDocument } from '../webview/page';

export interface PicturePage {
  title: string;
  hint: string;
  svg: string;
  items: Record<string, PictureItem>;
  quotes: { path: string; line: number; excerpt: string; case: string; speaker?: string; role?: string; codes: string[] }[];
  /** Case id → label. */
  cases: Record<string, string>;
  /** Code id → name. */
  names: Record<string, string>;
  nonce: string;
  /** A message instead of a picture (no project, server not running). */
  message?: string;
}

export function pictureHtml(page: PicturePage): string {
  const data = {
    items: page.items,
    quotes: page.quotes.map((q) => ({ path: q.path, line: q.line, excerpt: q.excerpt, case: q.case, speaker: q.speaker, role: q.role, codes: q.codes })),
    cases: page.cases,
    names: page.names,
    variables: PALETTE_VARIABLES,
  };
  return webviewDocument({
    nonce: page.nonce,
    title: page.title,
    css: `${PAGE_CSS}\n${pictureCss(THEME_PALETTE)}`,
    body: `<header class="toolbar">
<span class="hint">${xml(page.message ? '' : page.hint)}</span>
<button id="fit" class="secondary" type="button" title="Fit the whole picture in the panel (off: its natural size, scrolling)" aria-pressed="false">Fit to panel</button>
<button id="export" type="button" title="Save the picture as an SVG file"${page.message ? ' disabled' : ''}>Export SVG…</button>
</header>
<main id="picture" tabindex="-1">${page.message ? `<p class="message">${xml(page.message)}</p>` : page.svg}</main>
<section id="quotes" aria-live="polite"><p class="empty">${page.message ? '' : 'Nothing selected.'}</p></section>
<script type="application/json" id="axial-data">${scriptJson(data)}</script>`,
    script: PAGE_SCRIPT,
  });
}

/** The pictures' own layout: toolbar, picture, quote list (client/webview/page.ts has the base). */
const PAGE_CSS = `
html, body { height: 100%; }
body { padding: 0; display: flex; flex-direction: column; overflow: hidden; }
.toolbar {
  display: flex; gap: 8px; align-items: center; padding: 6px 16px;
  border-bottom: 1px solid var(--vscode-panel-border, transparent);
}
.toolbar .hint { flex: 1; color: var(--vscode-descriptionForeground); }
#picture { flex: 1 1 auto; min-height: 0; overflow: auto; padding: 0 8px; }
#picture:focus { outline: none; }
#picture.fit { overflow: hidden; }
#picture.fit svg { width: 100%; height: 100%; }
#picture svg { display: block; margin: 0 auto; }
.message { padding: 16px; color: var(--vscode-descriptionForeground); }
#quotes {
  flex: 0 0 auto; max-height: 38vh; overflow: auto; padding: 6px 16px 10px;
  border-top: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border));
  background: var(--vscode-sideBar-background, var(--vscode-editor-background));
}
#quotes h2 { font-size: 1.05em; margin: 2px 0; }
#quotes .detail, #quotes .empty { color: var(--vscode-descriptionForeground); margin: 2px 0 6px; }
#quotes ol { margin: 0; padding-left: 2em; }
#quotes li { margin: 0 0 8px; }
a.quote { color: var(--vscode-textLink-foreground); text-decoration: none; cursor: pointer; }
a.quote:hover, a.quote:focus { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
.meta { color: var(--vscode-descriptionForeground); font-size: 0.92em; margin-top: 1px; }
.code { margin-left: 6px; }
`;

/** The page's script (plain ES2020 that runs in the webview). */
const PAGE_SCRIPT = `
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const data = JSON.parse(document.getElementById('axial-data').textContent);
  const picture = document.getElementById('picture');
  const list = document.getElementById('quotes');
  const fit = document.getElementById('fit');
  const state = vscode.getState() || {};
  let selected = null;

  ${ELEMENT_FUNCTION}

  function showList(key) {
    const item = data.items[key];
    list.textContent = '';
    if (!item) {
      list.appendChild(el('p', 'empty', 'Nothing selected.'));
      return 0;
    }
    list.appendChild(el('h2', '', item.title));
    list.appendChild(el('p', 'detail', item.detail));
    if (item.quoteIds.length === 0 && !item.more) {
      list.appendChild(el('p', 'empty', 'No quotes.'));
      return 0;
    }
    const ol = el('ol');
    for (const qi of item.quoteIds) {
      const q = data.quotes[qi];
      if (!q) continue;
      const li = el('li');
      const a = el('a', 'quote', '\\u201c' + q.excerpt + '\\u201d');
      a.href = '#';
      a.setAttribute('data-quote', String(qi));
      a.title = 'Open ' + q.path + ':' + (q.line + 1);
      li.appendChild(a);
      const meta = el('div', 'meta');
      const parts = [];
      if (data.cases[q.case] !== undefined) parts.push('case ' + data.cases[q.case]);
      if (q.role || q.speaker) parts.push(q.role || q.speaker);
      parts.push(q.path + ':' + (q.line + 1));
      meta.appendChild(document.createTextNode(parts.join(' \\u00b7 ')));
      for (const id of q.codes) {
        const c = el('span', 'code', '#' + id);
        if (data.names[id]) c.title = data.names[id];
        meta.appendChild(c);
      }
      li.appendChild(meta);
      ol.appendChild(li);
    }
    list.appendChild(ol);
    if (item.more) list.appendChild(el('p', 'empty', '\u2026 ' + item.more.toLocaleString('en-US') + ' more (not listed: filter by coder, or use the Axial view, to see them)'));
    return item.quoteIds.length;
  }

  function select(target, fromUser) {
    if (selected) selected.classList.remove('selected');
    selected = target;
    target.classList.add('selected');
    const key = target.getAttribute('data-key');
    state.selected = key;
    vscode.setState(state);
    const n = showList(key);
    if (fromUser) list.scrollTop = 0;
    vscode.postMessage({ type: 'select', key: key, quotes: n });
  }

  function find(key) {
    for (const e of document.querySelectorAll('svg [data-key]')) if (e.getAttribute('data-key') === key) return e;
    return null;
  }

  document.addEventListener('click', function (e) {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const quote = t.closest('a.quote');
    if (quote) {
      e.preventDefault();
      vscode.postMessage({ type: 'open', quote: Number(quote.getAttribute('data-quote')) });
      return;
    }
    const node = t.closest('svg [data-key]');
    if (node) select(node, true);
  });

  document.addEventListener('keydown', function (e) {
    const t = e.target;
    if ((e.key === 'Enter' || e.key === ' ') && t instanceof Element && t.matches('svg [data-key]')) {
      e.preventDefault();
      select(t, true);
    }
  });

  function setFit(on) {
    picture.classList.toggle('fit', on);
    fit.setAttribute('aria-pressed', on ? 'true' : 'false');
    state.fit = on;
    vscode.setState(state);
  }
  fit.addEventListener('click', function () { setFit(!picture.classList.contains('fit')); });

  document.getElementById('export').addEventListener('click', function () {
    const cs = getComputedStyle(document.documentElement);
    const colors = {};
    for (const k of Object.keys(data.variables)) colors[k] = cs.getPropertyValue(data.variables[k]).trim();
    vscode.postMessage({ type: 'export', colors: colors });
  });

  window.addEventListener('message', function (e) {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    // Reveal clicks a picture's element by its key, as the user would.
    ${clickOnRequest('m.key !== undefined ? find(m.key) : document.querySelector(m.selector)')}
  });

  // A picture opens fitted to the panel; the choice to see it at its natural size is remembered.
  setFit(state.fit !== false);
  if (state.selected) {
    const again = find(state.selected);
    if (again) select(again, false);
  }
  vscode.postMessage({ type: 'ready', elements: document.querySelectorAll('svg [data-key]').length });
})();
`;
