/**
 * Readable, valid, unique Axial ids from REFI-QDA names: a name that already is
 * a valid id is kept as it is (so an Axial export comes back with its ids);
 * otherwise it is lower-cased and every run of other characters becomes `-`
 * ("Therapist as expert" → `therapist-as-expert`). Clashes get `-2`, `-3`, ….
 */
import { isValidId } from '../codebook/ids';

/** Hands out ids, each once. */
export class IdAllocator {
  private readonly used = new Set<string>();

  /** Marks an id as taken without allocating it. */
  reserve(id: string): void {
    this.used.add(id);
  }

  /** True when `id` is taken. */
  has(id: string): boolean {
    return this.used.has(id);
  }

  /** A fresh id read from `name`, `fallback` when nothing of the name is usable. */
  fromName(name: string, fallback: string): string {
    const base = slug(name) || fallback;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

/** `name` as an id, or '' when it has no letter or digit. */
export function slug(name: string): string {
  const n = name.normalize('NFC').trim();
  if (isValidId(n)) return n;
  return n
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_.]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[-.]+$/u, '');
}

/** Coder initials from a user's name: "Carolina Altimir" → `CA`; a name that is already an id is kept. */
export function initials(name: string): string {
  const n = name.normalize('NFC').trim();
  if (isValidId(n) && n.length <= 12) return n;
  const words = n.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const letters = words.map((w) => String.fromCodePoint(w.codePointAt(0)!).toUpperCase()).join('');
  return letters.length >= 2 ? letters : slug(n);
}

/** Hands out file paths, each once, comparing without case (as macOS and Windows file systems do). */
export class PathAllocator {
  private readonly used = new Set<string>();

  /** `path` when free, else `<stem>-2<ext>`, `<stem>-3<ext>`, …. */
  claim(path: string): string {
    const dot = path.lastIndexOf('.');
    const stem = dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
    const ext = stem.length < path.length ? path.slice(stem.length) : '';
    let p = path;
    for (let n = 2; this.used.has(p.toLowerCase()); n++) p = `${stem}-${n}${ext}`;
    this.used.add(p.toLowerCase());
    return p;
  }
}

/** A file name from a name: lower case, runs of other characters as `-`, no extension; '' when nothing is left. */
export function fileSlug(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
