import type { Codebook } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import { excerpt } from './hover';

/** An outline entry as plain data. */
export interface SymbolEntry {
  name: string;
  detail?: string;
  kind: 'turn' | 'span' | 'category' | 'code';
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: SymbolEntry[];
}

/**
 * The outline of a transcript (speaker turns, with the coded spans that open in
 * each, nested as they nest) or of a codebook (categories and codes as a tree).
 */
export function documentSymbols(index: ProjectIndex, uri: string): SymbolEntry[] {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  if (!project) return [];
  if (uri === project.codebookUri) return codebookSymbols(project.codebook);
  const entry = project.transcripts.get(uri);
  if (!entry) return [];
  const t = entry.transcript;
  const spanNodes = t.spans.map<SymbolEntry>((s) => {
    const codes = [...new Set(s.blocks.flatMap((b) => b.codes.map((c) => '#' + c.id)))].join(' ');
    return {
      name: codes || '(no code)',
      detail: excerpt(s.quote, 60),
      kind: 'span',
      range: { start: s.open.start, end: s.close?.end ?? t.text.length },
      selectionRange: s.open,
      children: [],
    };
  });
  const turnNodes = t.turns.map<SymbolEntry>((turn) => ({
    name: turn.role ? `${turn.speaker} (${turn.role})` : turn.speaker,
    detail: excerpt(t.text.slice(turn.labelRange.end + 1, Math.min(turn.range.end, turn.labelRange.end + 80)).trim(), 50),
    kind: 'turn',
    range: turn.range,
    selectionRange: turn.labelRange,
    children: [],
  }));
  const roots: SymbolEntry[] = [];
  t.spans.forEach((s, i) => {
    const node = spanNodes[i];
    // A span's outline parent is its enclosing span when that one still contains it
    // (crossing spans are shown under their turn instead).
    const parent = s.parent !== undefined ? spanNodes[s.parent] : undefined;
    if (parent && parent.range.end >= node.range.end) parent.children.push(node);
    else if (s.turn !== undefined) turnNodes[s.turn].children.push(node);
    else roots.push(node);
  });
  // Turn ranges must contain their children's ranges for editors to accept the tree.
  for (const turn of turnNodes) {
    for (const c of turn.children) turn.range = { start: turn.range.start, end: Math.max(turn.range.end, c.range.end) };
  }
  return [...roots, ...turnNodes].sort((a, b) => a.range.start - b.range.start);
}

/** Codebook entries are YAML siblings, so the outline lists them flat, naming each parent. */
function codebookSymbols(cb: Codebook): SymbolEntry[] {
  return [...cb.codes.values()].map((code) => ({
    name: code.id,
    detail: [code.name !== code.id ? code.name : '', code.parent ? `in ${code.parent.value}` : ''].filter(Boolean).join(' — ') || undefined,
    kind: code.kind === 'category' ? 'category' : 'code',
    range: code.range,
    selectionRange: code.keyRange,
    children: [],
  }));
}
