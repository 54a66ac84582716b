/**
 * Key policy of the KMS key that encrypts an account's baseline guardrails in one region.
 * Administration is left to the account's IAM policies (the deployment role); the key
 * can only be used through Bedrock, by principals of the account: with account-level
 * enforcement every caller of the account applies the guardrail, so none may need an IAM
 * grant for the key, and none may use it for anything else.
 */
import { policyDocument, type PolicyDocument } from './document';

/** Management of the key, never use of it. */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/** What Bedrock does with the key on behalf of a caller that creates, reads or applies a guardrail. */
export const GUARDRAIL_KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'] as const;

export function guardrailKeyPolicy(accountId: string, region: string): PolicyDocument {
  const throughBedrockByThisAccount = { 'aws:PrincipalAccount': accountId, 'kms:ViaService': `bedrock.${region}.amazonaws.com` };
  return policyDocument([
    {
      Sid: 'AdministerThroughIamPoliciesOfThisAccount',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: [...KEY_ADMINISTRATION_ACTIONS],
      Resource: '*',
    },
    {
      Sid: 'UseThroughBedrockByThisAccount',
      Effect: 'Allow',
      // Any principal of this account (aws:PrincipalAccount), only through Bedrock in this region.
      Principal: { AWS: '*' },
      Action: [...GUARDRAIL_KEY_USE_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: throughBedrockByThisAccount },
    },
    {
      Sid: 'GrantsForBedrockByThisAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { StringEquals: throughBedrockByThisAccount, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ]);
}
