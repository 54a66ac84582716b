/**
 * The organization guardrail in an account's effective BEDROCK_POLICY: the judgment of a
 * policy's content, and the reads through the CLI's real Organizations client (adaptive
 * retry, a few calls in flight) against a scripted HTTP handler that throttles and denies
 * some accounts: each account gets its own outcome, and a failing one hides no other.
 */
import {
  checkEffectiveGuardrails,
  EFFECTIVE_POLICY_CONCURRENCY,
  effectiveGuardrailProblems,
  guardrailExpectation,
  type GuardrailExpectation,
} from '../../cli/effective-policy';
import { createOrganizationsClient } from '../../cli/organizations';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { exampleConfig } from '../support/config';
import { scriptedHandler, settle, TEST_CREDENTIALS as credentials, type ScriptedResponse } from '../support/scripted-http';

const MANAGEMENT = '111111111111';
const version = (region: string, account = MANAGEMENT, suffix = ':3') => `arn:aws:bedrock:${region}:${account}:guardrail/orgbase01${suffix}`;
const expectation: GuardrailExpectation = { regions: ['us-east-1', 'us-west-2'], managementAccountId: MANAGEMENT, identifiers: {} };
const policy = (entries: Record<string, unknown>) => JSON.stringify({ bedrock: { guardrail_inference: entries } });

describe('effectiveGuardrailProblems', () => {
  it.each<[string, string | undefined, GuardrailExpectation, string[]]>([
    [
      'a published management guardrail in every region',
      policy({ 'us-east-1': { config_1: { identifier: version('us-east-1') } }, 'us-west-2': { c: { identifier: version('us-west-2') } } }),
      expectation,
      [],
    ],
    [
      'leaves still wrapped in @@assign',
      policy({
        'us-east-1': { config_1: { identifier: { '@@assign': version('us-east-1') } } },
        'us-west-2': { config_1: { identifier: { '@@assign': version('us-west-2') } } },
      }),
      expectation,
      [],
    ],
    [
      'a region without an entry',
      policy({ 'us-east-1': { config_1: { identifier: version('us-east-1') } } }),
      expectation,
      ['no guardrail in us-west-2'],
    ],
    [
      'the DRAFT of the guardrail',
      policy({
        'us-east-1': { config_1: { identifier: version('us-east-1', MANAGEMENT, '') } },
        'us-west-2': { config_1: { identifier: version('us-west-2') } },
      }),
      expectation,
      [
        `us-east-1: "${version('us-east-1', MANAGEMENT, '')}" names the DRAFT of the guardrail; BEDROCK_POLICY needs a published version (…:guardrail/<id>:<number>)`,
      ],
    ],
    [
      'a guardrail of another account',
      policy({
        'us-east-1': { config_1: { identifier: version('us-east-1', '999999999999') } },
        'us-west-2': { config_1: { identifier: version('us-west-2') } },
      }),
      expectation,
      [
        `us-east-1: "${version('us-east-1', '999999999999')}" belongs to account 999999999999; BEDROCK_POLICY enforces only guardrails of the management account 111111111111`,
      ],
    ],
    [
      'another version than the one the config adopts',
      policy({ 'us-east-1': { config_1: { identifier: version('us-east-1') } }, 'us-west-2': { config_1: { identifier: version('us-west-2') } } }),
      { ...expectation, identifiers: { 'us-west-2': version('us-west-2', MANAGEMENT, ':4') } },
      [`us-west-2: ${version('us-west-2')} instead of ${version('us-west-2', MANAGEMENT, ':4')}`],
    ],
    ['no bedrock section', JSON.stringify({ tags: {} }), expectation, ['no guardrail in us-east-1', 'no guardrail in us-west-2']],
    ['content that is not JSON', 'not json', expectation, ['the effective BEDROCK_POLICY is not JSON']],
    ['no content', undefined, expectation, ['the effective BEDROCK_POLICY is not JSON']],
  ])('%s', (_case, content, expected, problems) => {
    expect(effectiveGuardrailProblems(content, expected)).toEqual(problems);
  });

  it('expects the regions and adopted versions of the config, and nothing without an enforced organization guardrail', () => {
    expect(guardrailExpectation(exampleConfig)).toBeUndefined();
    const enforced = guardrailExpectation(withGuardrailEnforcement(exampleConfig));
    expect(enforced).toEqual({ regions: ['us-east-1', 'us-west-2'], managementAccountId: MANAGEMENT, identifiers: {} });
  });
});

describe('checkEffectiveGuardrails through the real SDK retry path', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const THROTTLED: ScriptedResponse = { statusCode: 400, body: { __type: 'TooManyRequestsException', Message: 'Rate exceeded' } };
  const DENIED: ScriptedResponse = {
    statusCode: 400,
    body: { __type: 'AccessDeniedException', Message: 'not authorized to perform organizations:DescribeEffectivePolicy' },
  };
  const ENFORCED: ScriptedResponse = {
    statusCode: 200,
    body: {
      EffectivePolicy: {
        PolicyType: 'BEDROCK_POLICY',
        PolicyContent: policy({ 'us-east-1': { c: { identifier: version('us-east-1') } }, 'us-west-2': { c: { identifier: version('us-west-2') } } }),
      },
    },
  };
  const NOT_FOUND: ScriptedResponse = { statusCode: 400, body: { __type: 'EffectivePolicyNotFoundException', Message: 'no effective policy' } };

  it('retries throttled accounts, reports each account on its own, and keeps a few calls in flight', async () => {
    const attempts = new Map<string, number>();
    let inFlight = 0;
    let mostInFlight = 0;
    const script = scriptedHandler('application/x-amz-json-1.1', async (_n, body) => {
      const account = (JSON.parse(body) as { TargetId: string }).TargetId;
      const attempt = (attempts.get(account) ?? 0) + 1;
      attempts.set(account, attempt);
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlight--;
      if (account === '100000000001') return attempt <= 2 ? THROTTLED : ENFORCED; // throttled twice, then read
      if (account === '100000000002') return THROTTLED; // throttled on every attempt
      if (account === '100000000003') return DENIED;
      if (account === '100000000004') return NOT_FOUND;
      return ENFORCED;
    });
    const client = createOrganizationsClient({ BASELINE_AWS_MAX_ATTEMPTS: '3' }, { requestHandler: script.handler as never, credentials });
    const accounts = Array.from({ length: 10 }, (_, i) => `1000000000${String(i + 1).padStart(2, '0')}`);
    const progress: number[] = [];
    const outcomes = await settle(checkEffectiveGuardrails(client, accounts, expectation, (done) => progress.push(done)));

    expect(outcomes.map((outcome) => [outcome.accountId, outcome.status])).toEqual(
      accounts.map((account) => [
        account,
        { '100000000002': 'unverified', '100000000003': 'unverified', '100000000004': 'missing' }[account] ?? 'enforced',
      ]),
    );
    expect(outcomes[1]).toEqual({
      accountId: '100000000002',
      status: 'unverified',
      error:
        'organizations:DescribeEffectivePolicy was still throttled after 3 attempt(s) (TooManyRequestsException); wait and run again, or raise BASELINE_AWS_MAX_ATTEMPTS (at most 20)',
    });
    expect(outcomes[2]).toMatchObject({
      status: 'unverified',
      error: expect.stringContaining('access denied to organizations:DescribeEffectivePolicy'),
    });
    expect(outcomes[3]).toEqual({ accountId: '100000000004', status: 'missing', problems: ['no BEDROCK_POLICY applies to the account'] });
    expect(attempts.get('100000000001')).toBe(3);
    expect(attempts.get('100000000002')).toBe(3);
    expect(attempts.get('100000000003')).toBe(1);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(EFFECTIVE_POLICY_CONCURRENCY);
    expect(progress).toEqual(accounts.map((_, i) => i + 1));
  });
});
