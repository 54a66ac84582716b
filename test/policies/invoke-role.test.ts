/**
 * The application role of a workload account, evaluated by the IAM simulator: the allowed
 * models with the account's guardrail (a published version) are allowed, directly and
 * through the account's cross-region inference profiles; anything else is denied; only
 * principals of the account can assume the role.
 */
import { Testing } from 'cdktf';
import { invokePolicyBudgetIssues } from '../../checks/synth-config-checks';
import { loadConfig } from '../../config/load';
import type { CrossRegionInferenceMode } from '../../config/schema';
import { GUARDED_INVOKE_ROLE_NAME, ROLE_POLICY_NAMES } from '../../naming/resources';
import type { PolicyDocument } from '../../policies/document';
import {
  accountPrincipalsTrustPolicy,
  applyGuardrailStatement,
  guardedInvokeInput,
  guardedInvokePolicy,
  invokePolicySize,
  ROLE_INLINE_POLICY_LIMIT,
  type GuardedInvokeInput,
} from '../../policies/invoke-role';
import { AccountBaselineStack } from '../../stacks/account-baseline';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type Decision, type SimRequest } from '../support/simulate';
import { policyAttribute, resourcesOfType, synthStack } from '../support/synth';

const config = loadConfig('config/baseline.yaml');
const ACCOUNT = '555555555555';
const OTHER_ACCOUNT = '999999999999';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';
const OPUS = 'anthropic.claude-opus-4-1-20250805-v1:0';
const APP = `arn:aws:iam::${ACCOUNT}:role/ChatbotApp`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/BedrockGuardedInvoke`;
const guardrail = (region: string) => `arn:aws:bedrock:${region}:${ACCOUNT}:guardrail/gr0baseline01`;
const model = (region: string, id = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const profile = (region: string, id: string) => `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${id}`;

const account = config.workloadAccounts.find((candidate) => candidate.id === ACCOUNT)!;

function input(mode: CrossRegionInferenceMode): GuardedInvokeInput {
  return guardedInvokeInput({ ...config, governance: { ...config.governance, crossRegionInference: mode } }, account, guardrail);
}

const invoke = (region: string, resource: string, guardrailIdentifier?: string, extra: Record<string, string> = {}): SimRequest => ({
  principal: APP,
  action: 'bedrock:InvokeModel',
  resource,
  context: { 'aws:RequestedRegion': region, ...(guardrailIdentifier ? { 'bedrock:GuardrailIdentifier': guardrailIdentifier } : {}), ...extra },
});

const decide = (policy: PolicyDocument, request: SimRequest): Promise<Decision> => simulate({ identityPolicies: [policy] }, request);

describe.each<CrossRegionInferenceMode>(['none', 'geographic', 'global'])('invoke policy with crossRegionInference %s', (mode) => {
  const policy = guardedInvokePolicy(input(mode));

  test('actions and condition keys exist in the Service Authorization Reference', async () => {
    expect(await referenceProblems(policy)).toEqual([]);
  });

  test.each([
    ['allowed model with the account guardrail', invoke('us-east-1', model('us-east-1'), `${guardrail('us-east-1')}:3`), 'Allowed'],
    [
      'streaming (ConverseStream) with the account guardrail',
      { ...invoke('us-west-2', model('us-west-2', NOVA), `${guardrail('us-west-2')}:1`), action: 'bedrock:InvokeModelWithResponseStream' },
      'Allowed',
    ],
    ['another model', invoke('us-east-1', model('us-east-1', OPUS), `${guardrail('us-east-1')}:3`), 'ImplicitlyDenied'],
    ['no guardrail', invoke('us-east-1', model('us-east-1')), 'ImplicitlyDenied'],
    ['the DRAFT of the account guardrail', invoke('us-east-1', model('us-east-1'), guardrail('us-east-1')), 'ImplicitlyDenied'],
    ["the other region's guardrail", invoke('us-east-1', model('us-east-1'), `${guardrail('us-west-2')}:3`), 'ImplicitlyDenied'],
    [
      "another account's guardrail",
      invoke('us-east-1', model('us-east-1'), `arn:aws:bedrock:us-east-1:${OTHER_ACCOUNT}:guardrail/permissive01:1`),
      'ImplicitlyDenied',
    ],
    ['allowed model in a region outside the account', invoke('eu-west-1', model('eu-west-1'), `${guardrail('us-east-1')}:3`), 'ImplicitlyDenied'],
    [
      'any model by wildcard request (ListFoundationModels)',
      { principal: APP, action: 'bedrock:ListFoundationModels', resource: '*' },
      'ImplicitlyDenied',
    ],
  ] as Array<[string, SimRequest, Decision]>)('%s', async (_name, request, expected) => {
    expect(await decide(policy, request)).toBe(expected);
  });

  test('ApplyGuardrail on the account guardrail only', async () => {
    const apply = (resource: string): SimRequest => ({ principal: APP, action: 'bedrock:ApplyGuardrail', resource });
    expect(await decide(policy, apply(guardrail('us-east-1')))).toBe('Allowed');
    expect(await decide(policy, apply(`arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/otherguard001`))).toBe('ImplicitlyDenied');
  });

  const usProfile = profile('us-east-1', `us.${SONNET}`);
  test('geographic profile: source hop', async () => {
    expect(await decide(policy, invoke('us-east-1', usProfile, `${guardrail('us-east-1')}:3`))).toBe(
      mode === 'none' ? 'ImplicitlyDenied' : 'Allowed',
    );
  });

  test('geographic profile: destination hop, routed by the account profile', async () => {
    const routed = invoke('us-east-2', model('us-east-2'), `${guardrail('us-east-1')}:3`, { 'bedrock:InferenceProfileArn': usProfile });
    expect(await decide(policy, routed)).toBe(mode === 'none' ? 'ImplicitlyDenied' : 'Allowed');
  });

  test('destination hop without a profile is not a way around the region', async () => {
    expect(await decide(policy, invoke('us-east-2', model('us-east-2'), `${guardrail('us-east-1')}:3`))).toBe('ImplicitlyDenied');
  });

  test('global profile: source hop', async () => {
    expect(await decide(policy, invoke('us-east-1', profile('us-east-1', `global.${SONNET}`), `${guardrail('us-east-1')}:3`))).toBe(
      mode === 'global' ? 'Allowed' : 'ImplicitlyDenied',
    );
  });

  test('the guardrail profile can be applied where it routes, in this account only', async () => {
    const applyProfile = (account: string): SimRequest => ({
      principal: APP,
      action: 'bedrock:ApplyGuardrail',
      resource: `arn:aws:bedrock:us-east-2:${account}:guardrail-profile/us.guardrail.v1:0`,
      resourceAccount: account,
    });
    expect(await decide(policy, applyProfile(ACCOUNT))).toBe(mode === 'none' ? 'ImplicitlyDenied' : 'Allowed');
    expect(await decide(policy, applyProfile(OTHER_ACCOUNT))).not.toBe('Allowed');
  });
});

describe('trust policy of the application role', () => {
  const trust = accountPrincipalsTrustPolicy(ACCOUNT);
  const assume = (principal: string): SimRequest => ({ principal, action: 'sts:AssumeRole', resource: ROLE, resourceAccount: ACCOUNT });

  test('a principal of the account (whose IAM policy allows it) may assume the role', async () => {
    expect(await simulate({ resourcePolicy: trust }, assume(APP))).toBe('Allowed');
  });

  test("another account's principal cannot assume the role, even with an IAM policy that allows it", async () => {
    expect(await simulate({ resourcePolicy: trust }, assume(`arn:aws:iam::${OTHER_ACCOUNT}:role/Attacker`))).not.toBe('Allowed');
  });

  test('actions exist in the Service Authorization Reference', async () => {
    expect(await referenceProblems(trust)).toEqual([]);
  });
});

test('the stack embeds the invoke and trust policies for its own guardrails', () => {
  const stack = synthStack(new AccountBaselineStack(Testing.app(), config, account));
  const role = Object.values(resourcesOfType(stack, 'aws_iam_role')).find((candidate) => candidate.name === GUARDED_INVOKE_ROLE_NAME);
  const rolePolicy = Object.values(resourcesOfType(stack, 'aws_iam_role_policy')).find(
    (candidate) => candidate.name === ROLE_POLICY_NAMES.guardedInvoke,
  );
  expect(policyAttribute(role!, 'assume_role_policy')).toEqual(accountPrincipalsTrustPolicy(ACCOUNT));
  const guardrailIds = Object.keys(resourcesOfType(stack, 'aws_bedrock_guardrail'));
  const reference = (region: string) =>
    `\${aws_bedrock_guardrail.${guardrailIds.find((id) => id.startsWith(`guardrails-${region}_`))}.guardrail_arn}`;
  expect(policyAttribute(rolePolicy!, 'policy')).toEqual(guardedInvokePolicy(guardedInvokeInput(config, account, reference)));
});

describe('size of the invoke policy', () => {
  test('the example accounts fit', () => {
    expect(invokePolicyBudgetIssues(config)).toEqual([]);
  });

  test('an account allowed too many models is a config problem naming it', () => {
    const greedy = { ...account, allowedModels: Array.from({ length: 40 }, (_, i) => `anthropic.claude-model-${i}-v1:0`) };
    const issues = invokePolicyBudgetIssues({ ...config, workloadAccounts: [greedy] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(
      new RegExp(
        `^account ${ACCOUNT} \\(rag-search-prod\\): its invoke role policy would be \\d+ characters, over IAM's ${ROLE_INLINE_POLICY_LIMIT} per role`,
      ),
    );
  });

  test('accounts of one shape share the measurement, and each over-budget account is named', () => {
    const models = Array.from({ length: 40 }, (_, i) => `anthropic.claude-model-${i}-v1:0`);
    const greedy = [0, 1, 2].map((i) => ({ ...account, id: `99999999999${i}`, name: `greedy-${i}`, allowedModels: models }));
    const issues = invokePolicyBudgetIssues({ ...config, workloadAccounts: [account, ...greedy] });
    expect(issues.map((issue) => issue.message.split(':')[0])).toEqual(greedy.map((g) => `account ${g.id} (${g.name})`));
    // The shared size is the one each account's own policy has.
    expect(issues[2]!.message).toContain(`would be ${invokePolicySize(config, greedy[2]!)} characters`);
  });
});

test('ApplyGuardrail lists the guardrails by region, not by their text: in a stack that text is a token numbered by what the process built before', () => {
  // Token-like texts whose order is the reverse of their regions'.
  const statement = applyGuardrailStatement([
    { region: 'us-west-2', guardrailArn: '${TfToken[TOKEN.10]}' },
    { region: 'us-east-1', guardrailArn: '${TfToken[TOKEN.20]}' },
  ]);
  expect(statement.Resource).toEqual(['${TfToken[TOKEN.20]}', '${TfToken[TOKEN.10]}']);
});
