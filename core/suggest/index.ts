/**
 * Code suggestions: a local ranking engine that learns from the codebook and from
 * the spans already coded in a project. Nothing leaves the machine.
 */
import type { ProjectIndex } from '../project/index';
import type { Project } from '../project/types';
import { normalizeUri } from '../project/uris';
import type { FileEdit } from '../edits/types';
import { evaluateLeaveOneOut, type EvaluateOptions, type Evaluation } from './evaluate';
import { SuggestModel } from './model';
import { rank, type RankOptions, type Suggestion } from './rank';
import { suggestionEdit, suggestTarget, type SuggestTarget } from './target';

export { analyzer, normalizeLanguage, supportsStemming, type Analyzer, type Token } from './language';
export { SuggestModel, FIELD_WEIGHTS, SUGGEST_LEARN_CHARS } from './model';
export { rank, shorten, DEFAULT_WEIGHTS, type RankOptions, type Suggestion, type NearestQuote, type Weights } from './rank';
export { suggestTarget, suggestionEdit, type SuggestTarget, type OffsetEdit } from './target';
export { strippedSlice } from '../transcript/stripped';
export type { Evaluation, EvaluateOptions } from './evaluate';

/** One model per project, kept alive as long as the project is. */
const models = new WeakMap<Project, SuggestModel>();

/** The suggestion model of a project, brought up to date (cheap when nothing changed). */
export function suggestionModel(project: Project): SuggestModel {
  let m = models.get(project);
  if (!m) models.set(project, (m = new SuggestModel()));
  m.sync(project);
  return m;
}

/** Ranks codes for a passage of a project. */
export function suggestCodes(project: Project, text: string, options?: RankOptions): Suggestion[] {
  return rank(suggestionModel(project), text, options);
}

/** Leave-one-out hit rates of the engine over a coded project (see evaluate.ts). */
export function evaluateSuggestions(project: Project, options?: EvaluateOptions): Evaluation {
  return evaluateLeaveOneOut(project, suggestionModel(project), options);
}

/** The most characters of a passage (a selection, a turn, a span's quote) that suggestions rank: some 3,000 words. */
export const SUGGEST_PASSAGE_CHARS = 20_000;

/** A suggestion as an editor action: what it says and the edit that applies it. */
export interface SuggestAction {
  title: string;
  suggestion: Suggestion;
  target: SuggestTarget['kind'];
  edits: FileEdit[];
}

/**
 * Suggestions for a range of a transcript (a selection, or the cursor in a speaker
 * turn), best first, each with the edit that codes the passage with it.
 */
export function suggestActions(index: ProjectIndex, uri: string, range: { start: number; end: number }, limit = 3): SuggestAction[] {
  uri = normalizeUri(uri);
  const project = index.projectOf(uri);
  const entry = project?.transcripts.get(uri);
  if (!project || !entry) return [];
  const t = entry.transcript;
  const target = suggestTarget(t, range);
  if (!target) return [];
  const model = suggestionModel(project);
  // Codes the span has already, and what deprecated ones among them stand for.
  const skip = [...target.existing, ...target.existing.map((id) => model.resolve.get(id)).filter((id): id is string => !!id)];
  // A passage is ranked by its head: a turn of a 10 MB line would be tokenised whole on every request.
  const passage = target.passage.length > SUGGEST_PASSAGE_CHARS ? target.passage.slice(0, SUGGEST_PASSAGE_CHARS) : target.passage;
  const suggestions = rank(model, passage, { limit, language: model.languageOf(t), skip });
  if (suggestions.length === 0) return [];
  // The edit is checked once, with the best code: the others differ only in the id,
  // and every suggested id is a valid tag id, so the same check holds for them.
  const checked = suggestionEdit(t, target, suggestions[0].id);
  if (!checked) return [];
  const out: SuggestAction[] = [];
  for (const s of suggestions) {
    const edits = s === suggestions[0] ? checked : suggestionEdit(t, target, s.id, false)!;
    out.push({
      title: `Suggest: ${s.name} (${s.id}) — ${s.why}`,
      suggestion: s,
      target: target.kind,
      edits: edits.map((e) => ({ uri, range: e.range, newText: e.newText })),
    });
  }
  return out;
}
