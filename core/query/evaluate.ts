/**
 * Runs a parsed code query over a project. Each transcript's units (its coded
 * spans, or its speaker turns as agreement defines them) get the codes on them,
 * and the query's tree is evaluated bottom up to one yes/no per unit:
 * - a code is on a span when one of the span's blocks applies it or a code under
 *   it (a category stands for its codes); on a turn when a span overlapping the
 *   turn has it;
 * - AND, OR, NOT combine on the same unit;
 * - `a NEAR/n b`: a unit with a, with a unit with b no more than n turns away
 *   in the same transcript (0: the same turn);
 * - `a WITHIN b`: a span with a lying inside a span with b (the same span
 *   counts); over turns, a turn that such a span overlaps.
 * Transcripts with errors are skipped and named, as in reports: a broken span
 * could make any answer wrong.
 */
import { unitsOf, unitsOverlapping } from '../agreement/units';
import { parentChain } from '../codebook/hierarchy';
import { caseOf, participantOf } from '../project/caseOf';
import { errorFreeTranscripts } from '../project/errorFree';
import type { Project, TranscriptEntry } from '../project/types';
import { lowerBound, upperBound } from '../text/search';
import { blockCoder } from '../transcript/coder';
import { turnCount, turnSpeaker } from '../transcript/lazyTurns';
import { strippedOffsetAt } from '../transcript/stripped';
import type { Span, Transcript } from '../transcript/types';
import type { QueryHit, QueryNode, QueryOptions, QueryUnit } from './types';

/** A unit a query selects or not: a span or a turn, with the codes on it. */
interface Unit {
  /** Stripped range (of a span's content: untrimmed, as codings are). */
  start: number;
  end: number;
  /** Turn ordinal: the index in the transcript's turns, -1 before the first turn. */
  turn: number;
  speaker: string;
  /** The codes applied, without their ancestors. */
  own: Set<string>;
  /** The codes applied and every ancestor of them. */
  codes: Set<string>;
  coders: Set<string>;
}

/** A coded span with what a query asks of it. */
interface SpanUnit extends Unit {
  span: Span;
}

/** A speaker turn (or the text before the first one) with the codes of the spans that overlap it. */
type TurnUnit = Unit;

/** Everything the evaluation of one transcript needs. */
interface Context {
  entry: TranscriptEntry;
  spans: SpanUnit[];
  /** Built on first use: a query over spans without NEAR/WITHIN-over-turns never needs them. */
  turns?: TurnUnit[];
  /** For each span, the turn units it overlaps, as [first, last). */
  spanTurns?: [number, number][];
}

/** Every passage of `project` that `node` selects, in file then text order. */
export function evaluateQuery(project: Project, node: QueryNode, options: QueryOptions = {}): { hits: QueryHit[]; transcripts: number; skipped: { file: string; reason: string }[] } {
  const unit: QueryUnit = options.unit ?? 'span';
  const coders = options.coders && options.coders.length > 0 ? new Set(options.coders) : undefined;
  const ancestors = ancestorTable(project);
  const hits: QueryHit[] = [];
  const { entries, skipped } = errorFreeTranscripts(project);
  for (const entry of entries) {
    const ctx: Context = { entry, spans: spanUnits(entry.transcript, coders, ancestors) };
    const selected = evaluate(node, unit, ctx);
    const units = unit === 'span' ? ctx.spans : turnsOf(ctx);
    for (let i = 0; i < units.length; i++) if (selected[i]) hits.push(unit === 'span' ? spanHit(ctx, ctx.spans[i]) : turnHit(ctx, turnsOf(ctx)[i]));
  }
  return { hits, transcripts: entries.length, skipped };
}

/** Each code's ancestors and itself, looked up once per query. */
function ancestorTable(project: Project): (id: string) => string[] {
  const cache = new Map<string, string[]>();
  return (id) => {
    let list = cache.get(id);
    if (!list) cache.set(id, (list = [id, ...parentChain(project.codebook, id).map((c) => c.id)]));
    return list;
  };
}

/** The coded spans of a transcript: closed spans with at least one code from an admitted coder. */
function spanUnits(t: Transcript, coders: Set<string> | undefined, ancestors: (id: string) => string[]): SpanUnit[] {
  const out: SpanUnit[] = [];
  for (const span of t.spans) {
    if (!span.close) continue;
    const own = new Set<string>();
    const by = new Set<string>();
    for (const block of span.blocks) {
      const coder = blockCoder(t, block) ?? '';
      if (coders && !coders.has(coder)) continue;
      for (const ref of block.codes) {
        own.add(ref.id);
        if (coder !== '') by.add(coder);
      }
    }
    if (own.size === 0) continue;
    const codes = new Set<string>();
    for (const id of own) for (const a of ancestors(id)) codes.add(a);
    const turn = span.turn ?? -1;
    out.push({
      span,
      start: strippedOffsetAt(t, span.content.start),
      end: strippedOffsetAt(t, span.content.end),
      turn,
      speaker: turn >= 0 ? turnSpeaker(t, turn) : '',
      own,
      codes,
      coders: by,
    });
  }
  return out;
}

/** The turn units of the context's transcript, with the codes of the spans overlapping each. */
function turnsOf(ctx: Context): TurnUnit[] {
  if (ctx.turns) return ctx.turns;
  const t = ctx.entry.transcript;
  const units = unitsOf(t, 'turn');
  // The text before the first turn, when it is a unit, comes first and has no speaker.
  const preamble = units.count > turnCount(t) ? 1 : 0;
  const turns: TurnUnit[] = [];
  for (let i = 0; i < units.count; i++) {
    const turn = i - preamble;
    turns.push({ start: units.starts[i], end: units.ends[i], turn, speaker: turn >= 0 ? turnSpeaker(t, turn) : '', own: new Set(), codes: new Set(), coders: new Set() });
  }
  ctx.spanTurns = ctx.spans.map((s) => {
    // An empty span still belongs to the turn it stands in.
    const [a, b] = unitsOverlapping(units, s.start, Math.max(s.end, s.start + 1));
    for (let k = a; k < b; k++) {
      for (const c of s.own) turns[k].own.add(c);
      for (const c of s.codes) turns[k].codes.add(c);
      for (const c of s.coders) turns[k].coders.add(c);
    }
    return [a, b];
  });
  return (ctx.turns = turns);
}

/** One yes/no per unit of `level` for `node`. */
function evaluate(node: QueryNode, level: QueryUnit, ctx: Context): Uint8Array {
  const units: (SpanUnit | TurnUnit)[] = level === 'span' ? ctx.spans : turnsOf(ctx);
  const out = new Uint8Array(units.length);
  switch (node.kind) {
    case 'code':
      for (let i = 0; i < units.length; i++) out[i] = units[i].codes.has(node.id) ? 1 : 0;
      return out;
    case 'filter': {
      if (node.key === 'speaker' || node.key === 'coder') {
        for (let i = 0; i < units.length; i++) out[i] = (node.key === 'speaker' ? units[i].speaker === node.value : units[i].coders.has(node.value)) ? 1 : 0;
      } else if (transcriptMatches(ctx.entry, node.key, node.value, node.name)) out.fill(1);
      return out;
    }
    case 'not': {
      const a = evaluate(node.operand, level, ctx);
      for (let i = 0; i < out.length; i++) out[i] = a[i] ? 0 : 1;
      return out;
    }
    case 'and':
    case 'or': {
      const a = evaluate(node.left, level, ctx);
      const b = evaluate(node.right, level, ctx);
      for (let i = 0; i < out.length; i++) out[i] = node.kind === 'and' ? a[i] & b[i] : a[i] | b[i];
      return out;
    }
    case 'near': {
      const a = evaluate(node.left, level, ctx);
      const b = evaluate(node.right, level, ctx);
      const near = units.filter((_, i) => b[i]).map((u) => u.turn).sort((x, y) => x - y);
      for (let i = 0; i < out.length; i++) {
        if (!a[i]) continue;
        const t = units[i].turn;
        // Some unit with b lies in [t - n, t + n].
        out[i] = upperBound(near, t + node.distance) > lowerBound(near, t - node.distance) ? 1 : 0;
      }
      return out;
    }
    case 'within': {
      const inside = within(node, ctx);
      if (level === 'span') return inside;
      turnsOf(ctx);
      for (let s = 0; s < inside.length; s++) {
        if (!inside[s]) continue;
        const [a, b] = ctx.spanTurns![s];
        for (let k = a; k < b; k++) out[k] = 1;
      }
      return out;
    }
  }
}

/** Spans with the left side lying inside a span with the right side (itself included). */
function within(node: Extract<QueryNode, { kind: 'within' }>, ctx: Context): Uint8Array {
  const a = evaluate(node.left, 'span', ctx);
  const b = evaluate(node.right, 'span', ctx);
  const spans = ctx.spans;
  const out = new Uint8Array(spans.length);
  // Sweep by start: a span is inside some b-span when the furthest end among
  // b-spans starting at or before it reaches its end. Ties in start put the
  // longer span first, so an outer span that starts at the same place counts.
  const order = spans.map((_, i) => i).sort((x, y) => spans[x].start - spans[y].start || spans[y].end - spans[x].end);
  let reach = -1;
  for (let k = 0; k < order.length; ) {
    // Spans starting at the same offset see each other's ends.
    let j = k;
    const start = spans[order[k]].start;
    while (j < order.length && spans[order[j]].start === start) {
      if (b[order[j]]) reach = Math.max(reach, spans[order[j]].end);
      j++;
    }
    for (; k < j; k++) {
      const s = order[k];
      if (a[s] && reach >= spans[s].end) out[s] = 1;
    }
  }
  return out;
}

/** Whether a transcript-wide filter (case, participant, attribute) holds. */
function transcriptMatches(entry: TranscriptEntry, key: 'case' | 'participant' | 'attr', value: string, name?: string): boolean {
  if (key === 'case') return caseOf(entry) === value;
  if (key === 'participant') return participantOf(entry) === value;
  const attrs = entry.transcript.frontMatter?.attributes;
  if (!attrs || name === undefined || !(name in attrs)) return false;
  const v = attrs[name];
  return v !== null && String(v) === value;
}

function spanHit(ctx: Context, s: SpanUnit): QueryHit {
  const t = ctx.entry.transcript;
  const end = s.span.close!.end;
  return hit(ctx.entry, s.span.open.start, end, s, s.span.quote, t);
}

function turnHit(ctx: Context, u: TurnUnit): QueryHit {
  const t = ctx.entry.transcript;
  const source = u.turn >= 0 ? t.turns[u.turn].range : { start: t.bodyStart, end: t.turns.length > 0 ? t.turns[0].range.start : t.text.length };
  // The quote is what was said: the label and its colon are left out.
  const said = u.turn >= 0 ? Math.min(u.end, strippedOffsetAt(t, t.turns[u.turn].labelRange.end + 1)) : u.start;
  return hit(ctx.entry, source.start, source.end, u, t.stripped.text.slice(said, u.end).trim(), t);
}

function hit(entry: TranscriptEntry, start: number, end: number, u: SpanUnit | TurnUnit, quote: string, t: Transcript): QueryHit {
  // A turn's range runs to the next turn's first character: its last line is the one before.
  const last = Math.max(start, end - 1);
  return {
    uri: entry.uri,
    file: entry.path,
    line: t.lines.positionAt(start).line + 1,
    endLine: t.lines.positionAt(last).line + 1,
    start,
    end,
    case: caseOf(entry),
    participant: participantOf(entry) ?? '',
    speaker: u.speaker,
    codes: [...u.own].sort(),
    coders: [...u.coders].sort(),
    quote,
  };
}
