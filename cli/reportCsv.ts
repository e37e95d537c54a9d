/**
 * Reading a project for `axial report --format csv`: each transcript is parsed,
 * checked against the codebook and folded into the three tables
 * (core/report/tableFold.ts) as it arrives, then dropped, so the project never
 * sits in memory parsed (an index of 1,000 transcripts held about 300 MB, and
 * collecting it was a third of the run).
 */
import * as path from 'node:path';
import { parseTranscript, validateTranscript } from '../core';
import { CsvTablesFold, type ReportTables } from '../core/report';
import { codebookProblemLine, loadOneProject, readTranscripts } from '../host/oneProject';
import { unreadableReason } from '../host/unreadableReason';
import { checkCasesAndCoders, codeFilters, type FilterOptions } from './reportFilters';

/** The csv tables of the one project under `folder`, and the project's folder (skipped files are relative to it). */
export async function foldCsvReport(folder: string, opts: FilterOptions & { presence?: boolean }, cwd = process.cwd()): Promise<{ tables: ReportTables; projectDir: string; codebookProblem?: string }> {
  const one = await loadOneProject(folder, cwd);
  const { codebook } = one;
  const filters = codeFilters(codebook, opts);
  const fold = new CsvTablesFold(codebook, filters, opts.presence);
  // Paths in the tables are relative to the project's folder, which may lie below the folder given.
  const prefix = one.projectRoot === '' ? '' : `${one.projectRoot}/`;
  for await (const { rel, text } of readTranscripts(one, cwd)) {
    const file = rel.slice(prefix.length);
    if (text === undefined) {
      fold.unreadable(file, `cannot be read (${await unreadableReason(path.join(one.root, rel))})`);
      continue;
    }
    const transcript = parseTranscript(text);
    fold.add({ path: file, transcript, diagnostics: [...transcript.diagnostics, ...validateTranscript(transcript, codebook)] });
  }
  // Cases and coders are known only once every transcript is read; nothing is written before this check.
  checkCasesAndCoders(filters, () => fold.cases(), () => fold.knownCoders());
  return { tables: fold.tables(), projectDir: path.join(one.root, one.projectRoot), codebookProblem: codebookProblemLine('report', one, cwd) };
}
