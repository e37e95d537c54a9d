/**
 * Axial's core: a pure library (no editor, no LSP connection, no file system)
 * that parses transcripts and codebooks, indexes projects and answers the
 * questions editor features ask. The server, the client and the CLI use it.
 */
export * from './diagnostics';
export * from './text/lineIndex';
export * from './transcript/types';
export { parseTranscript } from './transcript/parse';
export { validateTranscript } from './transcript/validate';
export * from './codebook/types';
export { parseCodebook } from './codebook/parse';
export { isValidId } from './codebook/ids';
export * from './project/types';
export { ProjectIndex } from './project/index';
export * from './project/uris';
export { hover, describeCode, excerpt, type HoverResult } from './features/hover';
export { complete, type CompletionEntry } from './features/completion';
export { definition, type FileLocation } from './features/definition';
export { references } from './features/references';
export { documentSymbols, type SymbolEntry } from './features/symbols';
export { codeUsage, type CodeUsage } from './features/usage';
export { projectCounts } from './features/counts';
export { quickFixes, didYouMean, type QuickFix, type FileEdit } from './features/quickFixes';
export { renameSpotAt, renameCode, checkNewId, type RenameSpot } from './refactor/rename';
export { mergeCode, type MergeMode } from './refactor/merge';
export { moveCode } from './refactor/move';
export type { RefactorResult } from './refactor/types';
export { addCodeEdit, addCoderEdit, type NewCode } from './refactor/codebookEdits';
export { applyEdits, eolOf, type TextEdit as OffsetEdit } from './refactor/text';
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
