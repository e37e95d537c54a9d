/** New Memo's file: read back by Axial's one memo reader, it names what it was made for. */
import * as assert from 'node:assert/strict';
import { parseMemo } from '../../../core';
import { memoSlug, memoText } from '../../../client/memos/memoFile';

describe('New Memo file', () => {
  it('names its code and transcript in front matter the memo reader accepts', () => {
    const text = memoText({ title: 'Trust: built, not given', codes: ['relational-trust', 'odd id:x'], transcripts: ['transcripts/case c.md'], quote: { text: 'line one\nline two', where: 'transcripts/case c.md:4' } });
    const memo = parseMemo(text);
    assert.deepEqual(memo.diagnostics, []);
    assert.deepEqual(memo.codes.map((r) => r.value), ['relational-trust', 'odd id:x']);
    assert.deepEqual(memo.transcripts.map((r) => r.value), ['transcripts/case c.md']);
    assert.equal(memo.body, '# Trust: built, not given\n\n> line one\n> line two\n>\n> — transcripts/case c.md:4\n\n');
  });

  it('slugs titles to safe file names', () => {
    assert.equal(memoSlug('Trust, then openness!'), 'trust-then-openness');
    assert.equal(memoSlug('Lucía — ñandú'), 'lucia-nandu');
    assert.equal(memoSlug('   ?? '), 'memo');
    assert.ok(memoSlug('x'.repeat(200)).length <= 60);
  });
});
