/**
 * Key policy of the KMS key that encrypts an account's baseline guardrails in one region.
 * Administered like every baseline key (policies/keys/key-administration.ts); used only
 * through Bedrock, by principals of the account: with account-level enforcement every
 * caller of the account applies the guardrail, so none may need a grant of its own for
 * the key, and none may use it for anything else.
 */
import { serviceEndpoint } from '../naming/service-principals';
import { policyDocument, type PolicyDocument } from './document';
import { keyAdministrationStatements, type KeyAdministrators } from './keys/key-administration';

/** What Bedrock does with the key on behalf of a caller that creates, reads or applies a guardrail. */
export const GUARDRAIL_KEY_USE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'] as const;

export function guardrailKeyPolicy(admins: KeyAdministrators, region: string): PolicyDocument {
  const throughBedrockByThisAccount = { 'aws:PrincipalAccount': admins.accountId, 'kms:ViaService': serviceEndpoint('bedrock', region) };
  return policyDocument([
    ...keyAdministrationStatements(admins),
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
