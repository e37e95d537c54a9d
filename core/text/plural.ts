/** `1 quote`, `2 quotes`, `3 children` (with `many`): a count and its noun, in one place for every message and label. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
