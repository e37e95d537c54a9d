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

/**
 * Content words for topical corpora: everyday interview vocabulary. Codes draw
 * their topic words from it, so codes share words the way real codes do.
 */
const CONTENT = (
  'school teacher homework exam grades class friends bullying lonely recess ' +
  'mother father sister brother grandmother family parents divorce wedding baby ' +
  'money debt rent salary bills savings loan budget expensive cheap ' +
  'job boss colleague office shift overtime contract promotion fired unemployed ' +
  'doctor nurse hospital clinic medicine pills dose prescription diagnosis symptoms ' +
  'sleep insomnia nightmares tired exhausted energy morning night rest dreams ' +
  'anxiety panic fear worry nervous calm relaxed breathing heart chest ' +
  'sadness crying tears grief loss funeral death memory missing mourning ' +
  'anger fight shouting argument conflict blame guilt shame regret apology ' +
  'trust honest secret lie betrayal loyalty promise respect safety protection ' +
  'house home kitchen garden street neighbourhood city village move travel ' +
  'food eating weight diet cooking hunger meals appetite body exercise ' +
  'drinking alcohol drugs smoking addiction relapse craving withdrawal sober meetings ' +
  'church faith prayer god belief spiritual hope meaning purpose future ' +
  'phone messages email letters calls contact visit distance absence waiting ' +
  'session appointment therapist psychologist psychiatrist counselling group programme waitlist referral ' +
  'talking listening silence words understanding explaining questions answers advice support ' +
  'change progress improvement setback goal plan steps effort practice routine ' +
  'children son daughter pregnancy birth raising discipline toys playing bedtime ' +
  'partner husband wife boyfriend girlfriend marriage jealousy affection intimacy love ' +
  'police court lawyer judge prison custody violence threat danger escape ' +
  'internet computer games television music reading books drawing painting hobby ' +
  'rules freedom control choice decision responsibility independence dependence autonomy permission ' +
  'pain injury accident surgery recovery disability wheelchair chronic fatigue treatment ' +
  'culture language migration country border documents citizenship racism belonging identity ' +
  'weekend holiday birthday christmas celebration party gift surprise tradition ritual ' +
  'car bus train driving license commute traffic walking bicycle ticket ' +
  'stress pressure deadline workload burnout balance boundaries overwhelmed coping strategies ' +
  'confidence selfesteem mirror appearance clothes hair looks compliments criticism comparison ' +
  'neighbours community volunteers charity welfare benefits housing shelter homeless hostel'
).split(' ');

/** Words of spoken filler that carry no topic. */
const FILLER = (
  'I you we they it was is and but so then like just really very quite maybe ' +
  'think know mean said told felt feel thing things something always never sometimes ' +
  'there here that this what when because about with for from into all more much ' +
  'good bad little big first last other same time times day days year years way'
).split(' ');

export interface TopicalProject {
  codebook: string;
  /** Applicable codes, in codebook order. */
  codes: string[];
  transcripts: { path: string; text: string }[];
  spans: number;
}

interface TopicCode {
  id: string;
  category: number;
  /** Words the codebook uses for the code, most typical first. */
  topic: string[];
  /** Words participants use for it that the codebook never mentions. */
  colloquial: string[];
  example: string;
}

/**
 * A project with realistic structure for evaluating suggestions: each code has
 * topic words (some in its codebook entry, some only in what participants say),
 * its category shares words across its codes, codes reuse words of other codes,
 * and passages mix topic words with filler and noise. Each transcript (a case)
 * dwells on a few categories. Deterministic for a seed.
 */
export function generateTopicalProject(opts: { categories: number; perCategory: number; transcripts: number; turns: number; seed?: number }): TopicalProject {
  const r = rng(opts.seed ?? 42);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const distinct = (n: number, from: string[], avoid: Set<string> = new Set()) => {
    const out: string[] = [];
    while (out.length < n) {
      const w = pick(from);
      if (!out.includes(w) && !avoid.has(w)) out.push(w);
    }
    return out;
  };
  const catWords: string[][] = [];
  const codes: TopicCode[] = [];
  const lines = ['version: 1', 'title: Generated topical study', 'language: en', 'coders:', '  CA: Coder A', '  LN: Coder B', 'codes:'];
  for (let c = 0; c < opts.categories; c++) {
    const cw = distinct(3, CONTENT);
    catWords.push(cw);
    lines.push(`  category-${c}:`, '    kind: category', `    name: ${cap(cw[0])} and ${cw[1]}`, `    definition: Experiences of ${cw[0]}, ${cw[1]} and ${cw[2]}.`);
    for (let k = 0; k < opts.perCategory; k++) {
      const topic = distinct(6, CONTENT, new Set(cw));
      const colloquial = distinct(3, CONTENT, new Set([...cw, ...topic]));
      const id = `${topic[0]}-${topic[1]}-${c}-${k}`;
      const code: TopicCode = { id, category: c, topic, colloquial, example: '' };
      code.example = passage(r, code, cw, 7);
      codes.push(code);
      lines.push(
        `  ${id}:`,
        `    parent: category-${c}`,
        `    name: ${cap(topic[0])} and ${topic[1]}`,
        `    definition: The participant talks about ${topic[0]}, ${topic[2]} or ${topic[3]}, in relation to ${cw[0]}.`,
        '    include:',
        `      - Mentions of ${topic[4]} or ${topic[1]}.`,
        '    exclude:',
        `      - Talk of ${cw[1]} alone (use the category's other codes).`,
        `    examples:`,
        `      - "${code.example}"`,
        `    aliases: [${topic[5]}]`,
      );
    }
  }
  const byCategory = (c: number) => codes.slice(c * opts.perCategory, (c + 1) * opts.perCategory);
  const transcripts: { path: string; text: string }[] = [];
  const used = new Set<string>();
  let spans = 0;
  for (let n = 0; n < opts.transcripts; n++) {
    const focus = [0, 1, 2].map(() => Math.floor(r() * opts.categories));
    const out = ['---', `case: case-${n}`, 'participant: patient', 'coder: CA', 'speakers:', '  I: Interviewer', '  P: Participant', '---'];
    for (let i = 0; i < opts.turns; i++) {
      const cat = pick(focus);
      const code = pick(byCategory(cat));
      if (i % 2 === 0) {
        out.push(`I: ${sentence(r, 6)} ${pick(code.topic)} ${sentence(r, 2)}?`);
        continue;
      }
      const before = r() < 0.5 ? sentence(r, 3) + ' ' : '';
      const after = r() < 0.5 ? ' ' + sentence(r, 4) : '';
      if (r() < 0.25) {
        // An uncoded answer.
        out.push(`P: ${before}${passage(r, code, catWords[cat], 10)}.${after}`);
        continue;
      }
      // The first span of each code quotes its codebook example.
      const quote = used.has(code.id) ? passage(r, code, catWords[cat], 6 + Math.floor(r() * 14)) : code.example;
      used.add(code.id);
      spans++;
      if (r() < 0.15) {
        const other = pick(byCategory(cat));
        out.push(`P: ${before}{{${quote}.}}{#${code.id}}{#${other.id} @LN}${after}`);
      } else {
        out.push(`P: ${before}{{${quote}.}}{#${code.id}}${after}`);
      }
    }
    transcripts.push({ path: `transcripts/case-${String(n).padStart(4, '0')}.md`, text: out.join('\n') + '\n' });
  }
  return { codebook: lines.join('\n') + '\n', codes: codes.map((c) => c.id), transcripts, spans };
}

/** A passage about a code: filler, its topic words (typical first), colloquial words, its category, noise. */
function passage(r: () => number, code: TopicCode, category: string[], length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const x = r();
    if (x < 0.55) out.push(FILLER[Math.floor(r() * FILLER.length)]);
    else if (x < 0.75) out.push(code.topic[Math.min(code.topic.length - 1, Math.floor(-Math.log(1 - r()) * 2))]);
    else if (x < 0.85) out.push(code.colloquial[Math.floor(r() * code.colloquial.length)]);
    else if (x < 0.92) out.push(category[Math.floor(r() * category.length)]);
    else out.push(CONTENT[Math.floor(r() * CONTENT.length)]);
  }
  return out.join(' ');
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
