/**
 * Whether two codebook.yaml texts say the same thing as far as REFI-QDA can
 * carry it: title, coders, every code with its fields in order, and groups;
 * neither with errors. The importer gives back a codebook.yaml text kept in the
 * `Axial` note (comments, layout and all) only when it says what the imported
 * REFI-QDA codes say, so a codebook recoded in another tool comes back as
 * written from its codes instead.
 */
import { parseCodebook } from '../codebook/parse';
import type { Codebook } from '../codebook/types';

/** True when `kept` reads as the same codebook as `imported` (the text the import writes). */
export function sameCodebook(kept: string, imported: string): boolean {
  const a = parseCodebook(kept);
  const b = parseCodebook(imported);
  if (hasErrors(a) || hasErrors(b)) return false;
  return JSON.stringify(view(a)) === JSON.stringify(view(b));
}

function hasErrors(cb: Codebook): boolean {
  return cb.diagnostics.some((d) => d.severity === 'error');
}

/** A codebook's meaning, field by field, in file order (ranges and layout left out). */
function view(cb: Codebook): unknown {
  return {
    title: cb.title,
    coders: [...(cb.coders?.values() ?? [])].map((c) => [c.id, c.name]),
    codes: [...cb.codes.values()].map((c) => [
      c.id,
      c.kind,
      c.parent?.value,
      c.name,
      c.definition,
      c.include,
      c.exclude,
      c.examples.map((e) => e.value),
      c.aliases,
      c.color,
      c.status,
      c.replacedBy?.value,
      c.memo,
      c.guid,
    ]),
    groups: [...cb.groups.values()].map((g) => [g.id, g.name, g.description, g.codes.map((c) => c.value)]),
  };
}
