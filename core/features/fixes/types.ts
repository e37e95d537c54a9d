import type { AxialDiagnostic } from '../../diagnostics';
import type { FileEdit } from '../../edits/types';

/** A quick fix as plain data: what it is called, what it fixes, what it edits. */
export interface QuickFix {
  title: string;
  diagnostic: AxialDiagnostic;
  edits: FileEdit[];
  /** The fix an editor may apply with one keystroke (auto-fix): set only when one fix is clearly right. */
  preferred: boolean;
}
