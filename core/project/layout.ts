/**
 * Checks of a project's layout on disk, which need the list of files a host sees
 * (the CLI walks the folder): `transcripts` globs that match no file, and text files
 * in the project that the globs leave out, which are usually transcripts put in the
 * wrong folder and so never checked, counted or searched.
 *
 * Not reported as left out: READMEs (in any folder: they describe the folder), the
 * usual repository files at the project root (CHANGELOG, CONTRIBUTING, LICENSE, …,
 * for a project that is a whole repository), anything under `memos/` (memos are not
 * transcripts, FORMAT.md section 4), and anything in a folder or file whose name
 * starts with `.` (globs never match those, e.g. `.github/`). Files that belong to
 * a nested project (a codebook.yaml deeper down) are that project's.
 */
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { printable } from '../text/printable';
import type { Project } from './types';
import { relativePath } from './uris';

/** A layout problem, in the file it is about. */
export interface LayoutDiagnostic {
  uri: string;
  diagnostic: AxialDiagnostic;
}

/** Files a repository keeps at its root that are never transcripts. */
const REPOSITORY_FILES = /^(changelog|changes|contributing|licen[cs]e|copying|code_of_conduct|security|notice|authors|citation)\.(md|txt)$/i;

/** Whether a path relative to the project root is a file Axial expects beside the transcripts. */
export function isExpectedOutside(path: string): boolean {
  const parts = path.split('/');
  if (parts.some((p) => p.startsWith('.'))) return true;
  if (parts[0] === 'memos' && parts.length > 1) return true;
  const name = parts[parts.length - 1];
  return /^readme\.(md|txt)$/i.test(name) || (parts.length === 1 && REPOSITORY_FILES.test(name));
}

/**
 * The layout warnings of one project. `outside` lists the URIs of the project's
 * .md/.txt files that its globs do not match (the host knows which files exist);
 * `members` is how many transcripts it has (a host that checks transcripts without
 * keeping them in the project says so).
 */
export function layoutDiagnostics(project: Project, outside: string[], members = project.transcripts.size): LayoutDiagnostic[] {
  const out: LayoutDiagnostic[] = [];
  const globs = project.codebook.transcripts.map((g) => printable(g)).join(', ');
  if (members === 0) {
    out.push({
      uri: project.codebookUri,
      diagnostic: {
        code: DiagnosticCodes.noTranscripts,
        severity: 'warning',
        message: `No file matches the transcripts globs (${globs}), so this project has no transcript to check.`,
        range: transcriptsKeyRange(project.codebook.text),
      },
    });
  }
  for (const uri of outside) {
    const path = relativePath(project.root, uri);
    if (path === undefined || isExpectedOutside(path)) continue;
    out.push({
      uri,
      diagnostic: {
        code: DiagnosticCodes.outsideTranscripts,
        severity: 'warning',
        message: `'${printable(path)}' is in the project but no transcripts glob (${globs}) matches it, so Axial does not check it. If it is a transcript, move it or add a glob to codebook.yaml.`,
        range: { start: 0, end: 0 },
      },
    });
  }
  return out;
}

/** The `transcripts` key of codebook.yaml, where a fix would go; the file's start when the key is absent (the default globs apply). */
function transcriptsKeyRange(text: string): { start: number; end: number } {
  const m = /^transcripts[ \t]*:/m.exec(text);
  return m ? { start: m.index, end: m.index + 'transcripts'.length } : { start: 0, end: 0 };
}
