/** REFI-QDA interchange (pure): export (`.qdc` codebooks, `.qdpx` projects) from a codebook and codings to XML and zip bytes, and import back into Axial files. */
export * from './types';
export { buildQdc, CODEBOOK_NAMESPACE, ORIGIN } from './codebookXml';
export { buildProject, PROJECT_NAMESPACE, sourceGuid, userGuid, memoFileGuid } from './projectXml';
export { qdpxEntries, PROJECT_ENTRY, type ArchiveEntry } from './qdpx';
export { codeGuid, codeDescription } from './codes';
export { stableGuid, guidMaker, isRefiGuid, type GuidMaker, type GuidOptions, type Sha1Hex } from './guid';
export { codePointOffsets, refiText } from './positions';
export { refiSource } from './source';
export { refiMemo } from './memoFile';
export { importRefi, decodeText } from './importProject';
export type { RefiImportInput, RefiImportResult, ImportedFile } from './importTypes';
export { chooseConvention, positionMapper, describeConvention, CONVENTIONS, type PositionConvention } from './importPositions';
export { parseXml, type XmlElement, type XmlParse } from './xmlTree';
