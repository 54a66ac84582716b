/**
 * Endpoint policies of a workload account's Bedrock interface endpoints, and the actions
 * the two required endpoints carry: those that run models (what the network perimeter SCP
 * confines to the account's VPCs) and those that follow their work.
 *
 * Documented (AWS PrivateLink guide, "Control access to VPC endpoints using endpoint
 * policies", https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html):
 * an endpoint policy is a resource-based policy that must contain a Principal element; it
 * does not override or replace identity or resource policies, so a call through the
 * endpoint needs its Allow as well as theirs (and the SCPs'); at most 20,480 characters;
 * no wildcards or numeric operators on global keys that name system-generated
 * identifiers (aws:PrincipalAccount, aws:SourceVpc); at least six consecutive characters
 * around each wildcard of a string operator; an ARN's account is an id or a wildcard,
 * not a mix. The policies below keep to those rules: `Principal: *` narrowed by an exact
 * aws:PrincipalAccount, wildcards only after long literal prefixes.
 * Inferred, not documented: Bedrock evaluates its own keys (bedrock:GuardrailIdentifier,
 * bedrock:InferenceProfileArn, bedrock-mantle:Model) in an endpoint policy as it does in an
 * identity policy (S3 documents this for its keys; the Bedrock endpoint page shows only
 * actions and resources). If it did not, a Deny-free policy that needs them would refuse
 * the calls, which a canary account shows at once (docs/network.md).
 */
import { endpointServicesOf } from '../config/network-schema';
import type { BaselineConfig, EndpointService, WorkloadAccount } from '../config/schema';
import { bedrockArn, bedrockMantleArn, foundationModelArn } from '../naming/arns';
import { actionsOf, type OptInClass } from './action-classes';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './document';
import { applyGuardrailStatement, invokeStatementsIn, modelInvokeStatements, type GuardedInvokeInput } from './invoke-role';
import { allOf } from './principals';
import { classesDeniedTo } from './scp/deny-bedrock-outside-approved-use';

/** Agent, flow and knowledge-base runtime calls on resources of the caller's account (bedrock-agent-runtime). */
export const AGENT_RUNTIME_RESOURCE_ACTIONS = [
  'bedrock:InvokeAgent',
  'bedrock:InvokeFlow',
  'bedrock:Retrieve',
  'bedrock:StartFlowExecution',
] as const;

/** Runtime calls that run models without naming a resource IAM can scope (bedrock-agent-runtime). */
export const AGENT_RUNTIME_UNSCOPED_ACTIONS = [
  'bedrock:AgenticRetrieveStream',
  'bedrock:GenerateQuery',
  'bedrock:InvokeInlineAgent',
  'bedrock:OptimizePrompt',
  'bedrock:Rerank',
  'bedrock:RetrieveAndGenerate',
] as const;

/** bedrock-runtime calls that run no model, on a resource IAM can name: counting tokens, following asynchronous invocations. */
const RUNTIME_STATE_ACTIONS = ['bedrock:CountTokens', 'bedrock:GetAsyncInvoke'] as const;

/** bedrock-runtime calls that run no model and name no resource: guardrail checks, listing asynchronous invocations. */
const RUNTIME_UNSCOPED_STATE_ACTIONS = ['bedrock:InvokeGuardrailChecks', 'bedrock:ListAsyncInvokes'] as const;

/** bedrock-agent-runtime calls that run no model, on resources of the caller's account: sessions and their steps, agent memory, flow executions, tags. */
const AGENT_RUNTIME_STATE_ACTIONS = [
  'bedrock:CreateInvocation',
  'bedrock:DeleteAgentMemory',
  'bedrock:DeleteSession',
  'bedrock:EndSession',
  'bedrock:GetAgentMemory',
  'bedrock:GetExecutionFlowSnapshot',
  'bedrock:GetFlowExecution',
  'bedrock:GetInvocationStep',
  'bedrock:GetSession',
  'bedrock:ListFlowExecutionEvents',
  'bedrock:ListFlowExecutions',
  'bedrock:ListInvocationSteps',
  'bedrock:ListInvocations',
  'bedrock:ListTagsForResource',
  'bedrock:PutInvocationStep',
  'bedrock:StopFlowExecution',
  'bedrock:TagResource',
  'bedrock:UntagResource',
  'bedrock:UpdateSession',
] as const;

/** bedrock-agent-runtime calls that run no model and name no resource: creating and listing sessions, ingested documents and their ACLs. */
const AGENT_RUNTIME_UNSCOPED_STATE_ACTIONS = [
  'bedrock:CheckIngestedDocumentAcl',
  'bedrock:CreateSession',
  'bedrock:GetDocumentContent',
  'bedrock:GetIngestedDocumentAcl',
  'bedrock:ListSessions',
] as const;

/** What the endpoint policies of one account and region are built from. */
export interface EndpointPolicyInput {
  /** The account's invoke policy input: account, allowed models, cross-region mode, guardrail of each region. */
  readonly invoke: GuardedInvokeInput;
  /** Region of the endpoint. */
  readonly region: string;
  /** Models of guardrails.modelsWithoutGuardrail the account's OU approves: they cannot take a guardrail, and the OU's perimeter lets them run without one. */
  readonly modelsWithoutGuardrail: readonly string[];
  /** The default-denied action classes the account's OU opts into; actions of the other ones stay out of the endpoint policies. */
  readonly optIns: readonly OptInClass[];
}

/** The endpoint policy input of `account` in `region`: what its OU's perimeter lets it run, narrowed to its invoke role's models where a guardrail applies. */
export function endpointPolicyInput(
  config: BaselineConfig,
  account: WorkloadAccount,
  invoke: GuardedInvokeInput,
  region: string,
): EndpointPolicyInput {
  const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou);
  if (!ou) throw new Error(`OU ${account.ou} of account ${account.id} is not declared`);
  const approved = ou.allowedModels;
  return {
    invoke,
    region,
    modelsWithoutGuardrail: config.guardrails.modelsWithoutGuardrail.filter((model) => approved === undefined || approved.includes(model)),
    optIns: ou.optIns,
  };
}

/** Admits the statement's calls from principals of `accountId` only, whatever their identity policies allow. */
function forAccountPrincipals(statement: PolicyStatement, accountId: string): PolicyStatement {
  const { Sid, Effect, Condition, ...rest } = statement;
  return { Sid, Effect, Principal: '*', ...rest, Condition: allOf(Condition ?? {}, { StringEquals: { 'aws:PrincipalAccount': accountId } }) };
}

function runtimeStatements({ invoke, region, modelsWithoutGuardrail }: EndpointPolicyInput): PolicyStatement[] {
  const scope = invoke.regions.find((candidate) => candidate.region === region);
  if (!scope) throw new Error(`account ${invoke.accountId} has no guardrail in ${region}`);
  return [
    // The invoke role's own statements: allowed models and profiles, only with a published baseline guardrail.
    ...invokeStatementsIn(invoke, scope),
    // Embeddings, rerank and speech models cannot take a guardrail: the OU's perimeter carves them out, and so does the endpoint.
    ...modelInvokeStatements(
      invoke,
      region,
      modelsWithoutGuardrail,
      { direct: 'InvokeModelsWithoutGuardrailIn', routed: 'InvokeRoutedWithoutGuardrailFrom' },
      {},
    ),
    applyGuardrailStatement([scope]),
    // Applications check content against guardrails of their own too; that runs no model.
    { Sid: 'ApplyOwnGuardrails', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: bedrockArn(region, invoke.accountId, 'guardrail/*') },
    // Polling an asynchronous invocation or counting tokens must not need a path outside the VPC.
    {
      Sid: 'ReadRuntimeState',
      Effect: 'Allow',
      Action: [...RUNTIME_STATE_ACTIONS],
      Resource: [foundationModelArn(region, '*'), bedrockArn(region, invoke.accountId, 'async-invoke/*')],
    },
    { Sid: 'RunUnscopedRuntimeCalls', Effect: 'Allow', Action: [...RUNTIME_UNSCOPED_STATE_ACTIONS], Resource: '*' },
  ];
}

function agentRuntimeStatements({ invoke, region, optIns }: EndpointPolicyInput): PolicyStatement[] {
  // AgenticRetrieveStream, GenerateQuery, InvokeInlineAgent and OptimizePrompt run models without a guardrail key: only where the OU opts into them.
  const denied = new Set(actionsOf(...classesDeniedTo({ optIns: [...optIns] })));
  const allowed = (actions: readonly string[]) => actions.filter((action) => !denied.has(action));
  const own = (type: string) => bedrockArn(region, invoke.accountId, `${type}/*`);
  return [
    {
      Sid: 'InvokeOwnAgentsFlowsAndKnowledgeBases',
      Effect: 'Allow',
      Action: allowed(AGENT_RUNTIME_RESOURCE_ACTIONS),
      // A flow alias's ARN is flow/<flow>/alias/<alias>, and StartFlowExecution is authorized on the flow too.
      Resource: [own('agent-alias'), own('flow'), own('knowledge-base')],
    },
    // Sessions, memory and the executions StartFlowExecution begins are followed through the same endpoint.
    {
      Sid: 'ManageOwnAgentRuntimeState',
      Effect: 'Allow',
      Action: [...AGENT_RUNTIME_STATE_ACTIONS],
      Resource: bedrockArn(region, invoke.accountId, '*'),
    },
    {
      Sid: 'RunUnscopedAgentRuntimeCalls',
      Effect: 'Allow',
      Action: [...allowed(AGENT_RUNTIME_UNSCOPED_ACTIONS), ...AGENT_RUNTIME_UNSCOPED_STATE_ACTIONS].sort(),
      Resource: '*',
    },
  ];
}

function controlPlaneStatements(): PolicyStatement[] {
  // Applications read model, profile and guardrail metadata; changes come from the deployment role, outside the VPC.
  return [{ Sid: 'ReadBedrockConfiguration', Effect: 'Allow', Action: ['bedrock:Get*', 'bedrock:List*'], Resource: '*' }];
}

function agentCoreStatements(): PolicyStatement[] {
  // Documented (AgentCore developer guide, VPC interface endpoints): endpoint policies can restrict
  // IAM principals only, so OAuth (bearer token) callers cannot use an endpoint scoped to principals.
  // AgentCore's data plane spans built-in tools owned by AWS as well as the account's resources:
  // the endpoint admits the account's principals, and their IAM policies decide the rest.
  return [{ Sid: 'AgentCoreForAccountPrincipals', Effect: 'Allow', Action: 'bedrock-agentcore:*', Resource: '*' }];
}

function mantleStatements({ invoke, region }: EndpointPolicyInput): PolicyStatement[] {
  const projects = bedrockMantleArn(region, invoke.accountId, 'project/*');
  const statements: PolicyStatement[] = [
    {
      Sid: 'FollowMantleInferences',
      Effect: 'Allow',
      Action: [
        'bedrock-mantle:CancelInference',
        'bedrock-mantle:DeleteInference',
        'bedrock-mantle:GetInference',
        'bedrock-mantle:GetModel',
        'bedrock-mantle:ListModels',
      ],
      Resource: projects,
    },
  ];
  if (invoke.modelIds.length > 0) {
    // Inferred: bedrock-mantle:Model carries the model id as the request names it.
    statements.unshift({
      Sid: 'MantleInferenceOnAllowedModels',
      Effect: 'Allow',
      Action: ['bedrock-mantle:CountTokens', 'bedrock-mantle:CreateInference'],
      Resource: projects,
      Condition: { StringEquals: { 'bedrock-mantle:Model': [...invoke.modelIds].sort() } },
    });
  }
  return statements;
}

const STATEMENTS_BY_SERVICE: Readonly<Record<EndpointService, (input: EndpointPolicyInput) => PolicyStatement[]>> = {
  'bedrock-runtime': runtimeStatements,
  'bedrock-agent-runtime': agentRuntimeStatements,
  bedrock: controlPlaneStatements,
  'bedrock-agentcore': agentCoreStatements,
  'bedrock-mantle': mantleStatements,
};

/** The endpoint policy of `service` in one account and region: only the account's principals, only what the service's calls need. */
export function bedrockEndpointPolicy(service: EndpointService, input: EndpointPolicyInput): PolicyDocument {
  return policyDocument(STATEMENTS_BY_SERVICE[service](input).map((statement) => forAccountPrincipals(statement, input.invoke.accountId)));
}

/** The policy of each endpoint `account` has in `region` (its network entry there), by service, in creation order. */
export function endpointPoliciesIn(
  config: BaselineConfig,
  account: WorkloadAccount,
  invoke: GuardedInvokeInput,
  region: string,
): Map<EndpointService, PolicyDocument> {
  const network = account.network[region];
  if (!network) throw new Error(`account ${account.id} has no network entry for ${region}`);
  const input = endpointPolicyInput(config, account, invoke, region);
  return new Map(endpointServicesOf(network.additionalServices).map((service) => [service, bedrockEndpointPolicy(service, input)]));
}

/** Most characters an endpoint policy may have, whitespace included (PrivateLink guide, above). */
export const ENDPOINT_POLICY_LIMIT = 20480;
