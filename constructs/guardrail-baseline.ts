/**
 * The guardrail of a workload account in one region: a customer managed key (the
 * baseline's GovernanceKey: rotated, 30-day deletion window, never destroyed), the
 * guardrail of the account's catalog profile with its published version, the account-level
 * enforcement of that version (when the config switches it on), and the ARN and version
 * applications pin, as stack outputs.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { accountGuardrailSpec } from '../guardrails/spec';
import { guardrailKeyPolicy } from '../policies/guardrail-key';
import { BedrockEnforcedGuardrailConfiguration } from './bedrock-unbound-resources';
import { GovernanceKey } from './governance-key';
import { PublishedGuardrail } from './published-guardrail';

export interface GuardrailBaselineProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The workload account. */
  readonly account: WorkloadAccount;
  /** One of the account's regions. */
  readonly region: string;
  /** The stack's provider for that region. */
  readonly provider: AwsProvider;
}

export class GuardrailBaseline extends Construct {
  /** Region of the guardrail. */
  readonly region: string;
  /** The guardrail and its published version. */
  readonly published: PublishedGuardrail;
  /** ARN of the guardrail, without a version. */
  readonly guardrailArn: string;

  constructor(scope: Construct, id: string, props: GuardrailBaselineProps) {
    super(scope, id);
    const { config, account, region, provider } = props;
    this.region = region;
    const spec = accountGuardrailSpec(config, account, region);

    const key = new GovernanceKey(this, 'key', {
      purpose: 'guardrails',
      description: `Encrypts the Bedrock baseline guardrails of account ${account.id} in ${region}`,
      policy: guardrailKeyPolicy({ accountId: account.id, ...config.governance }, region),
      provider,
    });

    this.published = new PublishedGuardrail(this, 'baseline', { spec, kmsKeyArn: key.arn, provider });
    this.guardrailArn = this.published.guardrail.guardrailArn;
    const version = this.published.version.version;

    const enforcement = config.guardrails.accountEnforcement;
    if (enforcement.enabled) {
      new BedrockEnforcedGuardrailConfiguration(this, 'account-enforcement', {
        guardrailIdentifier: this.guardrailArn,
        guardrailVersion: version,
        scope: enforcement,
        provider,
      });
    }

    const suffix = region.replace(/-/g, '_');
    new TerraformOutput(this, 'guardrail-arn', {
      value: this.guardrailArn,
      description: `ARN of the baseline guardrail in ${region}`,
    }).overrideLogicalId(`guardrail_arn_${suffix}`);
    new TerraformOutput(this, 'guardrail-version', {
      value: version,
      description: `Published version of the baseline guardrail in ${region} that applications pin`,
    }).overrideLogicalId(`guardrail_version_${suffix}`);
  }
}

/** ARN of the baseline guardrail of `region` among `guardrails`; a region without one is a bug. */
export function guardrailArnIn(guardrails: readonly GuardrailBaseline[], region: string): string {
  const guardrail = guardrails.find((candidate) => candidate.region === region);
  if (!guardrail) throw new Error(`no baseline guardrail in ${region}`);
  return guardrail.guardrailArn;
}
