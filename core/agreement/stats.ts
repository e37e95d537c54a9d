/**
 * Agreement statistics on nominal reliability data: percent agreement, Cohen's
 * kappa and Krippendorff's alpha. Pure arithmetic, nothing about transcripts.
 *
 * A statistic that the data leave undefined (no pairable values, chance
 * agreement of 1, a single value used throughout) is `{ value: null, reason }`,
 * never NaN, so every report can say why a number is missing.
 */

/** A computed statistic, or why the data do not define it. */
export type Statistic = { value: number; reason?: undefined } | { value: null; reason: string };

/** A defined statistic. */
export function defined(value: number): Statistic {
  return { value };
}

/** An undefined statistic with the reason, worded for the researcher. */
export function undefinedBecause(reason: string): Statistic {
  return { value: null, reason };
}

/**
 * Percent agreement over one or more coder-pair contingency tables
 * (`table[a][b]` = units where the first coder gave value a and the second b):
 * the share of paired judgements that agree. With two coders this is the plain
 * share of units they agree on; with more it is the mean pairwise agreement,
 * weighted by the units each pair shares.
 */
export function percentAgreement(tables: number[][][]): Statistic {
  let agree = 0;
  let total = 0;
  for (const t of tables) {
    for (let a = 0; a < t.length; a++) {
      for (let b = 0; b < t[a].length; b++) {
        total += t[a][b];
        if (a === b) agree += t[a][b];
      }
    }
  }
  return total === 0 ? undefinedBecause('no unit was judged by both coders of a pair') : defined(agree / total);
}

/**
 * Cohen's kappa of a square contingency table of two coders:
 * κ = (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e the
 * agreement expected from each coder's own marginal distribution (Cohen 1960).
 * Undefined with no units, and when p_e = 1 (both coders used one and the same
 * value for every unit, so chance alone explains all agreement).
 */
export function cohenKappa(table: number[][]): Statistic {
  const k = table.length;
  let n = 0;
  let diag = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const x = table[a][b];
      n += x;
      rows[a] += x;
      cols[b] += x;
      if (a === b) diag += x;
    }
  }
  if (n === 0) return undefinedBecause('no units');
  const po = diag / n;
  let pe = 0;
  for (let a = 0; a < k; a++) pe += (rows[a] / n) * (cols[a] / n);
  if (1 - pe <= 1e-12) return undefinedBecause('both coders gave every unit the same value: chance agreement is 1');
  return defined((po - pe) / (1 - pe));
}

/**
 * Krippendorff's alpha for nominal data from a coincidence matrix
 * (`o[c][k]`, Krippendorff 2011): α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k,
 * with n_c the row sums and n the number of pairable values. Undefined when
 * fewer than two values are pairable, or when every pairable value is the
 * same (the expected disagreement is 0).
 */
export function alphaFromCoincidences(o: number[][]): Statistic {
  const k = o.length;
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n <= 1 + 1e-12) return undefinedBecause('no unit has values from two coders');
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      if (c === j) continue;
      observed += o[c][j];
      expected += nc[c] * nc[j];
    }
  }
  if (expected <= 1e-12) return undefinedBecause('every unit has the same value: the expected disagreement is 0');
  return defined(1 - ((n - 1) * observed) / expected);
}

/**
 * Accumulates nominal reliability data unit by unit: the coincidence matrix for
 * alpha and one contingency table per coder pair for percent agreement and
 * kappa. Values are small integers 0…values−1; null is a missing value. Many
 * identical units (a transcript's uncoded units) are added at once with `times`.
 */
export class NominalTally {
  /** Coincidences o[c][k] (Krippendorff): every ordered pair of values within a unit, weighted 1/(m_u − 1). */
  readonly coincidences: number[][];
  /** Contingency tables of coder pairs i < j, in the order of `pairs()`. */
  readonly pairTables: number[][][];
  /** Units added, including units with fewer than two values. */
  units = 0;
  private readonly counts: number[];

  constructor(
    readonly coders: number,
    readonly values: number,
  ) {
    const square = () => Array.from({ length: values }, () => new Array<number>(values).fill(0));
    this.coincidences = square();
    this.pairTables = Array.from({ length: (coders * (coders - 1)) / 2 }, square);
    this.counts = new Array<number>(values).fill(0);
  }

  /** The coder pairs (i, j), i < j, in the order of `pairTables`. */
  pairs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.coders; i++) for (let j = i + 1; j < this.coders; j++) out.push([i, j]);
    return out;
  }

  /** Adds a unit: one value (or null) per coder; `times` identical units at once. */
  add(unit: readonly (number | null)[], times = 1): void {
    if (times <= 0) return;
    this.units += times;
    const counts = this.counts;
    counts.fill(0);
    let m = 0;
    for (const v of unit) {
      if (v === null) continue;
      counts[v]++;
      m++;
    }
    if (m >= 2) {
      const w = times / (m - 1);
      for (let c = 0; c < this.values; c++) {
        if (counts[c] === 0) continue;
        for (let k = 0; k < this.values; k++) {
          if (counts[k] === 0) continue;
          this.coincidences[c][k] += w * counts[c] * (c === k ? counts[c] - 1 : counts[k]);
        }
      }
    }
    let p = 0;
    for (let i = 0; i < this.coders; i++) {
      for (let j = i + 1; j < this.coders; j++, p++) {
        const a = unit[i];
        const b = unit[j];
        if (a !== null && b !== null) this.pairTables[p][a][b] += times;
      }
    }
  }

  /** Adds every unit of another tally over the same coders and values (pooling). */
  addTally(other: NominalTally): void {
    this.units += other.units;
    addInto(this.coincidences, other.coincidences);
    other.pairTables.forEach((t, p) => addInto(this.pairTables[p], t));
  }

  /** Percent agreement over all coder pairs. */
  percent(): Statistic {
    return percentAgreement(this.pairTables);
  }

  /** Cohen's kappa: defined for exactly two coders (use `pairTables` for more). */
  kappa(): Statistic {
    if (this.coders !== 2) return undefinedBecause(`Cohen's kappa compares two coders; ${this.coders} were compared (see the pairs)`);
    return cohenKappa(this.pairTables[0]);
  }

  /** Krippendorff's alpha, nominal. */
  alpha(): Statistic {
    return alphaFromCoincidences(this.coincidences);
  }
}

/**
 * Krippendorff's alpha (nominal) of reliability data laid out as Krippendorff
 * does: one row per coder, one column per unit, null for a missing value. Values
 * may be any strings or numbers; only equality matters.
 */
export function krippendorffAlpha(data: readonly (readonly (string | number | null)[])[]): Statistic {
  const { tally } = tallyOf(data);
  return tally.alpha();
}

/** Cohen's kappa of two coders' values over the same units (null: missing, the unit is left out). */
export function cohenKappaOf(a: readonly (string | number | null)[], b: readonly (string | number | null)[]): Statistic {
  return tallyOf([a, b]).tally.kappa();
}

function tallyOf(data: readonly (readonly (string | number | null)[])[]): { tally: NominalTally } {
  const ids = new Map<string | number, number>();
  for (const row of data) for (const v of row) if (v !== null && !ids.has(v)) ids.set(v, ids.size);
  const tally = new NominalTally(data.length, Math.max(1, ids.size));
  const units = Math.max(0, ...data.map((r) => r.length));
  for (let u = 0; u < units; u++) tally.add(data.map((row) => (row[u] === undefined || row[u] === null ? null : ids.get(row[u] as string | number)!)));
  return { tally };
}

function addInto(into: number[][], from: number[][]): void {
  for (let a = 0; a < from.length; a++) for (let b = 0; b < from[a].length; b++) into[a][b] += from[a][b];
}
