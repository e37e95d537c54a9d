/**
 * The spoken words of one caption cue: WebVTT voice spans (`<v Name>…</v>`,
 * `<v.loud Name>`) give the speaker; every other tag (`<i>`, `<b>`, `<c.x>`,
 * `<lang>`, `<ruby>`, inline `<00:00:01.000>` timestamps, SRT's `<font>`) is
 * dropped and character references are decoded, because they are layout, not
 * speech. The cue's own line breaks are layout too and become spaces.
 */

/** A piece of a cue said by one voice (or by no named voice). */
export interface CueSegment {
  voice?: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00a0', lrm: '\u200e', rlm: '\u200f', quot: '"', apos: "'" };

/** Splits a cue's text by voice and cleans each piece. */
export function cueSegments(raw: string): CueSegment[] {
  const segments: CueSegment[] = [];
  const voiceTag = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/g;
  let voice: string | undefined;
  let last = 0;
  for (let m = voiceTag.exec(raw); m; m = voiceTag.exec(raw)) {
    push(segments, voice, raw.slice(last, m.index));
    voice = m[1]?.trim() || undefined;
    last = m.index + m[0].length;
  }
  push(segments, voice, raw.slice(last));
  return segments;
}

function push(segments: CueSegment[], voice: string | undefined, raw: string): void {
  const text = clean(raw);
  if (text !== '') segments.push(voice === undefined ? { text } : { voice: decode(voice), text });
}

/** Tags out, references decoded, lines joined by one space. */
function clean(raw: string): string {
  const noTags = raw.replace(/<\/?[A-Za-z0-9][^>]*>|<\/>/g, '');
  return decode(noTags)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}
