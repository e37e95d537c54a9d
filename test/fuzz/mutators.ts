/**
 * The fuzzer's mutations: each takes a project input (a codebook and a transcript)
 * and returns a damaged or pathological variant, the way real files go wrong
 * (a cut-off save, a merge conflict, a wrong encoding, a paste from elsewhere) or
 * the way an attacker would shape them (deep nesting, huge files, alias bombs).
 * Every mutation is deterministic given the Rng.
 */
import type { Rng } from './random';

/** One fuzz input: the project's codebook.yaml and one transcript of it. */
export interface FuzzInput {
  codebook: string;
  transcript: string;
}

/** Sizes of the big mutations at scale 1 (the long run); the short run scales them down. */
export const FULL_SIZE = {
  /** Characters of a very long line (10 MB at scale 1). */
  longLine: 10_000_000,
  /** Nesting depth. */
  depth: 50_000,
  /** Spans in one transcript. */
  spans: 100_000,
  /** Speaker turns. */
  turns: 10_000,
};

export interface Mutator {
  name: string;
  /** Rough share of cases that use this mutation (relative weight). */
  weight: number;
  apply(input: FuzzInput, r: Rng, scale: number): FuzzInput;
}

const MARKUP = ['{{', '}}', '{', '}', '{#', '#', '@', '^', '"', '\\', '{{^a ', '}}{#', '}}{^a}', '{"memo"}', '\\{', '\\}', ':', '---', '\n'];
const LINE_BREAKS = ['\n', '\r\n', '\r'];

function insertAt(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

/** A random offset, biased towards markup characters (where the parser decides most). */
function spot(text: string, r: Rng): number {
  if (text.length === 0) return 0;
  if (r.chance(0.5)) {
    for (let tries = 0; tries < 8; tries++) {
      const i = r.int(text.length);
      const c = text[i];
      if (c === '{' || c === '}' || c === '#' || c === '\n' || c === '^' || c === '"' || c === ':') return i + r.int(2);
    }
  }
  return r.int(text.length + 1);
}

/** A random line start of a text. */
function lineStart(text: string, r: Rng): number {
  const at = r.int(text.length + 1);
  const nl = text.lastIndexOf('\n', at - 1);
  return nl + 1;
}

function scaled(n: number, scale: number, r: Rng): number {
  return r.size(Math.max(2, Math.floor(n * scale)));
}

function onTranscript(name: string, weight: number, f: (t: string, r: Rng, scale: number) => string): Mutator {
  return { name, weight, apply: (input, r, scale) => ({ ...input, transcript: f(input.transcript, r, scale) }) };
}

function onCodebook(name: string, weight: number, f: (cb: string, r: Rng, scale: number) => string): Mutator {
  return { name, weight, apply: (input, r, scale) => ({ ...input, codebook: f(input.codebook, r, scale) }) };
}

/** Bytes corrupted and decoded as Node's `fs.readFileSync(f, 'utf8')` would (U+FFFD for bad sequences). */
function corruptUtf8(text: string, r: Rng): string {
  const bytes = Buffer.from(text, 'utf8');
  const n = r.range(1, 8);
  const bad = [0x80, 0xbf, 0xc0, 0xc1, 0xe2, 0xed, 0xf0, 0xf5, 0xfe, 0xff];
  const out: number[] = [...bytes];
  for (let k = 0; k < n; k++) {
    const at = r.int(out.length + 1);
    const kind = r.int(4);
    if (kind === 0) out.splice(at, 0, r.pick(bad));
    else if (kind === 1) out.splice(at, 0, 0xe2, 0x82); // a 3-byte sequence cut short
    else if (kind === 2) out.splice(at, 0, 0xed, 0xa0, 0x80); // an encoded surrogate
    else if (at < out.length) out[at] = r.pick(bad);
  }
  return Buffer.from(out).toString('utf8');
}

/** Replaces (or adds) the front matter block with `yaml`. */
function withFrontMatter(t: string, yaml: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[^\n]*\n?/.exec(t);
  const body = m ? t.slice(m[0].length) : t;
  return `---\n${yaml}\n---\n${body}`;
}

const WRONG_FRONT_MATTER = [
  'speakers: [I, P]',
  'speakers: {I: [a, b], P: {x: 1}}',
  'speakers: 5',
  'coder: [CA]',
  'coder: {a: 1}',
  'case: {nested: [1, 2]}',
  'attributes: [a, b]',
  'attributes: {role: {deep: {er: 1}}, age: [1]}',
  'date: 2015-08-18T10:00:00Z\ntitle: 12',
  '? [a, b]\n: 1',
  '{[a, b]: 1, {c: d}: 2}',
  '? {x: 1}\n: y\nspeakers:\n  ? [I]\n  : Interviewer',
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'speakers: !!binary aGVsbG8=',
  'x: !foo bar\ncase: !!int "abc"',
  '- just\n- a\n- list',
  '"just a string"',
  'case: A\ncase: B',
  'language: 42\ncoder: null\nspeakers: ~',
  'x: "unterminated',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '\t- tab indented',
];

const WRONG_CODEBOOK_VALUES = [
  '[]',
  '{}',
  '42',
  '~',
  '[a, [b, [c]]]',
  '{x: {y: {z: 1}}}',
  '"\\u0000"',
  '!!binary aGVsbG8=',
  '*undefinedAlias',
  '&anchor value',
  'true',
  '2015-08-18',
];

/** Ids that cannot be written as a `#tag`, quoted as YAML keys. */
const HOSTILE_IDS = ['"%s\\nzz"', '"%s zz"', '"%s\\tzz"', '"%s#zz"', '"%s}zz"', '"%s{zz"', '"%s\\rzz"', '"%s\\u00a0zz"', '"%s\\u0000zz"', '""', '"%s\\"zz"', '"%s@zz"', '"%s^zz"', '"ZZ%s"', '"%s\\u200bzz"'];

/** Every mutation the fuzzer knows, with its relative weight. */
export const MUTATORS: Mutator[] = [
  onTranscript('truncate', 3, (t, r) => t.slice(0, spot(t, r))),
  onTranscript('stray-braces', 6, (t, r) => {
    const n = r.range(1, 10);
    for (let k = 0; k < n; k++) t = insertAt(t, spot(t, r), r.pick(MARKUP));
    return t;
  }),
  onTranscript('delete-chars', 4, (t, r) => {
    const n = r.range(1, 6);
    for (let k = 0; k < n; k++) {
      const at = spot(t, r);
      t = t.slice(0, at) + t.slice(at + r.range(1, 4));
    }
    return t;
  }),
  onTranscript('labels', 4, (t, r) => {
    const labels = ['a', 'b', 'a', 'x_1', 'é', '', '-', 'a b', 'a'.repeat(300)];
    const n = r.range(1, 6);
    for (let k = 0; k < n; k++) {
      const l = r.pick(labels);
      const s = r.pick([`{{^${l} `, `}}{^${l} #trust}`, `}}{#trust ^${l}}`, `{{^${l}`, `}}{^${l}}`, `^${l}`]);
      t = insertAt(t, spot(t, r), s);
    }
    return t;
  }),
  onTranscript('conflict-markers', 3, (t, r) => {
    const ours = lineStart(t, r);
    t = insertAt(t, ours, '<<<<<<< HEAD\n');
    const mid = Math.max(ours + 13, lineStart(t, r));
    t = insertAt(t, Math.min(mid, t.length), '=======\n');
    const end = Math.max(mid, lineStart(t, r));
    return insertAt(t, Math.min(end + 8, t.length), '>>>>>>> other-coder\n');
  }),
  onTranscript('invalid-utf8', 3, (t, r) => corruptUtf8(t, r)),
  onTranscript('nul', 2, (t, r) => {
    const n = r.range(1, 5);
    for (let k = 0; k < n; k++) t = insertAt(t, spot(t, r), r.chance(0.8) ? '\0' : '\0'.repeat(r.range(2, 100)));
    return t;
  }),
  onTranscript('lone-cr', 4, (t, r) => {
    if (r.chance(0.3)) return t.replace(/\r?\n/g, '\r');
    const n = r.range(1, 5);
    for (let k = 0; k < n; k++) {
      const at = spot(t, r);
      t = t[at] === '\n' ? t.slice(0, at) + '\r' + t.slice(at + 1) : insertAt(t, at, '\r');
    }
    return t;
  }),
  onTranscript('crlf', 3, (t, r) => (r.chance(0.5) ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\n/g, () => r.pick(LINE_BREAKS)))),
  onTranscript('bom-and-specials', 1, (t, r) => {
    const specials = ['\ufeff', '\u2028', '\u2029', '\u0085', '\ud800', '\udc00', '😀', '\u200b', '\t', '\v', '\f'];
    const n = r.range(1, 5);
    for (let k = 0; k < n; k++) t = insertAt(t, r.chance(0.2) ? 0 : spot(t, r), r.pick(specials));
    return t;
  }),
  onTranscript('long-line', 2, (t, r, scale) => {
    const len = scaled(FULL_SIZE.longLine, scale, r);
    const unit = r.pick(['word ', 'x', '{', '}', '}}', '{{', '{{a}}{#trust} ', '\\{', '"', '😀', ' ']);
    const line = unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
    const wrapped = r.pick([line, `P: ${line}`, `P: {{${line}}}{#trust}`, `P: {{a}}{#trust "${line}"}`, `P: {{a}}{#trust ${line}}`]);
    return insertAt(t, lineStart(t, r), wrapped + '\n');
  }),
  onTranscript('closer-run', 2, (t, r, scale) => {
    const n = scaled(FULL_SIZE.depth * 2, scale, r);
    const unit = r.pick(['}}', '}}{', '}}{#', '{{', '}}{#trust}', '{{^a ', '}}{^a}']);
    return insertAt(t, lineStart(t, r), 'P: ' + unit.repeat(n) + '\n');
  }),
  onTranscript('deep-nesting', 3, (t, r, scale) => {
    const n = scaled(FULL_SIZE.depth, scale, r);
    const sep = r.pick(['', ' ', '\n', '\r', '\r\n']);
    const open = `{{a${sep}`;
    const close = `}}{#${r.pick(['trust', 'roles', 'nope'])}}${sep}`;
    const unclosed = r.chance(0.2);
    return insertAt(t, lineStart(t, r), 'P: ' + open.repeat(n) + (unclosed ? '' : close.repeat(n)) + '\n');
  }),
  onTranscript('many-spans', 2, (t, r, scale) => {
    const n = scaled(FULL_SIZE.spans, scale, r);
    const perLine = r.pick([1, 5, 50]);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const span = `{{word ${k}}}{#${r.pick(['trust', 'roles', 'unknown-code', 'playful-affection'])}${r.chance(0.1) ? ' @ZZ' : ''}}`;
      parts.push(k % perLine === 0 ? `\nP: ${span}` : ` ${span}`);
    }
    return t + parts.join('') + '\n';
  }),
  onTranscript('many-turns', 1, (t, r, scale) => {
    const n = scaled(FULL_SIZE.turns, scale, r);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(`S${k}: {{turn ${k}}}{#trust}`);
    return t + '\n' + parts.join('\n') + '\n';
  }),
  onTranscript('front-matter-types', 4, (t, r) => {
    const yaml = r.pick(WRONG_FRONT_MATTER);
    if (r.chance(0.15)) return `---\n${yaml}\n${t.replace(/^---\r?\n/, '')}`; // unclosed
    return withFrontMatter(t, yaml);
  }),
  onTranscript('splice', 3, (t, r) => {
    const a = r.int(t.length + 1);
    const b = Math.min(t.length, a + r.size(400));
    return insertAt(t, r.int(t.length + 1), t.slice(a, b));
  }),
  onTranscript('noise', 2, (t, r) => {
    const alphabet = 'P: {}#@^"\\\n\r\t -_.aZ0é😀\u0000\ufffd';
    const n = r.range(1, 40);
    let s = '';
    for (let k = 0; k < n; k++) s += alphabet[r.int(alphabet.length)];
    return insertAt(t, spot(t, r), s);
  }),
  onTranscript('empty', 1, (_t, r) => r.pick(['', '\n', '---', '---\n', '---\n---', '\ufeff', '\r', '{{', '}}', '{'])),
  onCodebook('codebook-alias-bomb', 1, (cb, r) => {
    const bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
      'lol2: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nlol3: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'lol4: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nlol5: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' +
      'lol6: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nlol7: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
    return r.chance(0.5) ? bomb + cb : cb.replace(/^codes:/m, `${bomb}codes:`).replace(/^( {4}definition:).*$/m, '$1 *f');
  }),
  onCodebook('codebook-types', 4, (cb, r) => {
    const n = r.range(1, 4);
    for (let k = 0; k < n; k++) {
      const keys = [...cb.matchAll(/^( *)([a-z_-]+):( .*)?$/gm)];
      if (keys.length === 0) break;
      const m = r.pick(keys);
      const at = m.index!;
      cb = cb.slice(0, at) + `${m[1]}${m[2]}: ${r.pick(WRONG_CODEBOOK_VALUES)}` + cb.slice(at + m[0].length);
    }
    return cb;
  }),
  onCodebook('codebook-damage', 3, (cb, r) => {
    const kind = r.int(6);
    if (kind === 0) return cb.slice(0, r.int(cb.length));
    if (kind === 5) return '\n' + cb.replace(/^(?=.)/gm, '  '); // pasted one level in
    if (kind === 1) return insertAt(cb, lineStart(cb, r), '<<<<<<< HEAD\n');
    if (kind === 2) return cb.replace(/\n/g, r.pick(LINE_BREAKS));
    if (kind === 3) return corruptUtf8(cb, r);
    return insertAt(cb, r.int(cb.length), r.pick(['\t', '\0', ': :', '- ', '{', '[', '"', "'", '&x ', '*x ', '!!str ', '? ']));
  }),
  onCodebook('codebook-deep-nesting', 1, (cb, r, scale) => {
    const n = scaled(FULL_SIZE.depth, scale, r);
    return cb.replace(/^codes:/m, `deep: ${'['.repeat(n)}${r.chance(0.5) ? ']'.repeat(n) : ''}\ncodes:`);
  }),
  {
    // Codes whose ids cannot be written as a tag, and tags that come close to them.
    name: 'hostile-ids',
    weight: 3,
    apply(input, r) {
      let { codebook, transcript } = input;
      const base = r.pick(['trust', 'roles', 'playful-affection', 'x']);
      const n = r.range(1, 3);
      const added: string[] = [];
      for (let k = 0; k < n; k++) {
        const id = r.pick(HOSTILE_IDS).replace('%s', base);
        added.push(`  ${id}: {}`);
        // The tag a researcher would type: the id with its odd character dropped.
        const near = JSON.parse(id).replace(/[^A-Za-z0-9_.-]/g, '');
        if (near) transcript = insertAt(transcript, transcript.length, `\nP: {{I trusted her}}{#${near}} a lot.\n`);
      }
      codebook = /^codes:[ \t]*$/m.test(codebook)
        ? codebook.replace(/^codes:[ \t]*$/m, `codes:\n${added.join('\n')}`)
        : `${codebook}\ncodes:\n${added.join('\n')}\n`;
      return { codebook, transcript };
    },
  },
];

/** Mutators by name. */
export const MUTATOR_BY_NAME = new Map(MUTATORS.map((m) => [m.name, m]));

/** Picks a mutator by weight. */
export function pickMutator(r: Rng, pool: readonly Mutator[] = MUTATORS): Mutator {
  const total = pool.reduce((s, m) => s + m.weight, 0);
  let x = r.next() * total;
  for (const m of pool) {
    x -= m.weight;
    if (x < 0) return m;
  }
  return pool[pool.length - 1];
}
