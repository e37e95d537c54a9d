/**
 * Fuzz cases: a seed becomes a project input (the example's codebook and one of
 * its transcripts, mutated), a chain of small edits for the incremental re-parse,
 * and probe points for the editor features. Everything derives from the seed.
 */
import { MUTATORS, pickMutator, type FuzzInput } from './mutators';
import { Rng } from './random';
import { seedCorpus } from './seeds';

/** An edit as fractions of the text length, so it still applies after the input shrinks. */
export interface FracEdit {
  at: number;
  remove: number;
  insert: string;
}

/** One reproducible fuzz case. */
export interface FuzzCase {
  seed: number;
  mutations: string[];
  input: FuzzInput;
  /** Applied one after another to the transcript (each re-parse consumes the previous). */
  edits: FracEdit[];
  /** Offsets (fractions) where hover, completion and the like are asked, and ranges (pairs) for coding. */
  probes: number[];
}

/** Mutations that make inputs of megabytes or deep structures: at most one per case. */
export const BIG_MUTATIONS = new Set(['long-line', 'closer-run', 'deep-nesting', 'many-spans', 'many-turns', 'codebook-deep-nesting']);

const EDIT_TEXTS = ['', '{{', '}}', '}}{#trust}', '{#', '}', '{', '\n', '\r', '\r\n', '---\n', '---', 'P: ', 'I: ', '^a ', 'word', '"', '\\', '#', '@CA', ' ', '😀', '\0', '{{^a x}}{^a #roles}'];

/** The case of a seed. `scale` sizes the big mutations (1 = full size: 10 MB lines, 100,000 spans). */
export function generateCase(seed: number, scale: number): FuzzCase {
  const r = new Rng(seed);
  const corpus = seedCorpus();
  let input: FuzzInput = { codebook: corpus.codebook, transcript: r.pick(corpus.transcripts).text };
  const mutations: string[] = [];
  const count = r.pick([1, 1, 2, 2, 3, 4]);
  let big = false;
  for (let k = 0; k < count; k++) {
    let m = pickMutator(r);
    if (BIG_MUTATIONS.has(m.name)) {
      if (big) m = pickMutator(r, MUTATORS.filter((x) => !BIG_MUTATIONS.has(x.name)));
      else big = true;
    }
    input = m.apply(input, r, scale);
    mutations.push(m.name);
  }
  const edits: FracEdit[] = [];
  const nEdits = r.range(1, 4);
  for (let k = 0; k < nEdits; k++) edits.push({ at: r.next(), remove: r.chance(0.5) ? r.range(0, 6) : 0, insert: r.pick(EDIT_TEXTS) });
  const probes: number[] = [];
  for (let k = 0; k < 8; k++) probes.push(r.next());
  return { seed, mutations, input, edits, probes };
}

/** The offset a fraction stands for in a text of `length`. */
export function at(frac: number, length: number): number {
  return Math.min(length, Math.floor(frac * (length + 1)));
}

/** The texts the edit chain produces, in order. */
export function editedTexts(text: string, edits: FracEdit[]): string[] {
  const out: string[] = [];
  for (const e of edits) {
    const start = at(e.at, text.length);
    text = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
    out.push(text);
  }
  return out;
}
