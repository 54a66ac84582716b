/**
 * Decision matrix of the findings topic policy and the topic key policy, as synthesized
 * into the security-audit stack, under the IAM simulator: EventBridge may publish and
 * encrypt only for the findings rule of the audit account; nobody else gains anything.
 * ARNs are built here from the synthesized names, not taken from the implementation.
 */
import { Testing } from 'cdktf';
import type { PolicyDocument, PolicyStatement } from '../../policies/document';
import { SecurityAuditStack } from '../../stacks/security-audit';
import { exampleConfig } from '../support/config';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type Decision, type SimRequest } from '../support/simulate';
import { policyAttribute, resourcesOfType, synthStack } from '../support/synth';

const AUDIT = exampleConfig.coreAccounts.audit;
const REGION = exampleConfig.organization.homeRegion;
const FOREIGN = '999999999999';
const stack = synthStack(new SecurityAuditStack(Testing.app(), exampleConfig));
const single = (type: string): Record<string, unknown> => Object.values(resourcesOfType(stack, type))[0]!;

const topic = single('aws_sns_topic');
const rule = single('aws_cloudwatch_event_rule');
const topicArn = `arn:aws:sns:${REGION}:${AUDIT}:${String(topic.name)}`;
const ruleArn = `arn:aws:events:${REGION}:${AUDIT}:rule/${String(rule.name)}`;
const otherRuleArn = `arn:aws:events:${REGION}:${AUDIT}:rule/some-other-rule`;
const keyArn = `arn:aws:kms:${REGION}:${AUDIT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const topicPolicy = policyAttribute(single('aws_sns_topic_policy'), 'policy');
const keyPolicy = policyAttribute(single('aws_kms_key'), 'policy');

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const deployer = role(AUDIT, exampleConfig.governance.deploymentRoleName);
const breakGlass = role(AUDIT, 'bedrock-gov-break-glass/BreakGlassAdmin');
const securityAnalyst = role(AUDIT, 'SecurityAnalyst');
const fromRule = (source = ruleArn, account = AUDIT) => ({ 'aws:SourceArn': source, 'aws:SourceAccount': account, 'aws:SecureTransport': 'true' });

type Expected = 'Allowed' | 'Denied';
const outcome = (decision: Decision): Expected => (decision === 'Allowed' ? 'Allowed' : 'Denied');

describe('findings topic policy', () => {
  const publish = (principal: string, context: Record<string, string>, action = 'sns:Publish'): SimRequest => ({ principal, action, resource: topicArn, resourceAccount: AUDIT, context });

  it.each<[string, Expected, SimRequest]>([
    ['EventBridge publishing for the findings rule', 'Allowed', publish('events.amazonaws.com', fromRule())],
    ['EventBridge publishing for another rule', 'Denied', publish('events.amazonaws.com', fromRule(otherRuleArn))],
    ['EventBridge publishing for a rule of that name in another account', 'Denied', publish('events.amazonaws.com', fromRule(`arn:aws:events:${REGION}:${FOREIGN}:rule/${String(rule.name)}`, FOREIGN))],
    ['EventBridge without a source', 'Denied', publish('events.amazonaws.com', { 'aws:SecureTransport': 'true' })],
    ['another service with the rule as source', 'Denied', publish('s3.amazonaws.com', fromRule())],
    ['CloudWatch alarms', 'Denied', publish('cloudwatch.amazonaws.com', fromRule())],
    ['a role of another account publishing', 'Denied', publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' })],
    ['a role of another account subscribing', 'Denied', publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' }, 'sns:Subscribe')],
    ['a role of another account changing the policy', 'Denied', publish(role(FOREIGN, 'Attacker'), { 'aws:SecureTransport': 'true' }, 'sns:SetTopicAttributes')],
    ['EventBridge for the rule without TLS', 'Denied', publish('events.amazonaws.com', { ...fromRule(), 'aws:SecureTransport': 'false' })],
  ])('%s: %s', async (_case, expected, request) => {
    expect(outcome(await simulate({ resourcePolicy: topicPolicy }, request))).toBe(expected);
  });

  it('grants roles of its own account nothing: their identity policies alone decide', async () => {
    for (const principal of [deployer, securityAnalyst]) {
      for (const action of ['sns:Publish', 'sns:Subscribe', 'sns:SetTopicAttributes']) {
        expect(await simulate({ identityPolicies: [], resourcePolicy: topicPolicy }, publish(principal, { 'aws:SecureTransport': 'true' }, action))).toBe('ImplicitlyDenied');
      }
    }
  });

  it('refuses requests without TLS even from principals that may publish', async () => {
    expect(await simulate({ resourcePolicy: topicPolicy }, publish(deployer, { 'aws:SecureTransport': 'false' }))).toBe('ExplicitlyDenied');
  });

  it('uses only real actions and condition keys', async () => {
    expect(await referenceProblems(topicPolicy)).toEqual([]);
  });
});

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
        .map(([operator, entries]) => [operator, Object.fromEntries(Object.entries(entries).filter(([key]) => !key.startsWith('kms:EncryptionContext:')))] as const)
        .filter(([, entries]) => Object.keys(entries).length > 0),
    );
    return { ...statement, Condition: condition };
  });
  return { ...document, Statement: statements };
}

describe('findings topic key policy', () => {
  const simulable = withoutEncryptionContext(keyPolicy);
  const onKey = (principal: string, action: string, context: Record<string, string> = {}): SimRequest => ({ principal, action, resource: keyArn, resourceAccount: AUDIT, context });

  it.each<[string, Expected, SimRequest]>([
    ['EventBridge generating a data key for the findings rule', 'Allowed', onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule())],
    ['EventBridge decrypting for the findings rule', 'Allowed', onKey('events.amazonaws.com', 'kms:Decrypt', fromRule())],
    ['EventBridge for another rule', 'Denied', onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule(otherRuleArn))],
    ['EventBridge for another account', 'Denied', onKey('events.amazonaws.com', 'kms:GenerateDataKey', fromRule(`arn:aws:events:${REGION}:${FOREIGN}:rule/x`, FOREIGN))],
    ['EventBridge re-encrypting', 'Denied', onKey('events.amazonaws.com', 'kms:ReEncryptFrom', fromRule())],
    ['SNS itself', 'Denied', onKey('sns.amazonaws.com', 'kms:Decrypt', fromRule())],
    ['S3', 'Denied', onKey('s3.amazonaws.com', 'kms:GenerateDataKey', fromRule())],
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
  ])('%s: %s', async (_case, expected, request) => {
    expect(outcome(await simulate({ resourcePolicy: simulable }, request))).toBe(expected);
  });

  it('limits EventBridge to the findings topic by encryption context', () => {
    const eventBridge = keyPolicy.Statement.filter((statement) => JSON.stringify(statement.Principal).includes('events.amazonaws.com'));
    expect(eventBridge).toHaveLength(1);
    expect(eventBridge[0]!.Condition?.StringEquals?.[ENCRYPTION_CONTEXT_KEY]).toBe(topicArn);
  });

  it('uses only real actions and condition keys', async () => {
    expect(await referenceProblems(keyPolicy)).toEqual([]);
  });
});
