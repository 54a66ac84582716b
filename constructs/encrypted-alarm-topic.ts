/**
 * An SNS topic for security alarms: encrypted with its own customer managed key
 * (rotated, 30-day deletion window, never destroyed by Terraform), published to only by
 * this account's CloudWatch alarms over TLS, with the subscriptions it is given.
 */
import { createHash } from 'node:crypto';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { alarmSubscriptionProblems, type AlarmSubscription } from '../alarms/subscriptions';
import { alarmTopicKeyPolicy, alarmTopicPolicy } from '../policies/alarm-topic';
import { toTerraformString } from '../policies/document';
import { kmsAliasName } from './naming';

export interface EncryptedAlarmTopicProps {
  /** Provider of the account and region the topic lives in. */
  readonly provider: AwsProvider;
  /** Account that owns the topic, its key and the alarms. */
  readonly accountId: string;
  /** Region of the topic and the alarms. */
  readonly region: string;
  /** What the topic is for, e.g. `security-alarms`: names the topic and the key alias. */
  readonly purpose: string;
  /** Only CloudWatch alarms whose names start with this may publish. */
  readonly alarmNamePrefix: string;
  /** Who is notified. */
  readonly subscriptions: readonly AlarmSubscription[];
}

/** Name of the topic for a purpose. */
export function alarmTopicName(purpose: string): string {
  return `bedrock-gov-${purpose}`;
}

export class EncryptedAlarmTopic extends Construct {
  /** ARN of the topic, known before deploy (alarms and policies use it as a literal). */
  readonly topicArn: string;
  readonly topic: SnsTopic;
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptedAlarmTopicProps) {
    super(scope, id);
    const problems = alarmSubscriptionProblems(props.subscriptions);
    if (problems.length > 0) throw new Error(`alarm topic ${props.purpose}: ${problems.join('; ')}`);
    if (!/^[a-z0-9-]{1,40}$/.test(props.purpose)) throw new Error(`alarm topic purpose "${props.purpose}" must be 1-40 lowercase letters, digits or -`);

    const { provider, accountId, region, alarmNamePrefix } = props;
    const name = alarmTopicName(props.purpose);
    this.topicArn = `arn:aws:sns:${region}:${accountId}:${name}`;

    this.key = new KmsKey(this, 'key', {
      provider,
      description: `Encrypts the ${name} SNS topic`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: toTerraformString(alarmTopicKeyPolicy({ accountId, region, alarmNamePrefix })),
      lifecycle: { preventDestroy: true },
    });
    new KmsAlias(this, 'alias', { provider, name: kmsAliasName(props.purpose), targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, 'topic', {
      provider,
      name,
      kmsMasterKeyId: this.key.arn,
      lifecycle: { preventDestroy: true },
    });
    new SnsTopicPolicy(this, 'policy', {
      provider,
      arn: this.topic.arn,
      policy: toTerraformString(alarmTopicPolicy({ accountId, region, alarmNamePrefix, topicArn: this.topicArn })),
    });

    for (const subscription of [...props.subscriptions].sort((a, b) => `${a.protocol}:${a.endpoint}`.localeCompare(`${b.protocol}:${b.endpoint}`))) {
      // Ids from the content, not the position: reordering the list replaces nothing.
      const digest = createHash('sha256').update(`${subscription.protocol}:${subscription.endpoint}`).digest('hex').slice(0, 12);
      new SnsTopicSubscription(this, `subscription-${subscription.protocol}-${digest}`, {
        provider,
        topicArn: this.topic.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
      });
    }
  }
}
