/**
 * Per account and region: alarms on guardrail interventions and model invocation
 * spikes, from the metrics Bedrock publishes to CloudWatch, notifying an encrypted
 * topic of the account.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { bedrockMetricAlarms, METRIC_ALARM_PERIOD_SECONDS, type MetricAlarmThresholds } from '../alarms/bedrock-metric-alarms';
import type { AlarmSubscription } from '../alarms/subscriptions';
import type { KeyAdministratorRoles } from '../policies/keys/key-administration';
import { ALARM_TOPIC_PURPOSES, alarmName } from '../naming/resources';
import { EncryptedAlarmTopic } from './encrypted-alarm-topic';

export interface BedrockMetricAlarmsProps {
  /** Provider of the workload account and region. */
  readonly provider: AwsProvider;
  /** The workload account. */
  readonly accountId: string;
  /** The region the alarms watch. */
  readonly region: string;
  /** Who is notified. */
  readonly subscriptions: readonly AlarmSubscription[];
  /** Counts per period above which each alarm fires. */
  readonly thresholds: MetricAlarmThresholds;
  /** Length of one evaluation period (default 300 seconds). */
  readonly periodSeconds?: number;
  /** The deployment role and break-glass roles that administer the topic's key. */
  readonly keyAdministrators: KeyAdministratorRoles;
}

export class BedrockMetricAlarms extends Construct {
  readonly topic: EncryptedAlarmTopic;
  readonly alarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: BedrockMetricAlarmsProps) {
    super(scope, id);
    const { provider, accountId, region } = props;
    const period = props.periodSeconds ?? METRIC_ALARM_PERIOD_SECONDS;
    if (![60, 300, 600, 900, 3600].includes(period)) throw new Error(`periodSeconds ${period}: use 60, 300, 600, 900 or 3600`);

    this.topic = new EncryptedAlarmTopic(this, 'topic', {
      provider,
      accountId,
      region,
      purpose: ALARM_TOPIC_PURPOSES.guardrail,
      subscriptions: props.subscriptions,
      keyAdministrators: props.keyAdministrators,
    });
    this.alarms = bedrockMetricAlarms(props.thresholds).map(
      (definition) =>
        new CloudwatchMetricAlarm(this, `alarm-${definition.id}`, {
          provider,
          alarmName: alarmName(definition.id),
          alarmDescription: definition.description,
          // A Metrics Insights query as the alarm's only metric (it must return one series).
          metricQuery: [{ id: 'q1', expression: definition.query, period, returnData: true, label: definition.id }],
          evaluationPeriods: 1,
          threshold: definition.threshold,
          comparisonOperator: 'GreaterThanThreshold',
          treatMissingData: 'notBreaching',
          alarmActions: [this.topic.topicArn],
          dependsOn: [this.topic.encrypted.topic],
        }),
    );
  }
}
