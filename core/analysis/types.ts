/**
 * The data behind Axial's pictures (the axial model, the code co-occurrence heat
 * map and the code × case matrix), as plain data computed from a project. Offsets
 * are UTF-16 source offsets, as everywhere in core; hosts convert them.
 *
 * Every picture carries one table of quotes; nodes and cells refer to it by index,
 * so a quote that appears under several nodes is sent once.
 */
import type { OffsetRange } from '../text/lineIndex';

/** One coded span, for click-through lists. */
export interface AnalysisQuote {
  uri: string;
  /** Path relative to the project folder. */
  path: string;
  /** The whole span: from its `{{` to the end of its last block. */
  range: OffsetRange;
  /** Zero-based line of the span's `{{`. */
  line: number;
  /** The quote (stripped, trimmed) cut to a readable length. */
  excerpt: string;
  /** Id of the case (see CaseInfo). */
  case: string;
  /** Speaker label and role of the turn in which the span opens. */
  speaker?: string;
  role?: string;
  /** Codebook codes applied to the span, in the order of their first tag (unknown ids left out). */
  codes: string[];
}

/**
 * A case: the front matter `case` of its transcripts; a transcript without one is a
 * case of its own, identified by its path.
 */
export interface CaseInfo {
  id: string;
  /** The `case` value, or the file name (the path when two such files share a name). */
  label: string;
  /** True when the case comes from front matter `case` (not a lone file). */
  declared: boolean;
  /** Paths of its transcripts, sorted. */
  transcripts: string[];
}

/** A code or category of the hierarchy, with counts over its subtree. */
export interface AnalysisNode {
  id: string;
  name: string;
  kind: 'code' | 'category';
  status: 'active' | 'deprecated';
  /** The codebook colour, else the nearest ancestor's, else one picked for its top-level branch. */
  color: string;
  /** Distance from its root (roots are 0). */
  depth: number;
  parent?: string;
  /** Ids of the children shown, in codebook order. */
  children: string[];
  /** Distinct spans coded with this code or any code under it. */
  quotes: number;
  /** Distinct cases among those spans. */
  cases: number;
  /** Distinct spans coded with this code itself. */
  ownQuotes: number;
  ownCases: number;
  /** Indices into the picture's `quotes` of the spans counted in `quotes`. */
  quoteIds: number[];
  /** Set when `quoteIds` lists only some of them (see limitPictureQuotes): how many were left out. */
  moreQuotes?: number;
}

/** A tag whose code is not in the codebook; such tags count in no node. */
export interface UnknownCode {
  id: string;
  quotes: number;
  quoteIds: number[];
  moreQuotes?: number;
}

/** The category hierarchy with counts (the paper's Figure 1). */
export interface AxialModel {
  /** Folder URI of the project. */
  root: string;
  title?: string;
  /** Every node shown, in tree order (depth first, codebook order among siblings). */
  nodes: AnalysisNode[];
  /** Ids of the top-level nodes; one for a codebook with a single core category. */
  roots: string[];
  cases: CaseInfo[];
  quotes: AnalysisQuote[];
  unknown: UnknownCode[];
  /** Every coder with a block in the project (the coder filter's choices), sorted. */
  coders: string[];
  /** Distinct spans with at least one codebook code, and the cases they are in. */
  totals: { quotes: number; cases: number };
}

/** A code on the axes of the co-occurrence heat map. */
export interface AxisCode {
  id: string;
  name: string;
  color: string;
  status: 'active' | 'deprecated';
  /** The nearest category above the code (for the group separators), if any. */
  group?: string;
  /** Distinct spans coded with the code itself (the diagonal). */
  quotes: number;
}

/** One cell of the co-occurrence matrix: codes `a` and `b` (a before b on the axes, or a = b). */
export interface CooccurrenceCell {
  a: string;
  b: string;
  /** Units holding both codes; on the diagonal, the code's quotes. */
  count: number;
  /** The spans of those units that carry `a` or `b`. */
  quoteIds: number[];
  moreQuotes?: number;
}

export interface Cooccurrence {
  root: string;
  title?: string;
  /** The axes: every code shown in the model that is not a category, in tree order. */
  codes: AxisCode[];
  /** The categories named by `group`, for labels: id → name. */
  groups: Record<string, { name: string; color: string }>;
  /** Non-zero cells only, a before b; the diagonal included. */
  cells: CooccurrenceCell[];
  /** The largest count off the diagonal (0 when no two codes co-occur). */
  max: number;
  quotes: AnalysisQuote[];
  cases: CaseInfo[];
  /** Every coder with a block in the project (the coder filter's choices), sorted. */
  coders: string[];
}

export interface MatrixCell {
  count: number;
  quoteIds: number[];
  moreQuotes?: number;
}

/** A row of the code × case matrix: a node of the model, with a cell per case. */
export interface MatrixRow extends Pick<AnalysisNode, 'id' | 'name' | 'kind' | 'status' | 'color' | 'depth'> {
  /** Aligned with `CaseMatrix.cases`. */
  cells: MatrixCell[];
  /** Distinct spans over all cases (the node's `quotes`). */
  total: MatrixCell;
}

export interface CaseMatrix {
  root: string;
  title?: string;
  cases: CaseInfo[];
  /** Every node of the model, in tree order. */
  rows: MatrixRow[];
  /** Per case: distinct spans with any codebook code. Aligned with `cases`. */
  caseTotals: MatrixCell[];
  /** All coded spans (the model's totals). */
  total: MatrixCell;
  /** The largest cell among rows that are codes (not categories); for the shading. */
  max: number;
  quotes: AnalysisQuote[];
  /** Every coder with a block in the project (the coder filter's choices), sorted. */
  coders: string[];
}
