/**
 * The one home of S3 bucket hardening in the baseline. Every bucket, central or in a
 * workload account, is built here: ACLs disabled (owner enforced), public access
 * blocked, versioning, default encryption, a bucket policy, server access logging, a
 * lifecycle, and `prevent_destroy` on the bucket and on every setting that protects it
 * (no `force_destroy`, ever). Log stores can add COMPLIANCE-mode Object Lock.
 *
 * Access-log buckets differ where S3 leaves no choice: S3 writes server access logs only
 * into buckets with SSE-S3 default encryption and without Object Lock, and an access-log
 * bucket does not log its own access (that would loop).
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, type S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { s3BucketArn } from '../naming/arns';
import { accessLogPrefix } from '../policies/buckets/access-log-bucket-policy';
import { toTerraformString, type PolicyDocument } from '../policies/document';

/**
 * Storage classes a lifecycle may move logs into: the ones Amazon Macie still analyzes
 * (Macie user guide, "Supported storage classes"). Glacier Flexible Retrieval and Deep
 * Archive would hide logs from every classification job.
 */
export const MACIE_READABLE_STORAGE_CLASSES = ['GLACIER_IR', 'INTELLIGENT_TIERING', 'ONEZONE_IA', 'STANDARD_IA'] as const;
export type MacieReadableStorageClass = (typeof MACIE_READABLE_STORAGE_CLASSES)[number];

/** Days after which S3 discards the parts of an upload that never completed. */
export const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

export interface BucketLifecycle {
  /** Moves of current versions to colder classes, by age in days. */
  readonly transitions: ReadonlyArray<{ readonly days: number; readonly storageClass: MacieReadableStorageClass }>;
  /** Age in days at which current versions expire (become noncurrent); never when absent. */
  readonly expireAfterDays?: number;
  /** Days a version is kept once noncurrent (with Object Lock, never before its retention ends). */
  readonly noncurrentVersionExpireAfterDays: number;
}

/** A bucket that stores logs: SSE-KMS, access-logged into an access-log bucket. */
export interface LogStoreRole {
  readonly kind: 'log-store';
  /** ARN of the customer managed key of the default encryption. */
  readonly encryptionKeyArn: string;
  /** S3 Bucket Key on (default): one KMS call per bucket key instead of per object. */
  readonly bucketKeyEnabled?: boolean;
  /** Where this bucket's server access logs go (same account and region). */
  readonly accessLogTarget: HardenedBucket;
  /** COMPLIANCE-mode default retention in days; no Object Lock when absent. */
  readonly objectLockRetentionDays?: number;
}

/** A bucket that receives server access logs (SSE-S3, no Object Lock, not logged itself: S3's rules). */
export interface AccessLogTargetRole {
  readonly kind: 'access-log-target';
}

export interface HardenedBucketProps {
  /** Globally unique bucket name, from naming/resources.ts. */
  readonly bucketName: string;
  /** What the bucket is for; decides encryption, logging and Object Lock. */
  readonly role: LogStoreRole | AccessLogTargetRole;
  /** The complete bucket policy. */
  readonly policy: PolicyDocument;
  /** Transitions and expiry. */
  readonly lifecycle: BucketLifecycle;
  /** Provider of the bucket's account and region; the stack default when absent. */
  readonly provider?: AwsProvider;
}

/** Terraform refuses any plan that would delete these resources, `terraform destroy` included. */
const NEVER_DESTROY = { preventDestroy: true } as const;

function lifecycleRules(lifecycle: BucketLifecycle): S3BucketLifecycleConfigurationRule[] {
  const everyObject = [{ prefix: '' }];
  const rules: S3BucketLifecycleConfigurationRule[] = [
    {
      id: 'abort-incomplete-multipart-uploads',
      status: 'Enabled',
      filter: everyObject,
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
    },
  ];
  if (lifecycle.transitions.length > 0) {
    rules.push({
      id: 'move-to-colder-storage-macie-reads',
      status: 'Enabled',
      filter: everyObject,
      transition: [...lifecycle.transitions].sort((a, b) => a.days - b.days).map((t) => ({ days: t.days, storageClass: t.storageClass })),
    });
  }
  if (lifecycle.expireAfterDays !== undefined) {
    rules.push({ id: 'expire-current-versions', status: 'Enabled', filter: everyObject, expiration: [{ days: lifecycle.expireAfterDays }] });
  }
  rules.push({
    id: 'expire-noncurrent-versions',
    status: 'Enabled',
    filter: everyObject,
    noncurrentVersionExpiration: [{ noncurrentDays: lifecycle.noncurrentVersionExpireAfterDays }],
    expiration: [{ expiredObjectDeleteMarker: true }],
  });
  return rules;
}

export class HardenedBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** Its versioning; replication must wait for it. */
  readonly versioning: S3BucketVersioningA;
  /** Its bucket policy. */
  readonly policy: S3BucketPolicy;
  /** The bucket's name. */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: HardenedBucketProps) {
    super(scope, id);
    const { provider, role } = props;
    const objectLockDays = role.kind === 'log-store' ? role.objectLockRetentionDays : undefined;
    this.bucketName = props.bucketName;

    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      objectLockEnabled: objectLockDays !== undefined ? true : undefined,
      forceDestroy: false,
      lifecycle: NEVER_DESTROY,
    });
    const bucket = this.bucket.id;

    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      provider,
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
      lifecycle: NEVER_DESTROY,
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      lifecycle: NEVER_DESTROY,
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      provider,
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      lifecycle: NEVER_DESTROY,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket,
      rule:
        role.kind === 'log-store'
          ? [
              {
                applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: role.encryptionKeyArn },
                bucketKeyEnabled: role.bucketKeyEnabled ?? true,
              },
            ]
          : [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      lifecycle: NEVER_DESTROY,
    });
    if (objectLockDays !== undefined) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        provider,
        bucket,
        rule: { defaultRetention: { mode: 'COMPLIANCE', days: objectLockDays } },
        dependsOn: [this.versioning],
        lifecycle: NEVER_DESTROY,
      });
    }
    if (role.kind === 'log-store') {
      new S3BucketLoggingA(this, 'access-logging', {
        provider,
        bucket,
        targetBucket: role.accessLogTarget.bucket.id,
        targetPrefix: accessLogPrefix(props.bucketName),
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
        // Delivery needs the target's policy to allow it.
        dependsOn: [role.accessLogTarget.policy],
        lifecycle: NEVER_DESTROY,
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket,
      rule: lifecycleRules(props.lifecycle),
      dependsOn: [this.versioning],
      lifecycle: NEVER_DESTROY,
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket,
      policy: toTerraformString(props.policy),
      // Lock the bucket down before anything is granted on it.
      dependsOn: [ownership, publicAccessBlock],
      lifecycle: NEVER_DESTROY,
    });
  }

  /** ARN of the bucket. */
  get arn(): string {
    return s3BucketArn(this.bucketName);
  }
}
