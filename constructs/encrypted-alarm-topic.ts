/**
 * An SNS topic for security alarms: encrypted with its own customer managed key
 * (rotated, 30-day deletion window, never destroyed by Terraform), published to only by
 * this account's baseline alarms (ALARM_NAME_PREFIX) over TLS, with the subscriptions it
 * is given.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { alarmSubscriptionProblems, type AlarmSubscription } from '../alarms/subscriptions';
import { alarmTopicKeyPolicy, alarmTopicPolicy } from '../policies/alarm-topic';
import type { KeyAdministratorRoles } from '../policies/keys/key-administration';
import { snsTopicArn } from '../naming/arns';
import { ALARM_NAME_PREFIX, alarmTopicName } from '../naming/resources';
import { EncryptedTopic } from './encrypted-topic';

export interface EncryptedAlarmTopicProps {
  /** Provider of the account and region the topic lives in. */
  readonly provider: AwsProvider;
  /** Account that owns the topic, its key and the alarms. */
  readonly accountId: string;
  /** Region of the topic and the alarms. */
  readonly region: string;
  /** What the topic is for, e.g. `security-alarms`: names the topic and the key alias. */
  readonly purpose: string;
  /** Who is notified. */
  readonly subscriptions: readonly AlarmSubscription[];
  /** The deployment role and break-glass roles that administer the topic's key. */
  readonly keyAdministrators: KeyAdministratorRoles;
}

export class EncryptedAlarmTopic extends Construct {
  /** ARN of the topic, known before deploy (alarms and policies use it as a literal). */
  readonly topicArn: string;
  /** The topic and its key. */
  readonly encrypted: EncryptedTopic;

  constructor(scope: Construct, id: string, props: EncryptedAlarmTopicProps) {
    super(scope, id);
    const problems = alarmSubscriptionProblems(props.subscriptions);
    if (problems.length > 0) throw new Error(`alarm topic ${props.purpose}: ${problems.join('; ')}`);
    if (!/^[a-z0-9-]{1,40}$/.test(props.purpose))
      throw new Error(`alarm topic purpose "${props.purpose}" must be 1-40 lowercase letters, digits or -`);

    const { provider, accountId, region } = props;
    // Every baseline alarm is named with this prefix, so the topic accepts exactly those.
    const alarmNamePrefix = ALARM_NAME_PREFIX;
    const name = alarmTopicName(props.purpose);
    this.topicArn = snsTopicArn(region, accountId, name);
    this.encrypted = new EncryptedTopic(this, 'encrypted', {
      provider,
      name,
      keyPurpose: props.purpose,
      keyPolicy: alarmTopicKeyPolicy({ accountId, region, alarmNamePrefix, administrators: props.keyAdministrators }),
      topicPolicy: alarmTopicPolicy({ accountId, region, alarmNamePrefix, topicArn: this.topicArn }),
      subscriptions: props.subscriptions,
    });
  }
}
