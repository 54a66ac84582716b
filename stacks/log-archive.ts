/**
 * Stack `log-archive`, deployed into coreAccounts.logArchive in the home region: the
 * central keys and buckets every log of the organization ends in. The organization
 * trail writes into the CloudTrail bucket; every workload account replicates its
 * Bedrock invocation logs into the invocation-log bucket; both log their access into the
 * access-log bucket.
 */
import type { Construct } from 'constructs';
import type { BaselineConfig, LoggingConfig } from '../config/schema';
import { GovernanceKey } from '../constructs/governance-key';
import { HardenedBucket, type BucketLifecycle } from '../constructs/hardened-bucket';
import { accessLogBucketName, centralInvocationLogBucketName, cloudTrailBucketName, KEY_PURPOSES } from '../naming/resources';
import { LOG_ARCHIVE_STACK } from '../naming/stacks';
import {
  centralAccessLogBucketPolicy,
  centralInvocationLogBucketPolicy,
  cloudTrailBucketPolicy,
} from '../policies/buckets/central-log-bucket-policies';
import { centralInvocationLogKeyPolicy, cloudTrailKeyPolicy } from '../policies/keys/central-log-key-policies';
import { GovernanceStack } from './governance-stack';

/** Central logs move to colder classes Macie still reads, and expire only when the config says so. */
export function centralLogLifecycle(logging: LoggingConfig): BucketLifecycle {
  return {
    transitions: [
      { days: logging.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' },
      { days: logging.glacierInstantRetrievalAfterDays, storageClass: 'GLACIER_IR' },
    ],
    expireAfterDays: logging.centralExpirationDays,
    // Versions only become noncurrent through lifecycle expiry; Object Lock holds them at least this long anyway.
    noncurrentVersionExpireAfterDays: logging.objectLockRetentionDays,
  };
}

export class LogArchiveStack extends GovernanceStack {
  /** Key of the organization trail's log files. */
  readonly cloudTrailKey: GovernanceKey;
  /** Key of the replicated invocation logs. */
  readonly invocationLogKey: GovernanceKey;
  /** Server access logs of the two log buckets. */
  readonly accessLogBucket: HardenedBucket;
  /** The organization trail's bucket. */
  readonly cloudTrailBucket: HardenedBucket;
  /** The replication destination of every workload account's invocation logs. */
  readonly invocationLogBucket: HardenedBucket;

  constructor(scope: Construct, config: BaselineConfig) {
    super(scope, LOG_ARCHIVE_STACK, { config, accountId: config.coreAccounts.logArchive, regions: [config.organization.homeRegion] });
    const { logging } = config;
    const lifecycle = centralLogLifecycle(logging);

    this.cloudTrailKey = new GovernanceKey(this, 'cloudtrail-key', {
      purpose: KEY_PURPOSES.cloudTrail,
      description: 'bedrock-governance: log files of the organization trail',
      policy: cloudTrailKeyPolicy(config),
    });
    this.invocationLogKey = new GovernanceKey(this, 'invocation-log-key', {
      purpose: KEY_PURPOSES.invocationLogs,
      description: 'bedrock-governance: Bedrock model invocation logs replicated from every workload account',
      policy: centralInvocationLogKeyPolicy(config),
    });

    this.accessLogBucket = new HardenedBucket(this, 'access-log-bucket', {
      bucketName: accessLogBucketName(config),
      role: { kind: 'access-log-target' },
      policy: centralAccessLogBucketPolicy(config),
      lifecycle,
    });
    this.cloudTrailBucket = new HardenedBucket(this, 'cloudtrail-bucket', {
      bucketName: cloudTrailBucketName(config),
      role: {
        kind: 'log-store',
        encryptionKeyArn: this.cloudTrailKey.arn,
        // CloudTrail writes are not billed as KMS requests, and without a Bucket Key every log
        // file keeps the aws:cloudtrail:arn encryption context the key policy pins.
        bucketKeyEnabled: false,
        accessLogTarget: this.accessLogBucket,
        objectLockRetentionDays: logging.objectLockRetentionDays,
      },
      policy: cloudTrailBucketPolicy(config),
      lifecycle,
    });
    this.invocationLogBucket = new HardenedBucket(this, 'invocation-log-bucket', {
      bucketName: centralInvocationLogBucketName(config),
      role: {
        kind: 'log-store',
        encryptionKeyArn: this.invocationLogKey.arn,
        accessLogTarget: this.accessLogBucket,
        objectLockRetentionDays: logging.objectLockRetentionDays,
      },
      policy: centralInvocationLogBucketPolicy(config),
      lifecycle,
    });
  }
}
