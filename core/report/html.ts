/**
 * The html report: one self-contained page (embedded CSS and SVG, no script, no
 * external resource, a Content-Security-Policy that forbids loading any), with
 * the title, coders, the category tree with counts, every code's definition,
 * criteria, examples and quotes, the memos and the three pictures. Every text
 * from the project is escaped.
 */
import { renderCooccurrenceSvg, renderMatrixSvg, renderModelSvg } from '../analysis/svg';
import { boundCooccurrence, boundMatrix, cutText, HTML_BOUNDS, quoteAllowances, spreadSample, type HtmlBounds } from './htmlBounds';
import type { ReportCoding, ReportData } from './types';

/** Text escaped for HTML content and attribute values. */
export function html(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An SVG picture for inline use: no XML declaration and no namespace URL (HTML parsers place <svg> in its namespace). */
export function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '');
}

const CSS = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1e1e1e; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ddd; margin-top: 2.5rem; }
.meta, .muted { color: #666; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; } ul.tree { padding-left: 0; }
.count { color: #666; font-variant-numeric: tabular-nums; }
section.code { border-left: 4px solid #ccc; padding-left: 1rem; margin: 1.5rem 0; }
section.code.category { border-left-color: #888; }
.id { font-family: ui-monospace, monospace; font-size: .9em; color: #555; }
blockquote { margin: .6rem 0; padding: .3rem .8rem; background: #f6f6f6; border-left: 3px solid #bbb; white-space: pre-wrap; }
.where { display: block; font-size: .85em; color: #666; white-space: normal; }
figure { margin: 1.5rem 0; overflow-x: auto; } figure svg { max-width: none; }
p.bound { font-size: .9em; color: #666; }
code { font-family: ui-monospace, monospace; font-size: .9em; }
.skipped { color: #a31515; }
`;

/** The whole report as one html page, each section within `bounds` (htmlBounds.ts). */
export function reportHtml(data: ReportData, bounds: HtmlBounds = HTML_BOUNDS): string {
  return [...reportHtmlPieces(data, bounds)].join('');
}

/** Where the page sends a reader for what it leaves out. */
const CSV_HINT = '<code>axial report --format csv</code>';

/** A count for prose: 1,000 rather than 1000. */
const n = (x: number) => x.toLocaleString('en-US');

/**
 * The html page in pieces, in order (joined, they are reportHtml's page): the
 * head, each code's section, the memos and each picture apart, so a host writes
 * the page as it is made. Each section is bounded (`bounds`, htmlBounds.ts): the
 * quotes under each code share the page's quota, the memos are capped, and the
 * co-occurrence map and codes-by-case matrix show the codes (and cases) with the
 * most quotes; each cut is said where it happens, with the counts left out.
 */
export function* reportHtmlPieces(data: ReportData, bounds: HtmlBounds = HTML_BOUNDS): Generator<string> {
  const allowances = quoteAllowances(data.codes.map((c) => c.codings.length), bounds.quotesPerCode, bounds.quotes);
  const codes = data.model.nodes.filter((x) => x.kind === 'code').length;
  const cut =
    allowances.some((a, i) => a < data.codes[i].codings.length) ||
    data.memos.length > bounds.memos ||
    codes > Math.min(bounds.matrixCodes, bounds.cooccurrenceCodes) ||
    data.model.cases.length > bounds.matrixCases;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(data.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${html(data.title)}</h1>`,
    `<p class="meta">Coders: ${data.coders.length > 0 ? data.coders.map((c) => html(c.name ? `${c.name} (${c.id})` : c.id)).join(', ') : 'none'}. ${data.transcripts} transcript${data.transcripts === 1 ? '' : 's'}, ${data.codings.length} coding${data.codings.length === 1 ? '' : 's'}.${filterLine(data)}</p>`,
  ];
  if (cut) {
    out.push(`<p class="bound">A large project: this page shows what a reader can take in of some sections (quotes, memos, the co-occurrence map, the codes-by-case matrix) and says under each what it leaves out. Every count shown is exact; ${CSV_HINT} writes every quote and count as tables.</p>`);
  }
  if (data.skipped.length > 0) {
    out.push('<h2>Skipped transcripts</h2>', '<ul class="skipped">', ...data.skipped.map((s) => `<li>${html(s.file)}: ${html(s.reason)}</li>`), '</ul>');
  }
  out.push('<h2>Categories and codes</h2>', tree(data));
  out.push('<h2>Codebook and quotes</h2>');
  for (const [ci, code] of data.codes.entries()) {
    out.push(`<section class="code ${code.kind}" id="code-${html(code.id)}">`);
    out.push(`<h3>${html(code.name)} <span class="id">${html(code.id)}</span></h3>`);
    out.push(`<p class="muted">${code.kind === 'category' ? 'Category' : 'Code'}${code.status === 'deprecated' ? ' (deprecated)' : ''} · ${html(code.codePath)} · ${code.quotes} quote${code.quotes === 1 ? '' : 's'} in ${code.cases} case${code.cases === 1 ? '' : 's'}</p>`);
    if (code.definition) out.push(`<p><strong>Definition.</strong> ${html(code.definition)}</p>`);
    out.push(...list('Apply when', code.include), ...list('Do not apply when', code.exclude), ...list('Examples', code.examples));
    if (code.memoFiles.length > 0) out.push(`<p class="muted">Memos: ${code.memoFiles.map((m) => html(m)).join(', ')}</p>`);
    const shown = spreadSample(code.codings, allowances[ci]);
    for (const c of shown) out.push(quote(c, bounds.textChars));
    if (shown.length < code.codings.length) {
      out.push(`<p class="bound">${n(shown.length)} of the ${n(code.codings.length)} codings of this code, spread over the transcripts; quotes.csv from ${CSV_HINT} lists them all.</p>`);
    }
    out.push('</section>');
    yield lines(out);
  }
  if (data.memos.length > 0) {
    out.push('<h2>Memos</h2>');
    const memos = spreadSample(data.memos, bounds.memos);
    for (const m of memos) out.push(`<blockquote>${html(cutText(m.memo, bounds.textChars))}<span class="where">on “${html(cutText(m.quote, bounds.textChars))}” · case ${html(m.case)} · ${html(m.file)}:${m.line}${m.coder ? ` · ${html(m.coder)}` : ''}</span></blockquote>`);
    if (memos.length < data.memos.length) out.push(`<p class="bound">${n(memos.length)} of the ${n(data.memos.length)} memos written in blocks, spread over the transcripts; <code>axial report --format md</code> lists them all.</p>`);
  }
  if (data.memoFiles.length > 0) {
    out.push('<h2>Memo files</h2>');
    for (const m of data.memoFiles) {
      const on = [m.codes.length ? `codes ${m.codes.map((c) => html(c)).join(', ')}` : '', m.transcripts.length ? `transcripts ${m.transcripts.map((t) => html(t)).join(', ')}` : ''].filter(Boolean).join('; ');
      out.push(`<section><h3>${html(m.path)}</h3>${on ? `<p class="muted">On ${on}.</p>` : ''}<pre class="memo">${html(m.text.trimEnd())}</pre></section>`);
    }
  }
  out.push('<h2>Pictures</h2>');
  // Read, not clicked: no hit areas, keys or tooltips per element.
  const opts = { mode: 'export', static: true } as const;
  const pictures: [string, () => { svg: string; note?: string }][] = [
    ['Axial model', () => ({ svg: renderModelSvg(data.model, opts).svg })],
    [
      'Code co-occurrence',
      () => {
        const b = boundCooccurrence(data.cooccurrence, bounds);
        const note = b.leftOut && `Showing the ${n(b.input.codes.length)} codes with the most quotes, of ${n(b.leftOut.ofCodes)}; ${n(b.leftOut.codes)} codes are left out. cooccurrence.csv from ${CSV_HINT} has every pair.`;
        return { svg: renderCooccurrenceSvg(b.input, opts).svg, note };
      },
    ],
    [
      'Codes by case',
      () => {
        const b = boundMatrix(data.matrix, bounds);
        const l = b.leftOut;
        const codes = l && l.codes > 0 ? `the ${n(l.ofCodes - l.codes)} codes with the most quotes (of ${n(l.ofCodes)}; with the categories above them)` : 'every code';
        const cases = l?.cases ? ` by the ${n(l.ofCases! - l.cases)} cases with the most coded quotes (of ${n(l.ofCases!)}; the All cases column counts every case)` : ' by every case';
        const note = l && `Showing ${codes}${cases}. code-by-case.csv from ${CSV_HINT} has every code and case.`;
        return { svg: renderMatrixSvg(b.input, opts).svg, note };
      },
    ],
  ];
  for (const [name, picture] of pictures) {
    const { svg, note } = picture();
    out.push(`<figure><figcaption>${name}</figcaption>`, ...(note ? [`<p class="bound">${note}</p>`] : []), inlineSvg(svg), '</figure>');
    yield lines(out);
  }
  out.push('</body>', '</html>');
  yield lines(out);
}

/** The lines gathered so far, each ended by a newline; `out` is emptied for the next. */
function lines(out: string[]): string {
  const text = out.length > 0 ? out.join('\n') + '\n' : '';
  out.length = 0;
  return text;
}

function filterLine(data: ReportData): string {
  const f = data.filters;
  const parts = [f.coders.length ? `coders ${f.coders.join(', ')}` : '', f.cases.length ? `cases ${f.cases.join(', ')}` : '', f.codes.length ? `codes ${f.codes.join(', ')}` : ''].filter(Boolean);
  return parts.length > 0 ? ` Filtered to ${html(parts.join('; '))}.` : '';
}

function tree(data: ReportData): string {
  const out: string[] = ['<ul class="tree">'];
  let depth = 0;
  data.codes.forEach((c, i) => {
    if (i > 0) {
      if (c.depth > depth) out.push('<ul>');
      else {
        out.push('</li>');
        for (let d = depth; d > c.depth; d--) out.push('</ul></li>');
      }
    }
    depth = c.depth;
    out.push(`<li><a href="#code-${html(c.id)}">${html(c.name)}</a> <span class="count">${c.quotes} quote${c.quotes === 1 ? '' : 's'}, ${c.cases} case${c.cases === 1 ? '' : 's'}</span>`);
  });
  if (data.codes.length > 0) {
    out.push('</li>');
    for (let d = depth; d > 0; d--) out.push('</ul></li>');
  }
  out.push('</ul>');
  return out.join('\n');
}

function list(title: string, items: string[]): string[] {
  if (items.length === 0) return [];
  return [`<p><strong>${title}:</strong></p>`, '<ul>', ...items.map((s) => `<li>${html(s)}</li>`), '</ul>'];
}

function quote(c: ReportCoding, chars: number): string {
  const who = [`case ${html(c.case)}`, c.speaker ? html(c.speaker) : '', `${html(c.file)}:${c.line}`, c.coder ? `coded by ${html(c.coder)}` : ''].filter(Boolean).join(' · ');
  return `<blockquote>${html(cutText(c.quote, chars))}<span class="where">${who}</span></blockquote>`;
}
