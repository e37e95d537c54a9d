/**
 * True for a project-relative path that is a memo file: a `.md` file under the
 * project's `memos/` folder (FORMAT.md section 4), at any depth.
 */
export function isMemoPath(path: string): boolean {
  return /^memos\/(?:[^/]+\/)*[^/]+\.md$/i.test(path) && !path.split('/').some((p) => p.startsWith('.'));
}
