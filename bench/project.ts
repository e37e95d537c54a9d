/**
 * Generated projects of realistic shape for the benchmark suite: interview
 * transcripts in English and Spanish (accents, now and then an emoji) made of
 * speaker turns, about a fifth of the turns coded (some spans nested, some across
 * lines, some crossing with `^labels`, some with memos), two coders on a fifth of
 * the files, and a three-level codebook (themes, categories, codes) of 200 to
 * 5,000 codes whose use is skewed the way real coding is (a few codes carry most
 * quotes). Deterministic from a seed: the same options always write the same bytes,
 * and each file depends only on the seed and its own number, so files are generated
 * one at a time (a 3,000-transcript, 150 MB project never sits in memory).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { rng } from './corpus';

/** What to generate. */
export interface ProjectOptions {
  /** Number of transcripts. */
  transcripts: number;
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Applicable codes in the codebook, 200 to 5,000 in realistic projects (default 500). */
  codes?: number;
  /** Mean speaker turns per transcript (default 360: about 50 kB a transcript). */
  turns?: number;
}

/** What was written. */
export interface ProjectSummary {
  transcripts: number;
  /** Bytes of every transcript and the codebook. */
  bytes: number;
  codes: number;
  turns: number;
  codedTurns: number;
  spans: number;
  /** Transcripts coded by two coders. */
  doubleCoded: number;
  /** Relative paths of the transcripts, in order. */
  files: string[];
}

const EN = (
  'I think the therapist was really there for me and we talked about what happened at home ' +
  'she knew what she was doing and I trusted her because she listened without judging ' +
  'sometimes I did not want to come but the sessions helped me understand my feelings ' +
  'at the end it was hard to say goodbye we had built something together over the months ' +
  'my mother worried about money and my father was working night shifts most of the year ' +
  'school was difficult after we moved to the city and I missed my friends and my grandmother'
).split(' ');

const ES = (
  'yo creo que la terapeuta estaba ahí para mí y hablábamos de lo que pasó en la casa ' +
  'ella sabía lo que hacía y le tenía confianza porque me escuchaba sin juzgar nunca ' +
  'a veces no quería venir pero las sesiones me ayudaron a entender qué sentía y por qué ' +
  'al final fue difícil despedirse habíamos construido una relación durante varios años ' +
  'mi mamá se preocupaba por el dinero y mi papá trabajaba de noche casi todo el año así ' +
  'el colegio fue más difícil después de la mudanza y extrañaba a mis amigos y a mi abuela también ' +
  'el corazón me latía rápido en la sesión y después me sentía más tranquilo con él'
).split(' ');

const QUESTIONS_EN = ['How did that feel', 'What happened next', 'Can you tell me more about that', 'Who was with you then', 'Why do you think so', 'What helped you most'];
const QUESTIONS_ES = ['¿Cómo te sentiste', '¿Qué pasó después', '¿Me puedes contar más sobre eso', '¿Quién estaba contigo', '¿Por qué crees eso', '¿Qué te ayudó más'];
const EMOJI = ['😊', '🙏', '😢', '❤️', '👍', '😅'];
const THEME_WORDS = ['relación', 'trust', 'familia', 'school', 'trabajo', 'health', 'ánimo', 'money', 'migración', 'identity', 'cuerpo', 'faith'];

/** The codebook: `codes` applicable codes under themes and categories (10 codes a category, 5 categories a theme). */
export function generateProjectCodebook(codes: number, seed = 1): { yaml: string; codes: string[] } {
  const r = rng(seed * 7919 + 13);
  const lines = ['version: 1', 'title: Generated study of realistic shape', 'language: en', 'coders:', '  CA: Carolina Altimir', '  LN: Lucía Núñez', '  MR: Mateo Ríos', 'codes:'];
  const ids: string[] = [];
  const perCategory = 10;
  const perTheme = 5;
  const categories = Math.ceil(codes / perCategory);
  for (let c = 0; c < categories; c++) {
    const t = Math.floor(c / perTheme);
    const word = THEME_WORDS[t % THEME_WORDS.length];
    if (c % perTheme === 0) {
      lines.push(`  theme-${t}:`, '    kind: category', `    name: ${cap(word)} ${t}`, `    definition: Everything participants say about ${word}, theme ${t}.`);
    }
    lines.push(`  cat-${c}:`, '    kind: category', `    parent: theme-${t}`, `    name: ${cap(word)}, aspect ${c}`, `    definition: One aspect of ${word}.`);
    for (let k = 0; k < perCategory && ids.length < codes; k++) {
      // Some ids use Unicode letters, as Spanish codebooks do.
      const id = (ids.length % 7 === 3 ? `relación-${c}-${k}` : `${word.normalize('NFD').replace(/\p{M}/gu, '')}-${c}-${k}`).toLowerCase();
      ids.push(id);
      lines.push(`  ${id}:`, `    parent: cat-${c}`, `    name: ${cap(word)} ${c}.${k}`, `    definition: The participant describes ${word} in the sense ${c}.${k}, in their own words.`);
      if (r() < 0.5) lines.push('    include:', `      - Mentions of ${word} ${c}.${k}.`);
      if (r() < 0.3) lines.push('    exclude:', `      - Talk of ${word} in general (use the category's other codes).`);
      if (r() < 0.3) lines.push(`    aliases: [alias-${c}-${k}]`);
      if (k === 0) lines.push(`    color: "#${Math.floor(r() * 0xffffff).toString(16).padStart(6, '0')}"`);
    }
  }
  // A few retired codes, as long-running projects have.
  for (let d = 0; d < 3; d++) lines.push(`  old-code-${d}:`, '    status: deprecated', `    replaced_by: ${ids[d]}`);
  return { yaml: lines.join('\n') + '\n', codes: ids };
}

/** One transcript, from the seed and its number alone. */
export function generateProjectTranscript(n: number, codes: string[], opts: { seed?: number; turns?: number } = {}): { text: string; turns: number; codedTurns: number; spans: number; doubleCoded: boolean } {
  const r = rng(((opts.seed ?? 1) * 1_000_003 + n * 7_919) >>> 0);
  // A few burn-in draws: neighbouring seeds of this LCG start close together.
  for (let i = 0; i < 5; i++) r();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const spanish = r() < 0.4;
  const words = spanish ? ES : EN;
  const doubleCoded = n % 5 === 0;
  const meanTurns = opts.turns ?? 360;
  const turns = Math.max(4, Math.round(meanTurns * (0.5 + r())));
  // Skewed use: a case dwells on a few regions of the codebook; a few codes carry most quotes.
  const focus = [0, 1, 2].map(() => Math.floor(r() * codes.length));
  const code = () => {
    if (r() < 0.15) return codes[Math.floor(r() * r() * codes.length)];
    const near = pick(focus) + Math.floor(r() * r() * 30);
    return codes[near % codes.length];
  };
  const sentence = (k: number) => {
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(pick(words));
    let s = out.join(' ');
    s = s.charAt(0).toUpperCase() + s.slice(1) + (r() < 0.1 ? '…' : '.');
    if (r() < 0.03) s += ' ' + pick(EMOJI);
    return s;
  };
  const out = [
    '---',
    `case: case-${String(n).padStart(4, '0')}`,
    `participant: ${pick(['patient', 'mother', 'father', 'therapist'])}`,
    `date: 2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    `language: ${spanish ? 'es' : 'en'}`,
    'coder: CA',
    'speakers:',
    '  I: Interviewer',
    '  P: Participant',
    'attributes:',
    `  age: ${18 + Math.floor(r() * 60)}`,
    `  site: ${pick(['Santiago', 'Valparaíso', 'London', 'Mérida'])}`,
    '---',
  ];
  let codedTurns = 0;
  let spans = 0;
  let label = 0;
  // The blocks that close a span: one coder, or on double-coded files a second one who mostly agrees.
  const blocks = (a: string, memo = false) => {
    const m = memo ? ` "${spanish ? 'nota: ' : 'note: '}${sentence(4).slice(0, -1)}"` : '';
    if (!doubleCoded) return `{#${a}${m}}`;
    if (r() < 0.1) return `{#${a} @CA${m}}`; // only one coder saw it
    const b = r() < 0.7 ? a : code();
    return `{#${a} @CA${m}}{#${b} @LN}`;
  };
  for (let t = 0; t < turns; t++) {
    if (t % 2 === 0) {
      out.push(`I: ${pick(spanish ? QUESTIONS_ES : QUESTIONS_EN)}${r() < 0.5 ? '' : ', ' + pick(words)}?`);
      continue;
    }
    const parts = [sentence(6 + Math.floor(r() * 10)), sentence(8 + Math.floor(r() * 12)), sentence(5 + Math.floor(r() * 10))];
    if (r() < 0.5) parts.push(sentence(10 + Math.floor(r() * 14)));
    if (r() < 0.4) {
      // About a fifth of all turns (two fifths of the answers) are coded.
      codedTurns++;
      const shape = r();
      if (shape < 0.6) {
        const i = Math.floor(r() * parts.length);
        parts[i] = `{{${parts[i]}}}${blocks(code(), r() < 0.05)}`;
        spans++;
      } else if (shape < 0.78) {
        // Nested: a code on the turn's core, another on part of it.
        parts[0] = `{{${parts[0]} {{${parts[1]}}}${blocks(code())}`;
        parts[1] = '';
        parts[2] = `${parts[2]}}}${blocks(code())}`;
        spans += 2;
      } else if (shape < 0.9) {
        // Crossing spans, which need labels.
        const a = `s${label++}`;
        const b = `s${label++}`;
        parts[0] = `{{^${a} ${parts[0]} {{^${b} ${parts[1]}}}{^${a} #${code()}}`;
        parts[1] = '';
        parts[2] = `${parts[2]}}}{^${b} #${code()}}`;
        spans += 2;
      } else {
        // A span across a line break: an answer of two paragraphs.
        parts[0] = `{{${parts[0]}\n${parts[1]}}}${blocks(code())}`;
        parts[1] = '';
        spans++;
      }
    }
    out.push(`P: ${parts.filter((p) => p !== '').join(' ')}`);
  }
  return { text: out.join('\n') + '\n', turns, codedTurns, spans, doubleCoded };
}

/** Writes a project (codebook.yaml and transcripts/case-NNNN.md) into `dir`, file by file. */
export function writeProject(dir: string, opts: ProjectOptions): ProjectSummary {
  const seed = opts.seed ?? 1;
  const { yaml, codes } = generateProjectCodebook(opts.codes ?? 500, seed);
  mkdirSync(path.join(dir, 'transcripts'), { recursive: true });
  writeFileSync(path.join(dir, 'codebook.yaml'), yaml);
  const summary: ProjectSummary = { transcripts: opts.transcripts, bytes: Buffer.byteLength(yaml), codes: codes.length, turns: 0, codedTurns: 0, spans: 0, doubleCoded: 0, files: [] };
  for (let n = 0; n < opts.transcripts; n++) {
    const t = generateProjectTranscript(n, codes, { seed, turns: opts.turns });
    const rel = `transcripts/case-${String(n).padStart(4, '0')}.md`;
    writeFileSync(path.join(dir, rel), t.text);
    summary.files.push(rel);
    summary.bytes += Buffer.byteLength(t.text);
    summary.turns += t.turns;
    summary.codedTurns += t.codedTurns;
    summary.spans += t.spans;
    if (t.doubleCoded) summary.doubleCoded++;
  }
  return summary;
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
