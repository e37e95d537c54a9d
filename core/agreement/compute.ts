/**
 * Inter-coder agreement over a set of transcripts (FORMAT.md section 6): which
 * files are compared, each unit's value per (code, coder), the statistics per
 * code and pooled, and every disagreement.
 *
 * Each (unit, code) holds a bit mask of the coders who marked it. Only units
 * someone marked are stored; the rest of a file's units agree on 0 and are
 * added to the statistics in one step, so character units stay cheap.
 */
import { childrenOf, resolveCode } from '../codebook/hierarchy';
import type { Codebook } from '../codebook/types';
import { findLastAtOrBefore } from '../text/search';
import { strippedOffsetAt } from '../transcript/stripped';
import { extractCodings } from '../codings/extract';
import type { Coding } from '../codings/types';
import { isTrimSpace } from '../transcript/chars';
import type { Transcript } from '../transcript/types';
import { Marks } from './marks';
import { NominalTally } from './stats';
import type { AgreementFigures, AgreementReport, CodeAgreement, Disagreement, SkippedFile } from './types';
import { turnStarts, unitsOfText, unitsOverlapping, type UnitKind } from './units';

/**
 * One transcript to compare, reduced to what agreement needs (build it with
 * `agreementFile`): its stripped text, where its turns and source lines start,
 * and the codings of every coder in it. Holding this instead of the parse keeps
 * a 1,000-transcript comparison small.
 */
export interface AgreementFile {
  path: string;
  stripped: string;
  /** Stripped offset where each speaker turn starts. */
  turnStarts: Int32Array;
  /** Stripped offset where each line of the file (front matter included) starts; lines before the body start at 0. */
  lineStarts: Int32Array;
  codings: readonly Coding[];
}

/** A parsed transcript as agreement takes it; `codings` default to the transcript's own. */
export function agreementFile(path: string, t: Transcript, codings?: readonly Coding[]): AgreementFile {
  return {
    path,
    stripped: t.stripped.text,
    turnStarts: turnStarts(t),
    lineStarts: Int32Array.from(t.lines.lineStarts, (offset) => strippedOffsetAt(t, offset)),
    codings: codings ?? extractCodings(t).codings,
  };
}

/** The 1-based file line of stripped offset i: the last line starting at or before it. */
function lineOf(file: AgreementFile, i: number): number {
  return Math.max(0, findLastAtOrBefore(file.lineStarts, i)) + 1;
}

/** What to compare. */
export interface AgreementOptions {
  /** At least two coder ids. */
  coders: string[];
  unit?: UnitKind;
  /**
   * Code or category ids to compare; default every code a compared coder applied
   * in a compared file. An id counts with all its descendants in the codebook.
   */
  codes?: string[];
  codebook?: Codebook;
  /** Longest quote in a disagreement, in characters (default 100). */
  quoteLength?: number;
}

/** The coders who coded anything in the files, sorted; '' (no coder known) is left out. */
export function codersIn(files: readonly AgreementFile[]): string[] {
  const set = new Set<string>();
  for (const f of files) for (const c of f.codings) if (c.coder !== '') set.add(c.coder);
  return [...set].sort(cmp);
}

/** The file's codings by the given coders, with code ids resolved through the codebook's aliases. */
function codingsOf(file: AgreementFile, coders: ReadonlyMap<string, number>, codebook?: Codebook): Coding[] {
  return file.codings.filter((c) => coders.has(c.coder)).map((c) => ({ ...c, code: (codebook && resolveCode(codebook, c.code)?.id) ?? c.code }));
}

/**
 * Compares the coders over the files. A file is compared when every compared
 * coder coded at least one span in it; then every unit of it counts. The
 * statistics pool every (unit, code) pair for `overall`.
 */
export function computeAgreement(files: readonly AgreementFile[], options: AgreementOptions): AgreementReport {
  const kind = options.unit ?? 'turn';
  const coders = options.coders;
  const m = coders.length;
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const full = (1 << m) - 1;
  const codebook = options.codebook;
  const quoteLength = options.quoteLength ?? 100;

  const compared: { file: AgreementFile; codings: Coding[] }[] = [];
  const notCompared: SkippedFile[] = [];
  for (const file of files) {
    const codings = codingsOf(file, coderIndex, codebook);
    const missing = coders.filter((c) => !codings.some((x) => x.coder === c));
    if (missing.length > 0) notCompared.push({ file: file.path, reason: `not coded by ${missing.join(', ')}` });
    else compared.push({ file, codings });
  }

  const codes = options.codes ?? appliedCodes(compared.flatMap((c) => c.codings), codebook);
  // Applied id → the compared codes it counts for (itself and every compared ancestor).
  const countsFor = new Map<string, number[]>();
  codes.forEach((id, k) => {
    for (const d of withDescendants(id, codebook)) {
      let list = countsFor.get(d);
      if (!list) countsFor.set(d, (list = []));
      if (!list.includes(k)) list.push(k);
    }
  });

  // Per code: how many units carry each non-zero mask, and how many carry none.
  const maskCounts = codes.map(() => new Map<number, number>());
  const zeroUnits = codes.map(() => 0);
  // One list per code: files are visited in order and each file's units in order, so concatenating gives code, file, position order.
  const byCode: Disagreement[][] = codes.map(() => []);

  const marks = new Marks();
  compared.forEach(({ file, codings }) => {
    const s = file.stripped;
    const units = unitsOfText(s, file.turnStarts, kind);
    const nc = codes.length;
    marks.reset(units.count * nc);
    const trimmed = codings.map((c) => trim(s, c.start, c.end));
    codings.forEach((c, ci) => {
      const ks = countsFor.get(c.code);
      if (!ks) return;
      const [from, to] = unitsOverlapping(units, trimmed[ci][0], trimmed[ci][1]);
      const bit = 1 << coderIndex.get(c.coder)!;
      for (let u = from; u < to; u++) {
        for (const k of ks) {
          marks.mark(u * nc + k, bit, ci);
        }
      }
    });
    const markedUnits = codes.map(() => 0);
    const found: { u: number; k: number; mask: number }[] = [];
    const codesAt = new Map<number, number[]>(); // unit → the codes anyone marked it with, for units with a disagreement
    for (const key of marks.touched) {
      const mask = marks.get(key);
      const u = Math.floor(key / nc);
      const k = key - u * nc;
      markedUnits[k]++;
      maskCounts[k].set(mask, (maskCounts[k].get(mask) ?? 0) + 1);
      if (mask !== full) {
        found.push({ u, k, mask });
        codesAt.set(u, []);
      }
    }
    for (const key of marks.touched) {
      const u = Math.floor(key / nc);
      codesAt.get(u)?.push(key - u * nc);
    }
    codes.forEach((_, k) => (zeroUnits[k] += units.count - markedUnits[k]));
    found.sort((a, b) => a.k - b.k || a.u - b.u);
    for (let i = 0; i < found.length; ) {
      // With character units, a run of adjacent characters with the same coders is one disagreement.
      let j = i + 1;
      if (kind === 'char') while (j < found.length && found[j].k === found[i].k && found[j].mask === found[i].mask && found[j].u === found[j - 1].u + 1) j++;
      const { u, k, mask } = found[i];
      const last = found[j - 1].u;
      const range = kind === 'char' ? [units.starts[u], units.ends[last]] : quoteRange(units.starts[u], units.ends[u], trimmed[marks.first(u * nc + k)]);
      const here = codesAt.get(u)!.sort((x, y) => x - y);
      const perCoder: Record<string, string[]> = {};
      coders.forEach((coder, ci) => {
        perCoder[coder] = here.filter((k2) => (marks.get(u * nc + k2) >> ci) & 1).map((k2) => codes[k2]);
      });
      byCode[k].push({
        file: file.path,
        line: lineOf(file, range[0]),
        start: range[0],
        end: range[1],
        code: codes[k],
        marked: coders.filter((_, ci) => (mask >> ci) & 1),
        unmarked: coders.filter((_, ci) => !((mask >> ci) & 1)),
        codes: perCoder,
        quote: shorten(s.slice(range[0], range[1]), quoteLength),
        units: j - i,
      });
      i = j;
    }
  });

  const tallies = codes.map((_, k) => {
    const tally = new NominalTally(m, 2);
    tally.add(new Array<number>(m).fill(0), zeroUnits[k]);
    for (const [mask, count] of maskCounts[k]) tally.add(coders.map((_, ci) => (mask >> ci) & 1), count);
    return tally;
  });
  const pooled = new NominalTally(m, 2);
  for (const t of tallies) pooled.addTally(t);
  const markedBy = (k: number | undefined): Record<string, number> => {
    const out: Record<string, number> = {};
    coders.forEach((coder, ci) => {
      let n = 0;
      for (const kk of k === undefined ? codes.keys() : [k]) for (const [mask, count] of maskCounts[kk]) if ((mask >> ci) & 1) n += count;
      out[coder] = n;
    });
    return out;
  };

  return {
    unit: kind,
    coders: [...coders],
    files: compared.map((c) => c.file.path),
    notCompared,
    overall: figures(pooled, coders, markedBy(undefined)),
    codes: codes.map((code, k): CodeAgreement => ({ code, ...figures(tallies[k], coders, markedBy(k)) })),
    disagreements: byCode.flat(),
  };
}

function figures(tally: NominalTally, coders: string[], marked: Record<string, number>): AgreementFigures {
  return {
    percent: tally.percent(),
    kappa: tally.kappa(),
    alpha: tally.alpha(),
    units: tally.units,
    marked,
    pairs: tally.pairs().map(([i, j], p) => {
      const pair = new NominalTally(2, tally.values);
      pair.pairTables[0] = tally.pairTables[p];
      // A pair's alpha comes from its own coincidences: for two coders each unit adds (a,b) and (b,a).
      const t = tally.pairTables[p];
      for (let a = 0; a < t.length; a++) for (let b = 0; b < t.length; b++) {
        pair.coincidences[a][b] += t[a][b];
        pair.coincidences[b][a] += t[a][b];
      }
      return { coders: [coders[i], coders[j]] as [string, string], percent: pair.percent(), kappa: pair.kappa(), alpha: pair.alpha() };
    }),
  };
}

/** Every code applied in the codings, in codebook order, then codes the codebook lacks by id. */
function appliedCodes(codings: readonly Coding[], codebook?: Codebook): string[] {
  const used = new Set(codings.map((c) => c.code));
  const known = codebook ? [...codebook.codes.keys()].filter((id) => used.has(id)) : [];
  const rest = [...used].filter((id) => !codebook?.codes.has(id)).sort(cmp);
  return [...known, ...rest];
}

/** A code and every code below it in the codebook's tree. */
function withDescendants(id: string, codebook?: Codebook): string[] {
  const out = [id];
  if (!codebook) return out;
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const child of childrenOf(codebook, out[i])) {
      if (!seen.has(child.id)) {
        seen.add(child.id);
        out.push(child.id);
      }
    }
  }
  return out;
}

/** Where a disagreement's quote stands: the part of the unit the first span that marked it covers. */
function quoteRange(us: number, ue: number, span: [number, number]): [number, number] {
  return [Math.max(span[0], us), Math.min(span[1], ue)];
}

/** A stripped range without the whitespace at its ends. */
function trim(s: string, a: number, b: number): [number, number] {
  while (a < b && isTrimSpace(s.charCodeAt(a))) a++;
  while (b > a && isTrimSpace(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

/** Whitespace runs as one space, trimmed, cut at `max` characters with an ellipsis. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max - 1);
  // Never end inside a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd() + '…';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
