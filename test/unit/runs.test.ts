/**
 * The stripped text's runs as a compact table (core/transcript/runs.ts): the
 * builder (growth, trimming, the spare table scans share, splicing), the searches,
 * and the stripped ↔ source mapping over it, which must equal the mapping the
 * parser had over a plain list of run objects.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import { Runs, RunsBuilder, type RunObject } from '../../core/transcript/runs';
import { quoteFromRuns } from '../../core/transcript/lazyStripped';
import {
  runEndingAfterSource,
  runEndingAfterStripped,
  sourceOfStripped,
  sourceOfStrippedChar,
  strippedOffsetAt,
  strippedSlice,
} from '../../core/transcript/stripped';
import type { Transcript } from '../../core/transcript/types';
import { partitionPoint } from '../../core/text/search';
import { generateCase } from '../fuzz/cases';

/** Runs as the scanner lays them out: contiguous in the stripped text, gaps of markup between them in the source. */
function runList(lengths: number[], gaps: number[]): RunObject[] {
  const out: RunObject[] = [];
  let stripped = 0;
  let source = 0;
  lengths.forEach((length, i) => {
    source += gaps[i % gaps.length];
    out.push({ strippedStart: stripped, sourceStart: source, length });
    stripped += length;
    source += length;
  });
  return out;
}

const lengthsAndGaps = fc.tuple(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 5 }));

/** The first index where `pred` holds, by walking. */
function linearFirst<T>(xs: T[], pred: (x: T) => boolean): number {
  for (let i = 0; i < xs.length; i++) if (pred(xs[i])) return i;
  return xs.length;
}

// ---------------------------------------------------------------------------------
// The mapping as it was over a list of run objects (the code before the table),
// kept here as the reference the table's mapping must equal.

interface PlainStripped {
  text: string;
  runs: RunObject[];
}

const ref = {
  runEndingAfterSource: (s: PlainStripped, pos: number) => partitionPoint(s.runs, (r) => r.sourceStart + r.length <= pos),
  runEndingAfterStripped: (s: PlainStripped, i: number) => partitionPoint(s.runs, (r) => r.strippedStart + r.length <= i),
  strippedOffsetAt(s: PlainStripped, pos: number): number {
    const k = ref.runEndingAfterSource(s, pos);
    if (k >= s.runs.length) return s.text.length;
    const run = s.runs[k];
    return pos <= run.sourceStart ? run.strippedStart : run.strippedStart + (pos - run.sourceStart);
  },
  sourceOfStripped(s: PlainStripped, i: number): number {
    const run = s.runs[Math.max(0, partitionPoint(s.runs, (r) => r.strippedStart <= i) - 1)];
    return run.sourceStart + (i - run.strippedStart);
  },
  sourceOfStrippedChar(s: PlainStripped, i: number): number | undefined {
    const run = s.runs[ref.runEndingAfterStripped(s, i)];
    return run !== undefined && run.strippedStart <= i ? run.sourceStart + (i - run.strippedStart) : undefined;
  },
  strippedSlice(s: PlainStripped, start: number, end: number): string {
    let out = '';
    for (let i = ref.runEndingAfterSource(s, start); i < s.runs.length; i++) {
      const run = s.runs[i];
      if (run.sourceStart >= end) break;
      const a = Math.max(run.sourceStart, start);
      const b = Math.min(run.sourceStart + run.length, end);
      if (b > a) out += s.text.slice(run.strippedStart + (a - run.sourceStart), run.strippedStart + (b - run.sourceStart));
    }
    return out;
  },
  quoteFromRuns(source: string, runs: RunObject[], start: number, end: number, maxPieces: number): string | undefined {
    if (start >= end) return '';
    let lo = 0;
    let hi = runs.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (runs[mid].strippedStart <= start) lo = mid;
      else hi = mid;
    }
    let out = '';
    for (let i = lo; i < runs.length; i++) {
      const r = runs[i];
      if (r.strippedStart >= end) break;
      if (i - lo >= maxPieces) return undefined;
      const from = Math.max(start, r.strippedStart) - r.strippedStart;
      const to = Math.min(end, r.strippedStart + r.length) - r.strippedStart;
      if (to > from) out += source.slice(r.sourceStart + from, r.sourceStart + to);
    }
    return out;
  },
};

/** The table's mapping equals the reference over the same runs as objects, at every offset. */
function assertMappingAsReference(t: Transcript): void {
  const plain: PlainStripped = { text: t.stripped.text, runs: t.stripped.runs.toArray() };
  const n = t.text.length;
  const m = plain.text.length;
  // The runs themselves: verbatim copies, contiguous in the stripped text, in order in the source.
  let at = 0;
  for (const r of plain.runs) {
    assert.equal(r.strippedStart, at);
    assert.equal(plain.text.slice(r.strippedStart, r.strippedStart + r.length), t.text.slice(r.sourceStart, r.sourceStart + r.length));
    at += r.length;
  }
  assert.equal(at, m);
  for (let pos = 0; pos <= n + 1; pos++) {
    assert.equal(runEndingAfterSource(t.stripped, pos), ref.runEndingAfterSource(plain, pos), `runEndingAfterSource(${pos})`);
    assert.equal(strippedOffsetAt(t, pos), ref.strippedOffsetAt(plain, pos), `strippedOffsetAt(${pos})`);
  }
  for (let i = 0; i <= m + 1; i++) {
    assert.equal(runEndingAfterStripped(t.stripped, i), ref.runEndingAfterStripped(plain, i), `runEndingAfterStripped(${i})`);
    assert.equal(sourceOfStrippedChar(t.stripped, i), ref.sourceOfStrippedChar(plain, i), `sourceOfStrippedChar(${i})`);
    if (plain.runs.length > 0) assert.equal(sourceOfStripped(t, i), ref.sourceOfStripped(plain, i), `sourceOfStripped(${i})`);
  }
  // Ranges: a sample that reaches every run boundary and straddles it.
  const cuts = [0, n];
  for (const r of plain.runs) cuts.push(r.sourceStart, r.sourceStart + r.length, r.sourceStart + 1);
  for (let k = 0; k + 1 < cuts.length && k < 60; k++) {
    const [a, b] = [cuts[k], cuts[(k * 7 + 3) % cuts.length]].sort((x, y) => x - y);
    assert.equal(strippedSlice(t, { start: a, end: b }), ref.strippedSlice(plain, a, b), `strippedSlice(${a}, ${b})`);
  }
  const scuts = [0, m];
  for (const r of plain.runs) scuts.push(r.strippedStart, r.strippedStart + r.length - 1);
  for (let k = 0; k + 1 < scuts.length && k < 60; k++) {
    const [a, b] = [scuts[k], scuts[(k * 5 + 1) % scuts.length]].sort((x, y) => x - y);
    for (const pieces of [1, 2, 16]) {
      assert.equal(quoteFromRuns(t.text, t.stripped.runs, a, b, pieces), ref.quoteFromRuns(t.text, plain.runs, a, b, pieces), `quoteFromRuns(${a}, ${b}, ${pieces})`);
    }
  }
}

describe('stripped runs as a table (core/transcript/runs.ts)', () => {
  it('grows past its first capacity and trims to exactly the runs written, however it was built', () => {
    const list = runList(
      Array.from({ length: 1000 }, (_, i) => 1 + (i % 5)),
      [0, 2, 3, 7],
    );
    const sized = new RunsBuilder(2);
    const pooled = new RunsBuilder();
    for (const r of list) {
      sized.push(r.strippedStart, r.sourceStart, r.length);
      pooled.push(r.strippedStart, r.sourceStart, r.length);
    }
    const a = sized.build();
    const b = pooled.build();
    for (const runs of [a, b, Runs.of(list)]) {
      assert.equal(runs.count, 1000);
      assert.equal(runs.table.length, 3000, 'no spare cells kept');
      assert.deepEqual(runs.toArray(), list);
      assert.equal(runs.strippedLength(), list[999].strippedStart + list[999].length);
    }
    assert.deepStrictEqual(a, b);
    assert.deepStrictEqual(a, Runs.of(list));
    assert.deepStrictEqual(new RunsBuilder().build(), Runs.of([]));
    assert.equal(Runs.of([]).strippedLength(), 0);
  });

  it('a table built from the spare is a copy: later scans never write into it, nor do two at once into each other', () => {
    const first = new RunsBuilder();
    first.push(0, 0, 5);
    first.push(5, 9, 2);
    const kept = first.build();
    // Two builders at once: the second cannot have the spare the first holds.
    const outer = new RunsBuilder();
    const inner = new RunsBuilder();
    for (let i = 0; i < 200; i++) {
      outer.push(i, 2 * i, 1);
      inner.push(i, 3 * i + 1, 1);
    }
    const innerRuns = inner.build();
    const outerRuns = outer.build();
    assert.deepEqual(kept.toArray(), [
      { strippedStart: 0, sourceStart: 0, length: 5 },
      { strippedStart: 5, sourceStart: 9, length: 2 },
    ]);
    for (let i = 0; i < 200; i++) {
      assert.equal(outerRuns.sourceStart(i), 2 * i);
      assert.equal(innerRuns.sourceStart(i), 3 * i + 1);
    }
    assert.notEqual(outerRuns.table.buffer, innerRuns.table.buffer);
    // Parses in a row (each scan borrows the spare) keep their own runs.
    const t1 = parseTranscript('P: {{one}}{#a} two \\{ three\n');
    const before = t1.stripped.runs.toArray();
    parseTranscript('I: ' + 'x {{y}}{#b} '.repeat(300));
    assert.deepEqual(t1.stripped.runs.toArray(), before);
  });

  it('joins, cuts and appends shifted blocks as the incremental re-parse splices', () => {
    const old = Runs.of(runList([3, 4, 2, 5], [1]));
    // old: [0,1,3] [3,5,4] [7,10,2] [9,13,5]
    const b = new RunsBuilder(8);
    b.appendShifted(old, 0, 2, 0, 0, false);
    b.cutLastAt(7); // the second run [5, 9) is cut to [5, 7)
    b.pushJoined(5, 7, 3); // meets the cut run in the source: joined
    b.pushJoined(8, 12, 1); // does not meet: appended
    b.appendShifted(old, 2, 4, 10, 2, true); // [9,20,2] [11,23,5]: 20 ≠ 13, appended
    assert.deepEqual(b.build().toArray(), [
      { strippedStart: 0, sourceStart: 1, length: 3 },
      { strippedStart: 3, sourceStart: 5, length: 5 },
      { strippedStart: 8, sourceStart: 12, length: 1 },
      { strippedStart: 9, sourceStart: 20, length: 2 },
      { strippedStart: 11, sourceStart: 23, length: 5 },
    ]);
    const j = new RunsBuilder(4);
    j.push(0, 0, 1);
    j.appendShifted(old, 0, 2, 0, 0, true); // [0,1,3] meets [0,1): joined; the next is copied as is
    j.appendShifted(old, 0, 1, 0, 0, false); // no join asked for: appended even though it does not meet
    assert.deepEqual(j.build().toArray(), [
      { strippedStart: 0, sourceStart: 0, length: 4 },
      { strippedStart: 3, sourceStart: 5, length: 4 },
      { strippedStart: 0, sourceStart: 1, length: 3 },
    ]);
  });

  it('searches equal a linear scan over the runs (property)', () => {
    fc.assert(
      fc.property(lengthsAndGaps, fc.integer({ min: -2, max: 200 }), ([lengths, gaps], x) => {
        const list = runList(lengths, gaps);
        const runs = Runs.of(list);
        assert.equal(runs.countStartingBeforeSource(x), linearFirst(list, (r) => r.sourceStart >= x));
        assert.equal(runs.firstEndingAfterSource(x), linearFirst(list, (r) => r.sourceStart + r.length > x));
        assert.equal(runs.firstEndingAfterStripped(x), linearFirst(list, (r) => r.strippedStart + r.length > x));
        assert.equal(runs.lastStartingAtOrBeforeStripped(x), linearFirst(list, (r) => r.strippedStart > x) - 1);
        for (let i = 0; i < list.length; i++) {
          assert.equal(runs.sourceEnd(i), list[i].sourceStart + list[i].length);
          assert.equal(runs.strippedEnd(i), list[i].strippedStart + list[i].length);
        }
      }),
    );
  });

  it('two parses of the same text have equal tables, and a re-parse equals a full parse, past the first capacity', () => {
    const text = 'P: ' + Array.from({ length: 500 }, (_, i) => `w${i} {{x}}{#a} \\{`).join(' ') + '\n';
    const a = parseTranscript(text);
    const b = parseTranscript(text);
    assert.ok(a.stripped.runs.count > 1000);
    assert.deepStrictEqual(a.stripped.runs, b.stripped.runs);
    assert.notEqual(a.stripped.runs.table, b.stripped.runs.table);
    const mid = text.indexOf('w250');
    for (const insert of ['z', '{{', '}}{#a}', '\\', '\n']) {
      const edited = text.slice(0, mid) + insert + text.slice(mid);
      const old = parseTranscript(text);
      const oldRuns = old.stripped.runs.toArray();
      const oldTable = old.stripped.runs.table;
      const re = reparseTranscript(old, edited);
      assert.deepStrictEqual(re.stripped.runs, parseTranscript(edited).stripped.runs, `after inserting ${JSON.stringify(insert)}`);
      // The splice builds a new table: the old one is read, never changed.
      assert.notEqual(re.stripped.runs.table, oldTable);
      assert.deepEqual(old.stripped.runs.toArray(), oldRuns);
    }
  });

  it('maps stripped ↔ source at run boundaries', () => {
    // Runs: 'ab' [0, 2) → 0; 'cd' [4, 6) → 2; 'ef' [12, 14) → 4; '{g' [15, 17) → 6 (the backslash at 14 dropped).
    const t = parseTranscript('ab{{cd}}{#x}ef\\{g');
    assert.equal(t.stripped.text, 'abcdef{g');
    assert.deepEqual(t.stripped.runs.toArray(), [
      { strippedStart: 0, sourceStart: 0, length: 2 },
      { strippedStart: 2, sourceStart: 4, length: 2 },
      { strippedStart: 4, sourceStart: 12, length: 2 },
      { strippedStart: 6, sourceStart: 15, length: 2 },
    ]);
    // Source → stripped: markup counts nothing, so the end of a run and the start of the next map alike.
    const offsets = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17].map((x) => strippedOffsetAt(t, x));
    assert.deepEqual(offsets, [0, 1, 2, 2, 2, 3, 4, 4, 4, 4, 5, 6, 6, 7, 8]);
    // Stripped → source: each character's own offset; the first of a run is its run's start.
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => sourceOfStripped(t, i)),
      [0, 1, 4, 5, 12, 13, 15, 16],
    );
    assert.equal(sourceOfStrippedChar(t.stripped, 8), undefined);
    assert.equal(sourceOfStrippedChar(t.stripped, 2), 4);
    assert.equal(runEndingAfterSource(t.stripped, 2), 1, 'a run ending at 2 does not end after it');
    assert.equal(runEndingAfterStripped(t.stripped, 2), 1);
    assert.equal(runEndingAfterSource(t.stripped, 17), 4);
    assert.equal(strippedSlice(t, { start: 1, end: 13 }), 'bcde');
    assert.equal(quoteFromRuns(t.text, t.stripped.runs, 1, 7, 16), 'bcdef{');
    assert.equal(sourceOfStripped(parseTranscript('{{}}{#a}'), 0), 0, 'no stripped text: offset 0');
    assertMappingAsReference(t);
  });

  it('the mapping equals the mapping over a plain list of run objects, for markup-heavy text (property)', () => {
    const unit = fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r\n', '\r', 'P: ', '{{', '}}', '{#c}', '{#c @X "m"}', '\\{', '\\\\', '{{^l ', '{^l #c}', '}', '{', '---\n');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => assertMappingAsReference(parseTranscript(parts.join('')))),
      { numRuns: 400 },
    );
  });

  it('the mapping equals the mapping over a plain list of run objects, on mutated example transcripts and after their edits', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const c = generateCase(seed, 0.002);
      let t = parseTranscript(c.input.transcript);
      assertMappingAsReference(t);
      let text = c.input.transcript;
      for (const e of c.edits) {
        const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
        text = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
        t = reparseTranscript(t, text);
        assertMappingAsReference(t);
      }
    }
  });
});
