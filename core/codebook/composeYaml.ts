/**
 * YAML text → one yaml Document, like `parseDocument` from the yaml package but
 * guarded against nesting so deep that composing it could take the process down.
 *
 * Why: the yaml package composes nodes recursively. Thousands of nested `[` or
 * `- - -` make that recursion deep, and V8 may then abort the whole process (not
 * throw) when it compiles a regular expression near the stack limit (seen with
 * Node 20: "RegExpCompiler Allocation failed"). A language server must survive
 * whatever a researcher types, so the concrete syntax tree, which the yaml parser
 * builds without recursion, is measured first, and too-deep input is not composed.
 */
import { Composer, Parser, YAMLParseError } from 'yaml';
import { withoutErrorStacks } from '../text/withoutErrorStacks';
import type { CST, Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/** Maps and lists nested deeper than this are refused. A codebook needs about 4. */
export const MAX_NESTING = 100;

export type ComposeResult = { doc: Document.Parsed } | { tooDeepAt: number };

export function composeYaml(source: string, options: ParseOptions & DocumentOptions & SchemaOptions): ComposeResult {
  return withoutErrorStacks(() => compose(source, options));
}

function compose(source: string, options: ParseOptions & DocumentOptions & SchemaOptions): ComposeResult {
  const tokens = Array.from(new Parser().parse(source));
  const deep = findTooDeep(tokens, MAX_NESTING);
  if (deep !== undefined) return { tooDeepAt: deep };
  const composer = new Composer(options);
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(tokens, true, source.length)) {
    if (!doc) doc = d as Document.Parsed;
    else {
      doc.errors.push(
        new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document; this is only for the type checker.
  if (!doc) throw new Error('The YAML composer produced no document.');
  return { doc };
}

/** The offset of the first collection nested deeper than `max`, walking with an explicit stack. */
function findTooDeep(tokens: CST.Token[], max: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    let childDepth = depth;
    if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      childDepth = depth + 1;
      if (childDepth > max) return token.offset;
    }
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth: childDepth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items as { key?: CST.Token | null; value?: CST.Token }[]) {
        if (item.key) stack.push({ token: item.key, depth: childDepth });
        if (item.value) stack.push({ token: item.value, depth: childDepth });
      }
    }
  }
  return undefined;
}
