/**
 * Key policy of the customer managed key that encrypts the Macie findings topic.
 * Administration is limited to the deployment role and the break-glass roles of the
 * key's account (no blanket delegation to the account's IAM policies); the only use of
 * the key is EventBridge encrypting the findings rule's messages for that one topic.
 * In a key policy `Resource: "*"` means this key.
 */
import { policyDocument, type PolicyDocument } from '../document';

/** What Terraform needs to create, read, update and retire the key and its alias; no cryptographic use. */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

export interface MacieFindingsKeyPolicyProps {
  /** Account that owns the key, the topic and the rule. */
  readonly accountId: string;
  /** `aws:PrincipalArn` patterns that may administer the key (within accountId). */
  readonly administratorArnPatterns: readonly string[];
  /** ARN of the topic the key encrypts. */
  readonly topicArn: string;
  /** ARN of the EventBridge rule that publishes to the topic. */
  readonly ruleArn: string;
}

export function macieFindingsKeyPolicy(props: MacieFindingsKeyPolicyProps): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AdministerKeyByDeploymentAndBreakGlassRoles',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
      Action: [...KEY_ADMINISTRATION_ACTIONS],
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': [...props.administratorArnPatterns] } },
    },
    {
      Sid: 'EncryptFindingsForTopicFromRuleOnly',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        ArnEquals: { 'aws:SourceArn': props.ruleArn },
        StringEquals: {
          'aws:SourceAccount': props.accountId,
          'kms:EncryptionContext:aws:sns:topicArn': props.topicArn,
        },
      },
    },
  ]);
}
