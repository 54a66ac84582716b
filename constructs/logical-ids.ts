/**
 * The logical ID cdktf 0.21 gives a Terraform element (TerraformStack.allocateLogicalId
 * with its makeUniqueId), at less cost: the path is collected by one walk up to the stack
 * instead of the element's full list of scopes, and the path's MD5 is taken in one call
 * instead of through a Hash object per element, which was most of the cost in a synth of
 * thousands of stacks. test/constructs/logical-ids.test.ts compares both on generated paths.
 */
import { createHash, hash } from 'node:crypto';
import type { IConstruct } from 'constructs';

/** cdktf's own computation, for the one case this module leaves to it; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeUniqueId } = require('cdktf/lib/private/unique') as { makeUniqueId: (components: string[]) => string };

/** A component left out of the ID and its hash. */
const HIDDEN_ID = 'Default';
/** A component left out of the human-readable part only. */
const HIDDEN_FROM_HUMAN_ID = 'Resource';
const MAX_HUMAN_LENGTH = 240;
const MAX_ID_LENGTH = 255;
const HASH_LENGTH = 8;
const DISALLOWED = /[^A-Za-z0-9_-]/g;

/** MD5 in hex; `crypto.hash` (Node >= 20.12) where the runtime has it. */
const md5Hex: (text: string) => string =
  typeof hash === 'function' ? (text) => hash('md5', text, 'hex') : (text) => createHash('md5').update(text).digest('hex');

/**
 * IDs already computed, by path: every account's stack has the same paths below it, so a
 * synth of thousands of stacks computes each ID once. Keyed by the number of components
 * and the path joined with `/`, which construct IDs never hold; components that do are
 * not remembered.
 */
const knownIds = new Map<string, string>();
/** Bound on knownIds, against a process that meets unboundedly many distinct paths. */
const MAX_KNOWN_IDS = 100_000;

/** makeUniqueId of cdktf 0.21: the human-readable path and a hash of the full path. */
export function uniqueId(components: readonly string[]): string {
  if (components.some((component) => component.includes('/'))) return computedUniqueId(components);
  const path = `${components.length}:${components.join('/')}`;
  let id = knownIds.get(path);
  if (id === undefined) {
    id = computedUniqueId(components);
    if (knownIds.size < MAX_KNOWN_IDS) knownIds.set(path, id);
  }
  return id;
}

function computedUniqueId(components: readonly string[]): string {
  const kept = components.filter((component) => component !== HIDDEN_ID);
  // No component: cdktf's own error.
  if (kept.length === 0) return makeUniqueId([...components]);
  if (kept.length === 1) {
    const candidate = kept[0]!.replace(DISALLOWED, '');
    if (candidate.length <= MAX_ID_LENGTH) return candidate;
  }
  const human: string[] = [];
  let previous: string | undefined;
  for (const component of kept) {
    // A component the previous one ends with is left out, and that previous one stays the reference.
    if (previous !== undefined && previous.endsWith(component)) continue;
    previous = component;
    if (component !== HIDDEN_FROM_HUMAN_ID) human.push(component.replace(DISALLOWED, ''));
  }
  const pathHash = md5Hex(kept.join('/')).slice(0, HASH_LENGTH).toUpperCase();
  return `${human.join('_').slice(0, MAX_HUMAN_LENGTH)}_${pathHash}`;
}

/** The IDs on the path from `stack` (exclusive) down to `construct`, or undefined when `stack` is no ancestor of it. */
export function pathBelow(construct: IConstruct, stack: IConstruct): string[] | undefined {
  const ids: string[] = [];
  for (let current: IConstruct | undefined = construct; current !== undefined; current = current.node.scope) {
    if (current === stack) return ids.reverse();
    ids.push(current.node.id);
  }
  return undefined;
}
