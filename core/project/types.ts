import type { Codebook } from '../codebook/types';
import type { AxialDiagnostic } from '../diagnostics';
import type { MemoFile } from '../memos/parse';
import type { LineIndex } from '../text/lineIndex';
import type { Block, CodeRef, Span, Transcript } from '../transcript/types';

/** One application of a code: a `#id` in a block on a span of a transcript. */
export interface CodeUse {
  uri: string;
  span: Span;
  block: Block;
  ref: CodeRef;
}

/** A transcript that belongs to a project, parsed and validated. */
export interface TranscriptEntry {
  uri: string;
  /** Path relative to the project folder, with `/`. */
  path: string;
  transcript: Transcript;
  /** Syntax diagnostics followed by codebook checks. */
  diagnostics: AxialDiagnostic[];
  /** Every code application in this file, in document order. */
  uses: CodeUse[];
}

/** A folder holding codebook.yaml, with its transcripts. */
export interface Project {
  /** Folder URI. */
  root: string;
  codebookUri: string;
  codebook: Codebook;
  /** Member transcripts by URI. */
  transcripts: Map<string, TranscriptEntry>;
  /** Code id → transcript URI → the uses of that code in that transcript. */
  usage: Map<string, Map<string, CodeUse[]>>;
  /** Memo files (`memos/**.md` that are not transcripts) by URI. */
  memos: Map<string, MemoEntry>;
}

/** A memo file of a project, read (its checks against the project: core/project/memos.ts). */
export interface MemoEntry {
  uri: string;
  /** Path relative to the project folder, with `/`. */
  path: string;
  memo: MemoFile;
  /** The file's lines, for positions. */
  lines: LineIndex;
}
