/** Synthesizes one stack the way `npm run synth` does and gives back its Terraform JSON. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { stackCatalog } from '../../app';
import { constructIdIn } from '../../cli/report/snapshot';
import type { BaselineConfig } from '../../config/schema';
import { fromTerraformString, type PolicyDocument } from '../../policies/document';

export interface SynthesizedStack {
  /** The cdk.tf.json text, for cdktf matchers. */
  readonly text: string;
  /** The parsed document. */
  readonly json: {
    readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
    readonly data?: Record<string, Record<string, Record<string, unknown>>>;
    readonly provider?: Record<string, unknown[]>;
    readonly terraform?: Record<string, unknown>;
    readonly output?: Record<string, unknown>;
  };
}

/**
 * The outdir of an app a test builds but never synthesizes. cdktf creates it (and its
 * `stacks` folder) on construction, so it lives in the run's temporary folder, not the
 * working tree.
 */
export function unsynthesizedOutdir(): string {
  return join(tmpdir(), 'unsynthesized');
}

export function synthStack(stack: TerraformStack): SynthesizedStack {
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

/** All resources of one Terraform type, by construct id. */
export function resourcesOfType(stack: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return stack.json.resource?.[type] ?? {};
}

/**
 * The aws_organizations_policy resources of type SERVICE_CONTROL_POLICY, by construct id.
 * Tag and Bedrock policies are attached to the same OUs but are no IAM policies.
 */
export function serviceControlPolicies(stack: SynthesizedStack): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(resourcesOfType(stack, 'aws_organizations_policy')).filter(([, policy]) => policy.type === 'SERVICE_CONTROL_POLICY'),
  );
}

/** Reads a policy attribute (embedded JSON with `$${}` escapes) back into a document. */
export function policyAttribute(resource: Record<string, unknown>, attribute: string): PolicyDocument {
  const value = resource[attribute];
  if (typeof value !== 'string') throw new Error(`attribute ${attribute} is not an embedded JSON string: ${JSON.stringify(value)}`);
  return fromTerraformString(value);
}

/** The construct id inside a Terraform reference such as `${aws_organizations_policy.scp-X.id}`; throws for anything else. */
export function referencedId(reference: unknown, type: string): string {
  const id = constructIdIn(reference, type);
  if (id === undefined) throw new Error(`${String(reference)} does not reference a ${type}`);
  return id;
}

/** Every stack of `config`, each synthesized on its own as `cdktf synth` would. */
export function synthAllStacks(config: BaselineConfig): Map<string, SynthesizedStack> {
  const stacks = new Map<string, SynthesizedStack>();
  for (const [name, build] of stackCatalog(config)) {
    const app = Testing.app();
    build(app);
    stacks.set(name, synthStack(app.node.findChild(name) as TerraformStack));
  }
  return stacks;
}

export interface EmbeddedPolicy {
  /** `<resource type>.<construct id>.<attribute>` */
  readonly location: string;
  readonly document: PolicyDocument;
}

/** Every IAM-style policy document embedded as a JSON string in a resource or data source attribute. */
export function embeddedPolicies(stack: SynthesizedStack): EmbeddedPolicy[] {
  const found: EmbeddedPolicy[] = [];
  for (const blocks of [stack.json.resource ?? {}, stack.json.data ?? {}]) {
    for (const [type, byId] of Object.entries(blocks)) {
      for (const [id, attributes] of Object.entries(byId)) {
        for (const [attribute, value] of Object.entries(attributes)) {
          if (typeof value === 'string' && value.startsWith('{') && value.includes('"Statement"')) {
            found.push({ location: `${type}.${id}.${attribute}`, document: fromTerraformString(value) });
          }
        }
      }
    }
  }
  return found;
}
