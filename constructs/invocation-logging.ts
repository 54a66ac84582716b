/**
 * Bedrock model invocation logging of one workload account in one region. Bedrock only
 * writes into a bucket (and log group) of the caller's own account and region, so logs
 * land in a local bucket under a local key and S3 replication carries every new log
 * object into the central invocation-log bucket of the log-archive account, encrypted
 * with the central key and owned by the log-archive account.
 *
 * The landing bucket has no Object Lock on purpose: replicas take the retention of their
 * source object when it has one, so a short local lock would replace the central
 * bucket's longer default retention on every replica. The local copy is a short-lived
 * buffer; its protection during the minutes before replication is the bucket policy
 * (no deletion, no reconfiguration except by the deployment role) and the tamper SCP.
 */
import { BedrockModelInvocationLoggingConfiguration } from '@cdktf/provider-aws/lib/bedrock-model-invocation-logging-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Construct } from 'constructs';
import type { LoggingConfig } from '../config/schema';
import {
  INVOCATION_LOG_GROUP_NAME,
  invocationLogCloudWatchRoleName,
  invocationLogKeyPrefix,
  invocationLogReplicationRoleName,
  KEY_PURPOSES,
  localAccessLogBucketName,
  localInvocationLogBucketName,
  ROLE_POLICY_NAMES,
} from '../naming/resources';
import type { PolicyDocument } from '../policies/document';
import { invocationLogCloudWatchPermissions, invocationLogCloudWatchTrustPolicy } from '../policies/roles/invocation-log-cloudwatch-role';
import { invocationLogReplicationTrustPolicy } from '../policies/roles/invocation-log-replication-role';
import { GovernanceKey } from './governance-key';
import { HardenedBucket } from './hardened-bucket';
import { ServiceRole } from './service-role';

/** The policies of the pipeline's resources that depend on the organization (policies/), in the order they are created. */
export interface InvocationLoggingPolicies {
  /** Of the landing key: Bedrock encrypts, replication decrypts (and CloudWatch Logs, with a log group). */
  readonly key: PolicyDocument;
  /** Of the access-log bucket beside the landing bucket. */
  readonly accessLogBucket: PolicyDocument;
  /** Of the landing bucket: Bedrock of this account and region writes, nobody deletes. */
  readonly landingBucket: PolicyDocument;
  /** Of the replication role: read the landing bucket, write into the account's prefix of the archive. */
  readonly replication: PolicyDocument;
}

/** The central invocation-log bucket in the log-archive account that every landing bucket replicates into. */
export interface InvocationLogArchive {
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** The log-archive account, which owns the replicas. */
  readonly accountId: string;
  /** ARN (or alias ARN) of the key replicas are encrypted with. */
  readonly kmsKeyArn: string;
}

export interface InvocationLoggingProps {
  /** The workload account. */
  readonly accountId: string;
  /** The region whose Bedrock calls are logged. */
  readonly region: string;
  /** Provider of that account and region. */
  readonly provider: AwsProvider;
  /** Where every log is replicated to. */
  readonly archive: InvocationLogArchive;
  /** Policies of the key, buckets and replication role. */
  readonly policies: InvocationLoggingPolicies;
  /** Which invocation data Bedrock delivers besides text (config `logging.invocationLogging`). */
  readonly delivery: LoggingConfig['invocationLogging'];
  /** Days a log stays in the landing bucket; replication copies it within minutes. */
  readonly landingExpirationDays: number;
  /** Days the landing bucket's server access logs are kept. */
  readonly accessLogExpirationDays: number;
  /** Also deliver to this CloudWatch log group (the key policy must let CloudWatch Logs use the key for it); S3 only when absent. */
  readonly cloudWatch?: InvocationLogGroup;
}

/** The optional CloudWatch Logs destination of invocation logs. */
export interface InvocationLogGroup {
  /** ARN of the group, from naming/arns.ts. */
  readonly logGroupArn: string;
  /** Days its events are kept. */
  readonly retentionDays: number;
}

export class InvocationLogging extends Construct {
  /** The local landing bucket Bedrock writes into. */
  readonly landingBucket: HardenedBucket;
  /** The local key of the landing bucket and log group. */
  readonly key: GovernanceKey;
  /** The model invocation logging configuration of the account and region. */
  readonly configuration: BedrockModelInvocationLoggingConfiguration;

  constructor(scope: Construct, id: string, props: InvocationLoggingProps) {
    super(scope, id);
    const { accountId, region, provider, archive, policies } = props;

    this.key = new GovernanceKey(this, 'key', {
      provider,
      purpose: KEY_PURPOSES.invocationLogLanding,
      description: `bedrock-governance: Bedrock model invocation logs of ${region} before replication`,
      policy: policies.key,
    });
    const accessLogs = new HardenedBucket(this, 'access-log-bucket', {
      provider,
      bucketName: localAccessLogBucketName(accountId, region),
      role: { kind: 'access-log-target' },
      policy: policies.accessLogBucket,
      lifecycle: { transitions: [], expireAfterDays: props.accessLogExpirationDays, noncurrentVersionExpireAfterDays: 1 },
    });
    this.landingBucket = new HardenedBucket(this, 'landing-bucket', {
      provider,
      bucketName: localInvocationLogBucketName(accountId, region),
      role: { kind: 'log-store', encryptionKeyArn: this.key.arn, accessLogTarget: accessLogs },
      policy: policies.landingBucket,
      lifecycle: { transitions: [], expireAfterDays: props.landingExpirationDays, noncurrentVersionExpireAfterDays: 1 },
    });

    const replication = new ServiceRole(this, 'replication-role', {
      provider,
      name: invocationLogReplicationRoleName(region),
      description: 'S3 replication of Bedrock invocation logs into the central log-archive bucket',
      trustPolicy: invocationLogReplicationTrustPolicy(accountId, region),
      permissionsName: ROLE_POLICY_NAMES.invocationLogReplication,
      permissions: policies.replication,
    });
    new S3BucketReplicationConfigurationA(this, 'replication', {
      provider,
      bucket: this.landingBucket.bucket.id,
      role: replication.role.arn,
      rule: [
        {
          id: 'invocation-logs-to-log-archive',
          status: 'Enabled',
          priority: 1,
          filter: { prefix: invocationLogKeyPrefix(accountId) },
          // A delete in the landing bucket (or its expiry) never reaches the archive.
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: archive.bucketArn,
            account: archive.accountId,
            accessControlTranslation: { owner: 'Destination' },
            encryptionConfiguration: { replicaKmsKeyId: archive.kmsKeyArn },
          },
        },
      ],
      dependsOn: [this.landingBucket.versioning, replication.permissions],
      lifecycle: { preventDestroy: true },
    });

    const cloudWatch = props.cloudWatch && this.cloudWatchDelivery(props, props.cloudWatch);
    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      provider,
      loggingConfig: [
        {
          // Every flag set on purpose: the provider defaults all four to true.
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: props.delivery.imageDataDelivery,
          embeddingDataDeliveryEnabled: props.delivery.embeddingDataDelivery,
          videoDataDeliveryEnabled: props.delivery.videoDataDelivery,
          s3Config: [{ bucketName: this.landingBucket.bucket.id }],
          cloudwatchConfig: cloudWatch && [cloudWatch.config],
        },
      ],
      // Bedrock checks that it can write when the configuration is put.
      dependsOn: [this.landingBucket.policy, this.key.key, ...(cloudWatch ? [cloudWatch.permissions] : [])],
    });
  }

  /** The KMS-encrypted log group and the role Bedrock delivers into it with. */
  private cloudWatchDelivery(props: InvocationLoggingProps, destination: InvocationLogGroup) {
    const { accountId, region, provider } = props;
    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: INVOCATION_LOG_GROUP_NAME,
      retentionInDays: destination.retentionDays,
      kmsKeyId: this.key.arn,
      // Destroying the group would delete its events.
      skipDestroy: true,
      lifecycle: { preventDestroy: true },
    });
    const delivery = new ServiceRole(this, 'cloudwatch-role', {
      provider,
      name: invocationLogCloudWatchRoleName(region),
      description: 'Bedrock delivery of model invocation logs to CloudWatch Logs',
      trustPolicy: invocationLogCloudWatchTrustPolicy(accountId, region),
      permissionsName: ROLE_POLICY_NAMES.invocationLogDelivery,
      permissions: invocationLogCloudWatchPermissions(destination.logGroupArn),
    });
    return {
      config: {
        logGroupName: logGroup.name,
        roleArn: delivery.role.arn,
        // Bodies too large for a log event go to the landing bucket, and from there to the archive.
        largeDataDeliveryS3Config: [{ bucketName: this.landingBucket.bucket.id }],
      },
      permissions: delivery.permissions,
    };
  }
}
