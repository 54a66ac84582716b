/**
 * The Macie cost estimate against hand-computed cases (a month is 365.25 / 12 =
 * 30.4375 days; the first GB a month is free; $1.00 per GB after that; $0.10 per
 * monitored bucket), and the table in docs/macie.md against the function.
 */
import { readFileSync } from 'node:fs';
import { estimateInitialRunCost, estimateMacieMonthlyCost, MACIE_PRICES, type ScheduleFrequency } from '../../macie/cost';

const cents = (usd: number): number => Math.round(usd * 100);

describe('estimateMacieMonthlyCost', () => {
  it('10 GB/day at 10%, daily, one bucket: 30.4375 GB, $29.4375 + $0.10', () => {
    const estimate = estimateMacieMonthlyCost({ uncompressedGbPerDay: 10, samplingPercentage: 10, schedule: 'daily', monitoredBuckets: 1 });
    expect(estimate.analyzedGbPerMonth).toBeCloseTo(30.4375, 9);
    expect(estimate.runsPerMonth).toBeCloseTo(30.4375, 9);
    expect(estimate.analyzedGbPerRun).toBeCloseTo(1, 9);
    expect(estimate.discoveryUsdPerMonth).toBeCloseTo(29.4375, 9);
    expect(estimate.bucketMonitoringUsdPerMonth).toBeCloseTo(0.1, 9);
    expect(estimate.totalUsdPerMonth).toBeCloseTo(29.5375, 9);
    expect(estimate.upperBound).toBe(false);
  });

  it('100 GB/day at 100%, 40 buckets: 3043.75 GB, $3042.75 + $4.00', () => {
    const estimate = estimateMacieMonthlyCost({ uncompressedGbPerDay: 100, samplingPercentage: 100, schedule: 'daily', monitoredBuckets: 40 });
    expect(estimate.discoveryUsdPerMonth).toBeCloseTo(3042.75, 9);
    expect(estimate.totalUsdPerMonth).toBeCloseTo(3046.75, 9);
  });

  it('stays inside the free GB: 0.02 GB/day at 100% is 0.60875 GB, $0', () => {
    const estimate = estimateMacieMonthlyCost({ uncompressedGbPerDay: 0.02, samplingPercentage: 100, schedule: 'daily', monitoredBuckets: 0 });
    expect(estimate.analyzedGbPerMonth).toBeCloseTo(0.60875, 9);
    expect(estimate.totalUsdPerMonth).toBe(0);
  });

  it('a weekly run reads 7 days of new objects, a monthly run a whole month, for the same monthly cost', () => {
    const cost = (schedule: ScheduleFrequency) =>
      estimateMacieMonthlyCost({ uncompressedGbPerDay: 10, samplingPercentage: 10, schedule, monitoredBuckets: 1 });
    expect(cost('weekly').analyzedGbPerRun).toBeCloseTo(7, 9);
    expect(cost('weekly').runsPerMonth).toBeCloseTo(30.4375 / 7, 9);
    expect(cost('monthly').analyzedGbPerRun).toBeCloseTo(30.4375, 9);
    expect(cost('monthly').runsPerMonth).toBe(1);
    expect(cost('weekly').totalUsdPerMonth).toBeCloseTo(cost('daily').totalUsdPerMonth, 9);
    expect(cost('monthly').totalUsdPerMonth).toBeCloseTo(cost('daily').totalUsdPerMonth, 9);
  });

  it('marks volumes beyond the confirmed $1/GB tier as an upper bound: 2000 GB/day at 100% is 60875 GB', () => {
    const estimate = estimateMacieMonthlyCost({ uncompressedGbPerDay: 2000, samplingPercentage: 100, schedule: 'daily', monitoredBuckets: 0 });
    expect(estimate.upperBound).toBe(true);
    expect(estimate.discoveryUsdPerMonth).toBeCloseTo(60874, 9);
    expect(estimateMacieMonthlyCost({ uncompressedGbPerDay: 1000, samplingPercentage: 100, schedule: 'daily', monitoredBuckets: 0 }).upperBound).toBe(
      false,
    );
  });

  it.each([
    [{ uncompressedGbPerDay: -1, samplingPercentage: 10 }, 'uncompressedGbPerDay'],
    [{ uncompressedGbPerDay: 1, samplingPercentage: 0 }, 'samplingPercentage'],
    [{ uncompressedGbPerDay: 1, samplingPercentage: 101 }, 'samplingPercentage'],
    [{ uncompressedGbPerDay: Number.NaN, samplingPercentage: 10 }, 'uncompressedGbPerDay'],
  ])('refuses %o', (inputs, field) => {
    expect(() => estimateMacieMonthlyCost({ ...inputs, schedule: 'daily', monitoredBuckets: 0 })).toThrow(field);
  });
});

describe('estimateInitialRunCost', () => {
  it('a year of 10 GB/day at 10% is 365 GB, $365, with no free GB', () => {
    expect(estimateInitialRunCost(3650, 10)).toBeCloseTo(365, 9);
  });
});

describe('docs/macie.md cost table', () => {
  const volumes = [1, 10, 100, 1000];
  const samplings = [1, 10, 100];
  const usd = (value: number): string => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

  /** The table as the function computes it, one line per volume. */
  function renderedTable(): string {
    const header = `| uncompressed GB/day | ${samplings.map((s) => `${s}% sampled`).join(' | ')} |`;
    const rule = `|---:|${samplings.map(() => '---:').join('|')}|`;
    const rows = volumes.map(
      (gb) =>
        `| ${gb} | ${samplings.map((samplingPercentage) => usd(estimateMacieMonthlyCost({ uncompressedGbPerDay: gb, samplingPercentage, schedule: 'daily', monitoredBuckets: 0 }).discoveryUsdPerMonth)).join(' | ')} |`,
    );
    return [header, rule, ...rows].join('\n');
  }

  it('matches the function', () => {
    const docs = readFileSync('docs/macie.md', 'utf8');
    const table = /<!-- cost-table:start -->\n([\s\S]*?)\n<!-- cost-table:end -->/.exec(docs)?.[1];
    expect(table).toBe(renderedTable());
  });

  it('has the hand-computed corners', () => {
    expect(
      cents(
        estimateMacieMonthlyCost({ uncompressedGbPerDay: 1, samplingPercentage: 1, schedule: 'daily', monitoredBuckets: 0 }).discoveryUsdPerMonth,
      ),
    ).toBe(0);
    expect(
      cents(
        estimateMacieMonthlyCost({ uncompressedGbPerDay: 1000, samplingPercentage: 100, schedule: 'daily', monitoredBuckets: 0 })
          .discoveryUsdPerMonth,
      ),
    ).toBe(3_043_650);
  });

  it('states the price source and date it uses', () => {
    expect(readFileSync('docs/macie.md', 'utf8')).toContain(MACIE_PRICES.source);
  });
});
