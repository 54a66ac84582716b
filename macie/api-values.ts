/**
 * The Macie API literals the baseline writes into Terraform and event patterns, in one
 * place. The SDK client that defines them is a dev dependency only, so the runtime code
 * carries its own copies and a test checks each one against @aws-sdk/client-macie2.
 */

/** `job_type` of a recurring classification job (the other value, ONE_TIME, is never used: see docs/macie.md). */
export const JOB_TYPE_SCHEDULED = 'SCHEDULED';
/** Scope key that filters a job's objects by their key. */
export const SCOPE_KEY_OBJECT_KEY = 'OBJECT_KEY';
/** Scope comparator for a key prefix. */
export const COMPARATOR_STARTS_WITH = 'STARTS_WITH';
/** Job status that keeps a scheduled job running. */
export const JOB_STATUS_RUNNING = 'RUNNING';
/** Job status of a job paused by its owner; Macie cancels it after 30 days in this state. */
export const JOB_STATUS_USER_PAUSED = 'USER_PAUSED';
/** Status of an enabled Macie account or member. */
export const MACIE_STATUS_ENABLED = 'ENABLED';

/**
 * What CreateClassificationJob uses when `managedDataIdentifierSelector` is not sent,
 * which is always the case here: aws_macie2_classification_job has no such argument
 * (hashicorp/terraform-provider-aws#21952).
 */
export const MANAGED_IDENTIFIER_SELECTOR_API_DEFAULT = 'RECOMMENDED';

/** How often Macie publishes updates to existing policy findings. */
export const FINDING_PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const;
export type FindingPublishingFrequency = (typeof FINDING_PUBLISHING_FREQUENCIES)[number];

/** Days a weekly job may run on. */
export const DAYS_OF_WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

/** Finding severities as a finding event spells them (`detail.severity.description`), lowest first. */
export const FINDING_SEVERITIES = ['Low', 'Medium', 'High'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/**
 * Severity Macie gives every finding of a custom data identifier that has no
 * `severityLevels`; aws_macie2_custom_data_identifier cannot set them.
 */
export const CUSTOM_IDENTIFIER_FINDING_SEVERITY: FindingSeverity = 'Medium';

/** `source` and `detail-type` of the EventBridge event Macie publishes for a finding. */
export const FINDING_EVENT_SOURCE = 'aws.macie';
export const FINDING_EVENT_DETAIL_TYPE = 'Macie Finding';

/** The severities at or above `minimum`, lowest first. */
export function severitiesAtLeast(minimum: FindingSeverity): FindingSeverity[] {
  return FINDING_SEVERITIES.slice(FINDING_SEVERITIES.indexOf(minimum));
}
