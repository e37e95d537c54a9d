import type { AxialDiagnostic } from '../diagnostics';
import type { LineIndex, OffsetRange } from '../text/lineIndex';

export type CodeKind = 'code' | 'category';
export type CodeStatus = 'active' | 'deprecated';

/** A string value from the codebook with where it stands in the file. */
export interface Located<T = string> {
  value: T;
  range: OffsetRange;
}

/** One entry of `codes:` in codebook.yaml. */
export interface Code {
  id: string;
  /** The key in `codes:`. */
  keyRange: OffsetRange;
  /** The key and its whole value. */
  range: OffsetRange;
  kind: CodeKind;
  parent?: Located;
  name: string;
  definition?: string;
  include: string[];
  exclude: string[];
  examples: Located[];
  aliases: string[];
  color?: string;
  status: CodeStatus;
  replacedBy?: Located;
  memo?: string;
  guid?: string;
  /** Position among the codes of the file: the order of siblings in trees and reports. */
  order: number;
}

export interface Coder {
  id: string;
  name: string;
  keyRange: OffsetRange;
}

/** One entry of the top-level `groups:`: a non-hierarchical set of codes (REFI-QDA `Set`). */
export interface CodeGroup {
  id: string;
  /** The key in `groups:`. */
  keyRange: OffsetRange;
  /** Display name; default: the id. */
  name: string;
  description?: string;
  /** The member ids as written, in order (an unknown one is an error diagnostic). */
  codes: Located[];
}

/** The model of one codebook.yaml; always produced, even from broken YAML. */
export interface Codebook {
  text: string;
  lines: LineIndex;
  version?: number;
  title?: string;
  /** Language of the transcripts, for stemming; default `en`. */
  language: string;
  /** Globs relative to the project folder. */
  transcripts: string[];
  /** Undefined when `coders` is not declared (then any coder is accepted). */
  coders?: Map<string, Coder>;
  /** Codes by id, in file order (Map keeps insertion order). */
  codes: Map<string, Code>;
  /** Groups by id, in file order; empty when `groups` is absent. */
  groups: Map<string, CodeGroup>;
  diagnostics: AxialDiagnostic[];
}

/** The default transcript globs of FORMAT section 1. */
export const DEFAULT_TRANSCRIPT_GLOBS = ['transcripts/**/*.md', 'transcripts/**/*.txt'];
