import type { Codebook } from '../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable as p } from '../text/printable';
import { parseLimits } from './limits';
import type { Transcript } from './types';

/**
 * Checks a parsed transcript against its project's codebook: unknown,
 * deprecated and category codes, and coders missing from `coders`. Returns new
 * diagnostics; the transcript itself is not changed. At most `max`
 * (MAX_PARSE_DIAGNOSTICS) are listed, then one more counts the rest: a parse keeps
 * up to 100,000 spans, and a problem in each would be as many objects to publish.
 */
export function validateTranscript(t: Transcript, codebook: Codebook, max: number = parseLimits.diagnostics): AxialDiagnostic[] {
  const found: AxialDiagnostic[] = [];
  let left = 0;
  let firstLeft: AxialDiagnostic['range'] | undefined;
  let leftErrors = false;
  // Past the limit a problem is only counted (no message, no alias search).
  const out = {
    push(d: AxialDiagnostic): void {
      found.push(d);
    },
    get full(): boolean {
      return found.length >= max;
    },
    count(range: AxialDiagnostic['range'], error: boolean): void {
      if (left++ === 0) firstLeft = range;
      if (error) leftErrors = true;
    },
  };
  const coders = codebook.coders;
  const fm = t.frontMatter;
  if (coders && fm?.coder !== undefined && !coders.has(fm.coder) && fm.coderRange) {
    out.push(unknownCoder(fm.coder, fm.coderRange, [...coders.keys()]));
  }
  for (const span of t.spans) {
    for (const block of span.blocks) {
      for (const ref of block.codes) {
        const code = codebook.codes.get(ref.id);
        if (out.full) {
          if (!code || code.kind === 'category' || code.status === 'deprecated') out.count(ref.range, !code || code.kind === 'category');
        } else if (!code) {
          const alias = aliasTarget(codebook, ref.id);
          out.push({
            code: DiagnosticCodes.unknownCode,
            severity: 'error',
            message: alias
              ? `Unknown code '${p(ref.id)}'. It is an alias of '${p(alias)}'; tags use the code's id.`
              : `Unknown code '${p(ref.id)}'. The codebook has no code with this id.`,
            range: ref.range,
            data: alias ? { id: ref.id, aliasOf: alias } : { id: ref.id },
          });
        } else if (code.kind === 'category') {
          out.push({
            code: DiagnosticCodes.categoryApplied,
            severity: 'error',
            message: `'${p(ref.id)}' is a category: it groups codes and cannot be applied to text. Apply one of its codes.`,
            range: ref.range,
            data: { id: ref.id },
          });
        } else if (code.status === 'deprecated') {
          const by = code.replacedBy?.value;
          out.push({
            code: DiagnosticCodes.deprecatedCode,
            severity: 'warning',
            message: by ? `Code '${p(ref.id)}' is deprecated; use '${p(by)}'.` : `Code '${p(ref.id)}' is deprecated.`,
            range: ref.range,
            data: by ? { id: ref.id, replacedBy: by } : { id: ref.id },
          });
        }
      }
      if (coders && block.coder && !coders.has(block.coder.id)) {
        if (out.full) out.count(block.coder.range, true);
        else out.push(unknownCoder(block.coder.id, block.coder.range, [...coders.keys()]));
      }
    }
  }
  if (left > 0 && firstLeft) {
    const line = (t.lines.positionAt(firstLeft.start).line + 1).toLocaleString('en-US');
    found.push({
      code: DiagnosticCodes.tooMuchMarkup,
      severity: leftErrors ? 'error' : 'warning',
      message: `Axial lists the first ${max.toLocaleString('en-US')} problems of a transcript's codes and coders; ${left.toLocaleString('en-US')} more from line ${line} are not listed.`,
      range: { start: firstLeft.start, end: firstLeft.end },
      data: { problemsLeft: left },
    });
  }
  return found;
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
