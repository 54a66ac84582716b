/**
 * SCP "DenyBedrockGovernanceTampering": keeps the baseline's controls from being
 * switched off inside a workload account. Only the deployment role (and break-glass)
 * may change guardrails, invocation logging and its log pipeline, account-level
 * guardrail enforcement, Macie membership, the baseline's alarms and their topics, the
 * deployment role or the exempt Bedrock service roles; and every guardrail carries the
 * mandatory tags, whoever creates it.
 */
import type { BaselineConfig } from '../../config/schema';
import { cloudWatchAlarmArn, roleInAnyAccount, s3BucketArn, snsTopicArn } from '../../naming/arns';
import { ALARM_NAME_PREFIX, INVOCATION_LOG_ROLE_PREFIX, localInvocationLogBucketName } from '../../naming/resources';
import { deny, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, unlessPrincipalIn } from '../principals';

/**
 * Changes that only the deployment role may make, grouped by what they would switch off
 * (the alarms name each group). The SCP denies them in one statement: they share its
 * resource and condition, and the SCP's 5,120 characters are better spent elsewhere.
 */
export const DEPLOYMENT_ROLE_ONLY_ACTIONS = {
  DenyGuardrailChanges: [
    'bedrock:CreateGuardrail',
    'bedrock:CreateGuardrailVersion',
    'bedrock:DeleteGuardrail',
    'bedrock:DeleteResourcePolicy',
    'bedrock:PutResourcePolicy',
    'bedrock:UpdateGuardrail',
  ],
  DenyInvocationLoggingChanges: ['bedrock:DeleteModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration'],
  DenyEnforcedGuardrailChanges: ['bedrock:DeleteEnforcedGuardrailConfiguration', 'bedrock:PutEnforcedGuardrailConfiguration'],
  DenyMacieDisablement: [
    'macie2:DeleteMember',
    'macie2:DisableMacie',
    'macie2:DisassociateFromAdministratorAccount',
    'macie2:DisassociateFromMasterAccount',
    'macie2:DisassociateMember',
    'macie2:UpdateMacieSession',
  ],
} as const;

/**
 * What would let someone take over the deployment role (and with it every exemption) or
 * a Bedrock service role exempt from the guardrail rule.
 */
export const PRIVILEGED_ROLE_PROTECTED_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
] as const;

/**
 * The landing and access-log buckets of a workload account's invocation logs, in any
 * region (`baseline-<account>-*`). Their bucket policies deny deletion and
 * reconfiguration to everyone but the deployment role; only the account's root user
 * could still replace such a policy, and SCPs bind root.
 */
export const INVOCATION_LOG_BUCKETS = s3BucketArn(localInvocationLogBucketName('${aws:PrincipalAccount}', '*'));
export const BUCKET_POLICY_ACTIONS = ['s3:DeleteBucketPolicy', 's3:PutBucketPolicy'] as const;

/**
 * The baseline's alarms and alarm topics (and their subscriptions) in workload accounts.
 * Alarms have no resource policy, so without this an account admin could delete, disable
 * or re-point them, or drop the security team's subscription, without a trace in the
 * alarms themselves.
 */
export const BASELINE_ALARM_RESOURCES = [cloudWatchAlarmArn('*', '*', `${ALARM_NAME_PREFIX}*`), snsTopicArn('*', '*', `${ALARM_NAME_PREFIX}*`)] as const;
export const ALARM_SILENCING_ACTIONS = [
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  // A mute rule names the alarms it mutes, so the alarm ARN is in the request.
  'cloudwatch:PutAlarmMuteRule',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:SetAlarmState',
  'sns:AddPermission',
  'sns:DeleteTopic',
  // A data-protection policy can deny the alarms' own publishes.
  'sns:PutDataProtectionPolicy',
  'sns:RemovePermission',
  'sns:SetSubscriptionAttributes',
  'sns:SetTopicAttributes',
  'sns:Unsubscribe',
] as const;

/** Sid-safe form of a tag key (Sids are alphanumeric). */
function sidPart(tagKey: string): string {
  return tagKey.replace(/[^A-Za-z0-9]/g, '');
}

function mandatoryTagStatements(config: BaselineConfig, breakGlass: readonly string[]): PolicyStatement[] {
  const entries = Object.entries(config.mandatoryTags);
  if (entries.length === 0) return [];
  const statements: PolicyStatement[] = entries.map(([key, allowed], index) =>
    deny(
      `DenyGuardrailWithoutTag${index}${sidPart(key)}`,
      'bedrock:CreateGuardrail',
      '*',
      allOf(
        // StringNotEquals is also true when the tag is missing.
        allowed.length > 0 ? { StringNotEquals: { [`aws:RequestTag/${key}`]: [...allowed] } } : { Null: { [`aws:RequestTag/${key}`]: 'true' } },
        unlessPrincipalIn(breakGlass),
      ),
    ),
  );
  entries.forEach(([key, allowed], index) => {
    if (allowed.length === 0) return;
    statements.push(
      deny(
        `DenyDisallowedTagValue${index}${sidPart(key)}`,
        'bedrock:TagResource',
        '*',
        allOf({ Null: { [`aws:RequestTag/${key}`]: 'false' } }, { StringNotEquals: { [`aws:RequestTag/${key}`]: [...allowed] } }, unlessPrincipalIn(breakGlass)),
      ),
    );
  });
  statements.push(
    deny(
      'DenyMandatoryTagRemoval',
      'bedrock:UntagResource',
      '*',
      allOf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': entries.map(([key]) => key) } }, unlessPrincipalIn(breakGlass)),
    ),
  );
  return statements;
}

export function denyBedrockGovernanceTampering(config: BaselineConfig): PolicyDocument {
  const { breakGlassRoleArns: breakGlass, deploymentRoleName } = config.governance;
  const exceptDeployer = unlessPrincipalIn([roleInAnyAccount(deploymentRoleName), ...breakGlass]);
  return policyDocument([
    deny('DenyBaselineControlChanges', Object.values(DEPLOYMENT_ROLE_ONLY_ACTIONS).flat(), '*', exceptDeployer),
    deny(
      'DenyPrivilegedRoleChanges',
      [...PRIVILEGED_ROLE_PROTECTED_ACTIONS],
      // The replication and log-delivery roles of the invocation-log pipeline are privileged too.
      [deploymentRoleName, ...config.governance.guardrailExemptions.bedrockServiceRoleNames, `${INVOCATION_LOG_ROLE_PREFIX}*`].map(roleInAnyAccount),
      exceptDeployer,
    ),
    deny('DenyInvocationLogBucketPolicyChanges', [...BUCKET_POLICY_ACTIONS], INVOCATION_LOG_BUCKETS, exceptDeployer),
    deny('DenyBaselineAlarmChanges', [...ALARM_SILENCING_ACTIONS], [...BASELINE_ALARM_RESOURCES], exceptDeployer),
    ...mandatoryTagStatements(config, breakGlass),
  ]);
}
