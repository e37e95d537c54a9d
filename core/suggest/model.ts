import { isValidId } from '../codebook/ids';
import type { Codebook } from '../codebook/types';
import type { Project } from '../project/types';
import { readableQuote } from '../transcript/quoteLimit';
import type { Transcript } from '../transcript/types';
import { analyzer, normalizeLanguage, type Token } from './language';

/**
 * The most quote text the suggestion model learns from in one transcript: the
 * coded spans in file order until their quotes (as quoteLimit.ts reads them) add
 * up to this. An interview of several hours has well under 200,000 characters of
 * quotes; 50,000 nested spans had 4 million, tokenised again on every keystroke.
 */
export const SUGGEST_LEARN_CHARS = 1_000_000;

/**
 * What the suggestion engine learns from a project, kept up to date cheaply:
 *
 * - a profile per applicable code (active, not a category) from the codebook:
 *   name and id, aliases, definition, include criteria and examples, with field
 *   weights, plus a separate vector of its exclude criteria;
 * - a document per coded span (its quote and its codes), with an inverted index
 *   from stems to documents.
 *
 * `sync(project)` compares the codebook and each transcript by identity with what
 * was learned (the project index re-parses a transcript only when its text
 * changes), so a query after an edit re-learns only the edited file. Document
 * frequencies are counted incrementally; IDF is recomputed lazily, once per
 * change, over the profiles and the live quote documents together.
 */

/** Weights of the codebook fields in a code's profile. */
export const FIELD_WEIGHTS = {
  name: 3,
  alias: 3,
  definition: 1,
  include: 1,
  example: 1.5,
  parent: 0.5,
};

/** One coded span as a document. */
export interface QuoteDoc {
  /** Small integer id, reused after the document dies (indexes scratch arrays). */
  id: number;
  uri: string;
  path: string;
  spanIndex: number;
  /** 1-based line of the span's opener. */
  line: number;
  quote: string;
  /** The language its transcript is analysed in. */
  language: string;
  /** Distinct code ids as tagged (resolved against the codebook at query time). */
  codes: string[];
  terms: number[];
  counts: number[];
  /** 1 + ln(count) per term: the document's TF weights. */
  weights: number[];
  dead: boolean;
  /** Vector norm under the IDF of model version `normVersion` (see SuggestModel.docNorm). */
  norm: number;
  normVersion: number;
  /** Profile indexes of its applicable codes, for the profiles it was resolved against. */
  codeIdx: number[];
  codeIdxVersion: number;
}

/** One applicable code's profile. */
export interface CodeProfile {
  id: string;
  index: number;
  name: string;
  /** Weighted term counts of every positive field, examples included… */
  all: Map<number, number>;
  /** …the same as arrays, for fast norms. */
  allTerms: number[];
  allCounts: number[];
  /** Term counts of each example on its own, so evaluation can hide one. */
  examples: { text: string; /** Lower-cased with spaces collapsed, for finding it in quotes. */ normalized: string; counts: Map<number, number> }[];
  /** Weighted term counts of the exclude criteria (without their "(use …)" pointers). */
  exclude: Map<number, number>;
}

/** The summed term counts of the live quotes tagged with one id. */
interface TagVector {
  counts: Map<number, number>;
  /** `counts` as arrays, rebuilt when stale. */
  terms: number[];
  values: number[];
  stale: boolean;
  norm2: number;
  norm2Version: number;
  /** Model version at its last change. */
  changed: number;
}

interface FileDocs {
  transcript: Transcript;
  language: string;
  docs: QuoteDoc[];
}

export class SuggestModel {
  /** Stem → term id. */
  readonly vocab = new Map<string, number>();
  /** Per term id: number of live quote documents holding it. */
  readonly dfQuotes: number[] = [];
  /** Per term id: number of profiles holding it. */
  dfProfiles: number[] = [];
  /** Per term id: quote documents holding it (dead ones are dropped lazily)… */
  readonly postings: QuoteDoc[][] = [];
  /** …and the term's count in each of them, in the same order. */
  readonly postingCounts: number[][] = [];
  private readonly deadIn: number[] = [];
  liveDocs = 0;
  /** Profiles of applicable codes, in codebook order. */
  profiles: CodeProfile[] = [];
  /** Per term id: indexes of profiles holding it, with their weighted count. */
  profilePostings: { code: number; count: number }[][] = [];
  /** Tagged id → the applicable code it counts for (deprecated → replaced_by), or null. */
  resolve = new Map<string, string | null>();
  /** Applicable code id → profile index. */
  profileIndex = new Map<string, number>();
  codebookLanguage = 'en';
  private codebook?: Codebook;
  private readonly files = new Map<string, FileDocs>();
  /** Characters of quotes learned from, per transcript (at most about SUGGEST_LEARN_CHARS). */
  readonly learnedChars = new Map<string, number>();
  /** Bumped on every change; IDF is recomputed when it moves. */
  private version = 0;
  private idfVersion = -1;
  private idfCache: Float64Array = new Float64Array(0);
  /** Distinct live quotes per profile index, kept incrementally. */
  private countsByCode = new Float64Array(0);
  /** Bumped when the profiles are rebuilt. */
  private profilesVersion = 0;
  /** Tagged code id → summed term counts of its live quote documents. */
  private readonly tagged = new Map<string, TagVector>();
  /** Per profile index: the vectors of the tagged ids that count for it (itself, deprecated ids it replaces). */
  private codeTags: TagVector[][] = [];
  private normCache: ({ version: number; quotesNorm2: number; profileNorm2: number } | undefined)[] = [];
  /** Per term id: tag id → the term's summed count in the quotes tagged with that id. */
  private readonly tagPostings: (Map<number, number> | undefined)[] = [];
  /** Tagged code ids as small integers, and the profile each counts for (-1: none). */
  private readonly tagIds = new Map<string, number>();
  private tagToCode: number[] = [];
  private nextId = 0;
  private readonly freeIds: number[] = [];
  private scratchDocs = new Float64Array(0);

  /** Brings the model up to date with a project. Cheap when nothing changed. */
  sync(project: Project): void {
    const cb = project.codebook;
    if (cb !== this.codebook) {
      const lang = normalizeLanguage(cb.language);
      if (lang !== this.codebookLanguage) {
        // Transcripts without their own `language` are analysed in the codebook's.
        for (const uri of [...this.files.keys()]) this.removeFile(uri);
        this.codebookLanguage = lang;
      }
      this.codebook = cb;
      this.buildProfiles(cb);
    }
    for (const [uri, entry] of project.transcripts) {
      const known = this.files.get(uri);
      if (known && known.transcript === entry.transcript) continue;
      if (known) this.removeFile(uri);
      this.addFile(uri, entry.path, entry.transcript);
    }
    if (this.files.size !== project.transcripts.size) {
      for (const uri of [...this.files.keys()]) if (!project.transcripts.has(uri)) this.removeFile(uri);
    }
  }

  /** The language a transcript is analysed in: its front matter's, else the codebook's. */
  languageOf(t: Transcript): string {
    return normalizeLanguage(t.frontMatter?.language ?? this.codebookLanguage);
  }

  /** Term id of a stem, creating it. */
  termId(stem: string): number {
    let id = this.vocab.get(stem);
    if (id === undefined) {
      id = this.vocab.size;
      this.vocab.set(stem, id);
      this.dfQuotes.push(0);
      this.postings.push([]);
      this.postingCounts.push([]);
      this.deadIn.push(0);
    }
    return id;
  }

  /** Term counts of tokens (ids of unknown stems are created). */
  count(tokens: Token[], weight = 1, into = new Map<number, number>()): Map<number, number> {
    for (const t of tokens) {
      const id = this.termId(t.stem);
      into.set(id, (into.get(id) ?? 0) + weight);
    }
    return into;
  }

  /** Inverse document frequency per term id over profiles and live quote documents. */
  idf(): Float64Array {
    if (this.idfVersion !== this.version || this.idfCache.length !== this.vocab.size) {
      const n = this.vocab.size;
      const total = this.profiles.length + this.liveDocs;
      const idf = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        const df = (this.dfQuotes[t] ?? 0) + (this.dfProfiles[t] ?? 0);
        idf[t] = Math.log((total + 1) / (df + 0.5));
      }
      this.idfCache = idf;
      this.idfVersion = this.version;
    }
    return this.idfCache;
  }

  /**
   * Quote documents holding a term and the term's count in each; the caller skips
   * dead documents. Lists are compacted when more than half of them is dead.
   */
  docsWith(term: number): { docs: QuoteDoc[]; counts: number[] } {
    const docs = this.postings[term];
    if (!docs) return { docs: [], counts: [] };
    if (this.deadIn[term] > 0 && this.deadIn[term] * 2 > docs.length) {
      const counts = this.postingCounts[term];
      const keptDocs: QuoteDoc[] = [];
      const keptCounts: number[] = [];
      for (let i = 0; i < docs.length; i++) {
        if (docs[i].dead) continue;
        keptDocs.push(docs[i]);
        keptCounts.push(counts[i]);
      }
      this.postings[term] = keptDocs;
      this.postingCounts[term] = keptCounts;
      this.deadIn[term] = 0;
    }
    return { docs: this.postings[term], counts: this.postingCounts[term] };
  }

  /** Term id of a stem if known. */
  knownTerm(stem: string): number | undefined {
    return this.vocab.get(stem);
  }

  /** The current change counter (norm caches compare against it). */
  get changeVersion(): number {
    return this.version;
  }

  /** A document's vector norm under the current IDF, computed when first needed after a change. */
  docNorm(d: QuoteDoc, idf: Float64Array): number {
    if (d.normVersion !== this.version) {
      let n2 = 0;
      for (let i = 0; i < d.terms.length; i++) {
        const v = d.weights[i] * idf[d.terms[i]];
        n2 += v * v;
      }
      d.norm = Math.sqrt(n2);
      d.normVersion = this.version;
    }
    return d.norm;
  }

  /**
   * Adds (or takes out) a document's counts to the vector of each id it is tagged
   * with. A span tagged with both a deprecated id and its replacement counts twice
   * in that code's quote vector (kept simple: the codebook decides what resolves
   * to what, and such a span already has a diagnostic).
   */
  private addToTagged(d: QuoteDoc, sign: 1 | -1): void {
    for (const id of d.codes) {
      const v = this.tagVector(id);
      v.stale = true;
      v.changed = this.version;
      const m = v.counts;
      for (let i = 0; i < d.terms.length; i++) {
        const t = d.terms[i];
        const left = (m.get(t) ?? 0) + sign * d.counts[i];
        let byTag = this.tagPostings[t];
        if (!byTag) this.tagPostings[t] = byTag = new Map();
        const tagId = this.tagId(id);
        if (left > 0) {
          m.set(t, left);
          byTag.set(tagId, left);
        } else {
          m.delete(t);
          byTag.delete(tagId);
        }
      }
    }
  }

  private tagVector(tag: string): TagVector {
    let v = this.tagged.get(tag);
    if (!v) this.tagged.set(tag, (v = { counts: new Map(), terms: [], values: [], stale: true, norm2: 0, norm2Version: -1, changed: this.version }));
    return v;
  }

  /** Per term id: tag id → the term's summed count in the quotes tagged with that id. */
  quotePostings(term: number): Map<number, number> | undefined {
    return this.tagPostings[term];
  }

  /** Profile index of the applicable code a tag id counts for, or -1. */
  tagCode(tagId: number): number {
    return this.tagToCode[tagId];
  }

  private tagId(tag: string): number {
    let id = this.tagIds.get(tag);
    if (id === undefined) {
      id = this.tagIds.size;
      this.tagIds.set(tag, id);
      const r = this.resolve.get(tag);
      this.tagToCode.push(r ? this.profileIndex.get(r)! : -1);
    }
    return id;
  }

  /**
   * Squared norms of a code's profile vector and of its summed quote vector (every
   * live quote tagged with it, or with a deprecated id it replaces) under the
   * current IDF, cached until the next change. With √count weights a squared norm
   * is linear in the counts, so the parts of a sum add up.
   */
  codeNorms(code: number, exact = true): { quotesNorm2: number; profileNorm2: number; version: number } {
    let c = this.normCache[code];
    // Between changes the norms drift only with the IDF; `exact: false` accepts that
    // drift (the caller rescores its shortlist exactly), not a change of the code's quotes.
    const usable = c && (c.version === this.version || (!exact && this.codeTags[code].every((v) => v.changed < c!.version)));
    if (!usable) {
      const idf = this.idf();
      let quotesNorm2 = 0;
      for (const v of this.codeTags[code]) {
        if (v.norm2Version !== this.version) {
          if (v.stale) {
            v.terms = [...v.counts.keys()];
            v.values = [...v.counts.values()];
            v.stale = false;
          }
          v.norm2 = norm2Of(v.terms, v.values, idf);
          v.norm2Version = this.version;
        }
        quotesNorm2 += v.norm2;
      }
      const p = this.profiles[code];
      c = { version: this.version, quotesNorm2, profileNorm2: norm2Of(p.allTerms, p.allCounts, idf) };
      this.normCache[code] = c;
    }
    return c!;
  }

  /** A code's summed quote counts (for explanations). */
  quoteCounts(code: number): Map<number, number> {
    const out = new Map<number, number>();
    for (const v of this.codeTags[code]) for (const [t, n] of v.counts) out.set(t, (out.get(t) ?? 0) + n);
    return out;
  }

  /** One past the largest document id in use. */
  get docIdLimit(): number {
    return this.nextId;
  }

  /** A zeroed accumulator indexed by document id; callers must zero what they touch. */
  docScratch(): Float64Array {
    if (this.scratchDocs.length < this.nextId) this.scratchDocs = new Float64Array(Math.max(this.nextId, this.scratchDocs.length * 2, 1024));
    return this.scratchDocs;
  }

  /** Profile indexes of a document's applicable codes (cached per codebook). */
  codeIndexes(d: QuoteDoc): number[] {
    if (d.codeIdxVersion !== this.profilesVersion) {
      d.codeIdx = this.resolvedCodes(d).map((id) => this.profileIndex.get(id)!);
      d.codeIdxVersion = this.profilesVersion;
    }
    return d.codeIdx;
  }

  /** Distinct spans per applicable code, counted once per change. */
  frequencies(): Map<string, number> {
    const counts = this.codeCounts();
    const freq = new Map<string, number>();
    counts.forEach((n, code) => {
      if (n > 0) freq.set(this.profiles[code].id, n);
    });
    return freq;
  }

  /** Distinct spans per profile index (deprecated tags count for their replacement). */
  codeCounts(): Float64Array {
    return this.countsByCode;
  }

  /** The applicable codes a document counts for. */
  resolvedCodes(d: QuoteDoc): string[] {
    const out: string[] = [];
    for (const id of d.codes) {
      const r = this.resolve.get(id);
      if (r && !out.includes(r)) out.push(r);
    }
    return out;
  }

  /** The live document of a coded span, if it has one. */
  doc(uri: string, spanIndex: number): QuoteDoc | undefined {
    return this.files.get(uri)?.docs.find((d) => d.spanIndex === spanIndex);
  }

  /** Every live quote document, file by file in path order (for evaluation). */
  allDocs(): QuoteDoc[] {
    const files = [...this.files.values()].filter((f) => f.docs.length > 0);
    files.sort((a, b) => (a.docs[0].path < b.docs[0].path ? -1 : 1));
    return files.flatMap((f) => f.docs);
  }

  private addFile(uri: string, path: string, t: Transcript): void {
    const language = this.languageOf(t);
    const an = analyzer(language);
    const docs: QuoteDoc[] = [];
    let read = 0;
    for (const span of t.spans) {
      // A bound on the work per transcript (and so per keystroke in it), far above any interview's quotes.
      if (read >= SUGGEST_LEARN_CHARS) break;
      const codes: string[] = [];
      for (const b of span.blocks) for (const r of b.codes) if (!codes.includes(r.id)) codes.push(r.id);
      if (codes.length === 0 || span.quote === '') continue;
      // As far as quoteLimit.ts allows: deeply nested spans each quote most of the file.
      const text = readableQuote(t, span);
      read += text.length;
      const counts = this.count(an.tokens(text));
      if (counts.size === 0) continue;
      docs.push({
        uri,
        path,
        spanIndex: span.index,
        line: t.lines.positionAt(span.open.start).line + 1,
        quote: span.quote,
        language,
        codes,
        terms: [...counts.keys()],
        counts: [...counts.values()],
        weights: [...counts.values()].map((c) => 1 + Math.log(c)),
        dead: false,
        norm: 0,
        normVersion: -1,
        codeIdx: [],
        codeIdxVersion: -1,
        id: this.freeIds.pop() ?? this.nextId++,
      });
    }
    for (const d of docs) {
      for (let i = 0; i < d.terms.length; i++) {
        const term = d.terms[i];
        this.dfQuotes[term]++;
        this.postings[term].push(d);
        this.postingCounts[term].push(d.counts[i]);
      }
      this.addToTagged(d, 1);
      for (const code of this.codeIndexes(d)) this.countsByCode[code]++;
    }
    this.liveDocs += docs.length;
    this.files.set(uri, { transcript: t, language, docs });
    this.learnedChars.set(uri, read);
    this.version++;
  }

  private removeFile(uri: string): void {
    const f = this.files.get(uri);
    if (!f) return;
    for (const d of f.docs) {
      d.dead = true;
      this.freeIds.push(d.id);
      this.addToTagged(d, -1);
      for (const code of this.codeIndexes(d)) this.countsByCode[code]--;
      for (const term of d.terms) {
        this.dfQuotes[term]--;
        this.deadIn[term]++;
      }
    }
    this.liveDocs -= f.docs.length;
    this.files.delete(uri);
    this.learnedChars.delete(uri);
    this.version++;
  }

  private buildProfiles(cb: Codebook): void {
    const an = analyzer(this.codebookLanguage);
    const tok = (s: string | undefined) => (s ? an.tokens(s) : []);
    this.resolve = new Map();
    this.profileIndex = new Map();
    const profiles: CodeProfile[] = [];
    for (const code of cb.codes.values()) {
      // Only codes that can be applied, under an id that can be written as a tag.
      if (code.kind !== 'code' || code.status !== 'active' || !isValidId(code.id)) continue;
      const all = new Map<number, number>();
      // The name and the id usually say the same: count each stem once from both.
      const naming = new Map<string, Token>();
      for (const t of [...tok(code.name), ...tok(code.id.replace(/[-_.]/g, ' '))]) naming.set(t.stem, t);
      this.count([...naming.values()], FIELD_WEIGHTS.name, all);
      for (const a of code.aliases) this.count(tok(a), FIELD_WEIGHTS.alias, all);
      this.count(tok(code.definition), FIELD_WEIGHTS.definition, all);
      for (const s of code.include) this.count(tok(s), FIELD_WEIGHTS.include, all);
      const examples = code.examples.map((e) => ({ text: e.value, normalized: normalizeQuote(e.value), counts: this.count(tok(e.value)) }));
      for (const e of examples) for (const [t, c] of e.counts) all.set(t, (all.get(t) ?? 0) + c * FIELD_WEIGHTS.example);
      const parent = code.parent ? cb.codes.get(code.parent.value) : undefined;
      if (parent) this.count(tok(parent.name), FIELD_WEIGHTS.parent, all);
      const exclude = new Map<number, number>();
      for (const s of code.exclude) this.count(tok(s.replace(/\((?:use|see|code)\b[^)]*\)/gi, ' ')), 1, exclude);
      this.profileIndex.set(code.id, profiles.length);
      profiles.push({ id: code.id, index: profiles.length, name: code.name, all, allTerms: [...all.keys()], allCounts: [...all.values()], examples, exclude });
    }
    for (const code of cb.codes.values()) {
      if (this.profileIndex.has(code.id)) this.resolve.set(code.id, code.id);
      else if (code.status === 'deprecated' && code.replacedBy && this.profileIndex.has(code.replacedBy.value)) {
        this.resolve.set(code.id, code.replacedBy.value);
      } else this.resolve.set(code.id, null);
    }
    this.profiles = profiles;
    const df: number[] = new Array(this.vocab.size).fill(0);
    const postings: { code: number; count: number }[][] = [];
    for (const p of profiles) {
      for (const [t, c] of p.all) {
        df[t] = (df[t] ?? 0) + 1;
        (postings[t] ??= []).push({ code: p.index, count: c });
      }
    }
    this.dfProfiles = df;
    this.profilePostings = postings;
    this.profilesVersion++;
    this.normCache = [];
    this.tagToCode = [];
    for (const tag of this.tagIds.keys()) {
      const r = this.resolve.get(tag);
      this.tagToCode.push(r ? this.profileIndex.get(r)! : -1);
    }
    this.codeTags = profiles.map(() => []);
    for (const [tag, id] of this.resolve) if (id) this.codeTags[this.profileIndex.get(id)!].push(this.tagVector(tag));
    this.countsByCode = new Float64Array(profiles.length);
    for (const f of this.files.values()) for (const d of f.docs) for (const code of this.codeIndexes(d)) this.countsByCode[code]++;
    this.version++;
  }
}

/** Lower-cased, whitespace collapsed and trimmed: how examples are found in quotes. */
export function normalizeQuote(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Squared norm of a √count-weighted vector: Σ count × idf². */
function norm2Of(terms: number[], counts: number[], idf: Float64Array): number {
  let n2 = 0;
  for (let i = 0; i < terms.length; i++) {
    const w = idf[terms[i]];
    n2 += counts[i] * w * w;
  }
  return n2;
}
