/**
 * Metric filters and alarms on the CloudWatch log group that receives the organization
 * trail (management account, home region): Bedrock access denied, changes to
 * guardrails, invocation logging and enforced-guardrail configuration by anyone but the
 * deployment role, and root or break-glass use of Bedrock. The log group itself belongs
 * to the trail; this construct only reads it.
 */
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { bedrockCloudTrailAlarms, type CloudTrailAlarmInputs } from '../alarms/bedrock-cloudtrail-alarms';
import type { AlarmSubscription } from '../alarms/subscriptions';
import { ALARM_TOPIC_PURPOSES, alarmName } from '../naming/resources';
import { EncryptedAlarmTopic } from './encrypted-alarm-topic';

/** Namespace of the metrics the filters publish. */
export const CLOUDTRAIL_ALARM_NAMESPACE = 'BedrockGovernance/CloudTrail';

export interface BedrockCloudTrailAlarmsProps extends CloudTrailAlarmInputs {
  /** Provider of the account and region of the log group (the management account's home region). */
  readonly provider: AwsProvider;
  /** Account that owns the log group, the alarms and their topic. */
  readonly accountId: string;
  /** Region of the log group. */
  readonly region: string;
  /** The CloudWatch Logs group the organization trail delivers to. */
  readonly logGroupName: string;
  /** Who is notified. */
  readonly subscriptions: readonly AlarmSubscription[];
  /** Matching events per 5 minutes that raise an alarm, by alarm id, where the default of 1 is too noisy. */
  readonly thresholds?: Readonly<Record<string, number>>;
}

export class BedrockCloudTrailAlarms extends Construct {
  readonly topic: EncryptedAlarmTopic;
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: BedrockCloudTrailAlarmsProps) {
    super(scope, id);
    const { provider, accountId, region } = props;
    const definitions = bedrockCloudTrailAlarms(props);
    const unknown = Object.keys(props.thresholds ?? {}).filter((key) => !definitions.some((d) => d.id === key));
    if (unknown.length > 0)
      throw new Error(`thresholds for unknown alarms: ${unknown.join(', ')} (alarms: ${definitions.map((d) => d.id).join(', ')})`);

    this.topic = new EncryptedAlarmTopic(this, 'topic', {
      provider,
      accountId,
      region,
      purpose: ALARM_TOPIC_PURPOSES.security,
      subscriptions: props.subscriptions,
      keyAdministrators: { deploymentRoleName: props.deploymentRoleName, breakGlassRoleArns: props.breakGlassRoleArns },
    });
    this.alarms = definitions.map((definition) => {
      const filter = new CloudwatchLogMetricFilter(this, `filter-${definition.id}`, {
        provider,
        name: alarmName(definition.id),
        logGroupName: props.logGroupName,
        pattern: definition.pattern,
        metricTransformation: { namespace: CLOUDTRAIL_ALARM_NAMESPACE, name: definition.id, value: '1', unit: 'Count' },
      });
      return new CloudwatchMetricAlarm(this, `alarm-${definition.id}`, {
        provider,
        alarmName: alarmName(definition.id),
        alarmDescription: definition.description,
        namespace: CLOUDTRAIL_ALARM_NAMESPACE,
        metricName: definition.id,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: props.thresholds?.[definition.id] ?? definition.threshold,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        // No matching event means nothing happened, not that the alarm lacks data.
        treatMissingData: 'notBreaching',
        alarmActions: [this.topic.topicArn],
        dependsOn: [filter, this.topic.encrypted.topic],
      });
    });
  }
}
