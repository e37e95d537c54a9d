/**
 * Counting quotes and cases for every node of the axial tree at once. A node's
 * count is the number of distinct spans coded with its code or any code below it
 * (a span coded with two codes of one category counts once for the category).
 *
 * The work is split per transcript so a refresh after an edit recounts only the
 * edited file: each TranscriptEntry (replaced by the index whenever its file or the
 * codebook changes) gets its counts once per filter, and the project's totals are
 * sums over files of those small maps.
 */
import { childrenOf } from '../codebook/hierarchy';
import type { Codebook } from '../codebook/types';
import type { Project, TranscriptEntry } from '../project/types';
import type { CompiledFilter } from './filter';

/** Tally keys: `c` + id for a codebook code, `x` + id for an unknown code, and two totals. */
export const codeKey = (id: string) => 'c' + id;
export const unknownKey = (id: string) => 'x' + id;
export const UNKNOWN_GROUP = 'u';
export const ALL = '*';

interface Shape {
  /** Tree parent of each code (consistent with `childrenOf`); undefined for roots. */
  parent: Map<string, string | undefined>;
  /** Tally keys a use of an id counts towards: itself, its ancestors, the total. */
  keys: Map<string, string[]>;
}

const shapes = new WeakMap<Codebook, Shape>();

function shape(codebook: Codebook): Shape {
  let s = shapes.get(codebook);
  if (s) return s;
  const parent = new Map<string, string | undefined>();
  const visit = (id: string | undefined) => {
    for (const child of childrenOf(codebook, id)) {
      parent.set(child.id, id);
      visit(child.id);
    }
  };
  visit(undefined);
  s = { parent, keys: new Map() };
  shapes.set(codebook, s);
  return s;
}

/** The tree parent of a code of the codebook (undefined for a root or an unknown id). */
export function treeParentOf(codebook: Codebook, id: string): string | undefined {
  return shape(codebook).parent.get(id);
}

function keysOf(codebook: Codebook, id: string): string[] {
  const s = shape(codebook);
  let keys = s.keys.get(id);
  if (keys) return keys;
  if (s.parent.has(id)) {
    keys = [];
    for (let cur: string | undefined = id; cur !== undefined; cur = s.parent.get(cur)) keys.push(codeKey(cur));
  } else {
    keys = [unknownKey(id), UNKNOWN_GROUP];
  }
  keys.push(ALL);
  s.keys.set(id, keys);
  return keys;
}

interface FileTally {
  codebook: Codebook;
  /** Counts without a filter, and under the last filter asked for (one at a time). */
  all?: Map<string, number>;
  filtered?: { key: string; counts: Map<string, number> };
}

const fileTallies = new WeakMap<TranscriptEntry, FileTally>();

/** Distinct matching spans per tally key in one transcript. */
export function fileTally(entry: TranscriptEntry, codebook: Codebook, filter: CompiledFilter): Map<string, number> {
  let cached = fileTallies.get(entry);
  if (!cached || cached.codebook !== codebook) fileTallies.set(entry, (cached = { codebook }));
  if (!filter.active && cached.all) return cached.all;
  if (filter.active && cached.filtered?.key === filter.key) return cached.filtered.counts;
  const counts = countFile(entry, codebook, filter);
  if (filter.active) cached.filtered = { key: filter.key, counts };
  else cached.all = counts;
  return counts;
}

function countFile(entry: TranscriptEntry, codebook: Codebook, filter: CompiledFilter): Map<string, number> {
  const counts = new Map<string, number>();
  if (!filter.file(entry)) return counts;
  // Uses come in document order, all uses of one span together: remembering the
  // last span counted for a key is enough to count each span once.
  const last = new Map<string, number>();
  let spanIndex = -1;
  let spanPasses = false;
  for (const use of entry.uses) {
    if (use.span.index !== spanIndex) {
      spanIndex = use.span.index;
      spanPasses = filter.span(entry, use.span);
    }
    if (!spanPasses || !filter.block(entry, use.block)) continue;
    for (const k of keysOf(codebook, use.ref.id)) {
      if (last.get(k) === spanIndex) continue;
      last.set(k, spanIndex);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

/** Quotes and cases per tally key over a project. */
export interface ProjectTally {
  quotes(key: string): number;
  cases(key: string): number;
}

interface CachedProjectTally {
  codebook: Codebook;
  filterKey: string;
  entries: TranscriptEntry[];
  tally: ProjectTally;
}

/** Per project: the unfiltered tally and the last filtered one, each with what it was counted from. */
const projectTallies = new WeakMap<Project, Map<string, CachedProjectTally>>();

/** The project's tally under a filter; reused while no transcript and not the codebook changed. */
export function projectTally(project: Project, filter: CompiledFilter): ProjectTally {
  const entries = [...project.transcripts.values()];
  let byFilter = projectTallies.get(project);
  if (!byFilter) projectTallies.set(project, (byFilter = new Map()));
  const slot = filter.active ? 'filtered' : 'all';
  const cached = byFilter.get(slot);
  if (
    cached &&
    cached.codebook === project.codebook &&
    cached.filterKey === filter.key &&
    cached.entries.length === entries.length &&
    cached.entries.every((e, i) => e === entries[i])
  ) {
    return cached.tally;
  }
  const quotes = new Map<string, number>();
  const caseSets = new Map<string, Set<string>>();
  for (const entry of entries) {
    const counts = fileTally(entry, project.codebook, filter);
    if (counts.size === 0) continue;
    // Cases are told apart as codeUsage does: front matter `case`, else the file.
    const caseKey = entry.transcript.frontMatter?.case ?? entry.uri;
    for (const [k, n] of counts) {
      quotes.set(k, (quotes.get(k) ?? 0) + n);
      let set = caseSets.get(k);
      if (!set) caseSets.set(k, (set = new Set()));
      set.add(caseKey);
    }
  }
  const tally: ProjectTally = {
    quotes: (k) => quotes.get(k) ?? 0,
    cases: (k) => caseSets.get(k)?.size ?? 0,
  };
  byFilter.set(slot, { codebook: project.codebook, filterKey: filter.key, entries, tally });
  return tally;
}
