import { caseKey } from '../project/caseOf';
import type { CodeUse, Project } from '../project/types';

/** How much a code is used in a project: its uses in document order, quotes and cases. */
export interface CodeUsage {
  uses: CodeUse[];
  /** Distinct spans coded with the code (a span with the code from two coders counts once). */
  quotes: number;
  /** Distinct cases (core/project/caseOf.ts) with at least one quote. */
  cases: number;
}

/** Collects the usage of one code across a project. */
export function codeUsage(project: Project, id: string): CodeUsage {
  const byUri = project.usage.get(id);
  const uses: CodeUse[] = [];
  const spans = new Set<string>();
  const cases = new Set<string>();
  if (byUri) {
    for (const uri of [...byUri.keys()].sort()) {
      const entry = project.transcripts.get(uri);
      for (const use of byUri.get(uri)!) {
        uses.push(use);
        spans.add(`${uri}#${use.span.index}`);
        cases.add(entry ? caseKey(entry) : `file:${uri}`);
      }
    }
  }
  return { uses, quotes: spans.size, cases: cases.size };
}
