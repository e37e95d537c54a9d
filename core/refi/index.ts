/** REFI-QDA export (`.qdc` codebooks, `.qdpx` projects): pure, from a codebook and codings to XML and zip bytes. */
export * from './types';
export { buildQdc, CODEBOOK_NAMESPACE, ORIGIN } from './codebookXml';
export { buildProject, PROJECT_NAMESPACE, sourceGuid, userGuid, memoFileGuid } from './projectXml';
export { qdpxEntries, PROJECT_ENTRY, type ArchiveEntry } from './qdpx';
export { codeGuid, codeDescription } from './codes';
export { stableGuid, isRefiGuid } from './guid';
export { codePointOffsets, refiText } from './positions';
export { refiSource } from './source';
export { refiMemo } from './memoFile';
