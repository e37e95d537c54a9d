/**
 * One entry for every transcript converter: the text of an interview file (a
 * caption file, a transcription service's export, or a Word document's raw
 * text) in, transcript text out, with the shape that was detected.
 */
import { plainTextTurns } from './plainText';
import { renderTranscript } from './render';
import { subtitleTurns } from './subtitles';
import type { ImportedTurn, TranscriptShape } from './turns';

/** What kind of file the text came from (by its extension). */
export type InterviewKind = 'vtt' | 'srt' | 'txt' | 'docx';

/** A converted interview, or the one-line reason it could not be. */
export type TranscriptImport =
  | { ok: true; text: string; shape: TranscriptShape; speakers: Map<string, string>; turns: number }
  | { ok: false; error: string };

/**
 * Converts an interview's text into a transcript titled `title`. A `.txt` that
 * is really WebVTT or SRT (as some services name their exports) is read as
 * captions. Never throws.
 */
export async function transcriptFromText(text: string, kind: InterviewKind, title?: string): Promise<TranscriptImport> {
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') return { ok: false, error: 'the file is empty' };
  if (body.includes('\u0000')) return { ok: false, error: 'the file is binary, not text' };
  let shape: TranscriptShape;
  let turns: ImportedTurn[];
  const captions = kind === 'vtt' || kind === 'srt' ? kind : captionKind(body);
  if (captions) {
    const r = await subtitleTurns(body, captions);
    if ('error' in r) return { ok: false, error: r.error };
    shape = captions === 'vtt' ? 'webvtt' : 'srt';
    turns = r.turns;
  } else {
    ({ shape, turns } = plainTextTurns(body));
  }
  const rendered = renderTranscript(turns, title);
  return { ok: true, shape, ...rendered };
}

/** Whether plain text is in fact a caption file. */
function captionKind(text: string): 'vtt' | 'srt' | undefined {
  if (/^WEBVTT(?:[ \t]|\r?\n|\r|$)/.test(text)) return 'vtt';
  if (/^\s*\d+[ \t]*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->/.test(text)) return 'srt';
  return undefined;
}
