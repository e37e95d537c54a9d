/**
 * "Name: text" at the start of a line or cue. A name is one to four words that
 * start with a letter, with no sentence punctuation; and since "Note: …" or
 * "Date: …" read the same, which names are speakers is decided over the whole
 * file (`speakerNames`).
 */

/** A line's leading speaker name and the rest, when it has the shape. */
export function splitNameColon(line: string): { name: string; rest: string } | undefined {
  const m = /^([^:\n]{1,40}?):[ \t]+(.*)$/su.exec(line);
  if (!m || !looksLikeName(m[1])) return undefined;
  return { name: m[1].trim(), rest: m[2] };
}

/** Whether text reads as a person's name or a role ("Speaker 1", "Dr. Ana Ruiz", "INTERVIEWER"). */
export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (!/^\p{L}/u.test(t) || /[?!;,"“”()[\]{}<>/\\|=]|https?$/u.test(t)) return false;
  return t.split(/\s+/).length <= 4;
}

/** Words that head a line of a document's header rather than name a speaker. */
const NOT_NAMES = /^(note|notes|nb|update|summary|date|time|location|place|title|subject|re|fwd|transcript|interview|duration|recording|file|source|topic|project|study|case|session|attendees|participants|keywords|tags|description|comment|comments|todo|warning|caution|tip|example|answer|question|q|a)$/iu;

/**
 * The names that start lines as speakers: a name that starts at least two lines,
 * or, where "Name:" starts at least half of the lines (a dialogue), any name
 * but a header word ("Note:", "Date:"); a single line in a file is a speaker
 * only when it is the whole file.
 */
export function speakerNames(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  let nonEmpty = 0;
  let hits = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonEmpty++;
    const hit = splitNameColon(line);
    if (!hit) continue;
    hits++;
    counts.set(hit.name, (counts.get(hit.name) ?? 0) + 1);
  }
  const dialogue = hits >= 2 && hits * 2 >= nonEmpty;
  const names = new Set<string>();
  for (const [name, n] of counts) if (n >= 2 || (dialogue && !NOT_NAMES.test(name))) names.add(name);
  if (names.size === 0 && hits === 1 && nonEmpty === 1) names.add([...counts.keys()][0]);
  return names;
}
