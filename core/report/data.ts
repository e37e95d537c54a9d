/**
 * Assembles a report's data from a project: the filtered project (filter.ts),
 * one row per coding, the memos, the codebook in tree order with the pictures'
 * counts, and the pictures' data. Pure; the CLI reads the files.
 */
import { codeCaseMatrix } from '../analysis/matrix';
import { codeCooccurrence } from '../analysis/cooccurrence';
import { axialModel } from '../analysis/model';
import type { CaseMatrix, Cooccurrence } from '../analysis/types';
import { parentChain } from '../codebook/hierarchy';
import type { Codebook } from '../codebook/types';
import { caseOf, participantOf } from '../project/caseOf';
import type { Project, TranscriptEntry } from '../project/types';
import { blockCoder } from '../transcript/coder';
import { turnSpeaker } from '../transcript/lazyTurns';
import { admittedCodes, filterProject } from './filter';
import type { ReportCode, ReportCoding, ReportData, ReportFilters, ReportMemo, ReportMemoFile } from './types';
import { memosOfCode } from '../project/memos';

/** The separator of a code path: `relationship > trust > early-trust`. */
export const PATH_SEPARATOR = ' > ';

/** A code's ancestors (root first) and itself, by id, joined by " > ". */
export function codePath(codebook: Codebook, id: string): string {
  return [...parentChain(codebook, id).map((c) => c.id).reverse(), id].join(PATH_SEPARATOR);
}

/** Paths of codes, each computed once: `pathOf(id)`. */
export function codePaths(codebook: Codebook): (id: string) => string {
  const paths = new Map<string, string>();
  return (id) => {
    let p = paths.get(id);
    if (p === undefined) paths.set(id, (p = codePath(codebook, id)));
    return p;
  };
}

/** The transcripts of a (filtered) project in path order: the order of every report table. */
export function byPath(project: Project): TranscriptEntry[] {
  return [...project.transcripts.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The codings of a filtered project one at a time, by file, line, code, coder:
 * one per code per coder per span (a coder who tags a span twice with one code
 * codes it once). `memo` receives the block memos on the way. A generator, so
 * quotes.csv streams its rows instead of holding 100,000 objects.
 */
export function* projectCodings(p: Project, pathOf = codePaths(p.codebook), memo?: (m: ReportMemo) => void): Generator<ReportCoding> {
  for (const entry of byPath(p)) yield* entryCodings(entry, pathOf, memo);
}

/** The codings of one (filtered) transcript, as projectCodings gives them. */
export function* entryCodings(entry: Pick<TranscriptEntry, 'path' | 'transcript'>, pathOf: (id: string) => string, memo?: (m: ReportMemo) => void): Generator<ReportCoding> {
  const t = entry.transcript;
  const theCase = caseOf(entry);
  const participant = participantOf(entry) ?? '';
  for (const span of t.spans) {
    if (!span.close) continue;
    const line = t.lines.positionAt(span.open.start).line + 1;
    const speaker = span.turn !== undefined ? turnSpeaker(t, span.turn) : '';
    const seen = new Set<string>();
    for (const block of span.blocks) {
      const coder = blockCoder(t, block) ?? '';
      for (const ref of block.codes) {
        const key = `${coder}\u0000${ref.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield { code: ref.id, codePath: pathOf(ref.id), quote: span.quote, case: theCase, participant, speaker, coder, file: entry.path, line };
      }
      if (block.memo && memo) memo({ file: entry.path, line, coder, memo: block.memo.text, quote: span.quote, case: theCase });
    }
  }
}

/** Everything a report of `project` shows, under `filters` (empty lists: everything). */
export function reportData(project: Project, filters: ReportFilters = { coders: [], cases: [], codes: [] }): ReportData {
  const { project: p, skipped } = filterProject(project, filters);
  const cb = p.codebook;
  const memos: ReportMemo[] = [];
  const pathOf = codePaths(cb);
  const codings = [...projectCodings(p, pathOf, (m) => memos.push(m))];

  const model = axialModel(p);
  const byCode = new Map<string, ReportCoding[]>();
  for (const c of codings) {
    const list = byCode.get(c.code);
    if (list) list.push(c);
    else byCode.set(c.code, [c]);
  }
  const codes: ReportCode[] = model.nodes.map((n) => {
    const code = cb.codes.get(n.id)!;
    return {
      id: n.id,
      name: n.name,
      kind: n.kind,
      status: n.status,
      depth: n.depth,
      codePath: pathOf(n.id),
      definition: code.definition,
      include: code.include,
      exclude: code.exclude,
      examples: code.examples.map((e) => e.value),
      quotes: n.quotes,
      cases: n.cases,
      codings: byCode.get(n.id) ?? [],
      memoFiles: memosOfCode(p, n.id).map((m) => m.path),
    };
  });
  const admitted = admittedCodes(project, filters.codes);
  const memoFiles: ReportMemoFile[] = [...p.memos.values()]
    .filter((m) => !admitted || m.memo.codes.some((r) => admitted.has(r.value)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((m) => ({ path: m.path, codes: m.memo.codes.map((r) => r.value), transcripts: m.memo.transcripts.map((r) => r.value), text: m.memo.body }));

  const coderIds = [...new Set(codings.map((c) => c.coder).filter((c) => c !== ''))].sort();
  let cooccurrence: Cooccurrence | undefined;
  let matrix: CaseMatrix | undefined;
  return {
    title: cb.title ?? 'Axial report',
    coders: coderIds.map((id) => ({ id, name: cb.coders?.get(id)?.name })),
    filters,
    skipped,
    transcripts: p.transcripts.size,
    codes,
    codings,
    memos,
    memoFiles,
    model,
    // Made when first read: the md report never reads them, html and the tests do.
    get cooccurrence() {
      return (cooccurrence ??= codeCooccurrence(p));
    },
    get matrix() {
      return (matrix ??= codeCaseMatrix(p));
    },
  };
}
