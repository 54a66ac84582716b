/**
 * Resource policy of the SNS topic that carries Macie findings to people: EventBridge
 * may publish, and only for the findings rule of this account. Principals of the
 * topic's own account keep what their identity policies give them; nothing else is
 * granted.
 */
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { denyWithoutTls, policyDocument, type PolicyDocument } from '../document';

export interface MacieFindingsTopicPolicyProps {
  /** ARN of the findings topic. */
  readonly topicArn: string;
  /** ARN of the EventBridge rule that forwards Macie findings. */
  readonly ruleArn: string;
  /** Account that owns the topic and the rule. */
  readonly accountId: string;
}

export function macieFindingsTopicPolicy(props: MacieFindingsTopicPolicyProps): PolicyDocument {
  return policyDocument([
    {
      Sid: 'PublishFromMacieFindingsRuleOnly',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.events },
      Action: 'sns:Publish',
      Resource: props.topicArn,
      Condition: {
        ArnEquals: { 'aws:SourceArn': props.ruleArn },
        StringEquals: { 'aws:SourceAccount': props.accountId },
      },
    },
    denyWithoutTls('DenyRequestsWithoutTls', 'sns:*', props.topicArn),
  ]);
}
