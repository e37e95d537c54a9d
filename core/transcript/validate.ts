import type { Codebook } from '../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable as p } from '../text/printable';
import { parseLimits } from './limits';
import type { Span, Transcript } from './types';

/**
 * Checks a parsed transcript against its project's codebook: unknown,
 * deprecated and category codes, and coders missing from `coders`. Returns new
 * diagnostics; the transcript itself is not changed. At most `max`
 * (MAX_PARSE_DIAGNOSTICS) are listed, then one more counts the rest: a parse keeps
 * up to 100,000 spans, and a problem in each would be as many objects to publish.
 */
export function validateTranscript(t: Transcript, codebook: Codebook, max: number = parseLimits.diagnostics): AxialDiagnostic[] {
  return validation(t, codebook, max).diagnostics;
}

/**
 * The codebook checks of a transcript (validateTranscript's list) with the span each
 * one is about, so that after an incremental re-parse only the re-parsed spans are
 * checked again (revalidate.ts). A diagnostic's range is its code's or coder's own
 * range object, which the re-parse shifts in place with the span.
 */
export interface Validation {
  diagnostics: AxialDiagnostic[];
  /** `sources[i]` is the span `diagnostics[i]` is about; undefined for the front matter's coder. */
  sources: (Span | undefined)[];
  /** True when problems past `max` were only counted (the list ends with one that says so). */
  limited: boolean;
  /** The codebook and limit checked against: a list is only reused for the same ones. */
  codebook: Codebook;
  max: number;
}

/** validateTranscript, with what revalidation needs (see Validation). */
export function validation(t: Transcript, codebook: Codebook, max: number = parseLimits.diagnostics): Validation {
  const out = new ProblemList(max);
  const coders = codebook.coders;
  const fm = t.frontMatter;
  if (coders && fm?.coder !== undefined && !coders.has(fm.coder) && fm.coderRange) {
    out.push(unknownCoder(fm.coder, fm.coderRange, [...coders.keys()]), undefined);
  }
  checkSpans(t.spans, 0, t.spans.length, codebook, out);
  const limited = out.left > 0 && out.firstLeft !== undefined;
  if (limited) {
    const firstLeft = out.firstLeft!;
    const line = (t.lines.positionAt(firstLeft.start).line + 1).toLocaleString('en-US');
    out.found.push({
      code: DiagnosticCodes.tooMuchMarkup,
      severity: out.leftErrors ? 'error' : 'warning',
      message: `Axial lists the first ${max.toLocaleString('en-US')} problems of a transcript's codes and coders; ${out.left.toLocaleString('en-US')} more from line ${line} are not listed.`,
      range: { start: firstLeft.start, end: firstLeft.end },
      data: { problemsLeft: out.left },
    });
    out.sources.push(undefined);
  }
  return { diagnostics: out.found, sources: out.sources, limited, codebook, max };
}

/**
 * The problems found so far, with their spans. Past `max` a problem is only
 * counted (no message, no alias search).
 */
export class ProblemList {
  readonly found: AxialDiagnostic[] = [];
  readonly sources: (Span | undefined)[] = [];
  left = 0;
  firstLeft: AxialDiagnostic['range'] | undefined;
  leftErrors = false;

  constructor(readonly max: number) {}

  push(d: AxialDiagnostic, source: Span | undefined): void {
    this.found.push(d);
    this.sources.push(source);
  }

  get full(): boolean {
    return this.found.length >= this.max;
  }

  count(range: AxialDiagnostic['range'], error: boolean): void {
    if (this.left++ === 0) this.firstLeft = range;
    if (error) this.leftErrors = true;
  }
}

/** Checks the codes and coders of spans [from, to) into `out`, in span order. */
export function checkSpans(spans: readonly Span[], from: number, to: number, codebook: Codebook, out: ProblemList): void {
  const coders = codebook.coders;
  for (let i = from; i < to; i++) {
    const span = spans[i];
    for (const block of span.blocks) {
      for (const ref of block.codes) {
        const code = codebook.codes.get(ref.id);
        if (out.full) {
          if (!code || code.kind === 'category' || code.status === 'deprecated') out.count(ref.range, !code || code.kind === 'category');
        } else if (!code) {
          const alias = aliasTarget(codebook, ref.id);
          out.push(
            {
              code: DiagnosticCodes.unknownCode,
              severity: 'error',
              message: alias
                ? `Unknown code '${p(ref.id)}'. It is an alias of '${p(alias)}'; tags use the code's id.`
                : `Unknown code '${p(ref.id)}'. The codebook has no code with this id.`,
              range: ref.range,
              data: alias ? { id: ref.id, aliasOf: alias } : { id: ref.id },
            },
            span,
          );
        } else if (code.kind === 'category') {
          out.push(
            {
              code: DiagnosticCodes.categoryApplied,
              severity: 'error',
              message: `'${p(ref.id)}' is a category: it groups codes and cannot be applied to text. Apply one of its codes.`,
              range: ref.range,
              data: { id: ref.id },
            },
            span,
          );
        } else if (code.status === 'deprecated') {
          const by = code.replacedBy?.value;
          out.push(
            {
              code: DiagnosticCodes.deprecatedCode,
              severity: 'warning',
              message: by ? `Code '${p(ref.id)}' is deprecated; use '${p(by)}'.` : `Code '${p(ref.id)}' is deprecated.`,
              range: ref.range,
              data: by ? { id: ref.id, replacedBy: by } : { id: ref.id },
            },
            span,
          );
        }
      }
      if (coders && block.coder && !coders.has(block.coder.id)) {
        if (out.full) out.count(block.coder.range, true);
        else out.push(unknownCoder(block.coder.id, block.coder.range, [...coders.keys()]), span);
      }
    }
  }
}

function unknownCoder(id: string, range: AxialDiagnostic['range'], known: string[]): AxialDiagnostic {
  return {
    code: DiagnosticCodes.unknownCoder,
    severity: 'error',
    message: `Unknown coder '${p(id)}'. Declared coders: ${known.length ? p(known.join(', ')) : 'none'}.`,
    range,
    data: { id },
  };
}

/** The id of the code that lists `word` among its aliases (case-insensitive), if any. */
export function aliasTarget(codebook: Codebook, word: string): string | undefined {
  const w = word.toLowerCase();
  for (const code of codebook.codes.values()) {
    if (code.aliases.some((a) => a.toLowerCase() === w)) return code.id;
  }
  return undefined;
}
