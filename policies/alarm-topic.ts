/**
 * Policies of the encrypted SNS topic that Bedrock alarms notify: only CloudWatch
 * alarms of the topic's own account (and name prefix) may publish, over TLS, and only
 * they may use the topic's KMS key. The key is administered like every baseline key:
 * by the deployment role, and disabled or deleted only by break-glass.
 */
import { cloudWatchAlarmArn } from '../naming/arns';
import { SERVICE_PRINCIPALS } from '../naming/service-principals';
import { denyWithoutTls, policyDocument, type PolicyDocument } from './document';
import { keyAdministrationStatements, type KeyAdministratorRoles } from './keys/key-administration';

export interface AlarmTopicPolicyInput {
  /** Account that owns the topic, the key and the alarms. */
  readonly accountId: string;
  /** Region of the topic and the alarms. */
  readonly region: string;
  /** ARN of the topic. */
  readonly topicArn: string;
  /** Only alarms whose name starts with this may publish. */
  readonly alarmNamePrefix: string;
}

/** `aws:SourceArn` of the alarms allowed to notify (confused-deputy protection). */
export function alarmArnPattern(input: Omit<AlarmTopicPolicyInput, 'topicArn'>): string {
  return cloudWatchAlarmArn(input.region, input.accountId, `${input.alarmNamePrefix}*`);
}

function fromOwnAlarms(input: Omit<AlarmTopicPolicyInput, 'topicArn'>) {
  return {
    StringEquals: { 'aws:SourceAccount': input.accountId },
    ArnLike: { 'aws:SourceArn': alarmArnPattern(input) },
  };
}

export function alarmTopicPolicy(input: AlarmTopicPolicyInput): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowCloudWatchAlarmsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.cloudWatch },
      Action: 'sns:Publish',
      Resource: input.topicArn,
      Condition: fromOwnAlarms(input),
    },
    denyWithoutTls('DenyPublishWithoutTls', 'sns:Publish', input.topicArn),
  ]);
}

export interface AlarmTopicKeyPolicyInput extends Omit<AlarmTopicPolicyInput, 'topicArn'> {
  /** The deployment role and break-glass roles that administer the key. */
  readonly administrators: KeyAdministratorRoles;
}

export function alarmTopicKeyPolicy(input: AlarmTopicKeyPolicyInput): PolicyDocument {
  return policyDocument([
    // In a key policy "*" is this key.
    ...keyAdministrationStatements({ accountId: input.accountId, ...input.administrators }),
    {
      // CloudWatch encrypts the notification it publishes to the topic with this key.
      Sid: 'AllowCloudWatchAlarmsToEncryptNotifications',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.cloudWatch },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: fromOwnAlarms(input),
    },
  ]);
}
