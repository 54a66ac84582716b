/**
 * What every stack of the baseline shares: its own S3 state key with a lock file, one AWS
 * provider per region that assumes the deployment role in the one account the stack
 * governs (and refuses to run against any other account) and tags every resource with
 * the account's mandatory tags, a synth-time check of those tags, and (with
 * `governance.breakGlassTrust`) the account's break-glass roles.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { stackTags } from '../config/tags';
import type { ProviderRequirementRecorder } from '../constructs/bedrock-unbound-resources';
import { BreakGlassRoles } from '../constructs/break-glass-roles';
import { MandatoryTagsAspect } from '../constructs/mandatory-tags-check';
import { breakGlassRolesIn, deploymentRoleIn } from '../policies/principals';
import { breakGlassTrustPolicy } from '../policies/roles/break-glass-role';
import { AWS_PROVIDER_SOURCE, awsProviderConstraint } from '../toolchain/provider-requirements';

export interface GovernanceStackProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** Regions the stack deploys into; the first is the default provider. */
  readonly regions: readonly string[];
}

export abstract class GovernanceStack extends TerraformStack implements ProviderRequirementRecorder {
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** The validated config. */
  readonly config: BaselineConfig;
  private readonly providersByRegion = new Map<string, AwsProvider>();
  /** Resource types of the stack that need a newer provider release than the floor. */
  private readonly optInResourceTypes = new Set<string>();

  protected constructor(scope: Construct, name: string, props: GovernanceStackProps) {
    super(scope, name);
    this.accountId = props.accountId;
    this.config = props.config;

    const state = props.config.terraformState;
    const backend = new S3Backend(this, {
      bucket: state.bucket,
      key: `${state.keyPrefix}/${name}.tfstate`,
      region: state.region,
      encrypt: true,
    });
    // S3-native locking (terraform >= 1.10); the binding predates the argument.
    backend.addOverride('use_lockfile', true);

    // The source is written out: the cdktf binding would write the legacy `aws`, the cdktn
    // one `hashicorp/aws` (the same provider), and both flavours must synthesize the same bytes.
    this.setAwsProviderRequirement();

    const tags = stackTags(props.config, props.accountId);
    props.regions.forEach((region, index) => {
      this.providersByRegion.set(
        region,
        new AwsProvider(this, `aws-${region}`, {
          region,
          alias: index === 0 ? undefined : region,
          allowedAccountIds: [props.accountId],
          assumeRole: [{ roleArn: deploymentRoleIn(props.accountId, props.config.governance.deploymentRoleName), sessionName: 'bedrock-governance-baseline' }],
          ...(Object.keys(tags).length > 0 ? { defaultTags: [{ tags }] } : {}),
        }),
      );
    });
    Aspects.of(this).add(new MandatoryTagsAspect(props.config.mandatoryTags));

    const { breakGlassTrust, breakGlassRoleArns } = props.config.governance;
    const breakGlass = breakGlassRolesIn(props.accountId, breakGlassRoleArns);
    if (breakGlassTrust && breakGlass.length > 0) {
      new BreakGlassRoles(this, 'break-glass-roles', { roleArns: breakGlass, trustPolicy: breakGlassTrustPolicy(breakGlassTrust), provider: this.provider(props.regions[0]!) });
    }
  }

  /**
   * cdktf's preparing pass resolves every element of the stack once more, only to find
   * references to other stacks and add outputs for them. Baseline stacks never reference
   * each other (names come from naming/), so the pass is skipped: about a quarter of
   * synth time for a large organization. test/stacks/prepare-stack.test.ts proves the
   * output is byte-identical to cdktf's own pass, and fails if a cross-stack reference
   * ever appears.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  /** Records that the stack emits `resourceType`, an opt-in resource newer than the provider floor (toolchain/provider-requirements.ts). */
  requireAwsResourceType(resourceType: string): void {
    this.optInResourceTypes.add(resourceType);
    this.setAwsProviderRequirement();
  }

  private setAwsProviderRequirement(): void {
    this.addOverride('terraform.required_providers.aws', { source: AWS_PROVIDER_SOURCE, version: awsProviderConstraint(this.optInResourceTypes) });
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
