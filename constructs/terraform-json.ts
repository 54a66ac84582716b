/**
 * Pieces of cdktf 0.21's assembly of a stack's Terraform JSON, at less cost, for
 * GovernanceStack.toTerraform. A resource's fragment is built as
 * TerraformResource.toTerraform builds it, less what costs most there and changes
 * nothing: the path in its metadata comes from the caller's walk instead of a walk up
 * from every resource, and only the meta-arguments it sets are converted to snake case.
 * Keys are converted to snake case as cdktf converts them, each distinct key once per
 * process instead of three regular expressions per key and element.
 * test/stacks/synth-passes.test.ts compares every stack with cdktf's own toTerraform.
 */
import type { TerraformProvider, TerraformResource } from 'cdktf';

/** cdktf's helpers for a resource's JSON; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdktfUtil = require('cdktf/lib/util') as {
  deepMerge: (target: Record<string, unknown>, ...sources: unknown[]) => Record<string, unknown>;
  keysToSnakeCase: (value: Record<string, unknown>) => Record<string, unknown>;
  snakeCase: (key: string) => string;
};

export const { deepMerge } = cdktfUtil;

/** cdktf's dynamic block, as resources' generated setters store it; not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TerraformDynamicBlock } = require('cdktf/lib/terraform-dynamic-block') as {
  TerraformDynamicBlock: { isTerraformDynamicBlock(value: unknown): value is { toTerraformDynamicBlockJson(): unknown } };
};

/** What TerraformResource.toTerraform reads beyond its typed API. */
interface ResourceInternals {
  readonly provisioners?: readonly unknown[];
  readonly rawOverrides: Record<string, unknown>;
  readonly _imported?: unknown;
  synthesizeAttributes(): Record<string, unknown>;
}

const snakeNames = new Map<string, string>();
function snakeName(key: string): string {
  let name = snakeNames.get(key);
  if (name === undefined) snakeNames.set(key, (name = cdktfUtil.snakeCase(key)));
  return name;
}

/**
 * cdktf's processDynamicAttributes: `attributes` copied, plain objects in it too, with each
 * dynamic block moved below `dynamic` as its JSON. A loop instead of cdktf's array of
 * entries and callback per key, and only objects are asked whether they are a dynamic block.
 */
export function withDynamicBlocksMoved(attributes: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> & { dynamic?: Record<string, unknown> } = {};
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (typeof value !== 'object' || value === null) {
      result[name] = value;
    } else if (TerraformDynamicBlock.isTerraformDynamicBlock(value)) {
      if (!result.dynamic) result.dynamic = {};
      result.dynamic[name] = value.toTerraformDynamicBlockJson();
    } else {
      // cdktf descends only into plain objects.
      result[name] = value.constructor === Object ? withDynamicBlocksMoved(value as Record<string, unknown>) : value;
    }
  }
  return result;
}

/**
 * cdktf's keysToSnakeCase: the keys of `value` and of the objects in it in snake case,
 * except below `tags` and `environment`, and tokens left as they are. Anything but an
 * object or array (null included, on which cdktf throws) is left to cdktf.
 */
export function snakeCasedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return cdktfUtil.keysToSnakeCase(value as Record<string, unknown>);
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return value;
  const ofEntry = (entry: unknown): unknown => (typeof entry === 'object' ? snakeCasedKeys(entry) : entry);
  if (Array.isArray(value)) return value.map(ofEntry);
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    let entry = (value as Record<string, unknown>)[key];
    if (key === 'tags' || key === 'environment') {
      result[key] = entry;
      continue;
    }
    if (typeof entry === 'object') entry = snakeCasedKeys(entry);
    // cdktf converts the objects of an array a second time.
    if (Array.isArray(entry)) entry = entry.map(ofEntry);
    result[snakeName(key)] = entry;
  }
  return result;
}

/** What TerraformProvider.toTerraform reads beyond its typed API. */
interface ProviderInternals {
  readonly rawOverrides: Record<string, unknown>;
  synthesizeAttributes(): Record<string, unknown>;
}

/** The unresolved JSON fragment of `provider`, as `provider.toTerraform()` gives it. */
export function providerFragment(provider: TerraformProvider): Record<string, unknown> {
  const internals = provider as unknown as ProviderInternals;
  const generator = provider.terraformGeneratorMetadata;
  return {
    terraform: {
      required_providers: {
        [provider.terraformResourceType]: {
          version: generator?.providerVersion || generator?.providerVersionConstraint,
          source: provider.terraformProviderSource,
        },
      },
    },
    provider: {
      [provider.terraformResourceType]: [
        deepMerge(
          snakeCasedKeys(withDynamicBlocksMoved(internals.synthesizeAttributes())) as Record<string, unknown>,
          internals.rawOverrides,
          provider.metaAttributes,
        ),
      ],
    },
  };
}

/**
 * The unresolved JSON fragment of `resource`, whose construct path is `path`, as
 * `resource.toTerraform()` gives it. A resource with provisioners, an import or a move
 * is left to cdktf.
 */
export function resourceFragment(resource: TerraformResource, path: string): Record<string, unknown> {
  const internals = resource as unknown as ResourceInternals;
  if (internals.provisioners || internals._imported || resource.hasResourceMove()) return resource.toTerraform() as Record<string, unknown>;

  const attributes = withDynamicBlocksMoved(internals.synthesizeAttributes());
  // cdktf merges every meta-argument, snake-cased (keys inside an object value too); an
  // undefined one deletes its key.
  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.terraformMetaArguments)) {
    if (value === undefined) delete attributes[snakeName(key)];
    else if (typeof value === 'object') Object.assign(meta, snakeCasedKeys({ [key]: value }));
    else meta[snakeName(key)] = value;
  }
  delete attributes.provisioner;
  cdktfUtil.deepMerge(attributes, meta, internals.rawOverrides);
  attributes['//'] = {
    ...((attributes['//'] as Record<string, unknown> | undefined) ?? {}),
    metadata: {
      path,
      uniqueId: resource.friendlyUniqueId,
      stackTrace: resource.node.metadata.find((entry) => entry.type === 'stacktrace')?.trace,
    },
  };
  return { resource: { [resource.terraformResourceType]: { [resource.friendlyUniqueId]: attributes } } };
}

/**
 * cdktf's deepMerge of a resolved fragment into the stack's JSON, taking a subtree the
 * target lacks as it is instead of copying it (a resolved fragment is a fresh tree that
 * holds no undefined and no token, so the copy would be equal).
 */
export function mergeResolved(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) {
      delete target[key];
      continue;
    }
    const existing = target[key];
    if (existing === undefined && !Object.prototype.hasOwnProperty.call(target, key)) target[key] = value;
    else if (isMergeableObject(existing) && isMergeableObject(value)) mergeResolved(existing, value);
    else deepMerge(target, { [key]: value });
  }
}

function isMergeableObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
