import { URI, Utils } from 'vscode-uri';

/**
 * URI arithmetic on the strings the editor hands us. Axial keys every file by its
 * URI string as the client sends it; these helpers decode paths only where a
 * path is needed (glob matching, display), so percent-encoding never leaks into
 * globs or file names.
 */

/** The folder URI holding a file URI. */
export function dirnameUri(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

/** The decoded path of `uri` relative to the folder `root`, or undefined when outside it. */
export function relativePath(root: string, uri: string): string | undefined {
  const rootPath = URI.parse(root).path.replace(/\/+$/, '');
  const path = URI.parse(uri).path;
  if (!path.startsWith(rootPath + '/')) return undefined;
  return path.slice(rootPath.length + 1);
}

/** The last path segment of a URI, decoded. */
export function basenameUri(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** A child URI of a folder URI, from a relative path with `/` separators. */
export function joinUri(root: string, relative: string): string {
  return Utils.joinPath(URI.parse(root), ...relative.split('/')).toString();
}

/** True when the file is a codebook (its name is exactly codebook.yaml). */
export function isCodebookUri(uri: string): boolean {
  return basenameUri(uri) === 'codebook.yaml';
}

/** True for the file types that may be transcripts. */
export function isTextUri(uri: string): boolean {
  return /\.(md|txt)$/i.test(URI.parse(uri).path);
}

/** Normalises a URI string so the same file always gives the same key. */
export function normalizeUri(uri: string): string {
  // Parsing a URI costs microseconds, and a rename looks up every file it touches
  // several times: the answers are remembered (a pure function; bounded, then cleared).
  let n = normalized.get(uri);
  if (n === undefined) {
    n = URI.parse(uri).toString();
    if (normalized.size >= MAX_NORMALIZED) normalized.clear();
    normalized.set(uri, n);
  }
  return n;
}

const normalized = new Map<string, string>();
const MAX_NORMALIZED = 20000;
