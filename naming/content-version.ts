/**
 * Canonical JSON, and the short content versions that names carry so they change exactly
 * when their content does (Macie resources that cannot be updated in place, the construct
 * ids of topic subscriptions).
 */
import { createHash } from 'node:crypto';

/**
 * JSON in which equal values serialize alike whatever the order of their object keys:
 * keys in code-unit order, except that the keys named in `keyOrder` come first, in that
 * order (so a digest can keep the bytes it was first published with). Like
 * JSON.stringify, it leaves out undefined values and writes no whitespace.
 */
export function canonicalJson(value: unknown, keyOrder: readonly string[] = []): string {
  const rank = new Map(keyOrder.map((key, index) => [key, index]));
  // Without a key order, the default sort is already code-unit order.
  const compare =
    rank.size === 0
      ? undefined
      : (a: string, b: string): number => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);
  const serialize = (node: unknown): string | undefined => {
    if (node === null || typeof node !== 'object') return JSON.stringify(node);
    let text: string;
    if (Array.isArray(node)) {
      text = '[';
      for (let index = 0; index < node.length; index++) text += `${index > 0 ? ',' : ''}${serialize(node[index]) ?? 'null'}`;
      return `${text}]`;
    }
    text = '{';
    for (const key of Object.keys(node).sort(compare)) {
      const member = serialize((node as Record<string, unknown>)[key]);
      if (member !== undefined) text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${member}`;
    }
    return `${text}}`;
  };
  return serialize(value) ?? 'null';
}

/** Ten hex characters of the SHA-256 of the canonical JSON of `value`. */
export function contentVersion(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 10);
}
