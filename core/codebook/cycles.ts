/** Cycle finding for the one-edge-per-code graphs of a codebook (parents, replacements). */
import type { Code } from './types';

/**
 * The cycles of a graph in which every code has at most one outgoing edge (its
 * parent, its replacement). Each cycle is listed once, starting from the code that
 * comes first in the file and following the edges. Linear in the number of codes.
 */
export function findCycles(codes: Map<string, Code>, next: (c: Code) => string | undefined): Code[][] {
  const state = new Map<Code, 1 | 2>(); // 1: on the current path, 2: finished
  const cycles: Code[][] = [];
  for (const start of codes.values()) {
    if (state.has(start)) continue;
    const path: Code[] = [];
    let cur: Code | undefined = start;
    while (cur && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      const n = next(cur);
      cur = n === undefined ? undefined : codes.get(n);
    }
    if (cur && state.get(cur) === 1) cycles.push(path.slice(path.indexOf(cur)));
    for (const c of path) state.set(c, 2);
  }
  return cycles.map((cycle) => {
    const first = cycle.reduce((best, c, i) => (c.order < cycle[best].order ? i : best), 0);
    return rotate(cycle, first);
  });
}

export function rotate<T>(list: T[], i: number): T[] {
  return [...list.slice(i), ...list.slice(0, i)];
}
