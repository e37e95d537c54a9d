/**
 * Axial's core: a pure library (no editor, no LSP connection, no file system)
 * that parses transcripts and codebooks, indexes projects and answers the
 * questions editor features ask. The server, the client and the CLI use it.
 */
export * from './diagnostics';
export * from './text/lineIndex';
export { printable } from './text/printable';
export { PieceText, type TextReader } from './text/pieceText';
export * from './transcript/types';
export type { Runs } from './transcript/runs';
export { parseTranscript } from './transcript/parse';
export type { KnownEdit } from './transcript/reparse';
export { validateTranscript } from './transcript/validate';
export * from './codebook/types';
export { parseCodebook } from './codebook/parse';
export { isValidId } from './codebook/ids';
export * from './project/types';
export { collectUses, ProjectIndex } from './project/index';
export { projectFor } from './project/lookup';
export { errorFreeTranscripts, errorSummary, type SkippedTranscript } from './project/errorFree';
export * from './project/uris';
export { layoutDiagnostics, isExpectedOutside, type LayoutDiagnostic } from './project/layout';
export { examplesFoundIn, missingExamples } from './project/examples';
export { hover, describeCode, excerpt, type HoverResult } from './features/hover';
export { codebookCompletions, complete, completionSite, type CompletionEntry, type CompletionProposal, type CompletionSite } from './features/completion';
export { definition, type FileLocation } from './features/definition';
export { references } from './features/references';
export { documentSymbols, type SymbolEntry } from './features/symbols';
export { codeUsage, subtreeQuoteCounts, type CodeUsage } from './features/usage';
export { projectCounts } from './features/counts';
export { quickFixes, didYouMean, type QuickFix } from './features/quickFixes';
export { renameSpotAt, type RenameSpot } from './features/renameSpot';
export { renameCode, checkNewId } from './refactor/rename';
export { mergeCode, type MergeMode } from './refactor/merge';
export { moveCode } from './refactor/move';
export type { RefactorResult } from './refactor/types';
export { addCodeEdit, addCoderEdit, type NewCode } from './refactor/codebookEdits';
export type { FileEdit, TextEdit as OffsetEdit } from './edits/types';
export { applyEdits } from './edits/apply';
export { eolOf } from './refactor/text';
export {
  suggestActions,
  suggestCodes,
  suggestionModel,
  evaluateSuggestions,
  analyzer,
  normalizeLanguage,
  type SuggestAction,
  type Suggestion,
  type Evaluation,
} from './suggest';
export * from './analysis';
export * from './tree';
export * from './coding';
export { parseMemo, isMemoPath, scanMentions, type MemoFile, type MemoMention, type MemoRef } from './memos/index';
export { memoCodeRefs, memoDiagnostics, memoRefsOfCode, memosOfCode, type MemoCodeRef } from './project/memos';
