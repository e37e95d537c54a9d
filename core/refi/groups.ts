/**
 * The codebook's top-level `groups` (FORMAT.md section 2), read for REFI-QDA
 * `Sets`. The codebook model does not hold them yet, so they are read from the
 * codebook's text here; YAML that does not parse gives no groups.
 */
import { parse } from 'yaml';
import type { Codebook } from '../codebook/types';

/** One group: a non-hierarchical set of codes. */
export interface CodeGroup {
  id: string;
  name: string;
  description?: string;
  /** Ids of codes the codebook defines, in the group's order, each once. */
  codes: string[];
}

/** The codebook's groups in file order; codes the codebook does not define are left out. */
export function codeGroups(codebook: Codebook): CodeGroup[] {
  let data: unknown;
  try {
    data = parse(codebook.text);
  } catch {
    return [];
  }
  const groups = isMap(data) ? data.groups : undefined;
  if (!isMap(groups)) return [];
  const out: CodeGroup[] = [];
  for (const [id, value] of Object.entries(groups)) {
    const g = isMap(value) ? value : {};
    const codes = Array.isArray(g.codes) ? g.codes.filter((c): c is string => typeof c === 'string' && codebook.codes.has(c)) : [];
    const group: CodeGroup = { id, name: typeof g.name === 'string' && g.name.trim() ? g.name : id, codes: [...new Set(codes)] };
    if (typeof g.description === 'string' && g.description.trim()) group.description = g.description.trim();
    out.push(group);
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
