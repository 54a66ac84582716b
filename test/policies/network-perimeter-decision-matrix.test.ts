/**
 * The private path to Bedrock, evaluated by the IAM simulator over the synthesized stacks
 * of the example config with the network perimeter on for its prod OU: the SCPs attached to each account's OU (the network perimeter
 * only on the prod OU), the guarded invoke role's own policy, and the endpoint policy of
 * the VPC endpoint the request passes through. iam-simulate evaluates endpoint policies
 * natively (`vpcEndpointPolicies`): a request through an endpoint needs their Allow on
 * top of the identity policy and the SCPs, as AWS documents. A request from inside a VPC
 * carries aws:SourceVpc (and aws:SourceVpce); one from outside carries neither and passes
 * no endpoint policy.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig, EndpointService, WorkloadAccount } from '../../config/schema';
import { NETWORK_PERIMETER_SCP_PREFIX } from '../../naming/resources';
import { privateLinkServiceName } from '../../naming/service-principals';
import { bedrockEndpointPolicy, endpointPolicyInput } from '../../policies/bedrock-endpoints';
import type { PolicyDocument } from '../../policies/document';
import { guardedInvokeInput } from '../../policies/invoke-role';
import { ACTION_CLASSES, type ActionClass } from '../../policies/action-classes';
import { classesDeniedTo } from '../../policies/scp/deny-bedrock-outside-approved-use';
import { denyBedrockInferenceOutsideVpcs, PERIMETER_ACTIONS } from '../../policies/scp/deny-bedrock-inference-outside-vpcs';
import { AccountBaselineStack } from '../../stacks/account-baseline';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { withNetworkPerimeter } from '../support/config-fixtures';
import { actionClassOf, endpointCalls, resourceArnsOf } from '../support/perimeter-endpoints';
import { simulate, type Decision, type PolicySet, type SimRequest } from '../support/simulate';
import { policyAttribute, referencedId, resourcesOfType, serviceControlPolicies, synthStack, type SynthesizedStack } from '../support/synth';
import { BREAK_GLASS_ROLE_PATH, PROTECTED_NETWORK_TAG } from '../../naming/reserved-names';

const config = withNetworkPerimeter(loadConfig('config/baseline.yaml'));
const FOREIGN_ACCOUNT = '999999999999';
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const US_SONNET = `us.${SONNET}`;
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const COHERE_EMBED = 'cohere.embed-v4:0';
const accountNamed = (name: string): WorkloadAccount => config.workloadAccounts.find((account) => account.name === name)!;
const chatbot = accountNamed('chatbot-prod');
const rag = accountNamed('rag-search-prod');
const chatbotTest = accountNamed('chatbot-test');

function scpsByOu(stack: SynthesizedStack): Map<string, PolicyDocument[]> {
  const scps = serviceControlPolicies(stack);
  const byOu = new Map<string, PolicyDocument[]>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    const policy = scps[referencedId(attachment.policy_id, 'aws_organizations_policy')];
    if (!policy) continue;
    const target = String(attachment.target_id);
    byOu.set(target, [...(byOu.get(target) ?? []), policyAttribute(policy, 'content')]);
  }
  return byOu;
}

const orgStack = synthStack(new OrgGovernanceStack(Testing.app(), config));
const ouScps = scpsByOu(orgStack);

test('the org-governance stack attaches a perimeter to each OU that turns it on, and only there, removable by turning it off', () => {
  const perimeters = Object.entries(serviceControlPolicies(orgStack)).filter(([, policy]) =>
    String(policy.name).startsWith(NETWORK_PERIMETER_SCP_PREFIX),
  );
  const attachments = Object.values(resourcesOfType(orgStack, 'aws_organizations_policy_attachment'));
  const perimeterOus = config.organizationalUnits.filter((ou) => ou.networkPerimeter);
  expect(perimeterOus.length).toBeGreaterThan(0);
  expect(perimeters.map(([, policy]) => policy.name)).toEqual(perimeterOus.map((ou) => `${NETWORK_PERIMETER_SCP_PREFIX}${ou.id}`));
  for (const [id, policy] of perimeters) {
    const ou = perimeterOus.find((candidate) => String(policy.name).endsWith(candidate.id))!;
    expect(policyAttribute(policy, 'content')).toEqual(denyBedrockInferenceOutsideVpcs(config, ou));
    expect(policy.skip_destroy).toBe(false);
    const targets = attachments.filter((attachment) => referencedId(attachment.policy_id, 'aws_organizations_policy') === id);
    expect(targets.map((attachment) => [attachment.target_id, attachment.skip_destroy])).toEqual([[ou.id, false]]);
  }
});

/** The guardrail of `account` in `region` as the tests name it; the stacks know it only after apply. */
const guardrailOf = (account: WorkloadAccount, region: string) => `arn:aws:bedrock:${region}:${account.id}:guardrail/gr0${region.replace(/-/g, '')}`;

/** The document with the Terraform references to the stack's guardrails replaced by their ARNs. */
function withGuardrailArns(document: PolicyDocument, account: WorkloadAccount): PolicyDocument {
  const text = JSON.stringify(document).replace(
    /\$\{aws_bedrock_guardrail\.guardrails-([a-z0-9-]+?)_[^.}]*\.guardrail_arn\}/g,
    (_whole, region: string) => guardrailOf(account, region),
  );
  return JSON.parse(text) as PolicyDocument;
}

interface AccountPolicies {
  readonly invokeRole: PolicyDocument;
  readonly endpoint: (region: string, service: EndpointService) => PolicyDocument;
  /** `aws:ResourceTag/*` of the stack's first resource of `type` in `region`, as AWS would see its tags (provider default tags, then its own). */
  readonly resourceTags: (type: 'aws_vpc_endpoint' | 'aws_security_group', region: string) => Record<string, string>;
}

function accountPolicies(account: WorkloadAccount): AccountPolicies {
  const stack = synthStack(new AccountBaselineStack(Testing.app(), config, account));
  const [rolePolicy] = Object.values(resourcesOfType(stack, 'aws_iam_role_policy')).filter((policy) => policy.name === 'guarded-bedrock-invoke');
  const endpoints = Object.values(resourcesOfType(stack, 'aws_vpc_endpoint'));
  type Provider = { alias?: string; region: string; default_tags?: Array<{ tags: Record<string, string> }> };
  const providers = (stack.json.provider?.aws ?? []) as Provider[];
  return {
    invokeRole: withGuardrailArns(policyAttribute(rolePolicy!, 'policy'), account),
    endpoint: (region, service) => {
      const endpoint = endpoints.find((candidate) => candidate.service_name === privateLinkServiceName(region, service));
      if (!endpoint) throw new Error(`${account.name} has no ${service} endpoint in ${region}`);
      return withGuardrailArns(policyAttribute(endpoint, 'policy'), account);
    },
    resourceTags: (type, region) => {
      const provider = providers.find((candidate) => candidate.region === region)!;
      const reference = provider.alias ? `aws.${provider.alias}` : 'aws';
      const resource = Object.values(resourcesOfType(stack, type)).find((candidate) => candidate.provider === reference);
      if (!resource) throw new Error(`${account.name} has no ${type} in ${region}`);
      const tags: Record<string, string> = Object.assign({}, ...(provider.default_tags ?? []).map((block) => block.tags), resource.tags);
      return Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
    },
  };
}

const policiesOf = new Map([chatbot, rag, chatbotTest].map((account) => [account.id, accountPolicies(account)]));

const role = (account: WorkloadAccount, name: string) => `arn:aws:iam::${account.id}:role/${name}`;
const invokeRole = (account: WorkloadAccount) => role(account, 'BedrockGuardedInvoke');
const model = (region: string, id = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const usProfile = (account: WorkloadAccount, region: string) => `arn:aws:bedrock:${region}:${account.id}:inference-profile/${US_SONNET}`;
const published = (account: WorkloadAccount, region: string) => `${guardrailOf(account, region)}:1`;

/** Where a request comes from: the VPC of `account` in `region` through its `service` endpoint, or outside any VPC. */
type Path =
  | { readonly from: 'outside' }
  | { readonly from: 'vpc'; readonly account: WorkloadAccount; readonly region: string; readonly service: EndpointService };
const outside: Path = { from: 'outside' };
const inVpc = (account: WorkloadAccount, region: string, service: EndpointService = 'bedrock-runtime'): Path => ({
  from: 'vpc',
  account,
  region,
  service,
});

interface Call {
  readonly caller: WorkloadAccount;
  readonly principal: string;
  /** The caller's identity policy: the invoke role's own, or allow-all for an account admin. */
  readonly identity: 'invoke-role' | 'admin';
  readonly action?: string;
  readonly resource: string;
  readonly region: string;
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** Whether the caller's organization SCPs apply (not for a principal of another organization). */
  readonly scps?: boolean;
}

function decide(call: Call, path: Path): Promise<Decision> {
  const policies: PolicySet = {
    ...(call.identity === 'invoke-role' ? { identityPolicies: [policiesOf.get(call.caller.id)!.invokeRole] } : {}),
    scps: call.scps === false ? [[]] : [[], ouScps.get(call.caller.ou)!],
    ...(path.from === 'vpc' ? { endpointPolicies: [policiesOf.get(path.account.id)!.endpoint(path.region, path.service)] } : {}),
  };
  const network: Record<string, string> =
    path.from === 'vpc' ? { 'aws:SourceVpc': path.account.network[path.region]!.vpcId, 'aws:SourceVpce': 'vpce-0123456789abcdef0' } : {};
  const request: SimRequest = {
    principal: call.principal,
    action: call.action ?? 'bedrock:InvokeModel',
    resource: call.resource,
    context: { 'aws:RequestedRegion': call.region, ...network, ...call.context },
  };
  return simulate(policies, request);
}

/** The guarded invoke role of `account` invoking Sonnet in `region` with its published guardrail. */
const guardedInvoke = (account: WorkloadAccount, region: string, resource = model(region)): Call => ({
  caller: account,
  principal: invokeRole(account),
  identity: 'invoke-role',
  resource,
  region,
  context: { 'bedrock:GuardrailIdentifier': published(account, region) },
});

describe('the guarded invoke role through its endpoint', () => {
  test.each([
    [chatbot, 'us-east-1'],
    [rag, 'us-east-1'],
    [rag, 'us-west-2'],
  ] as const)('%#: in-region invoke from its VPC is allowed', async (account, region) => {
    expect(await decide(guardedInvoke(account, region), inVpc(account, region))).toBe('Allowed');
  });

  test('streaming (ConverseStream) from the VPC is allowed', async () => {
    expect(
      await decide({ ...guardedInvoke(chatbot, 'us-east-1'), action: 'bedrock:InvokeModelWithResponseStream' }, inVpc(chatbot, 'us-east-1')),
    ).toBe('Allowed');
  });

  test('a geographic profile: the source hop through the endpoint is allowed', async () => {
    expect(await decide(guardedInvoke(rag, 'us-west-2', usProfile(rag, 'us-west-2')), inVpc(rag, 'us-west-2'))).toBe('Allowed');
  });

  const routed = (account: WorkloadAccount, sourceRegion: string): Call => ({
    ...guardedInvoke(account, 'us-east-2', model('us-east-2')),
    context: { 'bedrock:GuardrailIdentifier': published(account, sourceRegion), 'bedrock:InferenceProfileArn': usProfile(account, sourceRegion) },
  });

  test('a geographic profile: the destination-region hop, made by Bedrock outside the VPC, is allowed', async () => {
    expect(await decide(routed(rag, 'us-west-2'), outside)).toBe('Allowed');
  });

  test('a geographic profile: the destination-region hop is allowed too if AWS evaluates it with the source endpoint and VPC', async () => {
    expect(await decide(routed(chatbot, 'us-east-1'), inVpc(chatbot, 'us-east-1'))).toBe('Allowed');
  });
});

describe('calls from outside the VPCs', () => {
  test.each([
    ['chatbot-prod (perimeter OU)', chatbot, 'us-east-1', 'ExplicitlyDenied'],
    ['rag-search-prod (perimeter OU)', rag, 'us-west-2', 'ExplicitlyDenied'],
    ['chatbot-test (no perimeter)', chatbotTest, 'us-west-2', 'Allowed'],
  ] as const)('%s: the guarded invoke role from the internet', async (_name, account, region, expected) => {
    expect(await decide(guardedInvoke(account, region), outside)).toBe(expected);
  });

  test('the source hop of a profile from the internet is denied in a perimeter OU, whether or not it names the profile in bedrock:InferenceProfileArn', async () => {
    const sourceHop = guardedInvoke(rag, 'us-west-2', usProfile(rag, 'us-west-2'));
    expect(await decide(sourceHop, outside)).toBe('ExplicitlyDenied');
    expect(
      await decide({ ...sourceHop, context: { ...sourceHop.context, 'bedrock:InferenceProfileArn': usProfile(rag, 'us-west-2') } }, outside),
    ).toBe('ExplicitlyDenied');
  });

  test("a call from another prod account's VPC passes the OU's perimeter but not that account's endpoint", async () => {
    expect(await decide(guardedInvoke(chatbot, 'us-east-1'), inVpc(rag, 'us-east-1'))).toBe('ImplicitlyDenied');
  });

  test.each([
    ['the deployment role', () => role(chatbot, config.governance.deploymentRoleName), 'Allowed'],
    ['break-glass', () => role(chatbot, `${BREAK_GLASS_ROLE_PATH.slice(1)}BreakGlassAdmin`), 'Allowed'],
    ['an account admin', () => role(chatbot, 'AccountAdmin'), 'ExplicitlyDenied'],
  ] as const)('%s invokes from the internet in a perimeter OU', async (_name, principal, expected) => {
    const call: Call = { ...guardedInvoke(chatbot, 'us-east-1'), principal: principal(), identity: 'admin' };
    expect(await decide(call, outside)).toBe(expected);
  });

  test('an InvokeModel an AWS service makes with the caller’s credentials (aws:ViaAWSService) is not confined', async () => {
    const viaService = {
      ...guardedInvoke(chatbot, 'us-east-1'),
      context: { 'bedrock:GuardrailIdentifier': published(chatbot, 'us-east-1'), 'aws:ViaAWSService': 'true' },
    };
    expect(await decide(viaService, outside)).toBe('Allowed');
  });

  test.each([
    ['InvokeAgent', 'bedrock:InvokeAgent', `arn:aws:bedrock:us-east-1:${chatbot.id}:agent-alias/AGENT00001/ALIAS00001`],
    ['RetrieveAndGenerate', 'bedrock:RetrieveAndGenerate', '*'],
    ['InvokeFlow', 'bedrock:InvokeFlow', `arn:aws:bedrock:us-east-1:${chatbot.id}:flow/FLOW000001/alias/ALIAS00001`],
    [
      'StartFlowExecution on the flow alias',
      'bedrock:StartFlowExecution',
      `arn:aws:bedrock:us-east-1:${chatbot.id}:flow/FLOW000001/alias/ALIAS00001`,
    ],
    ['StartFlowExecution on the flow', 'bedrock:StartFlowExecution', `arn:aws:bedrock:us-east-1:${chatbot.id}:flow/FLOW000001`],
  ])('%s from the internet is denied in a perimeter OU, and allowed from the VPC', async (_name, action, resource) => {
    const call: Call = { caller: chatbot, principal: role(chatbot, 'ChatbotApp'), identity: 'admin', action, resource, region: 'us-east-1' };
    expect(await decide(call, outside)).toBe('ExplicitlyDenied');
    expect(await decide(call, inVpc(chatbot, 'us-east-1', 'bedrock-agent-runtime'))).toBe('Allowed');
  });
});

describe('every call of the perimeter endpoints as the AWS SDK clients list them, but guarded inference (above)', () => {
  const ou = config.organizationalUnits.find((candidate) => candidate.id === chatbot.ou)!;
  const notOptedInto: ReadonlySet<ActionClass> = new Set(classesDeniedTo(ou));
  const confined: ReadonlySet<string> = new Set(PERIMETER_ACTIONS);
  const mayUse = (actionClass: ActionClass) => !notOptedInto.has(actionClass) && ACTION_CLASSES[actionClass].access !== 'deployment-role';
  const calls = () => endpointCalls().then(({ calls }) => calls.filter((call) => actionClassOf.get(call.action) !== 'guarded-inference'));

  test('the perimeter OU may make some of them and not others, so both sides are shown', async () => {
    const classes = (await calls()).map((call) => actionClassOf.get(call.action)!);
    expect(classes.some(mayUse)).toBe(true);
    expect(classes.some((actionClass) => !mayUse(actionClass))).toBe(true);
  });

  test('an application role: from outside the VPCs a confined call or one of a class the OU may not use is denied, any other allowed; through its endpoint each is allowed exactly where the OU may use its class', async () => {
    const decisions: string[] = [];
    const expected: string[] = [];
    for (const { endpoint, operation, action } of await calls()) {
      const usable = mayUse(actionClassOf.get(action)!);
      for (const resource of await resourceArnsOf(action, 'us-east-1', chatbot.id)) {
        const call: Call = { caller: chatbot, principal: role(chatbot, 'AgentApp'), identity: 'admin', action, resource, region: 'us-east-1' };
        const fromOutside = await decide(call, outside);
        const throughEndpoint = await decide(call, inVpc(chatbot, 'us-east-1', endpoint));
        decisions.push(`${endpoint} ${operation} on ${resource}: outside ${fromOutside}, endpoint ${throughEndpoint}`);
        const outsideExpected = confined.has(action) || !usable ? 'ExplicitlyDenied' : 'Allowed';
        expected.push(`${endpoint} ${operation} on ${resource}: outside ${outsideExpected}, endpoint ${usable ? 'Allowed' : 'ExplicitlyDenied'}`);
      }
    }
    expect(decisions).toEqual(expected);
  });
});

describe('the endpoint policy on its own', () => {
  // An admin of the account with an allow-all identity policy, and no SCPs: only the endpoint decides.
  const admin = (call: Partial<Call>): Call => ({
    ...guardedInvoke(chatbot, 'us-east-1'),
    principal: role(chatbot, 'AccountAdmin'),
    identity: 'admin',
    scps: false,
    ...call,
  });
  const throughEndpoint = inVpc(chatbot, 'us-east-1');

  test('admits a guarded call of the allowed model', async () => {
    expect(await decide(admin({}), throughEndpoint)).toBe('Allowed');
  });

  test.each([
    ['a call without a guardrail', admin({ context: {} })],
    ['the DRAFT of the baseline guardrail', admin({ context: { 'bedrock:GuardrailIdentifier': guardrailOf(chatbot, 'us-east-1') } })],
    [
      "another account's guardrail",
      admin({ context: { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:us-east-1:${FOREIGN_ACCOUNT}:guardrail/permissive01:1` } }),
    ],
    ['a model the account is not allowed', admin({ resource: model('us-east-1', 'anthropic.claude-opus-4-1-20250805-v1:0') })],
    ['an account admin listing models', admin({ action: 'bedrock:ListFoundationModels', resource: '*' })],
    [
      "another account's principal with the right guardrail and model",
      { ...admin({}), caller: { ...chatbot, id: FOREIGN_ACCOUNT }, principal: `arn:aws:iam::${FOREIGN_ACCOUNT}:role/Exfiltrator` },
    ],
    [
      'an agent of another account through the agent-runtime endpoint',
      admin({ action: 'bedrock:InvokeAgent', resource: `arn:aws:bedrock:us-east-1:${FOREIGN_ACCOUNT}:agent-alias/AGENT00001/ALIAS00001` }),
    ],
    [
      'a flow of another account through the agent-runtime endpoint',
      admin({
        action: 'bedrock:StartFlowExecution',
        resource: `arn:aws:bedrock:us-east-1:${FOREIGN_ACCOUNT}:flow/FLOW000001/alias/ALIAS00001`,
        context: {},
      }),
    ],
    [
      'a session of another account through the agent-runtime endpoint',
      admin({ action: 'bedrock:GetSession', resource: `arn:aws:bedrock:us-east-1:${FOREIGN_ACCOUNT}:session/SESSION001`, context: {} }),
    ],
    [
      "ApplyGuardrail with another account's guardrail",
      admin({ action: 'bedrock:ApplyGuardrail', resource: `arn:aws:bedrock:us-east-1:${FOREIGN_ACCOUNT}:guardrail/permissive01`, context: {} }),
    ],
    [
      'OptimizePrompt (unguarded inference, not opted into by the OU) through the agent-runtime endpoint',
      admin({ action: 'bedrock:OptimizePrompt', resource: '*', context: {} }),
    ],
    [
      'an embedding model without a guardrail that guardrails.modelsWithoutGuardrail does not list',
      admin({ resource: model('us-east-1', COHERE_EMBED), context: {} }),
    ],
  ] as const)('refuses %s', async (name, call) => {
    const path = name.includes('agent-runtime') ? inVpc(chatbot, 'us-east-1', 'bedrock-agent-runtime') : throughEndpoint;
    expect(await decide(call, path)).toBe('ImplicitlyDenied');
  });

  test('an unguarded call through the endpoint is denied with every layer in place too', async () => {
    expect(await decide({ ...guardedInvoke(chatbot, 'us-east-1'), context: {} }, throughEndpoint)).not.toBe('Allowed');
  });
});

describe('models that cannot take a guardrail (guardrails.modelsWithoutGuardrail), as the OU perimeter carves them out', () => {
  // An application role of the account: its identity policy allows the call, so the SCPs and the endpoint decide.
  const embed = (region: string, resource = model(region, TITAN_EMBED), context: Record<string, string> = {}): Call => ({
    caller: chatbot,
    principal: role(chatbot, 'ChatbotApp'),
    identity: 'admin',
    resource,
    region,
    context,
  });

  test('the example lists the embedding model and the prod OU approves it', () => {
    expect(config.guardrails.modelsWithoutGuardrail).toContain(TITAN_EMBED);
    expect(config.organizationalUnits.find((ou) => ou.id === chatbot.ou)!.allowedModels).toContain(TITAN_EMBED);
  });

  test.each(['us-east-1', 'us-west-2'])('an embedding call without a guardrail through the endpoint in %s passes every layer', async (region) => {
    expect(await decide(embed(region), inVpc(chatbot, region))).toBe('Allowed');
  });

  test('the source hop of its geographic profile through the endpoint passes every layer', async () => {
    expect(
      await decide(embed('us-east-1', `arn:aws:bedrock:us-east-1:${chatbot.id}:inference-profile/us.${TITAN_EMBED}`), inVpc(chatbot, 'us-east-1')),
    ).toBe('Allowed');
  });

  test('the same call from outside the VPC is denied in the perimeter OU', async () => {
    expect(await decide(embed('us-east-1'), outside)).toBe('ExplicitlyDenied');
  });

  test('an OU that does not approve the model gets an endpoint policy that does not admit it either', async () => {
    const prod = config.organizationalUnits.find((ou) => ou.id === chatbot.ou)!;
    const narrowed: BaselineConfig = {
      ...config,
      organizationalUnits: config.organizationalUnits.map((ou) =>
        ou === prod ? { ...ou, allowedModels: prod.allowedModels!.filter((id) => id !== TITAN_EMBED) } : ou,
      ),
    };
    const invoke = guardedInvokeInput(narrowed, chatbot, (region) => guardrailOf(chatbot, region));
    const endpoint = bedrockEndpointPolicy('bedrock-runtime', endpointPolicyInput(narrowed, chatbot, invoke, 'us-east-1'));
    const request: SimRequest = {
      principal: role(chatbot, 'ChatbotApp'),
      action: 'bedrock:InvokeModel',
      resource: model('us-east-1', TITAN_EMBED),
      context: { 'aws:RequestedRegion': 'us-east-1' },
    };
    expect(await simulate({ endpointPolicies: [endpoint] }, request)).toBe('ImplicitlyDenied');
    const original = bedrockEndpointPolicy(
      'bedrock-runtime',
      endpointPolicyInput(
        config,
        chatbot,
        guardedInvokeInput(config, chatbot, (region) => guardrailOf(chatbot, region)),
        'us-east-1',
      ),
    );
    expect(await simulate({ endpointPolicies: [original] }, request)).toBe('Allowed');
  });
});

describe('carve-outs that depend on the config', () => {
  const withServiceRole: BaselineConfig = {
    ...config,
    governance: { ...config.governance, guardrailExemptions: { viaAwsServiceRoleNames: [], bedrockServiceRoleNames: ['AgentExecution'] } },
  };
  const prod = config.organizationalUnits.find((ou) => ou.id === chatbot.ou)!;
  const perimeter = denyBedrockInferenceOutsideVpcs(withServiceRole, prod);
  const fromOutside = (principal: string): SimRequest => ({
    principal,
    action: 'bedrock:InvokeModel',
    resource: model('us-east-1'),
    context: { 'aws:RequestedRegion': 'us-east-1' },
  });

  test('a Bedrock service role (agents, knowledge bases) calls from Bedrock’s network, outside the VPC', async () => {
    expect(await simulate({ scps: [[], [perimeter]] }, fromOutside(role(chatbot, 'AgentExecution')))).toBe('Allowed');
  });

  test('any other role of the same account is still confined', async () => {
    expect(await simulate({ scps: [[], [perimeter]] }, fromOutside(role(chatbot, 'AgentExecutionCopy')))).toBe('ExplicitlyDenied');
  });

  test('in an OU whose accounts have no network entries yet, no VPC admits inference; the carve-outs still hold', async () => {
    const unnetworked: BaselineConfig = { ...config, workloadAccounts: config.workloadAccounts.map((account) => ({ ...account, network: {} })) };
    const closed = denyBedrockInferenceOutsideVpcs(unnetworked, prod);
    const fromVpc = {
      ...fromOutside(role(chatbot, 'ChatbotApp')),
      context: { 'aws:RequestedRegion': 'us-east-1', 'aws:SourceVpc': chatbot.network['us-east-1']!.vpcId },
    };
    expect(await simulate({ scps: [[], [closed]] }, fromVpc)).toBe('ExplicitlyDenied');
    expect(await simulate({ scps: [[], [closed]] }, fromOutside(role(chatbot, config.governance.deploymentRoleName)))).toBe('Allowed');
  });
});

describe('the private path stays as deployed: what an account admin could change in the network', () => {
  const REGION = 'us-east-1';
  const ec2Arn = (account: WorkloadAccount, resource: string) => `arn:aws:ec2:${REGION}:${account.id}:${resource}`;
  const ENDPOINT = 'vpc-endpoint/vpce-0123456789abcdef0';
  const GROUP = 'security-group/sg-0123456789abcdef0';
  // The tags AWS sees on the baseline's endpoint and group are the synthesized ones.
  const baselineTags = {
    endpoint: policiesOf.get(chatbot.id)!.resourceTags('aws_vpc_endpoint', REGION),
    group: policiesOf.get(chatbot.id)!.resourceTags('aws_security_group', REGION),
  };
  // An endpoint or group of the account's own: the mandatory tags, not the baseline's.
  const ownTags = Object.fromEntries(Object.entries(baselineTags.endpoint).filter(([key]) => key !== `aws:ResourceTag/${PROTECTED_NETWORK_TAG.key}`));
  const ec2Call = (
    caller: WorkloadAccount,
    principal: string,
    action: string,
    resource: string,
    context: Record<string, string | string[]>,
  ): Call => ({
    caller,
    principal,
    identity: 'admin',
    action,
    resource,
    region: REGION,
    context,
  });
  const CHANGES: ReadonlyArray<readonly [string, 'endpoint' | 'group', Record<string, string | string[]>]> = [
    ['ec2:ModifyVpcEndpoint', 'endpoint', {}],
    ['ec2:DeleteVpcEndpoints', 'endpoint', {}],
    ['ec2:DeleteTags', 'endpoint', { 'aws:TagKeys': [PROTECTED_NETWORK_TAG.key] }],
    ['ec2:CreateTags', 'endpoint', { 'aws:TagKeys': [PROTECTED_NETWORK_TAG.key], [`aws:RequestTag/${PROTECTED_NETWORK_TAG.key}`]: 'no' }],
    ['ec2:AuthorizeSecurityGroupIngress', 'group', {}],
    ['ec2:RevokeSecurityGroupIngress', 'group', {}],
    ['ec2:ModifySecurityGroupRules', 'group', {}],
    ['ec2:DeleteSecurityGroup', 'group', {}],
    ['ec2:DeleteTags', 'group', { 'aws:TagKeys': [PROTECTED_NETWORK_TAG.key] }],
  ];
  const onBaseline = (target: 'endpoint' | 'group') => ({ resource: target === 'endpoint' ? ENDPOINT : GROUP, tags: baselineTags[target] });

  test('the synthesized endpoint and group carry the protected tag', () => {
    expect(baselineTags.endpoint).toHaveProperty(`aws:ResourceTag/${PROTECTED_NETWORK_TAG.key}`, PROTECTED_NETWORK_TAG.value);
    expect(baselineTags.group).toHaveProperty(`aws:ResourceTag/${PROTECTED_NETWORK_TAG.key}`, PROTECTED_NETWORK_TAG.value);
  });

  describe.each([
    ['chatbot-prod (perimeter OU)', chatbot],
    ['chatbot-test (no perimeter)', chatbotTest],
  ] as const)('in %s', (_name, account) => {
    test.each(CHANGES)('an admin: %s on the baseline %s is denied', async (action, target, context) => {
      const { resource, tags } = onBaseline(target);
      expect(await decide(ec2Call(account, role(account, 'AccountAdmin'), action, ec2Arn(account, resource), { ...tags, ...context }), outside)).toBe(
        'ExplicitlyDenied',
      );
    });

    test("the account's root user: ModifyVpcEndpoint on the baseline endpoint is denied", async () => {
      const call = ec2Call(account, `arn:aws:iam::${account.id}:root`, 'ec2:ModifyVpcEndpoint', ec2Arn(account, ENDPOINT), baselineTags.endpoint);
      expect(await decide(call, outside)).toBe('ExplicitlyDenied');
    });

    test.each(CHANGES)('the deployment role: %s on the baseline %s is allowed', async (action, target, context) => {
      const { resource, tags } = onBaseline(target);
      const call = ec2Call(account, role(account, config.governance.deploymentRoleName), action, ec2Arn(account, resource), { ...tags, ...context });
      expect(await decide(call, outside)).toBe('Allowed');
    });

    test('break-glass: ModifyVpcEndpoint on the baseline endpoint is allowed', async () => {
      const breakGlass = role(account, `${BREAK_GLASS_ROLE_PATH.slice(1)}BreakGlassAdmin`);
      expect(await decide(ec2Call(account, breakGlass, 'ec2:ModifyVpcEndpoint', ec2Arn(account, ENDPOINT), baselineTags.endpoint), outside)).toBe(
        'Allowed',
      );
    });

    test.each([
      ['ModifyVpcEndpoint on an endpoint of its own', 'ec2:ModifyVpcEndpoint', ENDPOINT, ownTags],
      ['AuthorizeSecurityGroupIngress on a group of its own', 'ec2:AuthorizeSecurityGroupIngress', GROUP, ownTags],
      ['RunInstances into the baseline group (using it changes nothing)', 'ec2:RunInstances', GROUP, baselineTags.group],
    ] as const)('an admin: %s is allowed', async (_label, action, resource, tags) => {
      expect(await decide(ec2Call(account, role(account, 'AccountAdmin'), action, ec2Arn(account, resource), tags), outside)).toBe('Allowed');
    });
  });

  const createEndpoint = (account: WorkloadAccount, principal: string, service: string) =>
    ec2Call(account, principal, 'ec2:CreateVpcEndpoint', ec2Arn(account, 'vpc-endpoint/*'), {
      'ec2:VpceServiceName': `com.amazonaws.${REGION}.${service}`,
    });

  test.each(['bedrock-runtime', 'bedrock-runtime-fips', 'bedrock-agent-runtime', 'bedrock-agentcore'])(
    'in a perimeter OU an admin creating a second %s endpoint (same aws:SourceVpc, a policy of its own) is denied',
    async (service) => {
      expect(await decide(createEndpoint(chatbot, role(chatbot, 'AccountAdmin'), service), outside)).toBe('ExplicitlyDenied');
    },
  );

  test.each([
    ['the deployment role creates a bedrock-runtime endpoint in a perimeter OU', chatbot, config.governance.deploymentRoleName, 'bedrock-runtime'],
    ['an admin creates an S3 endpoint in a perimeter OU', chatbot, 'AccountAdmin', 's3'],
    [
      'an admin creates a bedrock-runtime endpoint outside perimeter OUs (the public endpoint is open there anyway)',
      chatbotTest,
      'AccountAdmin',
      'bedrock-runtime',
    ],
  ] as const)('%s: allowed', async (_label, account, roleName, service) => {
    expect(await decide(createEndpoint(account, role(account, roleName), service), outside)).toBe('Allowed');
  });
});
