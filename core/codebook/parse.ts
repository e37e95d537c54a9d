/**
 * parseCodebook: codebook.yaml text → Codebook model (FORMAT section 2). Never
 * throws: every problem becomes a diagnostic with an exact range, and whatever can
 * be read is read. Offsets are UTF-16 offsets into `text` as given (a leading BOM
 * included, so ranges line up with the caller's text).
 */
import { isMap, isScalar } from 'yaml';
import type { Node, YAMLError } from 'yaml';
import type { AxialDiagnostic } from '../diagnostics';
import { DiagnosticCodes } from '../diagnostics';
import { conflictMarkers } from '../diagnostics';
import { LineIndex, lfForLoneCr } from '../text/lineIndex';
import { printable } from '../text/printable';
import { lowerBound } from '../text/search';
import type { Codebook } from './types';
import { DEFAULT_TRANSCRIPT_GLOBS } from './types';
import { YamlReader } from './yamlReader';
import { readSimpleYaml } from './simpleYaml';
import { composeYaml, MAX_NESTING } from './composeYaml';
import type { Entry } from './yamlReader';
import { collectionKeys } from './collectionKeys';
import { isValidId } from './ids';
import { readCode } from './readCode';
import { readCoders } from './readCoders';
import { readGroups, validateGroups } from './readGroups';
import { reportUnknownKey } from './unknownKey';
import { validateCodes } from './validate';

/** The top-level keys of codebook.yaml. */
export const TOP_LEVEL_KEYS = ['version', 'title', 'language', 'transcripts', 'coders', 'codes', 'groups'] as const;

/** The format version this parser reads. */
export const FORMAT_VERSION = 1;

/** A broken file can yield thousands of YAML errors; past this many, the rest are dropped. */
export const MAX_YAML_DIAGNOSTICS = 100;

const YAML_OPTIONS = {
  keepSourceTokens: true,
  strict: false,
  uniqueKeys: false,
  prettyErrors: false,
  // The yaml package never prints process warnings; collection keys are diagnostics.
  logLevel: 'error',
} as const;

export function parseCodebook(text: string): Codebook {
  return parse(text, true);
}

/**
 * parseCodebook without the fast path (simpleYaml.ts): every file composed by the
 * yaml package. The reference the fast path is tested and measured against.
 */
export function parseCodebookWithYaml(text: string): Codebook {
  return parse(text, false);
}

function parse(text: string, simple: boolean): Codebook {
  const source = typeof text === 'string' ? text : String(text ?? '');
  const codebook = emptyCodebook(source);
  try {
    read(codebook, simple);
  } catch (e) {
    // A bug or a YAML library failure must not take the language server down.
    const fresh = emptyCodebook(source);
    fresh.diagnostics.push({
      code: DiagnosticCodes.codebookYaml,
      severity: 'error',
      message: printable(`Axial could not read this codebook (internal error: ${e instanceof Error ? e.message : String(e)}).`),
      range: { start: 0, end: Math.min(source.length, firstLineLength(source)) },
    });
    return fresh;
  }
  codebook.diagnostics = withConflictMarkers(tidy(codebook.diagnostics), source);
  return codebook;
}

function emptyCodebook(text: string): Codebook {
  return {
    text,
    lines: new LineIndex(text),
    language: 'en',
    transcripts: [...DEFAULT_TRANSCRIPT_GLOBS],
    codes: new Map(),
    groups: new Map(),
    diagnostics: [],
  };
}

function read(codebook: Codebook, useSimple: boolean): void {
  const { text } = codebook;
  // Most codebooks are plain block YAML, read directly; anything else goes to the yaml package.
  const simple = useSimple ? readSimpleYaml(text) : undefined;
  if (simple) {
    const r = new YamlReader(text, codebook.lines, simple);
    codebook.diagnostics = r.diagnostics;
    readRoot(r, codebook, simple);
    return;
  }
  // The yaml package misreads a BOM before `- item`, so it is cut off and offsets shifted back.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // A lone \r is a line break (as in LSP positions); lfForLoneCr keeps offsets.
  const composed = composeYaml(lfForLoneCr(shift ? text.slice(shift) : text), YAML_OPTIONS);
  if ('tooDeepAt' in composed) {
    const at = Math.min(text.length, composed.tooDeepAt + shift);
    codebook.diagnostics.push({
      code: DiagnosticCodes.codebookYaml,
      severity: 'error',
      message: `Lists and maps are nested more than ${MAX_NESTING} levels deep here, which no codebook needs. Axial does not read this file until the nesting is reduced.`,
      range: { start: at, end: Math.min(text.length, at + 1) },
    });
    return;
  }
  const { doc } = composed;
  const r = new YamlReader(text, codebook.lines, doc, shift);
  codebook.diagnostics = r.diagnostics;
  reportYamlProblems(r, doc.errors, 'error');
  reportYamlProblems(r, doc.warnings, 'warning');
  for (const key of collectionKeys(doc)) {
    r.error(DiagnosticCodes.codebookCollectionKey, 'A key must be a plain word, not a list or map; Axial ignores this entry.', r.rangeOf(key));
  }

  readRoot(r, codebook, r.deref(doc.contents));
}

/** Reads the codebook from the document's root node, however it was parsed. */
function readRoot(r: YamlReader, codebook: Codebook, root: Node | null): void {
  if (root === null || r.isEmpty(root)) return; // an empty file is an empty codebook
  if (!isMap(root)) {
    r.error(
      DiagnosticCodes.codebookNotMap,
      `A codebook must be a map of settings (version, title, coders, codes, ...), but this file holds ${r.describe(root)}.`,
      r.firstLineOf(root),
    );
    return;
  }

  const entries = r.entries(root, (second, first) => duplicateKey(r, second, first, 'at the top level'));
  for (const e of entries) {
    switch (e.key) {
      case 'version':
        readVersion(r, codebook, e);
        break;
      case 'title':
        codebook.title = r.textValue(e.value, "the codebook's title", e.keyRange)?.value;
        break;
      case 'language': {
        const language = r.textValue(e.value, "the codebook's language", e.keyRange);
        if (language && language.value.trim() !== '') codebook.language = language.value.trim();
        break;
      }
      case 'transcripts':
        readTranscripts(r, codebook, e);
        break;
      case 'coders':
        codebook.coders = readCoders(r, e);
        break;
      case 'codes':
        readCodes(r, codebook, e);
        break;
      case 'groups':
        codebook.groups = readGroups(r, e);
        break;
      default:
        reportUnknownKey(r, e, TOP_LEVEL_KEYS, 'key', 'at the top level of the codebook');
    }
  }
  validateCodes(r, codebook);
  validateGroups(r, codebook);
}

function reportYamlProblems(r: YamlReader, problems: YAMLError[], severity: 'error' | 'warning'): void {
  const already = r.diagnostics.length;
  for (const p of problems) {
    if (r.diagnostics.length - already >= MAX_YAML_DIAGNOSTICS) break;
    const [start, end] = Array.isArray(p.pos) ? p.pos : [0, 0];
    r.report(DiagnosticCodes.codebookYaml, severity, yamlMessage(p), r.fromYaml(start, end), { yamlCode: p.code });
  }
}

/** The YAML library's message as a sentence (a few rewritten for researchers). */
function yamlMessage(p: YAMLError): string {
  if (p.code === 'MULTIPLE_DOCS') return "A codebook is a single YAML document. This '---' starts a second one, which Axial ignores.";
  if (p.code === 'TAB_AS_INDENT') return 'Indent with spaces: YAML does not allow tabs for indentation.';
  const m = (p.message || 'Invalid YAML').trim().split('\n')[0];
  const sentence = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function duplicateKey(r: YamlReader, second: Entry, first: Entry, where: string): void {
  r.error(
    DiagnosticCodes.codebookYaml,
    `Duplicate key '${second.key}' ${where}. The first '${second.key}' (line ${r.lineNumber(first.keyRange.start)}) is used; this one is ignored.`,
    second.keyRange,
    { key: second.key },
  );
}

function readVersion(r: YamlReader, codebook: Codebook, e: Entry): void {
  const node = r.deref(e.value);
  let problem: string;
  let range = e.keyRange;
  if (node === null || (isScalar(node) && node.value === null)) {
    problem = 'The version is empty';
  } else if (isScalar(node)) {
    const v = node.value;
    // `version: "1"` is what a researcher means by version 1.
    if (v === FORMAT_VERSION || (typeof v === 'string' && v.trim() === String(FORMAT_VERSION))) {
      codebook.version = FORMAT_VERSION;
      return;
    }
    if (typeof v === 'number') codebook.version = v;
    problem = `This codebook says version ${r.scalarText(node)}`;
    range = r.rangeOf(e.value, e.keyRange);
  } else {
    problem = `The version must be a number, not ${r.describe(node)}`;
    range = r.rangeOf(e.value, e.keyRange);
  }
  r.error(
    DiagnosticCodes.codebookBadVersion,
    `${problem}, but Axial reads version ${FORMAT_VERSION} of the codebook format. Write 'version: ${FORMAT_VERSION}'.`,
    range,
    { expected: FORMAT_VERSION },
  );
}

function readTranscripts(r: YamlReader, codebook: Codebook, e: Entry): void {
  if (r.isEmpty(e.value)) return;
  const globs = r.textList(e.value, "the codebook's transcripts (globs like transcripts/**/*.md)", e.keyRange);
  const kept = globs.map((g) => g.value).filter((g) => g.trim() !== '');
  if (kept.length > 0) codebook.transcripts = kept;
}

function readCodes(r: YamlReader, codebook: Codebook, e: Entry): void {
  const value = r.deref(e.value);
  if (value === null || r.isEmpty(value)) return;
  if (!isMap(value)) {
    r.error(
      DiagnosticCodes.codebookBadValue,
      `'codes' must map each code id to its fields, not be ${r.describe(value)}.`,
      r.rangeOf(e.value, e.keyRange),
      { key: 'codes', expected: 'map' },
    );
    return;
  }
  const entries = r.idEntries(value, DiagnosticCodes.duplicateCode, 'code');
  for (const entry of entries) {
    // A list or map as key is reported as codebook.collection-key.
    if (!entry.complexKey && !isValidId(entry.key)) {
      const shown = entry.key === '' ? 'An empty key' : `'${entry.key}'`;
      r.error(
        DiagnosticCodes.badCodeId,
        `${shown} is not a valid code id. An id starts with a letter or digit and continues with letters, digits, '_', '.' or '-', without spaces.`,
        entry.keyRange,
        { id: entry.key },
      );
    }
    codebook.codes.set(entry.key, readCode(r, entry, codebook.codes.size));
  }
}

/**
 * Drop exact repeats (an alias read twice) and follow-on problems (a value that is
 * only "a map, not text" because of a YAML error inside it), then sort by position.
 */
function tidy(diagnostics: AxialDiagnostic[]): AxialDiagnostic[] {
  const yamlErrorStarts = diagnostics
    .filter((d) => d.code === DiagnosticCodes.codebookYaml && d.severity === 'error')
    .map((d) => d.range.start)
    .sort((a, b) => a - b);
  const seen = new Set<string>();
  const out: AxialDiagnostic[] = [];
  for (const d of diagnostics) {
    const k = `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${d.message}`;
    if (seen.has(k)) continue;
    if (d.code !== DiagnosticCodes.codebookYaml && containsAny(d.range, yamlErrorStarts)) continue;
    seen.add(k);
    out.push(d);
  }
  return out.map((d, i) => ({ d, i })).sort((a, b) => a.d.range.start - b.d.range.start || a.i - b.i).map((x) => x.d);
}

/**
 * Adds the conflict marker errors after `tidy`, which would drop them as follow-ons
 * of the YAML error a marker line usually causes: the marker is the cause, so it
 * comes first at its position and the YAML error stays after it.
 */
function withConflictMarkers(diagnostics: AxialDiagnostic[], text: string): AxialDiagnostic[] {
  const markers = conflictMarkers(text);
  if (markers.length === 0) return diagnostics;
  return [...markers, ...diagnostics].map((d, i) => ({ d, i })).sort((a, b) => a.d.range.start - b.d.range.start || a.i - b.i).map((x) => x.d);
}

/** Whether a range holds one of the sorted offsets (a YAML error starting inside it). */
function containsAny(range: { start: number; end: number }, sorted: number[]): boolean {
  const lo = lowerBound(sorted, range.start);
  return lo < sorted.length && (sorted[lo] < range.end || sorted[lo] === range.start);
}

function firstLineLength(text: string): number {
  const i = text.search(/[\r\n]/);
  return i === -1 ? text.length : i;
}
