/**
 * SCP "DenyBedrockGovernanceTampering": keeps the baseline's controls from being
 * switched off inside a workload account. Only the deployment role (and break-glass)
 * may change guardrails and their tags, invocation logging and its log pipeline,
 * account-level guardrail enforcement, the data retention mode, Macie membership, the
 * baseline's alarms and their topics, the deployment role or the exempt Bedrock service
 * roles; the data retention mode can only be the configured one; and nobody makes or uses
 * long-term API keys of Bedrock, bedrock-mantle or Claude Platform.
 */
import type { BaselineConfig } from '../../config/schema';
import { cloudWatchAlarmArn, guardrailArn, roleInAnyAccount, s3BucketArn, snsTopicArn } from '../../naming/arns';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { ALARM_NAME_PREFIX, INVOCATION_LOG_ROLE_PREFIX, localInvocationLogBucketName } from '../../naming/resources';
import { deny, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, unlessPrincipalIn } from '../principals';
import { TAGGING_SERVICES } from './require-bedrock-resource-tags';

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
  // One mode lets the model provider keep prompts; bedrock-mantle sets the same account-wide mode.
  DenyDataRetentionChanges: ['bedrock-mantle:PutAccountDataRetention', 'bedrock:PutAccountDataRetention'],
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

/** Services that take API keys (bearer tokens): only short-term keys, derived from IAM credentials, are accepted. */
export const LONG_TERM_KEY_SERVICES = ['aws-external-anthropic', 'bedrock', 'bedrock-mantle'] as const;

/** Roles whose name carries privileges, so that only the deployment role may create, re-trust or change them: the deployment role, the exempt Bedrock service roles and the invocation-log pipeline's roles. */
export function privilegedRolePatterns(config: BaselineConfig): string[] {
  const { deploymentRoleName, guardrailExemptions } = config.governance;
  return [deploymentRoleName, ...guardrailExemptions.bedrockServiceRoleNames, `${INVOCATION_LOG_ROLE_PREFIX}*`].map(roleInAnyAccount);
}

/** Guardrails of workload accounts: their tags say whose, how sensitive and which environment, so only the deployment role sets them. */
export const GUARDRAIL_RESOURCES = guardrailArn('*', '*', '*');

/** Nobody but break-glass removes a mandatory tag from a Bedrock or AgentCore resource (RequireBedrockResourceTags keeps the values right). */
function mandatoryTagRemoval(config: BaselineConfig): PolicyStatement[] {
  const keys = Object.keys(config.mandatoryTags);
  if (keys.length === 0) return [];
  const condition = allOf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': keys } }, unlessPrincipalIn(config.governance.breakGlassRoleArns));
  return [deny('DenyMandatoryTagRemoval', TAGGING_SERVICES.map((service) => `${service}:UntagResource`), '*', condition)];
}

export function denyBedrockGovernanceTampering(config: BaselineConfig): PolicyDocument {
  const { breakGlassRoleArns: breakGlass, deploymentRoleName } = config.governance;
  const exceptDeployer = unlessPrincipalIn([roleInAnyAccount(deploymentRoleName), ...breakGlass]);
  const mode = config.governance.dataRetentionMode;
  return policyDocument([
    deny('DenyBaselineControlChanges', Object.values(DEPLOYMENT_ROLE_ONLY_ACTIONS).flat(), '*', exceptDeployer),
    deny('DenyBaselineGuardrailTagChanges', ['bedrock:TagResource', 'bedrock:UntagResource'], GUARDRAIL_RESOURCES, exceptDeployer),
    ...mandatoryTagRemoval(config),
    deny(
      'DenyOtherDataRetentionModes',
      [...DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyDataRetentionChanges],
      '*',
      // Each action carries only its own service's key, and a missing key makes StringNotEquals true: one statement serves both.
      allOf({ StringNotEquals: { 'bedrock:DataRetentionMode': mode, 'bedrock-mantle:DataRetentionMode': mode } }, unlessPrincipalIn(breakGlass)),
    ),
    deny(
      'DenyOtherProjectDataRetentionModes',
      ['bedrock-mantle:CreateProject', 'bedrock-mantle:UpdateProject'],
      '*',
      // A project may also inherit the account's mode; one without a mode inherits it.
      allOf({ Null: { 'bedrock-mantle:DataRetentionMode': 'false' } }, { StringNotEquals: { 'bedrock-mantle:DataRetentionMode': [mode, 'inherit'] } }, unlessPrincipalIn(breakGlass)),
    ),
    // Long-term API keys are static secrets whose use CloudTrail does not record: none are made, none are used.
    deny(
      'DenyLongTermBedrockApiKeyCreation',
      'iam:CreateServiceSpecificCredential',
      '*',
      allOf({ StringEquals: { 'iam:ServiceSpecificCredentialServiceName': SERVICE_PRINCIPALS.bedrock } }, unlessPrincipalIn(breakGlass)),
    ),
    deny(
      'DenyLongTermApiKeyUse',
      [...LONG_TERM_KEY_SERVICES].map((service) => `${service}:CallWithBearerToken`),
      '*',
      // Each action carries only its own service's key; a missing key makes StringNotEquals true,
      // so any call with a token that is not short-term is denied, whichever the service.
      allOf({ StringNotEquals: Object.fromEntries(LONG_TERM_KEY_SERVICES.map((service) => [`${service}:BearerTokenType`, 'SHORT_TERM'])) }, unlessPrincipalIn(breakGlass)),
    ),
    deny('DenyPrivilegedRoleChanges', [...PRIVILEGED_ROLE_PROTECTED_ACTIONS], privilegedRolePatterns(config), exceptDeployer),
    deny('DenyInvocationLogBucketPolicyChanges', [...BUCKET_POLICY_ACTIONS], INVOCATION_LOG_BUCKETS, exceptDeployer),
    deny('DenyBaselineAlarmChanges', [...ALARM_SILENCING_ACTIONS], [...BASELINE_ALARM_RESOURCES], exceptDeployer),
  ]);
}
