/**
 * The csv tables of a report folded one transcript at a time: each transcript
 * is reduced to its quotes.csv records and its counts (code × case, and the
 * co-occurrence units) when it is added, and can then be dropped, so a host
 * never holds a large project parsed. The tables are the bytes reportData's
 * would give (the pictures' scan, core/analysis/scan.ts, and their rules):
 * transcripts must be added in path order, as every report table lists them.
 */
import { cooccurrenceCounts, forEachUnitOfFile, MAX_OVERLAP_PAIRS, type UnitSpan } from '../analysis/cooccurrence';
import type { CaseCounts } from '../analysis/matrix';
import { casesOf, codedSpans } from '../analysis/scan';
import { childrenOf } from '../codebook/hierarchy';
import type { Code, Codebook } from '../codebook/types';
import { caseKey, caseOf } from '../project/caseOf';
import { errorSummary } from '../project/errorFree';
import type { TranscriptEntry } from '../project/types';
import { blockCoder } from '../transcript/coder';
import { codeByCaseRecords, cooccurrenceRecords, csvLine, QUOTES_HEADER, quoteRecord } from './csv';
import { codePaths, entryCodings } from './data';
import { admittedCodes, filterTranscript } from './filter';
import type { ReportFilters, ReportSkipped, ReportTables } from './types';

/** What the fold reads of a transcript: its path in the project, the parse, and its diagnostics with the codebook's checks. */
export type FoldTranscript = Pick<TranscriptEntry, 'path' | 'transcript' | 'diagnostics'>;

/** A code of the codebook's tree, in the tree's order (parents before children). */
interface TreeNode {
  code: Code;
  /** Index of the parent in the tree order; -1 for a root. */
  parent: number;
  /** Index among the tree's codes of kind 'code' (the co-occurrence axis before pruning); -1 for a category. */
  axis: number;
}

/**
 * Folds transcripts into the three csv tables under `filters`. Add every
 * transcript of the project in path order (add, or unreadable), then take the
 * tables. The cases and coders met on the way are kept to check the filters.
 */
export class CsvTablesFold {
  /** Transcripts left out: with errors, or unreadable; in the order added. */
  readonly skipped: ReportSkipped[] = [];
  private readonly codes: Set<string> | undefined;
  private readonly coders: Set<string> | undefined;
  private readonly caseFilter: Set<string> | undefined;
  private readonly pathOf: (id: string) => string;
  private readonly tree: TreeNode[] = [];
  private readonly treeIndex = new Map<string, number>();
  private readonly axisSize: number;
  /** Every case and coder seen (transcripts with errors included): what the filters are checked against. */
  private readonly seenCases = new Set<string>();
  private readonly seenCoders = new Set<string>();
  /** quotes.csv's records, one string per transcript. */
  private readonly quoteRows: string[] = [];
  /** The reported transcripts' case keys and paths, for the case columns. */
  private readonly caseEntries: { key: string; path: string }[] = [];
  /** Case key → distinct quotes per tree node (the node or a code below it on the quote). */
  private readonly caseCounts = new Map<string, Uint32Array>();
  /** Quotes per tree node with the node's own code. */
  private readonly own: Uint32Array;
  /** Co-occurrence units per axis pair (i < j, key i * axisSize + j). */
  private readonly pairs = new Map<number, number>();
  private readonly budget = { pairs: MAX_OVERLAP_PAIRS };
  /** Per tree node, the last quote that counted it (so a quote counts a node once). */
  private readonly stamps: Uint32Array;
  private stamp = 0;

  constructor(
    private readonly codebook: Codebook,
    filters: ReportFilters,
    private readonly presence = false,
  ) {
    this.codes = admittedCodes({ codebook }, filters.codes);
    this.coders = filters.coders.length > 0 ? new Set(filters.coders) : undefined;
    this.caseFilter = filters.cases.length > 0 ? new Set(filters.cases) : undefined;
    this.pathOf = codePaths(codebook);
    let axis = 0;
    const walk = (parentId: string | undefined, parent: number) => {
      for (const code of childrenOf(codebook, parentId)) {
        const at = this.tree.push({ code, parent, axis: code.kind === 'code' ? axis++ : -1 }) - 1;
        this.treeIndex.set(code.id, at);
        walk(code.id, at);
      }
    };
    walk(undefined, -1);
    this.axisSize = axis;
    this.own = new Uint32Array(this.tree.length);
    this.stamps = new Uint32Array(this.tree.length);
    for (const c of codebook.coders?.keys() ?? []) this.seenCoders.add(c);
  }

  /** Adds the next transcript (path order): skipped when it has errors, else folded into the tables under the filters. */
  add(entry: FoldTranscript): void {
    const t = entry.transcript;
    this.seenCases.add(caseOf(entry));
    // Coders are listed only to check a coder filter (it reads every block).
    if (this.coders) {
      for (const span of t.spans) for (const b of span.blocks) {
        const c = blockCoder(t, b);
        if (c) this.seenCoders.add(c);
      }
      const fm = t.frontMatter?.coder;
      if (fm) this.seenCoders.add(fm);
    }
    const reason = errorSummary(entry);
    if (reason !== undefined) {
      this.skipped.push({ file: entry.path, reason });
      return;
    }
    if (this.caseFilter && !this.caseFilter.has(caseOf(entry))) return;
    const filtered = { path: entry.path, transcript: filterTranscript(t, this.codes, this.coders) };

    // Joined, the records are one flat string per transcript: concatenated, they were
    // millions of small pieces that lived to the end and that every collection walked.
    const rows: string[] = [];
    for (const c of entryCodings(filtered, this.pathOf)) rows.push(quoteRecord(c));
    if (rows.length > 0) this.quoteRows.push(rows.join(''));

    const key = caseKey(filtered);
    this.caseEntries.push({ key, path: entry.path });
    let counts = this.caseCounts.get(key);
    if (!counts) this.caseCounts.set(key, (counts = new Uint32Array(this.tree.length)));
    const spans: UnitSpan[] = [];
    for (const s of codedSpans(this.codebook, filtered.transcript)) {
      // One quote: every node whose subtree holds one of its codes counts it once.
      const stamp = ++this.stamp;
      for (const id of s.known) {
        const at = this.treeIndex.get(id)!;
        this.own[at]++;
        for (let n = at; n >= 0 && this.stamps[n] !== stamp; n = this.tree[n].parent) {
          this.stamps[n] = stamp;
          counts[n]++;
        }
      }
      spans.push({ span: s.span, codes: s.known, byCoder: s.byCoder });
    }
    this.foldUnits(spans);
  }

  /** A transcript that could not be read: skipped and named. */
  unreadable(path: string, reason = 'cannot be read'): void {
    this.skipped.push({ file: path, reason });
  }

  /** Every case of the transcripts added (the labels --case takes), sorted. */
  cases(): string[] {
    return [...this.seenCases].sort();
  }

  /** Every coder of the codebook and, when a coder filter was given, of the transcripts added; sorted. */
  knownCoders(): string[] {
    return [...this.seenCoders].sort();
  }

  /** The tables of the transcripts added. */
  tables(): ReportTables {
    // The tree as the pictures show it: a deprecated code only while it, or something under it, is in use.
    const kept = new Array<boolean>(this.tree.length);
    const keptChildren = new Uint32Array(this.tree.length);
    for (let i = this.tree.length - 1; i >= 0; i--) {
      const n = this.tree[i];
      kept[i] = !(n.code.status === 'deprecated' && this.own[i] === 0 && keptChildren[i] === 0);
      if (kept[i] && n.parent >= 0) keptChildren[n.parent]++;
    }
    const nodes = this.tree.map((n, i) => ({ ...n, at: i })).filter((n) => kept[n.at]);
    const cases = casesOf(this.caseEntries);
    const matrix: CaseCounts = {
      cases,
      rows: nodes.map((n) => ({
        id: n.code.id,
        kind: n.code.kind,
        counts: Uint32Array.from(cases, (c) => this.caseCounts.get(c.id)![n.at]),
      })),
    };
    const axis = nodes.filter((n) => n.code.kind === 'code');
    const size = this.axisSize;
    const co: ReturnType<typeof cooccurrenceCounts> = {
      codes: axis.map((n) => n.code.id),
      count: (i, j) => {
        if (i === j) return this.own[axis[i].at];
        const [a, b] = axis[i].axis < axis[j].axis ? [axis[i].axis, axis[j].axis] : [axis[j].axis, axis[i].axis];
        return this.pairs.get(a * size + b) ?? 0;
      },
    };
    const quoteRows = this.quoteRows;
    const pathOf = this.pathOf;
    const presence = this.presence;
    return {
      skipped: this.skipped,
      records(table) {
        if (table === 'quotes.csv') return quotesTable(quoteRows);
        if (table === 'code-by-case.csv') return codeByCaseRecords(matrix, pathOf, presence);
        return cooccurrenceRecords(co);
      },
    };
  }

  /** Counts one transcript's co-occurrence units (cooccurrenceCounts' rule, on the unpruned axis). */
  private foldUnits(spans: UnitSpan[]): void {
    const present = new Set<number>();
    const pairs = new Set<number>();
    const size = this.axisSize;
    forEachUnitOfFile(spans, this.budget, (unit) => {
      pairs.clear();
      const coders = new Set<string>();
      for (const s of unit) for (const c of s.byCoder.keys()) coders.add(c);
      for (const coder of coders) {
        present.clear();
        for (const s of unit) for (const id of s.byCoder.get(coder) ?? []) {
          const i = this.tree[this.treeIndex.get(id)!].axis;
          if (i >= 0) present.add(i);
        }
        const sorted = [...present].sort((a, b) => a - b);
        for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < sorted.length; y++) pairs.add(sorted[x] * size + sorted[y]);
      }
      for (const key of pairs) this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
    });
  }
}

/** quotes.csv: its header, then the records of each transcript. */
function* quotesTable(rows: string[]): Generator<string> {
  yield csvLine(QUOTES_HEADER);
  yield* rows;
}
