/**
 * How much of one transcript's markup a parse keeps as objects. An interview of
 * several hours has a few thousand spans and a handful of problems; a line of
 * millions of `{{` or `}}` would otherwise be millions of objects (gigabytes, and
 * seconds per keystroke). Past a limit the scan goes on with the same rules, so the
 * stripped text stays exact and closers still pair with their openers, but what is
 * past the limit is only counted, and one diagnostic says so (as editors stop
 * tokenising very long lines and say so, never silently).
 */
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import type { LineIndex } from '../text/lineIndex';
import type { Transcript } from './types';

/** The spans a parse keeps, in opener order; later openers are read as markup but are no span. */
export const MAX_SPANS = 100_000;

/** The syntax problems (markup and conflict markers) a parse lists; later ones are counted. */
export const MAX_PARSE_DIAGNOSTICS = 10_000;

/** The limits in force: MAX_SPANS and MAX_PARSE_DIAGNOSTICS; only tests change them (withParseLimits). */
export const parseLimits = { spans: MAX_SPANS, diagnostics: MAX_PARSE_DIAGNOSTICS };

/**
 * Runs `fn` with other limits in force, then restores them: tests try the edges of
 * the limits on small inputs (Infinity: no limit, the reference).
 */
export function withParseLimits<T>(limits: { spans: number; diagnostics: number }, fn: () => T): T {
  const saved = { ...parseLimits };
  Object.assign(parseLimits, limits);
  try {
    return fn();
  } finally {
    Object.assign(parseLimits, saved);
  }
}

/**
 * A list of diagnostics that keeps the first `max` pushed and counts the rest, with
 * where the first one left out starts.
 */
export class CappedDiagnostics {
  /** How many were pushed past the cap. */
  left = 0;
  /** Where the first one left out starts (-1 when none was). */
  firstLeftAt = -1;

  /** How many were kept (`out` may hold others from before). */
  kept = 0;

  constructor(
    readonly out: AxialDiagnostic[],
    readonly max: number = parseLimits.diagnostics,
  ) {}

  /** True while another diagnostic would be kept (callers skip building one that would not). */
  get hasRoom(): boolean {
    return this.kept < this.max;
  }

  /** Keeps `d`, or counts it when the list is full. */
  push(d: AxialDiagnostic): void {
    if (this.kept < this.max) {
      this.out.push(d);
      this.kept++;
    } else this.count(d.range.start);
  }

  /** Counts one diagnostic starting at `start` that is not kept. */
  count(start: number): void {
    if (this.left === 0) this.firstLeftAt = start;
    this.left++;
  }
}

/** What a scan left out past the limits. */
export interface ScanLimits {
  /** Openers past MAX_SPANS, and where the first one starts (-1 when none). */
  spansLeft: number;
  firstSpanLeftAt: number;
  /** Problems past MAX_PARSE_DIAGNOSTICS, and where the first one starts (-1 when none). */
  problemsLeft: number;
  firstProblemLeftAt: number;
}

/** True when a scan left something out. */
export function hitLimit(l: ScanLimits): boolean {
  return l.spansLeft > 0 || l.problemsLeft > 0;
}

/**
 * The one diagnostic that says what a parse left out, at the first item left out:
 * "Axial reads the first 100,000 spans of a transcript; 2,345,678 more from line 812
 * are not read as codings." and/or the same for problems. Undefined when nothing was.
 */
export function limitDiagnostic(l: ScanLimits, lines: LineIndex): AxialDiagnostic | undefined {
  if (!hitLimit(l)) return undefined;
  const parts: string[] = [];
  const starts: number[] = [];
  const line = (at: number) => (lines.positionAt(at).line + 1).toLocaleString('en-US');
  if (l.spansLeft > 0) {
    parts.push(
      `Axial reads the first ${parseLimits.spans.toLocaleString('en-US')} spans of a transcript; ${l.spansLeft.toLocaleString('en-US')} more from line ${line(l.firstSpanLeftAt)} are not read as codings.`,
    );
    starts.push(l.firstSpanLeftAt);
  }
  if (l.problemsLeft > 0) {
    parts.push(
      `Axial lists the first ${parseLimits.diagnostics.toLocaleString('en-US')} problems of a transcript's markup; ${l.problemsLeft.toLocaleString('en-US')} more from line ${line(l.firstProblemLeftAt)} are not listed.`,
    );
    starts.push(l.firstProblemLeftAt);
  }
  const start = Math.min(...starts);
  const text = lines.text;
  // The first character left out, at least (two for an opener `{{`), inside the text.
  const end = Math.min(text.length, start + (text.charCodeAt(start) === 123 && text.charCodeAt(start + 1) === 123 ? 2 : 1));
  return {
    code: DiagnosticCodes.tooMuchMarkup,
    severity: 'error',
    message: parts.join(' '),
    range: { start, end: Math.max(start, end) },
    data: { spansLeft: l.spansLeft, problemsLeft: l.problemsLeft },
  };
}

/**
 * Transcripts whose parse left something out. A WeakSet rather than a property, so
 * that deep-equality (a re-parse against a full parse) does not see it; the
 * incremental re-parse reads it to parse such a transcript whole.
 */
const limited = new WeakSet<Transcript>();

/** Marks `t` as a parse that left something out. */
export function markLimited(t: Transcript): void {
  limited.add(t);
}

/** True when `t`'s parse left spans or problems out (see MAX_SPANS, MAX_PARSE_DIAGNOSTICS). */
export function isLimited(t: Transcript): boolean {
  return limited.has(t);
}
