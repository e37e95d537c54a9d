/**
 * Plain-text interviews (typed, pasted from Word, or exported by transcription
 * services) into turns. The shape is detected, first match wins:
 * - `otter`: Otter.ai, a line "Name  0:02" (name, spaces, time) then the text;
 * - `rev`: Rev and Temi, "Name (00:00:02):" then the text on that line or below;
 * - `timestamped-lines`: Descript and Zoom, "[00:00:02] Name: text" or "00:00:02 Name: text";
 * - `name-colon-lines`: "Name: text" (also Word documents typed that way);
 * - `plain`: none of these; the lines are kept as they are, with no speakers.
 * Lines that start no turn belong to the turn above them; blank lines are dropped.
 */
import { speakerNames, looksLikeName, splitNameColon } from './nameColon';
import { parseTime, type ImportedTurn, type TranscriptShape } from './turns';

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const OTTER = new RegExp(String.raw`^(\S.{0,59}?)[ \t]+(${TIME})[ \t]*$`, 'u');
const REV = new RegExp(String.raw`^(\S.{0,59}?)[ \t]*\((${TIME})\):?(?:[ \t]+(.*))?$`, 'su');
const STAMPED = new RegExp(String.raw`^\[?(${TIME})\]?[ \t]+(.*)$`, 'su');

type Header = { speaker?: string; time?: number; rest?: string };
type Reader = (line: string) => Header | undefined;

/** The detected shape and the turns of a plain-text interview. */
export function plainTextTurns(text: string): { shape: TranscriptShape; turns: ImportedTurn[] } {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const otter: Reader = (l) => {
    const m = OTTER.exec(l);
    return m && looksLikeName(m[1]) ? { speaker: m[1].trim(), time: parseTime(m[2]) } : undefined;
  };
  const rev: Reader = (l) => {
    const m = REV.exec(l);
    return m && looksLikeName(m[1]) ? { speaker: m[1].trim(), time: parseTime(m[2]), rest: m[3] } : undefined;
  };
  const stampedNames = speakerNames(nonEmpty.map((l) => STAMPED.exec(l)?.[2] ?? ''));
  const stamped: Reader = (l) => {
    const m = STAMPED.exec(l);
    const hit = m ? splitNameColon(m[2]) : undefined;
    return m && hit && stampedNames.has(hit.name) ? { speaker: hit.name, time: parseTime(m[1]), rest: hit.rest } : undefined;
  };
  const colonNames = speakerNames(nonEmpty);
  const colon: Reader = (l) => {
    const hit = splitNameColon(l);
    return hit && colonNames.has(hit.name) ? { speaker: hit.name, rest: hit.rest } : undefined;
  };
  const shapes: [TranscriptShape, Reader][] = [
    ['otter', otter],
    ['rev', rev],
    ['timestamped-lines', stamped],
    ['name-colon-lines', colon],
  ];
  for (const [shape, read] of shapes) {
    const headers = nonEmpty.filter((l) => read(l) !== undefined).length;
    // One header is enough when it opens the text; otherwise two, so a stray
    // "we met at 10:30" line does not make a whole document an Otter export.
    if (headers >= 2 || (headers === 1 && read(nonEmpty[0]) !== undefined)) return { shape, turns: readTurns(lines, read) };
  }
  return { shape: 'plain', turns: nonEmpty.length ? [{ lines: nonEmpty }] : [] };
}

function readTurns(lines: string[], read: Reader): ImportedTurn[] {
  const turns: ImportedTurn[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const h = read(line);
    if (h) {
      const turn: ImportedTurn = { speaker: h.speaker, lines: [] };
      if (h.time !== undefined) turn.time = h.time;
      if (h.rest !== undefined && h.rest.trim() !== '') turn.lines.push(h.rest);
      turns.push(turn);
    } else if (turns.length > 0) {
      turns[turns.length - 1].lines.push(line);
    } else {
      turns.push({ lines: [line] });
    }
  }
  return turns;
}
