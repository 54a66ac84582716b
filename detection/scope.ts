/**
 * Where the detective services of a config run and whom they cover, derived once for the
 * stacks, the preflight checks and the cost estimate.
 */
import type { BaselineConfig } from '../config/schema';
import { securityHubStandardArn } from '../naming/arns';
import { SECURITY_HUB_STANDARDS } from './api-values';
import type { DetectionCostInputs } from './cost';

/** Regions with a GuardDuty detector: the home region and every region Bedrock may be used in; none when GuardDuty is off. */
export function guardDutyRegions(config: BaselineConfig): string[] {
  if (!config.detection.guardDuty.enabled) return [];
  return [...new Set([config.organization.homeRegion, ...config.governance.allowedRegions])].sort();
}

/** Regions whose Security Hub findings are aggregated into the home region and which central configuration covers. */
export function securityHubLinkedRegions(config: BaselineConfig): string[] {
  if (!config.detection.securityHub.enabled) return [];
  return config.governance.allowedRegions.filter((region) => region !== config.organization.homeRegion);
}

/** What the Security Hub configuration policy is associated with: the governed OUs and the log-archive and audit accounts. */
export function securityHubTargets(config: BaselineConfig): string[] {
  return [...config.organizationalUnits.map((ou) => ou.id), config.coreAccounts.logArchive, config.coreAccounts.audit].sort();
}

/** ARNs of the standards the configuration policy enables, as home-region ARNs. */
export function securityHubStandardArns(config: BaselineConfig): string[] {
  return config.detection.securityHub.standards
    .map((standard) => securityHubStandardArn(config.organization.homeRegion, SECURITY_HUB_STANDARDS[standard]))
    .sort();
}

/** Who receives GuardDuty and Security Hub findings: the detection subscriptions, else Macie's. */
export function securityFindingsSubscriptions(config: BaselineConfig): BaselineConfig['macie']['findings']['subscriptions'] {
  return config.detection.findings.subscriptions ?? config.macie.findings.subscriptions;
}

/** The cost estimate's inputs for `config`: its regions and accounts, and the volumes of detection.costEstimate. */
export function detectionCostInputs(config: BaselineConfig): DetectionCostInputs {
  const { guardDuty, costEstimate } = config.detection;
  // Without a count, the workload accounts of the file and the three core accounts.
  const accounts = costEstimate.organizationAccounts ?? config.workloadAccounts.length + 3;
  const securityHubOn = config.detection.securityHub.enabled;
  return {
    accounts,
    guardDutyRegions: guardDutyRegions(config).length,
    aiProtection: guardDuty.enabled && guardDuty.aiProtection,
    // The policy covers the governed OUs and the log-archive and audit accounts: at most every account but the management account.
    securityHubAccounts: securityHubOn ? accounts - 1 : 0,
    securityHubRegions: securityHubOn ? 1 + securityHubLinkedRegions(config).length : 0,
    managementEventsMillionsPerAccountRegion: costEstimate.managementEventsMillionsPerAccountRegion,
    vpcFlowAndDnsGbPerAccountRegion: costEstimate.vpcFlowAndDnsGbPerAccountRegion,
    aiEventsGbPerMonth: costEstimate.aiEventsGbPerMonth,
    securityChecksPerAccountRegion: costEstimate.securityChecksPerAccountRegion,
  };
}
