import { withoutErrorStacks } from '../text/withoutErrorStacks';
import { isAlias, isCollection, isMap, isScalar, parseDocument, visit, YAMLParseError, type Document, type Node as YamlNode } from 'yaml';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { collectionKeys } from '../codebook/collectionKeys';
import { lfForLoneCr, type LineIndex, type OffsetRange } from '../text/lineIndex';
import { diagnostic } from './report';
import { FRONT_MATTER_SCALAR_KEYS, unknownKeyWarning } from './frontMatterKeys';
import { readSimpleFrontMatter } from './simpleFrontMatter';
import { MAX_YAML_FRONT_MATTER } from '../text/frontMatterLimit';
import type { FrontMatter } from './types';

const SCALAR_KEYS = FRONT_MATTER_SCALAR_KEYS;
type ScalarKey = (typeof SCALAR_KEYS)[number];

// Character codes (local, see chars.ts).
const BOM = 0xfeff;

/** Maps and lists nested deeper than this are refused; front matter needs about 2. */
const MAX_NESTING = 100;

/** A broken front matter can yield hundreds of YAML errors; past this many, the rest are dropped. */
const MAX_YAML_DIAGNOSTICS = 100;


type AttributeValue = string | number | boolean | null;

/** What `parseFrontMatter` found: the front matter, if any, and where the body starts. */
export interface FrontMatterResult {
  frontMatter?: FrontMatter;
  bodyStart: number;
}

/**
 * Reads the YAML front matter at the top of a transcript: a first line (after an
 * optional BOM) that is exactly `---`, up to the next line that is exactly `---` or `...`.
 */
export function parseFrontMatter(text: string, lines: LineIndex, diagnostics: AxialDiagnostic[]): FrontMatterResult {
  const open = text.charCodeAt(0) === BOM ? 1 : 0;
  if (!isFenceLine(text, lines, 0, open, false)) return { bodyStart: 0 };

  const starts = lines.lineStarts;
  for (let line = 1; line < starts.length; line++) {
    const ls = starts[line];
    if (!isFenceLine(text, lines, line, ls, true)) continue;
    const contentStart = starts[1];
    const bodyStart = line + 1 < starts.length ? starts[line + 1] : text.length;
    // Most front matter is flat `key: value` lines, read without the yaml package.
    const frontMatter =
      readSimpleFrontMatter(text, contentStart, ls, diagnostics) ??
      (ls - contentStart > MAX_YAML_FRONT_MATTER ? frontMatterTooLong(open, ls - contentStart, diagnostics) : readFrontMatterYaml(text, contentStart, ls, diagnostics));
    frontMatter.range = { start: open, end: ls + 3 };
    return { frontMatter, bodyStart };
  }

  // Without a closing line we cannot tell YAML from transcript, so everything stays
  // body text: nothing the researcher wrote disappears from quotes or search.
  diagnostics.push(
    diagnostic(
      DiagnosticCodes.frontMatterUnclosed,
      'error',
      'Front matter is never closed: add a line `---` after it (or remove this line if it is not front matter).',
      open,
      open + 3,
    ),
  );
  return { bodyStart: 0 };
}

/** An empty front matter and one error on its opening fence, for YAML front matter past MAX_YAML_FRONT_MATTER. */
function frontMatterTooLong(open: number, length: number, diagnostics: AxialDiagnostic[]): FrontMatter {
  diagnostics.push(
    diagnostic(
      DiagnosticCodes.frontMatterYaml,
      'error',
      `This front matter is ${length.toLocaleString('en-US')} characters long; Axial reads YAML front matter of up to ${MAX_YAML_FRONT_MATTER.toLocaleString('en-US')} characters (a transcript's case, participant and speakers take a few hundred), so it ignores this one. Is a \`---\` line misplaced?`,
      open,
      open + 3,
    ),
  );
  return { range: { start: 0, end: 0 }, raw: {} };
}

/** True when line `line`, read from `from`, is exactly `---` (or `...` when closing), before its line break. */
function isFenceLine(text: string, lines: LineIndex, line: number, from: number, closing: boolean): boolean {
  if (line >= lines.lineStarts.length) return false;
  // The line's content, without its line break (\n, \r\n or a lone \r).
  const end = lines.lineEnd(line);
  if (end - from !== 3) return false;
  const c = text.charCodeAt(from);
  if (c !== 45 /* - */ && !(closing && c === 46) /* . */) return false;
  return text.charCodeAt(from + 1) === c && text.charCodeAt(from + 2) === c;
}

/**
 * Reads the YAML between the fences with the yaml package: parsed (with its
 * problems reported), then each key read into the front matter. Every position is
 * shifted by `base` into file offsets. Exported for the test that holds the fast
 * path (simpleFrontMatter.ts) to the same results.
 */
export function readFrontMatterYaml(text: string, base: number, end: number, diagnostics: AxialDiagnostic[]): FrontMatter {
  const fm: FrontMatter = { range: { start: 0, end: 0 }, raw: {} };
  const parsed = parseYaml(text, base, end, diagnostics);
  if (!parsed) return fm;
  const { doc, places } = parsed;
  const { at, bad } = places;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return fm; // empty front matter
  if (!isMap(root)) {
    bad(root, 'Front matter must be `key: value` lines.', base);
    return fm;
  }
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    const keyRange = at(keyNode, base);
    if (!isScalar(keyNode)) {
      // A list or map as key is reported by parseYaml, once, wherever it sits.
      if (!isCollection(keyNode)) bad(keyNode, 'A front matter key must be a plain word.', base);
      continue;
    }
    const key = scalarText(keyNode) ?? '';
    try {
      setOwn(fm.raw, key, valueNode ? valueNode.toJS(doc) : null);
    } catch (e) {
      // toJS throws on unresolvable or runaway aliases; keep the rest of the front matter.
      const r = at(valueNode, keyRange.end);
      yamlProblem(diagnostics, e, r.start, r.end);
    }
    readKey(fm, key, keyRange, valueNode, doc, places, diagnostics);
  }
  return fm;
}

/** Where YAML nodes stand in the file, and the one way to report a bad value. */
interface YamlPlaces {
  /** A node's file range (`fallback` as an empty range when it has none). */
  at(node: YamlNode | null | undefined, fallback: number): OffsetRange;
  /** An error on a node's range. */
  bad(node: YamlNode | null | undefined, message: string, fallback: number): void;
}

/**
 * Parses the front matter's YAML and reports its problems (too deep, syntax,
 * duplicate and collection keys); undefined when there is nothing to read.
 */
function parseYaml(text: string, base: number, end: number, diagnostics: AxialDiagnostic[]): { doc: Document.Parsed; places: YamlPlaces } | undefined {
  // YAML breaks lines at a lone \r as LSP does, but the yaml package only at \n and
  // \r\n: read a lone \r as \n. Same length, so every offset stays right.
  const src = lfForLoneCr(text.slice(base, end));
  const deep = tooDeepAt(src);
  if (deep >= 0) {
    diagnostics.push(
      diagnostic(
        DiagnosticCodes.frontMatterYaml,
        'error',
        `Lists and maps are nested more than ${MAX_NESTING} levels deep here, which no front matter needs; Axial ignores this front matter until the nesting is reduced.`,
        base + deep,
        base + deep + 1,
      ),
    );
    return undefined;
  }
  let doc: Document.Parsed;
  try {
    // logLevel 'error': the yaml package never prints a process warning (collection
    // keys are reported below). uniqueKeys false: the yaml package checks each key
    // against all earlier ones (quadratic: 10,000 speakers took seconds); duplicates
    // are found here with a set instead.
    doc = withoutErrorStacks(() => parseDocument(src, { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false, logLevel: 'error' }));
    addDuplicateKeyErrors(doc);
  } catch (e) {
    // The yaml package is not meant to throw here; if it ever does, the transcript still parses.
    yamlProblem(diagnostics, e, base, end);
    return undefined;
  }
  const clamp = (o: number) => base + Math.max(0, Math.min(o, src.length));
  const problems = [...doc.errors, ...doc.warnings].slice(0, MAX_YAML_DIAGNOSTICS);
  for (const p of problems) {
    const severity = p.name === 'YAMLWarning' ? 'warning' : 'error';
    const [s, e] = Array.isArray(p.pos) ? p.pos : [0, 0];
    diagnostics.push(diagnostic(DiagnosticCodes.frontMatterYaml, severity, yamlMessage(p), clamp(s), clamp(Math.max(s, e)), { yamlCode: p.code }));
  }
  const at = (node: YamlNode | null | undefined, fallback: number): OffsetRange =>
    node?.range ? { start: clamp(node.range[0]), end: clamp(node.range[1]) } : { start: fallback, end: fallback };
  const bad = (node: YamlNode | null | undefined, message: string, fallback: number) => {
    const r = at(node, fallback);
    diagnostics.push(diagnostic(DiagnosticCodes.frontMatterBadValue, 'error', message, r.start, r.end));
  };
  for (const key of collectionKeys(doc)) {
    const r = at(key, base);
    diagnostics.push(diagnostic(DiagnosticCodes.frontMatterCollectionKey, 'error', 'A key must be a plain word, not a list or map; Axial ignores this entry.', r.start, r.end));
  }
  return { doc, places: { at, bad } };
}

/** One top-level key: a known scalar, `speakers`, `attributes`, an `x-` key, or an unknown key (a warning). */
function readKey(fm: FrontMatter, key: string, keyRange: OffsetRange, valueNode: YamlNode | null, doc: Document.Parsed, places: YamlPlaces, diagnostics: AxialDiagnostic[]): void {
  const { at, bad } = places;
  const value = deref(valueNode, doc);
  const known = (SCALAR_KEYS as readonly string[]).includes(key) || key === 'speakers' || key === 'attributes';
  if (!known) {
    if (key.startsWith('x-')) return;
    diagnostics.push(unknownKeyWarning(key, keyRange.start, keyRange.end));
    return;
  }
  if (value === undefined || (isScalar(value) && value.value === null)) return; // `title:` left empty
  if (key === 'speakers') {
    if (isMap(value)) fm.speakers = readSpeakers(value.items, doc, places, keyRange.end);
    else bad(valueNode, '`speakers` must map each speaker label to a role, e.g. `P: Patient`.', keyRange.end);
  } else if (key === 'attributes') {
    if (isMap(value)) fm.attributes = readAttributes(value.items, doc, places, keyRange.end);
    else bad(valueNode, '`attributes` must be `name: value` lines, e.g. `age: 22`.', keyRange.end);
  } else if (!isScalar(value)) {
    bad(valueNode, `\`${key}\` must be a single value, not a list or map.`, keyRange.end);
  } else {
    fm[key as ScalarKey] = scalarText(value);
    if (key === 'coder') fm.coderRange = at(valueNode, keyRange.end);
  }
}

/** `speakers:` entries: label → role (`P:` with no role still declares the speaker, with an empty role). */
function readSpeakers(items: { key: unknown; value: unknown }[], doc: Document.Parsed, { bad }: YamlPlaces, keyEnd: number): Record<string, string> {
  const speakers: Record<string, string> = {};
  for (const { name: label, valueNode } of plainEntries(items, bad, 'A speaker label must be a plain word.', keyEnd)) {
    const role = deref(valueNode, doc);
    if (role === undefined || (isScalar(role) && role.value === null)) setOwn(speakers, label, '');
    else if (isScalar(role)) setOwn(speakers, label, scalarText(role) ?? '');
    else {
      setOwn(speakers, label, '');
      bad(valueNode, `The role of speaker \`${label}\` must be a single value.`, keyEnd);
    }
  }
  return speakers;
}

/** `attributes:` entries: name → a single value (a list or map is an error and left out). */
function readAttributes(items: { key: unknown; value: unknown }[], doc: Document.Parsed, { bad }: YamlPlaces, keyEnd: number): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const { name, valueNode } of plainEntries(items, bad, 'An attribute name must be a plain word.', keyEnd)) {
    const v = deref(valueNode, doc);
    if (v === undefined) setOwn(attributes, name, null);
    else if (isScalar(v)) setOwn(attributes, name, attributeValue(v.value));
    else bad(valueNode, `Attribute \`${name}\` must be a single value, not a list or map.`, keyEnd);
  }
  return attributes;
}

/**
 * The entries of a map whose keys must be plain words: an empty key or a scalar
 * that is not one is reported with `message` (a list or map as key is reported
 * once by parseYaml) and skipped.
 */
function* plainEntries(items: { key: unknown; value: unknown }[], bad: YamlPlaces['bad'], message: string, keyEnd: number): Generator<{ name: string; valueNode: YamlNode | null }> {
  for (const item of items) {
    const keyNode = item.key as YamlNode | null;
    if (!isScalar(keyNode) || keyNode.value === null) {
      if (!isCollection(keyNode)) bad(keyNode, message, keyEnd);
      continue;
    }
    yield { name: scalarText(keyNode) ?? '', valueNode: item.value as YamlNode | null };
  }
}

/**
 * Offset of a collection nested deeper than MAX_NESTING, or -1. The yaml package
 * composes nodes recursively, and thousands of nested `[` or `- - -` can take the
 * process down rather than throw; this linear estimate (flow brackets outside
 * quotes, indentation, and `- ` runs at a line start) refuses such input first.
 */
function tooDeepAt(src: string): number {
  let flow = 0;
  let lineStart = true;
  let depth = 0; // indentation plus compact `- ` entries of the current line
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      depth = 0;
      continue;
    }
    if (lineStart) {
      if (c === 32) depth += 0.5; // two spaces of indentation per level, as usually written
      else if (c === 45 /* - */ && src.charCodeAt(i + 1) === 32) depth++;
      else lineStart = false;
      if (depth > MAX_NESTING) return i;
      if (lineStart) continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // Skip a quoted scalar on this line, so brackets inside it do not count.
      let j = i + 1;
      while (j < src.length && src.charCodeAt(j) !== c && src.charCodeAt(j) !== 10) j += src.charCodeAt(j) === 92 && c === 34 ? 2 : 1;
      i = src.charCodeAt(j) === 10 ? j - 1 : j;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++flow > MAX_NESTING) return i;
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && flow > 0) {
      flow--;
    }
  }
  return -1;
}

/**
 * Reports keys repeated in a map as the yaml package does with `uniqueKeys` on (same
 * code, message and position, a scalar key equal by value to an earlier one), merged
 * into `doc.errors` in position order.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        // The package compares with ===, under which NaN equals nothing.
        if (typeof key.value === 'number' && Number.isNaN(key.value)) continue;
        if (seen.has(key.value)) {
          const at = key.range?.[0] ?? 0;
          found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else {
          seen.add(key.value);
        }
      }
    },
  });
  if (found.length === 0) return;
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  const merged: YAMLParseError[] = [];
  let j = 0;
  for (const e of doc.errors) {
    while (j < found.length && found[j].pos[0] < e.pos[0]) merged.push(found[j++]);
    merged.push(e);
  }
  while (j < found.length) merged.push(found[j++]);
  doc.errors = merged;
}

/** The yaml package's message as a sentence: its first line, capitalised, with a full stop. */
function yamlMessage(p: { message: string }): string {
  const m = (p.message || 'Invalid YAML').trim().split('\n')[0];
  const sentence = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Follows an alias to the node it names; undefined for a missing value or a broken alias. */
function deref(node: YamlNode | null | undefined, doc: Document.Parsed): YamlNode | undefined {
  if (!node) return undefined;
  if (!isAlias(node)) return node;
  try {
    return node.resolve(doc) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A scalar as the researcher wrote it: `case: 3.10` stays "3.10" and `date: 2019-03-01`
 * stays "2019-03-01", instead of going through a number; undefined for null.
 */
function scalarText(node: { value: unknown; source?: string; type?: string }): string | undefined {
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (node.type === 'PLAIN' && typeof node.source === 'string' && node.source !== '') return node.source;
  return String(v);
}

/** An attribute keeps its YAML type when it is a string, number, boolean or null. */
function attributeValue(v: unknown): AttributeValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** Sets an own property, so a key such as `__proto__` is data like any other. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function yamlProblem(diagnostics: AxialDiagnostic[], e: unknown, start: number, end: number): void {
  const message = yamlMessage({ message: e instanceof Error ? e.message : String(e) });
  diagnostics.push(diagnostic(DiagnosticCodes.frontMatterYaml, 'error', message, start, end));
}
