/**
 * Coding in the editor, at the project level: the transcript-level edits of
 * core/coding (wrap, add, remove, uncode) with the checks that need the codebook
 * (the codes exist, are codable and active; the coder is declared) and, when
 * asked, a new code added to codebook.yaml in the same change.
 */
import { isValidId, normalizeId } from '../codebook/ids';
import type { Project } from '../project/types';
import type { ProjectIndex } from '../project/index';
import { normalizeUri } from '../project/uris';
import { addCodeEdit, type NewCode } from '../refactor/codebookEdits';
import { brokenCodebook, type RefactorResult } from '../refactor/types';
import type { FileEdit } from '../edits/types';
import type { OffsetRange } from '../text/lineIndex';
import type { Transcript } from '../transcript/types';
import { blockCoder } from '../transcript/coder';
import { spanAtRange } from './spansAndGaps';
import { addCodesAt, removeCodeAt, uncodeAt } from './spanEdits';
import type { CodingEdit } from './types';
import { wrapSelection } from './wrap';

/** What to apply: existing code ids, the coder, and optionally a code to create first. */
export interface CodingRequest {
  codes: string[];
  /** The coder's initials (setting or front matter); undefined: the front matter's `coder`. */
  coder?: string;
  /** A code to add to codebook.yaml in the same change; its id may also be listed in `codes`. */
  newCode?: NewCode;
}

type Located = { ok: true; project: Project; uri: string; transcript: Transcript } | { ok: false; message: string };

function locate(index: ProjectIndex, uri: string): Located {
  const key = normalizeUri(uri);
  const project = index.projectOf(key);
  const entry = project?.transcripts.get(key);
  if (!project || !entry) return { ok: false, message: 'This file is not a transcript of an Axial project (a folder with codebook.yaml whose `transcripts` globs match it).' };
  return { ok: true, project, uri: key, transcript: entry.transcript };
}

/**
 * Checks the request against the codebook and prepares the codebook edit for a
 * new code. Returns the codes to write and that edit, or why not.
 */
function prepare(project: Project, req: CodingRequest): { ok: true; codes: string[]; extra: FileEdit[] } | { ok: false; message: string } {
  const cb = project.codebook;
  const extra: FileEdit[] = [];
  const codes = req.codes.map((c) => normalizeId(c.trim())).filter((c) => c !== '');
  const created = req.newCode ? { ...req.newCode, id: normalizeId(req.newCode.id.trim()) } : undefined;
  if (created) {
    if (!isValidId(created.id)) {
      return { ok: false, message: `'${created.id}' is not a valid code id. An id starts with a letter or digit and continues with letters, digits, '_', '.' or '-', without spaces.` };
    }
    if (cb.codes.has(created.id)) return { ok: false, message: `The codebook already has a code '${created.id}'.` };
    if (created.parent !== undefined && !cb.codes.has(created.parent)) return { ok: false, message: `'${created.parent}' is not a code or category of the codebook.` };
    if (created.kind === 'category') return { ok: false, message: 'A category cannot be applied to text; create a code.' };
    const broken = brokenCodebook(cb);
    if (broken && !broken.ok) return broken;
    const edit = addCodeEdit(cb, created);
    if (!edit) return { ok: false, message: `Axial cannot add '${created.id}' to codebook.yaml as it is laid out; add it by hand.` };
    extra.push({ uri: project.codebookUri, ...edit });
    if (!codes.includes(created.id)) codes.push(created.id);
  }
  if (codes.length === 0) return { ok: false, message: 'Choose at least one code.' };
  for (const id of codes) {
    if (created && id === created.id) continue;
    const code = cb.codes.get(id);
    if (!code) return { ok: false, message: `'${id}' is not a code of the codebook. Add it first (the picker's "New code…").` };
    if (!isValidId(id)) return { ok: false, message: `'${id}' is not a valid code id, so it cannot be written as a tag. Rename it in the codebook first.` };
    if (code.kind === 'category') return { ok: false, message: `'${id}' is a category: it groups codes and cannot be applied to text. Choose one of its codes.` };
    if (code.status === 'deprecated') {
      const by = code.replacedBy?.value;
      return { ok: false, message: `'${id}' is deprecated${by ? `; use '${by}'` : ''}.` };
    }
  }
  const coders = cb.coders;
  if (req.coder && !isValidId(req.coder)) return { ok: false, message: `'${req.coder}' cannot be written as coder initials.` };
  if (req.coder && coders && coders.size > 0 && !coders.has(req.coder)) {
    return { ok: false, message: `'${req.coder}' is not one of the coders in codebook.yaml (${[...coders.keys()].join(', ')}). Add it there, or set your initials (setting axial.coder).` };
  }
  return { ok: true, codes, extra };
}

function finish(uri: string, edit: CodingEdit, extra: FileEdit[] = []): RefactorResult {
  if (!edit.ok) return edit;
  if (edit.edits.length === 0) return { ok: true, edits: [], summary: edit.summary };
  return { ok: true, edits: [...extra, ...edit.edits.map((e) => ({ uri, ...e }))], summary: edit.summary };
}

/** Wraps a selection of a transcript as a span with codes (or codes the span it exactly is). */
export function codeSelection(index: ProjectIndex, uri: string, range: OffsetRange, req: CodingRequest): RefactorResult {
  return applyCodes(index, uri, req, (t, codes) => wrapSelection(t, range, codes));
}

/** Adds codes to the span under the cursor (`range` may be empty). */
export function addCodes(index: ProjectIndex, uri: string, range: OffsetRange, req: CodingRequest): RefactorResult {
  return applyCodes(index, uri, req, (t, codes) => addCodesAt(t, range, codes));
}

/** The transcript and the request's codes checked (a new code added to the codebook first), then `edit` with them. */
function applyCodes(
  index: ProjectIndex,
  uri: string,
  req: CodingRequest,
  edit: (t: Transcript, codes: { codes: string[]; coder: string | undefined }) => Parameters<typeof finish>[1],
): RefactorResult {
  const at = locate(index, uri);
  if (!at.ok) return at;
  const prep = prepare(at.project, req);
  if (!prep.ok) return prep;
  return finish(at.uri, edit(at.transcript, { codes: prep.codes, coder: req.coder || undefined }), prep.extra);
}

/** Removes one code from the span under the cursor; `coder` picks the block when several coders applied it. */
export function removeCode(index: ProjectIndex, uri: string, range: OffsetRange, id: string, coder?: string): RefactorResult {
  const at = locate(index, uri);
  if (!at.ok) return at;
  return finish(at.uri, removeCodeAt(at.transcript, range, normalizeId(id.trim()), coder || undefined));
}

/** Removes the markup of the span under the cursor. */
export function uncode(index: ProjectIndex, uri: string, range: OffsetRange): RefactorResult {
  const at = locate(index, uri);
  if (!at.ok) return at;
  return finish(at.uri, uncodeAt(at.transcript, range));
}

/** The span under the cursor as pickers need it: its extent, quote, and codes by block. */
export interface CodedSpanInfo {
  /** From the opener to the end of the last block. */
  range: OffsetRange;
  quote: string;
  blocks: { codes: string[]; coder?: string; memo?: string }[];
}

export function codedSpanAt(index: ProjectIndex, uri: string, range: OffsetRange): CodedSpanInfo | undefined {
  const at = locate(index, uri);
  if (!at.ok) return undefined;
  const t = at.transcript;
  const span = spanAtRange(t, range);
  if (!span || !span.close) return undefined;
  return {
    range: { start: span.open.start, end: span.close.end },
    quote: span.quote,
    blocks: span.blocks.map((b) => {
      const coder = blockCoder(t, b);
      return { codes: b.codes.map((c) => c.id), ...(coder !== undefined ? { coder } : {}), ...(b.memo ? { memo: b.memo.text } : {}) };
    }),
  };
}
