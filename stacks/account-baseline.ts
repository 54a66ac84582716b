/**
 * Stack `baseline-<accountId>`, one per workload account: what every account that
 * uses Bedrock gets in each of its regions, and Bedrock interface endpoints where its
 * config gives a network.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { metricAlarmThresholdsOf } from '../alarms/bedrock-metric-alarms';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { BedrockMetricAlarms } from '../constructs/bedrock-metric-alarms';
import { BedrockPrivateEndpoints } from '../constructs/bedrock-private-endpoints';
import { GuardedInvokeRole } from '../constructs/guarded-invoke-role';
import { GuardrailBaseline } from '../constructs/guardrail-baseline';
import { InvocationLogging, type InvocationLoggingProps } from '../constructs/invocation-logging';
import { accountGuardrailSpec, enforcementScope } from '../guardrails/spec';
import { centralKeyAliasArn, invocationLogGroupArn, s3BucketArn } from '../naming/arns';
import { centralInvocationLogBucketName, KEY_PURPOSES } from '../naming/resources';
import { ACCOUNT_OU_OUTPUT_NAME, accountBaselineStackName } from '../naming/stacks';
import { endpointPoliciesIn } from '../policies/bedrock-endpoints';
import {
  invocationLogLandingAccessLogBucketPolicy,
  invocationLogLandingBucketPolicy,
} from '../policies/buckets/invocation-log-landing-bucket-policies';
import { guardrailKeyPolicy } from '../policies/guardrail-key';
import { guardedInvokeInput } from '../policies/invoke-role';
import { invocationLogLandingKeyPolicy } from '../policies/keys/invocation-log-landing-key-policy';
import { invocationLogReplicationPermissions } from '../policies/roles/invocation-log-replication-role';
import { GovernanceStack } from './governance-stack';

/** The invocation-log pipeline of one account and region, from the config's logging settings. */
function invocationLoggingProps(config: BaselineConfig, accountId: string, region: string, provider: AwsProvider): InvocationLoggingProps {
  const { logging } = config;
  const logGroupArn = logging.cloudWatch.enabled ? invocationLogGroupArn(accountId, region) : undefined;
  return {
    accountId,
    region,
    provider,
    archive: {
      bucketArn: s3BucketArn(centralInvocationLogBucketName(config)),
      accountId: config.coreAccounts.logArchive,
      kmsKeyArn: centralKeyAliasArn(config, KEY_PURPOSES.invocationLogs),
    },
    policies: {
      key: invocationLogLandingKeyPolicy(config, { accountId, region, logGroupArn }),
      accessLogBucket: invocationLogLandingAccessLogBucketPolicy(config, accountId, region),
      landingBucket: invocationLogLandingBucketPolicy(config, accountId, region),
      replication: invocationLogReplicationPermissions(config, accountId, region),
    },
    delivery: logging.invocationLogging,
    landingExpirationDays: logging.landingExpirationDays,
    accessLogExpirationDays: logging.objectLockRetentionDays,
    ...(logGroupArn ? { cloudWatch: { logGroupArn, retentionDays: logging.cloudWatch.retentionDays } } : {}),
  };
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
      new InvocationLogging(this, `invocation-logging-${region}`, invocationLoggingProps(config, account.id, region, this.provider(region)));
      if (config.alarms.bedrockMetrics.enabled) {
        const { subscriptions, bedrockMetrics } = config.alarms;
        new BedrockMetricAlarms(this, `bedrock-metric-alarms-${region}`, {
          provider: this.provider(region),
          accountId: account.id,
          region,
          subscriptions,
          thresholds: metricAlarmThresholdsOf(bedrockMetrics, account.id),
          keyAdministrators: config.governance,
        });
      }
    }

    const enforcement = config.guardrails.accountEnforcement;
    const guardrails = this.regions.map(
      (region) =>
        new GuardrailBaseline(this, `guardrails-${region}`, {
          accountId: account.id,
          region,
          provider: this.provider(region),
          spec: accountGuardrailSpec(config, account, region),
          keyPolicy: guardrailKeyPolicy({ accountId: account.id, ...config.governance }, region),
          ...(enforcement.enabled ? { accountEnforcement: enforcementScope(config, enforcement) } : {}),
        }),
    );
    const guardrailArnIn = (region: string): string => {
      const guardrail = guardrails.find((candidate) => candidate.region === region);
      if (!guardrail) throw new Error(`no baseline guardrail for ${account.id} in ${region}`);
      return guardrail.guardrailArn;
    };
    const invoke = guardedInvokeInput(config, account, guardrailArnIn);
    new GuardedInvokeRole(this, 'guarded-invoke-role', { invoke, provider: this.provider(this.regions[0]!) });

    for (const [region, network] of Object.entries(account.network)) {
      const policies = endpointPoliciesIn(config, account, invoke, region);
      new BedrockPrivateEndpoints(this, `bedrock-endpoints-${region}`, { region, network, policies, provider: this.provider(region) });
    }
  }
}
