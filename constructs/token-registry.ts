/**
 * cdktf registers every token it creates in a process-wide map and never removes one. A
 * token of a resource attribute references its stack, so once a stack is written the
 * registry still holds all of its constructs: a process synthesizing thousands of stacks
 * keeps every one of them, and garbage collection over that heap was a large share of a
 * big synth. The mark below lets the synth forget the tokens of a stack it has written.
 */

/** cdktf's token registry, as far as this module reads it; not part of its package index. */
interface TokenRegistry {
  readonly stringTokenMap?: unknown;
  readonly numberTokenMap?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TokenMap } = require('cdktf/lib/tokens/private/token-map') as { TokenMap: { instance(): TokenRegistry } };

/** A point in the registry's history; `release` forgets every token registered after it. */
export interface TokenRegistryMark {
  release(): void;
}

/** The registry's maps from a token's key to the token; none when the loaded library keeps them otherwise. */
function registryMaps(): Array<Map<unknown, unknown>> {
  const registry = TokenMap.instance();
  return [registry.stringTokenMap, registry.numberTokenMap].filter((map): map is Map<unknown, unknown> => map instanceof Map);
}

/**
 * Marks the registry now. After `release`, a token registered since the mark no longer
 * resolves: resolving it fails with cdktf's "unrecognized token" error, so a token that
 * outlived its stack is reported, never written wrong.
 */
export function markTokenRegistry(): TokenRegistryMark {
  const marks = registryMaps().map((map) => ({ map, size: map.size }));
  return {
    release() {
      // The maps only grow and keep insertion order: what follows the mark is what came after it.
      for (const { map, size } of marks) {
        let index = 0;
        for (const key of [...map.keys()]) if (index++ >= size) map.delete(key);
      }
    },
  };
}
