/**
 * What the baseline needs from the organization itself: the policy types enabled on the
 * root and the services with trusted access. org-governance sets them up, and `baseline
 * preflight` checks them before the first deploy, from this one list.
 */
import type { BaselineConfig } from '../config/schema';
import { enforcedOrganizationGuardrail } from '../guardrails/spec';
import { SERVICE_PRINCIPALS } from '../naming/service-principals';

/** Policy types the baseline always needs enabled on the root. */
export const REQUIRED_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'] as const;

/** Policy types the baseline of `config` needs on the root: the required ones, and BEDROCK_POLICY for an enforced organization guardrail. */
export function baselinePolicyTypes(config: BaselineConfig): string[] {
  return [...REQUIRED_POLICY_TYPES, ...(enforcedOrganizationGuardrail(config) ? ['BEDROCK_POLICY'] : [])].sort();
}

/** Every policy type enabled on the root: the baseline's and the config's additions. */
export function enabledPolicyTypes(config: BaselineConfig): string[] {
  return [...new Set([...baselinePolicyTypes(config), ...config.organization.additionalPolicyTypes])].sort();
}

/** Services that always need trusted access for the baseline's org-wide features: the organization trail and Macie. */
export const REQUIRED_SERVICE_ACCESS_PRINCIPALS = [SERVICE_PRINCIPALS.cloudTrail, SERVICE_PRINCIPALS.macie] as const;

/** Services the baseline of `config` needs trusted access for: the required ones, and GuardDuty and Security Hub when they are on. */
export function baselineServiceAccessPrincipals(config: BaselineConfig): string[] {
  const { detection } = config;
  return [
    ...REQUIRED_SERVICE_ACCESS_PRINCIPALS,
    ...(detection.guardDuty.enabled ? [SERVICE_PRINCIPALS.guardDuty] : []),
    ...(detection.securityHub.enabled ? [SERVICE_PRINCIPALS.securityHub] : []),
  ].sort();
}
