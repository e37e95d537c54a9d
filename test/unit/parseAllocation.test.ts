/**
 * How much memory a parse allocates on a multi-megabyte line of markup, garbage
 * included: the server's peak memory follows what a parse allocates (V8 grows its heap
 * before it collects), not only what the parse keeps. Measured with V8's sampling heap
 * profiler, counting objects collected since (no clock involved); the bounds are a few
 * times the current figures, and well under what the parse allocated before its open
 * stack became typed arrays and the stripped text was joined in chunks (a 2 MB line of
 * `{{a` allocated about 240 MB; now under 40 MB).
 */
import * as assert from 'node:assert/strict';
import { Session } from 'node:inspector';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import { editedTexts, generateCase } from '../fuzz/cases';
import { IntStack } from '../../core/transcript/intStack';
import { MARKUP_LINE_SHAPES } from '../../bench/markupLineShapes';

/** Megabytes allocated (kept or not) while `fn` runs, as V8's sampling heap profiler estimates them. */
async function allocatedMb(fn: () => unknown): Promise<number> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));
  try {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', {
      samplingInterval: 8192,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    fn();
    type Node = { selfSize: number; children: Node[] };
    const { profile } = await post<{ profile: { head: Node } }>('HeapProfiler.stopSampling');
    let total = 0;
    const stack = [profile.head];
    while (stack.length > 0) {
      const n = stack.pop()!;
      total += n.selfSize;
      stack.push(...n.children);
    }
    return total / 1e6;
  } finally {
    session.disconnect();
  }
}

describe('memory a parse allocates on multi-megabyte lines', function () {
  this.timeout(120000);

  for (const [shape, boundMb] of [
    ['openers', 100],
    // Every block is parsed and dropped (young garbage, cheap to collect): about 120 MB.
    ['closersWithBlocks', 250],
    ['closersWithText', 100],
  ] as const) {
    it(`a 2 MB line of ${shape} allocates less than ${boundMb} MB`, async () => {
      const text = 'P: ' + MARKUP_LINE_SHAPES[shape](2) + '\n';
      let spans = -1;
      const mb = await allocatedMb(() => (spans = parseTranscript(text).spans.length));
      assert.ok(spans >= 0);
      assert.ok(mb < boundMb, `${mb.toFixed(1)} MB allocated`);
    });
  }

  it('the open stack grows and shrinks as a stack', () => {
    const s = new IntStack();
    for (let i = 0; i < 1000; i++) s.push(i - 500);
    assert.equal(s.length, 1000);
    assert.equal(s.at(0), -500);
    assert.equal(s.at(999), 499);
    s.set(10, -1);
    assert.equal(s.at(10), -1);
    for (let i = 0; i < 990; i++) s.pop();
    assert.equal(s.length, 10);
    assert.equal(s.at(9), -491);
    s.push(7);
    assert.equal(s.at(10), 7);
  });

  it('a closer typed among 5,000 nested spans left open allocates a few megabytes (fuzz seed 114130566: their quotes share one joined text)', async () => {
    // The re-parse joined and normalised each open span's quote on its own, a copy of
    // the rest of the file per span: 1.6 s of CPU and 150 MB for this 29 KB transcript.
    const c = generateCase(114130566, 1);
    const [text, edited] = [c.input.transcript, ...editedTexts(c.input.transcript, c.edits)];
    const old = parseTranscript(text);
    let reparsed: ReturnType<typeof parseTranscript> | undefined;
    const mb = await allocatedMb(() => (reparsed = reparseTranscript(old, edited)));
    assert.deepEqual(reparsed, parseTranscript(edited));
    assert.ok(mb < 40, `${mb.toFixed(1)} MB allocated`);
  });
});
