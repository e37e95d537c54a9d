/**
 * A memo file (`memos/*.md`, FORMAT.md section 4) as the export sees it: its
 * text and the codes and transcripts its front matter names. Never throws: a
 * front matter that does not parse names nothing and stays in the text.
 */
import { parse } from 'yaml';
import type { RefiMemo } from './types';

const FRONT_MATTER = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The memo file at project-relative `path` with content `text`. */
export function refiMemo(path: string, text: string): RefiMemo {
  const m = FRONT_MATTER.exec(text);
  let data: unknown;
  if (m) {
    try {
      data = parse(m[1]);
    } catch {
      data = undefined;
    }
  }
  const names = (key: string): string[] => {
    const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((s) => s.trim()) : [];
  };
  const body = m && data !== undefined ? text.slice(m[0].length) : text.replace(/^\uFEFF/, '');
  return { path, text: body.replace(/^(\r?\n)+/, ''), codes: names('codes'), transcripts: names('transcripts') };
}
