/**
 * Generated corpora of realistic size for benchmarks: interview-like transcripts
 * with speaker turns, a coded span every few lines (some nested, some with two
 * coders and memos), and a codebook of categories and codes.
 */

const WORDS = (
  'I think the therapist was really there for me and we talked about what happened at home ' +
  'she knew what she was doing and I trusted her because she listened without judging ' +
  'sometimes I did not want to come but the sessions helped me understand my feelings ' +
  'at the end it was hard to say goodbye we had built something together over the months'
).split(' ');

/** A small deterministic PRNG so every run measures the same corpus. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(r: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]);
  return out.join(' ');
}

/** A codebook with `categories` categories of `perCategory` codes each. */
export function generateCodebook(categories: number, perCategory: number): { yaml: string; codes: string[] } {
  const lines = ['version: 1', 'title: Generated study', 'language: en', 'coders:', '  CA: Coder A', '  LN: Coder B', 'codes:'];
  const codes: string[] = [];
  for (let c = 0; c < categories; c++) {
    lines.push(`  category-${c}:`, '    kind: category', `    name: Category ${c}`, `    definition: A generated category number ${c}.`);
    for (let k = 0; k < perCategory; k++) {
      const id = `code-${c}-${k}`;
      codes.push(id);
      lines.push(
        `  ${id}:`,
        `    parent: category-${c}`,
        `    name: Code ${c}.${k}`,
        `    definition: The participant talks about topic ${c}.${k} in their own words.`,
        '    include:',
        `      - Mentions of topic ${c}.${k}.`,
        `    aliases: [alias-${c}-${k}]`,
      );
    }
  }
  return { yaml: lines.join('\n') + '\n', codes };
}

/** A transcript of about `lines` lines with a coded span every `every` lines. */
export function generateTranscript(lines: number, codes: string[], seed = 1, every = 3): string {
  const r = rng(seed);
  const out = ['---', `case: ${seed}`, 'participant: patient', 'coder: CA', 'speakers:', '  I: Interviewer', '  P: Patient', '---'];
  for (let i = 0; out.length < lines; i++) {
    if (i % 4 === 0) {
      out.push(`I: ${sentence(r, 8)}?`);
      continue;
    }
    const prefix = i % 4 === 1 ? 'P: ' : '';
    if (i % every === 0) {
      const a = codes[Math.floor(r() * codes.length)];
      const b = codes[Math.floor(r() * codes.length)];
      if (r() < 0.2) {
        out.push(`${prefix}${sentence(r, 4)} {{${sentence(r, 5)} {{${sentence(r, 3)}}}{#${a}} ${sentence(r, 4)}}}{#${b} @LN "memo ${i}"} ${sentence(r, 3)}`);
      } else if (r() < 0.2) {
        out.push(`${prefix}{{${sentence(r, 10)}}}{#${a} @CA}{#${b} @LN} ${sentence(r, 4)}`);
      } else {
        out.push(`${prefix}${sentence(r, 3)} {{${sentence(r, 9)}}}{#${a}} ${sentence(r, 3)}`);
      }
    } else {
      out.push(`${prefix}${sentence(r, 14)}`);
    }
  }
  return out.join('\n') + '\n';
}
