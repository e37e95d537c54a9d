import * as assert from 'node:assert/strict';

/**
 * The annotation format shared by Axial's data-driven tests (rust-analyzer style):
 * a case is one string, and expected diagnostics are written on lines under the
 * line they concern, carets giving exact columns:
 *
 *     P: {{I felt}}
 *     //      ^^ error span.closer-without-block "message fragment" {"data": 1}
 *
 * `^^^...` marks a range that continues onto later lines, `|` an empty range, and
 * `^^ @name` a named position a test can look up instead of a diagnostic.
 */

/** One expected diagnostic. */
export interface Annotation {
  line: number;
  start: number;
  end: number;
  /** The range continues onto later lines. */
  multiline: boolean;
  severity: string;
  code: string;
  message?: string;
  data?: Record<string, unknown>;
}

export interface NamedPosition {
  line: number;
  start: number;
  end: number;
}

/** How one suite writes annotations: the comment marker and the codes it expects. */
export interface AnnotationSyntax {
  /** The marker before the carets (`#` for YAML, `//` for transcripts), optional at column 0. */
  marker: '#' | '//';
  /** Regex source for the diagnostic codes of this suite. */
  code: string;
  /** Whether `|` marks an empty range. */
  emptyRanges: boolean;
  /**
   * Whether an indented caret line needs the marker to be an annotation (in YAML an
   * unmarked indented `^...` could be data).
   */
  indentNeedsMarker: boolean;
}

/** Strips the common indentation of a template literal and its first and last empty lines. */
export function dedent(s: string): string {
  const lines = s.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Splits an annotated case into its text lines, expected diagnostics and named positions. */
export function parseAnnotations(
  annotated: string,
  syntax: AnnotationSyntax,
): { lines: string[]; want: Annotation[]; labels: Map<string, NamedPosition> } {
  const marker = syntax.marker === '#' ? '#' : '\\/\\/';
  const carets = syntax.emptyRanges ? '\\^+|\\|' : '\\^+';
  const re = new RegExp(
    `^(${marker})?( *)(${carets})(\\.\\.\\.)? +(?:(error|warning|information|hint) +(${syntax.code})|@([\\w-]+))(?: +(.*))?$`,
  );
  const lines: string[] = [];
  const want: Annotation[] = [];
  const labels = new Map<string, NamedPosition>();
  for (const raw of dedent(annotated).split('\n')) {
    const m = re.exec(raw);
    if (!m || (syntax.indentNeedsMarker && m[1] === undefined && m[2] !== '')) {
      lines.push(raw);
      continue;
    }
    assert.ok(lines.length > 0, `annotation before any text line: ${raw}`);
    const line = lines.length - 1;
    const start = (m[1] ?? '').length + m[2].length;
    const end = m[3] === '|' ? start : start + m[3].length;
    if (m[7]) {
      labels.set(m[7], { line, start, end });
      continue;
    }
    const a: Annotation = { line, start, end, multiline: m[4] === '...', severity: m[5], code: m[6] };
    let rest = (m[8] ?? '').trim();
    const msg = /^"((?:[^"\\]|\\.)*)"\s*/.exec(rest);
    if (msg) {
      a.message = JSON.parse(`"${msg[1]}"`) as string;
      rest = rest.slice(msg[0].length);
    }
    if (rest) a.data = JSON.parse(rest) as Record<string, unknown>;
    want.push(a);
  }
  return { lines, want, labels };
}

/** Each case runs with LF, CRLF and BOM+LF line handling, which must not change results. */
export type Variant = 'LF' | 'CRLF' | 'BOM';

/** A case's text in one variant, with the offset of each line's start. */
export function variantText(lines: string[], variant: Variant): { text: string; starts: number[] } {
  const eol = variant === 'CRLF' ? '\r\n' : '\n';
  const prefix = variant === 'BOM' ? '\uFEFF' : '';
  const starts: number[] = [];
  let o = prefix.length;
  for (const l of lines) {
    starts.push(o);
    o += l.length + eol.length;
  }
  return { text: prefix + lines.join(eol), starts };
}
