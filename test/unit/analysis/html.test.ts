import * as assert from 'node:assert/strict';
import { pictureHtml } from '../../../client/pictures/html';
import { scriptJson } from '../../../client/webview/page';
import { contentSecurityPolicy } from '../../../client/webview/page';
import { PICTURE_KINDS, PICTURES, renderPicture } from '../../../client/pictures/kinds';
import { axialModel, codeCaseMatrix, codeCooccurrence } from '../../../core';
import { loadProject, PICTURES_FIXTURE } from './load';
import { parseXml } from './xml';

/** The webview page of a picture: a strict CSP, the script and stylesheet by nonce, data that cannot break out. */
describe('pictures: the webview page', () => {
  const project = loadProject(PICTURES_FIXTURE);
  const data = { model: axialModel(project), cooccurrence: codeCooccurrence(project), matrix: codeCaseMatrix(project) };
  const page = (over: Partial<Parameters<typeof pictureHtml>[0]> = {}) => {
    const r = renderPicture('model', data.model as never, { mode: 'theme' });
    return pictureHtml({
      title: 'Axial Model',
      hint: 'Click',
      svg: r.svg,
      items: r.items,
      quotes: data.model.quotes,
      cases: { 'case:X': 'X' },
      names: {},
      nonce: 'abc123',
      ...over,
    });
  };

  it('opens the picture fitted to the panel (width and height), unless the user switched fitting off', () => {
    const html = page();
    assert.match(html, /<button id="fit"[^>]*>Fit to panel<\/button>/);
    assert.match(html, /#picture\.fit svg \{ width: 100%; height: 100%; \}/);
    assert.match(html, /setFit\(state\.fit !== false\);/);
  });

  it('allows nothing but its own nonce-carrying stylesheet and script', () => {
    const html = page();
    assert.equal(contentSecurityPolicy('abc123'), "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src data:;");
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('abc123')}">`));
    const scripts = html.match(/<script[^>]*>/g)!;
    assert.deepEqual(scripts, ['<script type="application/json" id="axial-data">', '<script nonce="abc123">']);
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="abc123">']);
    assert.ok(!/\sstyle="/.test(html), 'no inline style attributes');
    assert.ok(!/\son[a-z]+="/.test(html), 'no inline event handlers');
    assert.ok(!/(src|href)="(https?:)?\/\//.test(html), 'no remote content');
    assert.ok(html.includes('var(--vscode-editor-foreground)'), 'the theme colours');
  });

  it('embeds the picture and the data for its lists', () => {
    const html = page();
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    parseXml(svg);
    const json = /<script type="application\/json" id="axial-data">([^<]*)<\/script>/.exec(html)![1];
    const embedded = JSON.parse(json);
    assert.equal(embedded.quotes.length, data.model.quotes.length);
    assert.deepEqual(Object.keys(embedded.items).sort(), data.model.nodes.map((n) => `node:${n.id}`).sort());
    assert.equal(embedded.variables.background, '--vscode-editor-background');
  });

  it('keeps quotes from breaking out of the data script', () => {
    const evil = '</script><script>alert(1)</script><!-- \u2028 & "';
    const html = page({ quotes: [{ path: 't.md', line: 0, excerpt: evil, case: 'x', codes: [] }] });
    assert.equal(html.match(/<\/script>/g)!.length, 2, 'only the two real scripts end');
    assert.ok(!html.includes('<script>alert'));
    assert.equal(JSON.parse(scriptJson({ e: evil })).e, evil, 'the JSON still reads back the same');
  });

  it('shows a message instead of a picture when there is none', () => {
    const html = page({ svg: '', items: {}, quotes: [], message: 'This file is not part of an Axial project <x>.' });
    assert.ok(html.includes('<p class="message">This file is not part of an Axial project &lt;x&gt;.</p>'));
    assert.ok(html.includes('id="export" type="button" title="Save the picture as an SVG file" disabled'));
  });

  it('every picture kind has a command, a request, a title and an export file name', () => {
    assert.deepEqual(PICTURE_KINDS, ['model', 'cooccurrence', 'matrix']);
    for (const kind of PICTURE_KINDS) {
      const spec = PICTURES[kind];
      assert.match(spec.command, /^axial\.show/);
      assert.match(spec.request.method, /^axial\/analysis\//);
      assert.match(spec.fileName, /\.svg$/);
      const r = renderPicture(kind, data[kind] as never, { mode: 'export' });
      parseXml(r.svg);
    }
  });
});
