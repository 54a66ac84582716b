/** The macie section of the config: safe defaults, and one clear message per mistake at its YAML path. */
import { macieCostIssues } from '../../checks/synth-config-checks';
import { ConfigError, parseConfig } from '../../config/load';
import { editedExampleConfig } from '../support/config-fixtures';

/** The example YAML with `value` set (or removed, for undefined) at `path`. */
function exampleWith(path: Array<string | number>, value: unknown): string {
  return value === undefined ? editedExampleConfig({ delete: path }) : editedExampleConfig({ set: path, value });
}

function problems(text: string): string[] {
  try {
    parseConfig(text, 'baseline.yaml', [macieCostIssues]);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('macie defaults', () => {
  const config = parseConfig(exampleWith(['macie'], undefined), 'baseline.yaml');

  it('are affordable and conservative when the section is left out', () => {
    expect(config.macie).toEqual({
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      autoEnableNewAccounts: true,
      classification: { schedule: { frequency: 'daily' }, samplingPercentage: 10, analyzeExistingObjects: false, paused: false },
      customDataIdentifiers: [],
      allowList: [],
      findings: { minimumSeverity: 'Medium', subscriptions: [] },
      costEstimate: { uncompressedGbPerDay: 10, monitoredBuckets: 1, monthlyLimitUsd: 1000 },
    });
  });

  it('fill a weekly schedule with a day', () => {
    const weekly = parseConfig(exampleWith(['macie', 'classification', 'schedule'], { frequency: 'weekly' }), 'baseline.yaml');
    expect(weekly.macie.classification.schedule).toEqual({ frequency: 'weekly', dayOfWeek: 'SUNDAY' });
  });
});

describe('macie mistakes', () => {
  const identifier = (extra: object) => ({ name: 'corp-key', regex: 'corp_[a-z0-9]{24}', ...extra });

  it.each<[string, Array<string | number>, unknown, string]>([
    [
      'a capturing group',
      ['macie', 'customDataIdentifiers'],
      [identifier({ regex: '(live|test)_[a-z]{8}' })],
      'macie.customDataIdentifiers[0].regex: regex capturing groups (...) are not supported by Macie',
    ],
    [
      'a regex that does not compile',
      ['macie', 'customDataIdentifiers'],
      [identifier({ regex: '[a-z' })],
      'macie.customDataIdentifiers[0].regex: regex does not compile',
    ],
    [
      'a look-behind',
      ['macie', 'customDataIdentifiers'],
      [identifier({ regex: '(?<=key=)[a-z]{8}' })],
      'macie.customDataIdentifiers[0].regex: regex look-behind',
    ],
    [
      'a built-in identifier name',
      ['macie', 'customDataIdentifiers'],
      [identifier({ name: 'private-key' })],
      'macie.customDataIdentifiers[0].name: "private-key" is the name of a built-in identifier',
    ],
    [
      'a duplicate identifier',
      ['macie', 'customDataIdentifiers'],
      [identifier({}), identifier({})],
      'macie.customDataIdentifiers[1].name: "corp-key" duplicates the identifier at index 0',
    ],
    [
      'a keyword too short',
      ['macie', 'customDataIdentifiers'],
      [identifier({ keywords: ['ab'] })],
      'macie.customDataIdentifiers[0].keywords[0]: "ab" is too short: a keyword needs 3-90 characters',
    ],
    [
      'too many ignore words with the allow list',
      ['macie', 'customDataIdentifiers'],
      [identifier({ ignoreWords: ['word1', 'word2', 'word3', 'word4', 'word5', 'word6', 'word7', 'word8', 'word9', 'word10'] })],
      'macie.customDataIdentifiers[0].ignoreWords: 11 ignore words with macie.allowList; Macie allows 10 per identifier',
    ],
    ['an allow list too long', ['macie', 'allowList'], Array.from({ length: 10 }, (_, i) => `sample-${i}`), 'macie.allowList: at most 9 entries'],
    ['an allow-list entry too short', ['macie', 'allowList'], ['abc'], 'macie.allowList[0]: "abc" is too short'],
    [
      'a duplicate allow-list entry',
      ['macie', 'allowList'],
      ['sample-1', 'sample-1'],
      'macie.allowList[1]: "sample-1" duplicates the entry at index 0',
    ],
    ['a zero sampling', ['macie', 'classification', 'samplingPercentage'], 0, 'macie.classification.samplingPercentage: must be at least 1'],
    ['a sampling above 100', ['macie', 'classification', 'samplingPercentage'], 150, 'macie.classification.samplingPercentage: must be at most 100'],
    [
      'a fractional sampling',
      ['macie', 'classification', 'samplingPercentage'],
      12.5,
      'macie.classification.samplingPercentage: must be a whole percentage 1-100, got 12.5',
    ],
    [
      'day 29 of the month',
      ['macie', 'classification', 'schedule'],
      { frequency: 'monthly', dayOfMonth: 29 },
      'macie.classification.schedule.dayOfMonth: must be 1-28',
    ],
    ['an hourly schedule', ['macie', 'classification', 'schedule'], { frequency: 'hourly' }, 'macie.classification.schedule.frequency:'],
    [
      'a day of week on a daily schedule',
      ['macie', 'classification', 'schedule'],
      { frequency: 'daily', dayOfWeek: 'MONDAY' },
      'macie.classification.schedule.dayOfWeek: unknown key',
    ],
    ['an unknown publishing frequency', ['macie', 'findingPublishingFrequency'], 'TEN_MINUTES', 'macie.findingPublishingFrequency:'],
    [
      'High as minimum severity',
      ['macie', 'findings', 'minimumSeverity'],
      'High',
      'macie.findings.minimumSeverity: "High" would drop every secret the custom data identifiers find',
    ],
    [
      'plain http',
      ['macie', 'findings', 'subscriptions'],
      [{ protocol: 'http', endpoint: 'http://hooks.example.com' }],
      'macie.findings.subscriptions[0].protocol: "http" is not one of email, email-json, https, sqs, lambda',
    ],
    [
      'an endpoint of the wrong shape',
      ['macie', 'findings', 'subscriptions'],
      [{ protocol: 'sqs', endpoint: 'security-alerts@example.com' }],
      'macie.findings.subscriptions[0].endpoint: "security-alerts@example.com" is not an SQS queue ARN (protocol sqs)',
    ],
    [
      'a duplicate subscription',
      ['macie', 'findings', 'subscriptions'],
      [
        { protocol: 'email', endpoint: 'a@example.com' },
        { protocol: 'email', endpoint: 'a@example.com' },
      ],
      'macie.findings.subscriptions[1]: "email a@example.com" duplicates the subscription at index 0',
    ],
    [
      'a log-archive email that is none',
      ['macie', 'logArchiveAccountEmail'],
      'log-archive',
      'macie.logArchiveAccountEmail: "log-archive" is not an email address',
    ],
    ['an unknown key', ['macie', 'samplingPercentage'], 10, 'macie.samplingPercentage: unknown key'],
    // 500 GB x 30.4375 days x 10% = 1521.875 GB; minus the free GB, at $1 = $1520.875; plus 40 buckets x $0.10.
    [
      'a cost above the limit',
      ['macie', 'costEstimate', 'uncompressedGbPerDay'],
      500,
      'macie.classification.samplingPercentage: 10% of 500 GB/day is an estimated $1524.88 a month, above macie.costEstimate.monthlyLimitUsd ($1000)',
    ],
  ])('%s', (_case, path, value, message) => {
    const found = problems(exampleWith(path, value));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^baseline\.yaml:\d+: /);
    expect(found[0]).toContain(message);
  });

  it('accepts each protocol with an endpoint of its shape', () => {
    const subscriptions = [
      { protocol: 'email', endpoint: 'soc@example.com' },
      { protocol: 'email-json', endpoint: 'siem-ingest@example.com' },
      { protocol: 'https', endpoint: 'https://hooks.example.com/macie?team=sec' },
      { protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:333333333333:macie-findings' },
      { protocol: 'lambda', endpoint: 'arn:aws:lambda:us-east-1:333333333333:function:triage-macie:live' },
    ];
    expect(problems(exampleWith(['macie', 'findings', 'subscriptions'], subscriptions))).toEqual([]);
  });
});
