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
import type { BaselineConfig } from '../config/schema';
import { invocationLogLandingAccessLogBucketPolicy, invocationLogLandingBucketPolicy } from '../policies/buckets/invocation-log-landing-bucket-policies';
import { invocationLogLandingKeyPolicy } from '../policies/keys/invocation-log-landing-key-policy';
import { invocationLogCloudWatchPermissions, invocationLogCloudWatchTrustPolicy } from '../policies/roles/invocation-log-cloudwatch-role';
import { invocationLogReplicationPermissions, invocationLogReplicationTrustPolicy } from '../policies/roles/invocation-log-replication-role';
import { centralKeyAliasArn, invocationLogGroupArn, s3BucketArn } from '../naming/arns';
import {
  centralInvocationLogBucketName,
  INVOCATION_LOG_GROUP_NAME,
  invocationLogCloudWatchRoleName,
  invocationLogKeyPrefix,
  invocationLogReplicationRoleName,
  KEY_PURPOSES,
  localAccessLogBucketName,
  localInvocationLogBucketName,
  ROLE_POLICY_NAMES,
} from '../naming/resources';
import { GovernanceKey } from './governance-key';
import { HardenedBucket } from './hardened-bucket';
import { ServiceRole } from './service-role';

export interface InvocationLoggingProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The workload account. */
  readonly accountId: string;
  /** The region whose Bedrock calls are logged. */
  readonly region: string;
  /** Provider of that account and region. */
  readonly provider: AwsProvider;
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
    const { config, accountId, region, provider } = props;
    const { logging } = config;
    const logGroupArn = logging.cloudWatch.enabled ? invocationLogGroupArn(accountId, region) : undefined;

    this.key = new GovernanceKey(this, 'key', {
      provider,
      purpose: KEY_PURPOSES.invocationLogLanding,
      description: `bedrock-governance: Bedrock model invocation logs of ${region} before replication`,
      policy: invocationLogLandingKeyPolicy(config, { accountId, region, logGroupArn }),
    });
    const accessLogs = new HardenedBucket(this, 'access-log-bucket', {
      provider,
      bucketName: localAccessLogBucketName(accountId, region),
      role: { kind: 'access-log-target' },
      policy: invocationLogLandingAccessLogBucketPolicy(config, accountId, region),
      lifecycle: { transitions: [], expireAfterDays: logging.objectLockRetentionDays, noncurrentVersionExpireAfterDays: 1 },
    });
    this.landingBucket = new HardenedBucket(this, 'landing-bucket', {
      provider,
      bucketName: localInvocationLogBucketName(accountId, region),
      role: { kind: 'log-store', encryptionKeyArn: this.key.arn, accessLogTarget: accessLogs },
      policy: invocationLogLandingBucketPolicy(config, accountId, region),
      lifecycle: { transitions: [], expireAfterDays: logging.landingExpirationDays, noncurrentVersionExpireAfterDays: 1 },
    });

    const replication = new ServiceRole(this, 'replication-role', {
      provider,
      name: invocationLogReplicationRoleName(region),
      description: 'S3 replication of Bedrock invocation logs into the central log-archive bucket',
      trustPolicy: invocationLogReplicationTrustPolicy(accountId, region),
      permissionsName: ROLE_POLICY_NAMES.invocationLogReplication,
      permissions: invocationLogReplicationPermissions(config, accountId, region),
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
            bucket: s3BucketArn(centralInvocationLogBucketName(config)),
            account: config.coreAccounts.logArchive,
            accessControlTranslation: { owner: 'Destination' },
            encryptionConfiguration: { replicaKmsKeyId: centralKeyAliasArn(config, KEY_PURPOSES.invocationLogs) },
          },
        },
      ],
      dependsOn: [this.landingBucket.versioning, replication.permissions],
      lifecycle: { preventDestroy: true },
    });

    const cloudWatch = logGroupArn === undefined ? undefined : this.cloudWatchDelivery(props, logGroupArn);
    this.configuration = new BedrockModelInvocationLoggingConfiguration(this, 'configuration', {
      provider,
      loggingConfig: [
        {
          // Every flag set on purpose: the provider defaults all four to true.
          textDataDeliveryEnabled: true,
          imageDataDeliveryEnabled: logging.invocationLogging.imageDataDelivery,
          embeddingDataDeliveryEnabled: logging.invocationLogging.embeddingDataDelivery,
          videoDataDeliveryEnabled: logging.invocationLogging.videoDataDelivery,
          s3Config: [{ bucketName: this.landingBucket.bucket.id }],
          cloudwatchConfig: cloudWatch && [cloudWatch.config],
        },
      ],
      // Bedrock checks that it can write when the configuration is put.
      dependsOn: [this.landingBucket.policy, this.key.key, ...(cloudWatch ? [cloudWatch.permissions] : [])],
    });
  }

  /** The KMS-encrypted log group and the role Bedrock delivers into it with. */
  private cloudWatchDelivery(props: InvocationLoggingProps, logGroupArn: string) {
    const { config, accountId, region, provider } = props;
    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: INVOCATION_LOG_GROUP_NAME,
      retentionInDays: config.logging.cloudWatch.retentionDays,
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
      permissions: invocationLogCloudWatchPermissions(logGroupArn),
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
