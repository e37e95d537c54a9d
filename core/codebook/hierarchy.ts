/**
 * The code tree of a codebook: parents, children, and looking a code up by id or
 * alias. Safe on broken codebooks: unknown parents and parent cycles never loop.
 *
 * Tree rule: a code hangs under its parent when the parent exists and the code is
 * not part of a parent cycle; otherwise it is a root. So every code appears exactly
 * once in the tree, in file order among its siblings.
 */
import type { Code, Codebook } from './types';
import { findCycles } from './cycles';

/** The parents of a code, nearest first. Stops at an unknown parent or when a code repeats. */
export function parentChain(codebook: Codebook, id: string): Code[] {
  const chain: Code[] = [];
  const start = codebook.codes.get(id);
  if (!start) return chain;
  const seen = new Set<Code>([start]);
  let cur = start.parent && codebook.codes.get(start.parent.value);
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    chain.push(cur);
    cur = cur.parent && codebook.codes.get(cur.parent.value);
  }
  return chain;
}

interface Tree {
  children: Map<string | undefined, Code[]>;
  aliases: Map<string, Code>;
}

const trees = new WeakMap<Codebook, Tree>();

/** Built once per codebook (a Codebook is not changed after parsing). */
function tree(codebook: Codebook): Tree {
  let t = trees.get(codebook);
  if (t) return t;
  const inCycle = new Set(findCycles(codebook.codes, (c) => c.parent?.value).flat());
  const children = new Map<string | undefined, Code[]>();
  for (const code of codebook.codes.values()) {
    const parentId = code.parent?.value;
    const parent = parentId !== undefined && codebook.codes.has(parentId) && !inCycle.has(code) ? parentId : undefined;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(code);
  }
  const aliases = new Map<string, Code>();
  for (const code of codebook.codes.values()) {
    for (const alias of code.aliases) {
      const key = aliasKey(alias);
      if (key !== '' && !aliases.has(key)) aliases.set(key, code);
    }
  }
  t = { children, aliases };
  trees.set(codebook, t);
  return t;
}

/** The children of a code in file order; the roots when `id` is undefined. */
export function childrenOf(codebook: Codebook, id: string | undefined): Code[] {
  return [...(tree(codebook).children.get(id) ?? [])];
}

/**
 * The code an id or alias names: an exact id first, then an alias compared without
 * regard to case (the first code in the file that lists it wins).
 */
export function resolveCode(codebook: Codebook, idOrAlias: string): Code | undefined {
  return codebook.codes.get(idOrAlias) ?? codebook.codes.get(idOrAlias.normalize('NFC')) ?? tree(codebook).aliases.get(aliasKey(idOrAlias));
}

function aliasKey(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/**
 * Every code below `id` (children, their children, …) by the raw `parent` links,
 * as the file states them: a code under a parent cycle or an unknown parent still
 * counts as below it. Generic over the code's shape, so a parsed codebook
 * (`(c) => c.parent?.value`) and the client's codebook entries (`(c) => c.parent`)
 * share it. Safe on cycles.
 */
export function descendantIds<T extends { id: string }>(codes: Iterable<T>, parentOf: (code: T) => string | undefined, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const c of codes) {
    const p = parentOf(c);
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
export function isSelfOrAncestor(codebook: Codebook, ancestor: string, id: string): boolean {
  const seen = new Set<string>();
  for (let cur: string | undefined = id; cur !== undefined && !seen.has(cur); cur = codebook.codes.get(cur)?.parent?.value) {
    if (cur === ancestor) return true;
    seen.add(cur);
  }
  return false;
}
