/**
 * The properties every fuzz case must keep, checked in process through core:
 *  - never-throws: no core call throws, whatever the input;
 *  - ranges-inside: every diagnostic, edit, symbol, completion and location range
 *    lies inside its document (0 ≤ start ≤ end ≤ length);
 *  - lsp-positions: offsets become the positions an LSP client computes (lines
 *    break at \n, \r\n and \r) and back, for every reported range;
 *  - reparse-equals-full: an incremental re-parse (core/transcript/reparse.ts) and
 *    an incrementally updated index equal a full parse and a fresh index;
 *  - edits-keep-stripped: every offered edit (quick fixes, coding commands,
 *    suggestions, refactorings) applies cleanly and keeps the stripped text of
 *    every transcript it touches;
 *  - bounded-time: every call answers within the bound, measured as the CPU time of
 *    the checking thread (test/fuzz/cpuClock.ts) so that a loaded machine does not
 *    fail it; a generous wall-clock cap per call only catches hangs;
 *  - no-warnings: no call makes Node print a process warning (a library's
 *    complaint would reach the CLI's stderr and the client's log).
 */
import { isDeepStrictEqual } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  addCodes,
  applyEdits,
  axialModel,
  codeCaseMatrix,
  codeCooccurrence,
  codedSpanAt,
  codeSelection,
  complete,
  definition,
  documentSymbols,
  hover,
  mergeCode,
  moveCode,
  parseTranscript,
  ProjectIndex,
  references,
  removeCode,
  renameCode,
  renameSpotAt,
  spanTints,
  suggestActions,
  treeChildren,
  treeFacets,
  treeNodeIdAt,
  uncode,
  quickFixes,
  type FileEdit,
  type LineIndex,
  type OffsetRange,
  type SymbolEntry,
  type Transcript,
} from '../../core';
import { reparseTranscript } from '../../core/transcript/reparse';
import { at, editedTexts, type FuzzCase } from './cases';
import type { FuzzInput } from './mutators';
import { seedCorpus } from './seeds';
import { cpuMs } from './cpuClock';

export const PROPERTIES = ['never-throws', 'ranges-inside', 'lsp-positions', 'reparse-equals-full', 'edits-keep-stripped', 'bounded-time', 'no-warnings'] as const;
export type PropertyName = (typeof PROPERTIES)[number];

/** A broken property, in one line, with where it broke. */
export interface Failure {
  property: PropertyName;
  message: string;
}

/** What checking one case found: failures, how many checks each property made, and call times. */
export interface CaseReport {
  failures: Failure[];
  checks: Record<PropertyName, number>;
  /** Slowest time per operation in this case, in CPU ms of the checking thread. */
  times: Record<string, number>;
  /** The whole case: CPU ms of the checking thread, and wall-clock ms. */
  cpuMs: number;
  wallMs: number;
  size: number;
}

export interface CheckOptions {
  /** Most CPU time a single call may take, in ms (the checking thread's CPU time, not the wall clock). */
  boundMs: number;
  /** Most CPU time the whole case may take, in ms (none when undefined). */
  caseBoundMs?: number;
  /**
   * Most wall-clock time a single call may take, in ms: only a hang guard, as a
   * loaded machine stretches wall time many times over (default: 30 times
   * `boundMs`, at least a minute).
   */
  wallCapMs?: number;
}

const ROOT = 'file:///fuzz/project';
const CB = `${ROOT}/codebook.yaml`;
const T = `${ROOT}/transcripts/fuzzed.md`;
const OTHER = `${ROOT}/transcripts/other.md`;

/** Plain data of a transcript, for comparing a re-parse with a full parse. */
export function normalized(t: Transcript): unknown {
  return {
    text: t.text,
    bodyStart: t.bodyStart,
    frontMatter: t.frontMatter,
    turns: t.turns,
    spans: t.spans,
    stripped: { text: t.stripped.text, runs: t.stripped.runs },
    diagnostics: t.diagnostics,
    lineStarts: t.lines.lineStarts,
  };
}

class Checker {
  readonly failures: Failure[] = [];
  readonly checks = Object.fromEntries(PROPERTIES.map((p) => [p, 0])) as Record<PropertyName, number>;
  readonly times: Record<string, number> = {};

  constructor(private readonly options: CheckOptions) {}

  fail(property: PropertyName, message: string): void {
    // One failure per property and message shape is enough; a case can break a property many times.
    if (this.failures.some((f) => f.property === property)) return;
    this.failures.push({ property, message: message.length > 600 ? message.slice(0, 600) + '…' : message });
  }

  check(property: PropertyName, ok: boolean, message: () => string): void {
    this.checks[property]++;
    if (!ok) this.fail(property, message());
  }

  /** Runs one call: times it and turns an exception into a never-throws failure. */
  call<T>(op: string, f: () => T): T | undefined {
    const started = performance.now();
    const cpuStarted = cpuMs();
    let result: T | undefined;
    try {
      result = f();
      this.checks['never-throws']++;
    } catch (e) {
      const err = e as Error;
      this.fail('never-throws', `${op} threw ${err?.name}: ${err?.message} ${String(err?.stack ?? '').split('\n').slice(1, 4).join(' ').replace(/\s+/g, ' ')}`);
    }
    const cpu = cpuMs() - cpuStarted;
    const wall = performance.now() - started;
    const cap = this.options.wallCapMs ?? Math.max(60_000, this.options.boundMs * 30);
    this.times[op] = Math.max(this.times[op] ?? 0, cpu);
    this.check('bounded-time', cpu <= this.options.boundMs, () => `${op} took ${cpu.toFixed(0)} ms of CPU (bound ${this.options.boundMs} ms; ${wall.toFixed(0)} ms wall clock)`);
    this.check('bounded-time', wall <= cap, () => `${op} took ${wall.toFixed(0)} ms of wall-clock time (hang guard ${cap} ms; ${cpu.toFixed(0)} ms of CPU)`);
    return result;
  }
}

function inside(r: OffsetRange | undefined, length: number): boolean {
  return !!r && Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= length;
}

function show(r: OffsetRange | undefined): string {
  return r ? `[${r.start}, ${r.end})` : 'undefined';
}

/** Checks every property on one case. Never throws itself. */
export function checkCase(c: FuzzCase, options: CheckOptions): CaseReport {
  const k = new Checker(options);
  const started = performance.now();
  const cpuStarted = cpuMs();
  const warnings: string[] = [];
  const emitWarning = process.emitWarning;
  process.emitWarning = ((w: string | Error) => {
    warnings.push(typeof w === 'string' ? w : w?.message);
  }) as typeof process.emitWarning;
  try {
    runCase(c, k);
  } catch (e) {
    k.fail('never-throws', `the check itself threw: ${(e as Error)?.stack ?? e}`);
  } finally {
    process.emitWarning = emitWarning;
  }
  k.check('no-warnings', warnings.length === 0, () => `process warning: ${warnings[0]}`);
  const cpu = cpuMs() - cpuStarted;
  if (options.caseBoundMs !== undefined) {
    k.check('bounded-time', cpu <= options.caseBoundMs, () => `the whole case took ${cpu.toFixed(0)} ms of CPU (bound ${options.caseBoundMs} ms)`);
  }
  const wallMs = performance.now() - started;
  return { failures: k.failures, checks: k.checks, times: k.times, cpuMs: cpu, wallMs, size: c.input.transcript.length + c.input.codebook.length };
}

function runCase(c: FuzzCase, k: Checker): void {
  const { codebook, transcript } = c.input;
  const other = seedCorpus().transcripts[0].text;
  const texts = new Map([
    [CB, codebook],
    [T, transcript],
    [OTHER, other],
  ]);
  const index = new ProjectIndex();
  k.call('index.setFile codebook', () => index.setFile(CB, codebook));
  k.call('index.setFile transcript', () => index.setFile(T, transcript));
  k.call('index.setFile other', () => index.setFile(OTHER, other));

  const project = k.call('projectOf', () => index.projectOf(T));
  const linesOf = (uri: string): LineIndex | undefined => (uri === CB ? project?.codebook.lines : index.entry(uri)?.transcript.lines);

  // Ranges reported for a document, collected for the LSP position check.
  const reported = new Map<string, number[]>();
  const rangeIn = (uri: string, r: OffsetRange | undefined, what: string) => {
    const text = texts.get(uri);
    if (text === undefined) return k.check('ranges-inside', false, () => `${what} names an unknown file ${uri}`);
    k.check('ranges-inside', inside(r, text.length), () => `${what} range ${show(r)} outside the document (length ${text.length})`);
    if (r && inside(r, text.length)) {
      let list = reported.get(uri);
      if (!list) reported.set(uri, (list = []));
      if (list.length < 2000) list.push(r.start, r.end);
    }
  };

  // Diagnostics.
  for (const uri of [CB, T, OTHER]) {
    const diags = k.call(`diagnostics ${uri === CB ? 'codebook' : 'transcript'}`, () => index.diagnostics(uri)) ?? [];
    for (const d of diags) rangeIn(uri, d.range, `diagnostic ${d.code}`);
  }

  // Features at probe offsets, in the transcript and in the codebook.
  const codes = project ? [...project.codebook.codes.keys()] : [];
  for (const [uri, text] of [
    [T, transcript],
    [CB, codebook],
  ] as const) {
    const name = uri === CB ? 'codebook' : 'transcript';
    for (const p of c.probes.slice(0, 4)) {
      const o = at(p, text.length);
      const h = k.call(`hover ${name}`, () => hover(index, uri, o));
      if (h?.range) rangeIn(uri, h.range, 'hover');
      for (const e of k.call(`completion ${name}`, () => complete(index, uri, o)) ?? []) rangeIn(uri, e.range, 'completion');
      const d = k.call(`definition ${name}`, () => definition(index, uri, o));
      if (d) rangeIn(d.uri, d.range, 'definition');
      for (const l of k.call(`references ${name}`, () => references(index, uri, o, true)) ?? []) rangeIn(l.uri, l.range, 'reference');
      const spot = k.call(`renameSpot ${name}`, () => renameSpotAt(index, uri, o));
      if (spot && 'range' in spot) rangeIn(uri, (spot as { range: OffsetRange }).range, 'rename spot');
      k.call(`treeNodeIdAt ${name}`, () => treeNodeIdAt(index, uri, o));
    }
    const walk = (s: SymbolEntry[], depth: number) => {
      for (const e of s) {
        rangeIn(uri, e.range, 'symbol');
        rangeIn(uri, e.selectionRange, 'symbol selection');
        if (depth < 64) walk(e.children, depth + 1);
      }
    };
    walk(k.call(`documentSymbols ${name}`, () => documentSymbols(index, uri)) ?? [], 0);
  }
  k.call('spanTints', () => spanTints(index, T));

  // The Axial view and the pictures.
  const top = k.call('tree root', () => treeChildren(index)) ?? [];
  for (const n of top.slice(0, 3)) {
    const kids = k.call('tree children', () => treeChildren(index, n.id)) ?? [];
    for (const m of kids.slice(0, 3)) if (m.hasChildren) k.call('tree children', () => treeChildren(index, m.id));
  }
  k.call('tree facets', () => treeFacets(index));
  if (project) {
    k.call('analysis model', () => axialModel(project));
    k.call('analysis cooccurrence', () => codeCooccurrence(project));
    k.call('analysis matrix', () => codeCaseMatrix(project));
  }

  // Every offered edit: applies cleanly, stays inside, keeps the stripped text.
  const offered = (what: string, edits: FileEdit[] | undefined) => {
    if (!edits || edits.length === 0) return;
    const byUri = new Map<string, FileEdit[]>();
    for (const e of edits) {
      rangeIn(e.uri, e.range, `${what} edit`);
      if (!byUri.has(e.uri)) byUri.set(e.uri, []);
      byUri.get(e.uri)!.push(e);
    }
    for (const [uri, list] of byUri) {
      const text = texts.get(uri);
      if (text === undefined || !list.every((e) => inside(e.range, text.length))) continue;
      let after: string;
      try {
        after = applyEdits(text, list);
      } catch (e) {
        k.check('edits-keep-stripped', false, () => `${what}: ${(e as Error).message}`);
        continue;
      }
      if (uri === CB) continue; // codebook edits have no stripped text; their ranges are checked above
      const before = parseTranscript(text).stripped.text;
      const now = parseTranscript(after).stripped.text;
      k.check('edits-keep-stripped', before === now, () => `${what} changes the stripped text: ${JSON.stringify(list.map((e) => ({ range: show(e.range), newText: e.newText })))}`);
    }
  };
  for (const uri of [T, CB]) {
    const fixes = k.call(`quickFixes ${uri === CB ? 'codebook' : 'transcript'}`, () => quickFixes(index, uri, { start: 0, end: texts.get(uri)!.length })) ?? [];
    for (const f of fixes) {
      rangeIn(uri, f.diagnostic.range, 'quick fix diagnostic');
      offered(`quick fix "${f.title}"`, f.edits);
    }
  }
  const len = transcript.length;
  const ranges: OffsetRange[] = [];
  for (let i = 0; i + 1 < c.probes.length; i += 2) {
    const a = at(c.probes[i], len);
    const b = at(c.probes[i + 1], len);
    // Mostly short selections, as a researcher makes them.
    ranges.push({ start: Math.min(a, b), end: Math.min(len, Math.min(a, b) + (Math.abs(a - b) % 400)) });
  }
  const code = codes.length ? codes[Math.floor(c.probes[0] * codes.length)] : 'trust';
  const ok = <R extends { ok: boolean }>(r: R | undefined) => (r && r.ok ? (r as unknown as { edits: FileEdit[] }).edits : undefined);
  for (const r of ranges) {
    offered('codeSelection', ok(k.call('codeSelection', () => codeSelection(index, T, r, { codes: [code] }))));
    offered('codeSelection new code', ok(k.call('codeSelection', () => codeSelection(index, T, r, { codes: [], newCode: { id: 'fuzz-new', name: 'Fuzz', kind: 'code' } }))));
    offered('addCodes', ok(k.call('addCodes', () => addCodes(index, T, r, { codes: [code], coder: 'LN' }))));
    offered('removeCode', ok(k.call('removeCode', () => removeCode(index, T, r, code))));
    offered('uncode', ok(k.call('uncode', () => uncode(index, T, r))));
    k.call('codedSpanAt', () => codedSpanAt(index, T, r));
    for (const s of k.call('suggestActions', () => suggestActions(index, T, r)) ?? []) offered(`suggestion ${s.suggestion.id}`, s.edits);
  }
  if (project && codes.length > 1) {
    const other = codes[Math.floor(c.probes[1] * codes.length)];
    offered('renameCode', ok(k.call('renameCode', () => renameCode(project, code, 'fuzz-renamed'))));
    offered('mergeCode', ok(k.call('mergeCode', () => mergeCode(project, code, other, c.probes[2] < 0.5 ? 'delete' : 'deprecate'))));
    offered('moveCode', ok(k.call('moveCode', () => moveCode(project, code, c.probes[3] < 0.3 ? null : other))));
  }

  // Offsets ↔ LSP positions, as a client (vscode-languageserver-textdocument) counts lines.
  for (const [uri, offsets] of reported) {
    const text = texts.get(uri)!;
    const lines = linesOf(uri);
    if (!lines) continue;
    const doc = TextDocument.create(uri, 'axial-transcript', 0, text);
    for (const o of offsets) {
      if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) continue; // inside a \r\n: no position
      const ours = lines.positionAt(o);
      const theirs = doc.positionAt(o);
      k.check('lsp-positions', isDeepStrictEqual(ours, theirs), () => `offset ${o} is ${ours.line}:${ours.character} for Axial but ${theirs.line}:${theirs.character} for an LSP client`);
      const back = lines.offsetAt(theirs);
      k.check('lsp-positions', back === o, () => `the client's position ${theirs.line}:${theirs.character} of offset ${o} comes back as offset ${back}`);
    }
  }

  // Incremental re-parse and incremental index equal a full parse and a fresh index.
  let t: Transcript | undefined = k.call('parse', () => parseTranscript(transcript));
  for (const next of editedTexts(transcript, c.edits)) {
    if (!t) break;
    const prev: Transcript = t;
    t = k.call('reparse', () => reparseTranscript(prev, next));
    const full = k.call('parse', () => parseTranscript(next));
    if (t && full) k.check('reparse-equals-full', isDeepStrictEqual(normalized(t), normalized(full)), () => `reparse differs from a full parse after edit to ${JSON.stringify(next.length > 200 ? next.slice(0, 200) + '…' : next)}`);
    k.call('index.setFile edit', () => index.setFile(T, next));
  }
  if (c.edits.length) {
    const last = editedTexts(transcript, c.edits).pop()!;
    const fresh = new ProjectIndex();
    k.call('index.setFile codebook', () => fresh.setFile(CB, codebook));
    k.call('index.setFile transcript', () => fresh.setFile(T, last));
    k.call('index.setFile other', () => fresh.setFile(OTHER, other));
    const same = isDeepStrictEqual(index.snapshot(), fresh.snapshot()) && isDeepStrictEqual(index.diagnostics(T), fresh.diagnostics(T));
    k.check('reparse-equals-full', same, () => 'the incrementally updated index differs from a fresh index on the same files');
  }
}

/** The input of a case as it would be read from disk, for a failure's files. */
export function describeInput(input: FuzzInput): string {
  return `codebook ${input.codebook.length} chars, transcript ${input.transcript.length} chars`;
}
