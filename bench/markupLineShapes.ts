/**
 * Multi-megabyte lines of markup (issue 10), each about `mb` megabytes: the shapes
 * that took seconds and gigabytes before a parse kept at most 100,000 spans and
 * 10,000 problems. Shared by bench/markupLines.ts (in process) and
 * bench/markupLinesServer.ts (over stdio).
 */
export const MARKUP_LINE_SHAPES: Record<string, (mb: number) => string> = {
  /** Openers, each a span that is never closed. */
  openers: (mb) => '{{a'.repeat(Math.floor((mb * 1e6) / 3)),
  /** Stray closers each with a block: a problem and a block each. */
  closersWithBlocks: (mb) => '}}{#x}'.repeat(Math.floor((mb * 1e6) / 6)),
  /** Stray closers separated by text: a problem each. */
  closersWithText: (mb) => '}} a '.repeat(Math.floor((mb * 1e6) / 5)),
  /** Labelled spans, each closer closing the lowest open one (closing from below). */
  labelledDeep: (mb) => {
    const n = Math.floor((mb * 1e6) / 26);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`{{^l${i} w`);
    for (let i = 0; i < n; i++) parts.push(`}}{^l${i} #x}`);
    return parts.join('');
  },
  /** Openers with NUL, then as many closers whose label names no open span: each searched the whole stack before. */
  nulLabels: (mb) => {
    const n = Math.floor((mb * 1e6) / 13);
    return '{{\0'.repeat(n) + '\0}}{^x #a}'.repeat(n);
  },
};
