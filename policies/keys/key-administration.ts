/**
 * Who administers a baseline key. The key policy names its principals itself and never
 * delegates to the account's IAM policies (no `root` grant of kms:*), so an account admin
 * cannot grant themselves use of a log key. The deployment role manages the key but can
 * neither disable it nor schedule its deletion: either would make every log it protects
 * unreadable. Only break-glass can, and not even break-glass with a waiting period shorter
 * than the longest KMS allows.
 */
import { accountRootArn } from '../../naming/arns';
import type { PolicyStatement } from '../document';
import { breakGlassRolesIn, deploymentRoleIn, type BaselineAdministrators } from '../principals';

/** The longest waiting period KMS allows before a scheduled deletion: a mistaken or hostile one can be cancelled for 30 days. */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** What the deployment role needs to create, update and tag the key and its alias. */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/** What makes the logs under a key unreadable. */
export const KEY_DESTRUCTION_ACTIONS = ['kms:DisableKey', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion'] as const;

/** The roles that administer baseline keys, whichever account a key is in. */
export type KeyAdministratorRoles = BaselineAdministrators;

export interface KeyAdministrators extends KeyAdministratorRoles {
  /** Account that owns the key. */
  readonly accountId: string;
}

export function keyAdministrationStatements(admins: KeyAdministrators): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AllowKeyAdministrationByDeploymentRole',
      Effect: 'Allow',
      // Named directly: the role exists (it is applying this policy), and KMS accepts the
      // new policy only if this caller can still change it afterwards.
      Principal: { AWS: deploymentRoleIn(admins.accountId, admins.deploymentRoleName) },
      Action: [...KEY_ADMINISTRATION_ACTIONS],
      Resource: '*',
    },
  ];
  const breakGlass = breakGlassRolesIn(admins.accountId, admins.breakGlassRoleArns);
  if (breakGlass.length > 0) {
    statements.push({
      Sid: 'AllowKeyAdministrationByBreakGlass',
      Effect: 'Allow',
      // Matched by condition: a role the policy names must exist when KMS accepts the policy.
      Principal: { AWS: accountRootArn(admins.accountId) },
      Action: [...KEY_ADMINISTRATION_ACTIONS, ...KEY_DESTRUCTION_ACTIONS],
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': breakGlass } },
    });
  }
  statements.push({
    Sid: 'DenyShortDeletionWindow',
    Effect: 'Deny',
    // Everyone, break-glass and the account's root user included.
    Principal: '*',
    Action: 'kms:ScheduleKeyDeletion',
    Resource: '*',
    Condition: { NumericLessThan: { 'kms:ScheduleKeyDeletionPendingWindowInDays': String(KEY_DELETION_WINDOW_DAYS) } },
  });
  return statements;
}
