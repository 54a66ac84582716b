/**
 * The guard against alias bombs. A large config shares tag maps and region lists through
 * anchors (`tags: *prod-tags` in a thousand accounts): each alias is cheap to parse, but
 * everything after parsing (validation, canonical copies, the config cache) walks the
 * expanded tree, so nested aliases (`b: [*a, *a, ...]`, `c: [*b, *b, ...]`) make a few
 * lines cost billions of nodes. The guard bounds what aliases add to the document,
 * counted without expanding anything, and leaves the number of aliases free.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ConfigPath } from './validate';

/** Most nodes (mapping keys, values, list items) that all aliases together may add to a config. */
export const MAX_ALIAS_EXPANSION = 1_000_000;

/** Where the aliases of a document pass the bound, or refer to the node that holds them. */
export interface AliasExpansionProblem {
  /** Path of the alias at which it happens. */
  readonly path: ConfigPath;
  /** Offset of that alias in the text. */
  readonly offset: number | undefined;
  readonly message: string;
}

/**
 * Walks the document once, in document order, sizing every node with its aliases
 * expanded. An alias refers to the latest anchor of its name before it (YAML 1.2, 7.1),
 * whose size is then already known, unless the alias sits inside that very node: an
 * infinite expansion. Linear in the length of the text, whatever the aliases expand to.
 */
export function aliasExpansionProblem(doc: Document, limit: number = MAX_ALIAS_EXPANSION): AliasExpansionProblem | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let added = 0;
  let problem: AliasExpansionProblem | undefined;

  const size = (node: unknown, path: ConfigPath): number => {
    if (problem || node === null || typeof node !== 'object') return 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const at = { path, offset: node.range?.[0] };
      if (!target) return 1; // an undefined alias is a YAML error the parser already reported
      if (open.has(target)) {
        problem = { ...at, message: `YAML: alias *${node.source} is inside the node it refers to, which would expand without end` };
        return 1;
      }
      const expanded = sizes.get(target)!;
      added += expanded - 1;
      if (added > limit)
        problem = {
          ...at,
          message: `YAML: with alias *${node.source} the aliases expand the document by more than ${limit.toLocaleString('en-US')} nodes (a guard against alias bombs)`,
        };
      return expanded;
    }
    const anchored = node as Node;
    if (anchored.anchor) anchors.set(anchored.anchor, anchored);
    open.add(anchored);
    let total = 1;
    if (isMap(anchored)) {
      for (const pair of anchored.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        total += size(pair.key, path) + size(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(anchored)) {
      anchored.items.forEach((item, index) => (total += size(item, [...path, index])));
    }
    open.delete(anchored);
    sizes.set(anchored, total);
    return total;
  };

  size(doc.contents, []);
  return problem;
}
