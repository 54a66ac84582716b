/**
 * Stack `baseline-<accountId>`, one per workload account: what every account that
 * uses Bedrock gets in each of its regions.
 */
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { metricAlarmThresholdsOf } from '../alarms/bedrock-metric-alarms';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { BedrockMetricAlarms } from '../constructs/bedrock-metric-alarms';
import { BedrockPrivateEndpoints } from '../constructs/bedrock-private-endpoints';
import { GovernanceStack } from '../constructs/governance-stack';
import { GuardedInvokeRole } from '../constructs/guarded-invoke-role';
import { GuardrailBaseline, guardrailArnIn } from '../constructs/guardrail-baseline';
import { ACCOUNT_OU_OUTPUT_NAME } from '../constructs/naming';
import { InvocationLogging } from '../constructs/invocation-logging';
import { endpointServicesOf } from '../network/endpoints';
import { bedrockEndpointPolicy } from '../policies/bedrock-endpoints';
import { guardedInvokeInput } from '../policies/invoke-role';

/** CLI name of the baseline stack of one workload account. */
export function accountBaselineStackName(accountId: string): string {
  return `baseline-${accountId}`;
}

export class AccountBaselineStack extends GovernanceStack {
  /** The workload account this stack governs. */
  readonly account: WorkloadAccount;

  constructor(scope: Construct, config: BaselineConfig, account: WorkloadAccount) {
    super(scope, accountBaselineStackName(account.id), { config, accountId: account.id, regions: account.regions });
    this.account = account;

    // The account's OU is in no resource of this stack; reviewers need it to know which SCPs apply.
    new TerraformOutput(this, ACCOUNT_OU_OUTPUT_NAME, { value: account.ou, description: 'OU whose service control policies govern this account' });
    for (const region of this.regions) {
      new InvocationLogging(this, `invocation-logging-${region}`, { config, accountId: account.id, region, provider: this.provider(region) });
      if (config.alarms.bedrockMetrics.enabled) {
        const { subscriptions, bedrockMetrics } = config.alarms;
        new BedrockMetricAlarms(this, `bedrock-metric-alarms-${region}`, { provider: this.provider(region), accountId: account.id, region, subscriptions, thresholds: metricAlarmThresholdsOf(bedrockMetrics, account.id), keyAdministrators: config.governance });
      }
    }

    const guardrails = this.regions.map((region) => new GuardrailBaseline(this, `guardrails-${region}`, { config, account, region, provider: this.provider(region) }));
    new GuardedInvokeRole(this, 'guarded-invoke-role', { config, account, guardrails, provider: this.provider(this.regions[0]!) });

    const invoke = guardedInvokeInput(config, account, (region) => guardrailArnIn(guardrails, region));
    for (const [region, network] of Object.entries(account.network)) {
      const policies = new Map(endpointServicesOf(network.additionalServices).map((service) => [service, bedrockEndpointPolicy(service, { invoke, region })]));
      new BedrockPrivateEndpoints(this, `bedrock-endpoints-${region}`, { region, network, policies, provider: this.provider(region) });
    }
  }
}
