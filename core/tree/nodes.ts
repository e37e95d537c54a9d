/**
 * The axial tree as plain data: projects (when there are several) → core
 * categories → categories → codes → quotes, in codebook order. A code's children
 * are its sub-codes first, then its own quotes (by transcript path, then position).
 * Tags whose code is not in the codebook hang under an "Unknown codes" node.
 *
 * Children are computed one level at a time (an editor asks for them lazily); every
 * node carries counts of quotes and cases under it, after the filter. Without a
 * filter every code shows, those with no quotes marked `empty`; with a filter only
 * nodes that have matching quotes show.
 */
import { childrenOf } from '../codebook/hierarchy';
import type { Code } from '../codebook/types';
import { escapeMd, excerpt, memoHeadline } from '../features/hover';
import { memosOfCode } from '../project/memos';
import { plural } from '../text/plural';
import { caseOf } from '../project/caseOf';
import type { ProjectIndex } from '../project/index';
import type { CodeUse, MemoEntry, Project, TranscriptEntry } from '../project/types';
import { basenameUri, normalizeUri } from '../project/uris';
import type { OffsetRange } from '../text/lineIndex';
import { readableQuote } from '../transcript/quoteLimit';
import { blockCoder } from '../transcript/coder';
import { sourceOfStrippedChar } from '../transcript/stripped';
import type { Span, StrippedText } from '../transcript/types';
import { compileFilter, foldedMatches, normalizeFilter, speakerOf, type CompiledFilter } from './filter';
import { formatTreeId, parseTreeId } from './ids';
import { projectTally, treeParentOf, type ProjectTally, type Tally } from './tally';
import type { TreeFilter, TreeNodeData, TreePage } from './types';

/** How long a quote's label may be before it is cut on a word boundary. */
export const QUOTE_LABEL_LENGTH = 60;

interface Ctx {
  index: ProjectIndex;
  filter: CompiledFilter;
  /** The filter's search text, for highlights. */
  text?: string;
  /** More than one project: each gets a node at the top. */
  multi: boolean;
}

function context(index: ProjectIndex, filter: TreeFilter | undefined): Ctx {
  return { index, filter: compileFilter(filter), text: normalizeFilter(filter).text, multi: index.projects().length > 1 };
}

/** Counts of one node: after the filter, and without it. */
interface Counts {
  quotes: number;
  cases: number;
  total: number;
}

function tallies(ctx: Ctx, project: Project): Tallies {
  const all = projectTally(project, compileFilter(undefined));
  return { shown: ctx.filter.active ? projectTally(project, ctx.filter) : all, all };
}

type Tallies = { shown: ProjectTally; all: ProjectTally };

function counts(t: Tallies, of: (p: ProjectTally) => Tally): Counts {
  const shown = of(t.shown);
  return { quotes: shown.quotes, cases: shown.cases, total: of(t.all).quotes };
}

/**
 * The children of a node (`parentId`), or the top level when it is undefined: the
 * projects when there are several, else the one project's top-level codes. `root`
 * limits the top level to one project. `page` picks which of a code's quotes to list
 * (all when undefined); a `more` node after them stands for the rest.
 */
export function treeChildren(index: ProjectIndex, parentId?: string, filter?: TreeFilter, root?: string, page?: TreePage): TreeNodeData[] {
  const ctx = context(index, filter);
  if (parentId === undefined) {
    const projects = root === undefined ? index.projects() : index.projects().filter((p) => p.root === normalizeUri(root));
    if (ctx.multi && root === undefined) {
      return projects.map((p) => projectNode(ctx, p)).filter((n): n is TreeNodeData => n !== undefined);
    }
    return projects.flatMap((p) => topLevel(ctx, p));
  }
  const id = parseTreeId(parentId);
  const project = id && projectAt(index, id.root);
  if (!id || !project) return [];
  switch (id.kind) {
    case 'project':
      return topLevel(ctx, project);
    case 'code': {
      const code = project.codebook.codes.get(id.code);
      if (!code) return [];
      const t = tallies(ctx, project);
      const sub = childrenOf(project.codebook, code.id)
        .map((c) => codeNode(ctx, project, c, t))
        .filter((n): n is TreeNodeData => n !== undefined);
      // Memos are shown in the unfiltered view: a filter narrows the quotes.
      const memos = ctx.filter.active ? [] : memoNodes(project, code.id);
      return [...memos, ...sub, ...quoteNodes(ctx, project, code.id, parentId, page)];
    }
    case 'unknownGroup':
      return unknownCodes(ctx, project);
    case 'unknownCode':
      return project.codebook.codes.has(id.code) ? [] : quoteNodes(ctx, project, id.code, parentId, page);
    case 'quote':
      return [];
    case 'memo':
      return [];
  }
}

/** One node by id, or undefined when it does not exist or the filter hides it. */
export function treeNode(index: ProjectIndex, nodeId: string, filter?: TreeFilter): TreeNodeData | undefined {
  return nodeFor(context(index, filter), nodeId);
}

/** The node and its ancestors, top level first; undefined when the node is not shown. */
export function treePath(index: ProjectIndex, nodeId: string, filter?: TreeFilter): TreeNodeData[] | undefined {
  const ctx = context(index, filter);
  const path: TreeNodeData[] = [];
  for (let id: string | undefined = nodeId; id !== undefined; ) {
    const node = nodeFor(ctx, id);
    if (!node) return undefined;
    path.unshift(node);
    id = node.parentId;
  }
  return path;
}

function nodeFor(ctx: Ctx, nodeId: string): TreeNodeData | undefined {
  const id = parseTreeId(nodeId);
  const project = id && projectAt(ctx.index, id.root);
  if (!id || !project) return undefined;
  switch (id.kind) {
    case 'project':
      return ctx.multi ? projectNode(ctx, project) : undefined;
    case 'code': {
      const code = project.codebook.codes.get(id.code);
      return code && codeNode(ctx, project, code, tallies(ctx, project));
    }
    case 'unknownGroup':
      return unknownGroupNode(ctx, project);
    case 'unknownCode':
      return project.codebook.codes.has(id.code) ? undefined : unknownCodeNode(ctx, project, id.code, tallies(ctx, project));
    case 'quote': {
      const entry = project.transcripts.get(id.uri);
      const span = entry?.transcript.spans[id.span];
      if (!entry || !span || !ctx.filter.file(entry)) return undefined;
      // Built with its siblings, for its number within its case.
      const parent = formatTreeId(project.codebook.codes.has(id.code) ? { kind: 'code', root: project.root, code: id.code } : { kind: 'unknownCode', root: project.root, code: id.code });
      return quoteNodes(ctx, project, id.code, parent, undefined).find((n) => n.id === nodeId);
    }
    case 'memo': {
      const code = project.codebook.codes.get(id.code);
      const memo = project.memos.get(id.uri);
      if (!code || !memo || !memo.memo.codes.some((r) => r.value === id.code)) return undefined;
      if (ctx.filter.active) return undefined;
      return memoNode(project, id.code, memo);
    }
  }
}

/** The memos naming code `id`, in path order: shown first under the code. */
function memoNodes(project: Project, id: string): TreeNodeData[] {
  return memosOfCode(project, id).map((m) => memoNode(project, id, m));
}

function memoNode(project: Project, id: string, m: MemoEntry): TreeNodeData {
  const headline = memoHeadline(m.memo.body);
  return {
    id: formatTreeId({ kind: 'memo', root: project.root, code: id, uri: m.uri }),
    parentId: formatTreeId({ kind: 'code', root: project.root, code: id }),
    kind: 'memo',
    root: project.root,
    label: headline || basenameUri(m.uri),
    description: `memo · ${m.path}`,
    tooltip: `**Memo** ${escapeMd(m.path)}${headline ? `\n\n${escapeMd(headline)}` : ''}`,
    codeId: id,
    quotes: 0,
    cases: 0,
    hasChildren: false,
    memo: { uri: m.uri, path: m.path },
  };
}

function projectAt(index: ProjectIndex, root: string): Project | undefined {
  return index.projects().find((p) => p.root === root);
}

function projectNode(ctx: Ctx, project: Project): TreeNodeData | undefined {
  const c = counts(tallies(ctx, project), (p) => p.all());
  if (ctx.filter.active && c.quotes === 0) return undefined;
  const folder = basenameUri(project.root);
  return {
    id: formatTreeId({ kind: 'project', root: project.root }),
    kind: 'project',
    root: project.root,
    label: project.codebook.title ?? folder,
    description: `${folder} · ${countText(ctx, c)}`,
    tooltip: `**${escapeMd(project.codebook.title ?? folder)}**\n\n${project.root}\n\n${countText(ctx, c)}`,
    quotes: c.quotes,
    cases: c.cases,
    hasChildren: project.codebook.codes.size > 0 || c.quotes > 0,
    source: { uri: project.codebookUri, range: { start: 0, end: 0 } },
  };
}

function topLevel(ctx: Ctx, project: Project): TreeNodeData[] {
  const t = tallies(ctx, project);
  const nodes = childrenOf(project.codebook, undefined)
    .map((c) => codeNode(ctx, project, c, t))
    .filter((n): n is TreeNodeData => n !== undefined);
  const unknown = unknownGroupNode(ctx, project);
  if (unknown) nodes.push(unknown);
  return nodes;
}

function parentOfTop(ctx: Ctx, project: Project): string | undefined {
  return ctx.multi ? formatTreeId({ kind: 'project', root: project.root }) : undefined;
}

function codeNode(ctx: Ctx, project: Project, code: Code, t: Tallies): TreeNodeData | undefined {
  const c = counts(t, (p) => p.code(code.id));
  if (ctx.filter.active && c.quotes === 0) return undefined;
  const parent = treeParentOf(project.codebook, code.id);
  const hasSubCodes = childrenOf(project.codebook, code.id).length > 0;
  const deprecated = code.status === 'deprecated';
  const kind = code.kind === 'category' ? 'category' : 'code';
  const description = [deprecated ? 'deprecated' : '', countText(ctx, c)].filter(Boolean).join(' · ');
  const tooltip = [
    `**${escapeMd(code.name)}** \`${code.id}\` (${kind})${deprecated ? ` — *deprecated*${code.replacedBy ? `, use \`${code.replacedBy.value}\`` : ''}` : ''}`,
    ...(code.definition ? ['', escapeMd(code.definition)] : []),
    '',
    countText(ctx, c, true),
  ].join('\n');
  return {
    id: formatTreeId({ kind: 'code', root: project.root, code: code.id }),
    parentId: parent !== undefined ? formatTreeId({ kind: 'code', root: project.root, code: parent }) : parentOfTop(ctx, project),
    kind,
    root: project.root,
    label: code.name,
    description,
    tooltip,
    codeId: code.id,
    quotes: c.quotes,
    cases: c.cases,
    hasChildren: c.quotes > 0 || (!ctx.filter.active && (hasSubCodes || memosOfCode(project, code.id).length > 0)),
    ...(c.total === 0 ? { empty: true } : {}),
    ...(deprecated ? { deprecated: true } : {}),
    ...(code.color ? { color: code.color } : {}),
    source: { uri: project.codebookUri, range: code.keyRange },
  };
}

/** Ids used in tags of the project that the codebook does not define, sorted. */
function unknownIds(project: Project): string[] {
  return [...project.usage.keys()].filter((id) => !project.codebook.codes.has(id)).sort();
}

function unknownGroupNode(ctx: Ctx, project: Project): TreeNodeData | undefined {
  const c = counts(tallies(ctx, project), (p) => p.unknownGroup());
  if (c.quotes === 0) return undefined;
  const ids = unknownIds(project).length;
  return {
    id: formatTreeId({ kind: 'unknownGroup', root: project.root }),
    parentId: parentOfTop(ctx, project),
    kind: 'unknownGroup',
    root: project.root,
    label: 'Unknown codes',
    description: `${plural(ids, 'code')} not in the codebook · ${countText(ctx, c)}`,
    tooltip: 'Tags whose code is not in `codebook.yaml`: add the code to the codebook, or fix the tag (the Problems view lists each one, with quick fixes).',
    quotes: c.quotes,
    cases: c.cases,
    hasChildren: true,
  };
}

function unknownCodes(ctx: Ctx, project: Project): TreeNodeData[] {
  const t = tallies(ctx, project);
  return unknownIds(project)
    .map((id) => unknownCodeNode(ctx, project, id, t))
    .filter((n): n is TreeNodeData => n !== undefined);
}

function unknownCodeNode(ctx: Ctx, project: Project, id: string, t: Tallies): TreeNodeData | undefined {
  const c = counts(t, (p) => p.unknown(id));
  if (c.quotes === 0) return undefined;
  return {
    id: formatTreeId({ kind: 'unknownCode', root: project.root, code: id }),
    parentId: formatTreeId({ kind: 'unknownGroup', root: project.root }),
    kind: 'unknownCode',
    root: project.root,
    label: `#${id}`,
    description: `not in the codebook · ${countText(ctx, c)}`,
    tooltip: `**Unknown code** \`${id}\` — tagged in transcripts but not defined in \`codebook.yaml\`.\n\n${countText(ctx, c, true)}`,
    codeId: id,
    quotes: c.quotes,
    cases: c.cases,
    hasChildren: true,
  };
}

/** Quote nodes per page when the caller does not say (editors ask a page at a time). */
export const TREE_QUOTE_PAGE = 500;

/**
 * The quotes coded with `id` itself (not its sub-codes), by transcript path, then
 * position: the page's quote nodes, then a `more` node when quotes are left after it.
 * Only the page's nodes are built; the others are only counted (they pass the filter
 * or not), so a page costs the same whatever the number of quotes.
 */
function quoteNodes(ctx: Ctx, project: Project, id: string, parentId: string, page: TreePage | undefined): TreeNodeData[] {
  const byUri = project.usage.get(id);
  if (!byUri) return [];
  const offset = Math.max(0, Math.floor(page?.offset ?? 0)) || 0;
  const limit = page?.limit === undefined ? Infinity : Math.max(0, Math.floor(page.limit)) || 0;
  const entries = [...byUri.keys()]
    .map((uri) => project.transcripts.get(uri))
    .filter((e): e is TranscriptEntry => e !== undefined)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const nodes: TreeNodeData[] = [];
  let seen = 0;
  // Each quote is numbered within its case, so a narrow sidebar still tells them apart.
  const perCase = new Map<string, number>();
  for (const entry of entries) {
    if (!ctx.filter.file(entry)) continue;
    const uses = byUri.get(entry.uri)!;
    let file: { name: string; case: string } | undefined;
    // The uses of one span are adjacent (document order): one node per span.
    for (let i = 0; i < uses.length; ) {
      let j = i + 1;
      while (j < uses.length && uses[j].span === uses[i].span) j++;
      const shown = shownUses(ctx, entry, uses.slice(i, j));
      if (shown.length > 0) {
        file ??= fileOf(entry);
        const n = (perCase.get(file.case) ?? 0) + 1;
        perCase.set(file.case, n);
        if (seen >= offset && seen - offset < limit) nodes.push(quoteNode(ctx, project, id, entry, shown, file, n));
        seen++;
      }
      i = j;
    }
  }
  const next = offset + nodes.length;
  if (seen > next && limit !== Infinity) nodes.push(moreNode(project, parentId, next, seen - next));
  return nodes;
}

/** The node standing for the quotes a page left out; opening it lists the next page. */
function moreNode(project: Project, parentId: string, offset: number, remaining: number): TreeNodeData {
  return {
    id: `m|${offset}|${parentId}`,
    parentId,
    kind: 'more',
    root: project.root,
    label: `… ${remaining.toLocaleString('en-US')} more`,
    tooltip: `${plural(remaining, 'more quote')} not listed yet: click to list the next ones.`,
    quotes: remaining,
    cases: 0,
    hasChildren: false,
    more: { offset, remaining },
  };
}

/** A transcript's file name and case, worked out once per request. */
function fileOf(entry: TranscriptEntry): { name: string; case: string } {
  return { name: basenameUri(entry.uri), case: caseOf(entry) };
}

/** The uses of a code on one span that the filter keeps (none when it hides the span). */
function shownUses(ctx: Ctx, entry: TranscriptEntry, uses: CodeUse[]): CodeUse[] {
  if (uses.length === 0) return uses;
  const span = uses[0].span;
  return ctx.filter.span(entry, span) ? (ctx.filter.active ? uses.filter((u) => ctx.filter.block(entry, u.block, span)) : uses) : [];
}

/**
 * A quote node for the uses of code `id` on one span that the filter keeps (see
 * shownUses; not empty). It has no tooltip: an editor builds one from `quote` when it needs it.
 */
function quoteNode(ctx: Ctx, project: Project, id: string, entry: TranscriptEntry, shown: CodeUse[], file = fileOf(entry), nth = 1): TreeNodeData {
  const span = shown[0].span;
  const t = entry.transcript;
  const line = t.lines.positionAt(span.open.start).line + 1;
  const speaker = speakerOf(entry, span);
  const coders: string[] = [];
  const memos: string[] = [];
  for (const u of shown) {
    const coder = blockCoder(entry.transcript, u.block);
    if (coder !== undefined && !coders.includes(coder)) coders.push(coder);
    if (u.block.memo) memos.push(u.block.memo.text);
  }
  // The case and the quote's number in it come first: a narrow sidebar cuts labels at the right.
  const label = `${file.case} ${nth} · “${excerpt(span.quote, QUOTE_LABEL_LENGTH)}”`;
  const highlights = ctx.text ? foldedMatches(label, ctx.text) : [];
  const known = project.codebook.codes.has(id);
  return {
    id: formatTreeId({ kind: 'quote', root: project.root, code: id, uri: entry.uri, span: span.index }),
    parentId: formatTreeId(known ? { kind: 'code', root: project.root, code: id } : { kind: 'unknownCode', root: project.root, code: id }),
    kind: 'quote',
    root: project.root,
    label,
    ...(highlights.length ? { highlights } : {}),
    description: speaker === undefined ? `${file.name}:${line}` : `${speaker} · ${file.name}:${line}`,
    codeId: id,
    quotes: 1,
    cases: 1,
    hasChildren: false,
    quote: {
      uri: entry.uri,
      path: entry.path,
      span: span.index,
      range: quoteSourceRange(span, t.stripped),
      line,
      text: readableQuote(t, span),
      ...(speaker !== undefined ? { speaker } : {}),
      case: file.case,
      coders,
      memos,
    },
  };
}

/** The source range of a span's quote: from its first to its last character. */
export function quoteSourceRange(span: Span, stripped: StrippedText): OffsetRange {
  const { start, end } = span.quoteRange;
  if (end <= start) return { start: span.content.start, end: span.content.start };
  const first = sourceOfStrippedChar(stripped, start);
  const last = sourceOfStrippedChar(stripped, end - 1);
  if (first === undefined || last === undefined || last < first) return span.content;
  return { start: first, end: last + 1 };
}

/** `12 quotes · 3 cases`; with a filter `3 of 12 quotes · 1 case`; `no quotes`. */
function countText(ctx: Ctx, c: Counts, long = false): string {
  if (c.total === 0) return 'no quotes';
  const quotes = ctx.filter.active ? `${c.quotes} of ${plural(c.total, 'quote')}` : plural(c.quotes, 'quote');
  return `${quotes}${long ? ' in' : ' ·'} ${plural(c.cases, 'case')}${long && ctx.filter.active ? ' (filtered)' : ''}`;
}

