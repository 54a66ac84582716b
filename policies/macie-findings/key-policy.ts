/**
 * Key policy of the customer managed key that encrypts the Macie findings topic.
 * Administered like every baseline key (the deployment role manages it; only break-glass
 * can disable or delete it); the only use of the key is EventBridge encrypting the
 * findings rule's messages for that one topic. In a key policy `Resource: "*"` means this key.
 */
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { policyDocument, type PolicyDocument } from '../document';
import { keyAdministrationStatements, type KeyAdministratorRoles } from '../keys/key-administration';

export interface MacieFindingsKeyPolicyProps {
  /** Account that owns the key, the topic and the rule. */
  readonly accountId: string;
  /** The deployment role and break-glass roles that administer the key. */
  readonly administrators: KeyAdministratorRoles;
  /** ARN of the topic the key encrypts. */
  readonly topicArn: string;
  /** ARN of the EventBridge rule that publishes to the topic. */
  readonly ruleArn: string;
}

export function macieFindingsKeyPolicy(props: MacieFindingsKeyPolicyProps): PolicyDocument {
  return policyDocument([
    ...keyAdministrationStatements({ accountId: props.accountId, ...props.administrators }),
    {
      Sid: 'EncryptFindingsForTopicFromRuleOnly',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.events },
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
