/**
 * Counting quotes and cases for every node of the axial tree at once. A node's
 * count is the number of distinct spans coded with its code or any code below it
 * (a span coded with two codes of one category counts once for the category).
 *
 * The work is split per transcript so a refresh after an edit recounts only the
 * edited file: each TranscriptEntry (replaced by the index whenever its file or the
 * codebook changes) gets its counts once per filter, and the project's totals are
 * sums over files of those small arrays. Nodes are numbered slots (codes in
 * codebook order, then the two totals, then unknown ids as they turn up), so the
 * counting loop touches typed arrays rather than maps.
 */
import { caseKey } from '../project/caseOf';
import { childrenOf } from '../codebook/hierarchy';
import type { Codebook } from '../codebook/types';
import type { Project, TranscriptEntry } from '../project/types';
import type { CompiledFilter } from './filter';

interface Shape {
  /** Tree parent of each code (consistent with `childrenOf`); undefined for roots. */
  parent: Map<string, string | undefined>;
  /** Slot of each codebook code, and of each unknown id seen so far. */
  codeSlot: Map<string, number>;
  unknownSlot: Map<string, number>;
  /** Slots a use of an id counts towards: itself, its ancestors (or the unknown group), the total. */
  slots: Map<string, Int32Array>;
  size: number;
}

/** The fixed slots after the codebook's codes. */
const ALL = 0;
const UNKNOWN_GROUP = 1;

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
  const codeSlot = new Map<string, number>();
  for (const id of codebook.codes.keys()) codeSlot.set(id, 2 + codeSlot.size);
  s = { parent, codeSlot, unknownSlot: new Map(), slots: new Map(), size: 2 + codeSlot.size };
  shapes.set(codebook, s);
  return s;
}

/** The tree parent of a code of the codebook (undefined for a root or an unknown id). */
export function treeParentOf(codebook: Codebook, id: string): string | undefined {
  return shape(codebook).parent.get(id);
}

function slotsOf(s: Shape, id: string): Int32Array {
  let slots = s.slots.get(id);
  if (slots) return slots;
  const list: number[] = [];
  if (s.codeSlot.has(id)) {
    for (let cur: string | undefined = id; cur !== undefined; cur = s.parent.get(cur)) list.push(s.codeSlot.get(cur)!);
  } else {
    let slot = s.unknownSlot.get(id);
    if (slot === undefined) s.unknownSlot.set(id, (slot = s.size++));
    list.push(slot, UNKNOWN_GROUP);
  }
  list.push(ALL);
  slots = Int32Array.from(list);
  s.slots.set(id, slots);
  return slots;
}

interface FileTally {
  codebook: Codebook;
  /** Counts without a filter, and under the last filter asked for (one at a time). */
  all?: Int32Array;
  filtered?: { key: string; counts: Int32Array };
}

const fileTallies = new WeakMap<TranscriptEntry, FileTally>();

/** Distinct matching spans per slot in one transcript (slots past the end count 0). */
function fileTally(entry: TranscriptEntry, codebook: Codebook, filter: CompiledFilter): Int32Array {
  let cached = fileTallies.get(entry);
  if (!cached || cached.codebook !== codebook) fileTallies.set(entry, (cached = { codebook }));
  if (!filter.active && cached.all) return cached.all;
  if (filter.active && cached.filtered?.key === filter.key) return cached.filtered.counts;
  const counts = countFile(entry, shape(codebook), filter);
  if (filter.active) cached.filtered = { key: filter.key, counts };
  else cached.all = counts;
  return counts;
}

const NONE = new Int32Array(0);

function countFile(entry: TranscriptEntry, s: Shape, filter: CompiledFilter): Int32Array {
  if (entry.uses.length === 0 || !filter.file(entry)) return NONE;
  let counts: Int32Array = new Int32Array(s.size);
  // Uses come in document order, all uses of one span together: remembering the
  // last span counted for a slot is enough to count each span once.
  let last: Int32Array = new Int32Array(s.size).fill(-1);
  let spanIndex = -1;
  let spanPasses = false;
  for (const use of entry.uses) {
    if (use.span.index !== spanIndex) {
      spanIndex = use.span.index;
      spanPasses = filter.span(entry, use.span);
    }
    if (!spanPasses || !filter.block(entry, use.block, use.span)) continue;
    const slots = slotsOf(s, use.ref.id);
    if (s.size > counts.length) {
      // An unknown id got a new slot.
      counts = grow(counts, s.size, 0);
      last = grow(last, s.size, -1);
    }
    for (let i = 0; i < slots.length; i++) {
      const k = slots[i];
      if (last[k] === spanIndex) continue;
      last[k] = spanIndex;
      counts[k]++;
    }
  }
  return counts;
}

function grow(a: Int32Array, size: number, fill: number): Int32Array {
  const b = new Int32Array(size).fill(fill);
  b.set(a);
  return b;
}

/** Quotes and cases of one node. */
export interface Tally {
  quotes: number;
  cases: number;
}

/** Quotes and cases per node over a project. */
export interface ProjectTally {
  code(id: string): Tally;
  unknown(id: string): Tally;
  unknownGroup(): Tally;
  all(): Tally;
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
  const tally = sumFiles(project, entries, filter);
  byFilter.set(slot, { codebook: project.codebook, filterKey: filter.key, entries, tally });
  return tally;
}

function sumFiles(project: Project, entries: TranscriptEntry[], filter: CompiledFilter): ProjectTally {
  const s = shape(project.codebook);
  const perFile = entries.map((entry) => ({
    counts: fileTally(entry, project.codebook, filter),
    caseKey: caseKey(entry),
  }));
  const quotes = new Int32Array(s.size);
  const cases = new Int32Array(s.size);
  // Files of one case together: a slot counts a case once, the first time it has quotes in it.
  perFile.sort((a, b) => (a.caseKey < b.caseKey ? -1 : a.caseKey > b.caseKey ? 1 : 0));
  const seenInCase = new Int32Array(s.size).fill(-1);
  let caseIndex = -1;
  let previous: string | undefined;
  for (const { counts, caseKey } of perFile) {
    if (caseKey !== previous) {
      caseIndex++;
      previous = caseKey;
    }
    for (let k = 0; k < counts.length; k++) {
      const n = counts[k];
      if (n === 0) continue;
      quotes[k] += n;
      if (seenInCase[k] !== caseIndex) {
        seenInCase[k] = caseIndex;
        cases[k]++;
      }
    }
  }
  const at = (k: number | undefined): Tally => (k === undefined || k >= quotes.length ? { quotes: 0, cases: 0 } : { quotes: quotes[k], cases: cases[k] });
  return {
    code: (id) => at(s.codeSlot.get(id)),
    unknown: (id) => at(s.unknownSlot.get(id)),
    unknownGroup: () => at(UNKNOWN_GROUP),
    all: () => at(ALL),
  };
}
