import { findConflictMarkers } from './text/conflictMarkers';
import type { OffsetRange } from './text/lineIndex';

/** Severity in the order LSP numbers them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Every diagnostic Axial reports, by stable code. Codes never change meaning once
 * published: quick fixes, CI scripts and docs/format.md refer to them.
 */
export const DiagnosticCodes = {
  // Transcript syntax
  unclosedSpan: 'span.unclosed',
  closerWithoutBlock: 'span.closer-without-block',
  unmatchedCloser: 'span.unmatched-closer',
  blockWithoutCode: 'block.no-code',
  blockUnclosed: 'block.unclosed',
  blockBadItem: 'block.bad-item',
  blockSecondCoder: 'block.second-coder',
  blockSecondMemo: 'block.second-memo',
  unknownLabel: 'label.unknown',
  duplicateLabel: 'label.duplicate',
  badLabel: 'label.invalid',
  unterminatedMemo: 'memo.unterminated',
  frontMatterUnclosed: 'front-matter.unclosed',
  frontMatterYaml: 'front-matter.yaml',
  frontMatterUnknownKey: 'front-matter.unknown-key',
  frontMatterBadValue: 'front-matter.bad-value',
  frontMatterCollectionKey: 'front-matter.collection-key',
  /** More spans or problems than a parse keeps (core/transcript/limits.ts); counts what was left out. */
  tooMuchMarkup: 'transcript.too-much-markup',
  // Transcript against the codebook
  unknownCode: 'code.unknown',
  deprecatedCode: 'code.deprecated',
  categoryApplied: 'code.category-applied',
  unknownCoder: 'coder.unknown',
  // Codebook
  codebookYaml: 'codebook.yaml-syntax',
  codebookNotMap: 'codebook.not-a-map',
  codebookBadValue: 'codebook.bad-value',
  codebookUnknownKey: 'codebook.unknown-key',
  codebookBadVersion: 'codebook.bad-version',
  duplicateCode: 'codebook.duplicate-code',
  badCodeId: 'codebook.invalid-id',
  unknownParent: 'codebook.unknown-parent',
  parentCycle: 'codebook.parent-cycle',
  badReplacedBy: 'codebook.bad-replaced-by',
  badColor: 'codebook.bad-color',
  exampleNotFound: 'codebook.example-not-found',
  duplicateCoder: 'codebook.duplicate-coder',
  codebookCollectionKey: 'codebook.collection-key',
  unknownGroupCode: 'codebook.unknown-group-code',
  // Memo files (memos/*.md)
  memoFrontMatter: 'memo.front-matter',
  memoBadValue: 'memo.bad-value',
  memoUnknownCode: 'memo.unknown-code',
  memoUnknownTranscript: 'memo.unknown-transcript',
  // Either file
  conflictMarker: 'git.conflict-marker',
  // Project layout (reported by axial check, which sees the files on disk)
  noTranscripts: 'project.no-transcripts',
  outsideTranscripts: 'project.outside-transcripts',
  unreadable: 'project.unreadable',
  notUtf8: 'project.not-utf8',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** A problem found in one file, located by UTF-16 offsets into that file's text. */
export interface AxialDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  range: OffsetRange;
  /** What a quick fix needs (e.g. the unknown id, the replacement), kept as plain data. */
  data?: Record<string, unknown>;
}

/**
 * One error per git conflict marker line (FORMAT.md section 3, "Errors"): a file
 * with an unresolved conflict holds two versions of its text and must never pass a
 * check. Transcripts and codebook.yaml both report them. Past `max` markers, the
 * start of each further one goes to `left` instead (a transcript counts them).
 */
export function conflictMarkers(text: string, max = Infinity, left?: (start: number) => void): AxialDiagnostic[] {
  return findConflictMarkers(text, max, left).map((m) => ({
    code: DiagnosticCodes.conflictMarker,
    severity: 'error' as const,
    message: m.message,
    range: { start: m.start, end: m.end },
    data: { marker: m.marker },
  }));
}
