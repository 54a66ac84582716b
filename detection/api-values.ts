/**
 * The GuardDuty, Security Hub CSPM and EventBridge literals the baseline writes, in one
 * place. The SDK clients that define them are dev dependencies only, so the runtime code
 * carries its own copies; test/detection/api-values.test.ts checks each one against
 * @aws-sdk/client-guardduty and @aws-sdk/client-securityhub, or against the AWS document
 * named where no SDK enum exists.
 */

/** GuardDuty feature (OrgFeature, DetectorFeature) that analyzes Bedrock and SageMaker AI events. */
export const GUARDDUTY_AI_PROTECTION_FEATURE = 'AI_PROTECTION';
/** AutoEnableMembers / OrgFeatureStatus: every account of the organization, present and future. */
export const GUARDDUTY_AUTO_ENABLE_ALL = 'ALL';
/** FeatureStatus of a feature switched on in one detector. */
export const GUARDDUTY_FEATURE_ENABLED = 'ENABLED';

/** How often GuardDuty publishes updates to existing findings (FindingPublishingFrequency). */
export const GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;
export type GuardDutyFindingPublishingFrequency = (typeof GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES)[number];

/**
 * GuardDuty severity levels, lowest first, with the lowest numeric severity of each: the
 * SDK documents the levels as Low 1-3, Medium 4-6, High 7-8, Critical 9-10 (the `severity`
 * criterion of FindingCriteria); a finding event carries the number (e.g. 7.5).
 */
export const GUARDDUTY_SEVERITY_FLOORS = { Low: 1, Medium: 4, High: 7, Critical: 9 } as const;
export type GuardDutySeverity = keyof typeof GUARDDUTY_SEVERITY_FLOORS;
export const GUARDDUTY_SEVERITIES = Object.keys(GUARDDUTY_SEVERITY_FLOORS) as [GuardDutySeverity, ...GuardDutySeverity[]];

/** Security Hub severity labels (SeverityLabel), lowest first; INFORMATIONAL is never routed. */
export const SECURITY_HUB_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type SecurityHubSeverity = (typeof SECURITY_HUB_SEVERITIES)[number];

/** The Security Hub labels at or above `minimum`, lowest first. */
export function securityHubSeveritiesAtLeast(minimum: SecurityHubSeverity): SecurityHubSeverity[] {
  return SECURITY_HUB_SEVERITIES.slice(SECURITY_HUB_SEVERITIES.indexOf(minimum));
}

/** OrganizationConfigurationConfigurationType: the delegated administrator configures every account by policy. */
export const SECURITY_HUB_CONFIGURATION_CENTRAL = 'CENTRAL';
/** AutoEnableStandards: central configuration decides the standards, not the default set. */
export const SECURITY_HUB_AUTO_ENABLE_STANDARDS_NONE = 'NONE';
/** ControlFindingGenerator: one finding per control across standards (central configuration needs it). */
export const SECURITY_HUB_CONTROL_FINDINGS_CONSOLIDATED = 'SECURITY_CONTROL';
/**
 * RegionLinkingMode of the finding aggregator; the SDK has no enum, its documentation of
 * CreateFindingAggregator names the modes (ALL_REGIONS, ALL_REGIONS_EXCEPT_SPECIFIED,
 * SPECIFIED_REGIONS, NO_REGIONS).
 */
export const SECURITY_HUB_LINK_SPECIFIED_REGIONS = 'SPECIFIED_REGIONS';
export const SECURITY_HUB_LINK_NO_REGIONS = 'NO_REGIONS';

/**
 * Security Hub CSPM standards the config can enable, by config name -> the ARN path after
 * `arn:aws:securityhub:<region>::`. AI Security Best Practices: Security Hub CSPM user
 * guide, "AI Security Best Practices standard in Security Hub CSPM" (standards-ai-security);
 * AWS Foundational Security Best Practices: the same guide, and the SDK's examples of
 * CreateConfigurationPolicy. Neither has an SDK enum: standard ARNs are strings.
 */
export const SECURITY_HUB_STANDARDS = {
  'ai-security-best-practices': 'standards/ai-security-best-practices/v/1.0.0',
  'aws-foundational-security-best-practices': 'standards/aws-foundational-security-best-practices/v/1.0.0',
} as const;
export type SecurityHubStandard = keyof typeof SECURITY_HUB_STANDARDS;
export const SECURITY_HUB_STANDARD_NAMES = Object.keys(SECURITY_HUB_STANDARDS) as [SecurityHubStandard, ...SecurityHubStandard[]];

/**
 * Prefix of the Security Hub control ids about Bedrock and AgentCore (`Bedrock.1`,
 * `BedrockAgentCore.1`-`.7` in the AI standard): what the Security Hub findings rule forwards.
 */
export const BEDROCK_CONTROL_ID_PREFIX = 'Bedrock';

/**
 * `source` and `detail-type` of the EventBridge events of a finding (GuardDuty user guide,
 * "Creating custom responses to GuardDuty findings with Amazon EventBridge"; Security Hub
 * CSPM user guide, "EventBridge event formats": findings imported into Security Hub).
 */
export const GUARDDUTY_EVENT_SOURCE = 'aws.guardduty';
export const GUARDDUTY_FINDING_DETAIL_TYPE = 'GuardDuty Finding';
export const SECURITY_HUB_EVENT_SOURCE = 'aws.securityhub';
export const SECURITY_HUB_IMPORTED_DETAIL_TYPE = 'Security Hub Findings - Imported';
/** Compliance.Status of a failed control check, RecordState of a live finding, Workflow.Status of an untriaged one. */
export const SECURITY_HUB_COMPLIANCE_FAILED = 'FAILED';
export const SECURITY_HUB_RECORD_ACTIVE = 'ACTIVE';
export const SECURITY_HUB_WORKFLOW_NEW = 'NEW';
