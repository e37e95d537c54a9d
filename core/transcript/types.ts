import type { AxialDiagnostic } from '../diagnostics';
import type { LineIndex, OffsetRange } from '../text/lineIndex';
import type { Runs } from './runs';

/** A `#id` inside a block; `range` covers the `#` and the id. */
export interface CodeRef {
  id: string;
  range: OffsetRange;
}

/** A `{...}` block after a closer: codes applied by one coder, with an optional memo. */
export interface Block {
  /** From `{` to `}` inclusive (to the end of the line when unclosed). */
  range: OffsetRange;
  codes: CodeRef[];
  /** The `@XX` item, without the `@`; `range` covers the `@` too. */
  coder?: { id: string; range: OffsetRange };
  /** The `"memo"` item, unescaped; `range` covers the quotes. */
  memo?: { text: string; range: OffsetRange };
  /** A `^label` item naming the span this closer closes. */
  label?: { name: string; range: OffsetRange };
}

/** A coded span `{{...}}{...}`. Offsets are into the source text. */
export interface Span {
  /** Index of this span in `Transcript.spans` (spans are ordered by opener). */
  index: number;
  /** The opener `{{`, with its `^label` and the one space after a label. */
  open: OffsetRange;
  /** The closer `}}` and its blocks; undefined when the span is never closed. */
  close?: OffsetRange;
  /** The closer `}}` alone. */
  closer?: OffsetRange;
  /** Source text between opener and closer (markup of inner spans included). */
  content: OffsetRange;
  label?: { name: string; range: OffsetRange };
  blocks: Block[];
  /** Index of the innermost span open when this one opened. */
  parent?: number;
  /** The span's stripped content trimmed of surrounding whitespace. */
  quote: string;
  /** Where `quote` stands in the stripped text (UTF-16 offsets into `stripped.text`). */
  quoteRange: OffsetRange;
  /** Index of the speaker turn in which the span opens, if any. */
  turn?: number;
}

/** A speaker turn: from a `LABEL: ` line start to the next turn or the end. */
export interface Turn {
  index: number;
  speaker: string;
  /** The role from front matter `speakers`, if declared. */
  role?: string;
  /** The label, without the colon. */
  labelRange: OffsetRange;
  range: OffsetRange;
}

/** Front matter keys Axial knows; `raw` keeps every key as parsed. */
export interface FrontMatter {
  /** From the opening `---` to the end of the closing `---` line. */
  range: OffsetRange;
  case?: string;
  participant?: string;
  title?: string;
  date?: string;
  language?: string;
  coder?: string;
  coderRange?: OffsetRange;
  speakers?: Record<string, string>;
  attributes?: Record<string, string | number | boolean | null>;
  raw: Record<string, unknown>;
}

/**
 * The stripped text (the transcript as spoken: every opener, closer with blocks,
 * and escape backslash removed, front matter excluded) and how to map it back.
 */
export interface StrippedText {
  text: string;
  /**
   * Runs of text copied verbatim from the source, in order: stripped offsets
   * [strippedStart, strippedStart + length) come from source offsets
   * [sourceStart, sourceStart + length). A compact table (runs.ts), not an object a run.
   */
  runs: Runs;
}

/** A parsed transcript: a tree plus every syntax error, never an exception. */
export interface Transcript {
  text: string;
  lines: LineIndex;
  frontMatter?: FrontMatter;
  /** Offset where the body (after front matter) starts. */
  bodyStart: number;
  turns: Turn[];
  spans: Span[];
  stripped: StrippedText;
  /** Syntax and front-matter errors; codebook checks come from validateTranscript. */
  diagnostics: AxialDiagnostic[];
}
