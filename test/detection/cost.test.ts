/**
 * The GuardDuty and Security Hub cost estimate against hand-computed cases ($4.00 per
 * million management events, $1.00 per GB of flow and DNS logs and of AI events, Security
 * Hub checks at $0.0010 / $0.0008 / $0.0005 over 100,000 / 400,000 / beyond per account and
 * region), the synth check on the config's ceiling, and the table in docs/detection.md
 * against the function.
 */
import { readFileSync } from 'node:fs';
import { detectionCostIssues } from '../../checks/synth-config-checks';
import { estimateDetectionMonthlyCost, securityCheckUsd, type DetectionCostInputs } from '../../detection/cost';
import { detectionCostInputs } from '../../detection/scope';
import { exampleConfig } from '../support/config';

const ORGANIZATION = (accounts: number): DetectionCostInputs => ({
  accounts,
  guardDutyRegions: 2,
  aiProtection: true,
  securityHubAccounts: accounts - 1,
  securityHubRegions: 2,
  managementEventsMillionsPerAccountRegion: 0.5,
  vpcFlowAndDnsGbPerAccountRegion: 1,
  aiEventsGbPerMonth: accounts * 0.5,
  securityChecksPerAccountRegion: 3000,
});

describe('estimateDetectionMonthlyCost', () => {
  it('100 accounts, 2 regions: GuardDuty 200 x ($2 + $1) = $600, AI 50 GB = $50, Security Hub 99 x 2 x $3 = $594', () => {
    const estimate = estimateDetectionMonthlyCost(ORGANIZATION(100));
    expect(estimate.guardDutyFoundationalUsd).toBeCloseTo(600, 9);
    expect(estimate.aiProtectionUsd).toBeCloseTo(50, 9);
    expect(estimate.securityHubUsd).toBeCloseTo(594, 9);
    expect(estimate.totalUsd).toBeCloseTo(1244, 9);
    expect(estimate.upperBound).toBe(false);
  });

  it('security checks are tiered per account and region: 150,000 checks are $100 + $40', () => {
    expect(securityCheckUsd(100_000)).toBeCloseTo(100, 9);
    expect(securityCheckUsd(150_000)).toBeCloseTo(140, 9);
    expect(securityCheckUsd(600_000)).toBeCloseTo(100 + 320 + 50, 9);
  });

  it('charges no AI Protection when it is off, and no GuardDuty without detector regions', () => {
    expect(estimateDetectionMonthlyCost({ ...ORGANIZATION(100), aiProtection: false }).aiProtectionUsd).toBe(0);
    const noGuardDuty = estimateDetectionMonthlyCost({ ...ORGANIZATION(100), guardDutyRegions: 0 });
    expect(noGuardDuty.guardDutyFoundationalUsd + noGuardDuty.aiProtectionUsd).toBe(0);
  });

  it('marks flow-log volumes beyond the confirmed first tier as an upper bound', () => {
    expect(estimateDetectionMonthlyCost({ ...ORGANIZATION(10), vpcFlowAndDnsGbPerAccountRegion: 600 }).upperBound).toBe(true);
  });

  it.each(['accounts', 'aiEventsGbPerMonth', 'securityChecksPerAccountRegion'] as const)('refuses a negative %s', (field) => {
    expect(() => estimateDetectionMonthlyCost({ ...ORGANIZATION(10), [field]: -1 })).toThrow(field);
  });
});

describe('the cost ceiling of the config', () => {
  it('derives the example organization: 7 accounts, 2 detector regions, Security Hub in 6 accounts and 2 regions', () => {
    expect(detectionCostInputs(exampleConfig)).toMatchObject({
      accounts: 7,
      guardDutyRegions: 2,
      aiProtection: true,
      securityHubAccounts: 6,
      securityHubRegions: 2,
    });
    expect(detectionCostIssues(exampleConfig)).toEqual([]);
  });

  it('does not fail synth as the organization grows: the ceiling is per account', () => {
    const grown = {
      ...exampleConfig,
      detection: { ...exampleConfig.detection, costEstimate: { ...exampleConfig.detection.costEstimate, organizationAccounts: 5000 } },
    };
    expect(detectionCostIssues(grown)).toEqual([]);
  });

  it('fails synth when a change raises the cost per account above the ceiling, at the YAML path to raise', () => {
    // Four regions: 1,000 accounts x 4 x $3 + $10 + 999 x 4 x $3 = $23,998, $24.00 per account.
    const config = {
      ...exampleConfig,
      governance: { ...exampleConfig.governance, allowedRegions: ['eu-west-1', 'us-east-1', 'us-east-2', 'us-west-2'] },
      detection: { ...exampleConfig.detection, costEstimate: { ...exampleConfig.detection.costEstimate, organizationAccounts: 1000 } },
    };
    expect(detectionCostIssues(config)).toEqual([
      {
        path: ['detection', 'costEstimate', 'monthlyLimitUsdPerAccount'],
        message:
          'GuardDuty and Security Hub are an estimated $24.00 per account a month ($23998.00 for 1000 accounts: GuardDuty $12010.00, Security Hub $11988.00), above $20; raise the limit on purpose or check the volumes in detection.costEstimate (docs/detection.md)',
      },
    ]);
  });
});

describe('docs/detection.md cost table', () => {
  const usd = (value: number): string => `$${value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;

  it('is what the function computes for 100 and 1,000 accounts', () => {
    const rows = [100, 1000].map((accounts) => {
      const estimate = estimateDetectionMonthlyCost(ORGANIZATION(accounts));
      return `| ${accounts.toLocaleString('en-US')} | ${usd(estimate.guardDutyFoundationalUsd)} | ${usd(estimate.aiProtectionUsd)} | ${usd(estimate.securityHubUsd)} | ${usd(estimate.totalUsd)} |`;
    });
    const table = [
      '| accounts | GuardDuty foundational | AI Protection | Security Hub CSPM | total a month |',
      '|---:|---:|---:|---:|---:|',
      ...rows,
    ].join('\n');
    const docs = readFileSync('docs/detection.md', 'utf8');
    const current = /<!-- cost-table:start -->\n([\s\S]*?)\n<!-- cost-table:end -->/.exec(docs)?.[1];
    expect(current).toBe(table);
  });
});
