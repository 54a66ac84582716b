/**
 * Estimate of what GuardDuty (foundational detection and AI Protection) and Security Hub
 * CSPM cost a month for the organization. Pure arithmetic over list prices, so the docs
 * table and the config's cost ceiling come from the same numbers.
 *
 * Prices: US East (N. Virginia) list prices.
 * - GuardDuty, https://aws.amazon.com/guardduty/pricing/, as transcribed on 2026-10-07 by
 *   api-evangelist/amazon-guardduty (plans/amazon-guardduty-plans-pricing.yml; the page
 *   itself could not be read offline): CloudTrail management event analysis $4.00 per
 *   million events (its volume tiers were not captured, so $4.00 applies throughout, which
 *   can only overstate); VPC flow and DNS query log analysis $1.00 per GB for the first 500 GB;
 *   AI Protection (CloudTrail AI data event analysis) $1.00 per GB for the first 500 GB.
 *   The lower rates of higher tiers were not confirmed, so the estimate keeps the first
 *   rate throughout and marks itself an upper bound beyond the first tier.
 * - Security Hub CSPM, https://aws.amazon.com/security-hub/pricing/ as quoted for us-east-1
 *   in the AWS GCR security best-practices guide (aws-gcr-wwso-security.gitbook.io): security
 *   checks $0.0010 each for the first 100,000 per account and region a month, $0.0008 for
 *   the next 400,000, $0.0005 beyond; finding ingestion free for control findings and the
 *   first 10,000 other events per account and region a month.
 * Not in the estimate: the 30-day free trials, AWS Config recording (Security Hub CSPM
 * needs it in every account and region it covers, billed by Config), finding ingestion
 * beyond the free events, the optional GuardDuty protection plans the baseline leaves off,
 * and the consolidated per-resource pricing of the newer Security Hub plan. The GuardDuty
 * and Security Hub usage pages of the audit account show the real figures.
 */

export const DETECTION_PRICES = {
  /** Where and when the prices below were read. */
  sources: [
    'https://aws.amazon.com/guardduty/pricing/ (us-east-1), as transcribed 2026-10-07',
    'https://aws.amazon.com/security-hub/pricing/ (us-east-1), as quoted in the AWS GCR security best-practices guide',
  ],
  guardDuty: {
    /** CloudTrail management event analysis, per million events. */
    usdPerMillionManagementEvents: 4.0,
    /** VPC flow and DNS query log analysis, per GB, first tier. */
    usdPerGbFlowAndDns: 1.0,
    /** AI Protection, per GB of CloudTrail AI events analyzed, first tier. */
    usdPerGbAiEvents: 1.0,
    /** Monthly GB up to which the per-GB rates above are the published ones (per account and region for flow logs, per account for AI events). */
    firstTierGb: 500,
  },
  securityHub: {
    /** Security checks per account and region a month: [checks in the tier, USD per check]; the last tier is open-ended. */
    checkTiers: [
      [100_000, 0.001],
      [400_000, 0.0008],
      [Infinity, 0.0005],
    ] as ReadonlyArray<readonly [number, number]>,
  },
} as const;

export interface DetectionCostInputs {
  /** Accounts GuardDuty covers (auto-enable covers every account of the organization). */
  readonly accounts: number;
  /** Regions with a GuardDuty detector. */
  readonly guardDutyRegions: number;
  /** Whether AI Protection is on. */
  readonly aiProtection: boolean;
  /** Accounts the Security Hub configuration policy enables (0 when Security Hub is off). */
  readonly securityHubAccounts: number;
  /** Regions Security Hub CSPM runs checks in (home and linked regions). */
  readonly securityHubRegions: number;
  /** CloudTrail management events per account and region a month, in millions. */
  readonly managementEventsMillionsPerAccountRegion: number;
  /** VPC flow and DNS query logs per account and region a month, in GB. */
  readonly vpcFlowAndDnsGbPerAccountRegion: number;
  /** Bedrock and SageMaker AI CloudTrail events a month across the organization, in GB. */
  readonly aiEventsGbPerMonth: number;
  /** Security Hub CSPM control checks per account and region a month. */
  readonly securityChecksPerAccountRegion: number;
}

export interface DetectionCostEstimate {
  /** GuardDuty foundational detection (management events, flow and DNS logs), USD a month. */
  readonly guardDutyFoundationalUsd: number;
  /** GuardDuty AI Protection, USD a month. */
  readonly aiProtectionUsd: number;
  /** Security Hub CSPM security checks, USD a month. */
  readonly securityHubUsd: number;
  /** All of the above. */
  readonly totalUsd: number;
  /** True when a volume is beyond a first tier whose lower rates were not confirmed: the estimate is then an upper bound. */
  readonly upperBound: boolean;
}

function checkInputs(inputs: DetectionCostInputs): void {
  for (const [name, value] of Object.entries(inputs)) {
    if (typeof value === 'number' && !(value >= 0 && Number.isFinite(value)))
      throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Cost of `checks` security checks in one account and region a month, over the tiers. */
export function securityCheckUsd(checks: number): number {
  let remaining = checks;
  let usd = 0;
  for (const [size, rate] of DETECTION_PRICES.securityHub.checkTiers) {
    const inTier = Math.min(remaining, size);
    usd += inTier * rate;
    remaining -= inTier;
    if (remaining <= 0) break;
  }
  return usd;
}

/** Steady-state monthly cost after the free trials. */
export function estimateDetectionMonthlyCost(inputs: DetectionCostInputs): DetectionCostEstimate {
  checkInputs(inputs);
  const prices = DETECTION_PRICES.guardDuty;
  const accountRegions = inputs.accounts * inputs.guardDutyRegions;
  const guardDutyFoundationalUsd =
    accountRegions *
    (inputs.managementEventsMillionsPerAccountRegion * prices.usdPerMillionManagementEvents +
      inputs.vpcFlowAndDnsGbPerAccountRegion * prices.usdPerGbFlowAndDns);
  const aiProtectionUsd = inputs.aiProtection && inputs.guardDutyRegions > 0 ? inputs.aiEventsGbPerMonth * prices.usdPerGbAiEvents : 0;
  const securityHubUsd = inputs.securityHubAccounts * inputs.securityHubRegions * securityCheckUsd(inputs.securityChecksPerAccountRegion);
  // Per-account AI volume is unknown; the organization's total over the accounts is its average.
  const aiGbPerAccount = inputs.accounts > 0 ? inputs.aiEventsGbPerMonth / inputs.accounts : 0;
  const upperBound =
    (accountRegions > 0 && inputs.vpcFlowAndDnsGbPerAccountRegion > prices.firstTierGb) ||
    (aiProtectionUsd > 0 && aiGbPerAccount > prices.firstTierGb);
  return {
    guardDutyFoundationalUsd,
    aiProtectionUsd,
    securityHubUsd,
    totalUsd: guardDutyFoundationalUsd + aiProtectionUsd + securityHubUsd,
    upperBound,
  };
}
