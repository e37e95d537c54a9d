/**
 * WebVTT and SRT captions (Zoom, Teams, YouTube, transcription services) into
 * turns. The `media-captions` package parses both formats into cues (it follows
 * the WebVTT spec: cue identifiers of any text, as Teams writes, NOTE, STYLE and
 * REGION blocks, cue settings; `subtitle` rejected non-numeric identifiers); this file reads
 * the speaker of each cue from a voice tag (`<v Name>`, as Teams writes) or a
 * leading "Name:" (as Zoom writes), and merges consecutive cues of one speaker
 * into one turn that keeps the first cue's start time. A cue with no speaker
 * continues the turn before it; in a file with no speakers at all, each cue is
 * a line of its own with its start time.
 */
import { cueSegments } from './cueText';
import { speakerNames, splitNameColon } from './nameColon';
import type { ImportedTurn } from './turns';

/** The turns of a caption file, or a reason when it holds no cues. */
export async function subtitleTurns(text: string, type: 'vtt' | 'srt'): Promise<{ turns: ImportedTurn[] } | { error: string }> {
  let cues: { start: number; text: string }[];
  try {
    const { parseTextStream } = await import('media-captions');
    const parsed = await parseTextStream(lineStream(text.replace(/^\ufeff/, '')), { type });
    cues = parsed.cues.map((c) => ({ start: Math.round(c.startTime * 1000), text: c.text }));
  } catch (err) {
    return { error: `not valid captions (${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'})` };
  }
  if (cues.length === 0) return { error: `no caption cues found (not ${type === 'vtt' ? 'WebVTT' : 'SRT'}?)` };

  const pieces = cues.flatMap((cue) => cueSegments(cue.text).map((s) => ({ time: cue.start, voice: s.voice, text: s.text })));
  const named = speakerNames(pieces.filter((p) => p.voice === undefined).map((p) => p.text));
  const said = pieces.map((p) => {
    if (p.voice !== undefined) return p;
    const hit = splitNameColon(p.text);
    return hit && named.has(hit.name) ? { ...p, voice: hit.name, text: hit.rest } : p;
  });
  const anySpeaker = said.some((p) => p.voice !== undefined);
  const turns: ImportedTurn[] = [];
  for (const p of said) {
    const prev = turns[turns.length - 1];
    if (anySpeaker && prev && (p.voice === undefined || p.voice === prev.speaker)) {
      prev.lines[0] = prev.lines[0] === '' ? p.text : `${prev.lines[0]} ${p.text}`;
    } else {
      turns.push(p.voice === undefined ? { time: p.time, lines: [p.text] } : { speaker: p.voice, time: p.time, lines: [p.text] });
    }
  }
  return { turns };
}

/**
 * The lines of `text` as a stream handed out one line per read. media-captions'
 * own `parseText` puts every line in the stream's queue at once, and a Node web
 * stream takes each from the front of an array: time grew with the square of
 * the cues (10,000 cues took 3.6 s, 40,000 took 39 s). Pulled one at a time, the
 * queue never holds more than one line. `made` counts the lines handed to the
 * queue so far (for tests).
 */
export function lineStream(text: string, made: { lines: number } = { lines: 0 }): ReadableStream<string> {
  const lines = text.split(/\r?\n|\r/);
  let next = 0;
  return new ReadableStream<string>(
    {
      pull(controller) {
        if (next < lines.length) {
          controller.enqueue(lines[next++]);
          made.lines++;
        }
        else controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}
