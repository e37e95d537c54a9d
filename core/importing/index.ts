/**
 * Bringing data in (pure): interviews as transcripts (captions, transcription
 * services' text, Word documents' text) and spreadsheet codebooks as codebook.yaml.
 * Reading the files (and unpacking .docx and .xlsx) is host/'s.
 */
export { transcriptFromText, type InterviewKind, type TranscriptImport } from './transcriptFromText';
export { SHAPE_NAMES, type TranscriptShape, type ImportedTurn } from './turns';
export { renderTranscript, escapeText } from './render';
export { speakerLabels } from './speakerLabels';
export { codebookFromTable, splitPath, type CodebookImport } from './codesTable';
export { slug, uniqueId } from './codeIds';
export { wordText, tableLines, type WordBlock } from './wordText';
export { commentsMemo, type WordComment } from './wordComments';
