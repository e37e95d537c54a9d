/**
 * Every custom request and notification between the Axial client and server.
 * This file is the one place both sides read them from; it imports nothing, so
 * the client, the server and tests can all use it. Standard LSP messages are not
 * repeated here.
 */

/** Server → client notification: counts and health for the status bar. */
export const StatusNotification = 'axial/status';

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
  projects: ProjectCounts[];
  /** The last feature failure, for the status bar tooltip. */
  lastError?: string;
}

/**
 * Client → server request: which of these documents are transcripts of a project.
 * The client uses it to give the transcript language to files matched by custom
 * `transcripts` globs (the default folders are covered by the manifest alone).
 */
export const TranscriptUrisRequest = 'axial/transcriptUris';

export interface TranscriptUrisParams {
  uris: string[];
}

export interface TranscriptUrisResult {
  transcripts: string[];
}

/** Client → server request: the current status, on demand (same shape as the notification). */
export const StatusRequest = 'axial/getStatus';

/** The language id Axial gives transcripts. */
export const TRANSCRIPT_LANGUAGE_ID = 'axial-transcript';

/**
 * Client → server request: the codebook of the project a file belongs to, with
 * usage counts, for pickers and views. Null when the file is in no project.
 */
export const CodebookRequest = 'axial/codebook';

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
}

export interface CodebookResult {
  root: string;
  codebookUri: string;
  title?: string;
  coders: { id: string; name: string }[];
  /** In codebook order. */
  codes: CodebookEntry[];
}
