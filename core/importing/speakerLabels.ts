/**
 * Short turn labels for speakers' names: `I` for an interviewer, `P` for a
 * participant, otherwise the name's initials (`Maria López` → `ML`,
 * `Speaker 2` → `S2`), made unique (`ML`, `MLo`, `ML2`, …). Labels are keys of
 * the transcript's `speakers` map, so they never hold a colon or white space.
 */

const INTERVIEWER = /^(interviewer|moderator|facilitator|researcher|interviewerin|entrevistador(a)?)\b/iu;
const PARTICIPANT = /^(participant|interviewee|respondent|patient|informant|entrevistado|entrevistada)\b/iu;

/** A label for each distinct name, in order of first appearance. */
export function speakerLabels(names: string[]): Map<string, string> {
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of names) {
    if (labels.has(name)) continue;
    const label = unique(candidates(name), taken);
    taken.add(label);
    labels.set(name, label);
  }
  return labels;
}

/** Preferred labels for one name, best first. */
function candidates(name: string): string[] {
  const words = name.normalize('NFC').split(/[\s_.-]+/u).map(clean).filter((w) => w.length > 0);
  const out: string[] = [];
  const numbered = words.length > 1 && /^\p{N}+$/u.test(words[words.length - 1]) ? words[words.length - 1] : '';
  if (INTERVIEWER.test(name.trim())) out.push(`I${numbered}`);
  if (PARTICIPANT.test(name.trim())) out.push(`P${numbered}`);
  const initials = words.map((w) => (/^\p{N}+$/u.test(w) ? w : upperFirst(w)[0])).join('').slice(0, 6);
  if (initials) out.push(initials);
  if (words.length > 0) {
    // More of the first word, then the whole name run together.
    const first = upperFirst(words[0]);
    for (let n = 2; n <= Math.min(first.length, 4); n++) out.push(first.slice(0, n) + words.slice(1).map((w) => upperFirst(w)[0]).join(''));
    out.push(words.map(upperFirst).join('').slice(0, 20));
  }
  return out.filter((l) => /^\p{L}/u.test(l));
}

/** The first free candidate, else the first with the smallest free number appended. */
function unique(cands: string[], taken: Set<string>): string {
  for (const c of cands) if (!taken.has(c)) return c;
  const base = cands[0] ?? 'S';
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** Only letters and digits, so a label never holds a colon, brace or space. */
function clean(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, '');
}

function upperFirst(word: string): string {
  return word.charAt(0).toLocaleUpperCase() + word.slice(1);
}
