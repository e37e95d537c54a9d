import type { Connection } from 'vscode-languageserver/node';
import { AgreementRequest, type AgreementDisagreement, type AgreementParams, type AgreementResult, type LspRange } from '../common/protocol';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import { errorFreeTranscripts, normalizeUri, projectFor, type Codebook, type ProjectIndex, type Span, type Transcript, type TranscriptEntry } from '../core';
import { agreementFile, codersIn, computeAgreement, turnStarts, UNIT_KINDS, unitsOfText, unitsOverlapping, type AgreementReport, type Disagreement, type UnitKind, type Units } from '../core/agreement';
import { GitError } from '../host/git';
import { UsageError } from '../host/oneProject';
import { loadRevisionProject } from '../host/revisionAgreement';
import { partitionPoint } from '../core/text';
import { resolveCode } from '../core/codebook';
import { sourceOfStripped } from '../core/coding';
import type { Health } from './health';

/** The most coders one comparison takes (each is one bit of a unit's mask), as `axial agree`. */
const MAX_CODERS = 30;

/**
 * `axial/agreement` ("Axial: Compare Coders"): the project of the file, its
 * transcripts as the index holds them (those with errors skipped, as `axial agree`
 * skips them), one core/agreement call, and each disagreement's place as LSP ranges.
 * With two `revisions`, the project is read at both with git (as `axial agree
 * <rev-a> <rev-b>`) and each revision is a coder.
 */
export function registerAgreement(connection: Connection, index: ProjectIndex, health: Health): void {
  connection.onRequest(AgreementRequest.type, (p: AgreementParams): AgreementResult | null | Promise<AgreementResult | null> => {
    if (strings(p.revisions).length > 0) return health.guardAsync('agreement', null, () => revisionAgreement(index, p));
    return health.guard('agreement', null, () => {
      const project = projectFor(index, p.uri);
      if (!project) return null;
      const unit = unitOf(p);
      const { entries, skipped } = errorFreeTranscripts(project);
      const byPath = new Map(entries.map((e) => [e.path, e]));
      const files = entries.map((e) => agreementFile(e.path, e.transcript));
      const allCoders = codersIn(files);
      const base = { root: project.root, title: project.codebook.title, allCoders, unit, skipped };
      const asked = strings(p.coders);
      const coders = asked.length > 0 ? [...new Set(asked.map((c) => c.replace(/^@/, '')))] : allCoders;
      if (coders.length < 2) {
        const who = allCoders.length === 1 ? `only ${allCoders[0]} coded in this project` : allCoders.length === 0 ? 'nobody coded in this project' : 'pick at least two coders';
        return { ...base, error: `One coder only: ${who}. Agreement needs two coders in the same files (blocks with different @coder).` };
      }
      if (coders.length > MAX_CODERS) return { ...base, error: `${coders.length} coders: compare at most ${MAX_CODERS} at once.` };
      const codes = codesOf(project.codebook, p);
      if (typeof codes === 'string') return { ...base, error: codes };
      const report = computeAgreement(files, { coders, unit, codes, codebook: project.codebook });
      if (report.files.length === 0) {
        return { ...base, error: `No transcript was coded by all of ${coders.join(', ')} (${files.length} transcript${files.length === 1 ? '' : 's'} read${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}).` };
      }
      const places = new Places(unit);
      return { ...base, report: placed(report, p, (d) => places.place(byPath.get(d.file)!, d)) };
    });
  });
}

/**
 * Two revisions of the file's project compared, each one coder. A disagreement
 * opens in the working tree's file: exactly at its span when that file (as the
 * index holds it) has the text compared, else where the span stands at the
 * first revision, marked `atRevision`.
 */
async function revisionAgreement(index: ProjectIndex, p: AgreementParams): Promise<AgreementResult | null> {
  const project = projectFor(index, p.uri);
  if (!project) return null;
  const unit = unitOf(p);
  const revisions = strings(p.revisions);
  const folder = URI.parse(project.root).fsPath;
  const base = { root: project.root, title: project.codebook.title, allCoders: revisions, unit, skipped: [], revisions };
  if (revisions.length !== 2) return { ...base, error: `Give two revisions to compare, not ${revisions.length}.` };
  const parsed = new Map<string, Transcript>();
  let rp;
  try {
    rp = await loadRevisionProject(revisions[0], revisions[1], '.', folder, (file, t) => parsed.set(file, t));
  } catch (err) {
    if (err instanceof UsageError || err instanceof GitError) return { ...base, error: sentence(err.message) };
    throw err;
  }
  const withSkipped = { ...base, title: rp.codebook.title ?? base.title, skipped: rp.skipped };
  const codes = codesOf(rp.codebook, p);
  if (typeof codes === 'string') return { ...withSkipped, error: codes };
  const report = computeAgreement(rp.files, { coders: rp.coders, unit, codes, codebook: rp.codebook });
  if (report.files.length === 0) return { ...withSkipped, error: `No transcript could be compared between ${revisions.join(' and ')} (${rp.skipped.length} left out).` };
  const places = new Places(unit);
  const files = new Map<string, { uri: string; transcript: Transcript; atRevision?: string }>();
  const fileOf = (path: string) => {
    let f = files.get(path);
    if (!f) {
      const uri = normalizeUri(URI.file(join(folder, ...path.split('/'))).toString());
      const compared = parsed.get(path)!;
      const now = index.entry(uri)?.transcript;
      f = now && now.stripped.text === compared.stripped.text ? { uri, transcript: now } : { uri, transcript: compared, atRevision: revisions[0] };
      files.set(path, f);
    }
    return f;
  };
  return {
    ...withSkipped,
    report: placed(report, p, (d) => {
      const f = fileOf(d.file);
      const at = places.place(f, d);
      return f.atRevision ? { ...at, atRevision: f.atRevision } : at;
    }),
  };
}

/** The unit asked for, else turn. */
function unitOf(p: AgreementParams): UnitKind {
  return (UNIT_KINDS as readonly unknown[]).includes(p.unit) ? p.unit! : 'turn';
}

/** The codes asked for, resolved in the codebook (undefined: every code), or the error for an unknown one. */
function codesOf(codebook: Codebook, p: AgreementParams): string[] | undefined | string {
  let codes: string[] | undefined;
  for (const id of strings(p.codes)) {
    const code = resolveCode(codebook, id.replace(/^#/, ''));
    if (!code) return `Unknown code '${id}': the codebook has no code or category with this id.`;
    codes ??= [];
    if (!codes.includes(code.id)) codes.push(code.id);
  }
  return codes;
}

/** The report with at most `disagreementsPerCode` disagreements of each code (all counted), each placed in its file. */
function placed(report: AgreementReport, p: AgreementParams, place: (d: Disagreement) => AgreementDisagreement): NonNullable<AgreementResult['report']> {
  const limit = typeof p.disagreementsPerCode === 'number' && p.disagreementsPerCode >= 0 ? p.disagreementsPerCode : Infinity;
  const disagreementCounts: Record<string, number> = {};
  const kept: Disagreement[] = [];
  for (const d of report.disagreements) {
    const n = (disagreementCounts[d.code] = (disagreementCounts[d.code] ?? 0) + 1);
    if (n <= limit) kept.push(d);
  }
  return { ...report, disagreements: kept.map(place), disagreementCounts };
}

/** git's and the loader's messages as a sentence for the page. */
function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The strings of a list parameter, ignoring anything else a client sends. */
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
}

/**
 * Places disagreements in their files: the quote's range, and the range to reveal,
 * every closed span sharing a character with the disagreement's unit, opener to last
 * block, so the blocks of all coders are on screen when the editor shows it. Each
 * file's units and spans are prepared once, however many disagreements it has.
 */
class Places {
  private file: { entry: PlacedFile; units: Units; spans: Span[]; ends: Int32Array } | undefined;

  constructor(private readonly unit: UnitKind) {}

  place(entry: PlacedFile, d: Disagreement): AgreementDisagreement {
    const t = entry.transcript;
    if (this.file?.entry !== entry) {
      const spans = t.spans.filter((s) => s.close !== undefined).sort((a, b) => a.quoteRange.start - b.quoteRange.start);
      // The furthest quote end among the spans up to each one, so a search can stop early.
      const ends = new Int32Array(spans.length);
      spans.forEach((s, i) => (ends[i] = Math.max(s.quoteRange.end, i > 0 ? ends[i - 1] : 0)));
      this.file = { entry, units: unitsOfText(t.stripped.text, turnStarts(t), this.unit), spans, ends };
    }
    const { units, spans, ends } = this.file;
    const range = sourceRange(t, d.start, d.end);
    const [from, to] = unitsOverlapping(units, d.start, Math.max(d.end, d.start + 1));
    const unitStart = to > from ? units.starts[from] : d.start;
    const unitEnd = to > from ? units.ends[to - 1] : d.end;
    let start = t.lines.offsetAt(range.start);
    let end = t.lines.offsetAt(range.end);
    // Spans whose quote starts before the unit ends; walking back, stop once no earlier one reaches the unit.
    for (let i = partitionPoint(spans, (s: Span) => s.quoteRange.start < unitEnd) - 1; i >= 0 && ends[i] > unitStart; i--) {
      const s = spans[i];
      if (s.quoteRange.end > unitStart) {
        start = Math.min(start, s.open.start);
        end = Math.max(end, s.close!.end);
      }
    }
    return { ...d, uri: entry.uri, range, reveal: t.lines.range({ start, end }) };
  }
}

/** A transcript and the URI its disagreements open. */
type PlacedFile = Pick<TranscriptEntry, 'uri' | 'transcript'>;

/** The source range of a stripped range: its first to its last character. */
function sourceRange(t: Transcript, a: number, b: number): LspRange {
  if (b <= a) {
    const at = sourceOfStripped(t, Math.min(a, Math.max(0, t.stripped.text.length - 1)));
    return t.lines.range({ start: at, end: at });
  }
  return t.lines.range({ start: sourceOfStripped(t, a), end: sourceOfStripped(t, b - 1) + 1 });
}
