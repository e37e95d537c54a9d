import type { Codebook } from '../codebook/types';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable as p } from '../text/printable';
import type { Transcript } from './types';

/**
 * Checks a parsed transcript against its project's codebook: unknown,
 * deprecated and category codes, and coders missing from `coders`. Returns new
 * diagnostics; the transcript itself is not changed.
 */
export function validateTranscript(t: Transcript, codebook: Codebook): AxialDiagnostic[] {
  const out: AxialDiagnostic[] = [];
  const coders = codebook.coders;
  const fm = t.frontMatter;
  if (coders && fm?.coder !== undefined && !coders.has(fm.coder) && fm.coderRange) {
    out.push(unknownCoder(fm.coder, fm.coderRange, [...coders.keys()]));
  }
  for (const span of t.spans) {
    for (const block of span.blocks) {
      for (const ref of block.codes) {
        const code = codebook.codes.get(ref.id);
        if (!code) {
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
        out.push(unknownCoder(block.coder.id, block.coder.range, [...coders.keys()]));
      }
    }
  }
  return out;
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
