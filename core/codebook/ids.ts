/**
 * Code ids and coder initials (FORMAT section 2): a Unicode letter or digit, then
 * letters, digits, `_`, `.` or `-`. Ids are compared after Unicode NFC normalisation,
 * so `relación` typed with a combining accent is the same id as the precomposed one.
 */
export const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/** The canonical form of an id as written in a file. */
export function normalizeId(raw: string): string {
  return raw.normalize('NFC');
}

/** Whether an (already normalised) id may be used as a code id or coder initials. */
export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}
