/**
 * The text cdktf writes for a stack's Terraform JSON, `json-stable-stringify` with a
 * two-space indent, written faster. That library builds every indent and separator anew
 * for every node and was a tenth of a large synth. The engine's own `JSON.stringify` over
 * the value with its keys sorted (copying only the objects whose keys are out of order)
 * writes the same text for plain JSON; where the two could differ (an empty container,
 * which the library opens and closes on two lines; an integer-like key, which the engine
 * would put first; a `toJSON`; a cycle) the library writes the whole value itself.
 * test/toolchain/stable-json.test.ts compares both on generated values.
 */

const INDENT = '  ';
/** Keys an object lists first in ascending numeric order, whatever their insertion order. */
const ARRAY_INDEX_LIKE = /^(?:0|[1-9]\d*)$/;
/** A key that an assignment turns into the copy's prototype instead of a member. */
const PROTOTYPE_KEY = '__proto__';
/** Deeper than any Terraform JSON; past it a cycle is the likely reason. */
const MAX_DEPTH = 1000;

/** Thrown while sorting: `JSON.stringify` might not write what the library writes. */
class NeedsLibraryRules extends Error {}

/** Whether `value` is left out of an object by JSON.stringify, as by the library. */
function isSkippedMember(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/**
 * `node` with its objects' keys in sorted order: `node` itself where that holds already
 * (the resolver writes stacks' objects sorted), a copy of what is out of order otherwise.
 */
function withSortedKeys(node: unknown, depth: number): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (depth > MAX_DEPTH || typeof (node as { toJSON?: unknown }).toJSON === 'function') throw new NeedsLibraryRules();
  if (Array.isArray(node)) {
    if (node.length === 0) throw new NeedsLibraryRules();
    let copy: unknown[] | undefined;
    for (let index = 0; index < node.length; index++) {
      const written = withSortedKeys(node[index], depth + 1);
      if (copy === undefined && written !== node[index]) copy = node.slice(0, index);
      copy?.push(written);
    }
    return copy ?? node;
  }
  const object = node as Record<string, unknown>;
  const keys = Object.keys(object);
  let inOrder = true;
  for (let index = 1; index < keys.length && inOrder; index++) inOrder = keys[index - 1]! < keys[index]!;
  if (!inOrder) keys.sort();
  let copy: Record<string, unknown> | undefined = inOrder ? undefined : {};
  let members = 0;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    if (key === PROTOTYPE_KEY || ARRAY_INDEX_LIKE.test(key)) throw new NeedsLibraryRules();
    const member = object[key];
    if (isSkippedMember(member)) continue;
    const written = withSortedKeys(member, depth + 1);
    if (copy === undefined && written !== member) {
      copy = {};
      for (const earlier of keys.slice(0, index)) if (!isSkippedMember(object[earlier])) copy[earlier] = object[earlier];
    }
    if (copy !== undefined) copy[key] = written;
    members++;
  }
  // An object left with no member is an empty container too.
  if (members === 0) throw new NeedsLibraryRules();
  return copy ?? object;
}

/** A writer of sorted-key JSON with a two-space indent, such as `json-stable-stringify`. */
export type StableJsonWriter = (value: unknown) => string | undefined;

/** `value` as `library` writes it: by the engine where both write the same text, by `library` elsewhere. */
export function stableJson(value: unknown, library: StableJsonWriter): string | undefined {
  let sorted: unknown;
  try {
    sorted = withSortedKeys(value, 0);
  } catch (error) {
    if (error instanceof NeedsLibraryRules) return library(value);
    throw error;
  }
  return JSON.stringify(sorted, null, INDENT);
}
