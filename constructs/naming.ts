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

/** Role applications of a workload account assume to invoke Bedrock with the baseline guardrail. */
export const GUARDED_INVOKE_ROLE_NAME = 'BedrockGuardedInvoke';
