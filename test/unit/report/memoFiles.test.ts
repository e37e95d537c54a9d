/** Memo files (memos/*.md) in reports: listed under their codes, and quoted whole, in md and html. */
import * as assert from 'node:assert/strict';
import { reportData, reportHtml, reportMarkdown } from '../../../core/report';
import { projectFrom } from '../analysis/load';

const FILES = {
  'codebook.yaml': 'title: T\ncodes:\n  trust:\n    name: Trust\n  other:\n    name: Other\n',
  'transcripts/a.md': 'P: {{I trusted her}}{#trust @A}\n',
  'memos/why-trust.md': '---\ncodes: [trust]\ntranscripts: [transcripts/a.md]\n---\n# Why trust\n\nIt <grows>.\n',
  'memos/other.md': '---\ncodes: [other]\n---\nAbout other.\n',
};

describe('report: memo files', () => {
  it('lists each memo file under its codes and quotes it in the Markdown and HTML reports', () => {
    const data = reportData(projectFrom(FILES));
    assert.deepEqual(data.memoFiles.map((m) => [m.path, m.codes, m.transcripts]), [
      ['memos/other.md', ['other'], []],
      ['memos/why-trust.md', ['trust'], ['transcripts/a.md']],
    ]);
    assert.deepEqual(data.codes.find((c) => c.id === 'trust')!.memoFiles, ['memos/why-trust.md']);
    const md = reportMarkdown(data);
    assert.match(md, /\*\*Memos:\*\* memos\/why-trust\.md/);
    assert.match(md, /## Memo files\n\n### memos\/other\.md\n\nOn codes `other`\.\n\n> About other\./);
    assert.match(md, /> # Why trust\n>\n> It <grows>\./);
    const page = reportHtml(data);
    assert.match(page, /<h2>Memo files<\/h2>/);
    assert.match(page, /<pre class="memo"># Why trust\n\nIt &lt;grows&gt;\.<\/pre>/);
  });

  it('a code filter keeps the memos naming an admitted code', () => {
    const data = reportData(projectFrom(FILES), { coders: [], cases: [], codes: ['trust'] });
    assert.deepEqual(data.memoFiles.map((m) => m.path), ['memos/why-trust.md']);
  });
});
