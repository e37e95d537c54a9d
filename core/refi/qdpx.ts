/**
 * What goes into a `.qdpx` REFI-QDA project archive: `project.qde` and
 * `Sources/<guid>.txt`, in that order. The host zips them (host/zipFiles.ts):
 * compression is Node's zlib, many times faster than deflate in JavaScript on a
 * project of a thousand transcripts.
 */
import type { GuidOptions } from './guid';
import { buildProject } from './projectXml';
import type { RefiProject } from './types';

/** The name of the project XML inside a `.qdpx`. */
export const PROJECT_ENTRY = 'project.qde';

/** One file of an archive: its path inside the archive and its UTF-8 text. */
export interface ArchiveEntry {
  path: string;
  text: string;
}

/** The files of a project's `.qdpx`, the project XML first (`options` as buildProject takes them). */
export function qdpxEntries(project: RefiProject, options: GuidOptions = {}): ArchiveEntry[] {
  const { xml, sources } = buildProject(project, options);
  return [{ path: PROJECT_ENTRY, text: xml }, ...sources];
}
