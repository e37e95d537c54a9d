import { parentChain } from '../codebook/hierarchy';
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

/**
 * Distinct spans coded with each code or any code below it, by id: the count the
 * Axial view shows beside a category (whose own uses are none, since categories are
 * not applied to text). Codes without quotes are absent.
 */
export function subtreeQuoteCounts(project: Project): Map<string, number> {
  const spans = new Map<string, Set<string>>();
  const chains = new Map<string, string[]>();
  for (const [id, byUri] of project.usage) {
    let chain = chains.get(id);
    if (!chain) chains.set(id, (chain = [id, ...parentChain(project.codebook, id).map((c) => c.id)]));
    for (const [uri, uses] of byUri) {
      for (const use of uses) {
        const key = `${uri}#${use.span.index}`;
        for (const c of chain) {
          let set = spans.get(c);
          if (!set) spans.set(c, (set = new Set()));
          set.add(key);
        }
      }
    }
  }
  return new Map([...spans].map(([id, set]) => [id, set.size]));
}
