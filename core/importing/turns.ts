/**
 * What every transcript converter produces before rendering: a list of turns,
 * each with the speaker's name as the source wrote it (none for text that
 * belongs to no speaker), the start time when the source has one, and the
 * spoken lines exactly as they were.
 */

/** One speaker turn (or a run of unattributed text) read from an interview file. */
export interface ImportedTurn {
  /** The speaker's name as written in the source; undefined for text of no speaker. */
  speaker?: string;
  /** Start time in milliseconds, when the source gives one. */
  time?: number;
  /** The turn's lines of text, without the speaker's name or the timestamp. */
  lines: string[];
}

/** The shape of input a converter recognised, as `axial import` reports it. */
export type TranscriptShape =
  | 'webvtt'
  | 'srt'
  | 'otter'
  | 'rev'
  | 'timestamped-lines'
  | 'name-colon-lines'
  | 'plain';

/** Human wording of each shape, for the one line `axial import` prints. */
export const SHAPE_NAMES: Record<TranscriptShape, string> = {
  webvtt: 'WebVTT captions',
  srt: 'SRT subtitles',
  otter: 'Otter.ai text export ("Name  0:02" lines)',
  rev: 'Rev/Temi text export ("Name (00:00:02):" lines)',
  'timestamped-lines': 'timestamped "[00:00:02] Name: text" lines (Descript, Zoom)',
  'name-colon-lines': '"Name: text" lines',
  plain: 'plain text with no speakers',
};

/** Milliseconds as `hh:mm:ss`, the way imported transcripts write a turn's start. */
export function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** `1:02:03`, `01:02`, `00:00:02.500` or `00:00:02,500` in milliseconds; undefined when not a time. */
export function parseTime(text: string): number | undefined {
  const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [h, min, sec] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (sec > 59 || (m[1] !== undefined && min > 59)) return undefined;
  return ((h * 60 + min) * 60 + sec) * 1000 + (m[4] ? Number(m[4].padEnd(3, '0')) : 0);
}
