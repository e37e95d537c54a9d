/**
 * The runs of a stripped text as one compact table: run i copies source offsets
 * [sourceStart(i), sourceStart(i) + length(i)) to stripped offsets
 * [strippedStart(i), strippedStart(i) + length(i)). Runs are ordered, non-empty and
 * contiguous in the stripped text.
 *
 * A parse keeps its runs for as long as the transcript lives, and a project holds
 * hundreds of thousands of them (millions on a hostile line of `{{a{{a…`): as one
 * object each they were a large share of the heap the garbage collector walks. Here
 * they are three int32 cells a run in a single Int32Array (offsets fit: texts are
 * shorter than 2^31), read through accessors and searched in place.
 */

/** Cells a run takes in the table: strippedStart, sourceStart, length. */
const STRIDE = 3;
const STRIPPED = 0;
const SOURCE = 1;
const LENGTH = 2;

/** One run as a plain object: what `Runs.toArray` lists (tests, debugging, JSON). */
export interface RunObject {
  strippedStart: number;
  sourceStart: number;
  length: number;
}

/**
 * The runs of one stripped text, read only. `table` holds exactly `count` runs, so
 * two tables of the same runs are deep-equal whichever way they were built.
 */
export class Runs {
  constructor(
    /** How many runs there are. */
    readonly count: number,
    /** Run i is table[3i] (strippedStart), table[3i + 1] (sourceStart), table[3i + 2] (length). */
    readonly table: Int32Array,
  ) {}

  /** A table of the given runs (tests and hand-made stripped texts). */
  static of(runs: readonly RunObject[]): Runs {
    const b = new RunsBuilder(runs.length);
    for (const r of runs) b.push(r.strippedStart, r.sourceStart, r.length);
    return b.build();
  }

  /** Where run i starts in the stripped text. */
  strippedStart(i: number): number {
    return this.table[i * STRIDE + STRIPPED];
  }

  /** Where run i starts in the source. */
  sourceStart(i: number): number {
    return this.table[i * STRIDE + SOURCE];
  }

  /** How many characters run i copies. */
  length(i: number): number {
    return this.table[i * STRIDE + LENGTH];
  }

  /** Where run i ends in the source (exclusive). */
  sourceEnd(i: number): number {
    return this.table[i * STRIDE + SOURCE] + this.table[i * STRIDE + LENGTH];
  }

  /** Where run i ends in the stripped text (exclusive). */
  strippedEnd(i: number): number {
    return this.table[i * STRIDE + STRIPPED] + this.table[i * STRIDE + LENGTH];
  }

  /** The number of stripped characters: where the last run ends (0 with no runs). */
  strippedLength(): number {
    return this.count === 0 ? 0 : this.strippedEnd(this.count - 1);
  }

  // The searches below are binary searches written out over the table (the cells of
  // a run are interleaved, so core/text/search.ts's unit-stride helpers do not fit).

  /** The number of runs that start before source offset x (the first starting at or after it). */
  countStartingBeforeSource(x: number): number {
    const t = this.table;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid * STRIDE + SOURCE] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first run that ends after source offset x, i.e. the number ending at or before it (count when none does). */
  firstEndingAfterSource(x: number): number {
    const t = this.table;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = mid * STRIDE;
      if (t[k + SOURCE] + t[k + LENGTH] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first run that ends after stripped offset x (count when none does). */
  firstEndingAfterStripped(x: number): number {
    const t = this.table;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = mid * STRIDE;
      if (t[k + STRIPPED] + t[k + LENGTH] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last run that starts at or before stripped offset x; -1 when none does. */
  lastStartingAtOrBeforeStripped(x: number): number {
    const t = this.table;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (t[mid * STRIDE + STRIPPED] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The runs as plain objects, one a run: for tests and debugging, never on a hot path. */
  toArray(): RunObject[] {
    const out: RunObject[] = [];
    for (let i = 0; i < this.count; i++) out.push({ strippedStart: this.strippedStart(i), sourceStart: this.sourceStart(i), length: this.length(i) });
    return out;
  }

  /** JSON lists the runs as objects (a typed array would print as a map of indices). */
  toJSON(): RunObject[] {
    return this.toArray();
  }
}

/** No runs (one shared table: a Runs is never changed). */
export const NO_RUNS = new Runs(0, new Int32Array(0));

/**
 * A table to write into, kept between scans: allocating a typed array (and growing
 * it) costs far more than a plain array, so scans borrow this one and `build` copies
 * the runs out. Taken while in use, so a second builder at the same time (or one
 * that never finished) simply gets a table of its own.
 */
let spare: Int32Array | undefined;
/** A table larger than this (cells) is not kept as the spare: a huge file's would stay in memory. */
const MAX_SPARE = 1 << 18;

/**
 * Builds a Runs table: runs are appended in order into a table grown by doubling,
 * which `build` trims to exactly the runs written.
 */
export class RunsBuilder {
  private table: Int32Array;
  private n = 0;
  /** True when the builder writes into the spare table (see `spare`) and gives it back in build. */
  private readonly pooled: boolean;

  /**
   * `capacity`: the runs expected (more may be pushed; the table grows). Without one,
   * the builder writes into the spare table (the scanner's case: the count is not
   * known ahead, and the runs are copied out once at the end).
   */
  constructor(capacity?: number) {
    this.pooled = capacity === undefined;
    if (this.pooled && spare !== undefined) {
      this.table = spare;
      spare = undefined;
    } else {
      this.table = new Int32Array(Math.max(1, capacity ?? 64) * STRIDE);
    }
  }

  /** How many runs have been written. */
  get count(): number {
    return this.n;
  }

  /** Appends a run. */
  push(strippedStart: number, sourceStart: number, length: number): void {
    let k = this.n * STRIDE;
    if (k + STRIDE > this.table.length) this.grow(this.n + 1);
    const t = this.table;
    t[k++] = strippedStart;
    t[k++] = sourceStart;
    t[k] = length;
    this.n++;
  }

  /** Appends a run, or lengthens the last one when the new one follows it directly in the source. */
  pushJoined(strippedStart: number, sourceStart: number, length: number): void {
    const n = this.n;
    if (n > 0) {
      const k = (n - 1) * STRIDE;
      const t = this.table;
      if (t[k + SOURCE] + t[k + LENGTH] === sourceStart) {
        t[k + LENGTH] += length;
        return;
      }
    }
    this.push(strippedStart, sourceStart, length);
  }

  /**
   * Appends runs [from, to) of `runs` with their source offsets moved by dSource and
   * their stripped offsets by dStripped, copied as a block and shifted; with `join`,
   * the first is joined to the last run written when they meet in the source (pushJoined).
   */
  appendShifted(runs: Runs, from: number, to: number, dSource: number, dStripped: number, join: boolean): void {
    if (from >= to) return;
    if (join) {
      this.pushJoined(runs.strippedStart(from) + dStripped, runs.sourceStart(from) + dSource, runs.length(from));
      from++;
    }
    if (from >= to) return;
    const start = this.n * STRIDE;
    const cells = (to - from) * STRIDE;
    if (start + cells > this.table.length) this.grow(this.n + (to - from));
    const t = this.table;
    t.set(runs.table.subarray(from * STRIDE, to * STRIDE), start);
    if (dSource !== 0 || dStripped !== 0) {
      for (let k = start, end = start + cells; k < end; k += STRIDE) {
        t[k + STRIPPED] += dStripped;
        t[k + SOURCE] += dSource;
      }
    }
    this.n += to - from;
  }

  /** Ends the last run at source offset `end` when it reaches past it. */
  cutLastAt(end: number): void {
    if (this.n === 0) return;
    const k = (this.n - 1) * STRIDE;
    const t = this.table;
    if (t[k + SOURCE] + t[k + LENGTH] > end) t[k + LENGTH] = end - t[k + SOURCE];
  }

  /**
   * The table of the runs written. A pooled builder's runs are copied out and its
   * table kept as the spare. Otherwise the builder's table is used as it is when
   * full, as a view of its first runs when little of it is unused (no copy), else
   * copied to its size, so a table doubled past its need does not keep the unused
   * half alive.
   */
  build(): Runs {
    const used = this.n * STRIDE;
    const t = this.table;
    let runs = NO_RUNS;
    if (used > 0) {
      const exact = this.pooled ? t.slice(0, used) : used === t.length ? t : (t.length - used) * 8 <= t.length ? t.subarray(0, used) : t.slice(0, used);
      runs = new Runs(used / STRIDE, exact);
    }
    if (this.pooled && t.length > 0 && t.length <= MAX_SPARE && (spare === undefined || spare.length < t.length)) spare = t;
    // The builder must not write into a table it has handed out or given back.
    this.table = NO_RUNS.table;
    this.n = 0;
    return runs;
  }

  private grow(runs: number): void {
    // Doubling: a pooled table grows once for good, as it is kept for the next scan.
    const next = new Int32Array(Math.max(runs * STRIDE, this.table.length * 2));
    next.set(this.table.subarray(0, this.n * STRIDE));
    this.table = next;
  }
}
