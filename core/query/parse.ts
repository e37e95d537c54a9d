/**
 * Reads a code query (docs/queries.md) into a tree, never throwing: a query that
 * cannot be read gives one error with the range it concerns, so the CLI and the
 * editor can point at the column.
 *
 *   query    := or
 *   or       := and ("OR" and)*
 *   and      := unary ("AND" unary)*
 *   unary    := "NOT" unary | relation
 *   relation := primary (("NEAR/" n | "NEAR" | "WITHIN") primary)*
 *   primary  := code | filter | "(" query ")"
 *   code     := ["#"] id                     (a category stands for its codes too)
 *   filter   := key ":" value | "@" coder    (key: case, participant, speaker, coder, attr.NAME)
 *
 * Operators are words in any case; `#and` names a code called "and". NOT binds
 * looser than NEAR and WITHIN, so `NOT a WITHIN b` is `NOT (a WITHIN b)`.
 */
import { ID_PATTERN } from '../codebook/ids';
import type { FilterKey, QueryError, QueryNode, QueryRange } from './types';

/** NEAR without a distance: the same turn or the next one. */
export const DEFAULT_NEAR = 1;

type Token =
  | { kind: '(' | ')'; range: QueryRange }
  | { kind: 'and' | 'or' | 'not' | 'within'; range: QueryRange }
  | { kind: 'near'; distance: number; range: QueryRange }
  | { kind: 'word'; text: string; value?: string; range: QueryRange };

/** Longest query read: far beyond any real one, and it bounds the parser's recursion. */
export const MAX_QUERY_LENGTH = 4000;

/** The tree of `query`, or the first reason it cannot be read. */
export function parseQuery(query: string): { ok: true; node: QueryNode } | { ok: false; error: QueryError } {
  if (query.length > MAX_QUERY_LENGTH) return { ok: false, error: { message: `the query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`, range: { start: MAX_QUERY_LENGTH, end: query.length } } };
  const tokens = tokenize(query);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: { message: 'the query is empty: name a code, e.g. trust AND NOT expertise', range: { start: 0, end: query.length } } };
  const parser = new Parser(query, tokens);
  try {
    const node = parser.or();
    const rest = parser.peek();
    if (rest) throw fail(rest.kind === ')' ? "unexpected ')': no '(' to close" : `${describe(query, rest)}: join terms with AND, OR, NEAR/n or WITHIN`, rest.range);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    throw e;
  }
}

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function fail(message: string, range: QueryRange): ParseFailure {
  return new ParseFailure({ message, range });
}

/** How a token reads in a message: `'word'`, or `the end`. */
function describe(query: string, t: Token | undefined): string {
  return t ? `'${query.slice(t.range.start, t.range.end)}'` : 'the end of the query';
}

/** Recursive descent over the tokens; depth is bounded by the query's length, which the callers cap. */
class Parser {
  private i = 0;
  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }

  or(): QueryNode {
    let left = this.and();
    for (let t = this.peek(); t?.kind === 'or'; t = this.peek()) {
      this.i++;
      const right = this.and();
      left = { kind: 'or', left, right, range: span(left.range, right.range) };
    }
    return left;
  }

  and(): QueryNode {
    let left = this.unary();
    for (let t = this.peek(); t?.kind === 'and'; t = this.peek()) {
      this.i++;
      const right = this.unary();
      left = { kind: 'and', left, right, range: span(left.range, right.range) };
    }
    return left;
  }

  unary(): QueryNode {
    const t = this.peek();
    if (t?.kind === 'not') {
      this.i++;
      const operand = this.unary();
      return { kind: 'not', operand, range: span(t.range, operand.range) };
    }
    return this.relation();
  }

  relation(): QueryNode {
    let left = this.primary();
    for (let t = this.peek(); t?.kind === 'near' || t?.kind === 'within'; t = this.peek()) {
      this.i++;
      const right = this.primary();
      const range = span(left.range, right.range);
      left = t.kind === 'near' ? { kind: 'near', distance: t.distance, left, right, range } : { kind: 'within', left, right, range };
    }
    return left;
  }

  primary(): QueryNode {
    const t = this.peek();
    if (!t) {
      const end = this.query.length;
      throw fail('the query ends where a code, a filter or ( was expected', { start: end, end });
    }
    if (t.kind === '(') {
      this.i++;
      const inner = this.or();
      const close = this.peek();
      if (close?.kind !== ')') throw fail(`missing ')' for the '(' at column ${t.range.start + 1}`, close?.range ?? t.range);
      this.i++;
      return { ...inner, range: span(t.range, close.range) };
    }
    if (t.kind !== 'word') throw fail(`${describe(this.query, t)} where a code, a filter or ( was expected`, t.range);
    this.i++;
    return atom(t);
  }
}

function span(a: QueryRange, b: QueryRange): QueryRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

const FILTER_KEYS: readonly string[] = ['case', 'participant', 'speaker', 'coder'];

/** A word as a code or a filter term. */
function atom(t: Extract<Token, { kind: 'word' }>): QueryNode {
  const { text, range } = t;
  if (text.startsWith('@')) {
    const value = t.value ?? text.slice(1);
    if (value === '') throw fail("'@' needs a coder's initials, e.g. @LN", range);
    return { kind: 'filter', key: 'coder', value, range };
  }
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const key = text.slice(0, colon);
    const value = t.value ?? text.slice(colon + 1);
    const lower = key.toLowerCase();
    if (value === '') throw fail(`'${key}:' needs a value, e.g. ${key}:"Case A"`, range);
    if (FILTER_KEYS.includes(lower)) return { kind: 'filter', key: lower as FilterKey, value, range };
    if (lower.startsWith('attr.') && key.length > 5) return { kind: 'filter', key: 'attr', name: key.slice(5), value, range };
    throw fail(`unknown filter '${key}:': use case:, participant:, speaker:, coder:, or attr.NAME:`, { start: range.start, end: range.start + colon + 1 });
  }
  const id = (text.startsWith('#') ? text.slice(1) : text).normalize('NFC');
  if (!ID_PATTERN.test(id)) throw fail(`'${text}' is not a code id (a letter or digit, then letters, digits, _ . or -)`, range);
  return { kind: 'code', id, range };
}

const OPERATORS: Record<string, 'and' | 'or' | 'not' | 'within'> = { and: 'and', or: 'or', not: 'not', within: 'within' };

/** The tokens of a query, or the error of an unterminated quote or a bad NEAR. */
function tokenize(query: string): Token[] | QueryError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c, range: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    const start = i;
    let value: string | undefined;
    while (i < query.length && !/[\s()]/.test(query[i])) {
      if (query[i] === '"') {
        // A quoted value: `case:"Case A"`; a backslash keeps the next character.
        const open = i++;
        let v = '';
        while (i < query.length && query[i] !== '"') v += query[i] === '\\' && i + 1 < query.length ? query[++i] : query[i], i++;
        if (i >= query.length) return { message: `unterminated quote: the '"' at column ${open + 1} is never closed`, range: { start: open, end: query.length } };
        i++;
        value = v;
      } else i++;
    }
    const range = { start, end: i };
    const text = query.slice(start, i);
    const lower = text.toLowerCase();
    const op = value === undefined ? OPERATORS[lower] : undefined;
    if (op) tokens.push({ kind: op, range });
    else if (value === undefined && /^near(\/|$)/.test(lower)) {
      const m = /^near(?:\/(\d{1,6}))?$/.exec(lower);
      if (!m) return { message: `'${text}': write NEAR/n with n a whole number of turns, e.g. NEAR/2`, range };
      tokens.push({ kind: 'near', distance: m[1] === undefined ? DEFAULT_NEAR : Number(m[1]), range });
    } else tokens.push({ kind: 'word', text, value, range });
  }
  return tokens;
}
