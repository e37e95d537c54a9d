import diffSequences from 'diff-sequences';
import { partitionPoint } from './search';

/**
 * Where two versions of a text agree, and how to carry offsets from one to the
 * other. Merge maps codings onto the merged text with this; rendering uses it to
 * keep a previous version's markup and escapes where the text is unchanged.
 */

/** Text A[a, a + length) equals text B[b, b + length). Runs are in order and do not overlap. */
export interface AlignedRun {
  a: number;
  b: number;
  length: number;
}

/** The lines of a text, each with its line break (`\n`; a `\r` before it stays in the line). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const i = text.indexOf('\n', from);
    if (i < 0) break;
    out.push(text.slice(from, i + 1));
    from = i + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** A line-level change: lines [aStart, aEnd) of A became lines [bStart, bEnd) of B. */
export interface LineHunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * The changed line ranges from `a` to `b` (Myers' diff via diff-sequences, which
 * stays linear on the repeated blank lines transcripts are full of). Lines are
 * compared as interned numbers, so the diff compares integers, not strings.
 */
export function lineHunks(a: string[], b: string[]): LineHunk[] {
  const ids = new Map<string, number>();
  const intern = (lines: string[]) => {
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) {
      let id = ids.get(lines[i]);
      if (id === undefined) ids.set(lines[i], (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  const ia = intern(a);
  const ib = intern(b);
  // The common head and tail cost nothing to skip, and most edits are local.
  let head = 0;
  while (head < ia.length && head < ib.length && ia[head] === ib[head]) head++;
  let tail = 0;
  while (tail < ia.length - head && tail < ib.length - head && ia[ia.length - 1 - tail] === ib[ib.length - 1 - tail]) tail++;
  const hunks: LineHunk[] = [];
  let ai = head;
  let bi = head;
  const aLen = ia.length - head - tail;
  const bLen = ib.length - head - tail;
  diffSequences(
    aLen,
    bLen,
    (i, j) => ia[head + i] === ib[head + j],
    (n, i, j) => {
      if (head + i > ai || head + j > bi) hunks.push({ aStart: ai, aEnd: head + i, bStart: bi, bEnd: head + j });
      ai = head + i + n;
      bi = head + j + n;
    },
  );
  if (ia.length - tail > ai || ib.length - tail > bi) hunks.push({ aStart: ai, aEnd: ia.length - tail, bStart: bi, bEnd: ib.length - tail });
  return hunks;
}

/** Line start offsets of a list of lines, with the total length last. */
export function lineOffsets(lines: string[]): number[] {
  const out = new Array<number>(lines.length + 1);
  let o = 0;
  for (let i = 0; i < lines.length; i++) {
    out[i] = o;
    o += lines[i].length;
  }
  out[lines.length] = o;
  return out;
}

/**
 * Appends the alignment of a changed region A[aFrom, aTo) → B[bFrom, bTo): the
 * common prefix and suffix of the two pieces stay aligned, the middle does not.
 * Character by character inside a changed line, so a word fixed on one side
 * keeps codings on the rest of the line in place.
 */
export function alignChanged(out: AlignedRun[], a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number): void {
  let p = 0;
  const max = Math.min(aTo - aFrom, bTo - bFrom);
  while (p < max && a.charCodeAt(aFrom + p) === b.charCodeAt(bFrom + p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(aTo - 1 - s) === b.charCodeAt(bTo - 1 - s)) s++;
  pushRun(out, aFrom, bFrom, p);
  pushRun(out, aTo - s, bTo - s, s);
}

/** Appends a run, joining it to the previous one when they touch. */
export function pushRun(out: AlignedRun[], a: number, b: number, length: number): void {
  if (length <= 0) return;
  const last = out[out.length - 1];
  if (last && last.a + last.length === a && last.b + last.length === b) last.length += length;
  else out.push({ a, b, length });
}

/** Appends the alignment of a changed region A[aFrom, aTo) → B[bFrom, bTo) (alignChanged's shape). */
export type AlignChanged = (out: AlignedRun[], a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number) => void;

/**
 * How text `a` aligns with text `b`: unchanged lines, and inside changed ones what
 * `refine` finds (by default their common ends; core/diff also aligns words).
 */
export function alignTexts(a: string, b: string, refine: AlignChanged = alignChanged): AlignedRun[] {
  if (a === b) return a.length > 0 ? [{ a: 0, b: 0, length: a.length }] : [];
  const la = splitLines(a);
  const lb = splitLines(b);
  const oa = lineOffsets(la);
  const ob = lineOffsets(lb);
  const out: AlignedRun[] = [];
  let ai = 0;
  let bi = 0;
  for (const h of lineHunks(la, lb)) {
    pushRun(out, oa[ai], ob[bi], oa[h.aStart] - oa[ai]);
    refine(out, a, oa[h.aStart], oa[h.aEnd], b, ob[h.bStart], ob[h.bEnd]);
    ai = h.aEnd;
    bi = h.bEnd;
  }
  pushRun(out, oa[ai], ob[bi], a.length - oa[ai]);
  return out;
}

/**
 * Carries offsets of text A into text B. Inside an aligned run an offset maps
 * exactly. An offset in text that changed maps to the edge of what replaced it:
 * outward, so a range around changed words covers their replacement.
 */
export class OffsetMap {
  constructor(
    private readonly runs: AlignedRun[],
    private readonly bLength: number,
  ) {}

  /** Where a range starting at `q` starts in B (it sticks to the character after it). */
  start(q: number): number {
    const k = this.find(q, false);
    if (k >= 0) return this.runs[k].b + (q - this.runs[k].a);
    // In changed text: the start of its replacement, just after the run before it.
    const prev = this.before(q);
    return prev ? prev.b + prev.length : 0;
  }

  /** Where a range ending at `q` ends in B (it sticks to the character before it). */
  end(q: number): number {
    const k = this.find(q, true);
    if (k >= 0) return this.runs[k].b + (q - this.runs[k].a);
    const next = this.after(q);
    return next ? next.b : this.bLength;
  }

  /** True when A[from, to) is wholly inside aligned runs (that text is kept in B as it was). */
  isKept(from: number, to: number): boolean {
    if (from >= to) return this.find(from, false) >= 0 || this.find(from, true) >= 0;
    const k = this.find(from, false);
    return k >= 0 && to <= this.runs[k].a + this.runs[k].length;
  }

  /** The run holding offset q: a ≤ q < a + length (or a < q ≤ a + length when `atEnd`). */
  private find(q: number, atEnd: boolean): number {
    const runs = this.runs;
    const lo = atEnd ? partitionPoint(runs, (r) => r.a + r.length < q) : partitionPoint(runs, (r) => r.a + r.length <= q);
    if (lo >= runs.length) return -1;
    const r = runs[lo];
    return atEnd ? (r.a < q ? lo : -1) : r.a <= q ? lo : -1;
  }

  /** The last run that ends at or before q. */
  private before(q: number): AlignedRun | undefined {
    const lo = partitionPoint(this.runs, (r) => r.a + r.length <= q);
    return lo > 0 ? this.runs[lo - 1] : undefined;
  }

  /** The first run that starts at or after q. */
  private after(q: number): AlignedRun | undefined {
    return this.runs[partitionPoint(this.runs, (r) => r.a < q)];
  }
}
