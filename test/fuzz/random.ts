/**
 * A small seeded random generator for the fuzzer, so every case is reproducible
 * from one integer: the same seed gives the same input on every machine.
 */

/** Seeded random choices (mulberry32: fast, 32-bit state, good enough for test inputs). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * Math.max(0, n));
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A size skewed towards small values: most draws are small, a few reach `max`. */
  size(max: number): number {
    return Math.max(1, Math.floor(Math.pow(this.next(), 3) * max));
  }
}

/** The seed of the i-th case of a run: spread so neighbouring runs do not overlap. */
export function caseSeed(runSeed: number, i: number): number {
  return (Math.imul(runSeed >>> 0, 0x01000193) + Math.imul(i + 1, 0x9e3779b1)) >>> 0;
}
