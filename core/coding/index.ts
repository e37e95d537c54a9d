/**
 * Coding in the editor as plain edits: wrap a selection as a span, add a code to
 * a span, remove one, uncode a span (core/coding/wrap.ts, spanEdits.ts), checked
 * against the codebook (project.ts); and what the editor tints (decorations.ts).
 * Every edit changes coding markup only: the stripped text stays the same.
 */
export { wrapSelection, EMPTY_SELECTION } from './wrap';
export { addCodesAt, addCodesToSpan, removeCodeAt, removeCodeFromSpan, uncodeAt, uncodeSpan, NO_SPAN } from './spanEdits';
export { spanAtRange } from './spansAndGaps';
export { sourceOfStripped } from '../transcript/stripped';
export { blockCoder, defaultCoder } from '../transcript/coder';
export { codeSelection, addCodes, removeCode, uncode, codedSpanAt, type CodingRequest, type CodedSpanInfo } from './project';
export { spanTints, colorOf, type SpanTint, type TranscriptTints } from './decorations';
export type { Coding, CodingEdit } from './types';
export { keepsStrippedText, transcriptKeepsStrippedText, UNSAFE } from './verify';
export { memoEditsAllowed } from './memoGate';
