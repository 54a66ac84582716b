/**
 * Checks of what a config yields, as opposed to how its fields relate (config/validate.ts):
 * the policies, filter patterns and costs built from a structurally valid, consistent
 * config must fit the limits AWS or the config itself sets. Synth runs this one list, and
 * every command that edits the config runs it before it writes, so an edit can never
 * produce a file that synth rejects. The loader runs them only once the cross-field rules
 * pass, on the canonical config.
 */
import { cloudTrailAlarmDefinitions, cloudTrailAlarmInputs, oversizedPatternProblems, PATTERN_GROWN_BY } from '../alarms/bedrock-cloudtrail-alarms';
import type { ConfigCheck } from '../config/load';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import type { ConfigIssue } from '../config/validate';
import { estimateDetectionMonthlyCost } from '../detection/cost';
import { detectionCostInputs } from '../detection/scope';
import { estimateMacieMonthlyCost } from '../macie/cost';
import { organizationGuardrailIdentifierProblems } from '../policies/bedrock-policy';
import { minify } from '../policies/document';
import { endpointPoliciesIn, ENDPOINT_POLICY_LIMIT } from '../policies/bedrock-endpoints';
import { invokeInputForSizing, invokePolicySize, ROLE_INLINE_POLICY_LIMIT } from '../policies/invoke-role';
import { baselineServiceControlPolicies, SCPS_PER_TARGET_QUOTA, scpsPerTarget } from '../policies/scp';

/** What every SCP grows with. */
const DEFAULT_OVERSIZE_ADVICE = "shorten mandatoryTags, governance.breakGlassRoleArns or the OU's regions and models";

/** SCPs Organizations would reject as too long, and targets that would carry more baseline SCPs than the budget. */
export function scpBudgetIssues(config: BaselineConfig): ConfigIssue[] {
  const { scpSizeLimit: limit, scpsPerTarget: budget } = config.governance;
  const policies = baselineServiceControlPolicies(config);
  const sizeIssues = policies.flatMap((scp) => {
    const size = minify(scp.document).length;
    if (size <= limit) return [];
    return [
      {
        path: ['governance', 'scpSizeLimit'],
        message: `SCP ${scp.name} would be ${size} characters, over the limit of ${limit}: ${scp.oversizeAdvice ?? DEFAULT_OVERSIZE_ADVICE}, or raise the limit if your organization accepts 10240`,
      },
    ];
  });
  const countIssues = [...scpsPerTarget(policies)].flatMap(([target, count]) =>
    count <= budget
      ? []
      : [
          {
            path: ['governance', 'scpsPerTarget'],
            message: `${target} would carry ${count} baseline SCPs, over the budget of ${budget}: raise it if your organization allows ${SCPS_PER_TARGET_QUOTA} per target`,
          },
        ],
  );
  return [...sizeIssues, ...countIssues];
}

/**
 * `measure` of an account, taken once per shape: what the size checks measure depends on an
 * account's shape only (account ids are always 12 digits), and thousands of accounts have
 * few shapes.
 */
function measuredOncePerShape<T>(
  shapeOf: (account: WorkloadAccount) => unknown,
  measure: (account: WorkloadAccount) => T,
): (account: WorkloadAccount) => T {
  const byShape = new Map<string, T>();
  return (account) => {
    const shape = JSON.stringify(shapeOf(account));
    if (!byShape.has(shape)) byShape.set(shape, measure(account));
    return byShape.get(shape)!;
  };
}

/** Accounts whose invoke role policy IAM would reject as too long. */
export function invokePolicyBudgetIssues(config: BaselineConfig): ConfigIssue[] {
  // The size depends on the account's regions and models only.
  const sizeOf = measuredOncePerShape(
    (account) => [account.regions, account.allowedModels],
    (account) => invokePolicySize(config, account),
  );
  return config.workloadAccounts.flatMap((account) => {
    const size = sizeOf(account);
    if (size <= ROLE_INLINE_POLICY_LIMIT) return [];
    return [
      {
        path: ['workloadAccounts'],
        message: `account ${account.id} (${account.name}): its invoke role policy would be ${size} characters, over IAM's ${ROLE_INLINE_POLICY_LIMIT} per role; allow fewer models or regions`,
      },
    ];
  });
}

/**
 * Endpoint policies AWS would reject as too long. The invoke budget does not bound them: they
 * also admit every model the OU approves that takes no guardrail, with its profiles. With
 * today's policies the OU perimeter SCPs, which carve the same models out, pass their own
 * limit first; this keeps the endpoint limit from being crossed unseen should that change.
 */
export function endpointPolicyBudgetIssues(config: BaselineConfig): ConfigIssue[] {
  const oversizedOf = measuredOncePerShape(
    (account) => [
      account.ou,
      account.regions,
      account.allowedModels,
      Object.entries(account.network).map(([region, entry]) => [region, entry.additionalServices]),
    ],
    (account) => {
      const invoke = invokeInputForSizing(config, account);
      return Object.keys(account.network).flatMap((region) =>
        [...endpointPoliciesIn(config, account, invoke, region)]
          .map(([service, policy]) => ({ region, service, size: minify(policy).length }))
          .filter(({ size }) => size > ENDPOINT_POLICY_LIMIT),
      );
    },
  );
  return config.workloadAccounts.flatMap((account, index) =>
    oversizedOf(account).map(({ region, service, size }) => ({
      path: ['workloadAccounts', index, 'network', region],
      message: `account ${account.id} (${account.name}): its ${service} endpoint policy would be ${size} characters, over the ${ENDPOINT_POLICY_LIMIT} an endpoint policy may have; approve fewer models for its OU (guardrails.modelsWithoutGuardrail included) or allow the account fewer`,
    })),
  );
}

/** Organization guardrail versions the config names that BEDROCK_POLICY cannot enforce in their region. */
export function organizationGuardrailIdentifierIssues(config: BaselineConfig): ConfigIssue[] {
  const identifiers = config.governance.orgGuardrail?.identifiers ?? {};
  return Object.entries(identifiers).flatMap(([region, identifier]) =>
    organizationGuardrailIdentifierProblems(identifier, region, config.organization.managementAccountId).map((message) => ({
      path: ['governance', 'orgGuardrail', 'identifiers', region],
      message,
    })),
  );
}

/** Organization-trail alarm patterns CloudWatch would refuse as too long (they grow with the break-glass and other trusted roles). */
export function alarmPatternSizeIssues(config: BaselineConfig): ConfigIssue[] {
  if (!config.alarms.organizationTrail.enabled) return [];
  return cloudTrailAlarmDefinitions(cloudTrailAlarmInputs(config)).flatMap((definition) =>
    oversizedPatternProblems([definition]).map((problem) => ({
      path: [...(PATTERN_GROWN_BY[definition.id]?.configPath ?? ['governance'])],
      message: `${problem} (alarms.organizationTrail)`,
    })),
  );
}

/** Macie's estimated monthly cost above the ceiling the config sets. */
export function macieCostIssues(config: BaselineConfig): ConfigIssue[] {
  const { macie } = config;
  const estimate = estimateMacieMonthlyCost({
    uncompressedGbPerDay: macie.costEstimate.uncompressedGbPerDay,
    samplingPercentage: macie.classification.samplingPercentage,
    schedule: macie.classification.schedule.frequency,
    monitoredBuckets: macie.costEstimate.monitoredBuckets,
  });
  if (estimate.totalUsdPerMonth <= macie.costEstimate.monthlyLimitUsd) return [];
  return [
    {
      path: ['macie', 'classification', 'samplingPercentage'],
      message:
        `${macie.classification.samplingPercentage}% of ${macie.costEstimate.uncompressedGbPerDay} GB/day is an estimated $${estimate.totalUsdPerMonth.toFixed(2)} a month, ` +
        `above macie.costEstimate.monthlyLimitUsd ($${macie.costEstimate.monthlyLimitUsd}); lower the sampling or raise the limit on purpose`,
    },
  ];
}

/** GuardDuty's and Security Hub's estimated monthly cost per account above the ceiling the config sets. */
export function detectionCostIssues(config: BaselineConfig): ConfigIssue[] {
  const { costEstimate } = config.detection;
  const inputs = detectionCostInputs(config);
  const estimate = estimateDetectionMonthlyCost(inputs);
  const perAccount = estimate.totalUsd / inputs.accounts;
  if (perAccount <= costEstimate.monthlyLimitUsdPerAccount) return [];
  return [
    {
      path: ['detection', 'costEstimate', 'monthlyLimitUsdPerAccount'],
      message:
        `GuardDuty and Security Hub are an estimated $${perAccount.toFixed(2)} per account a month ($${estimate.totalUsd.toFixed(2)} for ${inputs.accounts} accounts: ` +
        `GuardDuty $${(estimate.guardDutyFoundationalUsd + estimate.aiProtectionUsd).toFixed(2)}, Security Hub $${estimate.securityHubUsd.toFixed(2)}), ` +
        `above $${costEstimate.monthlyLimitUsdPerAccount}; raise the limit on purpose or check the volumes in detection.costEstimate (docs/detection.md)`,
    },
  ];
}

/** Every check of what a config yields, in the order their problems are reported. */
export const SYNTH_CONFIG_CHECKS: readonly ConfigCheck[] = [
  organizationGuardrailIdentifierIssues,
  macieCostIssues,
  detectionCostIssues,
  alarmPatternSizeIssues,
  scpBudgetIssues,
  invokePolicyBudgetIssues,
  endpointPolicyBudgetIssues,
];
