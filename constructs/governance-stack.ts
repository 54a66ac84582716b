/**
 * What every stack of the baseline shares: its own S3 state key with a lock file (or,
 * with `hcpTerraform` in the config, its own HCP Terraform workspace), one AWS
 * provider per region that assumes the deployment role in the one account the stack
 * governs (and refuses to run against any other account) and tags every resource with
 * the account's mandatory tags, and a synth-time check of those tags.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, CloudBackend, DefaultTokenResolver, NamedCloudWorkspace, S3Backend, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { stackTags } from '../config/tags';
import { deploymentRoleIn } from '../policies/principals';
import { MandatoryTagsAspect } from './mandatory-tags';

/** cdktf's merge of Terraform fragments (arrays concatenate, undefined deletes); not part of its package index. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deepMerge } = require('cdktf/lib/util') as { deepMerge: (target: Record<string, unknown>, ...sources: unknown[]) => Record<string, unknown> };
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * hashicorp/aws releases every stack accepts. @cdktf/provider-aws 21.22.1 is generated
 * from 6.25.0 and would pin exactly that release, which lacks
 * aws_bedrock_enforced_guardrail_configuration and aws_bedrock_guardrail_resource_policy
 * (constructs/bedrock-unbound-resources.ts). 6.66.0, the newest release whose schema could
 * be inspected offline (the @cdktn/provider-aws 25.7.0 binding), lacks both too. Both come
 * from terraform-provider-aws PRs 47408 (on the provider's 2026 Q4 roadmap) and 48697; the
 * first release that ships them could not be established offline, so the floor is the
 * first release after 6.66.0. `terraform init` picks the newest 6.x; if that still lacks one,
 * `terraform validate` names the unsupported resource type (only stacks that use it:
 * account enforcement, governance.orgGuardrail). One constraint for all stacks keeps a
 * single lock-file release across the organization.
 */
export const AWS_PROVIDER_VERSION = '>= 6.67.0, < 7.0.0';

export interface GovernanceStackProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** Regions the stack deploys into; the first is the default provider. */
  readonly regions: readonly string[];
}

/** The HCP Terraform workspace that holds `stack` when the config selects that engine. */
export function hcpWorkspaceName(hcp: NonNullable<BaselineConfig['hcpTerraform']>, stack: string): string {
  return `${hcp.workspacePrefix}${stack}`;
}

/** Name of the role each stack's providers assume in the target account. */
export function deploymentRoleArn(config: BaselineConfig, accountId: string): string {
  return deploymentRoleIn(accountId, config.governance.deploymentRoleName);
}

export abstract class GovernanceStack extends TerraformStack {
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** The validated config. */
  readonly config: BaselineConfig;
  private readonly providersByRegion = new Map<string, AwsProvider>();

  protected constructor(scope: Construct, name: string, props: GovernanceStackProps) {
    super(scope, name);
    this.accountId = props.accountId;
    this.config = props.config;

    const hcp = props.config.hcpTerraform;
    if (hcp) {
      new CloudBackend(this, { hostname: hcp.hostname, organization: hcp.organization, workspaces: new NamedCloudWorkspace(hcpWorkspaceName(hcp, name), hcp.project) });
    } else {
      const state = props.config.terraformState;
      const backend = new S3Backend(this, {
        bucket: state.bucket,
        key: `${state.keyPrefix}/${name}.tfstate`,
        region: state.region,
        encrypt: true,
      });
      // S3-native locking (terraform >= 1.10); the binding predates the argument.
      backend.addOverride('use_lockfile', true);
    }

    this.addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSION);

    const tags = stackTags(props.config, props.accountId);
    props.regions.forEach((region, index) => {
      this.providersByRegion.set(
        region,
        new AwsProvider(this, `aws-${region}`, {
          region,
          alias: index === 0 ? undefined : region,
          allowedAccountIds: [props.accountId],
          // HCP Terraform runs get credentials in the target account from the workspace
          // itself (dynamic credentials, a read-only role while planning); elsewhere the
          // provider assumes the deployment role.
          ...(hcp ? {} : { assumeRole: [{ roleArn: deploymentRoleArn(props.config, props.accountId), sessionName: 'bedrock-governance-baseline' }] }),
          ...(Object.keys(tags).length > 0 ? { defaultTags: [{ tags }] } : {}),
        }),
      );
    });
    Aspects.of(this).add(new MandatoryTagsAspect(props.config.mandatoryTags));
  }

  /**
   * cdktf's preparing pass resolves every element of the stack once more, only to find
   * references to other stacks and add outputs for them. Baseline stacks never reference
   * each other (names come from naming.ts), so the pass is skipped: about a quarter of
   * synth time for a large organization. test/stacks/prepare-stack.test.ts proves the
   * output is byte-identical to cdktf's own pass, and fails if a cross-stack reference
   * ever appears.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /**
   * The stack's Terraform JSON, assembled as TerraformStack.toTerraform does (each
   * element resolved, the fragments deep-merged, the stack's overrides on top), less its
   * last step: resolving the merged tree once more. Every fragment is resolved already
   * and the overrides set here hold no token, so that walk changes nothing, and it was
   * about a tenth of a large synth. test/stacks/synth-passes.test.ts compares the result
   * with cdktf's own toTerraform for every stack.
   */
  override toTerraform(): Record<string, unknown> {
    const { rawOverrides, cdktfVersion } = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string | undefined };
    const elements = terraformElements(this);
    const metadata: Record<string, unknown> = {
      version: cdktfVersion,
      stackName: this.node.id,
      backend: 'local', // overwritten by the backend's metadata
      cloud: undefined,
      ...(Object.keys(rawOverrides).length > 0 ? { overrides: { stack: Object.keys(rawOverrides) } } : {}),
    };
    for (const element of elements) deepMerge(metadata, this.resolved(element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      deepMerge(outputs, element.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }), {}));
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const fragment of elements.map((element) => this.resolved(element.toTerraform()))) deepMerge(tf, fragment);
    deepMerge(tf, rawOverrides);
    return tf;
  }

  /** `value` with every token resolved in this stack, as cdktf's synth resolves it. */
  private resolved(value: unknown): unknown {
    return Tokenization.resolve(value, { scope: this, preparing: false, resolver: TOKEN_RESOLVER });
  }

  /** The provider for `region`; a stack asking for a region it was not given is a bug. */
  provider(region: string): AwsProvider {
    const provider = this.providersByRegion.get(region);
    if (!provider) throw new Error(`stack ${this.node.id} has no provider for ${region}`);
    return provider;
  }

  /** Regions this stack deploys into, default provider first. */
  get regions(): string[] {
    return [...this.providersByRegion.keys()];
  }
}

/** The Terraform elements of a stack in construct order, as cdktf collects them (stacks never nest here). */
function terraformElements(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}
