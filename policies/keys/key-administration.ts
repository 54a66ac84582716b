/**
 * Who administers a baseline key. The key policy names its principals itself and never
 * delegates to the account's IAM policies (no `root` grant of kms:*), so an account admin
 * cannot grant themselves use of a log key. The deployment role manages the key but can
 * neither disable it nor schedule its deletion: either would make every log it protects
 * unreadable. Only break-glass can.
 */
import { accountRootArn } from '../../naming/arns';
import type { PolicyStatement } from '../document';
import { deploymentRoleIn } from '../principals';

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
export interface KeyAdministratorRoles {
  /** Name of the deployment role (the same in every account). */
  readonly deploymentRoleName: string;
  /** Break-glass role ARN patterns (any account: `*`). */
  readonly breakGlassRoleArns: readonly string[];
}

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
  if (admins.breakGlassRoleArns.length > 0) {
    statements.push({
      Sid: 'AllowKeyAdministrationByBreakGlass',
      Effect: 'Allow',
      // Break-glass entries are ARN patterns, so they match by condition on the account principal.
      Principal: { AWS: accountRootArn(admins.accountId) },
      Action: [...KEY_ADMINISTRATION_ACTIONS, ...KEY_DESTRUCTION_ACTIONS],
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': [...admins.breakGlassRoleArns] } },
    });
  }
  return statements;
}
