/**
 * The organization trail's CloudWatch delivery, as deployed: the key of the log group,
 * and the trust and permissions of the role CloudTrail writes with, read back from the
 * synthesized org-governance stack and evaluated by the IAM simulator.
 */
import { exampleConfig as config } from '../support/config';
import { organizationTrailArn, organizationTrailLogGroupArn } from '../../naming/arns';
import type { PolicyDocument } from '../../policies/document';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type Decision } from '../support/simulate';
import { policyAt, stackUnderTest } from '../support/stacks';

const MANAGEMENT = config.organization.managementAccountId;
const HOME = config.organization.homeRegion;
const ORG = config.organization.id;
const FOREIGN = '999999999999';
const OTHER_REGION = config.governance.allowedRegions.find((region) => region !== HOME)!;

const stack = stackUnderTest(config, 'org-governance');
const at = 'org-governance/organization-trail-log-group';
const KEY_POLICY = policyAt(stack, `${at}/key/key`);
const TRUST = policyAt(stack, `${at}/role/role`, 'assume_role_policy');
const PERMISSIONS = policyAt(stack, `${at}/role/permissions`);

const KEY = `arn:aws:kms:${HOME}:${MANAGEMENT}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
const LOG_GROUP = organizationTrailLogGroupArn(config);
const TRAIL = organizationTrailArn(config);
const ROLE = `arn:aws:iam::${MANAGEMENT}:role/bedrock-gov-org-trail-cloudwatch`;
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const logGroupOf = (account: string, region: string, name: string) => `arn:aws:logs:${region}:${account}:log-group:${name}`;

test.each([
  ['key policy', KEY_POLICY],
  ['trust policy', TRUST],
  ['permissions', PERMISSIONS],
] as Array<[string, PolicyDocument]>)('the %s uses only real actions and condition keys', async (_name, document) => {
  expect(await referenceProblems(document)).toEqual([]);
});

describe('the log group key', () => {
  const byLogs = (action: string, encryptionContext: string | undefined, region = HOME): Promise<Decision> =>
    simulate(
      { resourcePolicy: KEY_POLICY },
      {
        principal: `logs.${region}.amazonaws.com`,
        action,
        resource: KEY,
        resourceAccount: MANAGEMENT,
        context: encryptionContext === undefined ? {} : { 'kms:EncryptionContext:aws:logs:arn': encryptionContext },
      },
    );

  test.each(['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom'])(
    'CloudWatch Logs of the home region may %s for the trail log group',
    async (action) => {
      expect(await byLogs(action, LOG_GROUP)).toBe('Allowed');
    },
  );

  test.each([
    ['another log group of the account', logGroupOf(MANAGEMENT, HOME, '/aws/lambda/exfiltrate')],
    ['a log group of the same name in another account', logGroupOf(FOREIGN, HOME, '/bedrock-gov/organization-trail')],
    ['a log group of the same name in another region', logGroupOf(MANAGEMENT, OTHER_REGION, '/bedrock-gov/organization-trail')],
  ])('CloudWatch Logs may not use it for %s', async (_case, logGroup) => {
    expect(await byLogs('kms:GenerateDataKey', logGroup)).toBe('ImplicitlyDenied');
  });

  test('CloudWatch Logs may not use it without naming the log group, nor from another region', async () => {
    expect(await byLogs('kms:GenerateDataKey', undefined)).toBe('ImplicitlyDenied');
    expect(await byLogs('kms:GenerateDataKey', LOG_GROUP, OTHER_REGION)).toBe('ImplicitlyDenied');
  });

  test('CloudWatch Logs gets nothing but encryption', async () => {
    for (const action of ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant'])
      expect(await byLogs(action, LOG_GROUP)).toBe('ImplicitlyDenied');
  });

  test.each<[string, string, string, Decision]>([
    ['an admin of the management account decrypts', role(MANAGEMENT, 'AccountAdmin'), 'kms:Decrypt', 'ImplicitlyDenied'],
    ['an admin of the management account replaces the key policy', role(MANAGEMENT, 'AccountAdmin'), 'kms:PutKeyPolicy', 'ImplicitlyDenied'],
    ['the deployment role updates the key policy', role(MANAGEMENT, config.governance.deploymentRoleName), 'kms:PutKeyPolicy', 'Allowed'],
    [
      'the deployment role schedules the key for deletion',
      role(MANAGEMENT, config.governance.deploymentRoleName),
      'kms:ScheduleKeyDeletion',
      'ImplicitlyDenied',
    ],
    ['break-glass schedules the key for deletion', role(MANAGEMENT, 'bedrock-gov-break-glass/BreakGlassAdmin'), 'kms:ScheduleKeyDeletion', 'Allowed'],
    ['the delivery role itself decrypts', ROLE, 'kms:Decrypt', 'ImplicitlyDenied'],
  ])('%s', async (_case, principal, action, decision) => {
    expect(
      await simulate(
        { resourcePolicy: KEY_POLICY },
        { principal, action, resource: KEY, resourceAccount: MANAGEMENT, context: { 'aws:PrincipalOrgID': ORG } },
      ),
    ).toBe(decision);
  });
});

describe('the delivery role trust', () => {
  const assume = (principal: string, context: Record<string, string>): Promise<Decision> =>
    simulate({ resourcePolicy: TRUST }, { principal, action: 'sts:AssumeRole', resource: ROLE, resourceAccount: MANAGEMENT, context });

  test('CloudTrail assumes it for the organization trail', async () => {
    expect(await assume('cloudtrail.amazonaws.com', { 'aws:SourceArn': TRAIL, 'aws:SourceAccount': MANAGEMENT })).toBe('Allowed');
  });

  test.each([
    [
      'another trail of the management account',
      { 'aws:SourceArn': `arn:aws:cloudtrail:${HOME}:${MANAGEMENT}:trail/shadow`, 'aws:SourceAccount': MANAGEMENT },
    ],
    [
      'a trail of the same name in another account',
      { 'aws:SourceArn': `arn:aws:cloudtrail:${HOME}:${FOREIGN}:trail/bedrock-governance-org-trail`, 'aws:SourceAccount': FOREIGN },
    ],
    ['a trail of another account naming this trail as its source', { 'aws:SourceArn': TRAIL, 'aws:SourceAccount': FOREIGN }],
    [
      'a trail of the same name in another region',
      { 'aws:SourceArn': `arn:aws:cloudtrail:${OTHER_REGION}:${MANAGEMENT}:trail/bedrock-governance-org-trail` },
    ],
  ])('CloudTrail may not assume it for %s', async (_case, context) => {
    expect(await assume('cloudtrail.amazonaws.com', context)).toBe('ImplicitlyDenied');
  });

  test('CloudTrail without source keys still assumes it: the CloudTrail guide says this role does not support them', async () => {
    // The documented behaviour the IfExists operators are there for: delivery must not stop.
    expect(await assume('cloudtrail.amazonaws.com', {})).toBe('Allowed');
  });

  test.each([
    ['CloudWatch Logs', 'logs.amazonaws.com', { 'aws:SourceAccount': MANAGEMENT }],
    ['Bedrock', 'bedrock.amazonaws.com', { 'aws:SourceAccount': MANAGEMENT }],
    ['an admin of the management account', role(MANAGEMENT, 'AccountAdmin'), {}],
    ['a role of another account', role(FOREIGN, 'Attacker'), {}],
  ])('%s may not assume it', async (_case, principal, context) => {
    expect(await assume(principal, context)).toBe('ImplicitlyDenied');
  });
});

describe('the delivery role permissions', () => {
  const call = (action: string, resource: string): Promise<Decision> =>
    simulate({ identityPolicies: [PERMISSIONS] }, { principal: ROLE, action, resource, resourceAccount: MANAGEMENT });
  const stream = (logGroup: string, name: string) => `${logGroup}:log-stream:${name}`;

  test.each([
    ['a member account stream', `${ORG}_444444444444_CloudTrail_${HOME}`],
    ["the management account's stream", `${MANAGEMENT}_CloudTrail_${HOME}`],
    ['an overflow stream', `${ORG}_555555555555_CloudTrail_${HOME}_2`],
  ])('creates and writes %s of the trail log group', async (_case, name) => {
    expect(await call('logs:CreateLogStream', stream(LOG_GROUP, name))).toBe('Allowed');
    expect(await call('logs:PutLogEvents', stream(LOG_GROUP, name))).toBe('Allowed');
  });

  test.each([
    ['a stream of another log group', 'logs:PutLogEvents', stream(logGroupOf(MANAGEMENT, HOME, '/aws/lambda/payments'), 'x')],
    [
      'a stream of the same group name in another region',
      'logs:PutLogEvents',
      stream(logGroupOf(MANAGEMENT, OTHER_REGION, '/bedrock-gov/organization-trail'), 'x'),
    ],
    ['the trail log group itself: delete it', 'logs:DeleteLogGroup', LOG_GROUP],
    ['the trail log group itself: shorten its retention', 'logs:PutRetentionPolicy', LOG_GROUP],
    ['a stream of the trail log group: delete it', 'logs:DeleteLogStream', stream(LOG_GROUP, `${MANAGEMENT}_CloudTrail_${HOME}`)],
    ['a new log group', 'logs:CreateLogGroup', logGroupOf(MANAGEMENT, HOME, '/bedrock-gov/other')],
  ])('may not touch %s', async (_case, action, resource) => {
    expect(await call(action, resource)).toBe('ImplicitlyDenied');
  });
});
