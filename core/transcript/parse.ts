import type { AxialDiagnostic } from '../diagnostics';
import { conflictMarkers } from '../diagnostics';
import { LineIndex } from '../text/lineIndex';
import { parseFrontMatter } from './frontMatter';
import { scanBody } from './scanner';
import { CappedDiagnostics, limitDiagnostic, markLimited, parseLimits, type ScanLimits } from './limits';
import { transcriptWithLazyTurns } from './lazyTurns';
import { findTurnTable } from './turns';
import type { Transcript } from './types';

/**
 * Parses a transcript (FORMAT.md section 3). Never throws: every problem becomes a
 * diagnostic with an exact range, and the rest of the text is still parsed.
 * `quotes: false` leaves every span's `quote` '' (its `quoteRange` is still set):
 * for a caller that reads diagnostics only (`axial check` when the codebook has no
 * examples to look for), a string a span less for the collector.
 */
export function parseTranscript(text: string, options: { quotes?: boolean } = {}): Transcript {
  // A caller in plain JavaScript might hand over something else; that is not worth a crash.
  if (typeof text !== 'string') text = String(text ?? '');
  const diagnostics: AxialDiagnostic[] = [];
  const lines = new LineIndex(text);
  const { frontMatter, bodyStart } = parseFrontMatter(text, lines, diagnostics);
  const speakers = frontMatter?.speakers && Object.keys(frontMatter.speakers).length > 0 ? frontMatter.speakers : undefined;
  const turns = findTurnTable(text, lines, bodyStart, speakers);
  const before = diagnostics.length;
  const { spans, stripped, limits } = scanBody(text, bodyStart, turns.starts, diagnostics, { quotes: options.quotes });
  addConflictMarkers(text, diagnostics, diagnostics.length - before, limits);
  const limited = addLimitDiagnostic(limits, lines, diagnostics);
  // Reported in file order, whichever pass found them (Array.prototype.sort is stable).
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  // Turn objects are built when first read (lazyTurns.ts).
  const transcript = transcriptWithLazyTurns({ text, lines, bodyStart, spans, stripped, diagnostics }, turns);
  if (frontMatter) transcript.frontMatter = frontMatter;
  if (limited) markLimited(transcript);
  return transcript;
}

/**
 * Parses only what a transcript's codings need: the front matter, the spans with
 * their blocks, the stripped text and the syntax errors of coding markup. It skips
 * what they do not need: speaker turns (`turns` is empty, `span.turn` unset),
 * conflict-marker diagnostics, and span quotes (`quote` is ''; `quoteRange` is
 * set). For merge, which reads whole versions of a large transcript in a process
 * that lives for one command, where every skipped object is time not spent in the
 * collector. Never throws.
 */
export function parseForCodings(text: string): Transcript {
  if (typeof text !== 'string') text = String(text ?? '');
  const diagnostics: AxialDiagnostic[] = [];
  const lines = new LineIndex(text);
  const { frontMatter, bodyStart } = parseFrontMatter(text, lines, diagnostics);
  const { spans, stripped, limits } = scanBody(text, bodyStart, NO_TURNS, diagnostics, { quotes: false });
  const limited = addLimitDiagnostic(limits, lines, diagnostics);
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const transcript: Transcript = { text, lines, bodyStart, turns: [], spans, stripped, diagnostics };
  if (frontMatter) transcript.frontMatter = frontMatter;
  if (limited) markLimited(transcript);
  return transcript;
}

/**
 * Adds the conflict-marker errors within what is left of the parse's budget of
 * problems (`used` were kept by the scan), and counts the rest into `limits`.
 */
function addConflictMarkers(text: string, diagnostics: AxialDiagnostic[], used: number, limits: ScanLimits): void {
  const capped = new CappedDiagnostics(diagnostics, Math.max(0, parseLimits.diagnostics - used));
  for (const d of conflictMarkers(text, capped.max, (start) => capped.count(start))) capped.push(d);
  if (capped.left === 0) return;
  if (limits.problemsLeft === 0 || capped.firstLeftAt < limits.firstProblemLeftAt) limits.firstProblemLeftAt = capped.firstLeftAt;
  limits.problemsLeft += capped.left;
}

/** Adds the diagnostic that says what the scan left out, if it left anything; true if it did. */
function addLimitDiagnostic(limits: ScanLimits, lines: LineIndex, diagnostics: AxialDiagnostic[]): boolean {
  const d = limitDiagnostic(limits, lines);
  if (!d) return false;
  diagnostics.push(d);
  return true;
}

const NO_TURNS: ArrayLike<number> = [];
