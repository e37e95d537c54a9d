import * as assert from 'node:assert/strict';
import { changesHtml, changesSummary } from '../../../client/changes/html';
import { contentSecurityPolicy } from '../../../client/webview/page';
import type { CodingChangesResult } from '../../../common/protocol';
import { parseXml } from '../analysis/xml';

/** The "Coding Changes" webview page: a strict CSP, every change listed, a text change flagged, repository text escaped. */
describe('coding changes: the webview page', () => {
  const range = { start: { line: 5, character: 5 }, end: { line: 5, character: 17 } };
  const result: CodingChangesResult = {
    from: 'HEAD',
    to: 'working tree',
    repository: 'file:///r',
    files: [
      {
        path: 'transcripts/a.md',
        uri: 'file:///r/transcripts/a.md',
        status: 'modified',
        project: '',
        textChanged: true,
        changes: [
          { kind: 'coded', codes: ['trust'], coder: 'CA', quote: 'I trust her.', line: 6, start: 3, end: 15, range },
          { kind: 'recoded', codes: ['agree', 'trust'], from: ['trust'], to: ['agree', 'trust'], coder: 'LN', quote: '<script>alert(1)</script> & "x"', line: 7, start: 20, end: 40 },
          { kind: 'uncoded', codes: ['listening'], coder: '', quote: 'gone', line: 9, start: 50, end: 54 },
        ],
        memos: [{ kind: 'added', memo: 'why <b>', coder: 'CA', quote: 'I trust her.', line: 6 }],
        problems: [],
      },
      { path: 'transcripts/new.md', uri: 'file:///r/transcripts/new.md', status: 'added', project: '', textChanged: true, changes: [], memos: [], problems: [] },
    ],
    projects: [{ path: '', status: 'modified', codebook: { added: ['rapport'], removed: [], renamed: [{ from: 'old', to: 'new' }], moved: [], redefined: [] }, problems: [] }],
  };
  const html = changesHtml({ result, nonce: 'n0nce' });

  it('allows nothing but its own nonce-carrying stylesheet and script, and follows the theme', () => {
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('n0nce')}">`));
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="n0nce">']);
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="n0nce">']);
    assert.ok(!/\sstyle="/.test(html) && !/\son[a-z]+="/.test(html));
    assert.ok(html.includes('var(--vscode-textLink-foreground)'));
  });

  it('lists every change with its kind, codes, coder, quote link and line; escapes repository text', () => {
    const body = html.slice(html.indexOf('<body>'), html.indexOf('<script nonce'));
    const doc = parseXml(body.replace(/<!DOCTYPE[^>]*>/, '') + '</body>');
    assert.ok(doc, 'the page body is well-formed');
    const links = [...body.matchAll(/<a class="change" href="#" data-file="(\d+)" data-change="(\d+)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(links, [
      ['0', '0', '“I trust her.”'],
      ['0', '1', '“&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;”'],
      ['0', '2', '“gone”'],
    ]);
    assert.ok(!body.includes('<script>alert'));
    assert.ok(body.includes('~ recoded</span> <span class="code">#trust</span> → <span class="code">#agree</span> <span class="code">#trust</span> <span class="coder">@LN</span>'));
    assert.ok(body.includes('line 7'));
    assert.ok(body.includes('memo added <span class="coder">@CA</span> “why &lt;b&gt;”'));
    assert.ok(body.includes('code added <span class="code">#rapport</span>'));
    assert.ok(body.includes('code renamed <span class="code">#old</span> → <span class="code">#new</span>'));
  });

  it('flags the edited transcript as a text change, not the new one', () => {
    assert.equal((html.match(/class="text-changed"/g) ?? []).length, 1);
    assert.ok(html.indexOf('class="text-changed"') < html.indexOf('transcripts/new.md'));
    assert.equal(changesSummary(result), '1 coded · 1 uncoded · 1 recoded in 2 files · 1 text change · 2 codebook changes');
  });
});
