/**
 * WebVTT and SRT captions (Zoom, Teams, YouTube, transcription services) into
 * turns. The `subtitle` package parses both formats into cues; this file reads
 * the speaker of each cue from a voice tag (`<v Name>`, as Teams writes) or a
 * leading "Name:" (as Zoom writes), and merges consecutive cues of one speaker
 * into one turn that keeps the first cue's start time. A cue with no speaker
 * continues the turn before it; in a file with no speakers at all, each cue is
 * a line of its own with its start time.
 */
import { parseSync, type NodeCue } from 'subtitle';
import { cueSegments } from './cueText';
import { speakerNames, splitNameColon } from './nameColon';
import type { ImportedTurn } from './turns';

/** The turns of a caption file, or a reason when it holds no cues. */
export function subtitleTurns(text: string): { turns: ImportedTurn[] } | { error: string } {
  let cues: NodeCue['data'][];
  try {
    // The parser reads one line ending; captions from Windows tools use CRLF.
    cues = parseSync(text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'))
      .filter((n): n is NodeCue => n.type === 'cue')
      .map((n) => n.data);
  } catch (err) {
    return { error: `not valid captions (${err instanceof Error ? err.message.split('\n')[0] : 'unreadable'})` };
  }
  if (cues.length === 0) return { error: 'no caption cues found' };

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
