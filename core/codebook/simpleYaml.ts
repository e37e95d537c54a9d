/**
 * A fast path for the YAML almost every codebook is written in: block maps of
 * `key: value` lines, block lists of `- item` lines, one-line `[a, b]` lists,
 * one-line quoted strings, `>-` / `|` text blocks of evenly indented lines, blank
 * lines and whole-line comments. Composing a 500-code codebook with the yaml
 * package costs about 250 ms of CPU on a cold start (its lexer, parser and composer
 * warming up); reading these lines directly costs a small fraction of that.
 *
 * The rule that keeps it safe: this reader builds the same yaml nodes (Scalar,
 * YAMLMap, YAMLSeq with the same values, types and ranges) the yaml package
 * composes, but only for a subset of YAML whose meaning it knows exactly, and gives
 * up (returns undefined) on anything else, so the yaml package reads the file as
 * before. The codebook is then read from these nodes by the same code, so
 * diagnostics, codes and ranges are the same by construction wherever the nodes
 * are. test/unit/simpleYaml.test.ts holds both paths to the same complete result on
 * the example codebook, generated codebooks and hostile edits of them.
 *
 * Ranges follow the yaml package: `[start, valueEnd, nodeEnd]`, where a
 * collection's valueEnd is its last value's nodeEnd, and a comment group after the
 * last line of a value extends the nodeEnd of the node it belongs to (the scalar
 * when indented past its key, else the collection at the comment's indent).
 */
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { MAX_NESTING } from './composeYaml';

type Range3 = [number, number, number];

/** Characters the fast path never reads itself: tabs, control characters, CR, BOM and the other line breaks. */
const UNSAFE_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/*
 * The character tests below avoid Unicode property classes on every character:
 * compiling and first running such regular expressions is much of what a cold
 * start pays, so ASCII is tested by code and only other characters by \p{L}.
 */
/** A letter or digit of any script, at `lastIndex`. */
const WORD_CHAR = /[\p{L}\p{N}]/uy;
/**
 * In a plain scalar in block context (after its first character, trailing spaces
 * trimmed): what YAML gives a meaning, `: ` or a final `:`, ` #`, flow brackets.
 */
const PLAIN_STOP = /: |:$| #|[[\]{}]/;
/** In a plain item of a flow list: `,`, `:`, `#`, brackets, quotes or two spaces. */
const FLOW_PLAIN_STOP = /[,:#[\]{}"']| {2}/;
/** Words the YAML 1.2 core schema reads as null, a boolean or a float (any case here: the rest falls back). */
const SPECIAL_WORD = /^(?:null|true|false|~|\.inf|\.nan)$/i;
/** Anything the core schema may read as a number, other than the integers read below. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** Integers that are exactly a JavaScript number. */
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;
/** The yaml package refuses implicit keys longer than this. */
const MAX_KEY = 1024;

/** An open block collection: the map or list whose lines are being read. */
interface Frame {
  node: YAMLMap | YAMLSeq;
  indent: number;
  start: number;
  /** The end of a comment group that belongs to this collection, if any. */
  commentEnd: number;
  /** The node of the last value (a pair's value or an item). */
  last?: Scalar | YAMLMap | YAMLSeq;
  /** The last value is a one-line scalar a deeper comment may belong to. */
  lastIsLine: boolean;
}

/** Thrown inside the reader when the text leaves the subset; caught in readSimpleYaml. */
const FALL_BACK = Symbol('fall back');

/**
 * The root map of a codebook in the simple subset, as the yaml package would
 * compose it; undefined when the text is not in the subset (or has no content).
 */
export function readSimpleYaml(text: string): YAMLMap | undefined {
  if (UNSAFE_TEXT.test(text)) return undefined;
  try {
    return new Reader(text).read();
  } catch (e) {
    if (e === FALL_BACK) return undefined;
    throw e;
  }
}

function fallBack(): never {
  throw FALL_BACK;
}

class Reader {
  private readonly stack: Frame[] = [];
  private root?: YAMLMap;
  /** A `key:` with nothing after it yet: its value is the next, deeper line's collection, or null. */
  private pending?: { pair: Pair; indent: number; at: number; commentEnd: number };
  /** Comment lines since the last content line: their indents and ends. */
  private comments?: { indent: number; end: number }[];
  /** The indent at or under which the next content line must start (after a one-line value). */
  private maxNextIndent = Infinity;
  private at = 0;

  constructor(private readonly text: string) {}

  read(): YAMLMap | undefined {
    const { text } = this;
    while (this.at < text.length) {
      let lineEnd = text.indexOf('\n', this.at);
      if (lineEnd < 0) lineEnd = text.length;
      const start = this.at;
      this.at = lineEnd + 1;
      let indent = start;
      while (text.charCodeAt(indent) === 32) indent++;
      if (indent === lineEnd) continue; // blank
      if (text.charCodeAt(indent) === 35 /* # */) {
        this.commentLine(indent - start, lineEnd);
        continue;
      }
      this.contentLine(start, indent - start, lineEnd);
    }
    this.endComments(-1);
    this.resolvePending();
    while (this.stack.length > 0) this.close();
    return this.root;
  }

  private commentLine(indent: number, lineEnd: number): void {
    (this.comments ??= []).push({ indent, end: lineEnd });
  }

  /** Gives the comment lines before a content line at `nextIndent` (-1 at the end) to the nodes they belong to. */
  private endComments(nextIndent: number): void {
    let group = this.comments;
    this.comments = undefined;
    if (!group || this.stack.length === 0) return;
    const p = this.pending;
    if (p) {
      // Before the first line of the key's collection, a comment is part of neither;
      // after a `key:` left empty, it ends the empty value.
      if (nextIndent > p.indent) return;
      if (group.some((c) => c.indent < p.indent)) fallBack();
      p.commentEnd = group[group.length - 1].end;
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (group[0].indent > top.indent) {
      // Indented past the last key or dash: these lines end the last one-line scalar.
      if (!top.lastIsLine || !(top.last instanceof Scalar)) fallBack();
      if (nextIndent > top.indent) fallBack();
      let n = 0;
      while (n < group.length && group[n].indent > top.indent) n++;
      top.last.range![2] = group[n - 1].end;
      group = group.slice(n);
      if (group.length === 0) return;
    }
    // The rest belongs to the collection at the first line's indent.
    const first = group[0].indent;
    const frame = this.stack.find((f) => f.indent === first);
    if (!frame || nextIndent > first || group.some((c) => c.indent > first)) fallBack();
    frame.commentEnd = group[group.length - 1].end;
  }

  private contentLine(lineStart: number, indent: number, lineEnd: number): void {
    const { text } = this;
    const at = lineStart + indent;
    if (indent > this.maxNextIndent) fallBack(); // a continuation line of a scalar
    this.endComments(indent);
    const isItem = text.charCodeAt(at) === 45 /* - */ && (at + 1 === lineEnd || text.charCodeAt(at + 1) === 32);
    if (this.pending) {
      if (indent > this.pending.indent) {
        // The pending key's value: a new collection.
        // Too deep: the yaml path reports it (composeYaml's MAX_NESTING).
        if (this.stack.length >= MAX_NESTING) fallBack();
        const node = isItem ? new YAMLSeq() : new YAMLMap();
        this.pending.pair.value = node;
        this.pending = undefined;
        this.stack.push({ node, indent, start: at, commentEnd: -1, lastIsLine: false });
      } else {
        // `key:` then `- item` at the key's own indent is a list in YAML; left to the yaml package.
        if (isItem && indent === this.pending.indent) fallBack();
        this.resolvePending();
      }
    }
    if (!this.root) {
      if (indent !== 0 || isItem) fallBack();
      this.root = new YAMLMap();
      this.stack.push({ node: this.root, indent: 0, start: at, commentEnd: -1, lastIsLine: false });
    }
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].indent > indent) this.close();
    const top = this.stack[this.stack.length - 1];
    if (!top || top.indent !== indent) fallBack();
    if (top.node instanceof YAMLSeq) {
      if (!isItem) fallBack();
      this.item(top, at, lineEnd);
    } else {
      if (isItem) fallBack();
      this.pair(top, at, lineEnd);
    }
  }

  /** `key: value` or `key:` at `at`. */
  private pair(frame: Frame, at: number, lineEnd: number): void {
    const { text } = this;
    const keyEnd = scanKey(text, at, lineEnd);
    if (keyEnd - at > MAX_KEY || text.charCodeAt(keyEnd) !== 58 /* : */) fallBack();
    const key = plainScalar(text.slice(at, keyEnd), at, keyEnd, keyEnd, true);
    const pair = new Pair<Scalar, unknown>(key, null);
    (frame.node as YAMLMap).items.push(pair);
    if (keyEnd + 1 === lineEnd) {
      this.pending = { pair, indent: frame.indent, at: keyEnd + 1, commentEnd: keyEnd + 1 };
      this.maxNextIndent = Infinity;
      frame.last = undefined;
      frame.lastIsLine = false;
      return;
    }
    if (text.charCodeAt(keyEnd + 1) !== 32) fallBack();
    let valueAt = keyEnd + 2;
    while (text.charCodeAt(valueAt) === 32) valueAt++;
    if (valueAt === lineEnd) fallBack(); // `key: ` and trailing spaces
    const value = this.value(frame, valueAt, lineEnd, true);
    pair.value = value;
  }

  /** `- value` at `at`. */
  private item(frame: Frame, at: number, lineEnd: number): void {
    if (at + 1 === lineEnd) fallBack(); // `-` alone: a null item or a nested collection
    let valueAt = at + 2;
    while (this.text.charCodeAt(valueAt) === 32) valueAt++;
    if (valueAt === lineEnd) fallBack();
    (frame.node as YAMLSeq).items.push(this.value(frame, valueAt, lineEnd, false));
  }

  /** The value from `at` to the end of its line (or, for `>-` and `|`, the lines under it). */
  private value(frame: Frame, at: number, lineEnd: number, inMap: boolean): Scalar | YAMLSeq {
    const { text } = this;
    let end = lineEnd;
    while (text.charCodeAt(end - 1) === 32) end--;
    const c = text.charCodeAt(at);
    this.maxNextIndent = frame.indent;
    let node: Scalar | YAMLSeq;
    frame.lastIsLine = true;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = text.indexOf(String.fromCharCode(c), at + 1);
      if (close !== end - 1) fallBack();
      const inner = text.slice(at + 1, close);
      if (c === 34 && inner.includes('\\')) fallBack();
      node = new Scalar(inner);
      node.type = c === 34 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
      node.source = text.slice(at, end);
      node.range = [at, end, lineEnd];
    } else if (c === 91 /* [ */) {
      if (this.stack.length >= MAX_NESTING) fallBack();
      node = this.flowList(at, end, lineEnd);
      frame.lastIsLine = false;
    } else if (c === 62 /* > */ || c === 124 /* | */) {
      if (!inMap) fallBack();
      node = this.blockScalar(frame, at, end, lineEnd);
      frame.lastIsLine = false;
    } else {
      const source = text.slice(at, end);
      if (!startsPlain(source) || PLAIN_STOP.test(source)) fallBack();
      node = plainScalar(source, at, end, lineEnd, false);
    }
    frame.last = node;
    return node;
  }

  /** `[a, b c]` on one line. */
  private flowList(at: number, end: number, lineEnd: number): YAMLSeq {
    const { text } = this;
    if (text.charCodeAt(end - 1) !== 93 /* ] */) fallBack();
    const seq = new YAMLSeq();
    seq.flow = true;
    seq.range = [at, end, lineEnd] as Range3;
    const inner = text.slice(at + 1, end - 1);
    if (inner.trim() === '') {
      if (inner !== '') fallBack();
      return seq;
    }
    let from = at + 1;
    for (const part of inner.split(',')) {
      const lead = part.length - part.trimStart().length;
      const source = part.trim();
      if (!startsPlain(source) || FLOW_PLAIN_STOP.test(source)) fallBack();
      const start = from + lead;
      seq.items.push(plainScalar(source, start, start + source.length, start + source.length, false));
      from += part.length + 1;
    }
    return seq;
  }

  /** `>-`, `>`, `|-` or `|` and the evenly indented, unbroken lines under it. */
  private blockScalar(frame: Frame, at: number, end: number, lineEnd: number): Scalar {
    const { text } = this;
    const header = text.slice(at, end);
    if (end !== lineEnd || !['>-', '>', '|-', '|'].includes(header)) fallBack();
    const lines: string[] = [];
    let contentIndent = -1;
    let lastEnd = lineEnd;
    let next = lineEnd + 1;
    while (next < text.length) {
      let e = text.indexOf('\n', next);
      if (e < 0) e = text.length;
      let i = next;
      while (text.charCodeAt(i) === 32) i++;
      const indent = i - next;
      if (i === e) {
        // A blank line: the text ends here, unless more of it follows.
        let k = e + 1;
        while (k < text.length) {
          let ke = text.indexOf('\n', k);
          if (ke < 0) ke = text.length;
          let ki = k;
          while (text.charCodeAt(ki) === 32) ki++;
          if (ki !== ke) {
            if (ki - k > frame.indent) fallBack();
            break;
          }
          k = ke + 1;
        }
        break;
      }
      if (indent <= frame.indent) break;
      if (contentIndent < 0) contentIndent = indent;
      if (indent !== contentIndent || text.charCodeAt(e - 1) === 32) fallBack();
      lines.push(text.slice(i, e));
      lastEnd = e;
      next = e + 1;
    }
    if (lines.length === 0) fallBack();
    const folded = header.charCodeAt(0) === 62;
    const value = lines.join(folded ? ' ' : '\n') + (header.length === 1 ? '\n' : '');
    const node = new Scalar(value);
    node.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    node.source = text.slice(at, lastEnd);
    const nodeEnd = Math.min(text.length, lastEnd + 1);
    node.range = [at, nodeEnd, nodeEnd];
    this.at = nodeEnd;
    return node;
  }

  /** Gives a pending `key:` its null value, when the next line is not deeper. */
  private resolvePending(): void {
    const p = this.pending;
    if (!p) return;
    const empty = new Scalar(null);
    empty.type = 'PLAIN';
    empty.source = '';
    empty.range = [p.at, p.at, p.commentEnd];
    p.pair.value = empty;
    const owner = this.stack[this.stack.length - 1];
    owner.last = empty;
    owner.lastIsLine = false;
    this.pending = undefined;
  }

  /** Closes the deepest collection: its range ends with its last value (and a comment group of its own). */
  private close(): void {
    const f = this.stack.pop()!;
    const last = lastNode(f.node);
    const valueEnd = last?.range ? last.range[2] : f.start;
    f.node.range = [f.start, valueEnd, Math.max(valueEnd, f.commentEnd)];
    // The collection is its parent's last value from now on.
    const parent = this.stack[this.stack.length - 1];
    if (parent && lastNode(parent.node) === f.node) {
      parent.last = f.node;
      parent.lastIsLine = false;
    }
  }
}

function lastNode(node: YAMLMap | YAMLSeq): Scalar | YAMLMap | YAMLSeq | undefined {
  const items = node.items as unknown[];
  const last = items[items.length - 1];
  if (last instanceof Pair) return (last.value ?? undefined) as Scalar | YAMLMap | YAMLSeq | undefined;
  return last as Scalar | undefined;
}

/** A plain scalar as the core schema reads it; keys keep their text (the reader uses a key's source). */
function plainScalar(source: string, start: number, end: number, nodeEnd: number, isKey: boolean): Scalar {
  let value: string | number = source;
  if (!isKey) {
    if (SPECIAL_WORD.test(source)) fallBack();
    if (SMALL_INT.test(source)) value = Number(source);
    else if (NUMBER_LIKE.test(source)) fallBack();
  }
  const node = new Scalar(value);
  node.type = 'PLAIN';
  node.source = source;
  node.range = [start, end, nodeEnd];
  return node;
}

/**
 * The end of a key from `at`: letters and digits of any script, `_`, `.` and `-`,
 * starting with a letter, digit or `_`. Falls back when there is no such key.
 */
function scanKey(text: string, at: number, lineEnd: number): number {
  let i = at;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) i++;
    else if ((c === 45 || c === 46) && i > at) i++;
    else if (c >= 128 && isWordChar(text, i)) i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    else break;
  }
  if (i === at) fallBack();
  return i;
}

/** A plain scalar starts with a letter, digit, `_`, `(` or an inverted mark (`¿`, `¡`). */
function startsPlain(source: string): boolean {
  const c = source.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 40) return true;
  return c === 0xbf || c === 0xa1 || (c >= 128 && isWordChar(source, 0));
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // Latin-1 and Latin Extended-A and -B letters (all but × and ÷): most accented ids.
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text);
}
