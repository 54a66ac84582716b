/**
 * Estimate of what the scheduled classification job over the invocation logs costs a
 * month. Pure arithmetic over Macie's list prices, so the docs table and the config's
 * cost ceiling come from the same numbers.
 *
 * Prices: US East (N. Virginia) list prices on https://aws.amazon.com/macie/pricing/,
 * read on 2026-11-21: sensitive data discovery $1.00 per GB for the first 50,000 GB a
 * month after a free first GB, and preventative control monitoring $0.10 per S3 bucket
 * a month. The lower rates above 50,000 GB a month were not confirmed, so the estimate
 * keeps $1.00 per GB there: above that volume it is an upper bound. Other regions cost
 * more or less; the estimate is for budgeting, the Macie console shows the real figure.
 *
 * Macie bills the uncompressed bytes it analyzes. Invocation logs are gzipped JSON, so
 * the input is the uncompressed volume a day, not the size S3 shows (see docs/macie.md
 * for how to measure it); no compression ratio is guessed here.
 */

export const MACIE_PRICES = {
  /** Where and when the prices below were read. */
  source: 'https://aws.amazon.com/macie/pricing/ (us-east-1), read 2026-11-21',
  /** Sensitive data discovery that is free every month, per account and region. */
  freeGbPerMonth: 1,
  /** Sensitive data discovery, first 50,000 GB a month. */
  usdPerGb: 1.0,
  /** Volume up to which usdPerGb is the published rate; above it the estimate is an upper bound. */
  usdPerGbValidUpToGbPerMonth: 50_000,
  /** Preventative control monitoring (bucket inventory and evaluation), per bucket and month. */
  usdPerBucketMonth: 0.1,
} as const;

/** Average days in a month over a leap-year cycle. */
export const DAYS_PER_MONTH = 365.25 / 12;

export type ScheduleFrequency = 'daily' | 'weekly' | 'monthly';

const RUNS_PER_MONTH: Readonly<Record<ScheduleFrequency, number>> = {
  daily: DAYS_PER_MONTH,
  weekly: DAYS_PER_MONTH / 7,
  monthly: 1,
};

export interface MacieCostInputs {
  /** Invocation logs written a day, uncompressed, in GB. */
  readonly uncompressedGbPerDay: number;
  /** Share of eligible objects each run analyzes, 1-100. */
  readonly samplingPercentage: number;
  /** How often the job runs. */
  readonly schedule: ScheduleFrequency;
  /** S3 buckets Macie monitors in the accounts it is enabled for (each costs usdPerBucketMonth). */
  readonly monitoredBuckets: number;
}

export interface MacieCostEstimate {
  /** Job runs in an average month. */
  readonly runsPerMonth: number;
  /** Uncompressed GB one run analyzes: only objects written since the previous run are eligible. */
  readonly analyzedGbPerRun: number;
  /** Uncompressed GB analyzed in an average month. */
  readonly analyzedGbPerMonth: number;
  /** Sensitive data discovery charge, USD a month. */
  readonly discoveryUsdPerMonth: number;
  /** Bucket monitoring charge, USD a month. */
  readonly bucketMonitoringUsdPerMonth: number;
  /** Both charges, USD a month. */
  readonly totalUsdPerMonth: number;
  /** True when the volume is beyond the confirmed price tier, so the estimate is an upper bound. */
  readonly upperBound: boolean;
}

function discoveryUsd(analyzedGb: number): number {
  return Math.max(0, analyzedGb - MACIE_PRICES.freeGbPerMonth) * MACIE_PRICES.usdPerGb;
}

function checkInputs(inputs: MacieCostInputs): void {
  if (!(inputs.uncompressedGbPerDay >= 0)) throw new RangeError(`uncompressedGbPerDay must be >= 0, got ${inputs.uncompressedGbPerDay}`);
  if (!(inputs.samplingPercentage >= 1 && inputs.samplingPercentage <= 100))
    throw new RangeError(`samplingPercentage must be 1-100, got ${inputs.samplingPercentage}`);
  if (!(inputs.monitoredBuckets >= 0)) throw new RangeError(`monitoredBuckets must be >= 0, got ${inputs.monitoredBuckets}`);
}

/**
 * Steady-state monthly cost of the scheduled job. A scheduled run analyzes only the
 * objects created or changed since the previous run, so the schedule changes how much
 * each run reads and how soon a finding appears, not the monthly volume.
 */
export function estimateMacieMonthlyCost(inputs: MacieCostInputs): MacieCostEstimate {
  checkInputs(inputs);
  const analyzedGbPerMonth = inputs.uncompressedGbPerDay * DAYS_PER_MONTH * (inputs.samplingPercentage / 100);
  const runsPerMonth = RUNS_PER_MONTH[inputs.schedule];
  const discoveryUsdPerMonth = discoveryUsd(analyzedGbPerMonth);
  const bucketMonitoringUsdPerMonth = inputs.monitoredBuckets * MACIE_PRICES.usdPerBucketMonth;
  return {
    runsPerMonth,
    analyzedGbPerRun: analyzedGbPerMonth / runsPerMonth,
    analyzedGbPerMonth,
    discoveryUsdPerMonth,
    bucketMonitoringUsdPerMonth,
    totalUsdPerMonth: discoveryUsdPerMonth + bucketMonitoringUsdPerMonth,
    upperBound: analyzedGbPerMonth > MACIE_PRICES.usdPerGbValidUpToGbPerMonth,
  };
}

/**
 * One-off cost of analyzing the objects already in the bucket when a job is created
 * with `analyzeExistingObjects` (initial_run): every replacement of the job pays it
 * again. The free GB is left out, since the month's regular runs use it.
 */
export function estimateInitialRunCost(existingUncompressedGb: number, samplingPercentage: number): number {
  checkInputs({ uncompressedGbPerDay: existingUncompressedGb, samplingPercentage, schedule: 'monthly', monitoredBuckets: 0 });
  return existingUncompressedGb * (samplingPercentage / 100) * MACIE_PRICES.usdPerGb;
}
