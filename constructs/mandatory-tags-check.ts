/**
 * The synth-time half of the mandatory tags (config `mandatoryTags`): an Aspect refuses a
 * stack in which a taggable resource would lack a mandatory tag or carry a value outside
 * the allowed list, after the provider's default_tags. The organization-side half is the
 * TAG_POLICY (mandatory-tag-policy.ts).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformResource, TerraformStack, Token, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

export type MandatoryTags = Readonly<Record<string, readonly string[]>>;

/** Synth refused: resources without their mandatory tags. One line per problem, no stack trace needed. */
export class MandatoryTagError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'MandatoryTagError';
  }
}

type TagMap = Readonly<Record<string, string>>;

/** Generated resource classes of taggable types have a `tags` argument (and its `tagsInput` getter). */
function isTaggable(resource: TerraformResource): resource is TerraformResource & { readonly tagsInput?: TagMap } {
  return 'tagsInput' in resource;
}

function defaultTagsOf(provider: AwsProvider | undefined): TagMap {
  const blocks = provider?.defaultTags;
  if (!Array.isArray(blocks)) return {};
  return Object.assign({}, ...blocks.map((block) => block.tags ?? {}));
}

/** Every mandatory-tag problem of the taggable resources of `stack`, in construct order. */
export function mandatoryTagProblems(stack: TerraformStack, mandatoryTags: MandatoryTags): string[] {
  const nodes = stack.node.findAll();
  const providers = nodes.filter((node): node is AwsProvider => node instanceof AwsProvider);
  const defaultProvider = providers.find((provider) => provider.alias === undefined);
  // Every resource of a region shares its provider's default tags.
  const defaultTags = new Map<AwsProvider | undefined, TagMap>();
  const defaultTagsFor = (provider: AwsProvider | undefined): TagMap => {
    let tags = defaultTags.get(provider);
    if (tags === undefined) defaultTags.set(provider, (tags = defaultTagsOf(provider)));
    return tags;
  };
  const problems: string[] = [];
  for (const node of nodes) {
    if (!(node instanceof TerraformResource) || !isTaggable(node)) continue;
    const provider = node.provider instanceof AwsProvider ? node.provider : defaultProvider;
    const ownTags = node.tagsInput && !Token.isUnresolved(node.tagsInput) ? node.tagsInput : {};
    const tags: TagMap = { ...defaultTagsFor(provider), ...ownTags };
    const address = `${stack.node.id}: ${node.terraformResourceType}.${node.friendlyUniqueId}`;
    for (const [key, allowed] of Object.entries(mandatoryTags)) {
      const value = tags[key];
      if (value === undefined || value === '') {
        problems.push(`${address} lacks mandatory tag ${key}`);
      } else if (!Token.isUnresolved(value) && allowed.length > 0 && !allowed.includes(value)) {
        problems.push(`${address} has tag ${key}="${value}", not one of ${allowed.join(', ')}`);
      }
    }
  }
  return problems;
}

/** Fails the synth of a stack with a MandatoryTagError listing every problem of the stack. */
export class MandatoryTagsAspect implements IAspect {
  constructor(private readonly mandatoryTags: MandatoryTags) {}

  visit(node: IConstruct): void {
    // Checked once per stack, from its root, so that one error reports every problem.
    if (!TerraformStack.isStack(node)) return;
    const problems = mandatoryTagProblems(node, this.mandatoryTags);
    if (problems.length > 0) throw new MandatoryTagError(problems);
  }
}
