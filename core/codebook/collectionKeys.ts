import { isCollection, isPair, visit, type Document, type Node as YamlNode } from 'yaml';

/**
 * The keys of a YAML document that are themselves lists or maps (`? [a, b] : 1`,
 * `{[x]: 1}`), in document order. Neither a codebook nor front matter has a use for
 * one, and JavaScript objects cannot hold one: turned into data, the yaml package
 * would stringify it and print a process warning. Axial reports each as a
 * diagnostic at the key instead (and parses with `logLevel: 'error'`, so the yaml
 * package itself never prints). Nesting is bounded before this runs (MAX_NESTING).
 */
export function collectionKeys(doc: Document): YamlNode[] {
  const keys: YamlNode[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isCollection(pair.key)) keys.push(pair.key as YamlNode);
    },
  });
  return keys;
}
