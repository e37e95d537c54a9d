/**
 * Interview files as the tools write them, for the import tests: captions
 * from Teams (voice tags) and Zoom ("Name:" cues), SRT, and the text exports of
 * Otter.ai, Rev/Temi, Descript and a typed "Name: text" interview.
 */

/** One sample: its text, the kind of file, the shape import should find, and the speakers' names. */
export interface Sample {
  name: string;
  kind: 'vtt' | 'srt' | 'txt' | 'docx';
  text: string;
  shape: string;
  speakers: string[];
}

export const SAMPLES: Sample[] = [
  {
    name: 'teams.vtt',
    kind: 'vtt',
    shape: 'webvtt',
    speakers: ['Carolina Altimir', 'Patient 3'],
    text: `WEBVTT

NOTE exported by Teams

0a1b2c3d-1
00:00:01.120 --> 00:00:04.560 align:start
<v Carolina Altimir>Which of all these factors had
the strongest influence?</v>

0a1b2c3d-2
00:00:05.000 --> 00:00:07.250
<v Patient 3>Building trust, I think &amp; feeling <i>safe</i>.</v>

0a1b2c3d-3
00:00:07.300 --> 00:00:09.000
<v Patient 3>If I hadn't {trusted} her 🎉 I would never have opened up.</v>

00:01:02.000 --> 00:01:04.000
<v.loud Carolina Altimir>Thank you.
`,
  },
  {
    name: 'zoom.vtt',
    kind: 'vtt',
    shape: 'webvtt',
    speakers: ['Lucía Núñez', 'Ana'],
    text: `WEBVTT

1
00:00:02.000 --> 00:00:04.000
Lucía Núñez: ¿Cómo empezó todo?

2
00:00:04.500 --> 00:00:08.000
Ana: Empezó en mayo, después de la mudanza.

3
00:00:08.100 --> 00:00:10.000
y luego todo cambió.

4
00:00:11.000 --> 00:00:12.000
Lucía Núñez: Gracias.
`,
  },
  {
    name: 'captions.srt',
    kind: 'srt',
    shape: 'srt',
    speakers: ['Interviewer', 'Maria'],
    text: '1\r\n00:00:01,000 --> 00:00:02,500\r\nInterviewer: So, how did it go?\r\n\r\n2\r\n00:00:03,000 --> 00:00:05,000\r\nMaria: <i>Badly</i> at first,\r\nto be honest.\r\n\r\n3\r\n00:00:05,100 --> 00:00:06,000\r\nThen better.\r\n\r\n4\r\n00:00:07,000 --> 00:00:08,000\r\nInterviewer: Why?\r\n',
  },
  {
    name: 'otter.txt',
    kind: 'txt',
    shape: 'otter',
    speakers: ['Speaker 1', 'Jo Lee'],
    text: `Speaker 1  0:02
Okay, we're recording. Tell me about the first session.

Jo Lee  0:09
The first session was strange. I didn't know what to say.
I kept looking at the clock at 10:30.

Speaker 1  1:02:03
That's common.
`,
  },
  {
    name: 'rev.txt',
    kind: 'txt',
    shape: 'rev',
    speakers: ['Interviewer', 'Participant 2'],
    text: `Interviewer (00:00:02):
How long have you been in therapy?

Participant 2 (00:00:06):
About two years, on and off.

Interviewer (00:01:15): And before that?
`,
  },
  {
    name: 'descript.txt',
    kind: 'txt',
    shape: 'timestamped-lines',
    speakers: ['Sam', 'Dr. Ruiz'],
    text: `[00:00:00] Sam: Thanks for coming in.
[00:00:04] Dr. Ruiz: My pleasure. Where do we start?
[00:00:09] Sam: With the early years: school, family.
`,
  },
  {
    name: 'typed.txt',
    kind: 'txt',
    shape: 'name-colon-lines',
    speakers: ['I', 'P'],
    text: `Interview 7, recorded 3 May 2024
Note: the participant asked for breaks.

I: Which factors mattered most?
P: Trust. Mostly trust \\ and time.
It took months.
I: Why?
P: Because {{ she }} listened.
`,
  },
  {
    name: 'plain.txt',
    kind: 'txt',
    shape: 'plain',
    speakers: [],
    text: `Field notes, second visit.
The family was at home; the grandmother did most of the talking.
`,
  },
];

/** The words of a text, for order checks. */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== '');
}

/**
 * The spoken words of a sample: its words less the file format's own (WEBVTT,
 * NOTE lines, cue ids and times, speaker names and timestamps, markup tags),
 * with character references decoded as captions mean them.
 */
export function spokenWords(s: Sample): string[] {
  const nameWords = new Set(s.speakers.flatMap((n) => words(n)).flatMap((w) => [w, `${w}:`]));
  const text = s.text
    .replace(/^WEBVTT.*$|^NOTE .*$/gmu, '')
    .replace(/^.*-->.*$/gmu, '')
    .replace(/^[0-9a-f-]+$/gmu, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
  return words(text).filter(
    (w) =>
      !/^\[?\d{1,2}:\d{2}(:\d{2})?\]?$/u.test(w) &&
      !/^\(\d{2}:\d{2}:\d{2}\):$/u.test(w) &&
      !nameWords.has(w) &&
      !/^(Speaker|Participant)$/u.test(w),
  );
}

/** Whether `needle` appears in `hay` in order (other words may stand between). */
export function inOrder(needle: string[], hay: string[]): { ok: true } | { ok: false; missing: string; at: number } {
  let j = 0;
  for (let i = 0; i < needle.length; i++) {
    while (j < hay.length && hay[j] !== needle[i]) j++;
    if (j === hay.length) return { ok: false, missing: needle[i], at: i };
    j++;
  }
  return { ok: true };
}
