/**
 * What every stack of the baseline shares: its own S3 state key with a lock file, and
 * one AWS provider per region that assumes the deployment role in the one account the
 * stack governs (and refuses to run against any other account).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { deploymentRoleIn } from '../policies/principals';

export interface GovernanceStackProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The account every resource of the stack lives in. */
  readonly accountId: string;
  /** Regions the stack deploys into; the first is the default provider. */
  readonly regions: readonly string[];
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

    const state = props.config.terraformState;
    const backend = new S3Backend(this, {
      bucket: state.bucket,
      key: `${state.keyPrefix}/${name}.tfstate`,
      region: state.region,
      encrypt: true,
    });
    // S3-native locking (terraform >= 1.10); the binding predates the argument.
    backend.addOverride('use_lockfile', true);

    props.regions.forEach((region, index) => {
      this.providersByRegion.set(
        region,
        new AwsProvider(this, `aws-${region}`, {
          region,
          alias: index === 0 ? undefined : region,
          allowedAccountIds: [props.accountId],
          assumeRole: [{ roleArn: deploymentRoleArn(props.config, props.accountId), sessionName: 'bedrock-governance-baseline' }],
        }),
      );
    });
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
