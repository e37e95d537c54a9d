/**
 * Checks the transcript grammar without vscode-textmate: the JSON is valid, every
 * regex compiles as a JavaScript regex, the manifest points at it, and a tiny
 * TextMate-style tokenizer (match, begin/end, while, captures; enough for this
 * grammar) gives sample lines the expected scopes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const grammarPath = path.join(root, 'syntaxes', 'axial-transcript.tmLanguage.json');

interface Captures {
  [group: string]: { name?: string };
}
interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  name?: string;
  contentName?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  whileCaptures?: Captures;
  applyEndPatternLast?: number | boolean;
  patterns?: Rule[];
  repository?: Record<string, Rule>;
}
interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

const grammar: Grammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8'));

/**
 * Oniguruma → JavaScript for the check: `\A` (start of document) and `\G` (end of
 * the previous match) have no JS equivalent; they become `^` or a never-match.
 */
function toJs(source: string, anchors: { A: boolean; G: boolean }): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      if (next === 'A') out += anchors.A ? '^' : '(?!)';
      else if (next === 'G') out += anchors.G ? '' : '(?!)';
      else out += ch + next;
      i++;
    } else out += ch;
  }
  return out;
}

function allRegexes(rule: Rule, where: string, acc: Array<[string, string]> = []): Array<[string, string]> {
  for (const key of ['match', 'begin', 'end', 'while'] as const) {
    const src = rule[key];
    if (src !== undefined) acc.push([`${where}.${key}`, src]);
  }
  rule.patterns?.forEach((p, i) => allRegexes(p, `${where}.patterns[${i}]`, acc));
  for (const [name, r] of Object.entries(rule.repository ?? {})) allRegexes(r, `${where}.repository.${name}`, acc);
  return acc;
}

function allIncludes(rule: Rule, acc: string[] = []): string[] {
  if (rule.include) acc.push(rule.include);
  rule.patterns?.forEach((p) => allIncludes(p, acc));
  for (const r of Object.values(rule.repository ?? {})) allIncludes(r, acc);
  return acc;
}

// ---------------------------------------------------------------------------
// A tiny tokenizer, enough for this grammar. Scopes are tracked per character.

interface Frame {
  rule: Rule;
  endSource?: string;
  whileSource?: string;
  scopes: string[]; // scopes of the frame's content
}

function resolve(patterns: Rule[] | undefined): Rule[] {
  const out: Rule[] = [];
  for (const p of patterns ?? []) {
    if (p.include) {
      if (p.include.startsWith('#')) {
        const target = grammar.repository[p.include.slice(1)];
        assert.ok(target, `unknown include ${p.include}`);
        if (target.match || target.begin) out.push(target);
        else out.push(...resolve(target.patterns));
      } else if (p.include === '$self') {
        out.push(...resolve(grammar.patterns));
      } // other grammars (source.yaml) are not available here
    } else out.push(p);
  }
  return out;
}

function names(name: string | undefined): string[] {
  return name ? name.split(/\s+/).filter(Boolean) : [];
}

function exec(source: string, text: string, pos: number, first: boolean): RegExpExecArray | null {
  // `m`: Oniguruma's ^ and $ are line anchors.
  const re = new RegExp(toJs(source, { A: first && pos === 0, G: false }), 'dgmu');
  re.lastIndex = pos;
  return re.exec(text);
}

function paint(scopes: string[][], m: RegExpExecArray, captures: Captures | undefined, base: string[]): void {
  for (let i = m.index; i < m.index + m[0].length; i++) scopes[i] = [...base];
  if (!captures || !m.indices) return;
  for (const [group, cap] of Object.entries(captures)) {
    const span = m.indices[Number(group)];
    if (!span || !cap.name) continue;
    for (let i = span[0]; i < span[1]; i++) scopes[i] = [...(scopes[i] ?? base), ...names(cap.name)];
  }
}

/** Scopes of every character of every line (without the scope name). */
function tokenize(text: string): string[][][] {
  const stack: Frame[] = [];
  const result: string[][][] = [];
  text.split('\n').forEach((raw, lineNo) => {
    const line = raw + '\n';
    const first = lineNo === 0;
    const scopes: string[][] = [];
    let pos = 0;
    // `while` rules must hold at the start of each line after their first.
    for (let i = 0; i < stack.length; i++) {
      const frame = stack[i];
      if (!frame.whileSource) continue;
      const m = exec(frame.whileSource, line, 0, first);
      if (!m || m.index !== 0) {
        stack.length = i;
        break;
      }
      paint(scopes, m, frame.rule.whileCaptures, frame.scopes);
      pos = m[0].length;
    }
    for (let guard = 0; pos <= raw.length && guard < 1000; guard++) {
      const top = stack[stack.length - 1];
      const patterns = resolve(top ? top.rule.patterns : grammar.patterns);
      const base = top ? top.scopes : [];
      let best: { m: RegExpExecArray; rule?: Rule } | undefined;
      const tryEnd = () => {
        if (!top?.endSource) return;
        const m = exec(top.endSource, line, pos, first);
        if (m && (!best || m.index < best.m.index)) best = { m };
      };
      if (!top?.rule.applyEndPatternLast) tryEnd();
      for (const rule of patterns) {
        const m = exec((rule.match ?? rule.begin)!, line, pos, first);
        if (m && (!best || m.index < best.m.index)) best = { m, rule };
      }
      if (top?.rule.applyEndPatternLast) tryEnd();
      if (!best || best.m.index > raw.length) break;
      const { m, rule } = best;
      for (let i = pos; i < m.index; i++) scopes[i] = [...base];
      if (!rule) {
        // end of the top frame
        const outer = stack.length > 1 ? stack[stack.length - 2].scopes : [];
        paint(scopes, m, top!.rule.endCaptures ?? top!.rule.captures, [...outer, ...names(top!.rule.name)]);
        stack.pop();
      } else if (rule.match) {
        paint(scopes, m, rule.captures, [...base, ...names(rule.name)]);
        if (m[0].length === 0) {
          scopes[pos] = [...base];
          pos++;
          continue;
        }
      } else {
        const outerScopes = [...base, ...names(rule.name)];
        paint(scopes, m, rule.beginCaptures ?? rule.captures, outerScopes);
        stack.push({ rule, endSource: rule.end, whileSource: rule.while, scopes: [...outerScopes, ...names(rule.contentName)] });
      }
      pos = m.index + m[0].length;
    }
    const top = stack[stack.length - 1];
    for (let i = pos; i < raw.length; i++) scopes[i] = [...(top ? top.scopes : [])];
    result.push(scopes.slice(0, raw.length));
  });
  return result;
}

/** Scopes at the first occurrence of `needle` in line `lineNo` (offset `at` into the needle). */
function scopesAt(text: string, lineNo: number, needle: string, at = 0, nth = 0): string[] {
  const lines = text.split('\n');
  let index = -1;
  for (let k = 0; k <= nth; k++) index = lines[lineNo].indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" not in line ${lineNo}`);
  return tokenize(text)[lineNo][index + at] ?? [];
}

function has(scopes: string[], prefix: string): boolean {
  return scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));
}

// ---------------------------------------------------------------------------

describe('transcript grammar', () => {
  it('is valid JSON with the right scope name and no dangling includes', () => {
    assert.equal(grammar.scopeName, 'text.axial.transcript');
    assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
    for (const include of allIncludes(grammar)) {
      if (include.startsWith('#')) assert.ok(grammar.repository[include.slice(1)], `dangling include ${include}`);
      else assert.ok(include === '$self' || include === 'source.yaml', `unexpected include ${include}`);
    }
  });

  it('compiles every regex as JavaScript (after replacing \\A and \\G)', () => {
    const regexes = allRegexes(grammar, 'grammar');
    assert.ok(regexes.length >= 10);
    for (const [where, src] of regexes) {
      assert.doesNotThrow(() => new RegExp(toJs(src, { A: true, G: true }), 'u'), `${where}: ${src}`);
    }
  });

  it('is the grammar the manifest contributes, with a valid language configuration', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { language: string }) => g.language === 'axial-transcript');
    assert.equal(entry.scopeName, grammar.scopeName);
    assert.equal(path.resolve(root, entry.path), grammarPath);
    const language = pkg.contributes.languages.find((l: { id: string }) => l.id === 'axial-transcript');
    assert.equal(language.extensions, undefined, 'no extensions: plain .md/.txt elsewhere stay Markdown');
    assert.deepEqual(language.filenamePatterns, ['**/transcripts/**/*.md', '**/transcripts/**/*.txt']);
    const config = JSON.parse(fs.readFileSync(path.resolve(root, language.configuration), 'utf8'));
    const word = new RegExp(config.wordPattern.pattern, config.wordPattern.flags + 'g');
    const block = '{#therapist-as-expert #relación @LN ^a} and done.';
    assert.deepEqual(block.match(word), ['therapist-as-expert', 'relación', 'LN', 'a', 'and', 'done']);
  });

  describe('key patterns', () => {
    const repo = grammar.repository;
    const re = (src: string) => new RegExp(toJs(src, { A: true, G: true }), 'u');

    it('speaker labels: 1 to 20 characters at line start, then a colon and whitespace', () => {
      const speaker = re(repo.speaker.match!);
      assert.equal(speaker.exec('P: Building trust')?.[1], 'P');
      assert.equal(speaker.exec('Interviewer: Which of all')?.[1], 'Interviewer');
      assert.equal(speaker.exec('Dr_Lee-2: hi')?.[1], 'Dr_Lee-2');
      assert.equal(speaker.exec('P:\n')?.[1], 'P');
      assert.equal(speaker.exec('p: lower case'), null);
      assert.equal(speaker.exec('Note:no space'), null);
      assert.equal(speaker.exec('ThisLabelIsFarTooLongToBe: x'), null);
      assert.equal(speaker.exec('  P: indented'), null);
    });

    it('openers with an optional label; closers followed by blocks', () => {
      const open = re(repo['span-open'].match!);
      assert.equal(open.exec('{{^a The pills')?.[4], 'a');
      assert.equal(open.exec('{{Building')?.[2], undefined);
      const close = re(repo['span-close'].begin!);
      assert.ok(close.test('}}{#a}'));
      assert.ok(!close.test('}}{{next'), '`}}{{` is a closer without block, then an opener');
      assert.ok(!close.test('}} and'));
    });

    it('front matter delimiters', () => {
      const begin = re(repo.frontmatter.patterns![0].begin!);
      const end = re(repo.frontmatter.end!);
      assert.ok(begin.test('---'));
      assert.ok(!begin.test('----'));
      assert.ok(end.test('---') && end.test('...'));
      assert.ok(!end.test('--- x'));
    });
  });

  describe('tokenizing sample lines', () => {
    const doc = [
      '---', //                                                               0
      'case: C', //                                                           1
      'coder: LN', //                                                         2
      '---', //                                                               3
      'I: Which of all these factors?', //                                    4
      'P: {{Building trust, I think.}}{#relational-trust #trust-as-key-factor} Because', // 5
      'P: {{^a The pills, {{^b so I skipped}}{^a #side-effects}', //          6
      'and never told anyone.}}{^b #concealment @CA "a \\"memo\\" here"}{#x}{{next}}{#y}', // 7
      'An escaped \\{ brace \\} and \\\\ backslash, a bare }} closer.', //    8
      'Not a speaker: P: here', //                                            9
    ].join('\n');

    it('front matter is embedded YAML between the delimiters', () => {
      assert.ok(has(scopesAt(doc, 0, '---'), 'punctuation.definition.begin.frontmatter'));
      assert.ok(has(scopesAt(doc, 1, 'case'), 'meta.embedded.block.frontmatter'));
      assert.ok(has(scopesAt(doc, 3, '---'), 'punctuation.definition.end.frontmatter'));
      assert.ok(!has(scopesAt(doc, 4, 'Which'), 'meta.frontmatter'));
    });

    it('speakers', () => {
      assert.ok(has(scopesAt(doc, 4, 'I'), 'entity.name.tag'));
      assert.ok(has(scopesAt(doc, 5, 'P'), 'entity.name.tag'));
      assert.ok(!has(scopesAt(doc, 9, 'P'), 'entity.name.tag'));
      assert.ok(!has(scopesAt(doc, 9, 'Not'), 'entity.name.tag'));
    });

    it('spans, blocks, codes, coders, labels and memos', () => {
      assert.ok(has(scopesAt(doc, 5, '{{'), 'punctuation.definition.tag'));
      assert.ok(!has(scopesAt(doc, 5, 'Building'), 'punctuation'));
      assert.ok(has(scopesAt(doc, 5, '}}'), 'punctuation.definition.tag'));
      assert.ok(has(scopesAt(doc, 5, '#relational-trust', 0), 'entity.name.type'));
      assert.ok(has(scopesAt(doc, 5, '#relational-trust', 12), 'entity.name.type'));
      assert.ok(has(scopesAt(doc, 5, 'key-factor'), 'entity.name.type'));
      assert.ok(!has(scopesAt(doc, 5, 'Because'), 'meta.block'));
      assert.ok(has(scopesAt(doc, 6, 'a', 0), 'entity.name.label'));
      assert.ok(has(scopesAt(doc, 6, '^b'), 'entity.name.label'));
      assert.ok(has(scopesAt(doc, 6, '^a #'), 'entity.name.label'));
      assert.ok(has(scopesAt(doc, 6, 'side-effects'), 'entity.name.type'));
      assert.ok(!has(scopesAt(doc, 7, 'never'), 'meta.block'));
      assert.ok(has(scopesAt(doc, 7, '@CA'), 'entity.other.attribute-name'));
      assert.ok(has(scopesAt(doc, 7, 'a \\"'), 'string.quoted.double'));
      assert.ok(has(scopesAt(doc, 7, '\\"memo'), 'constant.character.escape'));
      assert.ok(has(scopesAt(doc, 7, 'here'), 'string.quoted.double'));
      assert.ok(has(scopesAt(doc, 7, '#x'), 'entity.name.type'), 'a second block');
      // `}}{#x}{{next`: the `{{` after the blocks opens a new span, it is not a block.
      assert.ok(has(scopesAt(doc, 7, '{{next'), 'punctuation.definition.tag.begin.span'));
      assert.ok(!has(scopesAt(doc, 7, 'next'), 'meta.block'));
      assert.ok(has(scopesAt(doc, 7, '#y'), 'entity.name.type'));
    });

    it('escapes and a closer with no block', () => {
      assert.ok(has(scopesAt(doc, 8, '\\{'), 'constant.character.escape'));
      assert.ok(has(scopesAt(doc, 8, '\\}'), 'constant.character.escape'));
      assert.ok(has(scopesAt(doc, 8, '\\\\'), 'constant.character.escape'));
      assert.ok(has(scopesAt(doc, 8, '}} closer'), 'punctuation.definition.tag.end.span'));
      assert.ok(!has(scopesAt(doc, 8, 'closer'), 'meta.block'));
    });

    it('a block may run over a line break', () => {
      const text = 'P: {{text}}{#a\n#b @LN} after';
      assert.ok(has(scopesAt(text, 1, '#b'), 'entity.name.type'));
      assert.ok(has(scopesAt(text, 1, '@LN'), 'entity.other.attribute-name'));
      assert.ok(!has(scopesAt(text, 1, 'after'), 'meta.block'));
    });

    it('without front matter the first line is a transcript line', () => {
      const text = 'P: {{x}}{#a}\n---\nI: y';
      assert.ok(has(scopesAt(text, 0, 'P'), 'entity.name.tag'));
      assert.ok(!has(scopesAt(text, 1, '---'), 'punctuation.definition.begin.frontmatter'));
      assert.ok(has(scopesAt(text, 2, 'I'), 'entity.name.tag'));
    });
  });
});
