/**
 * Writes a project as a REFI-QDA project archive (.qdpx) or its codebook as a
 * REFI-QDA codebook (.qdc), atomically: `axial export` and the editor's export
 * commands both come here. The XML is core/refi's.
 */
import { buildQdc, qdpxEntries } from '../core/refi';
import { writeFileAtomically } from './atomicWrite';
import { loadExportProject, type FileProblem } from './exportLoad';
import { nodeSha1Hex } from './nodeSha1';
import { UsageError } from './oneProject';
import { zipFiles } from './zipFiles';

/** The two REFI-QDA files Axial writes. */
export type RefiFormat = 'qdpx' | 'qdc';

/** What was exported (the files with errors are in `problems`), or why nothing was. */
export type RefiExport =
  | { ok: true; transcripts: number; codes: number; problems: FileProblem[] }
  | { ok: false; error: string };

/** Node's SHA-1 for the GUIDs: the same GUIDs as uuid's, computed several times faster on a large project. */
const GUIDS = { sha1: nodeSha1Hex };

/** Exports the one project under `folder` to `out`. Never throws for a missing project or an unwritable file. */
export async function exportRefi(folder: string, format: RefiFormat, out: string, cwd = process.cwd()): Promise<RefiExport> {
  let loaded;
  try {
    loaded = await loadExportProject(folder, cwd);
  } catch (err) {
    if (err instanceof UsageError) return { ok: false, error: err.message };
    throw err;
  }
  const { project, problems } = loaded;
  let data: string | Buffer;
  if (format === 'qdc') {
    const xml = buildQdc(project.codebook, GUIDS);
    if (xml === undefined) return { ok: false, error: 'the codebook has no codes; a REFI-QDA codebook needs at least one' };
    data = xml;
  } else {
    data = await zipFiles(qdpxEntries(project, GUIDS));
  }
  try {
    await writeFileAtomically(out, data);
  } catch (err) {
    return { ok: false, error: `cannot write ${out} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  return { ok: true, transcripts: project.sources.length, codes: project.codebook.codes.size, problems };
}
