import type { Codebook } from '../codebook/types';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import { textReaderOf, type OffsetRange } from '../text/lineIndex';
import type { Transcript } from '../transcript/types';
import { plural } from '../text/plural';
import { turnCount as countTurns, turnEnd, turnLabelEnd, turnRole, turnSpeaker, turnStart } from '../transcript/lazyTurns';
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
  return transcriptSymbols(entry.transcript);
}

/** The most turns and spans an outline lists; past them one entry counts the rest. */
export const MAX_OUTLINE_ENTRIES = 10000;
/** The deepest an outline nests spans; deeper spans are listed beside those at this depth. */
export const MAX_OUTLINE_DEPTH = 32;

/**
 * A transcript's outline, bounded so any file answers quickly and in a size editors
 * take: the first MAX_OUTLINE_ENTRIES turns and spans (in file order) and then an
 * entry "… N more", spans nested at most MAX_OUTLINE_DEPTH deep, and short details.
 */
function transcriptSymbols(t: Transcript): SymbolEntry[] {
  const cutoff = outlineCutoff(t);
  let spanCount = 0;
  while (spanCount < t.spans.length && t.spans[spanCount].open.start < cutoff) spanCount++;
  // Turns are read through the table helpers: an outline request does not make the
  // turns objects, which every later keystroke's re-parse would then shift one by one.
  const allTurns = countTurns(t);
  let turnCount = 0;
  while (turnCount < allTurns && turnStart(t, turnCount) < cutoff) turnCount++;

  const spanNodes: SymbolEntry[] = [];
  for (let i = 0; i < spanCount; i++) {
    const s = t.spans[i];
    const codes = [...new Set(s.blocks.flatMap((b) => b.codes.map((c) => '#' + c.id)))].join(' ');
    spanNodes.push({
      name: codes || '(no code)',
      detail: excerpt(s.quote, 60),
      kind: 'span',
      range: { start: s.open.start, end: s.close?.end ?? t.text.length },
      selectionRange: s.open,
      children: [],
    });
  }
  const turnNodes: SymbolEntry[] = [];
  // A few characters of each turn, read through the editor's pieces if any (textReaderOf).
  const text = textReaderOf(t);
  for (let i = 0; i < turnCount; i++) {
    const speaker = turnSpeaker(t, i);
    const role = turnRole(t, i);
    const start = turnStart(t, i);
    const labelEnd = turnLabelEnd(t, i);
    const end = turnEnd(t, i);
    turnNodes.push({
      name: role ? `${speaker} (${role})` : speaker,
      detail: excerpt(text.slice(labelEnd + 1, Math.min(end, labelEnd + 80)).trim(), 50),
      kind: 'turn',
      range: { start, end },
      selectionRange: { start, end: labelEnd },
      children: [],
    });
  }
  const roots: SymbolEntry[] = [];
  // home[i]: the span whose children list span i joins (-1: a turn or the top);
  // depth[i]: how deep span i is shown.
  const home = new Int32Array(spanCount);
  const depth = new Int32Array(spanCount);
  for (let i = 0; i < spanCount; i++) {
    const s = t.spans[i];
    const node = spanNodes[i];
    // A span's outline parent is its enclosing span when that one still contains it
    // (crossing spans are shown under their turn instead); past the depth limit, the
    // enclosing span's own parent, which contains it too.
    const p = s.parent;
    if (p !== undefined && spanNodes[p].range.end >= node.range.end) {
      const h = depth[p] < MAX_OUTLINE_DEPTH ? p : home[p];
      home[i] = h;
      depth[i] = depth[h] + 1;
      spanNodes[h].children.push(node);
      continue;
    }
    home[i] = -1;
    depth[i] = 1;
    if (s.turn !== undefined && s.turn < turnCount) turnNodes[s.turn].children.push(node);
    else roots.push(node);
  }
  // Turn ranges must contain their children's ranges for editors to accept the tree.
  for (const turn of turnNodes) {
    let end = turn.range.end;
    for (const c of turn.children) end = Math.max(end, c.range.end);
    if (end !== turn.range.end) turn.range = { start: turn.range.start, end };
  }
  const out = [...roots, ...turnNodes].sort((a, b) => a.range.start - b.range.start);
  const moreTurns = allTurns - turnCount;
  const moreSpans = t.spans.length - spanCount;
  if (moreTurns + moreSpans > 0) {
    const what = [moreTurns ? plural(moreTurns, 'more turn') : '', moreSpans ? plural(moreSpans, 'more span') : ''].filter(Boolean).join(' and ');
    out.push({
      name: `… ${what}`,
      detail: `the outline lists the first ${MAX_OUTLINE_ENTRIES.toLocaleString('en')} turns and spans`,
      kind: 'span',
      range: { start: cutoff, end: t.text.length },
      selectionRange: { start: cutoff, end: cutoff },
      children: [],
    });
  }
  return out;
}

/**
 * The offset from which the outline stops: the start of the first turn or span past
 * MAX_OUTLINE_ENTRIES, counting both in file order (the text's length when all fit).
 */
function outlineCutoff(t: Transcript): number {
  const { spans } = t;
  const turns = countTurns(t);
  if (turns + spans.length <= MAX_OUTLINE_ENTRIES) return t.text.length;
  let i = 0;
  let j = 0;
  for (let n = 0; n < MAX_OUTLINE_ENTRIES; n++) {
    if (j >= spans.length || (i < turns && turnStart(t, i) <= spans[j].open.start)) i++;
    else j++;
  }
  const nextTurn = i < turns ? turnStart(t, i) : Infinity;
  const nextSpan = j < spans.length ? spans[j].open.start : Infinity;
  return Math.min(nextTurn, nextSpan);
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
