/** The alarm topic and its key accept this account's alarms only: simulated, not asserted. */
import { alarmTopicKeyPolicy, alarmTopicPolicy } from '../../policies/alarm-topic';
import { referenceProblems } from '../support/iam-reference';
import { simulate } from '../support/simulate';

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:bedrock-gov-security-alarms`;
const input = { accountId: ACCOUNT, region: REGION, alarmNamePrefix: 'bedrock-gov-' };
const topicPolicy = alarmTopicPolicy({ ...input, topicArn: TOPIC });
const keyPolicy = alarmTopicKeyPolicy({
  ...input,
  administrators: { deploymentRoleName: 'GovernanceBaselineDeployer', breakGlassRoleArns: ['arn:aws:iam::*:role/BreakGlassAdmin'] },
});
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const alarm = (name: string, account = ACCOUNT, region = REGION) => `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
const fromCloudWatch = (sourceArn: string | undefined, sourceAccount: string | undefined, secure = 'true') => ({
  ...(sourceArn ? { 'aws:SourceArn': sourceArn } : {}),
  ...(sourceAccount ? { 'aws:SourceAccount': sourceAccount } : {}),
  'aws:SecureTransport': secure,
});

describe('topic policy', () => {
  test.each([
    [
      'an alarm of this account with the baseline prefix',
      'Allowed',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('bedrock-gov-BedrockAccessDenied'), ACCOUNT),
    ],
    [
      'an alarm of another account',
      'ImplicitlyDenied',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('bedrock-gov-BedrockAccessDenied', '999999999999'), '999999999999'),
    ],
    [
      "another account's alarm claiming this account",
      'ImplicitlyDenied',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('bedrock-gov-X', '999999999999'), ACCOUNT),
    ],
    [
      'an alarm of this account in another region',
      'ImplicitlyDenied',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('bedrock-gov-X', ACCOUNT, 'eu-west-1'), ACCOUNT),
    ],
    [
      'an alarm of this account without the baseline prefix',
      'ImplicitlyDenied',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('billing-high'), ACCOUNT),
    ],
    ['CloudWatch without a source (confused deputy)', 'ImplicitlyDenied', 'cloudwatch.amazonaws.com', fromCloudWatch(undefined, undefined)],
    ['another service', 'ImplicitlyDenied', 'events.amazonaws.com', fromCloudWatch(alarm('bedrock-gov-X'), ACCOUNT)],
    [
      'an alarm of this account without TLS',
      'ExplicitlyDenied',
      'cloudwatch.amazonaws.com',
      fromCloudWatch(alarm('bedrock-gov-X'), ACCOUNT, 'false'),
    ],
  ])('sns:Publish by %s: %s', async (_case, decision, principal, context) => {
    expect(
      await simulate({ resourcePolicy: topicPolicy }, { principal, action: 'sns:Publish', resource: TOPIC, resourceAccount: ACCOUNT, context }),
    ).toBe(decision);
  });

  test('a principal of another account cannot publish, whatever its own policies allow', async () => {
    expect(
      await simulate(
        { resourcePolicy: topicPolicy },
        {
          principal: 'arn:aws:iam::999999999999:role/attacker',
          action: 'sns:Publish',
          resource: TOPIC,
          resourceAccount: ACCOUNT,
          context: { 'aws:SecureTransport': 'true' },
        },
      ),
    ).toBe('ImplicitlyDenied');
  });

  test('the policy grants CloudWatch nothing but Publish', async () => {
    for (const action of ['sns:Subscribe', 'sns:SetTopicAttributes', 'sns:DeleteTopic']) {
      expect(
        await simulate(
          { resourcePolicy: topicPolicy },
          {
            principal: 'cloudwatch.amazonaws.com',
            action,
            resource: TOPIC,
            resourceAccount: ACCOUNT,
            context: fromCloudWatch(alarm('bedrock-gov-X'), ACCOUNT),
          },
        ),
      ).toBe('ImplicitlyDenied');
    }
  });
});

describe('key policy', () => {
  test.each([
    ['kms:GenerateDataKey', 'Allowed', alarm('bedrock-gov-GuardrailInterventions'), ACCOUNT],
    ['kms:Decrypt', 'Allowed', alarm('bedrock-gov-GuardrailInterventions'), ACCOUNT],
    ['kms:GenerateDataKey', 'ImplicitlyDenied', alarm('bedrock-gov-X', '999999999999'), '999999999999'],
    ['kms:GenerateDataKey', 'ImplicitlyDenied', alarm('other-alarm'), ACCOUNT],
    ['kms:Encrypt', 'ImplicitlyDenied', alarm('bedrock-gov-X'), ACCOUNT],
    ['kms:ScheduleKeyDeletion', 'ImplicitlyDenied', alarm('bedrock-gov-X'), ACCOUNT],
  ])('CloudWatch %s: %s for %s (source account %s)', async (action, decision, sourceArn, sourceAccount) => {
    expect(
      await simulate(
        { resourcePolicy: keyPolicy },
        { principal: 'cloudwatch.amazonaws.com', action, resource: KEY, resourceAccount: ACCOUNT, context: fromCloudWatch(sourceArn, sourceAccount) },
      ),
    ).toBe(decision);
  });

  const byRole = (role: string, action: string, account = ACCOUNT) => ({
    principal: `arn:aws:iam::${account}:role/${role}`,
    action,
    resource: KEY,
    resourceAccount: ACCOUNT,
  });

  test('administered like every baseline key: the deployment role manages it, only break-glass can disable or delete it', async () => {
    expect(await simulate({ resourcePolicy: keyPolicy, identityPolicies: [] }, byRole('GovernanceBaselineDeployer', 'kms:PutKeyPolicy'))).toBe(
      'Allowed',
    );
    for (const action of ['kms:ScheduleKeyDeletion', 'kms:DisableKey']) {
      expect(await simulate({ resourcePolicy: keyPolicy }, byRole('GovernanceBaselineDeployer', action))).toBe('ImplicitlyDenied');
      expect(await simulate({ resourcePolicy: keyPolicy }, byRole('BreakGlassAdmin', action))).toBe('Allowed');
    }
  });

  test("an account admin's IAM policies grant nothing on the key, and other accounts get nothing", async () => {
    // The key policy never delegates to the account's IAM policies (no root kms:*).
    for (const action of ['kms:Decrypt', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion']) {
      expect(await simulate({ resourcePolicy: keyPolicy }, byRole('AccountAdmin', action))).toBe('ImplicitlyDenied');
    }
    expect(await simulate({ resourcePolicy: keyPolicy }, byRole('GovernanceBaselineDeployer', 'kms:PutKeyPolicy', '999999999999'))).toBe(
      'ImplicitlyDenied',
    );
  });
});

test.each([
  ['topic policy', topicPolicy],
  ['key policy', keyPolicy],
])('the %s names only real actions and condition keys', async (_name, document) => {
  expect(await referenceProblems(document)).toEqual([]);
});
