/**
 * Every ARN the baseline writes, built from one template. Arguments may be IAM policy
 * variables (`${aws:PrincipalAccount}`) or wildcards (`*`) where a policy needs a pattern.
 */
import type { BaselineConfig } from '../config/schema';
import { kmsAliasName, ORGANIZATION_TRAIL_LOG_GROUP_NAME, ORGANIZATION_TRAIL_NAME, INVOCATION_LOG_GROUP_NAME } from './resources';
import { SERVICE_PRINCIPALS } from './service-principals';

/** `arn:aws:<service>:<region>:<account>:<resource>`; the baseline supports the commercial partition only. */
function arn(service: string, region: string, accountId: string, resource: string): string {
  return `arn:aws:${service}:${region}:${accountId}:${resource}`;
}

/** ARN of an S3 bucket from its name. */
export function s3BucketArn(bucketName: string): string {
  return arn('s3', '', '', bucketName);
}

/** ARN of an IAM role; `*` for the account matches the name in any account. */
export function roleArn(accountId: string, roleName: string): string {
  return arn('iam', '', accountId, `role/${roleName}`);
}

/** A role name in any account of the organization, as an `aws:PrincipalArn` pattern. */
export function roleInAnyAccount(roleName: string): string {
  return roleArn('*', roleName);
}

/** The parts of a role ARN (pattern): account (`*` for any), path (`/` when none) and name. */
export interface RoleArnParts {
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
}

/** Parses `arn:aws:iam::<account or *>:role/<path/><name>`; undefined for anything else. */
export function parseRoleArn(arnPattern: string): RoleArnParts | undefined {
  const match = /^arn:aws:iam::(\d{12}|\*):role(\/(?:[^/]+\/)*)([^/]+)$/.exec(arnPattern);
  if (!match) return undefined;
  const [, accountId, path, name] = match as unknown as [string, string, string, string];
  return { accountId, path, name };
}

/** `pattern` (a role ARN pattern) for `accountId`: its account pinned when it is `*`; undefined when it names another account. */
export function roleArnIn(pattern: string, accountId: string): string | undefined {
  const parts = parseRoleArn(pattern);
  if (!parts || (parts.accountId !== '*' && parts.accountId !== accountId)) return undefined;
  return roleArn(accountId, `${parts.path.slice(1)}${parts.name}`);
}

/** An AWS managed policy, e.g. `AdministratorAccess`. */
export function awsManagedPolicyArn(policyName: string): string {
  return `arn:aws:iam::aws:policy/${policyName}`;
}

/**
 * `aws:PrincipalOrgPaths` pattern of the accounts in an OU or any OU below it, wherever it sits
 * under the root (`o-.../r-.../.../ou-.../`).
 */
export function organizationPathPattern(organizationId: string, ouId: string): string {
  return `${organizationId}/*/${ouId}/*`;
}

/** The account itself as a principal: whoever the account's IAM policies allow. */
export function accountRootArn(accountId: string): string {
  return arn('iam', '', accountId, 'root');
}

/**
 * The Macie service-linked roles that may read and decrypt the central invocation logs.
 * Macie's documentation says a job reads a member's objects through the service-linked
 * role of the account that owns the bucket (log-archive), and the key policy must allow
 * that role; the sources we could check do not settle whether the delegated
 * administrator's own role (audit) is used for cross-account reads, so both are granted.
 * Both roles are service-linked: only Macie can assume them. See docs/macie.md.
 */
export function macieServiceLinkedRoleArns(config: BaselineConfig): string[] {
  return [config.coreAccounts.logArchive, config.coreAccounts.audit].map((account) =>
    roleArn(account, `aws-service-role/${SERVICE_PRINCIPALS.macie}/AWSServiceRoleForAmazonMacie`),
  );
}

/** ARN of a KMS key by id; `*` for every key of the account and region. */
export function kmsKeyArn(region: string, accountId: string, keyId: string): string {
  return arn('kms', region, accountId, `key/${keyId}`);
}

/** ARN of a KMS alias (`alias/...`); `*` patterns for the region or account. */
export function kmsAliasArn(region: string, accountId: string, aliasName: string): string {
  return arn('kms', region, accountId, aliasName);
}

/** Alias ARN of a central key in the log-archive account, for principals of other accounts. */
export function centralKeyAliasArn(config: BaselineConfig, purpose: string): string {
  return kmsAliasArn(config.organization.homeRegion, config.coreAccounts.logArchive, kmsAliasName(purpose));
}

/** ARN of a CloudTrail trail; `*` patterns for the region or name. */
export function trailArn(region: string, accountId: string, trailName: string): string {
  return arn('cloudtrail', region, accountId, `trail/${trailName}`);
}

/** ARN of the organization trail (the central bucket and key policies name it). */
export function organizationTrailArn(config: BaselineConfig): string {
  return trailArn(config.organization.homeRegion, config.organization.managementAccountId, ORGANIZATION_TRAIL_NAME);
}

/** ARN of a CloudWatch Logs group, as CloudWatch Logs reports it (without the `:*` suffix). */
export function logGroupArn(region: string, accountId: string, logGroupName: string): string {
  return arn('logs', region, accountId, `log-group:${logGroupName}`);
}

/** ARN of the organization trail's log group (also the KMS encryption context of its events). */
export function organizationTrailLogGroupArn(config: BaselineConfig): string {
  return logGroupArn(config.organization.homeRegion, config.organization.managementAccountId, ORGANIZATION_TRAIL_LOG_GROUP_NAME);
}

/** ARN of the invocation-log group in one workload account and region (also the KMS encryption context of its events). */
export function invocationLogGroupArn(accountId: string, region: string): string {
  return logGroupArn(region, accountId, INVOCATION_LOG_GROUP_NAME);
}

/** ARN of an SNS topic. */
export function snsTopicArn(region: string, accountId: string, topicName: string): string {
  return arn('sns', region, accountId, topicName);
}

/** ARN of an EventBridge rule on the default bus. */
export function eventRuleArn(region: string, accountId: string, ruleName: string): string {
  return arn('events', region, accountId, `rule/${ruleName}`);
}

/** ARN of an EventBridge event bus; `default` is the bus AWS services publish to. */
export function eventBusArn(region: string, accountId: string, busName = 'default'): string {
  return arn('events', region, accountId, `event-bus/${busName}`);
}

/** ARN of a Security Hub CSPM standard in a region, from its path (`standards/<name>/v/<version>`); standards belong to no account. */
export function securityHubStandardArn(region: string, standardPath: string): string {
  return arn('securityhub', region, '', standardPath);
}

/** ARN of a CloudWatch alarm. */
export function cloudWatchAlarmArn(region: string, accountId: string, alarmName: string): string {
  return arn('cloudwatch', region, accountId, `alarm:${alarmName}`);
}

/** A Bedrock resource of an account and region; `*` for every resource: what Bedrock presents as `aws:SourceArn`. */
export function bedrockArn(region: string, accountId: string, resource: string): string {
  return arn('bedrock', region, accountId, resource);
}

/** A bedrock-mantle resource of an account and region, e.g. `project/*`. */
export function bedrockMantleArn(region: string, accountId: string, resource: string): string {
  return arn('bedrock-mantle', region, accountId, resource);
}

/** A foundation model (owned by no account); region `*` for whichever region a profile routes to. */
export function foundationModelArn(region: string, modelId: string): string {
  return bedrockArn(region, '', `foundation-model/${modelId}`);
}

/** An inference profile, e.g. `us.<model id>` for a system-defined geographic profile. */
export function inferenceProfileArn(region: string, accountId: string, profileId: string): string {
  return bedrockArn(region, accountId, `inference-profile/${profileId}`);
}

/** A guardrail, without a version (its DRAFT as an identifier). */
export function guardrailArn(region: string, accountId: string, guardrailId: string): string {
  return bedrockArn(region, accountId, `guardrail/${guardrailId}`);
}

/** A system-defined guardrail profile, which routes guardrail evaluation within its geography. */
export function guardrailProfileArn(region: string, accountId: string, profileId: string): string {
  return bedrockArn(region, accountId, `guardrail-profile/${profileId}`);
}

/** `<guardrail ARN>:<version>`: how BEDROCK_POLICY and the bedrock:GuardrailIdentifier key name a version; `*` for any published one. */
export function guardrailVersionArn(guardrail: string, version: string): string {
  return `${guardrail}:${version}`;
}

/** The guardrail ARN of a `<guardrail ARN>:<version>` identifier. */
export function guardrailOfVersion(identifier: string): string {
  return identifier.replace(/:[^:/]+$/, '');
}

/** The parts of a guardrail ARN with or without a version; undefined for anything else. */
export function parseGuardrailArn(
  identifier: string,
): { region: string; accountId: string; guardrailId: string; version: string | undefined } | undefined {
  const match = /^arn:aws:bedrock:([a-z0-9-]+):(\d{12}):guardrail\/([a-z0-9]+)(?::(.*))?$/.exec(identifier);
  if (!match) return undefined;
  const [, region, accountId, guardrailId, version] = match as unknown as [string, string, string, string, string | undefined];
  return { region, accountId, guardrailId, version };
}
