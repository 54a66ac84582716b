/**
 * The alarms on the organization trail, by id (metric name and alarm name suffix). The
 * config names them (alarms.organizationTrail.thresholds), so the list lives apart from
 * the definitions, which need the SCPs' action lists.
 */

export const CLOUDTRAIL_ALARM_IDS = [
  'BedrockAccessDenied',
  'BedrockGuardrailChange',
  'BedrockInvocationLoggingChange',
  'BedrockEnforcedGuardrailChange',
  'BedrockOrganizationGuardrailPolicyChange',
  'BedrockRootUse',
  'BedrockBreakGlassUse',
  'BaselineTrustedRoleChange',
  'BaselineOrganizationChange',
  'BaselineTrailChange',
  'BaselineManagementMonitoringChange',
] as const;
export type CloudTrailAlarmId = (typeof CLOUDTRAIL_ALARM_IDS)[number];
/** The alarm that exists only when break-glass roles are configured. */
export const BREAK_GLASS_ALARM_ID: CloudTrailAlarmId = 'BedrockBreakGlassUse';
