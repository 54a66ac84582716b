/**
 * Key policy of the customer managed key that encrypts the Macie findings topic: the only
 * use of the key is EventBridge encrypting the findings rule's messages for that one topic
 * (policies/findings-topic.ts).
 */
import type { PolicyDocument } from '../document';
import { findingsTopicKeyPolicy } from '../findings-topic';
import type { KeyAdministratorRoles } from '../keys/key-administration';

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
  return findingsTopicKeyPolicy(
    { accountId: props.accountId, topicArn: props.topicArn, ruleArns: [props.ruleArn], administrators: props.administrators },
    'EncryptFindingsForTopicFromRuleOnly',
  );
}
