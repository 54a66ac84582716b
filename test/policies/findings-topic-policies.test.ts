/**
 * Decision matrices of the two findings topics of the audit account (Macie's, and the
 * security findings topic of GuardDuty and Security Hub), of their keys, and of the role
 * that forwards GuardDuty findings between regions, as synthesized into the security-audit
 * stack, under the IAM simulator: EventBridge may publish and encrypt only for the
 * findings rules of the audit account, and assume the forwarder only for the forwarding
 * rules; nobody else gains anything. ARNs are built here from the synthesized names, not
 * taken from the implementation.
 */
import { Testing } from 'cdktf';
import type { PolicyDocument, PolicyStatement } from '../../policies/document';
import { SecurityAuditStack } from '../../stacks/security-audit';
import { exampleConfig } from '../support/config';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type Decision, type SimRequest } from '../support/simulate';
import { policyAttribute, resourcesOfType, synthStack } from '../support/synth';
import { BREAK_GLASS_ROLE_PATH } from '../../naming/reserved-names';

const AUDIT = exampleConfig.coreAccounts.audit;
const REGION = exampleConfig.organization.homeRegion;
const OTHER_REGION = 'us-west-2';
const FOREIGN = '999999999999';
const stack = synthStack(new SecurityAuditStack(Testing.app(), exampleConfig));

/** The one resource of `type` whose construct id starts with `prefix`. */
function resourceUnder(type: string, prefix: string): Record<string, unknown> {
  const found = Object.entries(resourcesOfType(stack, type)).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0]![1];
}
const ruleNamed = (name: string) => Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_rule')).filter((rule) => rule.name === name);

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const deployer = role(AUDIT, exampleConfig.governance.deploymentRoleName);
const breakGlass = role(AUDIT, `${BREAK_GLASS_ROLE_PATH.slice(1)}BreakGlassAdmin`);
const securityAnalyst = role(AUDIT, 'SecurityAnalyst');
const ruleArn = (name: string, region = REGION, account = AUDIT) => `arn:aws:events:${region}:${account}:rule/${name}`;
const fromRule = (source: string, account = AUDIT) => ({ 'aws:SourceArn': source, 'aws:SourceAccount': account, 'aws:SecureTransport': 'true' });

type Expected = 'Allowed' | 'Denied';
const outcome = (decision: Decision): Expected => (decision === 'Allowed' ? 'Allowed' : 'Denied');

/**
 * The simulator cannot evaluate `kms:EncryptionContext:<key>` conditions (it resolves
 * them to the `${EncryptionContextKey}` template), so the matrix runs without them and
 * the encryption-context condition is checked on its own below.
 */
const ENCRYPTION_CONTEXT_KEY = 'kms:EncryptionContext:aws:sns:topicArn';
function withoutEncryptionContext(document: PolicyDocument): PolicyDocument {
  const statements = document.Statement.map((statement): PolicyStatement => {
    if (!statement.Condition) return statement;
    const condition = Object.fromEntries(
      Object.entries(statement.Condition)
        .map(
          ([operator, entries]) =>
            [operator, Object.fromEntries(Object.entries(entries).filter(([key]) => !key.startsWith('kms:EncryptionContext:')))] as const,
        )
        .filter(([, entries]) => Object.keys(entries).length > 0),
    );
    return { ...statement, Condition: condition };
  });
  return { ...document, Statement: statements };
}

const TOPICS = [
  { topic: 'the Macie findings topic', construct: 'findings-alerts_', rules: ['bedrock-gov-macie-findings'] },
  {
    topic: 'the security findings topic',
    construct: 'security-findings-alerts_',
    rules: ['bedrock-gov-guardduty-findings', 'bedrock-gov-securityhub-findings'],
  },
];

describe.each(TOPICS)('$topic', ({ construct, rules }) => {
  const topic = resourceUnder('aws_sns_topic', construct);
  const topicArn = `arn:aws:sns:${REGION}:${AUDIT}:${String(topic.name)}`;
  const keyArn = `arn:aws:kms:${REGION}:${AUDIT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const topicPolicy = policyAttribute(resourceUnder('aws_sns_topic_policy', construct), 'policy');
  const keyPolicy = policyAttribute(resourceUnder('aws_kms_key', construct), 'policy');
  const otherRule = ruleArn('some-other-rule');
  // The topic's rules exist in the stack, under the names the policies were written for.
  it.each(rules)('its rule %s exists in the home region', (name) => {
    expect(ruleNamed(name)).toHaveLength(1);
    expect(ruleNamed(name)[0]!.provider ?? 'aws').toBe('aws');
  });

  const publish = (principal: string, context: Record<string, string>, action = 'sns:Publish'): SimRequest => ({
    principal,
    action,
    resource: topicArn,
    resourceAccount: AUDIT,
    context,
  });
  it.each<[string, Expected, SimRequest]>([
    ...rules.map((name): [string, Expected, SimRequest] => [
      `EventBridge publishing for ${name}`,
      'Allowed',
      publish('events.amazonaws.com', fromRule(ruleArn(name))),
    ]),
    ...rules.map((name): [string, Expected, SimRequest] => [
      `EventBridge publishing for ${name} in another region`,
      'Denied',
      publish('events.amazonaws.com', fromRule(ruleArn(name, OTHER_REGION))),
    ]),
    ['EventBridge publishing for another rule', 'Denied', publish('events.amazonaws.com', fromRule(otherRule))],
    [
      'EventBridge publishing for a rule of that name in another account',
      'Denied',
      publish('events.amazonaws.com', fromRule(ruleArn(rules[0]!, REGION, FOREIGN), FOREIGN)),
    ],
    ['EventBridge without a source', 'Denied', publish('events.amazonaws.com', { 'aws:SecureTransport': 'true' })],
    ['another service with a rule as source', 'Denied', publish('s3.amazonaws.com', fromRule(ruleArn(rules[0]!)))],
    ['CloudWatch alarms', 'Denied', publish('cloudwatch.amazonaws.com', fromRule(ruleArn(rules[0]!)))],
    ['a role of another account publishing', 'Denied', publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' })],
    ['a role of another account subscribing', 'Denied', publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' }, 'sns:Subscribe')],
    [
      'a role of another account changing the policy',
      'Denied',
      publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' }, 'sns:SetTopicAttributes'),
    ],
    [
      'EventBridge for a rule without TLS',
      'Denied',
      publish('events.amazonaws.com', { ...fromRule(ruleArn(rules[0]!)), 'aws:SecureTransport': 'false' }),
    ],
  ])('topic policy: %s: %s', async (_case, expected, request) => {
    expect(outcome(await simulate({ resourcePolicy: topicPolicy }, request))).toBe(expected);
  });

  it('topic policy grants roles of its own account nothing: their identity policies alone decide', async () => {
    for (const principal of [deployer, securityAnalyst]) {
      for (const action of ['sns:Publish', 'sns:Subscribe', 'sns:SetTopicAttributes']) {
        expect(
          await simulate({ identityPolicies: [], resourcePolicy: topicPolicy }, publish(principal, { 'aws:SecureTransport': 'true' }, action)),
        ).toBe('ImplicitlyDenied');
      }
    }
    expect(await simulate({ resourcePolicy: topicPolicy }, publish(deployer, { 'aws:SecureTransport': 'false' }))).toBe('ExplicitlyDenied');
  });

  const simulable = withoutEncryptionContext(keyPolicy);
  const onKey = (principal: string, action: string, context: Record<string, string> = {}): SimRequest => ({
    principal,
    action,
    resource: keyArn,
    resourceAccount: AUDIT,
    context,
  });
  it.each<[string, Expected, SimRequest]>([
    ...rules.map((name): [string, Expected, SimRequest] => [
      `EventBridge generating a data key for ${name}`,
      'Allowed',
      onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule(ruleArn(name))),
    ]),
    ...rules.map((name): [string, Expected, SimRequest] => [
      `EventBridge decrypting for ${name}`,
      'Allowed',
      onKey('events.amazonaws.com', 'kms:Decrypt', fromRule(ruleArn(name))),
    ]),
    ['EventBridge for another rule', 'Denied', onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule(otherRule))],
    [
      'EventBridge for another account',
      'Denied',
      onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule(ruleArn('x', REGION, FOREIGN), FOREIGN)),
    ],
    ['EventBridge re-encrypting', 'Denied', onKey('events.amazonaws.com', 'kms:ReEncryptFrom', fromRule(ruleArn(rules[0]!)))],
    ['SNS itself', 'Denied', onKey('sns.amazonaws.com', 'kms:Decrypt', fromRule(ruleArn(rules[0]!)))],
    ['S3', 'Denied', onKey('s3.amazonaws.com', 'kms:GenerateDataKey', fromRule(ruleArn(rules[0]!)))],
    ['the deployment role changing the key policy', 'Allowed', onKey(deployer, 'kms:PutKeyPolicy')],
    ['the deployment role scheduling deletion', 'Denied', onKey(deployer, 'kms:ScheduleKeyDeletion')],
    ['break-glass scheduling deletion', 'Allowed', onKey(breakGlass, 'kms:ScheduleKeyDeletion')],
    ['the deployment role decrypting', 'Denied', onKey(deployer, 'kms:Decrypt')],
    ['the deployment role disabling the key', 'Denied', onKey(deployer, 'kms:DisableKey')],
    ['the deployment role disabling rotation', 'Denied', onKey(deployer, 'kms:DisableKeyRotation')],
    ['break-glass changing the key policy', 'Allowed', onKey(breakGlass, 'kms:PutKeyPolicy')],
    ['another role of the account changing the key policy', 'Denied', onKey(securityAnalyst, 'kms:PutKeyPolicy')],
    ['another role of the account decrypting', 'Denied', onKey(securityAnalyst, 'kms:Decrypt')],
    ['the deployment role name in another account', 'Denied', onKey(role(FOREIGN, exampleConfig.governance.deploymentRoleName), 'kms:PutKeyPolicy')],
  ])('key policy: %s: %s', async (_case, expected, request) => {
    expect(outcome(await simulate({ resourcePolicy: simulable }, request))).toBe(expected);
  });

  it('key policy limits EventBridge to the topic by encryption context', () => {
    const eventBridge = keyPolicy.Statement.filter((statement) => JSON.stringify(statement.Principal).includes('events.amazonaws.com'));
    expect(eventBridge).toHaveLength(1);
    expect(eventBridge[0]!.Condition?.StringEquals?.[ENCRYPTION_CONTEXT_KEY]).toBe(topicArn);
  });

  it('both policies use only real actions and condition keys', async () => {
    expect(await referenceProblems(topicPolicy)).toEqual([]);
    expect(await referenceProblems(keyPolicy)).toEqual([]);
  });
});

describe('the role that forwards GuardDuty findings to the home region', () => {
  const forwarder = resourceUnder('aws_iam_role', 'security-findings-alerts_forwarder-role');
  const trust = policyAttribute(forwarder, 'assume_role_policy');
  const permissions = policyAttribute(resourceUnder('aws_iam_role_policy', 'security-findings-alerts_forwarder-role'), 'policy');
  const roleArn = role(AUDIT, String(forwarder.name));
  const [forwardRule] = ruleNamed('bedrock-gov-guardduty-findings-forward');
  const forwardArn = ruleArn(String(forwardRule!.name), OTHER_REGION);
  const homeBus = `arn:aws:events:${REGION}:${AUDIT}:event-bus/default`;

  it('is assumed by the forwarding rule of the other region, through the target that names the home bus', () => {
    expect(forwardRule!.provider).toBe(`aws.${OTHER_REGION}`);
    const [target] = Object.values(resourcesOfType(stack, 'aws_cloudwatch_event_target')).filter((t) => t.arn === homeBus);
    expect(target).toMatchObject({
      provider: `aws.${OTHER_REGION}`,
      role_arn: expect.stringContaining('aws_iam_role.security-findings-alerts_forwarder-role'),
    });
  });

  const assume = (principal: string, context: Record<string, string>): SimRequest => ({
    principal,
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: AUDIT,
    context,
  });
  it.each<[string, Expected, SimRequest]>([
    ['EventBridge for the forwarding rule', 'Allowed', assume('events.amazonaws.com', fromRule(forwardArn))],
    ['EventBridge for another rule of the account', 'Denied', assume('events.amazonaws.com', fromRule(ruleArn('some-other-rule', OTHER_REGION)))],
    [
      'EventBridge for a rule of that name in another account',
      'Denied',
      assume('events.amazonaws.com', fromRule(ruleArn(String(forwardRule!.name), OTHER_REGION, FOREIGN), FOREIGN)),
    ],
    ['EventBridge without a source', 'Denied', assume('events.amazonaws.com', {})],
    ['another service', 'Denied', assume('lambda.amazonaws.com', fromRule(forwardArn))],
    ['a role of the account', 'Denied', assume(securityAnalyst, {})],
  ])('trust: %s: %s', async (_case, expected, request) => {
    expect(outcome(await simulate({ resourcePolicy: trust }, request))).toBe(expected);
  });

  it.each<[string, Expected, string, string]>([
    ['put events on the home default bus', 'Allowed', 'events:PutEvents', homeBus],
    ['put events on the default bus of another region', 'Denied', 'events:PutEvents', `arn:aws:events:${OTHER_REGION}:${AUDIT}:event-bus/default`],
    ['put events on another bus', 'Denied', 'events:PutEvents', `arn:aws:events:${REGION}:${AUDIT}:event-bus/other`],
    ['change a rule', 'Denied', 'events:PutRule', `arn:aws:events:${REGION}:${AUDIT}:rule/bedrock-gov-guardduty-findings`],
  ])('permissions: %s: %s', async (_case, expected, action, resource) => {
    expect(outcome(await simulate({ identityPolicies: [permissions] }, { principal: roleArn, action, resource }))).toBe(expected);
  });

  it('uses only real actions and condition keys', async () => {
    expect(await referenceProblems(trust)).toEqual([]);
    expect(await referenceProblems(permissions)).toEqual([]);
  });
});
