/**
 * The stripped text built on first read and quotes sliced from the source
 * (core/transcript/lazyStripped.ts), alone and through parseTranscript.
 */
import * as assert from 'assert';
import { lazyStrippedText, quoteFromRuns } from '../../core/transcript/lazyStripped';
import { parseTranscript } from '../../core/transcript/parse';
import { Runs } from '../../core/transcript/runs';

describe('lazy stripped text', () => {
  const source = 'ab{{cd}}{#x}ef';
  const runList = [
    { strippedStart: 0, sourceStart: 0, length: 2 },
    { strippedStart: 2, sourceStart: 4, length: 2 },
    { strippedStart: 4, sourceStart: 12, length: 2 },
  ];
  const runs = Runs.of(runList);

  it('reads as the runs joined, and compares, clones and serialises as { text, runs }', () => {
    const s = lazyStrippedText(source, runs);
    assert.strictEqual(s.text, 'abcdef');
    assert.deepStrictEqual(s, { text: 'abcdef', runs });
    // A clone keeps the table's data (not its class); JSON lists the runs as objects.
    assert.deepStrictEqual(structuredClone(s), { text: 'abcdef', runs: { count: 3, table: runs.table } });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(s)), { text: 'abcdef', runs: runList });
    s.text = 'other';
    assert.strictEqual(s.text, 'other');
  });

  it('reads a quote from the source through the runs, and gives up past maxPieces runs', () => {
    assert.strictEqual(quoteFromRuns(source, runs, 1, 5, 16), 'bcde');
    assert.strictEqual(quoteFromRuns(source, runs, 2, 4, 1), 'cd');
    assert.strictEqual(quoteFromRuns(source, runs, 3, 3, 16), '');
    assert.strictEqual(quoteFromRuns(source, runs, 0, 6, 2), undefined);
  });

  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
    it(`gives every span the trimmed stripped slice as its quote, nested 40 deep too (${name})`, () => {
      const deep = `${'{{a '.repeat(40)}x${' b}}{#c}'.repeat(40)}`;
      const text = ['---', 'case: 1', '---', `P: {{ one {{two}}{#b} three }}{#a}`, `I: {{across${eol}lines}}{#c}`, `P: ${deep}`, ''].join(eol);
      const t = parseTranscript(text);
      assert.strictEqual(t.spans.length, 43);
      const normal = t.stripped.text.replace(/\r\n?/g, '\n');
      const strippedFromRuns = t.stripped.runs.toArray().map((r) => text.slice(r.sourceStart, r.sourceStart + r.length)).join('');
      assert.strictEqual(t.stripped.text, strippedFromRuns);
      for (const span of t.spans) {
        const raw = t.stripped.text.slice(span.quoteRange.start, span.quoteRange.end).replace(/\r\n?/g, '\n');
        assert.strictEqual(span.quote, raw, `span ${span.index}`);
        assert.ok(normal.includes(span.quote));
      }
      assert.strictEqual(t.spans[0].quote, 'one two three');
      assert.strictEqual(t.spans[2].quote, 'across\nlines');
    });
  }
});
