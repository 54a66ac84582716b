/**
 * Names of the resources the baseline creates. Stacks never reference each other across
 * accounts, so these deterministic names are the contract between one stack's resources
 * and another stack's policies, and between the resources and the SCPs that protect them.
 */
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { BASELINE_NAME_PREFIX } from './reserved-names';

type GuardrailProfileName = WorkloadAccount['guardrailProfile'];

/** Central bucket for the organization trail, in the log-archive account. */
export function cloudTrailBucketName(config: BaselineConfig): string {
  return `${BASELINE_NAME_PREFIX}cloudtrail-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Central bucket that workload accounts replicate invocation logs into. */
export function centralInvocationLogBucketName(config: BaselineConfig): string {
  return `${BASELINE_NAME_PREFIX}invocation-logs-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Server access logs of the central buckets. */
export function accessLogBucketName(config: BaselineConfig): string {
  return `${BASELINE_NAME_PREFIX}access-logs-${config.coreAccounts.logArchive}-${config.organization.homeRegion}`;
}

/** Local landing bucket of Bedrock invocation logs in a workload account and region (the tamper SCP passes IAM variables and wildcards). */
export function localInvocationLogBucketName(accountId: string, region: string): string {
  return `baseline-${accountId}-${region}`;
}

/** Server access logs of a workload account's landing bucket (S3 only logs to a bucket of the same account and region). */
export function localAccessLogBucketName(accountId: string, region: string): string {
  return `${localInvocationLogBucketName(accountId, region)}-access-logs`;
}

/** Name of the organization trail (its ARN is needed by the central bucket and key policies). */
export const ORGANIZATION_TRAIL_NAME = 'bedrock-governance-org-trail';

/** CloudWatch log group in the management account (home region) that the organization trail also delivers to, for alarms. */
export const ORGANIZATION_TRAIL_LOG_GROUP_NAME = '/bedrock-gov/organization-trail';

/** Role CloudTrail assumes to write the organization trail into that log group. */
export const ORGANIZATION_TRAIL_CLOUDWATCH_ROLE_NAME = `${BASELINE_NAME_PREFIX}org-trail-cloudwatch`;

/** Start of the alias of every key the baseline creates; the safeguard SCP protects the keys by it. */
export const KMS_ALIAS_PREFIX = `alias/${BASELINE_NAME_PREFIX.slice(0, -1)}/`;

/** KMS alias of a key the baseline creates, e.g. `alias/bedrock-gov/invocation-logs`. */
export function kmsAliasName(purpose: string): string {
  return `${KMS_ALIAS_PREFIX}${purpose}`;
}

/** Purposes of the baseline's KMS keys; each becomes the alias `kmsAliasName(purpose)`. */
export const KEY_PURPOSES = {
  /** Central key of the organization trail's log files (log-archive account). */
  cloudTrail: 'cloudtrail',
  /** Central key of the replicated invocation logs (log-archive account). */
  invocationLogs: 'invocation-logs',
  /** Per-region key of the landing bucket and log group in each workload account. */
  invocationLogLanding: 'invocation-log-landing',
  /** Key of the organization trail's CloudWatch log group (management account, home region). */
  organizationTrailLogGroup: 'organization-trail-log-group',
  /** Per-region key of a workload account's baseline guardrails. */
  guardrails: 'guardrails',
  /** Key of the Macie findings topic (audit account). */
  macieFindings: 'macie-findings',
  /** Key of the GuardDuty and Security Hub findings topic (audit account). */
  securityFindings: 'security-findings',
} as const;

/**
 * Key prefix under which Bedrock writes invocation logs of an account (fixed by Bedrock when
 * the logging configuration has no key prefix). Replicas keep the key, so the same prefix
 * separates the accounts in the central bucket.
 */
export function invocationLogKeyPrefix(accountId: string): string {
  return `AWSLogs/${accountId}/BedrockModelInvocationLogs/`;
}

/**
 * Start of the key of every invocation log in the central bucket. Bedrock logging has no
 * key prefix, so it writes `AWSLogs/<accountId>/BedrockModelInvocationLogs/...`, and
 * replication keeps keys: this one prefix covers every account, so the Macie job's scope
 * does not change (and the job is not replaced) when an account is added.
 */
export const CENTRAL_INVOCATION_LOG_OBJECT_PREFIX = 'AWSLogs/';

/** Prefix of every role of the invocation-log pipeline in a workload account. */
export const INVOCATION_LOG_ROLE_PREFIX = `${BASELINE_NAME_PREFIX}invocation-log-`;

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

/** Role applications of a workload account assume to invoke Bedrock with the baseline guardrail. */
export const GUARDED_INVOKE_ROLE_NAME = 'BedrockGuardedInvoke';

/** Inline policies of the roles the baseline creates. */
export const ROLE_POLICY_NAMES = {
  guardedInvoke: 'guarded-bedrock-invoke',
  invocationLogReplication: 'replicate-invocation-logs',
  invocationLogDelivery: 'deliver-invocation-logs',
  organizationTrailDelivery: 'deliver-organization-trail',
  findingsForwarding: 'forward-findings-to-home-region',
} as const;

/** Name of the guardrail every workload account gets per region. */
export function accountGuardrailName(profile: GuardrailProfileName): string {
  return `baseline-${profile}`;
}

/** Name of the management-account guardrail that BEDROCK_POLICY enforces. */
export function organizationGuardrailName(profile: GuardrailProfileName): string {
  return `org-baseline-${profile}`;
}

/**
 * Every alarm of the baseline and every alarm topic is named with this prefix: the alarm
 * topics accept only alarms so named, and the tamper SCP protects the names.
 */
export const ALARM_NAME_PREFIX = BASELINE_NAME_PREFIX;

/** Name of a baseline alarm (and of its metric filter), e.g. `bedrock-gov-BedrockRootUse`. */
export function alarmName(id: string): string {
  return `${ALARM_NAME_PREFIX}${id}`;
}

/** What each alarm topic is for: names the topic and its key's alias. */
export const ALARM_TOPIC_PURPOSES = {
  /** Alarms on the organization trail (management account). */
  security: 'security-alarms',
  /** Alarms on Bedrock's metrics (each workload account and region). */
  guardrail: 'guardrail-alarms',
} as const;

/** Name of the alarm topic for a purpose, e.g. `bedrock-gov-guardrail-alarms`. */
export function alarmTopicName(purpose: string): string {
  return `${ALARM_NAME_PREFIX}${purpose}`;
}

/** Name of the Macie findings topic and of the EventBridge rule that feeds it. */
export const MACIE_FINDINGS_NAME = `${BASELINE_NAME_PREFIX}macie-findings`;

/** The GuardDuty and Security Hub findings topic (audit account, home region). */
export const SECURITY_FINDINGS_TOPIC_NAME = `${BASELINE_NAME_PREFIX}security-findings`;

/** EventBridge rules of the audit account that publish to the security findings topic, by source. */
export const SECURITY_FINDINGS_RULE_NAMES = {
  guardDuty: `${BASELINE_NAME_PREFIX}guardduty-findings`,
  securityHub: `${BASELINE_NAME_PREFIX}securityhub-findings`,
} as const;

/** Rule in each other detector region that forwards GuardDuty findings to the home region's default event bus. */
export const GUARDDUTY_FINDINGS_FORWARD_RULE_NAME = `${BASELINE_NAME_PREFIX}guardduty-findings-forward`;

/** Role EventBridge assumes to put forwarded findings on the home region's default event bus. */
export const FINDINGS_FORWARDER_ROLE_NAME = `${BASELINE_NAME_PREFIX}findings-forwarder`;

/** Security Hub CSPM configuration policy of the governed OUs and core accounts. */
export const SECURITY_HUB_CONFIGURATION_POLICY_NAME = `${BASELINE_NAME_PREFIX}detective-baseline`;

/** Organizations policies of the baseline besides its SCPs. */
export const ORGANIZATION_POLICY_NAMES = {
  /** TAG_POLICY requiring the mandatory tags on Bedrock guardrails. */
  mandatoryTags: 'BedrockGuardrailMandatoryTags',
  /** BEDROCK_POLICY enforcing the organization guardrail. */
  organizationGuardrail: 'BedrockOrganizationGuardrail',
} as const;

/** The baseline's service control policies. */
export const SCP_NAMES = {
  outsideApprovedUse: 'DenyBedrockOutsideApprovedUse',
  governanceTampering: 'DenyBedrockGovernanceTampering',
  requireResourceTags: 'RequireBedrockResourceTags',
  inferenceOutsideVpcs: 'DenyBedrockInferenceOutsideVpcs',
  safeguardTampering: 'DenyBaselineSafeguardTampering',
  coreAccountTampering: 'DenyCoreAccountTampering',
} as const;

/** Start of the name of every OU's Bedrock perimeter SCP. */
export const PERIMETER_SCP_PREFIX = `${SCP_NAMES.outsideApprovedUse}-`;

/** Organizations name of the Bedrock perimeter SCP of one OU (each OU has its own regions, models and opt-ins). */
export function perimeterScpName(ouId: string): string {
  return `${PERIMETER_SCP_PREFIX}${ouId}`;
}

/** Start of the name of the network-perimeter SCP of every OU that turns it on. */
export const NETWORK_PERIMETER_SCP_PREFIX = `${SCP_NAMES.inferenceOutsideVpcs}-`;

/** Organizations name of the network-perimeter SCP of one OU (it lists the VPCs of that OU's accounts). */
export function networkPerimeterScpName(ouId: string): string {
  return `${NETWORK_PERIMETER_SCP_PREFIX}${ouId}`;
}

/** Security group of the Bedrock interface endpoints in each workload account VPC (one VPC per region). */
export const ENDPOINT_SECURITY_GROUP_NAME = `${BASELINE_NAME_PREFIX}endpoints`;
