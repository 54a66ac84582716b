/**
 * Resource policy of the SNS topic that carries Macie findings to people: EventBridge
 * may publish, and only for the findings rule of this account (policies/findings-topic.ts).
 */
import type { PolicyDocument } from '../document';
import { findingsTopicPolicy } from '../findings-topic';

export interface MacieFindingsTopicPolicyProps {
  /** ARN of the findings topic. */
  readonly topicArn: string;
  /** ARN of the EventBridge rule that forwards Macie findings. */
  readonly ruleArn: string;
  /** Account that owns the topic and the rule. */
  readonly accountId: string;
}

export function macieFindingsTopicPolicy(props: MacieFindingsTopicPolicyProps): PolicyDocument {
  return findingsTopicPolicy({ accountId: props.accountId, topicArn: props.topicArn, ruleArns: [props.ruleArn] }, 'PublishFromMacieFindingsRuleOnly');
}
