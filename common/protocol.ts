/**
 * Every custom request and notification between the Axial client and server.
 * This file is the one place both sides read them from. Each message is declared
 * once with its parameter and result types (`X.type`, a vscode-jsonrpc
 * RequestType or NotificationType, and `X.method`, its name on the wire); the
 * client sends `X.type` and the server handles `X.type`, so a mismatch on either
 * side fails the type check. Besides those classes (from vscode-languageserver-protocol,
 * the very copy the client and server libraries use) it imports only types (from
 * core's plain-data modules, erased at build time), so the client, the server and
 * tests can all use it. Standard LSP messages are not repeated here.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { AnalysisNode, AnalysisQuote as CoreAnalysisQuote, AxialModel, CaseInfo, CaseMatrix, Cooccurrence } from '../core/analysis';
import type { AgreementReport, Disagreement, SkippedFile, UnitKind } from '../core/agreement';
import type { FileDiff, ProjectDiff, CodingChange } from '../core/diff';
import type { ReportSkipped } from '../core/report';
import type { TreeFacets, TreeFilter, TreeNodeData, TreeNodeKind, TreeQuote } from '../core/tree';
import type { QueryError, QueryHit, QueryUnit } from '../core/query';

/** A request with parameters `P` answering `R`: its wire name and its typed signature. */
export interface AxialRequest<P, R> {
  readonly method: string;
  readonly type: RequestType<P, R, void>;
}

/** A request without parameters answering `R`. */
export interface AxialRequest0<R> {
  readonly method: string;
  readonly type: RequestType0<R, void>;
}

/** A notification carrying `P`. */
export interface AxialNotification<P> {
  readonly method: string;
  readonly type: NotificationType<P>;
}

function request<P, R>(method: string): AxialRequest<P, R> {
  return { method, type: new RequestType<P, R, void>(method) };
}

function request0<R>(method: string): AxialRequest0<R> {
  return { method, type: new RequestType0<R, void>(method) };
}

function notification<P>(method: string): AxialNotification<P> {
  return { method, type: new NotificationType<P>(method) };
}

/** Server → client notification: counts and health for the status bar. */
export const StatusNotification = notification<StatusParams>('axial/status');

export interface ProjectCounts {
  /** Folder URI of the project (the folder holding codebook.yaml). */
  root: string;
  title?: string;
  codes: number;
  categories: number;
  transcripts: number;
  spans: number;
  errors: number;
  warnings: number;
}

export interface StatusParams {
  /** `ok`, or `degraded` when a feature failed (see `lastError`); the server stays up. */
  health: 'ok' | 'degraded';
  /** True while the server is still reading the workspace; counts are partial. */
  indexing?: boolean;
  /** While indexing: project files read so far of those found (the status bar's "n of N files"). */
  progress?: { done: number; total: number };
  projects: ProjectCounts[];
  /** The last feature failure, for the status bar tooltip. */
  lastError?: string;
}

/**
 * Client → server request: which of these documents are transcripts of a project.
 * The client uses it to give the transcript language to files matched by custom
 * `transcripts` globs (the default folders are covered by the manifest alone).
 */
export const TranscriptUrisRequest = request<TranscriptUrisParams, TranscriptUrisResult>('axial/transcriptUris');

export interface TranscriptUrisParams {
  uris: string[];
}

export interface TranscriptUrisResult {
  transcripts: string[];
}

/** Client → server request: the current status, on demand (same shape as the notification). */
export const StatusRequest = request0<StatusParams | null>('axial/getStatus');

/** The language id Axial gives transcripts. */
export const TRANSCRIPT_LANGUAGE_ID = 'axial-transcript';

/**
 * Client → server request: the codebook of the project a file belongs to, with
 * usage counts, for pickers and views. Null when the file is in no project.
 */
export const CodebookRequest = request<CodebookParams, CodebookResult | null>('axial/codebook');

export interface CodebookParams {
  /** Any file of the project: a transcript or its codebook.yaml. */
  uri: string;
}

export interface CodebookEntry {
  id: string;
  name: string;
  kind: 'code' | 'category';
  parent?: string;
  definition?: string;
  aliases: string[];
  status: 'active' | 'deprecated';
  replacedBy?: string;
  color?: string;
  /** Distinct spans coded with this code. */
  quotes: number;
  /** Distinct cases with at least one such span. */
  cases: number;
  /** Distinct spans coded with this code or any code below it (the Axial view's count; a category's real count). */
  subtreeQuotes?: number;
}

export interface CodebookResult {
  root: string;
  codebookUri: string;
  title?: string;
  coders: { id: string; name: string }[];
  /** In codebook order. */
  codes: CodebookEntry[];
}

/*
 * Refactoring commands, run by the server (`workspace/executeCommand`; the server
 * announces them in `executeCommandProvider`). Each computes one edit across the
 * project (codebook.yaml and every transcript, open or not), applies it with
 * `workspace/applyEdit`, and answers a RefactorCommandResult. With `dryRun` the
 * edit is only returned, for previews. A refusal (unknown code, id taken, cycle)
 * is an answer with `error`, not a failed request, so the client can show it.
 * Renaming from the editor uses the standard `textDocument/rename` (F2) instead.
 */

/** Rename a code everywhere (for views and pickers; F2 goes through `textDocument/rename`). */
export const RenameCodeCommand = 'axial.server.renameCode';

export interface RenameCodeArgs {
  /** Any file of the project: a transcript or its codebook.yaml (`codebookUri` is accepted too). */
  uri: string;
  /** The code's current id. */
  from: string;
  /** The new id: a valid id that no code has yet. */
  to: string;
  dryRun?: boolean;
}

/**
 * Merge code `from` into code `to`: every tag `#from` becomes `#to` (dropped where the
 * block already has `#to`); then `from` is removed (`mode: 'delete'`) or kept with
 * `status: deprecated` and `replaced_by: to` (`mode: 'deprecate'`). Children of `from`
 * move under `to`; `replaced_by: from` elsewhere becomes `replaced_by: to`.
 */
export const MergeCodeCommand = 'axial.server.mergeCode';

export interface MergeCodeArgs {
  /** Any file of the project (`codebookUri` is accepted too). */
  uri: string;
  from: string;
  to: string;
  mode: 'delete' | 'deprecate';
  dryRun?: boolean;
}

/** Move a code under another code or category (`parent`), or to the top level (`parent: null`). */
export const MoveCodeCommand = 'axial.server.moveCode';

export interface MoveCodeArgs {
  /** Any file of the project (`codebookUri` is accepted too). */
  uri: string;
  id: string;
  parent: string | null;
  dryRun?: boolean;
}

/** Every refactoring command the server runs. */
export const RefactorCommands = [RenameCodeCommand, MergeCodeCommand, MoveCodeCommand];

/** What a refactoring command answers. */
export interface RefactorCommandResult {
  /** True when the client applied the edit (false for a dry run, a refusal, or an edit the client rejected). */
  applied: boolean;
  /** Why nothing was done, in words for the researcher (unknown code, id taken, cycle, ...). */
  error?: string;
  /** What was (or would be) done, e.g. "Merged 'a' into 'b': retagged 12 tags in 3 transcripts, removed 'a'." */
  summary?: string;
  /** The edit as an LSP WorkspaceEdit (`changes`: URI → text edits); absent on a refusal. */
  edit?: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

/*
 * Coding commands (FORMAT: coded spans), run by the server like the refactoring
 * commands: each computes an edit that changes coding markup only (the stripped
 * text stays the same), applies it with `workspace/applyEdit` (unless `dryRun`),
 * and answers a RefactorCommandResult; a refusal (no span here, unknown code, a
 * selection that cannot be coded safely) is an answer with `error`.
 */

/** A position and a range as LSP counts them (zero-based lines, UTF-16 characters). */
export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** A code to add to codebook.yaml in the same change (then applied too). */
export interface NewCodeArgs {
  id: string;
  name?: string;
  /** Id of its parent category or code. */
  parent?: string;
  definition?: string;
}

/**
 * Wrap the selection as a span `{{…}}{#a #b}` (labelled `{{^x …}}{^x …}` when it
 * must cross another span), or add the codes to the span the selection exactly is.
 */
export const CodeSelectionCommand = 'axial.server.codeSelection';

export interface CodeSelectionArgs {
  /** The transcript. */
  uri: string;
  range: LspRange;
  /** Code ids to apply (with `newCode`, may be empty). */
  codes: string[];
  /** The coder's initials; written as `@XX` when it differs from the front matter's `coder`. Default: the front matter's. */
  coder?: string;
  newCode?: NewCodeArgs;
  dryRun?: boolean;
}

/** Add codes to the span under the cursor: into the block of the same coder, or a new block. */
export const AddCodeCommand = 'axial.server.addCode';

export interface AddCodeArgs extends CodeSelectionArgs {
  /** The cursor (an empty range) or a selection inside the span. */
  range: LspRange;
}

/**
 * Remove one code from the span under the cursor. The last code of a block takes
 * the block with it; the last block takes the span's markup (the span is uncoded).
 */
export const RemoveCodeCommand = 'axial.server.removeCode';

export interface RemoveCodeArgs {
  uri: string;
  range: LspRange;
  code: string;
  /** The coder of the block to remove it from, when several coders applied it. Default: the first block with it. */
  coder?: string;
  dryRun?: boolean;
}

/** Remove the markup of the span under the cursor (opener, closer, blocks); the text stays byte for byte. */
export const UncodeCommand = 'axial.server.uncode';

export interface UncodeArgs {
  uri: string;
  range: LspRange;
  dryRun?: boolean;
}

/** Every coding command the server runs. */
export const CodingCommands = [CodeSelectionCommand, AddCodeCommand, RemoveCodeCommand, UncodeCommand];

/** The argument each server command takes (every command takes one). */
export interface ServerCommandArgs {
  [RenameCodeCommand]: RenameCodeArgs;
  [MergeCodeCommand]: MergeCodeArgs;
  [MoveCodeCommand]: MoveCodeArgs;
  [CodeSelectionCommand]: CodeSelectionArgs;
  [AddCodeCommand]: AddCodeArgs;
  [RemoveCodeCommand]: RemoveCodeArgs;
  [UncodeCommand]: UncodeArgs;
}

/** The id of a server command. */
export type ServerCommandId = keyof ServerCommandArgs;

/** A `workspace/executeCommand` of one of Axial's commands, its argument typed by the command. */
export type ServerCommandParams = { [C in ServerCommandId]: { command: C; arguments: [ServerCommandArgs[C]] } }[ServerCommandId];

/**
 * Client → server request: run a refactoring or coding command. This is the
 * standard `workspace/executeCommand`, declared here with Axial's commands'
 * arguments and answer so that the client's calls are type-checked.
 */
export const ServerCommandRequest = request<ServerCommandParams, RefactorCommandResult>('workspace/executeCommand');

/** Client → server request: the coded span under the cursor, for "remove code" and "add code" pickers. Null when none. */
export const CodedSpanRequest = request<CodedSpanParams, CodedSpanResult | null>('axial/codedSpan');

export interface CodedSpanParams {
  uri: string;
  range: LspRange;
}

export interface CodedSpanResult {
  /** From the opener to the end of the last block. */
  range: LspRange;
  quote: string;
  /** The span's blocks: their codes, coder (the block's `@XX`, else the front matter's) and memo. */
  blocks: { codes: string[]; coder?: string; memo?: string }[];
}

/**
 * Client → server request: what to tint in a transcript. Each coded span's content
 * with the colour of its first code that has one (its own `color` or the nearest
 * ancestor's); and the markup (openers, closers with blocks) for dimming. Null when
 * the file is no project's transcript.
 */
export const SpanDecorationsRequest = request<SpanDecorationsParams, SpanDecorationsResult | null>('axial/spanDecorations');

export interface SpanDecorationsParams {
  uri: string;
}

export interface SpanDecoration {
  range: LspRange;
  /** `#rrggbb`. */
  color: string;
  codes: string[];
}

/** The most tinted spans one `axial/spanDecorations` answer holds (and twice as many markup ranges). */
export const SPAN_DECORATION_LIMIT = 10000;

export interface SpanDecorationsResult {
  /** The first SPAN_DECORATION_LIMIT tinted spans, in file order. */
  spans: SpanDecoration[];
  markup: LspRange[];
  /** Set when the transcript has more: how many tints and markup ranges it has in all. */
  truncated?: { spans: number; markup: number };
}

/*
 * The axial tree (the Axial view in the activity bar). The client asks for one level
 * at a time; every request carries the view's filter. Node ids are stable across
 * refreshes and filters (`c|<root>|<code>`, `q|<root>|<code>|<uri>|<span>`, …), so the
 * view keeps expanded what the user expanded.
 */

export type { TreeFilter, TreeNodeKind };

/** One node of the tree: core's node with its ranges as LSP positions. */
export type TreeNode = Omit<TreeNodeData, 'source' | 'quote'> & {
  /** The codebook entry: codebook.yaml and the range of the code's key. */
  source?: { uri: string; range: LspRange };
  /** A quote node's span; `range` runs from the quote's first to its last character. */
  quote?: Omit<TreeQuote, 'range'> & { range: LspRange };
};

/**
 * Client → server request: the children of a node, or the top level (the projects when
 * there are several). A code's quotes come a page at a time: at most
 * `TREE_QUOTE_PAGE` quote nodes from `offset` on; when quotes are left after them the
 * last child is a `more` node (`… N more`, its `more.offset` the next page's offset),
 * so no answer grows with the number of quotes.
 */
export const TreeChildrenRequest = request<TreeChildrenParams, TreeNode[]>('axial/tree/children');

/** The most quote nodes one `axial/tree/children` answer holds. */
export const TREE_QUOTE_PAGE = 500;

export interface TreeChildrenParams {
  /** Undefined for the top level. */
  parentId?: string;
  /** Only this project's top level. */
  root?: string;
  filter?: TreeFilter;
  /** The first quote to list (default 0): a `more` node's `more.offset`. */
  offset?: number;
  /** At most this many quote nodes (default and most: TREE_QUOTE_PAGE). */
  limit?: number;
}

/** Client → server request: a node and its ancestors, top level first; null when the filter hides it or it is gone. */
export const TreePathRequest = request<TreePathParams, TreeNode[] | null>('axial/tree/path');

export interface TreePathParams {
  id: string;
  filter?: TreeFilter;
}

/**
 * Client → server request: the node for a place in a file ("Reveal in Axial Tree"):
 * the code of a tag or codebook key, or the quote of the span at the cursor. Answers
 * its path (as axial/tree/path), or null.
 */
export const TreeLocateRequest = request<TreeLocateParams, TreeNode[] | null>('axial/tree/locate');

export interface TreeLocateParams {
  uri: string;
  position: LspPosition;
  filter?: TreeFilter;
}

/** Client → server request: the values the filters can take, for pickers. */
export const TreeFacetsRequest = request<TreeFacetsParams, TreeFacets>('axial/tree/facets');

/** The facets request takes no parameters (clients send `{}`). */
export type TreeFacetsParams = Record<string, never>;

export type { TreeFacets };

/**
 * Client → server request: the quotes under a node as Markdown (a `## name (`id`)`
 * heading per code, then `> quote — case, path:line` lines). Null when the node is not shown.
 */
export const TreeMarkdownRequest = request<TreeMarkdownParams, TreeMarkdownResult | null>('axial/tree/markdown');

export interface TreeMarkdownParams {
  id: string;
  filter?: TreeFilter;
}

export interface TreeMarkdownResult {
  markdown: string;
  /** Every quote under the node, listed or not. */
  quotes: number;
  /**
   * Set when the Markdown lists only the first `listed` quotes (at most 2,000; its
   * last line says how many more there are), so the answer stays small.
   */
  truncated?: true;
  listed?: number;
}

/**
 * Server → client notification: the tree's data changed (a transcript or codebook
 * was edited, added or removed). Debounced; the client refreshes what is shown.
 */
export const TreeChangedNotification = notification<TreeChangedParams>('axial/treeChanged');

export interface TreeChangedParams {
  /** Folder URIs of the projects that changed. */
  roots: string[];
}

/*
 * The pictures (the axial model, the code co-occurrence heat map, the code × case
 * matrix): client → server requests, each `{ uri }` of any file of a project (a
 * transcript, codebook.yaml, or the project folder) → the picture's data, or null
 * when the file is in no project. Nodes and cells refer to the quotes by index into
 * `quotes`. Computed by core/analysis (see there for the co-occurrence rule: two
 * codes co-occur only when one coder applied both). `coders` keeps only those
 * coders' blocks; each picture lists every coder of the project in its `coders`.
 */
export const AnalysisModelRequest = request<AnalysisParams, AxialModelResult | null>('axial/analysis/model');
export const AnalysisCooccurrenceRequest = request<AnalysisParams, CooccurrenceResult | null>('axial/analysis/cooccurrence');
export const AnalysisMatrixRequest = request<AnalysisParams, CaseMatrixResult | null>('axial/analysis/matrix');

export interface AnalysisParams {
  uri: string;
  /** Only blocks by these coders (block `@`, else front matter `coder`); absent or empty: all. */
  coders?: string[];
}

/** A coded span, for the lists under the pictures: core's quote with an LSP range. */
export type AnalysisQuote = Omit<CoreAnalysisQuote, 'range'> & { range: LspRange };

/** A case: front matter `case` (id `case:<value>`), else one transcript (id `file:<path>`). */
export type AnalysisCase = CaseInfo;
export type { AnalysisNode };

/** A picture as core computes it, with its quotes' ranges as LSP positions. */
type WithWireQuotes<T extends { quotes: unknown }> = Omit<T, 'quotes'> & {
  quotes: AnalysisQuote[];
  /**
   * Set when `quotes` holds only some of the picture's quotes, with how many it has:
   * each element lists at most 200 quotes (the rest counted in its `moreQuotes`) and
   * the table holds at most 5,000, so the answer stays small on any project.
   */
  truncated?: { quotes: number };
};

export type AxialModelResult = WithWireQuotes<AxialModel>;
export type CooccurrenceResult = WithWireQuotes<Cooccurrence>;
export type CaseMatrixResult = WithWireQuotes<CaseMatrix>;

/*
 * Coding changes since a revision ("Axial: Show Coding Changes…", and the Axial
 * view's "changed since" filter). The server runs the real git in the repository
 * holding `folder` (host/revisionDiff.ts over core/diff, as `axial diff` does) and
 * compares the revision with the working tree on disk. A git problem (not a git
 * repository, an unknown revision) is an answer with `error`, in words for the
 * researcher, not a failed request.
 */
export const RevisionsRequest = request<RevisionsParams, RevisionsResult>('axial/revisions');

export interface RevisionsParams {
  /** URI of a folder (or file) inside the repository. */
  folder: string;
}

/** A revision to offer in a picker. */
export interface RevisionChoice {
  /** What to pass as `revision`: `HEAD`, a branch name or a commit's short hash. */
  revision: string;
  kind: 'head' | 'commit' | 'branch';
  /** The commit's subject, author and age; a branch's last commit. */
  description: string;
}

export interface RevisionsResult {
  /** HEAD first, then recent commits (newest first), then local and remote branches. */
  revisions: RevisionChoice[];
  error?: string;
}

export const CodingChangesRequest = request<CodingChangesParams, CodingChangesResult>('axial/codingChanges');

export interface CodingChangesParams {
  /** URI of a folder (or file) inside the repository. */
  folder: string;
  /** The older revision (default `HEAD`); `A..B` and `A...B` as in `axial diff`. */
  revision?: string;
}

/** A coding change with where it stands now: core's change plus the LSP range of its span in the file (when the file exists). */
export type CodingChangeItem = CodingChange & { range?: LspRange };

/** One transcript's changes (core's FileDiff), with its URI in the working tree. */
export type CodingChangesFile = Omit<FileDiff, 'changes'> & { uri: string; changes: CodingChangeItem[] };

export interface CodingChangesResult {
  /** Why there is no diff (not a git repository, unknown revision, git missing); nothing else is set then. */
  error?: string;
  /** The revision compared and the other side (`working tree`). */
  from: string;
  to: string;
  /** Folder URI of the repository's top. */
  repository: string;
  files: CodingChangesFile[];
  /** Per project: its codebook's changes (codes added, removed, renamed, moved, redefined). */
  projects: ProjectDiff[];
}

/*
 * Code queries ("Axial: Query…"): client → server, `{ uri, query, unit, coders }`
 * with `uri` any file of a project → the passages core/query selects (in file and
 * text order), each with its LSP range, or the query's error with its range in the
 * query text. null when the file is in no project. At most `limit` hits are sent
 * (default QUERY_HIT_LIMIT); `total` says how many there were.
 */
export const QueryRequest = request<QueryParams, QueryAnswer | null>('axial/query');

/** Hits sent by default: a list a person can scroll; csv export has them all. */
export const QUERY_HIT_LIMIT = 2000;

export interface QueryParams {
  uri: string;
  query: string;
  /** `span` (default) or `turn`. */
  unit?: QueryUnit;
  /** Only these coders' blocks count; absent or empty: all. */
  coders?: string[];
  limit?: number;
}

/** One passage: core's hit with its LSP range. */
export type QueryHitItem = QueryHit & { range: LspRange };

export type QueryAnswer =
  | { ok: true; unit: QueryUnit; hits: QueryHitItem[]; total: number; transcripts: number; skipped: { file: string; reason: string }[]; csv?: string }
  | { ok: false; error: QueryError };

/*
 * Inter-coder agreement ("Axial: Compare Coders"): client → server, `{ uri }` of any
 * file of a project (or its folder) → core/agreement's report over the project as
 * the index holds it (open documents win over the disk), as `axial agree` computes
 * it. Transcripts with errors are skipped and named. A comparison that cannot be
 * made (fewer than two coders, an unknown code, no transcript coded by all the
 * coders) is an answer with `error`, not a failed request. Null when the file is in
 * no project. An undefined statistic is `{ value: null, reason }`, never NaN.
 * With `revisions`, the coders are two revisions instead (`axial agree <rev-a>
 * <rev-b>`): the server reads the project at both with the real git; a git
 * problem (no repository, an unknown revision, no project there) is an `error`.
 */
export const AgreementRequest = request<AgreementParams, AgreementResult | null>('axial/agreement');

export interface AgreementParams {
  uri: string;
  /** At least two coder ids (without `@`); absent or empty: every coder who coded in the project. */
  coders?: string[];
  /** Default `turn`. */
  unit?: UnitKind;
  /** Code or category ids to compare (a category counts any of its codes); absent or empty: every code applied. */
  codes?: string[];
  /**
   * At most this many disagreements per code in the answer (the first, by file and
   * position); `disagreementCounts` still counts them all. Absent: every one. A large
   * project of coders who rarely agree has hundreds of thousands.
   */
  disagreementsPerCode?: number;
  /**
   * Two revisions (commits, branches) to compare, each one coder named after it,
   * as `axial agree <rev-a> <rev-b>`; `coders` does not apply. Absent or empty:
   * the coders in the same files, as the index holds them.
   */
  revisions?: string[];
}

/** A disagreement with where it stands in the editor. */
export type AgreementDisagreement = Disagreement & {
  /** The transcript in the working tree (the editor opens that file). */
  uri: string;
  /** The quote (the marking coder's span within the unit), to select. */
  range: LspRange;
  /** The spans of the unit from the first opener to the last block, so every coder's blocks show when revealed. */
  reveal: LspRange;
  /**
   * Comparing revisions: set when the transcript in the working tree is not the
   * text compared (its text differs from this revision's, or it is missing), so
   * `range` and `reveal` are where the span stands in the file at this revision
   * and may be off in the working tree. Absent: the ranges are exact there.
   */
  atRevision?: string;
};

export interface AgreementResult {
  /** Folder URI of the project. */
  root: string;
  title?: string;
  /** Every coder who coded in the project's transcripts (the coder picker's choices), sorted. */
  allCoders: string[];
  /** The unit asked for (or the default). */
  unit: UnitKind;
  /** Why there is no comparison, in words for the researcher; `report` is absent then. */
  error?: string;
  /** core's report; paths are relative to the project folder. */
  report?: Omit<AgreementReport, 'disagreements'> & {
    disagreements: AgreementDisagreement[];
    /** Code → its disagreements, all of them (also those `disagreementsPerCode` left out). */
    disagreementCounts: Record<string, number>;
  };
  /** Transcripts with errors, left out. */
  skipped: SkippedFile[];
  /** The two revisions compared, when asked for (their names are the coders). */
  revisions?: string[];
}

/*
 * The project report ("Axial: Open Report"): client → server, `{ uri }` of any file of
 * a project (or its folder) → the html page `axial report --format html` writes
 * (core/report: one self-contained page, no script, no external resource), over the
 * project as the index holds it. Null when the file is in no project.
 */
export const ReportRequest = request<ReportParams, ReportResult | null>('axial/report');

export interface ReportParams {
  uri: string;
  /** Only these coders', cases' and codes' codings (as `--coder`, `--case`, `--code`); absent or empty: all. */
  coders?: string[];
  cases?: string[];
  codes?: string[];
}

export interface ReportResult {
  /** Folder URI of the project. */
  root: string;
  title: string;
  html: string;
  /** Transcripts with errors, left out of the report (also listed in the page). */
  skipped: ReportSkipped[];
}

/**
 * Client → server request: import an interview (.docx, .vtt, .srt, .txt) as a
 * transcript of a project, or a codes sheet (.csv, .xlsx) into its codebook.yaml,
 * as `axial import` does. `file` and `project` are file URIs; `project` is the
 * folder holding codebook.yaml.
 */
export const ImportFileRequest = request<ImportFileParams, ImportFileResult>('axial/importFile');

export interface ImportFileParams {
  file: string;
  project: string;
  /** Replace an existing transcript, or merge into an existing codebook.yaml. */
  force?: boolean;
}

export interface ImportFileResult {
  /** URI of the file written; absent when nothing was. */
  written?: string;
  /** One line for the user: what was imported, or why not. */
  message: string;
  /** True when nothing was written because the target exists (ask, then send again with `force`). */
  exists?: boolean;
}

/**
 * Client → server request: export a project as a REFI-QDA project (.qdpx) or its
 * codebook (.qdc), as `axial export` does. `project` and `out` are file URIs.
 */
export const ExportRefiRequest = request<ExportRefiParams, ExportRefiResult>('axial/exportRefi');

export interface ExportRefiParams {
  project: string;
  format: 'qdpx' | 'qdc';
  out: string;
}

export interface ExportRefiResult {
  ok: boolean;
  /** One line for the user: what was exported, or why not. */
  message: string;
  /** The project's files with errors (exported as far as they parse), one line each. */
  problems: string[];
}
