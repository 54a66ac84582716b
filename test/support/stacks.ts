/** Synthesized stacks whose resources tests find by construct path rather than by generated logical id. */
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

/** The named stack of the config's catalog, synthesized on its own as `cdktf synth` would. */
export function stackUnderTest(config: BaselineConfig, name: string): StackUnderTest {
  const build = stackCatalog(config).get(name);
  if (!build) throw new Error(`no stack ${name}`);
  const app = Testing.app();
  build(app);
  const construct = app.node.findChild(name) as TerraformStack;
  return { construct, synth: synthStack(construct) };
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
