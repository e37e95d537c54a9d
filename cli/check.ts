import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ProjectIndex, type AxialDiagnostic, type LineIndex } from '../core';
import { loadFolder } from '../host/nodeFiles';

/** One diagnostic as `axial check` prints it. */
export interface CheckLine {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** Result of checking every project under a folder. */
export interface CheckResult {
  lines: CheckLine[];
  projects: number;
  transcripts: number;
  errors: number;
  warnings: number;
}

/** Loads every project under `folder` and lists their diagnostics, file by file. */
export async function check(folder: string, cwd = process.cwd()): Promise<CheckResult> {
  const index = new ProjectIndex();
  await loadFolder(index, path.resolve(cwd, folder), (f) => URI.file(f).toString());
  const lines: CheckLine[] = [];
  let transcripts = 0;
  const add = (uri: string, ds: AxialDiagnostic[], idx: LineIndex) => {
    const file = path.relative(cwd, URI.parse(uri).fsPath) || '.';
    for (const d of ds) {
      const p = idx.positionAt(d.range.start);
      lines.push({ file, line: p.line + 1, column: p.character + 1, severity: d.severity, code: d.code, message: d.message });
    }
  };
  const projects = index.projects();
  for (const project of projects) {
    add(project.codebookUri, index.codebookDiagnostics(project), project.codebook.lines);
    const entries = [...project.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const e of entries) add(e.uri, e.diagnostics, e.transcript.lines);
    transcripts += entries.length;
  }
  return {
    lines,
    projects: projects.length,
    transcripts,
    errors: lines.filter((l) => l.severity === 'error').length,
    warnings: lines.filter((l) => l.severity === 'warning').length,
  };
}

/** `file:line:col severity code message`, the format editors and CI annotate from. */
export function formatLine(l: CheckLine): string {
  return `${l.file}:${l.line}:${l.column} ${l.severity} ${l.code} ${l.message}`;
}
