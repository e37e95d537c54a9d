/**
 * What `axial agree` computes: per code and overall statistics, per coder pair,
 * and the disagreements to discuss. Shared by the core computation, the CLI's
 * formats and any editor view.
 */
import type { Statistic } from './stats';
import type { UnitKind } from './units';

/** The statistics of one coder pair. */
export interface PairAgreement {
  coders: [string, string];
  percent: Statistic;
  kappa: Statistic;
  alpha: Statistic;
}

/** Percent agreement, kappa and alpha over a set of units, with how many units each coder marked. */
export interface AgreementFigures {
  percent: Statistic;
  /** Cohen's kappa; with more than two coders undefined (see `pairs`). */
  kappa: Statistic;
  alpha: Statistic;
  /** Units compared (overall: unit × code pairs). */
  units: number;
  /** Coder → units that coder marked. */
  marked: Record<string, number>;
  /** One entry per coder pair (a single one with two coders). */
  pairs: PairAgreement[];
}

/** The figures of one code (or category, whose units count with any of its descendants). */
export interface CodeAgreement extends AgreementFigures {
  code: string;
}

/** A unit on which the coders differ about one code. */
export interface Disagreement {
  /** Path of the transcript, as given in the input. */
  file: string;
  /** 1-based line in the file where the quote starts. */
  line: number;
  /** Where the quote stands in the file's stripped text (UTF-16 offsets), so an editor can select it. */
  start: number;
  end: number;
  code: string;
  /** Coders who marked the unit with the code. */
  marked: string[];
  /** Coders who did not. */
  unmarked: string[];
  /** Coder → the compared codes that coder applied to the unit, so "LN coded it otherwise" shows. */
  codes: Record<string, string[]>;
  /** The text in question, shortened: the part of the unit the marking coder's span covers. */
  quote: string;
  /** Units the entry covers (several adjacent characters are one entry with unit `char`). */
  units: number;
}

/** A file left out of the comparison, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Everything `axial agree` reports. */
export interface AgreementReport {
  unit: UnitKind;
  coders: string[];
  /** Files compared (each compared coder coded in them). */
  files: string[];
  /** Files not compared because some compared coder did not code them. */
  notCompared: SkippedFile[];
  overall: AgreementFigures;
  codes: CodeAgreement[];
  /** Ordered by code, then file, then position. */
  disagreements: Disagreement[];
}
