/**
 * Reading values out of a parsed YAML document while recording problems as
 * diagnostics. Nothing here throws on odd input: wrong types are reported and read
 * as absent, so the caller always gets on with the rest of the file.
 */
import { isAlias, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Alias, Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { AxialDiagnostic, DiagnosticCode, Severity } from '../diagnostics';
import { DiagnosticCodes } from '../diagnostics';
import type { Located } from './types';
import type { LineIndex, OffsetRange } from '../text/lineIndex';
import { normalizeId } from './ids';
import { printable } from '../text/printable';

/** One key of a map, first occurrence only. */
export interface Entry {
  /** The key as text, NFC-normalised (plain scalars as written: `2020`, `1.10`). */
  key: string;
  keyRange: OffsetRange;
  /** The key is a list or map, not text. */
  complexKey: boolean;
  /** The value node as parsed (possibly an alias, possibly null for `key:`). */
  value: unknown;
  /** From the key to the end of the value. */
  range: OffsetRange;
}

export class YamlReader {
  readonly diagnostics: AxialDiagnostic[] = [];
  private aliasTargets?: Map<Alias, Node | undefined>;

  /**
   * @param text the whole text; offsets reported are into it
   * @param doc the YAML parsed from `text.slice(shift)` (a leading BOM is cut off
   *   before parsing, because the yaml package misreads `\uFEFF- item`), or the
   *   root node the fast path (simpleYaml.ts) built, which holds no aliases
   * @param shift added to every offset the yaml package gives
   */
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly doc: Document.Parsed | Node,
    readonly shift = 0,
  ) {}

  /** A range reported by the yaml package, as offsets into the whole text. */
  fromYaml(start: number, end: number): OffsetRange {
    return this.clamp(start + this.shift, end + this.shift);
  }

  /** Records a diagnostic. Messages quote the codebook's own text, so they pass through `printable` (one line, no control characters). */
  report(code: DiagnosticCode, severity: Severity, message: string, range: OffsetRange, data?: Record<string, unknown>): void {
    const d: AxialDiagnostic = { code, severity, message: printable(message), range };
    if (data) d.data = data;
    this.diagnostics.push(d);
  }

  error(code: DiagnosticCode, message: string, range: OffsetRange, data?: Record<string, unknown>): void {
    this.report(code, 'error', message, range, data);
  }

  warning(code: DiagnosticCode, message: string, range: OffsetRange, data?: Record<string, unknown>): void {
    this.report(code, 'warning', message, range, data);
  }

  /** 1-based line number of an offset, for messages. */
  lineNumber(offset: number): number {
    return this.lines.positionAt(offset).line + 1;
  }

  /** Clamp a range into the text. */
  clamp(start: number, end: number): OffsetRange {
    const n = this.text.length;
    const s = Math.max(0, Math.min(Number.isFinite(start) ? start : 0, n));
    const e = Math.max(s, Math.min(Number.isFinite(end) ? end : s, n));
    return { start: s, end: e };
  }

  /** Where a node stands: its start to the end of its value, without trailing whitespace or comments. */
  rangeOf(node: unknown, fallback: OffsetRange = { start: 0, end: 0 }): OffsetRange {
    const r = (node as Node | null | undefined)?.range;
    if (!r) return this.clamp(fallback.start, fallback.end);
    return this.trimEnd(this.fromYaml(r[0], r[1]));
  }

  /** Drop trailing whitespace from a range (block collections and scalars end after their newline). */
  trimEnd(range: OffsetRange): OffsetRange {
    let end = range.end;
    while (end > range.start && isSpace(this.text.charCodeAt(end - 1))) end--;
    return { start: range.start, end };
  }

  /** The range from the start of a node to the end of the line it starts on (or the node's end, if sooner). */
  firstLineOf(node: unknown): OffsetRange {
    const r = this.rangeOf(node);
    const line = this.lines.positionAt(r.start).line;
    return this.trimEnd({ start: r.start, end: Math.min(r.end, this.lines.lineEnd(line)) });
  }

  /**
   * The node a value stands for: aliases are resolved to their anchor (or reported
   * and read as absent when there is none). Null for an empty value.
   */
  deref(node: unknown): Node | null {
    if (node === null || node === undefined || typeof node !== 'object') return null;
    if (isAlias(node)) {
      const target = this.resolveAlias(node);
      if (!target) {
        this.error(
          DiagnosticCodes.codebookYaml,
          `The alias '*${node.source}' refers to no anchor. Define '&${node.source}' earlier in the file.`,
          this.rangeOf(node),
        );
        return null;
      }
      return target;
    }
    return node as Node;
  }

  private resolveAlias(alias: Alias): Node | undefined {
    if (!this.aliasTargets) {
      // One walk over the document, in order: an alias means the last anchor of its name before it.
      const targets = new Map<Alias, Node | undefined>();
      const anchors = new Map<string, Node>();
      visit(this.doc, {
        Node: (_key, n) => {
          if (isAlias(n)) targets.set(n, anchors.get(n.source));
          else if (n.anchor) anchors.set(n.anchor, n);
        },
      });
      this.aliasTargets = targets;
    }
    const target = this.aliasTargets.get(alias);
    return target && !isAlias(target) ? target : undefined;
  }

  /** Whether a value is empty (`key:` with nothing after it, `~`, `null`). */
  isEmpty(node: unknown): boolean {
    const n = this.deref(node);
    return n === null || (isScalar(n) && n.value === null);
  }

  /** A scalar's text: strings as they are, numbers and booleans as written in the file. */
  scalarText(s: Scalar): string {
    if (typeof s.value === 'string') return s.value;
    if (s.type === 'PLAIN' && typeof s.source === 'string') return s.source;
    if (s.range) {
      const r = this.fromYaml(s.range[0], s.range[1]);
      return this.text.slice(r.start, r.end).trim();
    }
    return String(s.value);
  }

  /** Describe a node's type in words, for messages. */
  describe(node: unknown): string {
    const n = this.deref(node);
    if (n === null) return 'nothing';
    if (isMap(n)) return 'a map';
    if (isSeq(n)) return 'a list';
    if (isScalar(n)) {
      if (n.value === null) return 'nothing';
      if (typeof n.value === 'number' || typeof n.value === 'bigint') return 'a number';
      if (typeof n.value === 'boolean') return `${n.value}`;
      return 'text';
    }
    return 'something else';
  }

  /**
   * A text value. Absent or empty → undefined with no diagnostic. A list or map is
   * reported as `codebook.bad-value` ("<what> must be text, not a list.").
   */
  textValue(node: unknown, what: string, fallback: OffsetRange): Located | undefined {
    const n = this.deref(node);
    const range = this.rangeOf(node, fallback);
    if (n === null) return undefined;
    if (isScalar(n)) {
      if (n.value === null) return undefined;
      return { value: this.scalarText(n), range };
    }
    this.error(DiagnosticCodes.codebookBadValue, `${capitalize(what)} must be text, not ${this.describe(n)}.`, range, {
      expected: 'text',
    });
    return undefined;
  }

  /** An id value (a parent, a replacement): text, NFC-normalised. */
  idValue(node: unknown, what: string, fallback: OffsetRange): Located | undefined {
    const t = this.textValue(node, what, fallback);
    return t && { value: normalizeId(t.value), range: t.range };
  }

  /**
   * Text or a list of texts (`include: one criterion` or `include: [a, b]`). Empty
   * items are skipped; items that are lists or maps are reported and skipped.
   */
  textList(node: unknown, what: string, fallback: OffsetRange): Located[] {
    const n = this.deref(node);
    if (n === null) return [];
    if (isScalar(n)) {
      const t = this.textValue(node, what, fallback);
      return t ? [t] : [];
    }
    if (isSeq(n)) {
      const out: Located[] = [];
      for (const item of n.items) {
        const itemNode = this.deref(item);
        if (itemNode === null) continue;
        if (isScalar(itemNode)) {
          if (itemNode.value === null) continue;
          out.push({ value: this.scalarText(itemNode), range: this.rangeOf(item, this.rangeOf(n)) });
        } else {
          this.error(
            DiagnosticCodes.codebookBadValue,
            `Each item of ${what} must be text, not ${this.describe(itemNode)}.`,
            this.rangeOf(item, this.rangeOf(n)),
            { expected: 'text' },
          );
        }
      }
      return out;
    }
    this.error(
      DiagnosticCodes.codebookBadValue,
      `${capitalize(what)} must be text or a list of texts, not ${this.describe(n)}.`,
      this.rangeOf(node, fallback),
      { expected: 'list' },
    );
    return [];
  }

  /**
   * The entries of a map keyed by ids (codes, coders): a repeated key is a `code`
   * diagnostic on the second, which is ignored (`what` names the thing in it).
   */
  idEntries(map: YAMLMap, code: DiagnosticCode, what: string): Entry[] {
    return this.entries(map, (second, first) =>
      this.error(
        code,
        `Duplicate ${what} '${second.key}'. The first '${second.key}' (line ${this.lineNumber(first.keyRange.start)}) is used; this one is ignored.`,
        second.keyRange,
        { id: second.key },
      ),
    );
  }

  /**
   * The entries of a map in file order, each key once. A repeated key is passed to
   * `onDuplicate` (with the first occurrence) and left out: the first one wins.
   */
  entries(map: YAMLMap, onDuplicate: (second: Entry, first: Entry) => void): Entry[] {
    const out: Entry[] = [];
    const seen = new Map<string, Entry>();
    const mapRange = this.rangeOf(map);
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const entry = this.entry(pair, mapRange);
      if (!entry) continue;
      const first = seen.get(entry.key);
      if (first) {
        onDuplicate(entry, first);
        continue;
      }
      seen.set(entry.key, entry);
      out.push(entry);
    }
    return out;
  }

  private entry(pair: Pair<unknown, unknown>, mapRange: OffsetRange): Entry | undefined {
    const keyNode = this.deref(pair.key);
    const valueFallback = { start: mapRange.start, end: mapRange.start };
    let key: string;
    let complexKey = false;
    let keyRange: OffsetRange;
    if (keyNode === null) {
      // `: value` with no key; the YAML parser reports it when it is an error.
      if (pair.value === null || pair.value === undefined) return undefined;
      keyRange = this.rangeOf(pair.value, valueFallback);
      keyRange = { start: keyRange.start, end: keyRange.start };
      key = '';
    } else if (isScalar(keyNode)) {
      keyRange = this.rangeOf(pair.key, valueFallback);
      key = keyNode.value === null ? (keyNode.source ?? '') : this.scalarText(keyNode);
      if (keyNode.value === null && key === '') keyRange = this.colonOf(pair) ?? keyRange;
    } else {
      keyRange = this.rangeOf(pair.key, valueFallback);
      key = this.firstLine(this.text.slice(keyRange.start, keyRange.end));
      complexKey = true;
    }
    const valueRange = pair.value === null || pair.value === undefined ? keyRange : this.rangeOf(pair.value, keyRange);
    const range = { start: keyRange.start, end: Math.max(keyRange.end, valueRange.end) };
    return { key: normalizeId(key), keyRange, complexKey, value: pair.value ?? null, range };
  }

  /** The `:` of a pair whose key is empty (`: value`), so there is something to underline. */
  private colonOf(pair: Pair<unknown, unknown>): OffsetRange | undefined {
    const sep = (pair as { srcToken?: { sep?: { type: string; offset: number }[] } }).srcToken?.sep;
    const colon = sep?.find((t) => t.type === 'map-value-ind');
    return colon ? this.fromYaml(colon.offset, colon.offset + 1) : undefined;
  }

  private firstLine(s: string): string {
    const i = s.search(/[\r\n]/);
    return i === -1 ? s : s.slice(0, i);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
