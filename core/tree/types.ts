import type { OffsetRange } from '../text/lineIndex';

/**
 * What the axial tree shows: which quotes count. Each list is a set of accepted
 * values (a quote passes when it matches any of them); the dimensions combine with
 * AND. An empty or missing list accepts everything.
 */
export interface TreeFilter {
  /** Front matter `case` (a transcript without one is its own case: its path). */
  cases?: string[];
  /** The role of the speaker turn the span opens in (`speakers` role, else the label). */
  speakers?: string[];
  /** Front matter `participant`. */
  participants?: string[];
  /** The coder of the block that applies the code (`@XX`, else the front matter's `coder`). */
  coders?: string[];
  /** Front matter `attributes`, as key and value (the value as text). */
  attributes?: { key: string; value: string }[];
  /** Words to find in the quote, ignoring case and accents. */
  text?: string;
  /** Only spans coded or recoded since a revision (the client gets them from `axial/codingChanges`). */
  changedSince?: ChangedSince;
}

/**
 * The spans coded or recoded since a revision, as the diff found them: each by its
 * transcript, stripped range (opener to closer, as core/codings counts it) and coder.
 */
export interface ChangedSince {
  /** The revision, as the user named it (`HEAD`, a branch, a commit). */
  revision: string;
  spans: ChangedSpan[];
}

/** One span whose coding by one coder changed. */
export interface ChangedSpan {
  uri: string;
  start: number;
  end: number;
  coder: string;
}

/** The kinds of node of the tree, top to bottom. */
export type TreeNodeKind = 'project' | 'category' | 'code' | 'unknownGroup' | 'unknownCode' | 'quote' | 'memo' | 'more';

/**
 * Which of a node's quotes to list: `limit` quote nodes from the `offset`-th on
 * (sub-codes always come first, whole). A code may hold 100,000 quotes; editors
 * list them a page at a time, so no answer grows with the project.
 */
export interface TreePage {
  offset?: number;
  limit?: number;
}

/** A quote under a code: one coded span, with where it stands. */
export interface TreeQuote {
  /** The transcript. */
  uri: string;
  /** Path relative to the project folder. */
  path: string;
  /** Index of the span in the transcript. */
  span: number;
  /** The quote's source range: from its first to its last character (markup of inner spans included). */
  range: OffsetRange;
  /** One-based line of the span's opener. */
  line: number;
  /** The whole quote (stripped text, trimmed). */
  text: string;
  /** Role of the speaker turn the span opens in, else the speaker label. */
  speaker?: string;
  /** Front matter `case`, else the transcript's path. */
  case: string;
  /** Coders who applied the node's code to this span. */
  coders: string[];
  /** Memos of the blocks that apply the code. */
  memos: string[];
}

/** One node of the axial tree, as plain data (offsets, not positions). */
export interface TreeNodeData {
  /** Stable across refreshes (VS Code keeps what the user expanded by it). */
  id: string;
  /** The parent's id; undefined at the top level. */
  parentId?: string;
  kind: TreeNodeKind;
  /** Folder URI of the project. */
  root: string;
  label: string;
  /** Character ranges of `label` to highlight (search matches), [start, end). */
  highlights?: [number, number][];
  description?: string;
  /** Markdown; none on quotes (an editor builds theirs from `quote`, keeping answers small). */
  tooltip?: string;
  /** The code of a code, category, unknown code or quote node. */
  codeId?: string;
  /** Distinct quotes (spans) under the node, sub-codes included, after the filter. */
  quotes: number;
  /** Distinct cases among them. */
  cases: number;
  hasChildren: boolean;
  /** A code or category with no quote at all (unfiltered): shown dimmed. */
  empty?: boolean;
  deprecated?: boolean;
  /** `#rrggbb` from the codebook. */
  color?: string;
  /** Where a code is defined: codebook.yaml and the range of its key. */
  source?: { uri: string; range: OffsetRange };
  quote?: TreeQuote;
  /** A memo node's file: its URI and its path in the project. */
  memo?: { uri: string; path: string };
  /**
   * On a `more` node (the last child when a page of quotes leaves some out): where
   * the next page starts and how many quotes are left. Its label is `… N more`.
   */
  more?: { offset: number; remaining: number };
}

/** The values the filters can take in the open projects, for pickers. */
export interface TreeFacets {
  cases: string[];
  speakers: string[];
  participants: string[];
  coders: { id: string; name?: string }[];
  attributes: { key: string; value: string }[];
}
