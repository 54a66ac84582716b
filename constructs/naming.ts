/**
 * Deterministic names of the resources that one stack creates and another stack's
 * policies refer to. Stacks never reference each other across accounts, so these
 * functions are the only contract between them.
 */
import type { BaselineConfig } from '../config/schema';

/** Central bucket for the organization trail, in the log-archive account. */
export function cloudTrailBucketName(config: BaselineConfig): string {
  return `bedrock-gov-cloudtrail-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Central bucket that workload accounts replicate invocation logs into. */
export function centralInvocationLogBucketName(config: BaselineConfig): string {
  return `bedrock-gov-invocation-logs-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Server access logs of the central buckets. */
export function accessLogBucketName(config: BaselineConfig): string {
  return `bedrock-gov-access-logs-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Local landing bucket of Bedrock invocation logs in a workload account and region. */
export function localInvocationLogBucketName(accountId: string, region: string): string {
  return `baseline-${accountId}-${region}`;
}

/** Name of the organization trail (its ARN is needed by the central bucket and key policies). */
export const ORGANIZATION_TRAIL_NAME = 'bedrock-governance-org-trail';

export function organizationTrailArn(config: BaselineConfig): string {
  return `arn:aws:cloudtrail:${config.organization.homeRegion}:${config.organization.managementAccountId}:trail/${ORGANIZATION_TRAIL_NAME}`;
}

/** CloudWatch log group in the management account (home region) that the organization trail also delivers to, for alarms. */
export const ORGANIZATION_TRAIL_LOG_GROUP_NAME = '/bedrock-gov/organization-trail';

/** ARN of that log group (also the KMS encryption context of its events). */
export function organizationTrailLogGroupArn(config: BaselineConfig): string {
  return `arn:aws:logs:${config.organization.homeRegion}:${config.organization.managementAccountId}:log-group:${ORGANIZATION_TRAIL_LOG_GROUP_NAME}`;
}

/** Role CloudTrail assumes to write the organization trail into that log group. */
export const ORGANIZATION_TRAIL_CLOUDWATCH_ROLE_NAME = 'bedrock-gov-org-trail-cloudwatch';

/** KMS alias of a key the baseline creates, e.g. `alias/bedrock-gov/invocation-logs`. */
export function kmsAliasName(purpose: string): string {
  return `alias/bedrock-gov/${purpose}`;
}

/** Output of each `baseline-<accountId>` stack naming the OU whose SCPs govern the account (read by `baseline review`). */
export const ACCOUNT_OU_OUTPUT_NAME = 'organizational_unit';
/** ARN of an S3 bucket from its name. */
export function s3BucketArn(bucketName: string): string {
  return `arn:aws:s3:::${bucketName}`;
}

/** Purposes of the KMS keys the logging pipeline creates; each becomes the alias `kmsAliasName(purpose)`. */
export const LOG_KEY_PURPOSES = {
  /** Central key of the organization trail's log files (log-archive account). */
  cloudTrail: 'cloudtrail',
  /** Central key of the replicated invocation logs (log-archive account). */
  invocationLogs: 'invocation-logs',
  /** Per-region key of the landing bucket and log group in each workload account. */
  invocationLogLanding: 'invocation-log-landing',
  /** Key of the organization trail's CloudWatch log group (management account, home region). */
  organizationTrailLogGroup: 'organization-trail-log-group',
} as const;

/** Alias ARN of a central key in the log-archive account, for principals of other accounts. */
export function centralKeyAliasArn(config: BaselineConfig, purpose: string): string {
  return `arn:aws:kms:${config.organization.homeRegion}:${config.coreAccounts.logArchive}:${kmsAliasName(purpose)}`;
}

/** Server access logs of a workload account's landing bucket (S3 only logs to a bucket of the same account and region). */
export function localAccessLogBucketName(accountId: string, region: string): string {
  return `${localInvocationLogBucketName(accountId, region)}-access-logs`;
}

/**
 * Key prefix under which Bedrock writes invocation logs of an account (fixed by Bedrock when
 * the logging configuration has no key prefix). Replicas keep the key, so the same prefix
 * separates the accounts in the central bucket.
 */
export function invocationLogKeyPrefix(accountId: string): string {
  return `AWSLogs/${accountId}/BedrockModelInvocationLogs/`;
}

/** Prefix of every role of the invocation-log pipeline in a workload account. */
export const INVOCATION_LOG_ROLE_PREFIX = 'bedrock-gov-invocation-log-';

/** Prefix shared by the replication roles of every workload account and region. */
export const INVOCATION_LOG_REPLICATION_ROLE_PREFIX = `${INVOCATION_LOG_ROLE_PREFIX}replication-`;

/** Role S3 assumes to replicate one region's landing bucket into the central invocation-log bucket. */
export function invocationLogReplicationRoleName(region: string): string {
  return `${INVOCATION_LOG_REPLICATION_ROLE_PREFIX}${region}`;
}

/** Role Bedrock assumes to deliver invocation logs to CloudWatch Logs in one region. */
export function invocationLogCloudWatchRoleName(region: string): string {
  return `${INVOCATION_LOG_ROLE_PREFIX}cloudwatch-${region}`;
}

/** CloudWatch log group of the optional invocation-log delivery (one per account and region). */
export const INVOCATION_LOG_GROUP_NAME = '/bedrock-gov/model-invocations';

/** ARN of the invocation-log group in one workload account and region (also the KMS encryption context of its events). */
export function invocationLogGroupArn(accountId: string, region: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${INVOCATION_LOG_GROUP_NAME}`;
}

/**
 * Start of the key of every invocation log in the central bucket. Bedrock logging has no
 * key prefix, so it writes `AWSLogs/<accountId>/BedrockModelInvocationLogs/...`, and
 * replication keeps keys: this one prefix covers every account, so the Macie job's scope
 * does not change (and the job is not replaced) when an account is added.
 */
export const CENTRAL_INVOCATION_LOG_OBJECT_PREFIX = 'AWSLogs/';

/**
 * The Macie service-linked roles that may read and decrypt the central invocation logs.
 * Macie's documentation says a job reads a member's objects through the service-linked
 * role of the account that owns the bucket (log-archive), and the key policy must allow
 * that role; the sources we could check do not settle whether the delegated
 * administrator's own role (audit) is used for cross-account reads, so both are granted.
 * Both roles are service-linked: only Macie can assume them. See docs/macie.md.
 */
export function macieServiceLinkedRoleArns(config: BaselineConfig): string[] {
  return [config.coreAccounts.logArchive, config.coreAccounts.audit].map(
    (account) => `arn:aws:iam::${account}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
  );
}

/** Role applications of a workload account assume to invoke Bedrock with the baseline guardrail. */
export const GUARDED_INVOKE_ROLE_NAME = 'BedrockGuardedInvoke';

/**
 * Every alarm of the baseline and every alarm topic is named with this prefix: the alarm
 * topics accept only alarms so named, and the tamper SCP protects the names.
 */
export const ALARM_NAME_PREFIX = 'bedrock-gov-';

/** Name of the alarm topic for a purpose, e.g. `bedrock-gov-guardrail-alarms`. */
export function alarmTopicName(purpose: string): string {
  return `${ALARM_NAME_PREFIX}${purpose}`;
}
