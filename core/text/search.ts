/**
 * Searching sorted arrays: the one binary search core uses (line starts, stripped
 * runs, aligned runs, block ranges, sorted offsets). Each takes an ArrayLike, so
 * typed arrays (Int32Array line starts) are searched in place, never copied.
 */

/**
 * The first index in [lo, hi) whose item is not in the prefix: `inPrefix` must hold
 * for a prefix of the items and fail for the rest; hi when it holds for them all.
 */
export function partitionPoint<T>(items: ArrayLike<T>, inPrefix: (item: T) => boolean, lo = 0, hi = items.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inPrefix(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in [lo, hi) of an ascending array whose value is ≥ `value` (hi
 * when none is). Numbers are compared inline, without a callback, as these run on
 * every keystroke's re-parse.
 */
export function lowerBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, hi) of an ascending array whose value is > `value` (hi when none is). */
export function upperBound(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index of an ascending array whose value is ≤ `value`; -1 when none is. */
export function findLastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  return upperBound(sorted, value) - 1;
}

/** lowerBound over items sorted by `key`: the first whose key is ≥ `value`. */
export function lowerBoundBy<T>(items: ArrayLike<T>, value: number, key: (item: T) => number): number {
  return partitionPoint(items, (item) => key(item) < value);
}

/** upperBound over items sorted by `key`: the first whose key is > `value`. */
export function upperBoundBy<T>(items: ArrayLike<T>, value: number, key: (item: T) => number): number {
  return partitionPoint(items, (item) => key(item) <= value);
}
