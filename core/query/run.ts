/**
 * A code query from text to answer: parse, check the names against the project
 * (an unknown code is an error with the nearest ids, as in the editor; unknown
 * coders and cases are errors listing the known ones), then evaluate.
 */
import { resolveCode } from '../codebook/hierarchy';
import { didYouMean } from '../features/quickFixes';
import type { Project } from '../project/types';
import { projectCases, projectCoders } from '../report/filter';
import { evaluateQuery } from './evaluate';
import { parseQuery } from './parse';
import type { QueryError, QueryNode, QueryOptions, QueryResult } from './types';

/** Parses `query`, checks it against `project` and runs it. Never throws. */
export function runQuery(project: Project, query: string, options: QueryOptions = {}): QueryResult {
  const parsed = parseQuery(query);
  if (!parsed.ok) return parsed;
  const known = knownNames(project);
  const checked = resolveNames(project, parsed.node, known);
  if ('message' in checked) return { ok: false, error: checked };
  for (const c of options.coders ?? []) {
    const unknown = unknownCoder(known, c, { start: 0, end: 0 });
    if (unknown) return { ok: false, error: unknown };
  }
  const unit = options.unit ?? 'span';
  return { ok: true, unit, ...evaluateQuery(project, checked, { ...options, unit }) };
}

/** The project's coders and cases, each listed once per query and only when a name asks for it (both walk every transcript). */
interface KnownNames {
  coders(): string[];
  cases(): string[];
}

function knownNames(project: Project): KnownNames {
  let coders: string[] | undefined;
  let cases: string[] | undefined;
  return { coders: () => (coders ??= projectCoders(project)), cases: () => (cases ??= projectCases(project)) };
}

function unknownCoder(known: KnownNames, id: string, range: QueryError['range']): QueryError | undefined {
  const coders = known.coders();
  return coders.includes(id) ? undefined : { message: `unknown coder '${id}': coders are ${coders.join(', ') || 'none'}`, range };
}

/**
 * The tree with aliases resolved to ids, or the first name that does not fit:
 * a code the codebook lacks, a coder nobody is, a case no transcript has.
 */
export function resolveNames(project: Project, node: QueryNode, known: KnownNames = knownNames(project)): QueryNode | QueryError {
  switch (node.kind) {
    case 'code': {
      const code = resolveCode(project.codebook, node.id);
      if (code) return { ...node, id: code.id };
      const near = didYouMean(project.codebook, node.id);
      return { message: `unknown code '${node.id}'${near.length > 0 ? `: did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ': the codebook has no code or category with this id'}`, range: node.range };
    }
    case 'filter': {
      if (node.key === 'coder') {
        const unknown = unknownCoder(known, node.value, node.range);
        if (unknown) return unknown;
      }
      if (node.key === 'case') {
        const cases = known.cases();
        if (!cases.includes(node.value)) return { message: `unknown case '${node.value}': cases are ${cases.join(', ') || 'none'}`, range: node.range };
      }
      return node;
    }
    case 'not': {
      const operand = resolveNames(project, node.operand, known);
      return 'message' in operand ? operand : { ...node, operand };
    }
    default: {
      const left = resolveNames(project, node.left, known);
      if ('message' in left) return left;
      const right = resolveNames(project, node.right, known);
      if ('message' in right) return right;
      return { ...node, left, right };
    }
  }
}
