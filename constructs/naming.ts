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

/** KMS alias of a key the baseline creates, e.g. `alias/bedrock-gov/invocation-logs`. */
export function kmsAliasName(purpose: string): string {
  return `alias/bedrock-gov/${purpose}`;
}

/**
 * Start of the key of every invocation log in the central bucket. Bedrock logging has no
 * key prefix, so it writes `AWSLogs/<accountId>/BedrockModelInvocationLogs/...`, and
 * replication keeps keys: this one prefix covers every account, so the Macie job's scope
 * does not change (and the job is not replaced) when an account is added.
 */
export const CENTRAL_INVOCATION_LOG_OBJECT_PREFIX = 'AWSLogs/';

/**
 * The Macie service-linked role that reads the central invocation logs. A job that the
 * delegated administrator (audit account) runs on a member's bucket reads the objects
 * through the service-linked role of the account that owns the bucket, the log-archive
 * account: that role is in the bucket's own account, so its own permissions policy
 * covers s3:GetObject and no cross-account bucket grant is needed, but the customer
 * managed key's policy must allow it kms:Decrypt and no Deny of the bucket or key
 * policy may match it. See docs/macie.md for the sources.
 */
export function macieServiceLinkedRoleArn(config: BaselineConfig): string {
  return `arn:aws:iam::${config.coreAccounts.logArchive}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`;
}
