/**
 * An SNS topic for security notifications: encrypted with its own governance key
 * (rotated, 30-day deletion window, never destroyed by Terraform), with the topic policy
 * it is given, and subscriptions whose construct ids come from their content, so
 * reordering or removing one subscription replaces no other.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { contentVersion } from '../naming/content-version';
import { toTerraformString, type PolicyDocument } from '../policies/document';
import { GovernanceKey } from './governance-key';

export interface TopicSubscription {
  /** SNS protocol (email, https, sqs, lambda, ...). */
  readonly protocol: string;
  /** Address, URL or ARN for the protocol. */
  readonly endpoint: string;
}

export interface EncryptedTopicProps {
  /** Topic name; its ARN is derived from it so policies can name it before deploy. */
  readonly name: string;
  /** Purpose of the key: its alias is `kmsAliasName(keyPurpose)`. */
  readonly keyPurpose: string;
  /** The complete key policy. */
  readonly keyPolicy: PolicyDocument;
  /** The complete topic policy. */
  readonly topicPolicy: PolicyDocument;
  /** Who is notified. */
  readonly subscriptions: readonly TopicSubscription[];
  /** Provider of the topic's account and region; the stack default when absent. */
  readonly provider?: AwsProvider;
}

export class EncryptedTopic extends Construct {
  /** The topic. */
  readonly topic: SnsTopic;
  /** Its customer managed key. */
  readonly key: GovernanceKey;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    const { provider } = props;
    this.key = new GovernanceKey(this, 'key', {
      provider,
      purpose: props.keyPurpose,
      description: `Encrypts the ${props.name} SNS topic`,
      policy: props.keyPolicy,
    });
    this.topic = new SnsTopic(this, 'topic', { provider, name: props.name, kmsMasterKeyId: this.key.arn, lifecycle: { preventDestroy: true } });
    new SnsTopicPolicy(this, 'policy', { provider, arn: this.topic.arn, policy: toTerraformString(props.topicPolicy) });

    const sorted = [...props.subscriptions].sort((a, b) => `${a.protocol}:${a.endpoint}`.localeCompare(`${b.protocol}:${b.endpoint}`));
    for (const subscription of sorted) {
      new SnsTopicSubscription(this, `subscription-${subscription.protocol}-${contentVersion(subscription.endpoint)}`, {
        provider,
        topicArn: this.topic.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
      });
    }
  }
}
