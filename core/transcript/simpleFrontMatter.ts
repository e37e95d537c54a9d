/**
 * A fast path for the front matter almost every transcript has: flat `key: value`
 * lines, and `speakers:` / `attributes:` maps of `  name: value` lines. Parsing
 * such a block with the yaml package costs about 0.2 ms a file (a tenth of a cold
 * index); reading the lines directly costs a few microseconds.
 *
 * The rule that keeps it safe: this reader accepts only a small subset of YAML
 * whose meaning it knows exactly, and gives up (returns undefined) on anything
 * else, so the yaml package reads it as before. Accepted input must give exactly
 * what the yaml path gives: the same FrontMatter (raw values included) and the
 * same diagnostics (test/unit/simpleFrontMatter.test.ts compares both on
 * generated and hostile front matter).
 */
import type { AxialDiagnostic } from '../diagnostics';
import { FRONT_MATTER_SCALAR_KEYS, unknownKeyWarning } from './frontMatterKeys';
import type { FrontMatter } from './types';

type Value = string | number;

interface Entry {
  key: string;
  keyStart: number;
  /** The scalar value, or undefined for `key:` followed by an indented map. */
  value?: Value;
  /** The value as written (for strings and numbers alike). */
  source?: string;
  valueStart: number;
  valueEnd: number;
  map?: { key: string; value: Value; source: string }[];
}

/** A top-level key: ASCII letters, digits, `_` and `-`, starting with a letter. */
const TOP_KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A speaker label or attribute name: letters (any script), digits, `_` and `-`, starting with a letter. */
const NESTED_KEY = /^\p{L}[\p{L}\p{N}_-]*$/u;
/**
 * A plain scalar that YAML reads as the same text: it starts with a letter or digit
 * and holds only letters, digits, single spaces and `. _ / , -` (no `#`, `:`,
 * quotes, brackets or anything else YAML gives a meaning).
 */
const PLAIN_VALUE = /^[\p{L}\p{N}](?:[\p{L}\p{N}._/,-]| (?=[\p{L}\p{N}._/,-]))*$/u;
/** Words the YAML 1.2 core schema reads as null or a boolean (any case here: the rest falls back). */
const SPECIAL_WORD = /^(?:null|true|false)$/i;
/** Anything the core schema may read as a number, other than the integers read below. */
const NUMBER_LIKE = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** Integers that are exactly a JavaScript number. */
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * Reads the front matter between `base` and `end` (the YAML without its fences) when
 * it is of the simple shape described above; undefined (and no diagnostics added)
 * when it is not, for the yaml package to read.
 */
export function readSimpleFrontMatter(text: string, base: number, end: number, diagnostics: AxialDiagnostic[]): FrontMatter | undefined {
  const entries = simpleEntries(text, base, end);
  if (!entries) return undefined;
  const fm: FrontMatter = { range: { start: 0, end: 0 }, raw: {} };
  for (const e of entries) {
    if (e.map) {
      const raw: Record<string, Value> = {};
      for (const m of e.map) raw[m.key] = m.value;
      fm.raw[e.key] = raw;
    } else {
      fm.raw[e.key] = e.value;
    }
    const keyEnd = e.keyStart + e.key.length;
    if (e.key === 'speakers' && e.map) {
      const speakers: Record<string, string> = {};
      for (const m of e.map) speakers[m.key] = m.source;
      fm.speakers = speakers;
    } else if (e.key === 'attributes' && e.map) {
      const attributes: Record<string, Value> = {};
      for (const m of e.map) attributes[m.key] = m.value;
      fm.attributes = attributes;
    } else if ((FRONT_MATTER_SCALAR_KEYS as readonly string[]).includes(e.key) && !e.map) {
      fm[e.key as (typeof FRONT_MATTER_SCALAR_KEYS)[number]] = e.source;
      if (e.key === 'coder') fm.coderRange = { start: e.valueStart, end: e.valueEnd };
    } else if (!e.key.startsWith('x-')) {
      diagnostics.push(unknownKeyWarning(e.key, e.keyStart, keyEnd));
    }
  }
  return fm;
}

/** The entries of a simple front matter, or undefined when any line is outside the subset. */
function simpleEntries(text: string, base: number, end: number): Entry[] | undefined {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  let at = base;
  while (at < end) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(at, lineEnd);
    if (line.charCodeAt(0) === 32 /* space */) {
      // An entry of the map opened by the last `speakers:` or `attributes:` line.
      const open = entries[entries.length - 1];
      if (!open?.map || line.charCodeAt(1) !== 32 || line.charCodeAt(2) === 32) return undefined;
      const pair = keyValue(line, 2);
      if (!pair || !NESTED_KEY.test(pair.key) || SPECIAL_WORD.test(pair.key) || pair.valueAt < 0) return undefined;
      if (open.map.some((m) => m.key === pair.key)) return undefined; // a duplicate: the yaml package reports it
      const value = scalar(pair.source);
      if (value === undefined) return undefined;
      open.map.push({ key: pair.key, value, source: pair.source });
    } else {
      const last = entries[entries.length - 1];
      if (last?.map && last.map.length === 0) return undefined; // `speakers:` left empty: null, read by yaml
      const pair = keyValue(line, 0);
      if (!pair || !TOP_KEY.test(pair.key) || SPECIAL_WORD.test(pair.key) || seen.has(pair.key)) return undefined;
      seen.add(pair.key);
      const keyStart = at;
      if (pair.valueAt < 0) {
        // Only these two keys may open a map here; any other empty value falls back.
        if (pair.key !== 'speakers' && pair.key !== 'attributes') return undefined;
        entries.push({ key: pair.key, keyStart, valueStart: 0, valueEnd: 0, map: [] });
      } else {
        // `speakers: x` is an error the yaml path reports.
        if (pair.key === 'speakers' || pair.key === 'attributes') return undefined;
        const value = scalar(pair.source);
        if (value === undefined) return undefined;
        const valueStart = at + pair.valueAt;
        entries.push({ key: pair.key, keyStart, value, source: pair.source, valueStart, valueEnd: valueStart + pair.source.length });
      }
    }
    at = lineEnd + 1;
  }
  const last = entries[entries.length - 1];
  if (entries.length === 0 || (last.map && last.map.length === 0)) return undefined;
  return entries;
}

/** `key: value` (one space after the colon) or `key:` from `from`; valueAt is -1 for the latter. */
function keyValue(line: string, from: number): { key: string; source: string; valueAt: number } | undefined {
  const colon = line.indexOf(':', from);
  if (colon <= from) return undefined;
  const key = line.slice(from, colon);
  if (colon === line.length - 1) return { key, source: '', valueAt: -1 };
  if (line.charCodeAt(colon + 1) !== 32) return undefined;
  const source = line.slice(colon + 2);
  return { key, source, valueAt: colon + 2 };
}

/** A plain scalar's value under the core schema, or undefined when it is not in the subset. */
function scalar(source: string): Value | undefined {
  if (!PLAIN_VALUE.test(source) || SPECIAL_WORD.test(source)) return undefined;
  if (SMALL_INT.test(source)) return Number(source);
  if (NUMBER_LIKE.test(source)) return undefined;
  return source;
}
