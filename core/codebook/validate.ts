/**
 * Checks across entries of `codes:`, run once every code is read: parents exist and
 * form no cycle; `replaced_by` names another existing code (not a category) and
 * forms no cycle; `replaced_by` on an active code is pointless.
 */
import { DiagnosticCodes } from '../diagnostics';
import type { Code, Codebook, Located } from './types';
import type { YamlReader } from './yamlReader';
import { isValidId } from './ids';
import { nearest } from './nearest';
import { findCycles, rotate } from './cycles';

/** Suggesting a near id costs a scan of all ids; a broken 5 MB file should not pay it for every reference. */
const MAX_SUGGESTIONS = 100;

export function validateCodes(r: YamlReader, codebook: Codebook): void {
  const suggest = suggester(codebook);
  checkParents(r, codebook, suggest);
  checkReplacements(r, codebook, suggest);
}

function suggester(codebook: Codebook): (id: string) => string | undefined {
  let budget = MAX_SUGGESTIONS;
  // Only ids that can be written (as a value, or as a tag) are suggested.
  return (id) => (budget-- > 0 ? nearest(id, [...codebook.codes.keys()].filter(isValidId)) : undefined);
}

function checkParents(r: YamlReader, codebook: Codebook, suggest: (id: string) => string | undefined): void {
  const { codes } = codebook;
  for (const code of codes.values()) {
    const parent = code.parent;
    if (!parent || codes.has(parent.value)) continue;
    const near = suggest(parent.value);
    r.error(
      DiagnosticCodes.unknownParent,
      `Unknown parent '${parent.value}'. No code or category has this id.${near ? ` Did you mean '${near}'?` : ''}`,
      parent.range,
      { id: code.id, parent: parent.value, ...(near ? { suggestion: near } : {}) },
    );
  }
  for (const cycle of findCycles(codes, (c) => c.parent?.value)) {
    for (let i = 0; i < cycle.length; i++) {
      const code = cycle[i];
      const ids = cycleFrom(cycle, i);
      const message =
        ids.length === 1
          ? `'${code.id}' is its own parent. A code cannot be its own ancestor.`
          : `Parent cycle: ${showCycle(ids)}. A code cannot be its own ancestor.`;
      r.error(DiagnosticCodes.parentCycle, message, (code.parent as Located).range, { id: code.id, cycle: ids });
    }
  }
}

function checkReplacements(r: YamlReader, codebook: Codebook, suggest: (id: string) => string | undefined): void {
  const { codes } = codebook;
  /** Codes whose replaced_by names a usable code; only those edges can form a cycle. */
  const usable = new Set<Code>();
  for (const code of codes.values()) {
    const rb = code.replacedBy;
    if (!rb) continue;
    const target = codes.get(rb.value);
    const data = { id: code.id, replacedBy: rb.value };
    if (rb.value === code.id) {
      r.error(DiagnosticCodes.badReplacedBy, `'${code.id}' cannot be replaced by itself. Name the code to use instead.`, rb.range, data);
    } else if (!target) {
      const near = suggest(rb.value);
      r.error(
        DiagnosticCodes.badReplacedBy,
        `Unknown replacement '${rb.value}'. No code has this id.${near ? ` Did you mean '${near}'?` : ''}`,
        rb.range,
        near ? { ...data, suggestion: near } : data,
      );
    } else if (target.kind === 'category') {
      r.error(
        DiagnosticCodes.badReplacedBy,
        `'${rb.value}' is a category, and categories cannot be applied to text. Replace '${code.id}' by a code.`,
        rb.range,
        data,
      );
    } else {
      usable.add(code);
    }
  }
  const inCycle = new Set<Code>();
  const cycles = findCycles(codes, (c) => (usable.has(c) ? c.replacedBy?.value : undefined));
  for (const cycle of cycles) {
    for (let i = 0; i < cycle.length; i++) {
      const code = cycle[i];
      inCycle.add(code);
      const ids = cycleFrom(cycle, i);
      r.error(
        DiagnosticCodes.badReplacedBy,
        `Replacement cycle: ${showCycle(ids)}. Following replaced_by never reaches a code to use.`,
        (code.replacedBy as Located).range,
        { id: code.id, replacedBy: (code.replacedBy as Located).value, cycle: ids },
      );
    }
  }
  for (const code of usable) {
    if (inCycle.has(code) || code.status !== 'active') continue;
    const rb = code.replacedBy as Located;
    r.warning(
      DiagnosticCodes.badReplacedBy,
      `'${code.id}' has replaced_by but is not deprecated, so coders are never told to switch to '${rb.value}'. Add status: deprecated, or remove replaced_by.`,
      rb.range,
      { id: code.id, replacedBy: rb.value },
    );
  }
}

/** Cycles longer than this are reported with one shared id list, to stay linear in size. */
const LONG_CYCLE = 50;
const sharedIds = new WeakMap<Code[], string[]>();

/** The ids of a cycle starting at its i-th member (for long cycles: from its first member). */
function cycleFrom(cycle: Code[], i: number): string[] {
  if (cycle.length <= LONG_CYCLE) return rotate(cycle, i).map((c) => c.id);
  let ids = sharedIds.get(cycle);
  if (!ids) sharedIds.set(cycle, (ids = cycle.map((c) => c.id)));
  return ids;
}

/** `a → b → a`, shortened in the middle when long. */
function showCycle(ids: string[]): string {
  const shown = ids.length <= 8 ? ids : [...ids.slice(0, 3), `… (${ids.length - 6} more) …`, ...ids.slice(-3)];
  return [...shown, ids[0]].join(' → ');
}
