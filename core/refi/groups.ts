/**
 * The codebook's top-level `groups` (FORMAT.md section 2) as REFI-QDA `Sets`,
 * read from the codebook model.
 */
import type { Codebook } from '../codebook/types';

/** One group as a Set: its members are codes the codebook defines. */
export interface RefiGroup {
  id: string;
  name: string;
  description?: string;
  /** Ids of codes the codebook defines, in the group's order, each once. */
  codes: string[];
}

/** The codebook's groups in file order; codes the codebook does not define (an error in Axial) are left out. */
export function codeGroups(codebook: Codebook): RefiGroup[] {
  return [...codebook.groups.values()].map((g) => {
    const group: RefiGroup = { id: g.id, name: g.name.trim() ? g.name : g.id, codes: [...new Set(g.codes.map((c) => c.value).filter((id) => codebook.codes.has(id)))] };
    if (g.description?.trim()) group.description = g.description.trim();
    return group;
  });
}
