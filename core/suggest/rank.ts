import { analyzer } from './language';
import { FIELD_WEIGHTS, normalizeQuote, type CodeProfile, type QuoteDoc, type SuggestModel } from './model';

/**
 * Ranking. A passage's content words (stemmed, stop words removed) are weighted
 * TF-IDF (1 + ln tf) and compared by cosine similarity with three vectors per
 * applicable code, all weighted √count × IDF:
 *
 * - P, the code's codebook profile (name and id, aliases, definition, include
 *   criteria, examples, parent category; see FIELD_WEIGHTS);
 * - L, the learned vector: the profile plus the term counts of every quote coded
 *   with the code (Rocchio with the codebook as a prior document: a code with no
 *   coded quotes is its codebook entry, one with many is mostly its quotes);
 * - the code's nearest coded quotes, each compared on its own (N: s1 + d·s2 + d²·s3
 *   over the code's three most similar quotes).
 *
 * score = wP·P + wL·L + wN·N + wF·prior − wX·X, where prior is the code's share of
 * coded spans (log-scaled to [0, 1]) and X the similarity to its exclude criteria.
 *
 * The weights were tuned by leave-one-out on a generated 2,000-code project (another
 * seed than the benchmark's) and checked on the example project: the per-quote
 * neighbours (N) did not improve either once L was there, so their weight is 0 and
 * they serve the explanation ("closest coded quote"). IDF is shared by profiles and
 * quotes; with √count weights a vector's squared norm is linear in its counts, so
 * profile + quotes norms add up and are cached per change.
 */

export interface Weights {
  /** Codebook profile alone (P). */
  profile: number;
  /** Profile plus coded quotes (L). */
  learned: number;
  /** How much one coded quote's words count against the codebook's in L. */
  mass: number;
  /** Nearest coded quotes (N). */
  neighbours: number;
  /** Decay of a code's 2nd and 3rd nearest quotes in N. */
  decay: number;
  /** Penalty for matching the exclude criteria (X). */
  exclude: number;
  /** Frequency prior. */
  prior: number;
  /** Suggestions scoring below this are dropped. */
  minScore: number;
}

export const DEFAULT_WEIGHTS: Weights = { profile: 0.5, learned: 1, mass: 1, neighbours: 0, decay: 0.5, exclude: 0.25, prior: 0.05, minScore: 0.05 };

export interface RankOptions {
  /** How many suggestions (default 3). */
  limit?: number;
  /** Language of the passage (default: the codebook's). */
  language?: string;
  /** Codes not to suggest (e.g. those already on the span). */
  skip?: Iterable<string>;
  /** Leave-one-out: a coded span to ignore as if it were not coded. */
  hide?: { uri: string; spanIndex: number };
  /** Leave-one-out, strict: ignore codebook examples that occur in this text. */
  hideExamplesIn?: string;
  weights?: Partial<Weights>;
}

/** The closest coded quote behind a suggestion. */
export interface NearestQuote {
  uri: string;
  path: string;
  /** 1-based line of the span's opener. */
  line: number;
  quote: string;
  /** Cosine similarity to the passage, in [0, 1]. */
  similarity: number;
}

export interface Suggestion {
  id: string;
  name: string;
  score: number;
  /** Similarity to the codebook profile (P) and to profile plus coded quotes (L). */
  profile: number;
  learned: number;
  /** Words of the passage (lower-cased, as written) that matched, strongest first. */
  terms: string[];
  /** Those of `terms` found in the code's codebook entry (the others are in its coded quotes). */
  codebookTerms: string[];
  nearest?: NearestQuote;
  /** One line: why this code is suggested. */
  why: string;
}

/** Terms in more than this share of the quotes do not bring in candidate neighbours… */
const CANDIDATE_DF = 0.02;
/** …unless the project is small. */
const MIN_CANDIDATE_DF = 200;
/** Candidates beyond the head rescored exactly after a change (see the shortlist below). */
const SHORTLIST_MARGIN = 40;
/** With no selective term, the rarest brings candidates only if in at most this share. */
const FALLBACK_DF = 0.1;

const logCount = (c: number) => 1 + Math.log(c);

/**
 * Ranks the applicable codes of a synced model for a passage, in the phases
 * described above: the query vector, the P and L dot products, the nearest coded
 * quotes (N), the leading candidates with their prior, the exclude criteria, and
 * the explanation of each suggestion kept.
 */
export function rank(model: SuggestModel, text: string, options: RankOptions = {}): Suggestion[] {
  const w = { ...DEFAULT_WEIGHTS, ...options.weights };
  const limit = options.limit ?? 3;
  const q = queryOf(model, text, options);
  if (!q) return [];
  const dots = codeDots(model, q, w);
  const near = nearestQuotes(model, q);
  const head = leadingCandidates(model, q, dots, near, w, options.skip, limit);
  if (w.exclude > 0) applyExcludes(model, q, head, w);
  const out: Suggestion[] = [];
  for (const c of head) {
    if (out.length >= limit || c.score < w.minScore) break;
    out.push(suggestionFor(model, q, c, near, w));
  }
  return out;
}

/** The passage as ranking sees it, and what leave-one-out hides. */
interface Query {
  /** Known terms of the passage with weight > 0, their TF-IDF weights, and the vector's norm. */
  terms: number[];
  weights: number[];
  norm: number;
  /** A term's first form as written in the passage. */
  surface: Map<number, string>;
  /** IDF, adjusted for the hidden quote's terms. */
  idf: (t: number) => number;
  /** IDF as the model caches it (the cached norms use it). */
  cachedIdf: Float64Array;
  hiddenDoc?: QuoteDoc;
  hiddenCodes: Set<number>;
  /** The hidden quote's term counts. */
  hiddenCounts: Map<number, number>;
  /** Profiles without the codebook examples the strict leave-one-out hides. */
  adjustedProfiles: Map<number, Map<number, number>>;
}

/** The query vector: known terms with their counts and first surface form; undefined when none weighs. */
function queryOf(model: SuggestModel, text: string, options: RankOptions): Query | undefined {
  const an = analyzer(options.language ?? model.codebookLanguage);
  const qCount = new Map<number, number>();
  const surface = new Map<number, string>();
  for (const tok of an.tokens(text)) {
    const t = model.knownTerm(tok.stem);
    if (t === undefined) continue;
    qCount.set(t, (qCount.get(t) ?? 0) + 1);
    if (!surface.has(t)) surface.set(t, tok.surface);
  }
  if (qCount.size === 0) return undefined;

  // Leave-one-out: the hidden span and the examples it contains do not count. The
  // IDF of the hidden quote's terms is recomputed without it; other terms' IDF and
  // cached norms keep their values (they differ by under 1/N).
  const hiddenDoc = options.hide ? model.doc(options.hide.uri, options.hide.spanIndex) : undefined;
  const cachedIdf = model.idf();
  let idf = (t: number) => cachedIdf[t];
  if (hiddenDoc) {
    const total = model.profiles.length + model.liveDocs;
    const adjusted = new Map<number, number>();
    for (const t of hiddenDoc.terms) adjusted.set(t, Math.log(total / ((model.dfQuotes[t] ?? 0) - 1 + (model.dfProfiles[t] ?? 0) + 0.5)));
    idf = (t: number) => adjusted.get(t) ?? cachedIdf[t];
  }
  const hiddenCodes = new Set(hiddenDoc ? model.codeIndexes(hiddenDoc) : []);
  const hiddenExamples = options.hideExamplesIn ? examplesIn(model, options.hideExamplesIn) : new Map<number, Set<number>>();

  const terms: number[] = [];
  const weights: number[] = [];
  let norm2 = 0;
  for (const [t, c] of qCount) {
    const v = logCount(c) * idf(t);
    if (v <= 0) continue;
    terms.push(t);
    weights.push(v);
    norm2 += v * v;
  }
  if (norm2 === 0) return undefined;
  const adjustedProfiles = new Map<number, Map<number, number>>();
  for (const [code, examples] of hiddenExamples) adjustedProfiles.set(code, withoutExamples(model.profiles[code], examples));
  const hiddenCounts = new Map(hiddenDoc ? hiddenDoc.terms.map((t, i) => [t, hiddenDoc.counts[i]]) : []);
  return { terms, weights, norm: Math.sqrt(norm2), surface, idf, cachedIdf, hiddenDoc, hiddenCodes, hiddenCounts, adjustedProfiles };
}

/** The squared norm of a √count-weighted vector under `idf`. */
function norm2Of(counts: Map<number, number>, idf: (t: number) => number): number {
  let n2 = 0;
  for (const [t, c] of counts) if (c > 0) n2 += c * idf(t) * idf(t);
  return n2;
}

/** Per code: the query's dot products with its profile (P) and learned vector (L); the codes with either. */
interface CodeDots {
  pDot: Float64Array;
  lDot: Float64Array;
  codes: number[];
}

/**
 * Profile (P) and learned (L) dot products, term by term over the codes whose
 * profile or coded quotes hold the term: only non-zero pairs are visited.
 */
function codeDots(model: SuggestModel, q: Query, w: Weights): CodeDots {
  const nProfiles = model.profiles.length;
  const pDot = new Float64Array(nProfiles);
  const lDot = new Float64Array(nProfiles);
  const pc = new Float64Array(nProfiles);
  const qc = new Float64Array(nProfiles);
  const inTerm = new Uint8Array(nProfiles);
  const isCandidate = new Uint8Array(nProfiles);
  const codes: number[] = [];
  const termCodes: number[] = [];
  const touch = (code: number) => {
    if (inTerm[code] === 0) {
      inTerm[code] = 1;
      termCodes.push(code);
    }
  };
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i];
    const f = q.weights[i] * q.idf(t);
    for (const { code, count } of model.profilePostings[t] ?? []) {
      touch(code);
      pc[code] = count;
    }
    for (const [code, counts] of q.adjustedProfiles) {
      touch(code);
      pc[code] = counts.get(t) ?? 0;
    }
    for (const [tag, count] of model.quotePostings(t) ?? []) {
      const code = model.tagCode(tag);
      if (code < 0) continue;
      touch(code);
      qc[code] += count;
    }
    const h = q.hiddenCounts.get(t);
    if (h) {
      for (const code of q.hiddenCodes) {
        touch(code);
        qc[code] -= h;
      }
    }
    for (const code of termCodes) {
      const p = pc[code];
      const l = p + w.mass * qc[code];
      if (p > 0) pDot[code] += f * Math.sqrt(p);
      if (l > 1e-9) lDot[code] += f * Math.sqrt(l);
      if (isCandidate[code] === 0 && (p > 0 || l > 1e-9)) {
        isCandidate[code] = 1;
        codes.push(code);
      }
      inTerm[code] = 0;
      pc[code] = 0;
      qc[code] = 0;
    }
    termCodes.length = 0;
  }
  return { pDot, lDot, codes };
}

/** Per code: the similarities of its three nearest coded quotes (at code·3), and the nearest quote. */
interface NearQuotes {
  top: Float64Array;
  best: (QuoteDoc | undefined)[];
}

/**
 * The coded quotes near the passage (for the N term and the closest quote). They
 * come in through the query's selective terms: those in at most CANDIDATE_DF of
 * the quotes, or else the rarest term if it is in at most FALLBACK_DF of them; a
 * quote that shares only common words with the passage is no neighbour. Common
 * terms then add their part, document by document over the candidates.
 */
function nearestQuotes(model: SuggestModel, q: Query): NearQuotes {
  const acc = model.docScratch();
  const docs: QuoteDoc[] = [];
  const maxDf = Math.max(MIN_CANDIDATE_DF, CANDIDATE_DF * model.liveDocs);
  let rarest = -1;
  for (let i = 0; i < q.terms.length; i++) {
    if (rarest < 0 || model.dfQuotes[q.terms[i]] < model.dfQuotes[q.terms[rarest]]) rarest = i;
  }
  const selective = (i: number) => model.dfQuotes[q.terms[i]] <= maxDf || (i === rarest && model.dfQuotes[q.terms[i]] <= Math.max(MIN_CANDIDATE_DF, FALLBACK_DF * model.liveDocs));
  const common = new Map<number, number>();
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i];
    const f = q.weights[i] * q.idf(t);
    if (!selective(i)) {
      common.set(t, f);
      continue;
    }
    const { docs: list, counts } = model.docsWith(t);
    for (let j = 0; j < list.length; j++) {
      const d = list[j];
      if (d.dead || d === q.hiddenDoc) continue;
      if (acc[d.id] === 0) docs.push(d);
      acc[d.id] += f * logCount(counts[j]);
    }
  }
  if (common.size > 0) {
    for (const d of docs) {
      for (let i = 0; i < d.terms.length; i++) {
        const f = common.get(d.terms[i]);
        if (f !== undefined) acc[d.id] += f * d.weights[i];
      }
    }
  }
  const nProfiles = model.profiles.length;
  const top = new Float64Array(nProfiles * 3);
  const best: (QuoteDoc | undefined)[] = new Array(nProfiles);
  for (const d of docs) {
    const dot = acc[d.id];
    acc[d.id] = 0;
    const norm = model.docNorm(d, q.cachedIdf);
    if (norm === 0) continue;
    const sim = dot / (q.norm * norm);
    for (const code of model.codeIndexes(d)) {
      const k = code * 3;
      if (sim > top[k] || (sim === top[k] && best[code] !== undefined && earlier(d, best[code]!))) {
        top[k + 2] = top[k + 1];
        top[k + 1] = top[k];
        top[k] = sim;
        best[code] = d;
      } else if (sim > top[k + 1]) {
        top[k + 2] = top[k + 1];
        top[k + 1] = sim;
      } else if (sim > top[k + 2]) top[k + 2] = sim;
    }
  }
  return { top, best };
}

/**
 * The leading candidates, best first (a bounded insertion: no sort of every code),
 * each scored with its prior: how often the code is used (without the hidden span).
 * Right after a change, norms are taken as they were (IDF drift only) to find a
 * shortlist, which is then rescored with exact norms.
 */
function leadingCandidates(model: SuggestModel, q: Query, dots: CodeDots, near: NearQuotes, w: Weights, skipIds: Iterable<string> | undefined, limit: number): Scored[] {
  const counts = model.codeCounts();
  let maxCount = 0;
  for (const c of counts) if (c > maxCount) maxCount = c;
  const logMax = Math.log(1 + maxCount);
  const prior = (code: number) => {
    const f = counts[code] - (q.hiddenCodes.has(code) ? 1 : 0);
    return f > 0 ? Math.log(1 + f) / logMax : 0;
  };
  const skip = new Set(skipIds ?? []);
  const headSize = Math.max(limit * 4, 12);
  const version = model.changeVersion;
  const cachedIdf = (t: number) => q.cachedIdf[t];
  const scoreOf = (code: number, exact: boolean): Scored => {
    const norms = model.codeNorms(code, exact);
    const adjusted = q.adjustedProfiles.get(code);
    const profileNorm2 = adjusted ? norm2Of(adjusted, q.idf) : norms.profileNorm2;
    // The hidden quote leaves the code's quote vector under the same IDF as the cached norm.
    const quotesNorm2 = q.hiddenCodes.has(code) ? Math.max(0, norms.quotesNorm2 - norm2Of(q.hiddenCounts, cachedIdf)) : norms.quotesNorm2;
    const learnedNorm2 = profileNorm2 + w.mass * quotesNorm2;
    const p = profileNorm2 > 0 ? dots.pDot[code] / (q.norm * Math.sqrt(profileNorm2)) : 0;
    const l = learnedNorm2 > 0 ? dots.lDot[code] / (q.norm * Math.sqrt(learnedNorm2)) : 0;
    const k = code * 3;
    const n = near.top[k] + w.decay * near.top[k + 1] + w.decay * w.decay * near.top[k + 2];
    return { code, p, l, score: w.profile * p + w.learned * l + w.neighbours * n + w.prior * prior(code), exact: norms.version === version };
  };
  let head = bestOf(
    dots.codes.filter((code) => !(skip.size > 0 && skip.has(model.profiles[code].id))),
    (code) => scoreOf(code, false),
    headSize + SHORTLIST_MARGIN,
  );
  if (head.some((c) => !c.exact)) head = bestOf(head.map((c) => c.code), (code) => scoreOf(code, true), headSize + SHORTLIST_MARGIN);
  head.length = Math.min(head.length, headSize);
  return head;
}

/** The exclude criteria only matter near the top: applied to the leading candidates, which are sorted again. */
function applyExcludes(model: SuggestModel, q: Query, head: Scored[], w: Weights): void {
  for (const c of head) {
    const ex = model.profiles[c.code].exclude;
    if (ex.size === 0) continue;
    let dot = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const x = ex.get(q.terms[i]);
      if (x) dot += q.weights[i] * Math.sqrt(x) * q.idf(q.terms[i]);
    }
    if (dot > 0) c.score -= (w.exclude * dot) / (q.norm * Math.sqrt(norm2Of(ex, q.idf)));
  }
  head.sort((a, b) => b.score - a.score || a.code - b.code);
}

/** A kept candidate as a suggestion: what matched (each query term's part of the learned similarity) and the closest quote. */
function suggestionFor(model: SuggestModel, q: Query, c: Scored, near: NearQuotes, w: Weights): Suggestion {
  const profile = model.profiles[c.code];
  const pCounts = q.adjustedProfiles.get(c.code) ?? profile.all;
  const quotes = model.quoteCounts(c.code);
  const hidden = q.hiddenCodes.has(c.code);
  const parts: { term: number; v: number; codebook: boolean }[] = [];
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i];
    const pn = pCounts.get(t) ?? 0;
    const ln = pn + w.mass * ((quotes.get(t) ?? 0) - (hidden ? (q.hiddenCounts.get(t) ?? 0) : 0));
    if (ln > 1e-9) parts.push({ term: t, v: q.weights[i] * q.idf(t) * Math.sqrt(ln), codebook: pn > 0 });
  }
  parts.sort((a, b) => b.v - a.v);
  const shown = parts.slice(0, 4);
  const terms = shown.map((x) => q.surface.get(x.term)!);
  const codebookTerms = shown.filter((x) => x.codebook).map((x) => q.surface.get(x.term)!);
  const b = near.best[c.code];
  const nearest = b ? { uri: b.uri, path: b.path, line: b.line, quote: b.quote, similarity: near.top[c.code * 3] } : undefined;
  return { id: profile.id, name: profile.name, score: c.score, profile: c.p, learned: c.l, terms, codebookTerms, nearest, why: explain(terms, codebookTerms, nearest) };
}

/** Document order: by path, then position (makes the closest quote deterministic among equals). */
function earlier(a: QuoteDoc, b: QuoteDoc): boolean {
  return a.path < b.path || (a.path === b.path && a.spanIndex < b.spanIndex);
}

/** Higher score first; codebook order breaks ties. */
function better(score: number, code: number, than: Scored): boolean {
  return score > than.score || (score === than.score && code < than.code);
}

interface Scored {
  code: number;
  p: number;
  l: number;
  score: number;
  /** Scored with norms of the current IDF. */
  exact: boolean;
}

/** The `size` best of `codes` by `score`, best first (a bounded insertion). */
function bestOf(codes: number[], score: (code: number) => Scored, size: number): Scored[] {
  const head: Scored[] = [];
  for (const code of codes) {
    const c = score(code);
    if (head.length === size && !better(c.score, c.code, head[size - 1])) continue;
    let at = head.length === size ? size - 1 : head.length;
    while (at > 0 && better(c.score, c.code, head[at - 1])) {
      head[at] = head[at - 1];
      at--;
    }
    head[at] = c;
  }
  return head;
}

function explain(terms: string[], codebookTerms: string[], nearest: NearestQuote | undefined): string {
  const list = (xs: string[]) => xs.map((t) => `“${t}”`).join(', ');
  const fromQuotes = terms.filter((t) => !codebookTerms.includes(t));
  const matched: string[] = [];
  if (codebookTerms.length) matched.push(`${list(codebookTerms)} in the codebook`);
  if (fromQuotes.length) matched.push(`${list(fromQuotes)} in its coded quotes`);
  const parts: string[] = [];
  if (matched.length) parts.push(`matches ${matched.join(' and ')}`);
  if (nearest) parts.push(`closest: “${shorten(nearest.quote, 50)}” (${nearest.path}:${nearest.line})`);
  return parts.join('; ');
}

/** The quote cut to about `max` characters on a word boundary. */
export function shorten(quote: string, max: number): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  if (q.length <= max) return q;
  const cut = q.lastIndexOf(' ', max);
  return q.slice(0, cut > max / 2 ? cut : max) + '…';
}

/** Profiles whose examples occur in a text, with the indexes of those examples. */
function examplesIn(model: SuggestModel, text: string): Map<number, Set<number>> {
  const hay = normalizeQuote(text);
  const out = new Map<number, Set<number>>();
  for (const p of model.profiles) {
    p.examples.forEach((e, i) => {
      if (e.normalized && hay.includes(e.normalized)) {
        let s = out.get(p.index);
        if (!s) out.set(p.index, (s = new Set()));
        s.add(i);
      }
    });
  }
  return out;
}

function withoutExamples(p: CodeProfile, hidden: Set<number>): Map<number, number> {
  const counts = new Map(p.all);
  for (const i of hidden) {
    for (const [t, c] of p.examples[i].counts) {
      const left = (counts.get(t) ?? 0) - c * FIELD_WEIGHTS.example;
      if (left > 1e-9) counts.set(t, left);
      else counts.delete(t);
    }
  }
  return counts;
}
