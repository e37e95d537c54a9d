/**
 * Seeded randomness for tests that drive the server: a replayable PRNG, and
 * edits made of coding markup, speaker labels, line breaks and words.
 */

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles in place, with the given PRNG. */
export function shuffle<T>(xs: T[], rnd: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}

const TRANSCRIPT_SNIPPETS = ['{{', '}}', '{#trust}', '{#expertise}', '{#nope}', '{#old-trust @CA}', '{#trust @ZZ}', '{{^a ', '}}{^a #trust}', '\n', '\r\n', 'P: ', 'I: ', 'she said ', '"', '}', '{', '\\', '', '---\n', 'é😀'];
const CODEBOOK_SNIPPETS = ['  ', '\n', 'codes:', '  trust:\n', '    parent: nowhere\n', 'status: deprecated', '[', ']', ':', '#', 'x', ''];

/** Text to insert: coding markup, speaker labels, line breaks and words. */
export function snippet(rnd: () => number, yaml: boolean): string {
  const pool = yaml ? CODEBOOK_SNIPPETS : TRANSCRIPT_SNIPPETS;
  return pool[Math.floor(rnd() * pool.length)];
}

/** The text with a few random insertions and deletions. */
export function mutate(text: string, rnd: () => number, yaml: boolean): string {
  let out = text;
  for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n; i++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const cut = rnd() < 0.3 ? Math.floor(rnd() * 10) : 0;
    out = out.slice(0, at) + snippet(rnd, yaml) + out.slice(at + cut);
  }
  return out;
}

/** Rejects with `message` when `p` has not settled after `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
