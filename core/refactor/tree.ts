/** Walking a codebook's parent links by id, safe on unknown parents and cycles. */
import type { Codebook } from '../codebook/types';

/** Every code below `id` (children, their children, …), following `parent` links. */
export function descendants(cb: Codebook, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const c of cb.codes.values()) {
    const p = c.parent?.value;
    if (p === undefined) continue;
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(c.id);
  }
  const out: string[] = [];
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}

/** Whether `ancestor` is `id` itself or above it, following `parent` links (stops on a cycle). */
export function isSelfOrAncestor(cb: Codebook, ancestor: string, id: string): boolean {
  const seen = new Set<string>();
  for (let cur: string | undefined = id; cur !== undefined && !seen.has(cur); cur = cb.codes.get(cur)?.parent?.value) {
    if (cur === ancestor) return true;
    seen.add(cur);
  }
  return false;
}
