/**
 * Quick fixes for the diagnostics of codebook.yaml. Each is a minimal edit at the
 * exact range the diagnostic points to (see core/refactor/codebookEdits.ts): the
 * rest of the file, comments included, is left as it was.
 */
import { boundedDistance } from './distance';
import { descendantIds } from '../../codebook/hierarchy';
import { isValidId } from '../../codebook/ids';
import type { Codebook } from '../../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../../diagnostics';
import type { Project } from '../../project/types';
import { addCodeEdit, removeFieldEdit, replaceIdEdit } from '../../refactor/codebookEdits';
import { indentAt, isBlankLine, lineStartAt, nextLineStartAt, scalarInner } from '../../refactor/text';
import { canInsert, MAX_SUGGESTIONS } from './transcriptFixes';
import type { QuickFix } from './types';

export function codebookFixes(project: Project, d: AxialDiagnostic): QuickFix[] {
  const cb = project.codebook;
  const uri = project.codebookUri;
  const text = cb.text;
  const fix = (title: string, edits: { range: { start: number; end: number }; newText: string }[], preferred = false): QuickFix => ({
    title,
    diagnostic: d,
    edits: edits.map((e) => ({ uri, ...e })),
    preferred,
  });

  switch (d.code) {
    case DiagnosticCodes.unknownParent: {
      const id = d.data?.id;
      const parent = d.data?.parent;
      if (typeof id !== 'string' || typeof parent !== 'string') return [];
      // A parent may not be the code itself or below it: that would make a cycle.
      const excluded = new Set([id, ...descendantIds(cb.codes.values(), (c) => c.parent?.value, id)]);
      const near = nearestIds(cb, parent, (c) => !excluded.has(c));
      const out = near.map((c) => fix(`Change to '${c}'`, [replaceIdEdit(text, d.range, c)], near.length === 1));
      const add = canInsert(cb) && isValidId(parent) ? addCodeEdit(cb, { id: parent, kind: 'category' }) : undefined;
      if (add) out.push(fix(`Add the category '${parent}' to the codebook`, [add]));
      const code = cb.codes.get(id);
      const remove = code && removeFieldEdit(cb, code, 'parent');
      if (remove) out.push(fix(`Remove the parent of '${id}'`, [remove]));
      return out;
    }

    case DiagnosticCodes.parentCycle: {
      const id = d.data?.id;
      const code = typeof id === 'string' ? cb.codes.get(id) : undefined;
      const remove = code && removeFieldEdit(cb, code, 'parent');
      // Every code of the cycle gets a diagnostic; each offers to cut its own link.
      return remove ? [fix(`Remove the parent link of '${id}'`, [remove])] : [];
    }

    case DiagnosticCodes.badReplacedBy: {
      const suggestion = d.data?.suggestion;
      if (typeof suggestion !== 'string' || !isValidId(suggestion)) return [];
      return [fix(`Change to '${suggestion}'`, [replaceIdEdit(text, d.range, suggestion)], true)];
    }

    case DiagnosticCodes.codebookUnknownKey: {
      const key = d.data?.key;
      const known = d.data?.known;
      if (typeof key !== 'string' || key === '' || !Array.isArray(known)) return [];
      const present = siblingKeys(text, d.range.start);
      const candidates = nearestWords(key, (known as string[]).filter((k) => !present.has(k)));
      const out = candidates.map((k, i) => fix(`Change to '${k}'`, [{ range: scalarInner(text, d.range), newText: k }], i === 0 && d.data?.suggestion === k));
      if (/^[\p{L}\p{N}_.-]+$/u.test(key) && !present.has(`x-${key}`)) {
        const inner = scalarInner(text, d.range);
        out.push(fix(`Rename to 'x-${key}' (your own key)`, [{ range: { start: inner.start, end: inner.start }, newText: 'x-' }]));
      }
      return out;
    }

    case DiagnosticCodes.badColor: {
      const value = d.data?.value;
      if (typeof value !== 'string') return [];
      const m = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(value.trim());
      if (d.data?.quote === true) {
        // `color: #4e79a7` is a YAML comment: the range covers `#4e79a7`; quote it.
        const hex = m ? sixDigits(m[1]) : value;
        return [fix(`Quote the color: "${hex}"`, [{ range: d.range, newText: `"${hex}"` }], true)];
      }
      if (!m) return [];
      const hex = sixDigits(m[1]);
      return [fix(`Write the color as "${hex}"`, [{ range: d.range, newText: `"${hex}"` }], true)];
    }

    default:
      return [];
  }
}

/** `#abc` → `#aabbcc`, lower case kept as written. */
function sixDigits(hex: string): string {
  return '#' + (hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex);
}

/** Code ids close to a word (edit distance within a third of its length), best first. */
function nearestIds(cb: Codebook, word: string, allowed: (id: string) => boolean): string[] {
  const w = word.toLowerCase();
  const max = Math.min(4, Math.max(1, Math.ceil(w.length / 3)));
  const scored: { id: string; d: number; order: number }[] = [];
  for (const code of cb.codes.values()) {
    if (!allowed(code.id) || !isValidId(code.id)) continue;
    const dist = boundedDistance(w, code.id.toLowerCase(), max);
    if (dist <= max) scored.push({ id: code.id, d: dist, order: code.order });
  }
  scored.sort((a, b) => a.d - b.d || a.order - b.order);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.id);
}

/** Words close to `word`, best first. */
function nearestWords(word: string, candidates: string[]): string[] {
  const w = word.toLowerCase();
  const max = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  return candidates
    .map((c, order) => ({ c, d: boundedDistance(w, c.toLowerCase(), max), order }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || a.order - b.order)
    .slice(0, MAX_SUGGESTIONS)
    .map((x) => x.c);
}

/**
 * The keys of the block map holding the key at `offset` (the lines at its
 * indentation, up to a less indented line), so a rename never makes a duplicate.
 */
function siblingKeys(text: string, offset: number): Set<string> {
  const keys = new Set<string>();
  const lineStart = lineStartAt(text, offset);
  const column = offset - lineStart;
  const read = (ls: number) => {
    const m = /^[ \t]*["']?([^"':#\s][^"':]*?)["']?[ \t]*:(?:[ \t]|$|\r?\n)/.exec(text.slice(ls, nextLineStartAt(text, ls)));
    if (m) keys.add(m[1]);
  };
  for (let ls = lineStart; ; ) {
    if (!isBlankLine(text, ls)) {
      const indent = indentAt(text, ls);
      if (indent < column) break;
      if (indent === column) read(ls);
    }
    if (ls === 0) break;
    ls = lineStartAt(text, ls - 1);
  }
  for (let ls = nextLineStartAt(text, lineStart); ls < text.length; ls = nextLineStartAt(text, ls)) {
    if (isBlankLine(text, ls)) continue;
    const indent = indentAt(text, ls);
    if (indent < column) break;
    if (indent === column) read(ls);
  }
  keys.delete(text.slice(offset).match(/^["']?([^"':\s]*)/)?.[1] ?? '');
  return keys;
}
