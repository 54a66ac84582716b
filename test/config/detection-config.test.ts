/** The detection section of the config: safe defaults, and one clear message per mistake at its YAML path. */
import { detectionCostIssues } from '../../checks/synth-config-checks';
import { ConfigError, parseConfig } from '../../config/load';
import { editedExampleConfig } from '../support/config-fixtures';

function problems(text: string): string[] {
  try {
    parseConfig(text, 'baseline.yaml', [detectionCostIssues]);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('detection defaults', () => {
  it('switch GuardDuty with AI Protection and Security Hub with both standards on when the section is left out', () => {
    const config = parseConfig(editedExampleConfig({ delete: ['detection'] }), 'baseline.yaml');
    expect(config.detection).toEqual({
      guardDuty: { enabled: true, aiProtection: true, findingPublishingFrequency: 'FIFTEEN_MINUTES', minimumSeverity: 'Medium' },
      securityHub: { enabled: true, standards: ['ai-security-best-practices', 'aws-foundational-security-best-practices'], minimumSeverity: 'HIGH' },
      findings: {},
      costEstimate: {
        managementEventsMillionsPerAccountRegion: 0.5,
        vpcFlowAndDnsGbPerAccountRegion: 1,
        aiEventsGbPerMonth: 10,
        securityChecksPerAccountRegion: 3000,
        monthlyLimitUsdPerAccount: 20,
      },
    });
  });

  it('put the standards in canonical order', () => {
    const config = parseConfig(
      editedExampleConfig({
        set: ['detection', 'securityHub', 'standards'],
        value: ['aws-foundational-security-best-practices', 'ai-security-best-practices'],
      }),
      'baseline.yaml',
    );
    expect(config.detection.securityHub.standards).toEqual(['ai-security-best-practices', 'aws-foundational-security-best-practices']);
  });
});

describe('detection mistakes', () => {
  it.each<[string, Array<string | number>, unknown, string]>([
    ['an unknown GuardDuty severity', ['detection', 'guardDuty', 'minimumSeverity'], 'Severe', 'detection.guardDuty.minimumSeverity:'],
    [
      'a Security Hub severity in GuardDuty spelling',
      ['detection', 'securityHub', 'minimumSeverity'],
      'High',
      'detection.securityHub.minimumSeverity:',
    ],
    ['INFORMATIONAL findings to people', ['detection', 'securityHub', 'minimumSeverity'], 'INFORMATIONAL', 'detection.securityHub.minimumSeverity:'],
    ['an unknown standard', ['detection', 'securityHub', 'standards'], ['cis-aws-foundations-benchmark'], 'detection.securityHub.standards[0]:'],
    [
      'no standard',
      ['detection', 'securityHub', 'standards'],
      [],
      'detection.securityHub.standards: must list at least one standard; switch Security Hub off with enabled: false instead',
    ],
    [
      'a duplicate standard',
      ['detection', 'securityHub', 'standards'],
      ['ai-security-best-practices', 'ai-security-best-practices'],
      'detection.securityHub.standards[1]: "ai-security-best-practices" duplicates the standard at index 0',
    ],
    [
      'an unknown publishing frequency',
      ['detection', 'guardDuty', 'findingPublishingFrequency'],
      'TEN_MINUTES',
      'detection.guardDuty.findingPublishingFrequency:',
    ],
    [
      'a subscription of the wrong shape',
      ['detection', 'findings', 'subscriptions'],
      [{ protocol: 'lambda', endpoint: 'soc@example.com' }],
      'detection.findings.subscriptions[0].endpoint:',
    ],
    [
      'a duplicate subscription',
      ['detection', 'findings', 'subscriptions'],
      [
        { protocol: 'email', endpoint: 'a@example.com' },
        { protocol: 'email', endpoint: 'a@example.com' },
      ],
      'detection.findings.subscriptions[1]: "email a@example.com" duplicates the subscription at index 0',
    ],
    ['an unknown key', ['detection', 'guardDuty', 'malwareProtection'], true, 'detection.guardDuty.malwareProtection: unknown key'],
    ['a negative volume', ['detection', 'costEstimate', 'aiEventsGbPerMonth'], -1, 'detection.costEstimate.aiEventsGbPerMonth:'],
    // 7 accounts x 2 regions x ($2 + $1) + $10 AI + 6 x 2 x (10,000 x $0.001) Security Hub = $172, $24.57 per account.
    [
      'a cost per account above the limit',
      ['detection', 'costEstimate', 'securityChecksPerAccountRegion'],
      10000,
      'detection.costEstimate.monthlyLimitUsdPerAccount: GuardDuty and Security Hub are an estimated $24.57 per account a month ($172.00 for 7 accounts',
    ],
  ])('%s', (_case, path, value, message) => {
    const found = problems(editedExampleConfig({ set: path, value }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^baseline\.yaml:\d+: /);
    expect(found[0]).toContain(message);
  });
});
