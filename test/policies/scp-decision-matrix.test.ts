/**
 * Decision matrix of the baseline SCPs, evaluated by the IAM simulator over the SCPs as
 * synthesized into the org-governance stack and attached to each workload account's OU
 * (its own perimeter and the shared SCPs), for the first workload account of each OU of the
 * example config (the SCPs are the OU's, and accounts of one OU share its regions) and for
 * every account where the account's own invoke role policy takes part, in every
 * crossRegionInference mode. Each variant is synthesized once.
 *
 * In the mode variants the dev OU opts into every default-denied class and the other OUs
 * into none, so each class is shown denied to an account administrator without the opt-in
 * and allowed with it, in each mode.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import { regionsOfOu } from '../../config/regions';
import type { BaselineConfig, CrossRegionInferenceMode, OrganizationalUnit, WorkloadAccount } from '../../config/schema';
import { crossRegionGuardrailProfileArn } from '../../guardrails/spec';
import { OPT_IN_CLASSES, type OptInClass } from '../../policies/action-classes';
import { s3BucketArn } from '../../naming/arns';
import { localAccessLogBucketName, localInvocationLogBucketName, NETWORK_PERIMETER_SCP_PREFIX } from '../../naming/resources';
import type { PolicyDocument } from '../../policies/document';
import { guardedInvokeInput, guardedInvokePolicy } from '../../policies/invoke-role';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { simulate, type Decision, type SimRequest } from '../support/simulate';
import { policyAttribute, referencedId, resourcesOfType, serviceControlPolicies, synthStack } from '../support/synth';

const exampleConfig = loadConfig('config/baseline.yaml');
const MANAGEMENT = exampleConfig.organization.managementAccountId;
const FOREIGN_ACCOUNT = '999999999999';
const OUTSIDE_REGION = 'eu-west-1';
/** A US region outside governance.allowedRegions, where geographic US profiles route. */
const DESTINATION_REGION = 'us-east-2';
const ADOPTED_ORG_GUARDRAIL = `arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/adopted0guard`;
const DEV_OU = 'ou-ab12-dev00001';
const PROD_OU = 'ou-ab12-prod0001';
const TEST_OU = 'ou-ab12-test0001';

type Variant =
  | CrossRegionInferenceMode
  | 'exempt-roles'
  | 'prod-opts-into-batch-mantle-and-claude-platform'
  | 'no-models-without-guardrail'
  | 'test-ou-in-us-west-2-only'
  | 'org-guardrail-us-east-1-only'
  | 'org-guardrail-adopted'
  | 'org-guardrail-not-enforced'
  | 'without-org-guardrail';
type Expected = 'Allowed' | 'Denied';

const withOus = (config: BaselineConfig, change: (ou: OrganizationalUnit) => Partial<OrganizationalUnit>): BaselineConfig => ({
  ...config,
  organizationalUnits: config.organizationalUnits.map((ou) => ({ ...ou, ...change(ou) })),
});

function configFor(variant: Variant): BaselineConfig {
  // The matrix runs with the organization guardrail enforced, except where a variant says otherwise.
  const governance = { ...exampleConfig.governance, orgGuardrail: { ...exampleConfig.governance.orgGuardrail!, enabled: true } };
  let config: BaselineConfig = { ...exampleConfig, governance };
  if (variant === 'none' || variant === 'geographic' || variant === 'global') {
    governance.crossRegionInference = variant;
    config = withOus(config, (ou) => ({ optIns: ou.id === DEV_OU ? [...OPT_IN_CLASSES] : [] }));
  }
  if (variant === 'exempt-roles')
    governance.guardrailExemptions = { viaAwsServiceRoleNames: ['KnowledgeBaseQuery'], bedrockServiceRoleNames: ['AgentExecution'] };
  if (variant === 'prod-opts-into-batch-mantle-and-claude-platform')
    config = withOus(config, (ou) => (ou.id === PROD_OU ? { optIns: ['unguarded-inference', 'unlogged-inference', 'external-provider'] } : {}));
  if (variant === 'no-models-without-guardrail') config = { ...config, guardrails: { ...config.guardrails, modelsWithoutGuardrail: [] } };
  if (variant === 'test-ou-in-us-west-2-only') {
    config = withOus(config, (ou) => (ou.id === TEST_OU ? { regions: ['us-west-2'] } : {}));
    config = {
      ...config,
      workloadAccounts: config.workloadAccounts.map((account) => (account.ou === TEST_OU ? { ...account, regions: ['us-west-2'] } : account)),
    };
  }
  if (variant === 'org-guardrail-us-east-1-only') governance.orgGuardrail = { ...governance.orgGuardrail, regions: ['us-east-1'] };
  if (variant === 'org-guardrail-adopted')
    governance.orgGuardrail = { ...governance.orgGuardrail, identifiers: { 'us-east-1': `${ADOPTED_ORG_GUARDRAIL}:4` } };
  if (variant === 'org-guardrail-not-enforced') governance.orgGuardrail = { ...governance.orgGuardrail, enabled: false };
  if (variant === 'without-org-guardrail') delete (governance as Partial<typeof governance>).orgGuardrail;
  return config;
}

/** The SCP documents attached to each OU, read back from the synthesized stack, but the network perimeter (its own matrix: these requests come from outside any VPC). */
function scpsByOu(config: BaselineConfig): Map<string, PolicyDocument[]> {
  const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));
  const scps = serviceControlPolicies(stack);
  const byOu = new Map<string, PolicyDocument[]>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    const policy = scps[referencedId(attachment.policy_id, 'aws_organizations_policy')];
    if (!policy || String(policy.name).startsWith(NETWORK_PERIMETER_SCP_PREFIX)) continue;
    const target = String(attachment.target_id);
    byOu.set(target, [...(byOu.get(target) ?? []), policyAttribute(policy, 'content')]);
  }
  return byOu;
}

/** What a case's request and expectation depend on. */
interface Context {
  readonly config: BaselineConfig;
  readonly mode: CrossRegionInferenceMode;
  readonly account: WorkloadAccount;
  readonly ou: OrganizationalUnit;
}

interface Case {
  readonly name: string;
  readonly request: (ctx: Context) => SimRequest;
  readonly expected: (ctx: Context) => Expected;
  /** Identity policies of the caller; default: allow everything, so only the SCPs decide. */
  readonly identity?: (ctx: Context) => PolicyDocument;
}

const always = (expected: Expected) => (): Expected => expected;
const allowedIf = (condition: boolean): Expected => (condition ? 'Allowed' : 'Denied');
const ouRegions = (ctx: Context) => regionsOfOu(ctx.ou, ctx.config.governance.allowedRegions);
const optedIn = (ctx: Context, optIn: OptInClass) => ctx.ou.optIns.includes(optIn);

const role = (account: WorkloadAccount, name: string): string => `arn:aws:iam::${account.id}:role/${name}`;
const app = (a: WorkloadAccount) => role(a, 'ChatbotApp');
const admin = (a: WorkloadAccount) => role(a, 'AccountAdmin');
const deployer = (a: WorkloadAccount) => role(a, exampleConfig.governance.deploymentRoleName);
const breakGlass = (a: WorkloadAccount) => role(a, 'bedrock-gov-break-glass/BreakGlassAdmin');
const invokeRole = (a: WorkloadAccount) => role(a, 'BedrockGuardedInvoke');
const homeRegion = (a: WorkloadAccount): string => a.regions[0]!;
const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const model = (region: string, id = SONNET) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const ownGuardrail = (a: WorkloadAccount, region = homeRegion(a)) => `arn:aws:bedrock:${region}:${a.id}:guardrail/gr0baseline01:3`;
const profile = (region: string, account: string, id: string) => `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`;
const appProfile = (region: string, a: WorkloadAccount) => `arn:aws:bedrock:${region}:${a.id}:application-inference-profile/ab12cd34ef56`;
// A global profile's routed hop names a model ARN without a region, which the simulator
// rejects; the decision there rests on aws:RequestedRegion and bedrock:InferenceProfileArn,
// not on the resource, so the routed hop is simulated on the source region's model ARN.
const routedGlobalModel = (sourceRegion: string, id = SONNET) => model(sourceRegion, id);
// The invocation-log landing bucket and its access-log bucket, as the account baseline names them.
const landingBucket = (a: WorkloadAccount): string => s3BucketArn(localInvocationLogBucketName(a.id, homeRegion(a)));
const landingAccessLogBucket = (a: WorkloadAccount): string => s3BucketArn(localAccessLogBucketName(a.id, homeRegion(a)));
const allTags = (a: WorkloadAccount) => ({
  'aws:RequestTag/Environment': a.environment,
  'aws:RequestTag/Owner': a.tags.Owner!,
  'aws:RequestTag/CostCenter': a.tags.CostCenter!,
  'aws:RequestTag/DataClassification': a.tags.DataClassification!,
  'aws:TagKeys': ['CostCenter', 'DataClassification', 'Environment', 'Owner'],
});

/** A request in `region` with extra context. */
const call = (principal: string, action: string, resource: string, region: string, context: Record<string, string | string[]> = {}): SimRequest => ({
  principal,
  action,
  resource,
  context: { 'aws:RequestedRegion': region, ...context },
});
const invoke = (principal: string, region: string, guardrail?: string, extra: Record<string, string> = {}, resource = model(region)): SimRequest =>
  call(principal, 'bedrock:InvokeModel', resource, region, { ...(guardrail ? { 'bedrock:GuardrailIdentifier': guardrail } : {}), ...extra });
const stream = (request: SimRequest): SimRequest => ({ ...request, action: 'bedrock:InvokeModelWithResponseStream' });
const guardrailArn = (a: WorkloadAccount) => `arn:aws:bedrock:${homeRegion(a)}:${a.id}:guardrail/gr0baseline01`;
const onGuardrail = (principal: string, action: string, a: WorkloadAccount, context: Record<string, string | string[]> = {}) =>
  call(principal, action, guardrailArn(a), homeRegion(a), context);
const agentArn = (a: WorkloadAccount) => `arn:aws:bedrock:${homeRegion(a)}:${a.id}:agent/AGENT12345`;
const create = (principal: string, action: string, a: WorkloadAccount, tags: Record<string, string | string[]>, region = homeRegion(a)) =>
  call(principal, action, '*', region, tags);
const withoutTag = (a: WorkloadAccount, key: string) => Object.fromEntries(Object.entries(allTags(a)).filter(([k]) => k !== `aws:RequestTag/${key}`));
const usProfileId = (id = SONNET) => `us.${id}`;
const globalProfileId = (id = SONNET) => `global.${id}`;

/** Regions: the OU's, where every account of the OU has logging, a guardrail and alarms. */
const OU_REGION_CASES: Case[] = [
  {
    name: 'invoke in the account region with its guardrail',
    request: (c) => invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account)),
    expected: always('Allowed'),
  },
  ...['us-east-1', 'us-west-2'].map((region): Case => ({
    name: `invoke in ${region}`,
    request: (c) => invoke(app(c.account), region, ownGuardrail(c.account, region)),
    expected: (c) => allowedIf(ouRegions(c).includes(region)),
  })),
  ...['us-east-1', 'us-west-2'].map((region): Case => ({
    name: `US geographic profile from ${region}, routed to ${DESTINATION_REGION}`,
    request: (c) =>
      invoke(
        app(c.account),
        DESTINATION_REGION,
        ownGuardrail(c.account, region),
        { 'bedrock:InferenceProfileArn': profile(region, c.account.id, usProfileId()) },
        model(DESTINATION_REGION),
      ),
    expected: (c) => allowedIf(ouRegions(c).includes(region) && c.mode !== 'none'),
  })),
  {
    name: 'read an AgentCore runtime in us-east-1',
    request: (c) =>
      call(app(c.account), 'bedrock-agentcore:GetAgentRuntime', `arn:aws:bedrock-agentcore:us-east-1:${c.account.id}:runtime/agent-1`, 'us-east-1'),
    expected: (c) => allowedIf(ouRegions(c).includes('us-east-1')),
  },
];

const BASE_CASES: Case[] = [
  ...OU_REGION_CASES,
  {
    name: 'invoke outside the allowed regions',
    request: (c) => invoke(app(c.account), OUTSIDE_REGION, ownGuardrail(c.account, OUTSIDE_REGION)),
    expected: always('Denied'),
  },
  {
    name: 'streaming invoke outside the allowed regions',
    request: (c) => stream(invoke(app(c.account), OUTSIDE_REGION, ownGuardrail(c.account, OUTSIDE_REGION))),
    expected: always('Denied'),
  },
  {
    name: 'list models outside the allowed regions',
    request: (c) => call(app(c.account), 'bedrock:ListFoundationModels', '*', OUTSIDE_REGION),
    expected: always('Denied'),
  },
  {
    name: 'list models in the account region',
    request: (c) => call(app(c.account), 'bedrock:ListFoundationModels', '*', homeRegion(c.account)),
    expected: always('Allowed'),
  },
  {
    name: 'read an AgentCore runtime outside the allowed regions',
    request: (c) =>
      call(
        app(c.account),
        'bedrock-agentcore:GetAgentRuntime',
        `arn:aws:bedrock-agentcore:${OUTSIDE_REGION}:${c.account.id}:runtime/agent-1`,
        OUTSIDE_REGION,
      ),
    expected: always('Denied'),
  },
  {
    name: 'read an AgentCore runtime in the account region',
    request: (c) =>
      call(
        app(c.account),
        'bedrock-agentcore:GetAgentRuntime',
        `arn:aws:bedrock-agentcore:${homeRegion(c.account)}:${c.account.id}:runtime/agent-1`,
        homeRegion(c.account),
      ),
    expected: always('Allowed'),
  },
  {
    name: 'break-glass invokes outside the regions without a guardrail',
    request: (c) => invoke(breakGlass(c.account), OUTSIDE_REGION),
    expected: always('Allowed'),
  },
  {
    name: 'deployment role creates a guardrail outside the regions',
    request: (c) => create(deployer(c.account), 'bedrock:CreateGuardrail', c.account, allTags(c.account), OUTSIDE_REGION),
    expected: always('Denied'),
  },

  // Cross-region inference, from the account's region
  {
    name: 'US geographic profile, source hop',
    request: (c) =>
      invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account), {}, profile(homeRegion(c.account), c.account.id, usProfileId())),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: `US geographic profile routed to ${DESTINATION_REGION} (outside the allow-list)`,
    request: (c) =>
      invoke(
        app(c.account),
        DESTINATION_REGION,
        ownGuardrail(c.account),
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, usProfileId()) },
        model(DESTINATION_REGION),
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: `application profile (a copy of a US profile) routed to ${DESTINATION_REGION}`,
    request: (c) =>
      invoke(
        app(c.account),
        DESTINATION_REGION,
        ownGuardrail(c.account),
        { 'bedrock:InferenceProfileArn': appProfile(homeRegion(c.account), c.account) },
        model(DESTINATION_REGION),
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: 'application profile (a copy of a global profile) routed globally',
    request: (c) =>
      invoke(
        app(c.account),
        'unspecified',
        ownGuardrail(c.account),
        { 'bedrock:InferenceProfileArn': appProfile(homeRegion(c.account), c.account) },
        routedGlobalModel(homeRegion(c.account)),
      ),
    expected: (c) => allowedIf(c.mode === 'global'),
  },
  {
    name: 'EU geographic profile from a source region outside the list',
    request: (c) =>
      invoke(app(c.account), 'eu-central-1', ownGuardrail(c.account, OUTSIDE_REGION), {
        'bedrock:InferenceProfileArn': profile(OUTSIDE_REGION, c.account.id, `eu.${SONNET}`),
      }),
    expected: always('Denied'),
  },
  {
    name: 'US-named profile ARN in a region outside the list cannot launder a call',
    request: (c) =>
      invoke(app(c.account), DESTINATION_REGION, ownGuardrail(c.account), {
        'bedrock:InferenceProfileArn': profile(DESTINATION_REGION, c.account.id, usProfileId()),
      }),
    expected: always('Denied'),
  },
  {
    // In mode geographic the routed hop (below) is what is denied.
    name: 'global profile, source hop',
    request: (c) =>
      invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account), {}, profile(homeRegion(c.account), c.account.id, globalProfileId())),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: 'global profile routed (RequestedRegion unspecified)',
    request: (c) =>
      invoke(
        app(c.account),
        'unspecified',
        ownGuardrail(c.account),
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, globalProfileId()) },
        routedGlobalModel(homeRegion(c.account)),
      ),
    expected: (c) => allowedIf(c.mode === 'global'),
  },
  {
    name: 'global profile from a source region outside the list',
    request: (c) =>
      invoke(
        app(c.account),
        'unspecified',
        ownGuardrail(c.account, OUTSIDE_REGION),
        { 'bedrock:InferenceProfileArn': profile(OUTSIDE_REGION, c.account.id, globalProfileId()) },
        routedGlobalModel(OUTSIDE_REGION),
      ),
    expected: always('Denied'),
  },
  {
    name: `apply the guardrail through its guardrail profile in ${DESTINATION_REGION}`,
    request: (c) =>
      call(
        app(c.account),
        'bedrock:ApplyGuardrail',
        `arn:aws:bedrock:${DESTINATION_REGION}:${c.account.id}:guardrail-profile/us.guardrail.v1:0`,
        DESTINATION_REGION,
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: `apply a guardrail in ${DESTINATION_REGION} directly`,
    request: (c) =>
      call(
        app(c.account),
        'bedrock:ApplyGuardrail',
        `arn:aws:bedrock:${DESTINATION_REGION}:${c.account.id}:guardrail/gr0baseline01`,
        DESTINATION_REGION,
      ),
    expected: always('Denied'),
  },

  // Guardrail required: published versions of baseline guardrails only
  { name: 'invoke without a guardrail', request: (c) => invoke(app(c.account), homeRegion(c.account)), expected: always('Denied') },
  {
    name: 'streaming invoke (ConverseStream) without a guardrail',
    request: (c) => stream(invoke(app(c.account), homeRegion(c.account))),
    expected: always('Denied'),
  },
  {
    name: 'streaming invoke with the account guardrail',
    request: (c) => stream(invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account))),
    expected: always('Allowed'),
  },
  {
    name: 'invoke with the DRAFT of an account guardrail',
    request: (c) => invoke(app(c.account), homeRegion(c.account), guardrailArn(c.account)),
    expected: always('Denied'),
  },
  {
    name: "invoke with another account's guardrail",
    request: (c) =>
      invoke(app(c.account), homeRegion(c.account), `arn:aws:bedrock:${homeRegion(c.account)}:${FOREIGN_ACCOUNT}:guardrail/permissive1:1`),
    expected: always('Denied'),
  },
  {
    name: 'invoke with the organization guardrail of the management account',
    request: (c) => invoke(app(c.account), homeRegion(c.account), `arn:aws:bedrock:${homeRegion(c.account)}:${MANAGEMENT}:guardrail/orgguardrail1:2`),
    expected: always('Allowed'),
  },
  {
    name: 'invoke with the DRAFT of the organization guardrail',
    request: (c) => invoke(app(c.account), homeRegion(c.account), `arn:aws:bedrock:${homeRegion(c.account)}:${MANAGEMENT}:guardrail/orgguardrail1`),
    expected: always('Denied'),
  },
  { name: 'admin invokes without a guardrail', request: (c) => invoke(admin(c.account), homeRegion(c.account)), expected: always('Denied') },
  {
    name: 'break-glass invokes without a guardrail',
    request: (c) => invoke(breakGlass(c.account), homeRegion(c.account)),
    expected: always('Allowed'),
  },

  // Models that cannot take a guardrail (guardrails.modelsWithoutGuardrail), and the calls that carry none
  {
    name: 'embedding model listed as without guardrail, no guardrail (RAG)',
    request: (c) => invoke(app(c.account), homeRegion(c.account), undefined, {}, model(homeRegion(c.account), TITAN_EMBED)),
    expected: always('Allowed'),
  },
  {
    name: 'embedding model listed as without guardrail, through its US profile routed',
    request: (c) =>
      invoke(
        app(c.account),
        DESTINATION_REGION,
        undefined,
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, usProfileId(TITAN_EMBED)) },
        model(DESTINATION_REGION, TITAN_EMBED),
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: 'embedding model not listed, no guardrail',
    request: (c) => invoke(app(c.account), homeRegion(c.account), undefined, {}, model(homeRegion(c.account), 'cohere.embed-v4:0')),
    expected: always('Denied'),
  },
  {
    name: 'StartAsyncInvoke or a bidirectional stream (InvokeModel without a guardrail) on a guardable model',
    request: (c) => invoke(app(c.account), homeRegion(c.account), undefined, { 'aws:RequestTag/Owner': c.account.tags.Owner! }),
    expected: always('Denied'),
  },
  {
    name: 'StartAsyncInvoke (InvokeModel without a guardrail, tagged) on a listed model',
    request: (c) =>
      invoke(
        app(c.account),
        homeRegion(c.account),
        undefined,
        { 'aws:RequestTag/Owner': c.account.tags.Owner! },
        model(homeRegion(c.account), TITAN_EMBED),
      ),
    expected: always('Allowed'),
  },
  {
    name: 'StartAsyncInvoke authorized on its async-invoke ARN (if AWS does) stays denied',
    request: (c) =>
      invoke(app(c.account), homeRegion(c.account), undefined, {}, `arn:aws:bedrock:${homeRegion(c.account)}:${c.account.id}:async-invoke/job0123`),
    expected: always('Denied'),
  },

  // Approved models (the prod OU lists its models; the others take every foundation model)
  {
    name: 'a foundation model the prod OU does not approve, with the guardrail',
    request: (c) =>
      invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account), {}, model(homeRegion(c.account), 'meta.llama3-70b-instruct-v1:0')),
    expected: (c) => allowedIf(c.ou.allowedModels === undefined),
  },
  {
    name: 'the US profile of a model the prod OU does not approve, routed',
    request: (c) =>
      invoke(
        app(c.account),
        DESTINATION_REGION,
        ownGuardrail(c.account),
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, usProfileId('meta.llama3-70b-instruct-v1:0')) },
        model(DESTINATION_REGION, 'meta.llama3-70b-instruct-v1:0'),
      ),
    expected: (c) => allowedIf(c.ou.allowedModels === undefined && c.mode !== 'none'),
  },
  {
    name: 'an imported model, with the guardrail',
    request: (c) =>
      invoke(
        app(c.account),
        homeRegion(c.account),
        ownGuardrail(c.account),
        {},
        `arn:aws:bedrock:${homeRegion(c.account)}:${c.account.id}:imported-model/weights01`,
      ),
    expected: always('Denied'),
  },
  {
    name: 'an application profile copied from a model the prod OU does not approve',
    request: (c) =>
      call(
        admin(c.account),
        'bedrock:CreateInferenceProfile',
        model(homeRegion(c.account), 'meta.llama3-70b-instruct-v1:0'),
        homeRegion(c.account),
        allTags(c.account),
      ),
    expected: (c) => allowedIf(c.ou.allowedModels === undefined),
  },
  {
    name: 'an application profile copied from an approved model',
    request: (c) => call(admin(c.account), 'bedrock:CreateInferenceProfile', model(homeRegion(c.account)), homeRegion(c.account), allTags(c.account)),
    expected: always('Allowed'),
  },

  // Long-term API keys
  ...(
    [
      ['bedrock.amazonaws.com', 'Denied'],
      ['codecommit.amazonaws.com', 'Allowed'],
    ] as const
  ).map(([service, expected]): Case => ({
    name: `create a service-specific credential for ${service}`,
    request: (c) =>
      call(admin(c.account), 'iam:CreateServiceSpecificCredential', `arn:aws:iam::${c.account.id}:user/ci-bot`, 'us-east-1', {
        'iam:ServiceSpecificCredentialServiceName': service,
      }),
    expected: always(expected),
  })),
  ...(
    [
      ['LONG_TERM', 'Denied'],
      ['SHORT_TERM', 'Allowed'],
    ] as const
  ).map(([type, expected]): Case => ({
    name: `call bedrock with a ${type} bearer token`,
    request: (c) => call(app(c.account), 'bedrock:CallWithBearerToken', '*', homeRegion(c.account), { 'bedrock:BearerTokenType': type }),
    expected: always(expected),
  })),

  // Tamper protection: only the deployment role and break-glass
  ...(
    [
      ['bedrock:UpdateGuardrail', guardrailArn],
      ['bedrock:DeleteGuardrail', guardrailArn],
      ['bedrock:CreateGuardrailVersion', guardrailArn],
      ['bedrock:DeleteModelInvocationLoggingConfiguration', () => '*'],
      ['bedrock:PutModelInvocationLoggingConfiguration', () => '*'],
      ['bedrock:DeleteEnforcedGuardrailConfiguration', () => '*'],
      ['bedrock:PutEnforcedGuardrailConfiguration', () => '*'],
      ['macie2:DisableMacie', () => '*'],
      ['macie2:DisassociateFromAdministratorAccount', () => '*'],
      ['iam:UpdateAssumeRolePolicy', deployer],
      ['iam:AttachRolePolicy', deployer],
      ['iam:DeleteRole', deployer],
      ['s3:PutBucketPolicy', landingBucket],
      ['s3:DeleteBucketPolicy', landingAccessLogBucket],
      ['iam:PutRolePolicy', (a: WorkloadAccount) => role(a, `bedrock-gov-invocation-log-replication-${homeRegion(a)}`)],
      ['iam:UpdateAssumeRolePolicy', (a: WorkloadAccount) => role(a, `bedrock-gov-invocation-log-cloudwatch-${homeRegion(a)}`)],
    ] as const
  ).flatMap(([action, resource]): Case[] =>
    (
      [
        ['admin', admin, 'Denied'],
        ['deployment role', deployer, 'Allowed'],
        ['break-glass', breakGlass, 'Allowed'],
      ] as const
    ).map(([who, principal, expected]) => ({
      name: `${who}: ${action}`,
      request: (c) => call(principal(c.account), action, resource(c.account), homeRegion(c.account)),
      expected: always(expected),
    })),
  ),
  {
    name: 'admin creates a guardrail, tags complete',
    request: (c) => create(admin(c.account), 'bedrock:CreateGuardrail', c.account, allTags(c.account)),
    expected: always('Denied'),
  },

  // Data retention: the configured mode, set by the deployment role only
  ...(
    [
      ['deployment role', deployer, 'bedrock', 'default', 'Allowed'],
      ['deployment role', deployer, 'bedrock', 'provider_data_share', 'Denied'],
      ['deployment role', deployer, 'bedrock-mantle', 'default', 'Allowed'],
      ['deployment role', deployer, 'bedrock-mantle', 'none', 'Denied'],
      ['admin', admin, 'bedrock', 'default', 'Denied'],
      ['admin', admin, 'bedrock-mantle', 'provider_data_share', 'Denied'],
      ['break-glass', breakGlass, 'bedrock', 'provider_data_share', 'Allowed'],
    ] as const
  ).map(([who, principal, service, mode, expected]): Case => ({
    name: `${who} sets the ${service} data retention mode to ${mode}`,
    request: (c) =>
      call(principal(c.account), `${service}:PutAccountDataRetention`, '*', homeRegion(c.account), { [`${service}:DataRetentionMode`]: mode }),
    // The mantle endpoint is opted into by the dev OU only; elsewhere the whole service is denied.
    expected: (c) => (service === 'bedrock-mantle' && !optedIn(c, 'unlogged-inference') ? 'Denied' : expected),
  })),
  ...(
    [
      ['provider_data_share', 'Denied'],
      ['inherit', 'Allowed'],
      [undefined, 'Allowed'],
    ] as const
  ).map(([mode, expected]): Case => ({
    name: `admin creates a mantle project with data retention ${mode ?? 'unset'}`,
    request: (c) =>
      call(
        admin(c.account),
        'bedrock-mantle:CreateProject',
        `arn:aws:bedrock-mantle:${homeRegion(c.account)}:${c.account.id}:project/team`,
        homeRegion(c.account),
        mode ? { 'bedrock-mantle:DataRetentionMode': mode } : {},
      ),
    expected: (c) => (optedIn(c, 'unlogged-inference') ? expected : 'Denied'),
  })),

  // Mandatory tags: on every taggable Bedrock resource from creation; baseline guardrail tags only by the deployment role
  {
    name: 'deployment role creates a guardrail with every mandatory tag',
    request: (c) => create(deployer(c.account), 'bedrock:CreateGuardrail', c.account, allTags(c.account)),
    expected: always('Allowed'),
  },
  {
    name: 'deployment role creates a guardrail without Owner',
    request: (c) => create(deployer(c.account), 'bedrock:CreateGuardrail', c.account, withoutTag(c.account, 'Owner')),
    expected: always('Denied'),
  },
  {
    name: 'deployment role creates a guardrail with Environment=staging',
    request: (c) =>
      create(deployer(c.account), 'bedrock:CreateGuardrail', c.account, { ...allTags(c.account), 'aws:RequestTag/Environment': 'staging' }),
    expected: always('Denied'),
  },
  ...(
    [
      'bedrock:CreateAgent',
      'bedrock:CreateKnowledgeBase',
      'bedrock:CreateInferenceProfile',
      'bedrock:CreateProvisionedModelThroughput',
      'bedrock:CreateCustomModelDeployment',
    ] as const
  ).flatMap((action): Case[] => [
    {
      name: `admin ${action} with every mandatory tag`,
      request: (c) => create(admin(c.account), action, c.account, allTags(c.account)),
      expected: (c) => allowedIf(action !== 'bedrock:CreateCustomModelDeployment' || optedIn(c, 'custom-model')),
    },
    { name: `admin ${action} without tags`, request: (c) => create(admin(c.account), action, c.account, {}), expected: always('Denied') },
    {
      name: `admin ${action} without DataClassification`,
      request: (c) => create(admin(c.account), action, c.account, withoutTag(c.account, 'DataClassification')),
      expected: always('Denied'),
    },
    {
      name: `admin ${action} with a blank Owner`,
      request: (c) => create(admin(c.account), action, c.account, { ...allTags(c.account), 'aws:RequestTag/Owner': '' }),
      expected: always('Denied'),
    },
  ]),
  {
    name: 'break-glass creates an untagged guardrail',
    request: (c) => create(breakGlass(c.account), 'bedrock:CreateGuardrail', c.account, {}),
    expected: always('Allowed'),
  },
  {
    name: 'deployment role removes the Owner tag of a guardrail',
    request: (c) => onGuardrail(deployer(c.account), 'bedrock:UntagResource', c.account, { 'aws:TagKeys': ['Owner'] }),
    expected: always('Denied'),
  },
  {
    name: 'deployment role adds a free-form tag to a guardrail',
    request: (c) => onGuardrail(deployer(c.account), 'bedrock:TagResource', c.account, { 'aws:RequestTag/Team': 'search', 'aws:TagKeys': ['Team'] }),
    expected: always('Allowed'),
  },
  {
    name: 'admin adds a free-form tag to a guardrail',
    request: (c) => onGuardrail(admin(c.account), 'bedrock:TagResource', c.account, { 'aws:RequestTag/Team': 'search', 'aws:TagKeys': ['Team'] }),
    expected: always('Denied'),
  },
  {
    name: 'admin sets Environment=dev on a guardrail',
    request: (c) =>
      onGuardrail(admin(c.account), 'bedrock:TagResource', c.account, { 'aws:RequestTag/Environment': 'dev', 'aws:TagKeys': ['Environment'] }),
    expected: always('Denied'),
  },
  {
    name: 'admin removes a non-mandatory tag from a guardrail',
    request: (c) => onGuardrail(admin(c.account), 'bedrock:UntagResource', c.account, { 'aws:TagKeys': ['Scratch'] }),
    expected: always('Denied'),
  },
  {
    name: 'admin adds a free-form tag to an agent',
    request: (c) =>
      call(admin(c.account), 'bedrock:TagResource', agentArn(c.account), homeRegion(c.account), {
        'aws:RequestTag/Team': 'search',
        'aws:TagKeys': ['Team'],
      }),
    expected: always('Allowed'),
  },
  {
    name: 'admin removes a non-mandatory tag from an agent',
    request: (c) => call(admin(c.account), 'bedrock:UntagResource', agentArn(c.account), homeRegion(c.account), { 'aws:TagKeys': ['Scratch'] }),
    expected: always('Allowed'),
  },
  {
    name: 'admin removes CostCenter from an agent',
    request: (c) => call(admin(c.account), 'bedrock:UntagResource', agentArn(c.account), homeRegion(c.account), { 'aws:TagKeys': ['CostCenter'] }),
    expected: always('Denied'),
  },
  {
    name: 'admin blanks Owner on an agent',
    request: (c) =>
      call(admin(c.account), 'bedrock:TagResource', agentArn(c.account), homeRegion(c.account), {
        'aws:RequestTag/Owner': '',
        'aws:TagKeys': ['Owner'],
      }),
    expected: always('Denied'),
  },
  {
    name: 'admin sets DataClassification=secret on an agent',
    request: (c) =>
      call(admin(c.account), 'bedrock:TagResource', agentArn(c.account), homeRegion(c.account), {
        'aws:RequestTag/DataClassification': 'secret',
        'aws:TagKeys': ['DataClassification'],
      }),
    expected: always('Denied'),
  },

  {
    name: "root user replaces the landing bucket's policy",
    request: (c) => call(`arn:aws:iam::${c.account.id}:root`, 's3:PutBucketPolicy', landingBucket(c.account), homeRegion(c.account)),
    expected: always('Denied'),
  },

  // Nothing else is touched
  {
    name: 'EC2 outside the Bedrock regions',
    request: (c) =>
      call(admin(c.account), 'ec2:RunInstances', `arn:aws:ec2:${OUTSIDE_REGION}:${c.account.id}:instance/i-0123456789abcdef0`, OUTSIDE_REGION),
    expected: always('Allowed'),
  },
  {
    name: 'S3 read',
    request: (c) => call(app(c.account), 's3:GetObject', 'arn:aws:s3:::team-data/report.csv', OUTSIDE_REGION),
    expected: always('Allowed'),
  },
  {
    name: "admin changes a team bucket's policy",
    request: (c) => call(admin(c.account), 's3:PutBucketPolicy', 'arn:aws:s3:::team-data', homeRegion(c.account)),
    expected: always('Allowed'),
  },
  {
    name: 'IAM change to a workload role',
    request: (c) => call(admin(c.account), 'iam:UpdateAssumeRolePolicy', app(c.account), 'us-east-1'),
    expected: always('Allowed'),
  },
  { name: 'read a guardrail', request: (c) => onGuardrail(app(c.account), 'bedrock:GetGuardrail', c.account), expected: always('Allowed') },
];

/** One action of each default-denied class, with its resource in `region`. */
const CLASS_SAMPLES: ReadonlyArray<readonly [OptInClass, string, (a: WorkloadAccount, region: string) => string, Record<string, string>?]> = [
  ['unguarded-inference', 'bedrock:CreateModelInvocationJob', (a, r) => `arn:aws:bedrock:${r}:${a.id}:model-invocation-job/batch0001`],
  ['unguarded-inference', 'bedrock:OptimizePrompt', () => '*'],
  ['unguarded-inference', 'bedrock-agentcore:Evaluate', (a, r) => `arn:aws:bedrock-agentcore:${r}:${a.id}:evaluator/judge01`],
  [
    'unlogged-inference',
    'bedrock-mantle:CreateInference',
    (a, r) => `arn:aws:bedrock-mantle:${r}:${a.id}:project/default`,
    { 'bedrock-mantle:Model': SONNET },
  ],
  ['agent-runtime', 'bedrock-agentcore:InvokeAgentRuntime', (a, r) => `arn:aws:bedrock-agentcore:${r}:${a.id}:runtime/agent-1`],
  [
    'agent-runtime',
    'bedrock-agentcore:InvokeCodeInterpreter',
    (_a, r) => `arn:aws:bedrock-agentcore:${r}:aws:code-interpreter/aws.codeinterpreter.v1`,
  ],
  ['egress', 'bedrock-websearch:InvokeFetch', (_a, r) => `arn:aws:bedrock-websearch:${r}:aws:tool/web-fetch`],
  ['egress', 'nova-act:CreateAct', (a, r) => `arn:aws:nova-act:${r}:${a.id}:workflow-definition/shop/workflow-run/run1`],
  ['egress', 'bedrock-agentcore:StartBrowserSession', (_a, r) => `arn:aws:bedrock-agentcore:${r}:aws:browser/aws.browser.v1`],
  ['external-provider', 'aws-external-anthropic:CreateInference', (a, r) => `arn:aws:aws-external-anthropic:${r}:${a.id}:workspace/ws1`],
  ['custom-model', 'bedrock:CreateModelImportJob', () => '*'],
  ['custom-model', 'sagemaker:InvokeEndpoint', (a, r) => `arn:aws:sagemaker:${r}:${a.id}:endpoint/marketplace-llm`],
];

const CLASS_CASES: Case[] = CLASS_SAMPLES.flatMap(([optIn, action, resource, context]): Case[] => [
  {
    name: `${optIn}: admin ${action} in the account region`,
    // With the mandatory tags, as a create must carry them.
    request: (c) =>
      call(admin(c.account), action, resource(c.account, homeRegion(c.account)), homeRegion(c.account), { ...allTags(c.account), ...context }),
    expected: (c) => allowedIf(optedIn(c, optIn)),
  },
  {
    name: `${optIn}: admin ${action} outside the allowed regions`,
    request: (c) => call(admin(c.account), action, resource(c.account, OUTSIDE_REGION), OUTSIDE_REGION, context),
    expected: always('Denied'),
  },
  {
    name: `${optIn}: break-glass ${action}`,
    request: (c) =>
      call(breakGlass(c.account), action, resource(c.account, homeRegion(c.account)), homeRegion(c.account), { ...allTags(c.account), ...context }),
    expected: always('Allowed'),
  },
]);

/** The account's guarded invoke role: its own identity policy (policies/invoke-role.ts) under the SCPs. */
const invokeRolePolicy = (c: Context) =>
  guardedInvokePolicy(guardedInvokeInput(c.config, c.account, (region) => `arn:aws:bedrock:${region}:${c.account.id}:guardrail/gr0baseline01`));
const roleModel = (c: Context) => c.account.allowedModels[0]!;
const rolePinned = (c: Context, region = homeRegion(c.account)) => ownGuardrail(c.account, region);

const INVOKE_ROLE_CASES: Case[] = [
  {
    name: 'invoke role: in-region call with its pinned guardrail',
    identity: invokeRolePolicy,
    request: (c) => invoke(invokeRole(c.account), homeRegion(c.account), rolePinned(c), {}, model(homeRegion(c.account), roleModel(c))),
    expected: always('Allowed'),
  },
  {
    name: 'invoke role: US profile, source hop',
    identity: invokeRolePolicy,
    request: (c) =>
      invoke(
        invokeRole(c.account),
        homeRegion(c.account),
        rolePinned(c),
        {},
        profile(homeRegion(c.account), c.account.id, usProfileId(roleModel(c))),
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: `invoke role: US profile, routed hop in ${DESTINATION_REGION}`,
    identity: invokeRolePolicy,
    request: (c) =>
      invoke(
        invokeRole(c.account),
        DESTINATION_REGION,
        rolePinned(c),
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, usProfileId(roleModel(c))) },
        model(DESTINATION_REGION, roleModel(c)),
      ),
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    name: `invoke role: its guardrail applied through the guardrail profile in ${DESTINATION_REGION}`,
    identity: invokeRolePolicy,
    request: (c) => {
      const guardrailProfile =
        crossRegionGuardrailProfileArn(c.config, homeRegion(c.account), c.account.id) ??
        `arn:aws:bedrock:${homeRegion(c.account)}:${c.account.id}:guardrail-profile/us.guardrail.v1:0`;
      return call(
        invokeRole(c.account),
        'bedrock:ApplyGuardrail',
        guardrailProfile.replace(`:${homeRegion(c.account)}:`, `:${DESTINATION_REGION}:`),
        DESTINATION_REGION,
      );
    },
    // In mode none the guardrail stays in its region and the role has no guardrail profile.
    expected: (c) => allowedIf(c.mode !== 'none'),
  },
  {
    // The role's own policy names global profiles only in mode global.
    name: 'invoke role: global profile, source hop',
    identity: invokeRolePolicy,
    request: (c) =>
      invoke(
        invokeRole(c.account),
        homeRegion(c.account),
        rolePinned(c),
        {},
        profile(homeRegion(c.account), c.account.id, globalProfileId(roleModel(c))),
      ),
    expected: (c) => allowedIf(c.mode === 'global'),
  },
  {
    name: 'invoke role: global profile, routed hop',
    identity: invokeRolePolicy,
    request: (c) =>
      invoke(
        invokeRole(c.account),
        'unspecified',
        rolePinned(c),
        { 'bedrock:InferenceProfileArn': profile(homeRegion(c.account), c.account.id, globalProfileId(roleModel(c))) },
        routedGlobalModel(homeRegion(c.account), roleModel(c)),
      ),
    expected: (c) => allowedIf(c.mode === 'global'),
  },
  {
    name: 'invoke role: DRAFT of its guardrail',
    identity: invokeRolePolicy,
    request: (c) => invoke(invokeRole(c.account), homeRegion(c.account), guardrailArn(c.account), {}, model(homeRegion(c.account), roleModel(c))),
    expected: always('Denied'),
  },
];

const EXEMPT_ROLE_CASES: Case[] = [
  {
    name: 'exempt role: unguarded invoke made through Bedrock (RetrieveAndGenerate)',
    request: (c) => invoke(role(c.account, 'KnowledgeBaseQuery'), homeRegion(c.account), undefined, { 'aws:ViaAWSService': 'true' }),
    expected: always('Allowed'),
  },
  {
    name: 'exempt role: direct unguarded invoke',
    request: (c) => invoke(role(c.account, 'KnowledgeBaseQuery'), homeRegion(c.account)),
    expected: always('Denied'),
  },
  {
    name: 'exempt role: unguarded invoke through Bedrock outside the regions',
    request: (c) => invoke(role(c.account, 'KnowledgeBaseQuery'), OUTSIDE_REGION, undefined, { 'aws:ViaAWSService': 'true' }),
    expected: always('Denied'),
  },
  {
    name: 'other role: unguarded invoke made through Bedrock',
    request: (c) => invoke(app(c.account), homeRegion(c.account), undefined, { 'aws:ViaAWSService': 'true' }),
    expected: always('Denied'),
  },
  {
    name: 'agent service role: unguarded internal invoke',
    request: (c) => invoke(role(c.account, 'AgentExecution'), homeRegion(c.account)),
    expected: always('Allowed'),
  },
  {
    name: 'agent service role: unguarded invoke of a model the prod OU does not approve',
    request: (c) =>
      invoke(role(c.account, 'AgentExecution'), homeRegion(c.account), undefined, {}, model(homeRegion(c.account), 'meta.llama3-70b-instruct-v1:0')),
    expected: (c) => allowedIf(c.ou.allowedModels === undefined),
  },
  {
    name: 'agent service role: unguarded invoke outside the regions',
    request: (c) => invoke(role(c.account, 'AgentExecution'), OUTSIDE_REGION),
    expected: always('Denied'),
  },
  ...(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy'] as const).flatMap((action): Case[] => [
    {
      name: `admin: ${action} on the exempt agent service role`,
      request: (c) => call(admin(c.account), action, role(c.account, 'AgentExecution'), 'us-east-1'),
      expected: always('Denied'),
    },
    {
      name: `deployment role: ${action} on the exempt agent service role`,
      request: (c) => call(deployer(c.account), action, role(c.account, 'AgentExecution'), 'us-east-1'),
      expected: always('Allowed'),
    },
  ]),
];

const PROD_OPTED_IN_CASES: Case[] = [
  ...(
    [
      [SONNET, 'an approved model'],
      ['meta.llama3-70b-instruct-v1:0', 'a model the OU does not approve'],
    ] as const
  ).map(([modelId, label]): Case => ({
    name: `batch inference over ${label}`,
    request: (c) => call(app(c.account), 'bedrock:CreateModelInvocationJob', model(homeRegion(c.account), modelId), homeRegion(c.account)),
    expected: (c) => allowedIf(optedIn(c, 'unguarded-inference') && (c.ou.allowedModels === undefined || c.ou.allowedModels.includes(modelId))),
  })),
  ...(
    [
      [SONNET, 'an approved model'],
      ['meta.llama3-70b-instruct-v1:0', 'a model the OU does not approve'],
    ] as const
  ).map(([modelId, label]): Case => ({
    name: `mantle inference with ${label}`,
    request: (c) =>
      call(
        app(c.account),
        'bedrock-mantle:CreateInference',
        `arn:aws:bedrock-mantle:${homeRegion(c.account)}:${c.account.id}:project/default`,
        homeRegion(c.account),
        { 'bedrock-mantle:Model': modelId },
      ),
    expected: (c) => allowedIf(optedIn(c, 'unlogged-inference') && (c.ou.allowedModels === undefined || c.ou.allowedModels.includes(modelId))),
  })),
  ...(
    [
      ['bedrock-mantle', 'unlogged-inference'],
      ['aws-external-anthropic', 'external-provider'],
    ] as const
  ).flatMap(([service, optIn]): Case[] => [
    {
      name: `${service} with a LONG_TERM bearer token`,
      request: (c) =>
        call(app(c.account), `${service}:CallWithBearerToken`, '*', homeRegion(c.account), { [`${service}:BearerTokenType`]: 'LONG_TERM' }),
      expected: always('Denied'),
    },
    {
      name: `${service} with a SHORT_TERM bearer token`,
      request: (c) =>
        call(app(c.account), `${service}:CallWithBearerToken`, '*', homeRegion(c.account), { [`${service}:BearerTokenType`]: 'SHORT_TERM' }),
      expected: (c) => allowedIf(optedIn(c, optIn)),
    },
  ]),
  {
    name: 'Claude Platform inference (no model condition key exists)',
    request: (c) =>
      call(
        app(c.account),
        'aws-external-anthropic:CreateInference',
        `arn:aws:aws-external-anthropic:${homeRegion(c.account)}:${c.account.id}:workspace/ws1`,
        homeRegion(c.account),
      ),
    expected: (c) => allowedIf(optedIn(c, 'external-provider')),
  },
];

const NO_MODELS_WITHOUT_GUARDRAIL_CASES: Case[] = [
  {
    name: 'embedding model without guardrail when none is listed',
    request: (c) => invoke(app(c.account), homeRegion(c.account), undefined, {}, model(homeRegion(c.account), TITAN_EMBED)),
    expected: always('Denied'),
  },
  { name: 'guarded invoke', request: (c) => invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account)), expected: always('Allowed') },
];

const managementGuardrail = (region: string, id = 'orgguardrail1', version = ':2') =>
  `arn:aws:bedrock:${region}:${MANAGEMENT}:guardrail/${id}${version}`;
/** A region of the account's OU other than `region`, or `region` itself. */
const inOu = (c: Context, region: string) => (ouRegions(c).includes(region) ? region : homeRegion(c.account));

const ORG_GUARDRAIL_ONE_REGION_CASES: Case[] = [
  {
    name: 'organization guardrail in its region (us-east-1)',
    request: (c) => invoke(app(c.account), 'us-east-1', managementGuardrail('us-east-1')),
    expected: (c) => allowedIf(ouRegions(c).includes('us-east-1')),
  },
  {
    name: 'management-account guardrail in a region without organization guardrail',
    request: (c) => invoke(app(c.account), 'us-west-2', managementGuardrail('us-west-2')),
    expected: always('Denied'),
  },
  {
    name: 'DRAFT of the organization guardrail',
    request: (c) => invoke(app(c.account), 'us-east-1', managementGuardrail('us-east-1', 'orgguardrail1', '')),
    expected: always('Denied'),
  },
  {
    name: 'own guardrail in the account region',
    request: (c) => invoke(app(c.account), inOu(c, 'us-west-2'), ownGuardrail(c.account, inOu(c, 'us-west-2'))),
    expected: always('Allowed'),
  },
];

const ORG_GUARDRAIL_ADOPTED_CASES: Case[] = [
  {
    name: 'the adopted organization guardrail, pinned version',
    request: (c) => invoke(app(c.account), 'us-east-1', `${ADOPTED_ORG_GUARDRAIL}:4`),
    expected: (c) => allowedIf(ouRegions(c).includes('us-east-1')),
  },
  {
    name: 'the adopted organization guardrail, later version',
    request: (c) => invoke(app(c.account), 'us-east-1', `${ADOPTED_ORG_GUARDRAIL}:7`),
    expected: (c) => allowedIf(ouRegions(c).includes('us-east-1')),
  },
  {
    name: 'another management-account guardrail',
    request: (c) => invoke(app(c.account), 'us-east-1', managementGuardrail('us-east-1', 'permissive01')),
    expected: always('Denied'),
  },
  {
    name: 'management-account guardrail where the organization guardrail is created here',
    request: (c) => invoke(app(c.account), 'us-west-2', managementGuardrail('us-west-2')),
    expected: (c) => allowedIf(ouRegions(c).includes('us-west-2')),
  },
];

const WITHOUT_ORG_GUARDRAIL_CASES: Case[] = [
  {
    name: 'management-account guardrail',
    request: (c) => invoke(app(c.account), homeRegion(c.account), managementGuardrail(homeRegion(c.account))),
    expected: always('Denied'),
  },
  { name: 'own guardrail', request: (c) => invoke(app(c.account), homeRegion(c.account), ownGuardrail(c.account)), expected: always('Allowed') },
];

const MODE_CASES = [...BASE_CASES, ...CLASS_CASES, ...INVOKE_ROLE_CASES];
const VARIANTS: Array<[Variant, Case[]]> = [
  ['none', MODE_CASES],
  ['geographic', MODE_CASES],
  ['global', MODE_CASES],
  ['exempt-roles', EXEMPT_ROLE_CASES],
  ['prod-opts-into-batch-mantle-and-claude-platform', PROD_OPTED_IN_CASES],
  ['no-models-without-guardrail', NO_MODELS_WITHOUT_GUARDRAIL_CASES],
  ['test-ou-in-us-west-2-only', OU_REGION_CASES],
  ['org-guardrail-us-east-1-only', ORG_GUARDRAIL_ONE_REGION_CASES],
  ['org-guardrail-adopted', ORG_GUARDRAIL_ADOPTED_CASES],
  ['org-guardrail-not-enforced', WITHOUT_ORG_GUARDRAIL_CASES],
  ['without-org-guardrail', WITHOUT_ORG_GUARDRAIL_CASES],
];

const toExpected = (decision: Decision): Expected => (decision === 'Allowed' ? 'Allowed' : 'Denied');

describe.each(VARIANTS)('SCPs with variant %s', (variant, cases) => {
  const config = configFor(variant);
  const byOu = scpsByOu(config);
  const contexts = config.workloadAccounts.map((account): Context => ({
    config,
    mode: config.governance.crossRegionInference,
    account,
    ou: config.organizationalUnits.find((ou) => ou.id === account.ou)!,
  }));
  const firstOfOu = contexts.filter((ctx, index) => contexts.findIndex((other) => other.ou.id === ctx.ou.id) === index);
  const rows = cases.flatMap((c) => (c.identity ? contexts : firstOfOu).map((ctx) => [ctx.account.name, c.name, ctx, c] as const));

  test('every workload account OU carries its perimeter and the shared SCPs', () => {
    for (const ctx of contexts) expect(byOu.get(ctx.ou.id)).toHaveLength(4);
  });

  test.each(rows)('%s: %s', async (_accountName, _caseName, ctx, c) => {
    const decision = await simulate(
      { scps: [[], byOu.get(ctx.ou.id)!], ...(c.identity ? { identityPolicies: [c.identity(ctx)] } : {}) },
      c.request(ctx),
    );
    expect(toExpected(decision)).toBe(c.expected(ctx));
  });
});

test('the matrix covers every default-denied class and at least 1,000 decisions', () => {
  expect(new Set(CLASS_SAMPLES.map(([optIn]) => optIn))).toEqual(new Set(OPT_IN_CLASSES));
  const ous = exampleConfig.organizationalUnits.length;
  const accounts = exampleConfig.workloadAccounts.length;
  const total = VARIANTS.reduce((sum, [, cases]) => sum + cases.reduce((count, c) => count + (c.identity ? accounts : ous), 0), 0);
  expect(total).toBeGreaterThanOrEqual(1000);
});
