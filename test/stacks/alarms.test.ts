/**
 * Where the alarms live: the organization trail also delivers to an encrypted log group
 * in org-governance, whose metric filters feed the trail alarms; every workload baseline
 * stack alarms on Bedrock metrics in each of its regions. Every alarm notifies an
 * encrypted topic that exists in its own account and region.
 */
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { readFileSync } from 'node:fs';
import { TerraformResource } from 'cdktf';
import { cloudTrailAlarmDefinitions, cloudTrailAlarmInputs } from '../../alarms/bedrock-cloudtrail-alarms';
import { BREAK_GLASS_ROLE_PATH } from '../../naming/reserved-names';
import type { BaselineConfig, WorkloadAccount } from '../../config/schema';
import { exampleConfig } from '../support/config';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { matchesFilterPattern } from '../support/filter-pattern';
import { simulate } from '../support/simulate';
import { policyAttribute, resourcesOfType, serviceControlPolicies, type SynthesizedStack } from '../support/synth';
import { stackUnderTest, type StackUnderTest } from '../support/stacks';

const MANAGEMENT = exampleConfig.organization.managementAccountId;
const HOME = exampleConfig.organization.homeRegion;
type Resource = Record<string, unknown>;

const withAlarms = (change: (alarms: BaselineConfig['alarms']) => Partial<BaselineConfig['alarms']>): BaselineConfig => ({
  ...exampleConfig,
  alarms: { ...exampleConfig.alarms, ...change(exampleConfig.alarms) },
});

/** `<type>.<logical id>` of the resource at a construct path, as depends_on names it. */
function addressOf(stack: StackUnderTest, path: string): string {
  const construct = stack.construct.node.findAll().find((c) => c.node.path === path);
  if (!(construct instanceof TerraformResource)) throw new Error(`no resource at ${path}`);
  return `${construct.terraformResourceType}.${construct.friendlyUniqueId}`;
}
/** `${<type>.<logical id>.<attribute>}` of the resource at a construct path. */
const referenceTo = (stack: StackUnderTest, path: string, attribute: string) => `\${${addressOf(stack, path)}.${attribute}}`;

const all = (stack: SynthesizedStack, type: string) => Object.entries(resourcesOfType(stack, type));
/** Region of a resource from its provider (the default provider is the stack's first region). */
const regionOf = (resource: Resource, defaultRegion: string) =>
  resource.provider === undefined || resource.provider === 'aws' ? defaultRegion : String(resource.provider).replace(/^aws\./, '');

/** Every alarm action is the ARN of an SNS topic of the stack, in the alarm's own account and region, encrypted with a key of the stack. */
function expectActionsOnEncryptedTopics(stack: SynthesizedStack, account: string, defaultRegion: string): void {
  const topics = all(stack, 'aws_sns_topic').map(([id, topic]) => ({ id, topic, region: regionOf(topic, defaultRegion) }));
  const keys = all(stack, 'aws_kms_key').map(([id, key]) => ({ id, region: regionOf(key, defaultRegion) }));
  const alarms = all(stack, 'aws_cloudwatch_metric_alarm').map(([, alarm]) => alarm);
  expect(alarms.length).toBeGreaterThan(0);
  for (const alarm of alarms) {
    const region = regionOf(alarm, defaultRegion);
    const actions = alarm.alarm_actions as string[];
    expect(actions).toHaveLength(1);
    const match = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):(.+)$/.exec(actions[0]!);
    expect(match?.slice(1, 3)).toEqual([region, account]);
    const topic = topics.find((t) => t.region === region && t.topic.name === match![3]);
    expect(topic).toBeDefined();
    const key = keys.find((k) => topic!.topic.kms_master_key_id === `\${aws_kms_key.${k.id}.arn}`);
    expect(key?.region).toBe(region);
  }
}

describe('org-governance', () => {
  const stack = stackUnderTest(exampleConfig, 'org-governance');
  const at = 'org-governance/organization-trail-log-group';
  const logGroupName = referenceTo(stack, `${at}/log-group`, 'name');

  test('the organization trail also delivers to the log group, through the delivery role, once the role may write', () => {
    expect(stack.synth.text).toHaveResourceWithProperties(Cloudtrail, {
      name: 'bedrock-governance-org-trail',
      // CloudTrail takes the group ARN with the log-stream wildcard.
      cloud_watch_logs_group_arn: `${referenceTo(stack, `${at}/log-group`, 'arn')}:*`,
      cloud_watch_logs_role_arn: referenceTo(stack, `${at}/role/role`, 'arn'),
      depends_on: expect.arrayContaining([addressOf(stack, `${at}/role/permissions`)]),
    });
  });

  test('the log group is KMS-encrypted with its own key, keeps events for the configured days and survives a destroy', () => {
    expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/bedrock-gov/organization-trail',
      retention_in_days: exampleConfig.alarms.organizationTrail.logRetentionDays,
      kms_key_id: referenceTo(stack, `${at}/key/key`, 'arn'),
      skip_destroy: true,
      lifecycle: { prevent_destroy: true },
    });
    const longer = stackUnderTest(
      withAlarms((alarms) => ({ organizationTrail: { ...alarms.organizationTrail, logRetentionDays: 365 } })),
      'org-governance',
    );
    expect(longer.synth.text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/bedrock-gov/organization-trail', retention_in_days: 365 });
  });

  test('one metric filter per trail alarm, all on that log group', () => {
    const filters = all(stack.synth, 'aws_cloudwatch_log_metric_filter').map(([, filter]) => filter);
    const definitions = cloudTrailAlarmDefinitions(cloudTrailAlarmInputs(exampleConfig));
    expect(filters.map((filter) => filter.pattern).sort()).toEqual(definitions.map((definition) => definition.pattern).sort());
    for (const filter of filters) expect(filter.log_group_name).toBe(logGroupName);
  });

  test('thresholds come from the config, every other alarm fires on the first event', () => {
    expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'bedrock-gov-BedrockAccessDenied',
      threshold: exampleConfig.alarms.organizationTrail.thresholds.BedrockAccessDenied,
    });
    expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-BedrockGuardrailChange', threshold: 1 });
    expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-BedrockBreakGlassUse', threshold: 1 });
  });

  test('every alarm notifies the encrypted security-alarms topic of the management account in the home region', () => {
    expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'bedrock-gov-BedrockRootUse',
      alarm_actions: [`arn:aws:sns:${HOME}:${MANAGEMENT}:bedrock-gov-security-alarms`],
    });
    expectActionsOnEncryptedTopics(stack.synth, MANAGEMENT, HOME);
  });

  test('the topic notifies the configured subscriptions', () => {
    for (const { protocol, endpoint } of exampleConfig.alarms.subscriptions) {
      expect(stack.synth.text).toHaveResourceWithProperties(SnsTopicSubscription, {
        protocol,
        endpoint,
        topic_arn: referenceTo(stack, 'org-governance/organization-trail-alarms/topic/encrypted/topic', 'arn'),
      });
    }
  });

  test("with the organization guardrail, a detachment of its BEDROCK_POLICY raises the alarm: the filter names the policy's id", () => {
    const enforced = stackUnderTest(withGuardrailEnforcement(exampleConfig), 'org-governance');
    const policyId = referenceTo(enforced, 'org-governance/organization-guardrail/policy', 'id');
    const filter = all(enforced.synth, 'aws_cloudwatch_log_metric_filter').find(
      ([, f]) => (f.metric_transformation as { name: string }).name === 'BedrockOrganizationGuardrailPolicyChange',
    )![1];
    const pattern = String(filter.pattern);
    expect(pattern).toContain(`$.requestParameters.policyId = "${policyId}"`);
    // As deployed: Terraform puts the policy's real id where the reference is.
    const detach = JSON.parse(readFileSync('test/fixtures/cloudtrail/organizations-detachpolicy-bedrock-policy-by-sso-admin.json', 'utf8')) as {
      requestParameters: { policyId: string };
    };
    expect(matchesFilterPattern(pattern.replace(policyId, detach.requestParameters.policyId), detach)).toBe(true);
    expect(matchesFilterPattern(pattern.replace(policyId, 'p-other000'), detach)).toBe(false);
    // Without the organization guardrail there is no id to name, and the example's filter names none.
    expect(
      all(stack.synth, 'aws_cloudwatch_log_metric_filter')
        .map(([, f]) => String(f.pattern))
        .join(),
    ).not.toContain('requestParameters.policyId');
  });

  test('switched off: the trail delivers to S3 only, and nothing is created for CloudWatch', () => {
    const off = stackUnderTest(
      withAlarms((alarms) => ({ organizationTrail: { ...alarms.organizationTrail, enabled: false } })),
      'org-governance',
    );
    const [trail] = all(off.synth, 'aws_cloudtrail').map(([, t]) => t);
    expect(trail!.cloud_watch_logs_group_arn).toBeUndefined();
    expect(trail!.cloud_watch_logs_role_arn).toBeUndefined();
    for (const type of [
      'aws_cloudwatch_log_group',
      'aws_cloudwatch_log_metric_filter',
      'aws_cloudwatch_metric_alarm',
      'aws_iam_role',
      'aws_sns_topic',
    ]) {
      // The account's break-glass role is every stack's, alarms or not.
      expect(all(off.synth, type).filter(([, resource]) => resource.path !== BREAK_GLASS_ROLE_PATH)).toEqual([]);
    }
  });
});

const organizationStack = stackUnderTest(exampleConfig, 'org-governance');

describe.each(exampleConfig.workloadAccounts.map((account) => [account.id, account] as const))('baseline-%s', (_id, account: WorkloadAccount) => {
  const stack = stackUnderTest(exampleConfig, `baseline-${account.id}`);
  const alarms = all(stack.synth, 'aws_cloudwatch_metric_alarm').map(([, alarm]) => alarm);

  test('alarms on interventions and invocations in each region of the account', () => {
    const byRegion = (region: string) => alarms.filter((alarm) => regionOf(alarm, account.regions[0]!) === region).map((alarm) => alarm.alarm_name);
    for (const region of account.regions)
      expect(byRegion(region).sort()).toEqual(['bedrock-gov-GuardrailInterventions', 'bedrock-gov-ModelInvocations']);
    expect(alarms).toHaveLength(2 * account.regions.length);
  });

  test("every alarm notifies the encrypted guardrail-alarms topic of the account, in the alarm's region", () => {
    for (const region of account.regions) {
      expect(stack.synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_actions: [`arn:aws:sns:${region}:${account.id}:bedrock-gov-guardrail-alarms`],
      });
    }
    expectActionsOnEncryptedTopics(stack.synth, account.id, account.regions[0]!);
  });

  test('each regional topic notifies the configured subscriptions', () => {
    const subscriptions = all(stack.synth, 'aws_sns_topic_subscription').map(([, s]) =>
      [regionOf(s, account.regions[0]!), s.protocol, s.endpoint].join(' '),
    );
    const wanted = account.regions.flatMap((region) => exampleConfig.alarms.subscriptions.map((s) => [region, s.protocol, s.endpoint].join(' ')));
    expect(subscriptions.sort()).toEqual(wanted.sort());
  });

  test("the organization's SCPs keep everyone but the deployment role and break-glass from silencing its alarms and topics (simulated)", async () => {
    const scps = Object.values(serviceControlPolicies(organizationStack.synth)).map((policy) => policyAttribute(policy, 'content'));
    const as = (role: string, action: string, resource: string, region: string) =>
      simulate(
        { scps: [scps] },
        { principal: `arn:aws:iam::${account.id}:role/${role}`, action, resource, context: { 'aws:RequestedRegion': region } },
      );
    const targets = [
      ...alarms.map((alarm) => ({
        region: regionOf(alarm, account.regions[0]!),
        arn: (region: string) => `arn:aws:cloudwatch:${region}:${account.id}:alarm:${String(alarm.alarm_name)}`,
        actions: ['cloudwatch:DeleteAlarms', 'cloudwatch:DisableAlarmActions', 'cloudwatch:PutAlarmMuteRule', 'cloudwatch:PutMetricAlarm'],
      })),
      ...all(stack.synth, 'aws_sns_topic').map(([, topic]) => ({
        region: regionOf(topic, account.regions[0]!),
        arn: (region: string) => `arn:aws:sns:${region}:${account.id}:${String(topic.name)}`,
        actions: ['sns:DeleteTopic', 'sns:PutDataProtectionPolicy', 'sns:SetTopicAttributes', 'sns:Unsubscribe'],
      })),
    ];
    expect(targets.length).toBe(3 * account.regions.length);
    for (const { region, arn, actions } of targets) {
      for (const action of actions) {
        const decisions = {
          action,
          resource: arn(region),
          admin: await as('AccountAdmin', action, arn(region), region),
          deployer: await as(exampleConfig.governance.deploymentRoleName, action, arn(region), region),
          breakGlass: await as(`${BREAK_GLASS_ROLE_PATH.slice(1)}BreakGlassAdmin`, action, arn(region), region),
        };
        expect(decisions).toEqual({ action, resource: arn(region), admin: 'ExplicitlyDenied', deployer: 'Allowed', breakGlass: 'Allowed' });
      }
    }
    // The account's own alarms and topics stay the account's.
    const region = account.regions[0]!;
    expect(await as('AccountAdmin', 'cloudwatch:DeleteAlarms', `arn:aws:cloudwatch:${region}:${account.id}:alarm:team-latency-high`, region)).toBe(
      'Allowed',
    );
    expect(await as('AccountAdmin', 'sns:DeleteTopic', `arn:aws:sns:${region}:${account.id}:team-notifications`, region)).toBe('Allowed');
  });
});

describe('per-account thresholds', () => {
  const [tuned, other] = exampleConfig.workloadAccounts;
  const config = withAlarms((alarms) => ({
    bedrockMetrics: {
      ...alarms.bedrockMetrics,
      thresholds: { interventions: 40, invocations: 900, interventionsByPolicyType: {} },
      accountThresholds: { [tuned!.id]: { invocations: 7, interventionsByPolicyType: { SensitiveInformationPolicy: 3 } } },
    },
  }));

  test("an account with its own thresholds gets them, and the organization's for the rest", () => {
    const stack = stackUnderTest(config, `baseline-${tuned!.id}`).synth.text;
    expect(stack).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-ModelInvocations', threshold: 7 });
    expect(stack).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-GuardrailInterventions', threshold: 40 });
    expect(stack).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'bedrock-gov-GuardrailInterventions-SensitiveInformationPolicy',
      threshold: 3,
    });
  });

  test('another account keeps the organization thresholds', () => {
    const stack = stackUnderTest(config, `baseline-${other!.id}`).synth;
    expect(stack.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'bedrock-gov-ModelInvocations', threshold: 900 });
    expect(all(stack, 'aws_cloudwatch_metric_alarm').map(([, alarm]) => alarm.alarm_name)).not.toContain(
      'bedrock-gov-GuardrailInterventions-SensitiveInformationPolicy',
    );
  });
});

test('per-account alarms switched off: no alarms and no alarm topic in the baseline stacks', () => {
  const off = withAlarms((alarms) => ({ bedrockMetrics: { ...alarms.bedrockMetrics, enabled: false } }));
  const account = exampleConfig.workloadAccounts.find((a) => a.regions.length > 1)!;
  const stack = stackUnderTest(off, `baseline-${account.id}`);
  expect(all(stack.synth, 'aws_cloudwatch_metric_alarm')).toEqual([]);
  expect(all(stack.synth, 'aws_sns_topic')).toEqual([]);
});
