/**
 * Resolution of a stack's Terraform JSON with cdktf's semantics at a fraction of its cost.
 * cdktf's resolver allocates a context for every node it visits, plain or not, which made it
 * about half of a large synth. Almost every node of a baseline stack is a plain value: a
 * string with no token marker, a small number, a boolean, a plain object or array. Those are
 * what cdktf would return unchanged (objects and arrays rebuilt without their undefined
 * entries), so they are copied here; anything else, and any array or object whose direct
 * entries are not all plain, goes to cdktf's own resolver, from the same (flag-free) context
 * cdktf would reach it with. test/constructs/token-resolution.test.ts compares both on every
 * kind of token, and test/stacks/synth-passes.test.ts every stack of the example.
 */
import { DefaultTokenResolver, StringConcat, Token, type ITokenResolver } from 'cdktf';
import type { IConstruct } from 'constructs';

/** cdktf's resolver with the path option its public `Tokenization.resolve` drops, so errors name the same path; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve: cdktfResolve } = require('cdktf/lib/tokens/private/resolve') as {
  resolve: (value: unknown, options: { scope: IConstruct; preparing: boolean; resolver: ITokenResolver; prefix: string[] }) => unknown;
};
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * What a string holding a token may contain: the start of cdktf's string, list or map token
 * markers, or what its search for number tokens concatenated into a string needs
 * (`[-|\d|.+]+(e[-|\d|.|e|E|+]+)`). One pass over the string.
 */
const TOKEN_HINT = /[$#&]\{|[-|\d.+]e[-|\d.eE+]/;
const MAP_TOKEN_STRINGS = new Set<string>([Token.STRING_MAP_TOKEN_VALUE, Token.ANY_MAP_TOKEN_VALUE]);
/** Token numbers are encoded as doubles of magnitude near 1e289; no plain number comes close. */
const PLAIN_NUMBER_BOUND = 1e200;

function isPlainString(value: string): boolean {
  return !TOKEN_HINT.test(value) && !MAP_TOKEN_STRINGS.has(value);
}

function isPlainScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return true;
    case 'string':
      return isPlainString(value);
    case 'number':
      return Math.abs(value) < PLAIN_NUMBER_BOUND && value !== Token.NUMBER_MAP_TOKEN_VALUE;
    default:
      return value === null;
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { resolve?: unknown }).resolve !== 'function';
}

/** `value` with every token resolved in `scope`, as `Tokenization.resolve` with cdktf's default resolver gives it. */
export function resolveInScope(value: unknown, scope: IConstruct): unknown {
  // The keys from the root to the node being resolved, for cdktf's messages.
  const path: string[] = [];
  const byCdktf = (subtree: unknown): unknown => cdktfResolve(subtree, { scope, preparing: false, resolver: TOKEN_RESOLVER, prefix: [...path] });
  const child = (key: string, node: unknown): unknown => {
    path.push(key);
    const resolved = resolve(node);
    path.pop();
    return resolved;
  };
  const resolve = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return isPlainScalar(node) ? node : byCdktf(node);
    if (Array.isArray(node)) {
      // cdktf treats an array as a whole when a direct element is a list or number token.
      if (!node.every((element) => typeof element === 'object' || isPlainScalar(element))) return byCdktf(node);
      return node.map((element, index) => child(`${index}`, element)).filter((element) => element !== undefined);
    }
    if (!isPlainObject(node) || !Object.keys(node).every(isPlainString)) return byCdktf(node);
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(node)) {
      const resolved = child(key, entry);
      if (resolved !== undefined) result[key] = resolved;
    }
    return result;
  };
  return resolve(value);
}
