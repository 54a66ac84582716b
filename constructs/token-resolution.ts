/**
 * Resolution of a stack's Terraform JSON with cdktf's semantics at a fraction of its cost.
 * cdktf's resolver allocates a context for every node it visits, plain or not, which made it
 * about half of a large synth. Almost every node of a baseline stack is a plain value: a
 * string with no token marker, a small number, a boolean, a plain object or array. Those are
 * what cdktf would return unchanged (objects and arrays rebuilt without their undefined
 * entries), so they are copied here, objects with their keys sorted as the stack is
 * written. Most of the rest are strings whose only tokens are references to attributes of
 * the stack's own resources (`${aws_s3_bucket.x.arn}` in an ARN or a policy); such a
 * reference resolves to its expression in braces, so those strings are written here too
 * when nothing else in them needs cdktf (an escape, a list, map or number token). Anything
 * else, and any array with a list or number token among its direct entries, goes to
 * cdktf's own resolver, from the same (flag-free) context cdktf would reach it with.
 * test/constructs/token-resolution.test.ts compares both on every kind of token, and
 * test/stacks/synth-passes.test.ts every stack of the example.
 */
import { DefaultTokenResolver, ref, StringConcat, Token, type ITokenResolver } from 'cdktf';
import type { IConstruct } from 'constructs';

/** cdktf's resolver with the path option its public `Tokenization.resolve` drops, so errors name the same path; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolve: cdktfResolve } = require('cdktf/lib/tokens/private/resolve') as {
  resolve: (value: unknown, options: { scope: IConstruct; preparing: boolean; resolver: ITokenResolver; prefix: string[] }) => unknown;
};
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf's registry of the tokens encoded in strings; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap: { instance(): { lookupToken(key: string): unknown } } };
/** cdktf's decoding of number tokens; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extractTokenDouble } = require('cdktf/lib/tokens/private/encoding') as {
  extractTokenDouble: (value: number, list: boolean) => number | undefined;
};
/** cdktf's dependency token (`dependsOn` entries); not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dependable } = require('cdktf/lib/tfExpression') as { dependable: (target: { fqn: string }) => string };
/** A reference to a resource attribute, as cdktf's generated attribute getters create them. */
const REFERENCE_PROTOTYPE = Object.getPrototypeOf(ref('probe')) as object;

interface Dependency {
  /** The resource depended on; its `fqn` is a reference to the resource itself. */
  readonly dependable: { readonly fqn: string };
}

interface Reference {
  readonly identifier: string;
  /** Set only when the preparing pass found a reference from another stack. */
  readonly crossStackIdentifier: Record<string, string>;
}

/** What cdktf's search for number tokens concatenated into a string needs (`[-|\d|.+]+(e[-|\d|.|e|E|+]+)`). */
const NUMBER_TOKEN_HINT = /[-|\d.+]e[-|\d.eE+]/;
/** cdktf's search for number tokens concatenated into a string, as cdktf writes it. */
const NUMBER_TOKEN = new RegExp('[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)', 'g');
/** The start of a string, list or map token marker. */
const MARKER_START = /[$#&]\{/;
/** What a string holding a token may contain: the start of a token marker, or a number token. */
const TOKEN_HINT = new RegExp(`${MARKER_START.source}|${NUMBER_TOKEN_HINT.source}`);
/** cdktf's string token marker, with the token's key. */
const STRING_TOKEN = /\$\{TfToken\[([a-zA-Z0-9:._-]+)\]\}/g;
/** The same marker as the whole string. */
const WHOLE_STRING_TOKEN = new RegExp(`^${STRING_TOKEN.source}$`);
/** What cdktf takes as an escape in the literal parts of a string (`${` opening an expression of its own). */
const ESCAPE_OPEN = '${';
/** A dependency on a resource, as cdktf creates it for each `dependsOn` entry. */
const DEPENDENCY_PROTOTYPE = Object.getPrototypeOf(
  TokenMap.instance().lookupToken(WHOLE_STRING_TOKEN.exec(dependable({ fqn: 'probe' }))![1]!),
) as object;
const { STRING_MAP_TOKEN_VALUE, ANY_MAP_TOKEN_VALUE } = Token;
/** Whether `value` is one of cdktf's map token strings; compared, not looked up in a set, which would hash every string of the stack. */
function isMapTokenString(value: string): boolean {
  return value === STRING_MAP_TOKEN_VALUE || value === ANY_MAP_TOKEN_VALUE;
}
/** Token numbers are encoded as doubles of magnitude near 1e289; no plain number comes close. */
const PLAIN_NUMBER_BOUND = 1e200;

function isPlainString(value: string): boolean {
  return !TOKEN_HINT.test(value) && !isMapTokenString(value);
}

/** Object keys found plain: the same argument names recur in every stack, so each is tested once. */
const plainKeys = new Set<string>();
/** Bound on plainKeys, against a process that meets unboundedly many distinct keys. */
const MAX_PLAIN_KEYS = 100_000;

function isPlainKey(key: string): boolean {
  if (plainKeys.has(key)) return true;
  if (!isPlainString(key)) return false;
  if (plainKeys.size < MAX_PLAIN_KEYS) plainKeys.add(key);
  return true;
}

/** Whether a value that is no string (strings go to isPlainString) is one cdktf returns unchanged. */
function isPlainScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'undefined':
    case 'boolean':
      return true;
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

function isSameStackReference(token: unknown): token is Reference {
  if (typeof token !== 'object' || token === null || Object.getPrototypeOf(token) !== REFERENCE_PROTOTYPE) return false;
  const { identifier, crossStackIdentifier } = token as Reference;
  return typeof identifier === 'string' && !TOKEN_HINT.test(identifier) && Object.keys(crossStackIdentifier).length === 0;
}

/** Whether cdktf's search for number tokens in `value` finds one (a plain number written in a string is none). */
function holdsNumberToken(value: string): boolean {
  for (const match of value.matchAll(NUMBER_TOKEN)) if (extractTokenDouble(parseFloat(match[0]), false) !== undefined) return true;
  return false;
}

/**
 * `value` resolved as cdktf resolves it when its only tokens are references to this
 * stack's resources and nothing else in it needs cdktf, or when it is one dependency on
 * such a resource (which resolves to the resource's address); otherwise undefined.
 */
function referencesResolved(value: string): string | undefined {
  if (value.includes('#{') || value.includes('&{')) return undefined;
  const tokens = TokenMap.instance();
  const whole = WHOLE_STRING_TOKEN.exec(value);
  const dependency = whole && tokens.lookupToken(whole[1]!);
  if (typeof dependency === 'object' && dependency !== null && Object.getPrototypeOf(dependency) === DEPENDENCY_PROTOTYPE) {
    // A dependency resolves its target's reference without braces.
    const target = WHOLE_STRING_TOKEN.exec((dependency as Dependency).dependable.fqn);
    const reference = target && tokens.lookupToken(target[1]!);
    return isSameStackReference(reference) && !holdsNumberToken(reference.identifier) ? reference.identifier : undefined;
  }
  let resolved = '';
  let literalStart = 0;
  for (const marker of value.matchAll(STRING_TOKEN)) {
    const literal = value.slice(literalStart, marker.index);
    const token = tokens.lookupToken(marker[1]!);
    if (literal.includes(ESCAPE_OPEN) || !isSameStackReference(token)) return undefined;
    resolved += `${literal}\${${token.identifier}}`;
    literalStart = marker.index + marker[0].length;
  }
  const tail = value.slice(literalStart);
  if (literalStart === 0 || tail.includes(ESCAPE_OPEN)) return undefined;
  resolved += tail;
  // cdktf then looks for number tokens in the result, which only it can resolve.
  return holdsNumberToken(resolved) ? undefined : resolved;
}

/** `value`, a string that is not plain, resolved as cdktf resolves it, by cdktf where this module cannot. */
function resolvedString(value: string, byCdktf: (value: string) => unknown): unknown {
  // No token marker: only what looks like a number token; a plain number stays as it is.
  if (!MARKER_START.test(value) && !isMapTokenString(value)) return holdsNumberToken(value) ? byCdktf(value) : value;
  return referencesResolved(value) ?? byCdktf(value);
}

/** An array entry for which cdktf resolves the array as a whole: a list or number token. */
function isListOrNumberToken(entry: unknown): boolean {
  if (typeof entry === 'string') return entry.includes('#{');
  return typeof entry === 'number' && !isPlainScalar(entry);
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
    if (typeof node === 'string') return isPlainString(node) ? node : resolvedString(node, byCdktf);
    if (typeof node !== 'object' || node === null) return isPlainScalar(node) ? node : byCdktf(node);
    if (Array.isArray(node)) {
      if (node.some(isListOrNumberToken)) return byCdktf(node);
      const elements: unknown[] = [];
      for (let index = 0; index < node.length; index++) {
        const resolved = child(`${index}`, node[index]);
        if (resolved !== undefined) elements.push(resolved);
      }
      return elements;
    }
    if (!isPlainObject(node)) return byCdktf(node);
    const keys = Object.keys(node);
    if (!keys.every(isPlainKey)) return byCdktf(node);
    const result: Record<string, unknown> = {};
    // In sorted order, in which the stack's JSON is written: the writer then copies none of these.
    for (const key of keys.sort()) {
      const entry = node[key];
      // An unset argument: what cdktf leaves out, without a visit.
      if (entry === undefined) continue;
      const resolved = child(key, entry);
      if (resolved !== undefined) result[key] = resolved;
    }
    return result;
  };
  return resolve(value);
}
