/**
 * What changed in a codebook between two versions (FORMAT.md section 6): codes
 * added, removed, renamed, moved (`parent`) and redefined (definition, criteria,
 * examples). A rename is a rename, not a removal plus an addition, when the
 * entry keeps its `guid`, or when the same entry stands under a new key and the
 * transcripts' tags were rewritten from the old id to the new one.
 */
import type { Code, Codebook } from '../codebook/types';

/** A code whose parent changed; null is the top level. */
export interface CodeMove {
  id: string;
  from: string | null;
  to: string | null;
}

/** A code whose meaning changed, with the fields that did. */
export interface CodeRedefinition {
  id: string;
  fields: string[];
}

/** The changes of one codebook. Ids are the newer version's, except in `removed` and `renamed.from`. */
export interface CodebookDiff {
  added: string[];
  removed: string[];
  renamed: { from: string; to: string }[];
  moved: CodeMove[];
  redefined: CodeRedefinition[];
}

/**
 * Where each code id is used, as opaque keys that are equal for the same span
 * in both versions (file, range in the newer text, coder). Renames are
 * confirmed with them: every old use of the old id is a new use of the new id.
 */
export interface CodeUses {
  old: ReadonlyMap<string, ReadonlySet<string>>;
  new: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The fields whose change redefines a code, as FORMAT.md section 2 names them. */
const MEANING_FIELDS = ['definition', 'include', 'exclude', 'examples'] as const;

/**
 * Pairs of a removed and an added code that may be one code renamed: the same
 * `guid`, or the same entry (every field but the key, with parents read through
 * the other renames) when the pairing is unambiguous. `uses` confirms the
 * pairs without a shared guid; without it, those pairs are only candidates
 * (see codeRenameCandidates) and none is returned.
 */
export function detectRenames(old: Codebook | undefined, neu: Codebook | undefined, uses?: CodeUses): Map<string, string> {
  const renames = new Map<string, string>();
  if (!old || !neu) return renames;
  const removed = [...old.codes.values()].filter((c) => !neu.codes.has(c.id));
  const added = [...neu.codes.values()].filter((c) => !old.codes.has(c.id));
  const byGuid = new Map(added.filter((c) => c.guid).map((c) => [c.guid!, c]));
  for (const r of removed) {
    const a = r.guid ? byGuid.get(r.guid) : undefined;
    if (a && !renames.has(r.id)) renames.set(r.id, a.id);
  }
  if (!uses) return renames;
  for (const [from, to] of codeRenameCandidates(old, neu, renames)) {
    if (confirmedByUses(from, to, uses)) renames.set(from, to);
  }
  return renames;
}

/**
 * Removed and added codes whose entries are the same but for the key, paired one
 * to one (an entry that matches several on the other side pairs with none).
 * `known` renames are left out, and read when comparing parents.
 */
export function codeRenameCandidates(old: Codebook, neu: Codebook, known: ReadonlyMap<string, string> = new Map()): [string, string][] {
  const taken = new Set(known.values());
  const removed = [...old.codes.values()].filter((c) => !neu.codes.has(c.id) && !known.has(c.id));
  const added = [...neu.codes.values()].filter((c) => !old.codes.has(c.id) && !taken.has(c.id));
  const renameOf = (id: string | undefined) => (id === undefined ? undefined : (known.get(id) ?? id));
  const bySig = new Map<string, { old: Code[]; new: Code[] }>();
  const slot = (sig: string) => {
    let s = bySig.get(sig);
    if (!s) bySig.set(sig, (s = { old: [], new: [] }));
    return s;
  };
  for (const c of removed) slot(signature(c, renameOf)).old.push(c);
  for (const c of added) slot(signature(c, (id) => id)).new.push(c);
  const pairs: [string, string][] = [];
  for (const s of bySig.values()) if (s.old.length === 1 && s.new.length === 1) pairs.push([s.old[0].id, s.new[0].id]);
  return pairs;
}

/** A rename is confirmed when the old id is used nowhere now and its old uses are exactly the new id's uses. */
function confirmedByUses(from: string, to: string, uses: CodeUses): boolean {
  if ((uses.new.get(from)?.size ?? 0) > 0 || (uses.old.get(to)?.size ?? 0) > 0) return false;
  const was = uses.old.get(from) ?? new Set<string>();
  const now = uses.new.get(to) ?? new Set<string>();
  if (was.size !== now.size) return false;
  for (const k of was) if (!now.has(k)) return false;
  return true;
}

/** Everything an entry says but its key, with its parent read through `parentId`. */
function signature(c: Code, parentId: (id: string | undefined) => string | undefined): string {
  return JSON.stringify([
    c.kind,
    parentId(c.parent?.value) ?? null,
    // A name left out defaults to the id, which a rename changes: that is not a difference.
    c.name === c.id ? null : c.name,
    c.definition ?? null,
    c.include,
    c.exclude,
    c.examples.map((e) => e.value),
    c.aliases,
    c.color ?? null,
    c.status,
    c.replacedBy?.value ?? null,
    c.memo ?? null,
  ]);
}

/**
 * The codebook's changes, given the renames (detectRenames). Missing versions
 * count as empty codebooks: a new project's codes are all added.
 */
export function diffCodebooks(old: Codebook | undefined, neu: Codebook | undefined, renames: ReadonlyMap<string, string> = new Map()): CodebookDiff {
  const oldCodes = old?.codes ?? new Map<string, Code>();
  const newCodes = neu?.codes ?? new Map<string, Code>();
  const renamedTo = new Set(renames.values());
  const diff: CodebookDiff = { added: [], removed: [], renamed: [], moved: [], redefined: [] };
  const asNew = (id: string | undefined) => (id === undefined ? null : (renames.get(id) ?? id));
  for (const c of newCodes.values()) {
    if (!oldCodes.has(c.id) && !renamedTo.has(c.id)) diff.added.push(c.id);
  }
  for (const c of oldCodes.values()) {
    const to = renames.get(c.id);
    if (to !== undefined && newCodes.has(to)) diff.renamed.push({ from: c.id, to });
    else if (!newCodes.has(c.id)) diff.removed.push(c.id);
  }
  for (const before of oldCodes.values()) {
    const id = renames.get(before.id) ?? before.id;
    const after = newCodes.get(id);
    if (!after) continue;
    const from = asNew(before.parent?.value);
    const to = after.parent?.value ?? null;
    if (from !== to) diff.moved.push({ id, from, to });
    const fields = MEANING_FIELDS.filter((f) => JSON.stringify(meaning(before, f)) !== JSON.stringify(meaning(after, f)));
    if (fields.length > 0) diff.redefined.push({ id, fields });
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  diff.added.sort();
  diff.removed.sort();
  diff.renamed.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  diff.moved.sort(byId);
  diff.redefined.sort(byId);
  return diff;
}

function meaning(c: Code, field: (typeof MEANING_FIELDS)[number]): unknown {
  if (field === 'examples') return c.examples.map((e) => e.value);
  if (field === 'definition') return c.definition ?? null;
  return c[field];
}

/** True when nothing changed. */
export function isEmptyCodebookDiff(d: CodebookDiff): boolean {
  return d.added.length + d.removed.length + d.renamed.length + d.moved.length + d.redefined.length === 0;
}
