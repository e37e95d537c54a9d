/**
 * One pass over a project shared by the pictures: the quote table (every span with
 * at least one code tag, in path then document order), the cases, and the tree of
 * nodes with counts aggregated up the hierarchy.
 */
import { childrenOf } from '../codebook/hierarchy';
import type { Code, Codebook } from '../codebook/types';
import { excerpt } from '../features/hover';
import { caseKey } from '../project/caseOf';
import type { Project, TranscriptEntry } from '../project/types';
import { blockCoder } from '../transcript/coder';
import { turnRole, turnSpeaker } from '../transcript/lazyTurns';
import type { Span, Transcript } from '../transcript/types';
import type { AnalysisNode, AnalysisQuote, CaseInfo, UnknownCode } from './types';

/** Colours for top-level branches without a codebook colour (Tableau 10). */
export const FALLBACK_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
/** The colour of a root without one of its own (a core category). */
export const ROOT_COLOR = '#6b6e76';

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A span of a transcript with its quote index. */
export interface ScannedSpan {
  entry: TranscriptEntry;
  span: Span;
  /** Index into `quotes`. */
  quote: number;
  /** Codebook codes on the span (deduplicated). */
  codes: string[];
  /**
   * The same codes per coder (blockCoder: the block's `@`, else the front matter's
   * `coder`; '' for blocks with neither), so co-occurrence pairs only one coder's codes.
   */
  byCoder: Map<string, string[]>;
}

/** Which codings the pictures count. */
export interface AnalysisOptions {
  /** Only blocks by these coders (blockCoder); absent or empty: every block. */
  coders?: string[];
  /**
   * false: quotes get no excerpt ('') — for tables of counts (the csv report),
   * which never show one; cutting 100,000 quotes cost a tenth of their time.
   */
  excerpts?: boolean;
}

export interface ProjectScan {
  quotes: AnalysisQuote[];
  cases: CaseInfo[];
  /** Spans per transcript, in document order, only those with a code tag. */
  files: { entry: TranscriptEntry; spans: ScannedSpan[] }[];
  /** Nodes in tree order. */
  nodes: AnalysisNode[];
  byId: Map<string, AnalysisNode>;
  roots: string[];
  unknown: UnknownCode[];
  /** Every coder with a block in the project (filter or not), sorted. */
  coders: string[];
}

const scans = new WeakMap<Project, { key: string; scan: ProjectScan }>();

/**
 * Scans a project. The result is cached per project while its codebook and
 * transcripts are the same objects (the index replaces them on every change).
 */
export function scanProject(project: Project, options: AnalysisOptions = {}): ProjectScan {
  const entries = [...project.transcripts.values()].sort((a, b) => cmp(a.path, b.path) || cmp(a.uri, b.uri));
  const only = options.coders && options.coders.length > 0 ? new Set(options.coders) : undefined;
  const cached = scans.get(project);
  const excerpts = options.excerpts !== false;
  const key = `${cacheKey(project, entries)}|${only ? JSON.stringify([...only].sort()) : ''}|${excerpts}`;
  if (cached && cached.key === key) return cached.scan;
  const scan = doScan(project, entries, only, excerpts);
  scans.set(project, { key, scan });
  return scan;
}

let generation = 0;
const ids = new WeakMap<object, number>();
function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++generation));
  return id;
}

function cacheKey(project: Project, entries: TranscriptEntry[]): string {
  return [objectId(project.codebook), ...entries.map((e) => objectId(e.transcript))].join(',');
}

/** A span with its code tags sorted out: the shared first step of the scan and of the csv tables' fold. */
export interface CodedSpan {
  span: Span;
  /** Codebook codes on the span (deduplicated, in tag order). */
  known: string[];
  /** Tags naming no code of the codebook. */
  other: string[];
  /** The known codes per coder (blockCoder; '' for blocks with neither `@` nor front matter `coder`). */
  byCoder: Map<string, string[]>;
}

/**
 * The spans of a transcript with at least one code tag (of the coders in `only`,
 * when given), in document order. `coders` receives every block's coder, filter or not.
 */
export function* codedSpans(cb: Codebook, t: Transcript, only?: Set<string>, coders?: Set<string>): Generator<CodedSpan> {
  for (const span of t.spans) {
    const known: string[] = [];
    const other: string[] = [];
    const byCoder = new Map<string, string[]>();
    for (const block of span.blocks) {
      const coder = blockCoder(t, block);
      if (coder !== undefined) coders?.add(coder);
      if (only && (coder === undefined || !only.has(coder))) continue;
      for (const ref of block.codes) {
        const known1 = cb.codes.has(ref.id);
        const list = known1 ? known : other;
        if (!list.includes(ref.id)) list.push(ref.id);
        if (!known1) continue;
        const mine = byCoder.get(coder ?? '');
        if (!mine) byCoder.set(coder ?? '', [ref.id]);
        else if (!mine.includes(ref.id)) mine.push(ref.id);
      }
    }
    if (known.length === 0 && other.length === 0) continue;
    yield { span, known, other, byCoder };
  }
}

function doScan(project: Project, entries: TranscriptEntry[], only: Set<string> | undefined, excerpts: boolean): ProjectScan {
  const cb = project.codebook;
  const cases = casesOf(entries.map((e) => ({ key: caseKey(e), path: e.path })));

  const quotes: AnalysisQuote[] = [];
  const files: ProjectScan['files'] = [];
  const own = new Map<string, number[]>();
  const unknown = new Map<string, number[]>();
  const allCoders = new Set<string>();
  for (const entry of entries) {
    const t = entry.transcript;
    const caseId = caseKey(entry);
    const spans: ScannedSpan[] = [];
    for (const { span, known, other, byCoder } of codedSpans(cb, t, only, allCoders)) {
      const quote: AnalysisQuote = {
        uri: entry.uri,
        path: entry.path,
        range: { start: span.open.start, end: span.close?.end ?? span.content.end },
        line: t.lines.positionAt(span.open.start).line,
        excerpt: excerpts ? excerpt(span.quote, 240) : '',
        case: caseId,
        codes: known,
      };
      if (span.turn !== undefined) {
        quote.speaker = turnSpeaker(t, span.turn);
        const role = turnRole(t, span.turn);
        if (role) quote.role = role;
      }
      const qi = quotes.push(quote) - 1;
      for (const id of known) push(own, id, qi);
      for (const id of other) push(unknown, id, qi);
      spans.push({ entry, span, quote: qi, codes: known, byCoder });
    }
    files.push({ entry, spans });
  }

  // The tree, with subtree counts computed bottom-up.
  const nodes: AnalysisNode[] = [];
  const byId = new Map<string, AnalysisNode>();
  // Distinct cases of a set of quotes, counted per node of the codebook: each
  // quote's case as a small number and a stamp per case, so the count allocates
  // nothing (a Set of strings per node cost most of a 1,000-transcript report).
  const caseNumbers = new Map<string, number>();
  const caseOfQuote = quotes.map((q) => {
    let n = caseNumbers.get(q.case);
    if (n === undefined) caseNumbers.set(q.case, (n = caseNumbers.size));
    return n;
  });
  const seen = new Uint32Array(caseNumbers.size);
  let stamp = 0;
  const casesOfQuotes = (qs: Iterable<number>) => {
    stamp++;
    let count = 0;
    for (const q of qs) {
      const c = caseOfQuote[q];
      if (seen[c] !== stamp) {
        seen[c] = stamp;
        count++;
      }
    }
    return count;
  };
  const build = (code: Code, depth: number, parent: string | undefined): { node?: AnalysisNode; set: Set<number> } => {
    const node: AnalysisNode = {
      id: code.id,
      name: code.name || code.id,
      kind: code.kind,
      status: code.status,
      color: HEX.test(code.color ?? '') ? code.color!.toLowerCase() : '',
      depth,
      parent,
      children: [],
      quotes: 0,
      cases: 0,
      ownQuotes: 0,
      ownCases: 0,
      quoteIds: [],
    };
    const at = nodes.push(node) - 1;
    const mine = own.get(code.id) ?? [];
    const set = new Set<number>(mine);
    for (const child of childrenOf(cb, code.id)) {
      const r = build(child, depth + 1, code.id);
      if (!r.node) continue;
      node.children.push(child.id);
      for (const q of r.set) set.add(q);
    }
    // A deprecated code is shown only while it, or something under it, is still in use.
    if (code.status === 'deprecated' && mine.length === 0 && node.children.length === 0) {
      nodes.splice(at);
      return { set };
    }
    node.ownQuotes = mine.length;
    node.ownCases = casesOfQuotes(mine);
    node.quoteIds = [...set].sort((a, b) => a - b);
    node.quotes = set.size;
    node.cases = casesOfQuotes(set);
    byId.set(code.id, node);
    return { node, set };
  };
  const roots: string[] = [];
  for (const code of childrenOf(cb, undefined)) {
    if (build(code, 0, undefined).node) roots.push(code.id);
  }
  assignColors(nodes, byId, roots);

  return {
    quotes,
    cases,
    files,
    nodes,
    byId,
    roots,
    unknown: [...unknown.entries()]
      .sort(([a], [b]) => cmp(a, b))
      .map(([id, qs]) => ({ id, quotes: qs.length, quoteIds: qs })),
    coders: [...allCoders].sort(cmp),
  };
}

/** Own colour, else the parent's; top-level branches without one get a palette colour. */
function assignColors(nodes: AnalysisNode[], byId: Map<string, AnalysisNode>, roots: string[]): void {
  const single = roots.length === 1;
  const branchIndex = new Map<string, number>();
  if (single) byId.get(roots[0])!.children.forEach((id, i) => branchIndex.set(id, i));
  else roots.forEach((id, i) => branchIndex.set(id, i));
  for (const n of nodes) {
    if (n.color) continue;
    const parent = n.parent !== undefined ? byId.get(n.parent) : undefined;
    const branch = branchIndex.get(n.id);
    if (branch !== undefined) n.color = FALLBACK_COLORS[branch % FALLBACK_COLORS.length];
    else if (parent) n.color = parent.color;
    else n.color = ROOT_COLOR;
  }
}

/**
 * The cases of transcripts given by case key (caseKey) and path, in path order:
 * declared cases in natural order, then lone files by path.
 */
export function casesOf(entries: Iterable<{ key: string; path: string }>): CaseInfo[] {
  const byId = new Map<string, CaseInfo>();
  for (const e of entries) {
    const id = e.key;
    let c = byId.get(id);
    if (!c) {
      const declared = id.startsWith('case:');
      byId.set(id, (c = { id, label: declared ? id.slice(5) : e.path, declared, transcripts: [] }));
    }
    c.transcripts.push(e.path);
  }
  const all = [...byId.values()];
  // Lone files are labelled by file name unless two share it.
  const names = new Map<string, number>();
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const c of all) if (!c.declared) names.set(base(c.label), (names.get(base(c.label)) ?? 0) + 1);
  for (const c of all) if (!c.declared && names.get(base(c.label)) === 1) c.label = base(c.label);
  for (const c of all) c.transcripts.sort(cmp);
  return all.sort((a, b) => Number(b.declared) - Number(a.declared) || natural(a.label, b.label) || cmp(a.id, b.id));
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
function natural(a: string, b: string): number {
  return collator.compare(a, b);
}
