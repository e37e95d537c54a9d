import type { Project } from '../project/types';
import { scanProject, type AnalysisOptions, type ProjectScan, type ScannedSpan } from './scan';
import type { Cooccurrence, CooccurrenceCell } from './types';
import type { Span } from '../transcript/types';

/**
 * Code co-occurrence: how often two codes are applied together.
 *
 * The rule. Each coded span belongs to the speaker turn in which its `{{` stands
 * (or to no turn, before the first turn or in a file without turns). Codes a ≠ b
 * co-occur once per **unit** that holds both, where the units are:
 *
 * 1. every speaker turn, holding the codes of the spans that open in it;
 * 2. every pair of overlapping spans (their contents share at least one character,
 *    nesting included) that do not open in the same turn, holding the codes of both;
 * 3. every span outside any turn, holding its own codes.
 *
 * Codes co-occur in a unit only when **one coder** applied both there (the coder of a
 * block is blockCoder's: its `@`, else the front matter's `coder`): when coders
 * disagree on a span, one coding `a` and the other `b`, that is a disagreement, not
 * a co-occurrence. A unit counts once for a pair however many coders applied both.
 *
 * So codes on the same span, on nested or crossing spans, or on different spans of
 * one turn count once for that turn, however many spans carry them; overlaps that
 * reach across turns, and spans in files without turns, count per span pair (or per
 * span). The diagonal holds each code's own quotes. A cell's quotes are the spans of
 * its units where a coder who applied both applied either code.
 *
 * `options.coders` keeps only those coders' blocks (every picture takes it).
 */
export function codeCooccurrence(project: Project, options: AnalysisOptions = {}): Cooccurrence {
  const scan = scanProject(project, options);
  const axis = scan.nodes.filter((n) => n.kind === 'code');
  const onAxis = new Map(axis.map((n, i) => [n.id, i]));

  const groups: Cooccurrence['groups'] = {};
  const groupOf = (id: string): string | undefined => {
    for (let p = scan.byId.get(id)?.parent; p !== undefined; p = scan.byId.get(p)?.parent) {
      const node = scan.byId.get(p)!;
      if (node.kind === 'category') {
        groups[p] ??= { name: node.name, color: node.color };
        return p;
      }
    }
    return undefined;
  };

  // Pair key "i,j" (i < j, axis indices) → units counted and the quotes involved.
  const pairs = new Map<string, { count: number; quotes: Set<number> }>();
  const addUnit = (spans: ScannedSpan[]) => {
    // Per coder: axis index → quotes on which that coder applied it.
    const perCoder = new Map<string, Map<number, Set<number>>>();
    for (const s of spans) {
      for (const [coder, ids] of s.byCoder) {
        let codes = perCoder.get(coder);
        if (!codes) perCoder.set(coder, (codes = new Map()));
        for (const id of ids) {
          const i = onAxis.get(id);
          if (i === undefined) continue;
          let set = codes.get(i);
          if (!set) codes.set(i, (set = new Set()));
          set.add(s.quote);
        }
      }
    }
    // Pair key → quotes of this unit, from every coder who applied both codes.
    const unit = new Map<string, Set<number>>();
    for (const codes of perCoder.values()) {
      const present = [...codes.keys()].sort((a, b) => a - b);
      for (let x = 0; x < present.length; x++) {
        for (let y = x + 1; y < present.length; y++) {
          const key = `${present[x]},${present[y]}`;
          let quotes = unit.get(key);
          if (!quotes) unit.set(key, (quotes = new Set()));
          for (const q of codes.get(present[x])!) quotes.add(q);
          for (const q of codes.get(present[y])!) quotes.add(q);
        }
      }
    }
    for (const [key, quotes] of unit) {
      let cell = pairs.get(key);
      if (!cell) pairs.set(key, (cell = { count: 0, quotes: new Set() }));
      cell.count++;
      for (const q of quotes) cell.quotes.add(q);
    }
  };

  forEachUnit(scan, addUnit);

  const cells: CooccurrenceCell[] = [];
  let max = 0;
  for (let i = 0; i < axis.length; i++) {
    const n = axis[i];
    if (n.ownQuotes > 0) {
      const own = n.quoteIds.filter((q) => scan.quotes[q].codes.includes(n.id));
      cells.push({ a: n.id, b: n.id, count: n.ownQuotes, quoteIds: own });
    }
    for (let j = i + 1; j < axis.length; j++) {
      const cell = pairs.get(`${i},${j}`);
      if (!cell) continue;
      max = Math.max(max, cell.count);
      cells.push({ a: n.id, b: axis[j].id, count: cell.count, quoteIds: [...cell.quotes].sort((x, y) => x - y) });
    }
  }

  return {
    root: project.root,
    title: project.codebook.title,
    codes: axis.map((n) => ({ id: n.id, name: n.name, color: n.color, status: n.status, group: groupOf(n.id), quotes: n.ownQuotes })),
    groups,
    cells,
    max,
    quotes: scan.quotes,
    cases: scan.cases,
    coders: scan.coders,
  };
}

/**
 * Calls `unit` with the spans of every unit of the rule above, file by file:
 * each turn's coded spans, each coded span outside any turn, each overlapping
 * pair of coded spans not in one turn (up to MAX_OVERLAP_PAIRS pairs).
 */
function forEachUnit(scan: ProjectScan, unit: (spans: ScannedSpan[]) => void): void {
  const budget = { pairs: MAX_OVERLAP_PAIRS };
  for (const file of scan.files) forEachUnitOfFile(file.spans, budget, unit);
}

/** What the units of a file read of a span: where it is, and its codes per coder. */
export interface UnitSpan {
  span: Pick<Span, 'turn' | 'content'>;
  codes: readonly string[];
  byCoder: Map<string, string[]>;
}

/**
 * Calls `unit` with the spans of every unit of one file (its coded spans in
 * document order; spans without a codebook code are passed over). `budget.pairs`
 * is what is left of MAX_OVERLAP_PAIRS for the project: files are taken in path
 * order and share it, so a fold over the files one at a time counts what the
 * whole project's scan counts.
 */
export function forEachUnitOfFile<S extends UnitSpan>(fileSpans: readonly S[], budget: { pairs: number }, unit: (spans: S[]) => void): void {
  const spans = fileSpans.filter((s) => s.codes.length > 0);
  // 1. Turns.
  const byTurn = new Map<number, S[]>();
  for (const s of spans) {
    if (s.span.turn === undefined) continue;
    const list = byTurn.get(s.span.turn);
    if (list) list.push(s);
    else byTurn.set(s.span.turn, [s]);
  }
  for (const turnSpans of byTurn.values()) unit(turnSpans);
  // 3. Spans outside any turn.
  for (const s of spans) if (s.span.turn === undefined) unit([s]);
  // 2. Overlapping pairs not in one turn. Spans are in opener order, so a later
  // span overlaps an earlier one exactly when it opens before the earlier one's content ends.
  // Turns only grow in opener order, so the spans of a's own turn, which are skipped,
  // are the ones right after it: start past them (thousands of nested spans in one
  // turn made this quadratic). Past MAX_OVERLAP_PAIRS pairs the rest are not counted.
  const sameTurnEnd = new Int32Array(spans.length);
  for (let i = spans.length - 1; i >= 0; i--) {
    const t = spans[i].span.turn;
    sameTurnEnd[i] = t !== undefined && i + 1 < spans.length && spans[i + 1].span.turn === t ? sameTurnEnd[i + 1] : i + 1;
  }
  for (let i = 0; i < spans.length && budget.pairs > 0; i++) {
    const a = spans[i];
    for (let j = a.span.turn === undefined ? i + 1 : sameTurnEnd[i]; j < spans.length; j++) {
      if (--budget.pairs < 0) break;
      const b = spans[j];
      if (b.span.content.start >= a.span.content.end) {
        // Later spans open later still, but a nested span may end sooner; keep
        // scanning only while openers stay inside a's content.
        break;
      }
      if (!overlaps(a, b)) continue;
      if (a.span.turn !== undefined && a.span.turn === b.span.turn) continue;
      unit([a, b]);
    }
  }
}

/** The co-occurrence counts alone (what cooccurrence.csv holds): the axis codes, and units per pair. */
export interface CooccurrenceCounts {
  /** The axis: the model's codes (not categories), in tree order. */
  codes: string[];
  /** Units per pair, `count(i, j)` by axis index (symmetric); the diagonal is each code's own quotes. */
  count(i: number, j: number): number;
}

/**
 * codeCooccurrence's counts without the quotes of each cell, the pictures'
 * hover lists: what a table needs, without a set of quotes per unit and pair.
 */
export function cooccurrenceCounts(project: Project, options: AnalysisOptions = {}): CooccurrenceCounts {
  const scan = scanProject(project, options);
  const axis = scan.nodes.filter((n) => n.kind === 'code');
  const onAxis = new Map(axis.map((n, i) => [n.id, i]));
  const n = axis.length;
  const counts = new Map<number, number>();
  const present = new Set<number>();
  const pairs = new Set<number>();
  forEachUnit(scan, (spans) => {
    pairs.clear();
    const coders = new Set<string>();
    for (const s of spans) for (const c of s.byCoder.keys()) coders.add(c);
    for (const coder of coders) {
      present.clear();
      for (const s of spans) for (const id of s.byCoder.get(coder) ?? []) {
        const i = onAxis.get(id);
        if (i !== undefined) present.add(i);
      }
      const sorted = [...present].sort((a, b) => a - b);
      for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < sorted.length; y++) pairs.add(sorted[x] * n + sorted[y]);
    }
    for (const key of pairs) counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return {
    codes: axis.map((node) => node.id),
    count: (i, j) => (i === j ? axis[i].ownQuotes : counts.get(i < j ? i * n + j : j * n + i) ?? 0),
  };
}

/**
 * The most pairs of overlapping spans in different turns (or outside turns) a
 * project's co-occurrence examines; only deliberately pathological files (thousands
 * of spans nested across turns) have more, and the pairs past it are not counted.
 */
export const MAX_OVERLAP_PAIRS = 2_000_000;

/** Contents share at least one character (b opens at or after a). */
function overlaps(a: UnitSpan, b: UnitSpan): boolean {
  return b.span.content.start < a.span.content.end && a.span.content.start < b.span.content.end;
}
