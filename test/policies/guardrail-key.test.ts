/**
 * Key policy of the guardrail key, evaluated by the IAM simulator (which applies the KMS
 * rule that IAM policies count only where the key policy lets the account's IAM decide).
 */
import { guardrailKeyPolicy } from '../../policies/guardrail-key';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type SimRequest } from '../support/simulate';

const ACCOUNT = '555555555555';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const policy = guardrailKeyPolicy(
  { accountId: ACCOUNT, deploymentRoleName: 'GovernanceBaselineDeployer', breakGlassRoleArns: ['arn:aws:iam::*:role/BreakGlassAdmin'] },
  'us-east-1',
);
const VIA_BEDROCK = { 'kms:ViaService': 'bedrock.us-east-1.amazonaws.com' };

const request = (principal: string, action: string, context: Record<string, string> = {}): SimRequest => ({
  principal,
  action,
  resource: KEY,
  resourceAccount: ACCOUNT,
  context,
});

test('actions and condition keys exist in the Service Authorization Reference', async () => {
  expect(await referenceProblems(policy)).toEqual([]);
});

test('any principal of the account decrypts through Bedrock, without an IAM grant for the key', async () => {
  expect(
    await simulate({ resourcePolicy: policy, identityPolicies: [] }, request(`arn:aws:iam::${ACCOUNT}:role/AnyApp`, 'kms:Decrypt', VIA_BEDROCK)),
  ).toBe('Allowed');
});

test('nobody decrypts directly, even with an IAM policy allowing everything', async () => {
  expect(await simulate({ resourcePolicy: policy }, request(`arn:aws:iam::${ACCOUNT}:role/Admin`, 'kms:Decrypt'))).not.toBe('Allowed');
});

test('nobody decrypts through another service', async () => {
  expect(
    await simulate(
      { resourcePolicy: policy },
      request(`arn:aws:iam::${ACCOUNT}:role/Admin`, 'kms:Decrypt', { 'kms:ViaService': 's3.us-east-1.amazonaws.com' }),
    ),
  ).not.toBe('Allowed');
});

test('another account cannot use the key through Bedrock', async () => {
  expect(await simulate({ resourcePolicy: policy }, request('arn:aws:iam::999999999999:role/App', 'kms:Decrypt', VIA_BEDROCK))).not.toBe('Allowed');
});

test('Bedrock may hold grants for AWS resources only', async () => {
  const grant = (forAwsResource: string) =>
    request(`arn:aws:iam::${ACCOUNT}:role/Deployer`, 'kms:CreateGrant', { ...VIA_BEDROCK, 'kms:GrantIsForAWSResource': forAwsResource });
  expect(await simulate({ resourcePolicy: policy, identityPolicies: [] }, grant('true'))).toBe('Allowed');
  expect(await simulate({ resourcePolicy: policy, identityPolicies: [] }, grant('false'))).not.toBe('Allowed');
});

test('administered like every baseline key: the deployment role manages it, only break-glass can delete it', async () => {
  const schedule = (role: string) => request(`arn:aws:iam::${ACCOUNT}:role/${role}`, 'kms:ScheduleKeyDeletion');
  expect(
    await simulate(
      { resourcePolicy: policy, identityPolicies: [] },
      request(`arn:aws:iam::${ACCOUNT}:role/GovernanceBaselineDeployer`, 'kms:PutKeyPolicy'),
    ),
  ).toBe('Allowed');
  expect(await simulate({ resourcePolicy: policy }, schedule('GovernanceBaselineDeployer'))).not.toBe('Allowed');
  expect(await simulate({ resourcePolicy: policy }, schedule('AccountAdmin'))).not.toBe('Allowed');
  expect(await simulate({ resourcePolicy: policy }, schedule('BreakGlassAdmin'))).toBe('Allowed');
});
