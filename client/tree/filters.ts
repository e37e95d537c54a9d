import * as vscode from 'vscode';
import { TreeFacetsRequest, type TreeFilter } from '../../common/protocol';
import { FILTER_CHANGED_SINCE_COMMAND } from '../changes/panel';
import type { TreeServer } from './server';

/** Whether a filter shows fewer quotes than all. */
export function isActive(f: TreeFilter): boolean {
  return !!(f.cases?.length || f.speakers?.length || f.participants?.length || f.coders?.length || f.attributes?.length || f.text?.trim() || f.changedSince);
}

/** The filter in a few words, for the view's description, e.g. `case C · coder LN · “trust”`. */
export function describeFilter(f: TreeFilter): string {
  const parts: string[] = [];
  const list = (name: string, plural: string, xs?: string[]) => {
    if (xs?.length) parts.push(`${xs.length === 1 ? name : plural} ${xs.join(', ')}`);
  };
  list('case', 'cases', f.cases);
  list('speaker', 'speakers', f.speakers);
  list('participant', 'participants', f.participants);
  list('coder', 'coders', f.coders);
  if (f.attributes?.length) parts.push(f.attributes.map((a) => `${a.key}=${a.value}`).join(', '));
  if (f.text?.trim()) parts.push(`“${f.text.trim()}”`);
  if (f.changedSince) parts.push(`changed since ${f.changedSince.revision}`);
  return parts.join(' · ');
}

type Dimension = 'cases' | 'speakers' | 'participants' | 'coders' | 'attributes';

const DIMENSIONS: { key: Dimension; label: string; detail: string }[] = [
  { key: 'cases', label: 'Case', detail: 'front matter `case`' },
  { key: 'speakers', label: 'Speaker role', detail: 'the speaker of the turn the quote is in' },
  { key: 'participants', label: 'Participant', detail: 'front matter `participant`' },
  { key: 'coders', label: 'Coder', detail: 'who applied the code' },
  { key: 'attributes', label: 'Attribute', detail: 'front matter `attributes`' },
];

/**
 * The "Filter…" flow: pick what to filter by, then the values (several may be
 * picked; the current ones come checked). Returns the new filter, or undefined
 * when the user cancelled.
 */
export async function pickFilter(server: TreeServer, current: TreeFilter): Promise<TreeFilter | undefined> {
  const facets = await server.request(TreeFacetsRequest.type, {});
  if (!facets) {
    void vscode.window.showWarningMessage('Axial: the language server is not running.');
    return undefined;
  }
  type DimItem = vscode.QuickPickItem & { key?: Dimension | 'text' | 'changed' | 'clear' };
  const items: DimItem[] = DIMENSIONS.map((d) => {
    const chosen = d.key === 'attributes' ? current.attributes?.map((a) => `${a.key}=${a.value}`) : current[d.key];
    return { key: d.key, label: d.label, description: chosen?.length ? `= ${chosen.join(', ')}` : d.detail };
  });
  items.push({ key: 'text', label: 'Quote text…', description: current.text ? `“${current.text}”` : 'words in the quote, ignoring case and accents' });
  items.push({
    key: 'changed',
    label: 'Changed since…',
    description: current.changedSince ? `= ${current.changedSince.revision}` : 'spans coded or recoded since a git revision',
  });
  if (isActive(current)) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { key: 'clear', label: 'Clear all filters' });
  const dim = await vscode.window.showQuickPick(items, { title: 'Filter the Axial tree', placeHolder: 'Filter quotes by…' });
  if (!dim?.key) return undefined;
  if (dim.key === 'clear') return {};
  if (dim.key === 'changed') {
    await vscode.commands.executeCommand(FILTER_CHANGED_SINCE_COMMAND);
    return undefined;
  }
  if (dim.key === 'text') {
    const text = await askSearch(current.text);
    return text === undefined ? undefined : { ...current, text };
  }
  if (dim.key === 'attributes') {
    const chosen = new Set((current.attributes ?? []).map((a) => `${a.key}\u0000${a.value}`));
    const picked = await vscode.window.showQuickPick(
      facets.attributes.map((a) => ({ label: `${a.key} = ${a.value}`, attr: a, picked: chosen.has(`${a.key}\u0000${a.value}`) })),
      { title: 'Filter by attribute', placeHolder: 'Transcripts whose front matter has any of these (all keys you pick must match)', canPickMany: true },
    );
    return picked ? { ...current, attributes: picked.map((p) => p.attr) } : undefined;
  }
  const key = dim.key;
  const values: { value: string; detail?: string }[] =
    key === 'coders' ? facets.coders.map((c) => ({ value: c.id, detail: c.name })) : facets[key].map((value) => ({ value }));
  const chosen = new Set(current[key] ?? []);
  const picked = await vscode.window.showQuickPick(
    values.map((v) => ({ label: v.value, description: v.detail, picked: chosen.has(v.value) })),
    { title: `Filter by ${dim.label.toLowerCase()}`, placeHolder: 'Pick one or more (none: no filter on this)', canPickMany: true },
  );
  return picked ? { ...current, [key]: picked.map((p) => p.label) } : undefined;
}

/** The "Search Quotes…" input; undefined when cancelled, '' to clear the search. */
export async function askSearch(current?: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Search quotes',
    prompt: 'Show only quotes containing these words (case and accents are ignored). Empty: no search.',
    value: current ?? '',
    placeHolder: 'e.g. trust',
  });
  return text === undefined ? undefined : text.trim();
}
