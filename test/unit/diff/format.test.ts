import * as assert from 'node:assert/strict';
import type { DiffResult } from '../../../host/revisionDiff';
import { formatMarkdown, formatText, paintFor, toJson } from '../../../cli/diffFormat';

const result: DiffResult = {
  from: 'main',
  to: 'HEAD',
  projects: [{ path: '', status: 'modified', codebook: { added: ['hope'], removed: [], renamed: [{ from: 'trust', to: 'relational-trust' }], moved: [], redefined: [] }, problems: [] }],
  files: [
    {
      path: 'transcripts/a.md',
      status: 'modified',
      project: '',
      textChanged: true,
      changes: [
        { kind: 'coded', codes: ['care'], coder: 'LN', quote: 'a | b <script> *x*', line: 3, start: 0, end: 1 },
        { kind: 'recoded', codes: ['b'], from: ['a'], to: ['b'], coder: '', quote: 'q', line: 4, start: 2, end: 3 },
      ],
      memos: [],
      problems: [],
    },
  ],
};

describe('axial diff output', () => {
  it('Markdown: summary line, text-change warning, collapsible file sections, quotes escaped', () => {
    const md = formatMarkdown(result);
    assert.match(md, /^\*\*1 coding added, 0 removed, 1 recoded\*\* in 1 file · 2 codebook changes · ⚠️ \*\*1 file with text changes\*\*/m);
    assert.match(md, /> \[!WARNING\]\n> The words of 1 transcript changed, not only the coding: `transcripts\/a\.md`\./);
    assert.match(md, /<details open><summary>⚠️ <code>transcripts\/a\.md<\/code> \+1 · ~1<\/summary>/);
    assert.match(md, /\| ➕ coded \| 3 \| `care` \| LN \| a \\\| b &lt;script&gt; \\\*x\\\* \|/);
    assert.match(md, /\| 🔁 recoded \| 4 \| `a` → `b` \|/);
    assert.match(md, /renamed `trust` → `relational-trust`/);
    assert.equal(md.split('<details').length, md.split('</details>').length);
  });

  it('text: the warning line and no colour unless asked', () => {
    const text = formatText(result, paintFor({ isTTY: false }));
    assert.match(text, /⚠ text changed/);
    assert.match(text, /~ recoded #a → #b \(no coder\) line 4 “q”/);
    assert.doesNotMatch(text, /\x1b/);
    assert.match(formatText(result, paintFor({ isTTY: true }, {})), /\x1b\[32m/);
    assert.doesNotMatch(formatText(result, paintFor({ isTTY: true }, { NO_COLOR: '1' })), /\x1b/);
  });

  it('JSON: the documented shape', () => {
    const j = toJson(result) as { files: { changes: Record<string, unknown>[] }[]; codebook: unknown };
    assert.deepEqual(j.files[0].changes[0], { kind: 'coded', codes: ['care'], coder: 'LN', quote: 'a | b <script> *x*', line: 3 });
    assert.deepEqual(j.files[0].changes[1], { kind: 'recoded', codes: ['b'], from: ['a'], to: ['b'], coder: '', quote: 'q', line: 4 });
    assert.deepEqual(j.codebook, { added: ['hope'], removed: [], renamed: [{ from: 'trust', to: 'relational-trust' }], moved: [], redefined: [] });
  });
});
