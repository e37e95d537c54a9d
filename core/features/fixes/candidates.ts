/**
 * Which codes a researcher most likely means when markup needs a code the text
 * does not name (a `}}` with no block, an unclosed `{{`, an empty block). Axial
 * offers one fix per likely code rather than an empty `{#}`, which would only
 * trade one error for another:
 *   1. the codes of the nearest coded span before the spot, in this transcript
 *      (coding usually runs in streaks of the same code);
 *   2. then the codes used most in this transcript;
 *   3. then the codes used most in the project.
 * Only codes that may be applied count (no categories, no deprecated codes).
 */
import { isValidId } from '../../codebook/ids';
import type { Codebook } from '../../codebook/types';
import type { Project, TranscriptEntry } from '../../project/types';

export function likelyCodes(project: Project, entry: TranscriptEntry, offset: number, max = 3): string[] {
  const cb = project.codebook;
  const out: string[] = [];
  const add = (id: string) => {
    if (out.length < max && !out.includes(id) && applicable(cb, id)) out.push(id);
  };
  let nearest: (typeof entry.transcript.spans)[number] | undefined;
  for (const span of entry.transcript.spans) {
    if (span.close && span.close.end <= offset && span.blocks.length > 0 && (!nearest || span.close.end > nearest.close!.end)) nearest = span;
  }
  for (const b of nearest?.blocks ?? []) for (const ref of b.codes) add(ref.id);
  if (out.length < max) for (const id of byUse(entry.uses.map((u) => u.ref.id))) add(id);
  if (out.length < max) {
    const counts: [string, number][] = [];
    for (const [id, byUri] of project.usage) {
      if (!applicable(cb, id)) continue;
      let n = 0;
      for (const uses of byUri.values()) n += uses.length;
      counts.push([id, n]);
    }
    counts.sort((a, b) => b[1] - a[1] || cb.codes.get(a[0])!.order - cb.codes.get(b[0])!.order);
    for (const [id] of counts) add(id);
  }
  // A fresh project with no coding yet: the codebook's first codes.
  if (out.length === 0) for (const code of cb.codes.values()) add(code.id);
  return out;
}

/** Whether a code exists and may be applied to text (its id can be written as a tag, too). */
export function applicable(cb: Codebook, id: string): boolean {
  const code = cb.codes.get(id);
  return code !== undefined && code.kind !== 'category' && code.status !== 'deprecated' && isValidId(id);
}

/** Ids by number of uses, most first; ties by first appearance. */
function byUse(ids: string[]): string[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
