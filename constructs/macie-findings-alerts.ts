/**
 * Findings that reach people: an EventBridge rule for the Macie findings about the
 * central invocation-log bucket, an SNS topic encrypted with its own customer managed
 * key, and the subscriptions of the config. Topic and rule names are fixed, so the
 * policies name their ARNs as plain strings a reviewer can read in the plan.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { Construct } from 'constructs';
import type { SubscriptionProtocol } from '../config/schema';
import { FINDING_EVENT_DETAIL_TYPE, FINDING_EVENT_SOURCE, severitiesAtLeast, type FindingSeverity } from '../macie/api-values';
import { eventRuleArn, snsTopicArn } from '../naming/arns';
import { KEY_PURPOSES, MACIE_FINDINGS_NAME } from '../naming/resources';
import { findingsTopicKeyPolicy, findingsTopicPolicy } from '../policies/findings-topic';
import type { KeyAdministratorRoles } from '../policies/keys/key-administration';
import { EncryptedTopic } from './encrypted-topic';

export interface MacieFindingsSubscription {
  /** SNS protocol. */
  readonly protocol: SubscriptionProtocol;
  /** Address, URL or ARN for the protocol. */
  readonly endpoint: string;
}

export interface MacieFindingsAlertsProps {
  /** Account of the rule, topic and key (the Macie administrator). */
  readonly accountId: string;
  /** Region of the rule, topic and key (where Macie runs the job). */
  readonly region: string;
  /** Only findings about this bucket are forwarded. */
  readonly bucketName: string;
  /** Lowest severity forwarded. */
  readonly minimumSeverity: FindingSeverity;
  /** Who receives the findings. */
  readonly subscriptions: readonly MacieFindingsSubscription[];
  /** The deployment role and break-glass roles that administer the topic's key. */
  readonly keyAdministrators: KeyAdministratorRoles;
}

/** The EventBridge pattern of the Macie findings to forward. */
export function macieFindingsEventPattern(bucketName: string, minimumSeverity: FindingSeverity): object {
  return {
    source: [FINDING_EVENT_SOURCE],
    'detail-type': [FINDING_EVENT_DETAIL_TYPE],
    detail: {
      severity: { description: severitiesAtLeast(minimumSeverity) },
      resourcesAffected: { s3Bucket: { name: [bucketName] } },
    },
  };
}

export class MacieFindingsAlerts extends Construct {
  /** The encrypted topic the findings are published to. */
  readonly topic: EncryptedTopic;
  /** The rule that selects the findings. */
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: MacieFindingsAlertsProps) {
    super(scope, id);
    const topicArn = snsTopicArn(props.region, props.accountId, MACIE_FINDINGS_NAME);
    // Only the findings rule of this account publishes to the topic and encrypts for it.
    const grant = { accountId: props.accountId, topicArn, ruleArns: [eventRuleArn(props.region, props.accountId, MACIE_FINDINGS_NAME)] };

    this.topic = new EncryptedTopic(this, 'topic', {
      name: MACIE_FINDINGS_NAME,
      keyPurpose: KEY_PURPOSES.macieFindings,
      keyPolicy: findingsTopicKeyPolicy({ ...grant, administrators: props.keyAdministrators }, 'EncryptFindingsForTopicFromRuleOnly'),
      topicPolicy: findingsTopicPolicy(grant, 'PublishFromMacieFindingsRuleOnly'),
      subscriptions: props.subscriptions,
    });

    this.rule = new CloudwatchEventRule(this, 'rule', {
      name: MACIE_FINDINGS_NAME,
      description: 'Macie findings about the central Bedrock invocation-log bucket.',
      eventPattern: JSON.stringify(macieFindingsEventPattern(props.bucketName, props.minimumSeverity)),
    });
    new CloudwatchEventTarget(this, 'rule-target', { rule: this.rule.name, targetId: 'findings-topic', arn: this.topic.topic.arn });
  }
}
