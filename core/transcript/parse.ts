import type { AxialDiagnostic } from '../diagnostics';
import { conflictMarkers } from '../diagnostics';
import { LineIndex } from '../text/lineIndex';
import { parseFrontMatter } from './frontMatter';
import { scanBody } from './scanner';
import { transcriptWithLazyTurns } from './lazyTurns';
import { findTurnTable } from './turns';
import type { Transcript } from './types';

/**
 * Parses a transcript (FORMAT.md section 3). Never throws: every problem becomes a
 * diagnostic with an exact range, and the rest of the text is still parsed.
 */
export function parseTranscript(text: string): Transcript {
  // A caller in plain JavaScript might hand over something else; that is not worth a crash.
  if (typeof text !== 'string') text = String(text ?? '');
  const diagnostics: AxialDiagnostic[] = [];
  const lines = new LineIndex(text);
  const { frontMatter, bodyStart } = parseFrontMatter(text, lines, diagnostics);
  const speakers = frontMatter?.speakers && Object.keys(frontMatter.speakers).length > 0 ? frontMatter.speakers : undefined;
  const turns = findTurnTable(text, lines, bodyStart, speakers);
  const { spans, stripped } = scanBody(text, bodyStart, turns.starts, diagnostics);
  diagnostics.push(...conflictMarkers(text));
  // Reported in file order, whichever pass found them (Array.prototype.sort is stable).
  diagnostics.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  // Turn objects are built when first read (lazyTurns.ts).
  const transcript = transcriptWithLazyTurns({ text, lines, bodyStart, spans, stripped, diagnostics }, turns);
  if (frontMatter) transcript.frontMatter = frontMatter;
  return transcript;
}
