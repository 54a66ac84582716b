import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { TerraformStack, Testing } from 'cdktf';
import { bedrockCloudTrailAlarms } from '../../alarms/bedrock-cloudtrail-alarms';
import { alarmTopicKeyPolicy, alarmTopicPolicy } from '../../policies/alarm-topic';
import { BedrockCloudTrailAlarms, type BedrockCloudTrailAlarmsProps } from '../../constructs/bedrock-cloudtrail-alarms';
import { BedrockMetricAlarms, type BedrockMetricAlarmsProps } from '../../constructs/bedrock-metric-alarms';
import { parseFilterPattern } from '../support/filter-pattern';
import { policyAttribute, resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const MANAGEMENT = '111111111111';
const WORKLOAD = '444444444444';
const SUBSCRIPTIONS = [
  { protocol: 'email', endpoint: 'security@example.com' },
  { protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:333333333333:security-alerts' },
] as const;
const KEY_ADMINISTRATORS = {
  deploymentRoleName: 'GovernanceBaselineDeployer',
  breakGlassRoleArns: ['arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin'],
};

function synthWith(build: (stack: TerraformStack, provider: AwsProvider) => void): SynthesizedStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack, new AwsProvider(stack, 'aws', { region: 'us-east-1' }));
  return synthStack(stack);
}

const trailProps = (provider: AwsProvider, overrides: Partial<BedrockCloudTrailAlarmsProps> = {}): BedrockCloudTrailAlarmsProps => ({
  provider,
  accountId: MANAGEMENT,
  region: 'us-east-1',
  logGroupName: 'bedrock-governance-org-trail',
  ...KEY_ADMINISTRATORS,
  bedrockPolicyIds: ['p-abcd1234'],
  trustedRoleNames: ['GovernanceBaselineDeployer', 'bedrock-gov-*'],
  managementAccountId: MANAGEMENT,
  trail: { name: 'bedrock-governance-org-trail', arn: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/bedrock-governance-org-trail` },
  trailLogGroupName: '/bedrock-gov/organization-trail',
  subscriptions: [...SUBSCRIPTIONS],
  ...overrides,
});

const metricProps = (provider: AwsProvider, overrides: Partial<BedrockMetricAlarmsProps> = {}): BedrockMetricAlarmsProps => ({
  provider,
  accountId: WORKLOAD,
  region: 'us-east-1',
  subscriptions: [{ protocol: 'https', endpoint: 'https://events.pagerduty.example.com/integration/abc/enqueue' }],
  thresholds: { interventions: 25, interventionsByPolicyType: { TopicPolicy: 10, ContentPolicy: 5 }, invocations: 1000 },
  keyAdministrators: KEY_ADMINISTRATORS,
  ...overrides,
});

describe('the encrypted alarm topic', () => {
  const stack = synthWith((scope, provider) => new BedrockCloudTrailAlarms(scope, 'alarms', trailProps(provider)));
  const topicArn = `arn:aws:sns:us-east-1:${MANAGEMENT}:bedrock-gov-security-alarms`;

  test('its key rotates, waits 30 days before deletion and cannot be destroyed by Terraform', () => {
    expect(stack.text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    expect(stack.text).toHaveResourceWithProperties(KmsAlias, { name: 'alias/bedrock-gov/security-alarms' });
  });

  test('the topic is encrypted with that key and cannot be destroyed by Terraform', () => {
    const [keyId] = Object.keys(resourcesOfType(stack, 'aws_kms_key'));
    expect(stack.text).toHaveResourceWithProperties(SnsTopic, {
      name: 'bedrock-gov-security-alarms',
      kms_master_key_id: `\${aws_kms_key.${keyId}.arn}`,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('the embedded topic and key policies are exactly the simulated ones', () => {
    const [policy] = Object.values(resourcesOfType(stack, 'aws_sns_topic_policy'));
    const [key] = Object.values(resourcesOfType(stack, 'aws_kms_key'));
    expect(policyAttribute(policy!, 'policy')).toEqual(
      alarmTopicPolicy({ accountId: MANAGEMENT, region: 'us-east-1', alarmNamePrefix: 'bedrock-gov-', topicArn }),
    );
    expect(policyAttribute(key!, 'policy')).toEqual(
      alarmTopicKeyPolicy({ accountId: MANAGEMENT, region: 'us-east-1', alarmNamePrefix: 'bedrock-gov-', administrators: KEY_ADMINISTRATORS }),
    );
  });

  test('subscribes exactly the given endpoints', () => {
    const subscriptions = Object.values(resourcesOfType(stack, 'aws_sns_topic_subscription')).map((s) => [s.protocol, s.endpoint]);
    expect(subscriptions.sort()).toEqual(SUBSCRIPTIONS.map((s) => [s.protocol, s.endpoint]).sort());
  });

  test('reordering the subscriptions changes nothing in the plan', () => {
    const reordered = synthWith(
      (scope, provider) => new BedrockCloudTrailAlarms(scope, 'alarms', trailProps(provider, { subscriptions: [...SUBSCRIPTIONS].reverse() })),
    );
    expect(reordered.text).toBe(stack.text);
  });

  test.each([
    [[{ protocol: 'email', endpoint: 'not-an-address' }], '[0].endpoint: "not-an-address" is not an email address'],
    [[{ protocol: 'https', endpoint: 'http://insecure.example.com' }], '[0].endpoint: "http://insecure.example.com" is not an https:// URL'],
    [[{ protocol: 'sms', endpoint: '+12065550100' }], '[0].protocol: "sms" is not one of email, https, lambda, sqs'],
    [
      [
        { protocol: 'email', endpoint: 'a@example.com' },
        { protocol: 'email', endpoint: 'a@example.com' },
      ],
      '[1]: duplicate subscription email:a@example.com',
    ],
  ])('refuses subscriptions %j', (subscriptions, message) => {
    expect(() =>
      synthWith((scope, provider) => new BedrockCloudTrailAlarms(scope, 'alarms', trailProps(provider, { subscriptions: subscriptions as never }))),
    ).toThrow(message);
  });
});

describe('alarms on the organization trail', () => {
  const stack = synthWith(
    (scope, provider) => new BedrockCloudTrailAlarms(scope, 'alarms', trailProps(provider, { thresholds: { BedrockAccessDenied: 5 } })),
  );
  const definitions = bedrockCloudTrailAlarms(trailProps(undefined as never));
  const filters = Object.values(resourcesOfType(stack, 'aws_cloudwatch_log_metric_filter'));
  const alarms = Object.values(resourcesOfType(stack, 'aws_cloudwatch_metric_alarm'));

  test('one metric filter on the trail log group per definition, with its pattern', () => {
    expect(filters.map((f) => f.pattern).sort()).toEqual(definitions.map((d) => d.pattern).sort());
    for (const filter of filters) {
      expect(filter.log_group_name).toBe('bedrock-governance-org-trail');
      expect(() => parseFilterPattern(String(filter.pattern))).not.toThrow();
    }
  });

  test("each alarm watches its filter's metric and notifies the topic", () => {
    expect(alarms).toHaveLength(filters.length);
    for (const filter of filters) {
      const transformation = filter.metric_transformation as Record<string, string>;
      expect(transformation).toMatchObject({ value: '1', unit: 'Count', namespace: 'BedrockGovernance/CloudTrail' });
      const alarm = alarms.find((a) => a.metric_name === transformation.name && a.namespace === transformation.namespace);
      expect(alarm).toMatchObject({
        alarm_name: `bedrock-gov-${transformation.name}`,
        statistic: 'Sum',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
        alarm_actions: [`arn:aws:sns:us-east-1:${MANAGEMENT}:bedrock-gov-security-alarms`],
      });
    }
  });

  test('thresholds default to a single event and can be raised per alarm', () => {
    expect(stack.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-BedrockAccessDenied', threshold: 5 });
    expect(stack.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-BedrockRootUse', threshold: 1 });
    expect(() =>
      synthWith((scope, provider) => new BedrockCloudTrailAlarms(scope, 'alarms', trailProps(provider, { thresholds: { BedrockTypo: 3 } }))),
    ).toThrow('thresholds for unknown alarms: BedrockTypo');
  });

  test('every alarm name fits the topic policy prefix', () => {
    expect(stack.text).toHaveResourceWithProperties(CloudwatchLogMetricFilter, { name: 'bedrock-gov-BedrockGuardrailChange' });
    for (const alarm of alarms) expect(String(alarm.alarm_name)).toMatch(/^bedrock-gov-/);
  });
});

/** Documented in the Bedrock user guide: monitoring-guardrails-cw-metrics and monitoring-runtime-metrics. */
const DOCUMENTED: Record<string, { readonly metrics: readonly string[]; readonly dimensions: readonly string[] }> = {
  'AWS/Bedrock/Guardrails': {
    metrics: [
      'Invocations',
      'InvocationLatency',
      'InvocationClientErrors',
      'InvocationServerErrors',
      'InvocationThrottles',
      'TextUnitCount',
      'InvocationsIntervened',
    ],
    dimensions: ['Operation', 'GuardrailContentSource', 'GuardrailPolicyType', 'GuardrailArn', 'GuardrailVersion'],
  },
  'AWS/Bedrock': {
    metrics: [
      'Invocations',
      'InvocationLatency',
      'InvocationClientErrors',
      'InvocationServerErrors',
      'InvocationThrottles',
      'InputTokenCount',
      'OutputTokenCount',
    ],
    dimensions: ['ModelId'],
  },
};
const DOCUMENTED_POLICY_TYPES = ['ContentPolicy', 'TopicPolicy', 'WordPolicy', 'SensitiveInformationPolicy'];

/** The Metrics Insights forms the alarms use; anything else is a malformed query. */
const QUERY = /^SELECT (SUM|AVG|MAX|MIN|COUNT)\((\w+)\) FROM (?:SCHEMA\("([\w/]+)"((?:, \w+)*)\)|"([\w/]+)")(?: WHERE (\w+) = '(\w+)')?$/;

describe('per-account alarms on Bedrock metrics', () => {
  const stack = synthWith((scope, provider) => new BedrockMetricAlarms(scope, 'metrics', metricProps(provider)));
  const alarms = Object.values(resourcesOfType(stack, 'aws_cloudwatch_metric_alarm'));

  test('one alarm for all interventions, one per listed policy type, one for invocations', () => {
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'bedrock-gov-GuardrailInterventions',
      'bedrock-gov-GuardrailInterventions-ContentPolicy',
      'bedrock-gov-GuardrailInterventions-TopicPolicy',
      'bedrock-gov-ModelInvocations',
    ]);
  });

  test('every query is well-formed Metrics Insights on a documented namespace, metric and dimension', () => {
    for (const alarm of alarms) {
      const [query] = alarm.metric_query as Array<Record<string, unknown>>;
      expect(query).toMatchObject({ id: 'q1', period: 300, return_data: true });
      const match = QUERY.exec(String(query!.expression));
      expect(match).not.toBeNull();
      const [, , metric, schemaNamespace, schemaDimensions, plainNamespace, whereDimension, whereValue] = match!;
      const documented = DOCUMENTED[schemaNamespace ?? plainNamespace ?? '']!;
      expect(documented).toBeDefined();
      expect(documented.metrics).toContain(metric);
      const dimensions = [...(schemaDimensions ?? '').split(', ').filter(Boolean), ...(whereDimension ? [whereDimension] : [])];
      for (const dimension of dimensions) expect(documented.dimensions).toContain(dimension);
      if (whereDimension === 'GuardrailPolicyType') expect(DOCUMENTED_POLICY_TYPES).toContain(whereValue);
    }
  });

  test('interventions are counted once per guardrail version, invocations once per model', () => {
    expect(stack.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'bedrock-gov-GuardrailInterventions',
      threshold: 25,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [`arn:aws:sns:us-east-1:${WORKLOAD}:bedrock-gov-guardrail-alarms`],
      metric_query: [
        expect.objectContaining({
          expression: 'SELECT SUM(InvocationsIntervened) FROM SCHEMA("AWS/Bedrock/Guardrails", GuardrailArn, GuardrailVersion)',
        }),
      ],
    });
    expect(stack.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'bedrock-gov-ModelInvocations',
      threshold: 1000,
      metric_query: [expect.objectContaining({ expression: 'SELECT SUM(Invocations) FROM SCHEMA("AWS/Bedrock", ModelId)' })],
    });
  });

  test('the topic is the same encrypted, undestroyable kind, for this account', () => {
    expect(stack.text).toHaveResourceWithProperties(SnsTopic, { name: 'bedrock-gov-guardrail-alarms', lifecycle: { prevent_destroy: true } });
    expect(stack.text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('refuses thresholds and periods that cannot work', () => {
    expect(() => synthWith((scope, provider) => new BedrockMetricAlarms(scope, 'm', metricProps(provider, { periodSeconds: 120 })))).toThrow(
      'periodSeconds 120',
    );
    expect(() =>
      synthWith(
        (scope, provider) => new BedrockMetricAlarms(scope, 'm', metricProps(provider, { thresholds: { interventions: -1, invocations: 10 } })),
      ),
    ).toThrow('interventions: threshold -1');
    expect(() =>
      synthWith(
        (scope, provider) =>
          new BedrockMetricAlarms(
            scope,
            'm',
            metricProps(provider, { thresholds: { interventions: 1, invocations: 1, interventionsByPolicyType: { PromptAttack: 1 } as never } }),
          ),
      ),
    ).toThrow('"PromptAttack" is not a guardrail policy type');
  });
});
