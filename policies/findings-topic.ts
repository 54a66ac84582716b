/**
 * Resource policies of an SNS topic that carries security findings to people, and of the
 * customer managed key that encrypts it: EventBridge may publish, and encrypt for the
 * topic, only for the named rules of the topic's own account. Principals of that account
 * keep what their identity policies give them; nothing else is granted. In a key policy
 * `Resource: "*"` means this key.
 */
import { SERVICE_PRINCIPALS } from '../naming/service-principals';
import { denyWithoutTls, policyDocument, type PolicyDocument } from './document';
import { keyAdministrationStatements, type KeyAdministratorRoles } from './keys/key-administration';

export interface FindingsTopicGrant {
  /** Account that owns the topic, its key and the rules. */
  readonly accountId: string;
  /** ARN of the topic. */
  readonly topicArn: string;
  /** The EventBridge rules of that account that publish to the topic. */
  readonly ruleArns: readonly string[];
}

/** One rule as a plain string, several as a list: both mean the same to IAM. */
const sourceArns = (ruleArns: readonly string[]): string | string[] => (ruleArns.length === 1 ? ruleArns[0]! : [...ruleArns]);

/** EventBridge publishes for `ruleArns` only; requests without TLS are denied. */
export function findingsTopicPolicy(grant: FindingsTopicGrant, publishSid: string): PolicyDocument {
  if (grant.ruleArns.length === 0) throw new Error(`findings topic ${grant.topicArn}: no rule may publish`);
  return policyDocument([
    {
      Sid: publishSid,
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.events },
      Action: 'sns:Publish',
      Resource: grant.topicArn,
      Condition: {
        ArnEquals: { 'aws:SourceArn': sourceArns(grant.ruleArns) },
        StringEquals: { 'aws:SourceAccount': grant.accountId },
      },
    },
    denyWithoutTls('DenyRequestsWithoutTls', 'sns:*', grant.topicArn),
  ]);
}

/** Administered like every baseline key; EventBridge encrypts for the topic, for `ruleArns` only. */
export function findingsTopicKeyPolicy(
  grant: FindingsTopicGrant & { readonly administrators: KeyAdministratorRoles },
  encryptSid: string,
): PolicyDocument {
  return policyDocument([
    ...keyAdministrationStatements({ accountId: grant.accountId, ...grant.administrators }),
    {
      Sid: encryptSid,
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.events },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        ArnEquals: { 'aws:SourceArn': sourceArns(grant.ruleArns) },
        StringEquals: {
          'aws:SourceAccount': grant.accountId,
          'kms:EncryptionContext:aws:sns:topicArn': grant.topicArn,
        },
      },
    },
  ]);
}
