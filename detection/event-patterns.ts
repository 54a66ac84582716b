/**
 * The EventBridge patterns of the findings the baseline sends to people. Pure data, so
 * the tests can run each pattern against sample events (EventBridge's TestEventPattern
 * semantics for the operators used here: exact values, `numeric` and `prefix`).
 */
import {
  BEDROCK_CONTROL_ID_PREFIX,
  GUARDDUTY_EVENT_SOURCE,
  GUARDDUTY_FINDING_DETAIL_TYPE,
  GUARDDUTY_SEVERITY_FLOORS,
  SECURITY_HUB_COMPLIANCE_FAILED,
  SECURITY_HUB_EVENT_SOURCE,
  SECURITY_HUB_IMPORTED_DETAIL_TYPE,
  SECURITY_HUB_RECORD_ACTIVE,
  SECURITY_HUB_WORKFLOW_NEW,
  securityHubSeveritiesAtLeast,
  type GuardDutySeverity,
  type SecurityHubSeverity,
} from './api-values';

/** GuardDuty findings of any type at or above `minimum` (numeric severity, e.g. High is 7.0 and up). */
export function guardDutyFindingsPattern(minimum: GuardDutySeverity): object {
  return {
    source: [GUARDDUTY_EVENT_SOURCE],
    'detail-type': [GUARDDUTY_FINDING_DETAIL_TYPE],
    detail: { severity: [{ numeric: ['>=', GUARDDUTY_SEVERITY_FLOORS[minimum]] }] },
  };
}

/**
 * Failed, active, untriaged Security Hub control findings of the Bedrock and AgentCore
 * controls at or above `minimum`. GuardDuty findings that Security Hub also imports carry
 * no control id, so they reach people once, through the GuardDuty rule.
 */
export function securityHubBedrockFindingsPattern(minimum: SecurityHubSeverity): object {
  return {
    source: [SECURITY_HUB_EVENT_SOURCE],
    'detail-type': [SECURITY_HUB_IMPORTED_DETAIL_TYPE],
    detail: {
      findings: {
        Compliance: { Status: [SECURITY_HUB_COMPLIANCE_FAILED], SecurityControlId: [{ prefix: BEDROCK_CONTROL_ID_PREFIX }] },
        Severity: { Label: securityHubSeveritiesAtLeast(minimum) },
        RecordState: [SECURITY_HUB_RECORD_ACTIVE],
        Workflow: { Status: [SECURITY_HUB_WORKFLOW_NEW] },
      },
    },
  };
}
