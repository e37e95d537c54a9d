/**
 * A memo file (`memos/*.md`, FORMAT.md section 4): Markdown with optional front matter
 * `codes: [id, …]` and `transcripts: [path, …]`. The one reader of memo files: the
 * index checks what it finds, rename edits its ranges, and the export and reports take
 * its text. Never throws: a front matter that does not parse names nothing, stays in
 * the text, and is reported with its position.
 */
import { isScalar, isSeq, isMap, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { MAX_YAML_FRONT_MATTER } from '../text/frontMatterLimit';
import { DiagnosticCodes, type AxialDiagnostic } from '../diagnostics';
import { LineIndex, lfForLoneCr, type OffsetRange } from '../text/lineIndex';
import { printable } from '../text/printable';
import { withoutErrorStacks } from '../text/withoutErrorStacks';
import { scanMentions, type MemoMention } from './mentions';

/** One name in a memo's front matter list, with the range of its YAML scalar (quotes included). */
export interface MemoRef {
  value: string;
  range: OffsetRange;
}

/** What a memo file says. */
export interface MemoFile {
  /** Code ids of `codes:`, trimmed, in order. */
  codes: MemoRef[];
  /** Project-relative transcript paths of `transcripts:`, trimmed, in order. */
  transcripts: MemoRef[];
  /** The front matter, fences included, when there is a readable one. */
  frontMatter?: OffsetRange;
  /** The memo's Markdown after the front matter, without leading blank lines (the whole text when the front matter is unreadable). */
  body: string;
  /** Candidate code mentions in the body (`#id`, `` `id` ``): the features keep those that name a code. */
  mentions: MemoMention[];
  /** Problems of the file itself: unclosed or broken front matter, lists that are not lists of names. */
  diagnostics: AxialDiagnostic[];
}

const BOM = 0xfeff;
/** Front matter never needs more; deeper nesting would make the yaml package slow. */
const MAX_NESTING = 64;

/** Reads a memo file. */
export function parseMemo(text: string): MemoFile {
  const memo: MemoFile = { codes: [], transcripts: [], body: '', mentions: [], diagnostics: [] };
  const open = text.charCodeAt(0) === BOM ? 1 : 0;
  const lines = new LineIndex(text);
  const fenceAt = (line: number, from: number, closing: boolean) => {
    const content = text.slice(from, lines.lineEnd(line));
    return content === '---' || (closing && content === '...');
  };
  const whole = () => text.slice(open).replace(/^(\r\n|\n|\r)+/, '');
  const wholeBody = () => {
    memo.body = whole();
    memo.mentions = scanMentions(text, open);
    return memo;
  };
  if (!fenceAt(0, open, false)) return wholeBody();
  const starts = lines.lineStarts;
  let close = -1;
  for (let line = 1; line < starts.length && close < 0; line++) if (fenceAt(line, starts[line], true)) close = line;
  if (close < 0) {
    memo.diagnostics.push(problem(DiagnosticCodes.memoFrontMatter,
      'This memo\'s front matter is never closed: add a line `---` after `codes:` and `transcripts:` (or remove this line).', open, open + 3));
    return wholeBody();
  }
  const base = starts[1] <= starts[close] ? starts[1] : starts[close];
  const end = starts[close];
  const bodyStart = close + 1 < starts.length ? starts[close + 1] : text.length;
  if (!readFrontMatter(text, base, Math.max(base, end), memo)) return wholeBody();
  memo.frontMatter = { start: open, end: lines.lineEnd(close) };
  memo.body = text.slice(bodyStart).replace(/^(\r\n|\n|\r)+/, '');
  memo.mentions = scanMentions(text, bodyStart);
  return memo;
}

function problem(code: AxialDiagnostic['code'], message: string, start: number, end: number): AxialDiagnostic {
  return { code, severity: 'error', message: printable(message), range: { start, end } };
}

/** Fills `memo.codes` and `memo.transcripts`; false when the YAML does not parse (reported). */
function readFrontMatter(text: string, base: number, end: number, memo: MemoFile): boolean {
  if (end - base > MAX_YAML_FRONT_MATTER) {
    // Megabytes between two `---` lines are a misplaced fence, not a memo's codes and
    // transcripts; the yaml package would spend seconds on them at every keystroke.
    memo.diagnostics.push(
      problem(
        DiagnosticCodes.memoFrontMatter,
        `This memo's front matter is ${(end - base).toLocaleString('en-US')} characters long; Axial reads front matter of up to ${MAX_YAML_FRONT_MATTER.toLocaleString('en-US')} characters, so it reads no codes or transcripts from it. Is a \`---\` line misplaced?`,
        base,
        base,
      ),
    );
    return false;
  }
  // A lone \r read as \n (the yaml package breaks lines only at \n): same length, same offsets.
  const src = lfForLoneCr(text.slice(base, end));
  const clamp = (o: number) => base + Math.max(0, Math.min(o, src.length));
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    if (depth > MAX_NESTING) {
      memo.diagnostics.push(problem(DiagnosticCodes.memoFrontMatter, `Lists are nested more than ${MAX_NESTING} levels deep in this memo's front matter; Axial reads no codes or transcripts from it.`, base + i, base + i + 1));
      return false;
    }
  }
  let doc: Document.Parsed;
  try {
    doc = withoutErrorStacks(() => parseDocument(src, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' }));
  } catch {
    memo.diagnostics.push(problem(DiagnosticCodes.memoFrontMatter, 'This memo\'s front matter could not be read as YAML.', base, end));
    return false;
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, 20)) {
      const [s, t] = Array.isArray(e.pos) ? e.pos : [0, 0];
      const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      memo.diagnostics.push(problem(DiagnosticCodes.memoFrontMatter, `This memo's front matter is not valid YAML: ${first}`, clamp(s), clamp(Math.max(s, t, s + 1))));
    }
    return false;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return true;
  if (!isMap(root)) {
    const r = rangeOf(root, clamp, base);
    memo.diagnostics.push(problem(DiagnosticCodes.memoBadValue, 'A memo\'s front matter is `key: value` lines, such as  codes: [trust]  and  transcripts: [transcripts/case-a.md].', r.start, r.end));
    return true;
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== 'codes' && key !== 'transcripts') continue;
    const into = key === 'codes' ? memo.codes : memo.transcripts;
    const value = pair.value as YamlNode | null;
    const items: (YamlNode | null)[] = value === null || (isScalar(value) && value.value === null) ? [] : isSeq(value) ? (value.items as (YamlNode | null)[]) : [value];
    for (const item of items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim() !== '') {
        into.push({ value: String(item.value).trim(), range: rangeOf(item, clamp, base) });
      } else {
        const r = item ? rangeOf(item, clamp, base) : rangeOf(value ?? (pair.key as YamlNode), clamp, base);
        memo.diagnostics.push(problem(DiagnosticCodes.memoBadValue,
          key === 'codes' ? '`codes` lists code ids, such as  codes: [trust, opening-up]; Axial ignores this item.' : '`transcripts` lists transcript paths, such as  transcripts: [transcripts/case-a.md]; Axial ignores this item.',
          r.start, r.end));
      }
    }
  }
  return true;
}

function rangeOf(node: YamlNode, clamp: (o: number) => number, base: number): OffsetRange {
  return node.range ? { start: clamp(node.range[0]), end: clamp(node.range[1]) } : { start: base, end: base };
}
