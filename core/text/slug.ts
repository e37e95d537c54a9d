/**
 * A title as part of a file name: accents dropped, lower case, every run of other
 * characters one `-`, none at either end, at most `max` characters. May be empty;
 * the caller names the fallback (`memo`, `axial`).
 */
export function slugOf(title: string, max = 60): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
}
