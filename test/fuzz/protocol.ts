/** Messages between the fuzz runner and its worker thread. */
import type { FracEdit, FuzzCase } from './cases';
import type { CaseReport, PropertyName } from './properties';

export type WorkerRequest =
  | { kind: 'check'; seed: number; scale: number; boundMs: number; caseBoundMs?: number }
  /** Check a given case (a saved input) instead of a generated one. */
  | { kind: 'checkCase'; case: FuzzCase; boundMs: number; caseBoundMs?: number }
  /** Shrink the case's input while it keeps failing `property`. */
  | { kind: 'minimise'; seed: number; scale: number; boundMs: number; property: PropertyName };

export type WorkerReply =
  | { kind: 'done'; seed: number; mutations: string[]; report: CaseReport }
  | { kind: 'minimised'; seed: number; codebook: string; transcript: string; edits: FracEdit[] };
