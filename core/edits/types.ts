/**
 * The edit types every folder of core shares: quick fixes, refactorings, coding
 * and suggestions all answer offset edits of these shapes, and the server turns
 * them into LSP edits. Offsets count UTF-16 code units.
 */
import type { OffsetRange } from '../text/lineIndex';

/** An edit by offsets into one text. */
export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

/** A text edit in one file, by offsets. */
export interface FileEdit extends TextEdit {
  uri: string;
}
