/**
 * Caption files are read in time linear in their length: media-captions gets
 * the lines through a stream that holds at most one line at a time (core/
 * importing/subtitles.ts), not the whole file queued up front (a Node web
 * stream takes each line from the front of an array, so a queue of every line
 * made reading quadratic). Checked by counting, not timing: how many lines the
 * stream has produced when the parser has read k of them. The times are in
 * bench/captions.ts.
 */
import * as assert from 'node:assert/strict';
import { transcriptFromText } from '../../../core/importing';
import { lineStream } from '../../../core/importing/subtitles';

describe('caption lines', () => {
  it('are handed out one at a time: after k reads at most k + 1 lines were made', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\r\n');
    const made = { lines: 0 };
    const reader = lineStream(text, made).getReader();
    await Promise.resolve();
    assert.ok(made.lines <= 1, `before any read: ${made.lines} lines queued`);
    for (let k = 1; k <= 1000; k++) {
      const { value, done } = await reader.read();
      assert.equal(done, false);
      assert.equal(value, `line ${k - 1}`);
      assert.ok(made.lines <= k + 1, `after ${k} reads, ${made.lines} lines made`);
    }
    assert.equal((await reader.read()).done, true);
  });

  it('split at CRLF, CR and LF, as media-captions splits them', async () => {
    const reader = lineStream('a\r\nb\rc\nd').getReader();
    const lines: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) lines.push(r.value);
    assert.deepEqual(lines, ['a', 'b', 'c', 'd']);
  });

  it('a 20,000-cue WebVTT file keeps every cue: voice tags, times and words', async () => {
    const n = 20000;
    const stamp = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
    const vtt = ['WEBVTT', '', ...Array.from({ length: n }, (_, i) => [`${stamp(i)} --> ${stamp(i + 1)}`, `<v ${i % 2 ? 'Ana' : 'Lucía'}>w${i}</v>`, '']).flat()].join('\n');
    const r = await transcriptFromText(vtt, 'vtt', 'big');
    assert.ok(r.ok);
    assert.equal(r.turns, n, 'speakers alternate: a turn per cue');
    const body = r.text.split('---\n')[2].split('\n').filter((l) => l !== '');
    assert.equal(body.length, n);
    assert.equal(body[0], 'L: [00:00:00] w0');
    assert.equal(body[n - 1], `A: [${stamp(n - 1).slice(0, 8)}] w${n - 1}`);
  });
});
