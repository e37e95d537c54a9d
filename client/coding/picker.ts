/**
 * The items of the code pickers, built from `axial/codebook` as plain data (no
 * runtime use of the `vscode` module, so tests can build them anywhere). Each code
 * shows its name as the label, `#id` and its aliases as the description (the
 * picker filters on label and description, so typing an id, a name or an alias
 * finds it), and its parent category and definition as the detail. Categories and
 * deprecated codes are left out: they cannot be applied. Recently used codes come
 * first.
 */
import type * as vscode from 'vscode';
import type { CodebookEntry, CodebookResult } from '../../common/protocol';
import { descendantIds } from '../../core/codebook';

/** `vscode.QuickPickItemKind.Separator`, written as its value so this module needs no runtime vscode. */
const SEPARATOR = -1 as vscode.QuickPickItemKind;

export const NEW_CODE_LABEL = '$(add) New code…';

export interface CodeItem extends vscode.QuickPickItem {
  /** The code's id; undefined on separators and on the "New code…" item. */
  id?: string;
  /** Set on the "New code…" item. */
  newCode?: true;
}

export interface CodeItemOptions {
  /** Code ids, most recent first. */
  recent?: string[];
  /** Ids not to offer (e.g. codes the span already has). */
  exclude?: string[];
  /** Offer "New code…" (default true). */
  newCode?: boolean;
}

const DETAIL_MAX = 140;

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > DETAIL_MAX ? `${flat.slice(0, DETAIL_MAX - 1)}…` : flat;
}

/** The item of one code. */
export function codeItem(code: CodebookEntry, byId: Map<string, CodebookEntry>): CodeItem {
  const parent = code.parent !== undefined ? byId.get(code.parent) : undefined;
  const description = [`#${code.id}`, code.aliases.length > 0 ? `also: ${code.aliases.join(', ')}` : undefined].filter(Boolean).join(' · ');
  const where = parent ? `${parent.kind === 'category' ? '$(folder)' : '$(tag)'} ${parent.name}` : undefined;
  const detail = [where, code.definition ? oneLine(code.definition) : undefined].filter(Boolean).join(' — ');
  return { label: code.name || code.id, description, ...(detail ? { detail } : {}), id: code.id };
}

/** Whether a code may be applied to text: a code (not a category), not deprecated. */
export function isCodable(code: CodebookEntry): boolean {
  return code.kind === 'code' && code.status === 'active';
}

/**
 * The items of the "Code Selection…" picker: recently used codes first (under a
 * "recently used" separator), then the other codes in codebook order, then
 * "New code…".
 */
export function codeItems(codebook: CodebookResult, options: CodeItemOptions = {}): CodeItem[] {
  const byId = new Map(codebook.codes.map((c) => [c.id, c]));
  const exclude = new Set(options.exclude ?? []);
  const codable = codebook.codes.filter((c) => isCodable(c) && !exclude.has(c.id));
  const codableIds = new Set(codable.map((c) => c.id));
  const recent = [...new Set(options.recent ?? [])].filter((id) => codableIds.has(id));
  const recentSet = new Set(recent);
  const items: CodeItem[] = [];
  if (recent.length > 0) {
    items.push({ label: 'recently used', kind: SEPARATOR });
    for (const id of recent) items.push(codeItem(byId.get(id)!, byId));
    items.push({ label: 'codes', kind: SEPARATOR });
  }
  for (const c of codable) if (!recentSet.has(c.id)) items.push(codeItem(c, byId));
  if (options.newCode !== false) {
    items.push({ label: NEW_CODE_LABEL, description: 'add a code to codebook.yaml and apply it', alwaysShow: true, newCode: true });
  }
  return items;
}

/** The code items whose label or description holds every word typed (case-insensitive). */
export function matching(items: readonly CodeItem[], value: string): CodeItem[] {
  const words = value.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((i) => i.id && words.every((w) => `${i.label} ${i.description ?? ''}`.toLowerCase().includes(w)));
}

/** The most recent first, each once, at most `max`. */
export function rememberRecent(recent: string[], used: string[], max = 12): string[] {
  return [...new Set([...used, ...recent])].slice(0, max);
}

/**
 * The parents a new code may go under, best first: `preferred` (the category of the
 * code at the cursor, or the parent used last) when it exists, then categories, then
 * codes, each group in codebook order.
 */
export function newCodeParents(codebook: CodebookResult, preferred?: string): CodebookEntry[] {
  const first = preferred !== undefined ? codebook.codes.find((c) => c.id === preferred) : undefined;
  const rest = codebook.codes.filter((c) => c !== first);
  return [...(first ? [first] : []), ...rest.filter((c) => c.kind === 'category'), ...rest.filter((c) => c.kind !== 'category')];
}

/** The category a code sits in: itself when it is one, else its nearest category above it. */
export function categoryOf(codebook: CodebookResult, id: string): string | undefined {
  const byId = new Map(codebook.codes.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parent !== undefined ? byId.get(c.parent) : undefined) {
    seen.add(c.id);
    if (c.kind === 'category') return c.id;
  }
  return undefined;
}

/** The parents a code may move under: every code and category but itself and those below it. */
export function parentCandidates(codebook: CodebookResult, id: string): CodebookEntry[] {
  const below = new Set([id, ...descendantIds(codebook.codes, (c) => c.parent, id)]);
  return codebook.codes.filter((c) => !below.has(c.id));
}
