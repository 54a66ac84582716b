/**
 * SCP "DenyBaselineSafeguardTampering": what every other control of the baseline relies on,
 * attached to every governed OU and directly to the core accounts (and to any other account
 * that holds a principal the baseline trusts by an explicit account id).
 *
 * - The roles baseline policies trust or exempt by name (policies/trusted-principals.ts): only
 *   the deployment role creates, deletes, re-trusts, re-permissions (inline, managed,
 *   boundary), re-tags or passes them. A role's path is fixed when it is created, so
 *   protecting its ARN protects its path; break-glass roles live on a reserved path nobody
 *   else may create roles on. Bedrock service roles may also be passed to Bedrock.
 * - The baseline's KMS keys (every alias under `alias/bedrock-gov/`): only break-glass disables
 *   them, stops their rotation, schedules their deletion or grants on them (grants AWS services
 *   make for their own use stay possible); only the deployment role changes their policies and
 *   aliases. The key policies deny the same to everyone else on their own.
 * - The baseline's alarms and topics (`bedrock-gov-*`): nobody else deletes, disables, mutes or
 *   re-points them, or drops a subscription.
 * - Macie, GuardDuty and Security Hub: nobody else disables them, leaves their administrator,
 *   removes members or suppresses what they find.
 * - No principal of an account assumes that account's deployment role: the pipeline does, from
 *   another account, whatever the role's trust policy says about the account itself.
 * - Nobody leaves the organization, which would leave every SCP behind.
 */
import type { BaselineConfig } from '../../config/schema';
import { cloudWatchAlarmArn, roleInAnyAccount, snsTopicArn } from '../../naming/arns';
import { ALARM_NAME_PREFIX, KMS_ALIAS_PREFIX } from '../../naming/resources';
import { deny, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { KEY_DESTRUCTION_ACTIONS } from '../keys/key-administration';
import { allOf, unlessDeploymentRoleOrBreakGlass, unlessPrincipalIn } from '../principals';
import { protectedRolePatterns, trustedPrincipals } from '../trusted-principals';

/**
 * Every IAM action that creates, deletes, re-trusts, re-permissions or re-tags a role.
 * `UpdateRoleDescription` is left out: a description grants nothing. A role's path cannot be
 * changed after it is created. Adding a role to an instance profile needs `iam:PassRole`.
 */
export const TRUSTED_ROLE_CHANGE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
] as const;

/** Keys the baseline created: each carries an alias under `alias/bedrock-gov/`. */
const BASELINE_KEYS = { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': `${KMS_ALIAS_PREFIX}*` } } as const;

/** What re-points or re-policies a baseline key: the deployment role (and break-glass) only. */
export const KEY_POLICY_ACTIONS = ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:PutKeyPolicy', 'kms:UpdateAlias'] as const;

/**
 * The baseline's alarms and topics (and their subscriptions): workload accounts' guardrail
 * alarms, the audit account's Macie findings topic. Alarms have no resource policy, so
 * without this an account admin could delete, disable or re-point them, or drop the security
 * team's subscription, without a trace in the alarms themselves.
 */
export const BASELINE_ALARM_RESOURCES = [
  cloudWatchAlarmArn('*', '*', `${ALARM_NAME_PREFIX}*`),
  snsTopicArn('*', '*', `${ALARM_NAME_PREFIX}*`),
] as const;
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

/**
 * What switches off or blinds a detector the baseline runs organization-wide, from a member
 * account or from the delegated administrator (audit). `Disable*` and `Disassociate*` also
 * cover what AWS adds under those names. Findings filters and trusted IP or entity lists
 * suppress findings; GuardDuty filters can archive them automatically. Triage of single
 * findings (Security Hub's `BatchUpdateFindings`) stays open.
 */
export const DETECTOR_DISABLING_ACTIONS = [
  'guardduty:CreateFilter',
  'guardduty:CreateIPSet',
  'guardduty:CreateTrustedEntitySet',
  'guardduty:DeleteDetector',
  'guardduty:DeleteMembers',
  'guardduty:DeletePublishingDestination',
  'guardduty:Disable*',
  'guardduty:Disassociate*',
  'guardduty:StopMonitoringMembers',
  'guardduty:UpdateDetector',
  'guardduty:UpdateFilter',
  'guardduty:UpdateIPSet',
  'guardduty:UpdateMemberDetectors',
  'guardduty:UpdateOrganizationConfiguration',
  'guardduty:UpdateTrustedEntitySet',
  'macie2:DeleteMember',
  'macie2:Disable*',
  'macie2:Disassociate*',
  'macie2:UpdateMacieSession',
  'macie2:UpdateMemberSession',
  'securityhub:BatchDisableStandards',
  'securityhub:DeleteMembers',
  'securityhub:Disable*',
  'securityhub:Disassociate*',
  'securityhub:UpdateOrganizationConfiguration',
  'securityhub:UpdateSecurityHubConfiguration',
  'securityhub:UpdateStandardsControl',
] as const;

function trustedRoleStatements(config: BaselineConfig): PolicyStatement[] {
  const { notPassable, passableTo } = protectedRolePatterns(trustedPrincipals(config));
  const exceptDeployer = unlessDeploymentRoleOrBreakGlass(config.governance);
  const passable = [...passableTo.values()].flat();
  const statements = [deny('DenyTrustedRoleChanges', [...TRUSTED_ROLE_CHANGE_ACTIONS, 'iam:PassRole'], notPassable, exceptDeployer)];
  if (passable.length > 0) statements.push(deny('DenyTrustedServiceRoleChanges', [...TRUSTED_ROLE_CHANGE_ACTIONS], passable, exceptDeployer));
  for (const [service, patterns] of passableTo) {
    if (patterns.length === 0) continue;
    statements.push(
      deny(
        'DenyTrustedServiceRolePassingElsewhere',
        'iam:PassRole',
        patterns,
        allOf({ StringNotEquals: { 'iam:PassedToService': service } }, exceptDeployer),
      ),
    );
  }
  return statements;
}

export function denyBaselineSafeguardTampering(config: BaselineConfig): PolicyDocument {
  const breakGlass = config.governance.breakGlassRoleArns;
  const exceptDeployer = unlessDeploymentRoleOrBreakGlass(config.governance);
  return policyDocument([
    ...trustedRoleStatements(config),
    deny(
      'DenyBaselineKeyDestruction',
      // What makes a baseline key unusable, or lends it out.
      ['kms:CreateGrant', ...KEY_DESTRUCTION_ACTIONS],
      '*',
      // A missing key makes BoolIfExists true: only grants AWS services request for their own use escape.
      allOf(BASELINE_KEYS, { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } }, unlessPrincipalIn(breakGlass)),
    ),
    deny('DenyBaselineKeyPolicyChanges', [...KEY_POLICY_ACTIONS], '*', allOf(BASELINE_KEYS, exceptDeployer)),
    deny('DenyBaselineAlarmChanges', [...ALARM_SILENCING_ACTIONS], [...BASELINE_ALARM_RESOURCES], exceptDeployer),
    deny('DenyDetectorDisablement', [...DETECTOR_DISABLING_ACTIONS], '*', exceptDeployer),
    deny(
      'DenyDeploymentRoleAssumptionInItsAccount',
      'sts:AssumeRole',
      roleInAnyAccount(config.governance.deploymentRoleName),
      // The pipeline assumes it from another account: should a trust policy also admit the
      // account itself, no principal of the account may use that.
      allOf({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } }, unlessPrincipalIn(breakGlass)),
    ),
    deny('DenyLeavingTheOrganization', 'organizations:LeaveOrganization', '*', unlessPrincipalIn(breakGlass)),
  ]);
}
