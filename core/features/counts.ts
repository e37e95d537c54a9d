import type { Project } from '../project/types';

/** Counts shown in the status bar and by `axial check`. */
export function projectCounts(project: Project, codebookDiagnostics: { severity: string }[]) {
  let spans = 0;
  let errors = 0;
  let warnings = 0;
  const tally = (ds: { severity: string }[]) => {
    for (const d of ds) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  };
  for (const e of project.transcripts.values()) {
    spans += e.transcript.spans.length;
    tally(e.diagnostics);
  }
  tally(codebookDiagnostics);
  let codes = 0;
  let categories = 0;
  // Codes are the active ones a coder can apply: a deprecated code is history, and
  // the tree, the pictures and the reports leave it out too.
  for (const c of project.codebook.codes.values()) {
    if (c.kind === 'category') categories++;
    else if (c.status !== 'deprecated') codes++;
  }
  return {
    root: project.root,
    title: project.codebook.title,
    codes,
    categories,
    transcripts: project.transcripts.size,
    spans,
    errors,
    warnings,
  };
}
