/** The alarms section of the config: safe defaults, and one clear message per mistake at its YAML path. */
import { metricAlarmThresholdsOf } from '../../alarms/bedrock-metric-alarms';
import { alarmPatternSizeIssues } from '../../checks/synth-config-checks';
import { parseConfig } from '../../config/load';
import { editedExampleConfig, editedExampleProblems, type ConfigEdit } from '../support/config-fixtures';

const problems = (...edits: ConfigEdit[]): string[] => editedExampleProblems(edits, [alarmPatternSizeIssues]);

const set = (path: Array<string | number>, value: unknown): ConfigEdit => ({ set: path, value });

describe('alarm defaults', () => {
  const config = parseConfig(editedExampleConfig({ delete: ['alarms'] }), 'baseline.yaml');

  it('alarm on the trail and on every account when the section is left out, notifying nobody until subscriptions are added', () => {
    expect(config.alarms).toEqual({
      subscriptions: [],
      organizationTrail: { enabled: true, logRetentionDays: 90, thresholds: {} },
      bedrockMetrics: { enabled: true, thresholds: { interventions: 25, invocations: 1000, interventionsByPolicyType: {} }, accountThresholds: {} },
    });
  });

  it('keep the defaults of the thresholds not given', () => {
    const partial = parseConfig(editedExampleConfig(set(['alarms', 'bedrockMetrics', 'thresholds'], { invocations: 50 })), 'baseline.yaml');
    expect(partial.alarms.bedrockMetrics.thresholds).toEqual({ interventions: 25, invocations: 50, interventionsByPolicyType: {} });
  });

  it("an account's thresholds replace the organization's, value by value", () => {
    const settings = {
      thresholds: { interventions: 25, invocations: 1000, interventionsByPolicyType: { TopicPolicy: 5 } },
      accountThresholds: { '444444444444': { invocations: 40 }, '555555555555': { interventionsByPolicyType: { WordPolicy: 2 } } },
    };
    expect(metricAlarmThresholdsOf(settings, '444444444444')).toEqual({
      interventions: 25,
      invocations: 40,
      interventionsByPolicyType: { TopicPolicy: 5 },
    });
    expect(metricAlarmThresholdsOf(settings, '555555555555')).toEqual({
      interventions: 25,
      invocations: 1000,
      interventionsByPolicyType: { WordPolicy: 2 },
    });
    expect(metricAlarmThresholdsOf(settings, '666666666666')).toEqual(settings.thresholds);
  });
});

describe('alarm mistakes', () => {
  const manyBreakGlassRoles = Array.from({ length: 15 }, (_, i) => `arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassResponder${i}`);

  it.each<[string, ConfigEdit[], string | RegExp]>([
    [
      'an email subscription without an address',
      [set(['alarms', 'subscriptions'], [{ protocol: 'email', endpoint: 'security-team' }])],
      'alarms.subscriptions[0].endpoint: "security-team" is not an email address',
    ],
    [
      'an https subscription over plain http',
      [set(['alarms', 'subscriptions'], [{ protocol: 'https', endpoint: 'http://hooks.example.com/alarms' }])],
      'alarms.subscriptions[0].endpoint: "http://hooks.example.com/alarms" is not an https:// URL',
    ],
    [
      'an SQS subscription to a name, not an ARN',
      [set(['alarms', 'subscriptions'], [{ protocol: 'sqs', endpoint: 'security-alerts' }])],
      'alarms.subscriptions[0].endpoint: "security-alerts" is not an SQS queue ARN',
    ],
    [
      'an SMS subscription',
      [set(['alarms', 'subscriptions'], [{ protocol: 'sms', endpoint: '+12065550100' }])],
      'alarms.subscriptions[0].protocol: "sms" is not one of email, https, lambda, sqs',
    ],
    [
      'the same subscription twice',
      [
        set(
          ['alarms', 'subscriptions'],
          [
            { protocol: 'email', endpoint: 'soc@example.com' },
            { protocol: 'email', endpoint: 'soc@example.com' },
          ],
        ),
      ],
      'alarms.subscriptions[1]: duplicate subscription email:soc@example.com',
    ],
    [
      'a negative intervention threshold',
      [set(['alarms', 'bedrockMetrics', 'thresholds', 'interventions'], -1)],
      'alarms.bedrockMetrics.thresholds.interventions: must be at least 0',
    ],
    [
      'a fractional invocation threshold',
      [set(['alarms', 'bedrockMetrics', 'thresholds', 'invocations'], 2.5)],
      'alarms.bedrockMetrics.thresholds.invocations: must be a whole number of events, got 2.5',
    ],
    [
      'a threshold in words',
      [set(['alarms', 'bedrockMetrics', 'thresholds', 'invocations'], 'many')],
      'alarms.bedrockMetrics.thresholds.invocations: must be a whole number of events, got "many"',
    ],
    [
      'a policy type Bedrock does not publish',
      [set(['alarms', 'bedrockMetrics', 'thresholds', 'interventionsByPolicyType'], { PromptAttack: 3 })],
      'alarms.bedrockMetrics.thresholds.interventionsByPolicyType.PromptAttack: unknown key',
    ],
    [
      'a trail alarm that fires on nothing',
      [set(['alarms', 'organizationTrail', 'thresholds'], { BedrockAccessDenied: 0 })],
      'alarms.organizationTrail.thresholds.BedrockAccessDenied: must be at least 1',
    ],
    [
      'a threshold for a trail alarm that does not exist',
      [set(['alarms', 'organizationTrail', 'thresholds'], { BedrockTypo: 3 })],
      'alarms.organizationTrail.thresholds.BedrockTypo: unknown key',
    ],
    [
      'a break-glass threshold without break-glass roles',
      [set(['governance', 'breakGlassRoleArns'], []), set(['alarms', 'organizationTrail', 'thresholds'], { BedrockBreakGlassUse: 2 })],
      'alarms.organizationTrail.thresholds.BedrockBreakGlassUse: there is no such alarm while governance.breakGlassRoleArns is empty',
    ],
    [
      'a retention CloudWatch Logs does not offer',
      [set(['alarms', 'organizationTrail', 'logRetentionDays'], 10)],
      'alarms.organizationTrail.logRetentionDays: 10 is not a retention CloudWatch Logs accepts',
    ],
    [
      'thresholds for an account that is not governed',
      [set(['alarms', 'bedrockMetrics', 'accountThresholds'], { '999999999999': { invocations: 3 } })],
      'alarms.bedrockMetrics.accountThresholds."999999999999": "999999999999" is not in workloadAccounts',
    ],
    [
      'thresholds for an account id of the wrong shape',
      [set(['alarms', 'bedrockMetrics', 'accountThresholds'], { '4444': { invocations: 3 } })],
      'alarms.bedrockMetrics.accountThresholds."4444": "4444" is not a 12-digit account id',
    ],
    [
      'a misspelt account threshold',
      [set(['alarms', 'bedrockMetrics', 'accountThresholds'], { '444444444444': { invocation: 3 } })],
      'alarms.bedrockMetrics.accountThresholds."444444444444".invocation: unknown key',
    ],
    ['an unknown key', [set(['alarms', 'topicName'], 'alerts')], 'alarms.topicName: unknown key'],
  ])('%s', (_case, edits, message) => {
    const found = problems(...edits);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^baseline\.yaml:\d+: /);
    if (typeof message === 'string') expect(found[0]).toContain(message);
    else expect(found[0]).toMatch(message);
  });

  it('more break-glass roles than one filter pattern holds: both patterns that name them say so', () => {
    expect(problems(set(['governance', 'breakGlassRoleArns'], manyBreakGlassRoles))).toEqual([
      expect.stringMatching(
        /^baseline\.yaml:\d+: governance: BaselineTrustedRoleChange: the filter pattern is \d+ characters, more than CloudWatch's 1024: list fewer trusted role names \(governance\.breakGlassRoleArns, /,
      ),
      expect.stringMatching(
        /^baseline\.yaml:\d+: governance\.breakGlassRoleArns: BedrockBreakGlassUse: the filter pattern is \d+ characters, more than CloudWatch's 1024/,
      ),
    ]);
  });

  it('trail-only rules do not apply while the trail alarms are off', () => {
    const off = set(['alarms', 'organizationTrail', 'enabled'], false);
    expect(problems(off, set(['governance', 'breakGlassRoleArns'], manyBreakGlassRoles))).toEqual([]);
    expect(
      problems(off, set(['governance', 'breakGlassRoleArns'], []), set(['alarms', 'organizationTrail', 'thresholds'], { BedrockBreakGlassUse: 2 })),
    ).toEqual([]);
  });

  it('accepts each protocol with an endpoint of its shape', () => {
    const subscriptions = [
      { protocol: 'email', endpoint: 'soc@example.com' },
      { protocol: 'https', endpoint: 'https://events.pagerduty.example.com/integration/abc/enqueue' },
      { protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:333333333333:security-alarms' },
      { protocol: 'lambda', endpoint: 'arn:aws:lambda:us-east-1:333333333333:function:page-on-call:live' },
    ];
    expect(problems(set(['alarms', 'subscriptions'], subscriptions))).toEqual([]);
  });
});
