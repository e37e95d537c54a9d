/**
 * Readable code ids from names: `Trust in the therapist` → `trust-in-the-therapist`,
 * `Relación` → `relación` (ids allow letters of any script, FORMAT.md section 2),
 * unique by a number suffix (`trust-2`).
 */
import { isValidId } from '../codebook/ids';

/** A valid id for `name` that is not in `taken` (which it is added to). */
export function uniqueId(name: string, taken: Set<string>): string {
  const base = slug(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Lower case, words joined by `-`, only the characters an id allows. */
export function slug(name: string): string {
  const s = name
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[\s/\\>:]+/gu, '-')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '')
    .replace(/-{2,}/g, '-')
    .replace(/^[_.-]+|[_.-]+$/g, '');
  return isValidId(s) ? s : 'code';
}
