/**
 * Stack `baseline-<accountId>`, one per workload account: what every account that
 * uses Bedrock gets in each of its regions.
 */
import type { Construct } from 'constructs';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { GovernanceStack } from '../constructs/governance-stack';
import { GuardedInvokeRole } from '../constructs/guarded-invoke-role';
import { GuardrailBaseline } from '../constructs/guardrail-baseline';

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

    const guardrails = this.regions.map((region) => new GuardrailBaseline(this, `guardrails-${region}`, { config, account, region, provider: this.provider(region) }));
    new GuardedInvokeRole(this, 'guarded-invoke-role', { config, account, guardrails, provider: this.provider(this.regions[0]!) });
  }
}
