/** Synthesizes every stack of a config the way `npm run synth` would, and finds resources by construct path. */
import { Testing, TerraformResource, type TerraformStack } from 'cdktf';
import { stackCatalog } from '../../app';
import type { BaselineConfig } from '../../config/schema';
import type { PolicyDocument } from '../../policies/document';
import { policyAttribute, resourcesOfType, synthStack, type SynthesizedStack } from './synth';

/** A stack's constructs beside its synthesized Terraform JSON. */
export interface StackUnderTest {
  readonly construct: TerraformStack;
  readonly synth: SynthesizedStack;
}

/** Every stack of the config's catalog, synthesized, by CLI name. */
export function synthAllStacks(config: BaselineConfig): Map<string, StackUnderTest> {
  const app = Testing.app();
  const stacks = new Map<string, StackUnderTest>();
  for (const [name, build] of stackCatalog(config)) {
    build(app);
    const construct = app.node.findChild(name) as TerraformStack;
    stacks.set(name, { construct, synth: synthStack(construct) });
  }
  return stacks;
}

/** The synthesized resource of the construct at `path` (e.g. `log-archive/cloudtrail-bucket/policy`). */
export function resourceAt(stack: StackUnderTest, path: string): { readonly type: string; readonly body: Record<string, unknown> } {
  const construct = stack.construct.node.findAll().find((c) => c.node.path === path);
  if (!(construct instanceof TerraformResource)) throw new Error(`no resource at ${path}`);
  const type = construct.terraformResourceType;
  const body = resourcesOfType(stack.synth, type)[construct.friendlyUniqueId];
  if (!body) throw new Error(`${type} at ${path} is not in the synthesized stack`);
  return { type, body };
}

/** The policy attribute of the resource at `path`. */
export function policyAt(stack: StackUnderTest, path: string, attribute = 'policy'): PolicyDocument {
  return policyAttribute(resourceAt(stack, path).body, attribute);
}

/** Resource types whose attributes embed IAM policy documents, with the attribute. */
export const POLICY_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ['aws_iam_role', 'assume_role_policy'],
  ['aws_iam_role_policy', 'policy'],
  ['aws_kms_key', 'policy'],
  ['aws_organizations_policy', 'content'],
  ['aws_s3_bucket_policy', 'policy'],
];

/** Every embedded IAM policy document of a stack, labelled by resource. */
export function embeddedPolicies(stack: SynthesizedStack): Array<{ readonly label: string; readonly document: PolicyDocument }> {
  return POLICY_ATTRIBUTES.flatMap(([type, attribute]) =>
    Object.entries(resourcesOfType(stack, type))
      // Organizations also holds policy types that are not IAM documents (tag policies, BEDROCK_POLICY).
      .filter(([, resource]) => type !== 'aws_organizations_policy' || resource.type === 'SERVICE_CONTROL_POLICY')
      .map(([id, resource]) => ({ label: `${type}.${id}.${attribute}`, document: policyAttribute(resource, attribute) })),
  );
}
