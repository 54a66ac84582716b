/**
 * Decision matrix of the baseline SCPs, evaluated by the IAM simulator over the SCPs
 * as synthesized into the org-governance stack and attached to each workload
 * account's OU, for every workload account of the example config and every
 * crossRegionInference mode.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig, CrossRegionInferenceMode, WorkloadAccount } from '../../config/schema';
import { minify, type PolicyDocument } from '../../policies/document';
import { baselineServiceControlPolicies } from '../../policies/scp';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { simulate, type Decision, type SimRequest } from '../support/simulate';
import { policyAttribute, referencedId, resourcesOfType, serviceControlPolicies, synthStack } from '../support/synth';

const exampleConfig = loadConfig('config/baseline.yaml');
const MANAGEMENT = exampleConfig.organization.managementAccountId;
const FOREIGN_ACCOUNT = '999999999999';
const OUTSIDE_REGION = 'eu-west-1';
const ADOPTED_ORG_GUARDRAIL = `arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/adopted0guard`;

type Variant =
  | 'none'
  | 'geographic'
  | 'global'
  | 'exempt-roles'
  | 'mantle-allowed'
  | 'org-guardrail-us-east-1-only'
  | 'org-guardrail-adopted'
  | 'org-guardrail-not-enforced'
  | 'without-org-guardrail';
type Expected = 'Allowed' | 'Denied';

function configFor(variant: Variant): BaselineConfig {
  // The matrix runs with the organization guardrail enforced, except where a variant says otherwise.
  const governance = { ...exampleConfig.governance, orgGuardrail: { ...exampleConfig.governance.orgGuardrail!, enabled: true } };
  if (variant === 'none' || variant === 'geographic' || variant === 'global') governance.crossRegionInference = variant;
  if (variant === 'exempt-roles') governance.guardrailExemptions = { viaAwsServiceRoleNames: ['KnowledgeBaseQuery'], bedrockServiceRoleNames: ['AgentExecution'] };
  if (variant === 'mantle-allowed') governance.bedrockMantle = 'allow';
  if (variant === 'org-guardrail-us-east-1-only') governance.orgGuardrail = { ...governance.orgGuardrail!, regions: ['us-east-1'] };
  if (variant === 'org-guardrail-adopted') governance.orgGuardrail = { ...governance.orgGuardrail!, identifiers: { 'us-east-1': `${ADOPTED_ORG_GUARDRAIL}:4` } };
  if (variant === 'org-guardrail-not-enforced') governance.orgGuardrail = { ...governance.orgGuardrail, enabled: false };
  if (variant === 'without-org-guardrail') delete (governance as Partial<typeof governance>).orgGuardrail;
  return { ...exampleConfig, governance };
}

/** The baseline SCP documents attached to each OU, read back from the synthesized stack (the network perimeter has its own matrix). */
function scpsByOu(config: BaselineConfig): Map<string, PolicyDocument[]> {
  const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));
  const scps = serviceControlPolicies(stack);
  const baseline = new Set(baselineServiceControlPolicies(config).map((scp) => scp.name));
  const byOu = new Map<string, PolicyDocument[]>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    const policy = scps[referencedId(attachment.policy_id, 'aws_organizations_policy')];
    if (!policy || !baseline.has(String(policy.name))) continue;
    const target = String(attachment.target_id);
    byOu.set(target, [...(byOu.get(target) ?? []), policyAttribute(policy, 'content')]);
  }
  return byOu;
}

interface Case {
  readonly name: string;
  readonly request: (account: WorkloadAccount) => SimRequest;
  readonly expected: (mode: CrossRegionInferenceMode) => Expected;
}

const always =
  (expected: Expected) =>
  (): Expected =>
    expected;
const role = (account: WorkloadAccount, name: string): string => `arn:aws:iam::${account.id}:role/${name}`;
const app = (a: WorkloadAccount) => role(a, 'ChatbotApp');
const admin = (a: WorkloadAccount) => role(a, 'AccountAdmin');
const deployer = (a: WorkloadAccount) => role(a, exampleConfig.governance.deploymentRoleName);
const breakGlass = (a: WorkloadAccount) => role(a, 'BreakGlassAdmin');
const homeRegion = (a: WorkloadAccount): string => a.regions[0]!;
const model = (region: string) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
const ownGuardrail = (a: WorkloadAccount, region = homeRegion(a)) => `arn:aws:bedrock:${region}:${a.id}:guardrail/gr0baseline01:3`;
const profile = (region: string, account: string, id: string) => `arn:aws:bedrock:${region}:${account}:inference-profile/${id}`;
const US_PROFILE = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
// A global profile's routed hop names a model ARN without a region, which the simulator
// rejects; the decision there rests on aws:RequestedRegion and bedrock:InferenceProfileArn,
// not on the resource, so the routed hop is simulated on the source region's model ARN.
const routedGlobalModel = (sourceRegion: string) => model(sourceRegion);
const GLOBAL_PROFILE = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
// The invocation-log landing bucket of DESIGN.md's data flow: baseline-<account>-<region>.
const landingBucket = (a: WorkloadAccount): string => `arn:aws:s3:::baseline-${a.id}-${homeRegion(a)}`;
const allTags = (a: WorkloadAccount) => ({
  'aws:RequestTag/Environment': a.environment,
  'aws:RequestTag/Owner': a.tags.Owner!,
  'aws:RequestTag/CostCenter': a.tags.CostCenter!,
  'aws:RequestTag/DataClassification': a.tags.DataClassification!,
  'aws:TagKeys': ['CostCenter', 'DataClassification', 'Environment', 'Owner'],
});

/** A request in `region` (the account's first region by default) with extra context. */
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
const createGuardrail = (principal: string, a: WorkloadAccount, tags: Record<string, string | string[]>, region = homeRegion(a)) =>
  call(principal, 'bedrock:CreateGuardrail', '*', region, tags);
const withoutTag = (a: WorkloadAccount, key: string) => Object.fromEntries(Object.entries(allTags(a)).filter(([k]) => k !== `aws:RequestTag/${key}`));
const agentRuntime = (a: WorkloadAccount, region: string) => call(app(a), 'bedrock-agentcore:InvokeAgentRuntime', `arn:aws:bedrock-agentcore:${region}:${a.id}:runtime/agent-1`, region);
const mantle = (principal: string, region: string) => call(principal, 'bedrock-mantle:CreateInference', '*', region);

const BASE_CASES: Case[] = [
  // Region restriction
  { name: 'invoke in the account region with its guardrail', request: (a) => invoke(app(a), homeRegion(a), ownGuardrail(a)), expected: always('Allowed') },
  { name: 'invoke in the other allowed region', request: (a) => invoke(app(a), 'us-west-2', ownGuardrail(a, 'us-west-2')), expected: always('Allowed') },
  { name: 'invoke outside the allowed regions', request: (a) => invoke(app(a), OUTSIDE_REGION, ownGuardrail(a, OUTSIDE_REGION)), expected: always('Denied') },
  { name: 'streaming invoke outside the allowed regions', request: (a) => stream(invoke(app(a), OUTSIDE_REGION, ownGuardrail(a, OUTSIDE_REGION))), expected: always('Denied') },
  { name: 'list models outside the allowed regions', request: (a) => call(app(a), 'bedrock:ListFoundationModels', '*', OUTSIDE_REGION), expected: always('Denied') },
  { name: 'list models in an allowed region', request: (a) => call(app(a), 'bedrock:ListFoundationModels', '*', homeRegion(a)), expected: always('Allowed') },
  { name: 'AgentCore runtime outside the allowed regions', request: (a) => agentRuntime(a, OUTSIDE_REGION), expected: always('Denied') },
  { name: 'AgentCore runtime in an allowed region', request: (a) => agentRuntime(a, homeRegion(a)), expected: always('Allowed') },
  { name: 'break-glass invokes outside the regions without a guardrail', request: (a) => invoke(breakGlass(a), OUTSIDE_REGION), expected: always('Allowed') },
  { name: 'deployment role creates a guardrail outside the regions', request: (a) => createGuardrail(deployer(a), a, allTags(a), OUTSIDE_REGION), expected: always('Denied') },

  // Cross-region inference
  {
    name: 'US geographic profile, source hop in an allowed region',
    request: (a) => invoke(app(a), 'us-east-1', ownGuardrail(a, 'us-east-1'), {}, profile('us-east-1', a.id, US_PROFILE)),
    expected: (mode) => (mode === 'none' ? 'Denied' : 'Allowed'),
  },
  {
    name: 'US geographic profile routed to us-east-2 (outside the list)',
    request: (a) => invoke(app(a), 'us-east-2', ownGuardrail(a, 'us-east-1'), { 'bedrock:InferenceProfileArn': profile('us-east-1', a.id, US_PROFILE) }),
    expected: (mode) => (mode === 'none' ? 'Denied' : 'Allowed'),
  },
  {
    name: 'EU geographic profile from a source region outside the list',
    request: (a) =>
      invoke(app(a), 'eu-central-1', ownGuardrail(a, OUTSIDE_REGION), { 'bedrock:InferenceProfileArn': profile(OUTSIDE_REGION, a.id, 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0') }),
    expected: always('Denied'),
  },
  {
    name: 'US-named profile ARN in a region outside the list cannot launder a call',
    request: (a) => invoke(app(a), 'us-east-2', ownGuardrail(a, 'us-east-2'), { 'bedrock:InferenceProfileArn': profile('us-east-2', a.id, US_PROFILE) }),
    expected: always('Denied'),
  },
  {
    name: 'global profile, source hop in an allowed region',
    request: (a) => invoke(app(a), 'us-east-1', ownGuardrail(a, 'us-east-1'), {}, profile('us-east-1', a.id, GLOBAL_PROFILE)),
    expected: (mode) => (mode === 'global' ? 'Allowed' : 'Denied'),
  },
  {
    name: 'global profile routed (RequestedRegion unspecified)',
    request: (a) =>
      invoke(app(a), 'unspecified', ownGuardrail(a, 'us-east-1'), { 'bedrock:InferenceProfileArn': profile('us-east-1', a.id, GLOBAL_PROFILE) }, routedGlobalModel('us-east-1')),
    expected: (mode) => (mode === 'global' ? 'Allowed' : 'Denied'),
  },
  {
    name: 'global profile from a source region outside the list',
    request: (a) =>
      invoke(app(a), 'unspecified', ownGuardrail(a, OUTSIDE_REGION), { 'bedrock:InferenceProfileArn': profile(OUTSIDE_REGION, a.id, GLOBAL_PROFILE) }, routedGlobalModel(OUTSIDE_REGION)),
    expected: always('Denied'),
  },

  // Guardrail required
  { name: 'invoke without a guardrail', request: (a) => invoke(app(a), homeRegion(a)), expected: always('Denied') },
  { name: 'streaming invoke (ConverseStream) without a guardrail', request: (a) => stream(invoke(app(a), homeRegion(a))), expected: always('Denied') },
  { name: 'streaming invoke with the account guardrail', request: (a) => stream(invoke(app(a), homeRegion(a), ownGuardrail(a))), expected: always('Allowed') },
  { name: 'invoke with the DRAFT of an account guardrail', request: (a) => invoke(app(a), homeRegion(a), guardrailArn(a)), expected: always('Allowed') },
  {
    name: "invoke with another account's guardrail",
    request: (a) => invoke(app(a), homeRegion(a), `arn:aws:bedrock:${homeRegion(a)}:${FOREIGN_ACCOUNT}:guardrail/permissive1:1`),
    expected: always('Denied'),
  },
  {
    name: 'invoke with the organization guardrail of the management account',
    request: (a) => invoke(app(a), homeRegion(a), `arn:aws:bedrock:${homeRegion(a)}:${MANAGEMENT}:guardrail/orgguardrail1:2`),
    expected: always('Allowed'),
  },
  {
    name: 'invoke with the DRAFT of the organization guardrail',
    request: (a) => invoke(app(a), homeRegion(a), `arn:aws:bedrock:${homeRegion(a)}:${MANAGEMENT}:guardrail/orgguardrail1`),
    expected: always('Denied'),
  },
  { name: 'admin invokes without a guardrail', request: (a) => invoke(admin(a), homeRegion(a)), expected: always('Denied') },
  { name: 'break-glass invokes without a guardrail', request: (a) => invoke(breakGlass(a), homeRegion(a)), expected: always('Allowed') },

  // bedrock-mantle
  { name: 'bedrock-mantle inference', request: (a) => mantle(app(a), homeRegion(a)), expected: always('Denied') },
  { name: 'break-glass uses bedrock-mantle', request: (a) => mantle(breakGlass(a), homeRegion(a)), expected: always('Allowed') },

  // Long-term API keys
  ...(
    [
      ['bedrock.amazonaws.com', 'Denied'],
      ['codecommit.amazonaws.com', 'Allowed'],
    ] as const
  ).map(
    ([service, expected]): Case => ({
      name: `create a service-specific credential for ${service}`,
      request: (a) =>
        call(admin(a), 'iam:CreateServiceSpecificCredential', `arn:aws:iam::${a.id}:user/ci-bot`, 'us-east-1', { 'iam:ServiceSpecificCredentialServiceName': service }),
      expected: always(expected),
    }),
  ),
  ...(
    [
      ['bedrock', 'LONG_TERM', 'Denied'],
      ['bedrock', 'SHORT_TERM', 'Allowed'],
      ['bedrock-mantle', 'LONG_TERM', 'Denied'],
    ] as const
  ).map(
    ([prefix, type, expected]): Case => ({
      name: `call ${prefix} with a ${type} bearer token`,
      request: (a) => call(app(a), `${prefix}:CallWithBearerToken`, '*', homeRegion(a), { [`${prefix}:BearerTokenType`]: type }),
      expected: always(expected),
    }),
  ),

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
      ['s3:DeleteBucketPolicy', (a: WorkloadAccount) => `${landingBucket(a)}-access-logs`],
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
    ).map(([who, principal, expected]) => ({ name: `${who}: ${action}`, request: (a) => call(principal(a), action, resource(a), homeRegion(a)), expected: always(expected) })),
  ),
  { name: 'admin creates a guardrail, tags complete', request: (a) => createGuardrail(admin(a), a, allTags(a)), expected: always('Denied') },

  // Mandatory tags
  { name: 'deployment role creates a guardrail with every mandatory tag', request: (a) => createGuardrail(deployer(a), a, allTags(a)), expected: always('Allowed') },
  { name: 'deployment role creates a guardrail without Owner', request: (a) => createGuardrail(deployer(a), a, withoutTag(a, 'Owner')), expected: always('Denied') },
  {
    name: 'deployment role creates a guardrail without DataClassification',
    request: (a) => createGuardrail(deployer(a), a, withoutTag(a, 'DataClassification')),
    expected: always('Denied'),
  },
  {
    name: 'deployment role creates a guardrail with Environment=staging',
    request: (a) => createGuardrail(deployer(a), a, { ...allTags(a), 'aws:RequestTag/Environment': 'staging' }),
    expected: always('Denied'),
  },
  { name: 'break-glass creates an untagged guardrail', request: (a) => createGuardrail(breakGlass(a), a, {}), expected: always('Allowed') },
  { name: 'deployment role removes the Owner tag', request: (a) => onGuardrail(deployer(a), 'bedrock:UntagResource', a, { 'aws:TagKeys': ['Owner'] }), expected: always('Denied') },
  { name: 'admin removes a non-mandatory tag', request: (a) => onGuardrail(admin(a), 'bedrock:UntagResource', a, { 'aws:TagKeys': ['Scratch'] }), expected: always('Allowed') },
  {
    name: 'admin retags a guardrail with a disallowed DataClassification',
    request: (a) => onGuardrail(admin(a), 'bedrock:TagResource', a, { 'aws:RequestTag/DataClassification': 'secret', 'aws:TagKeys': ['DataClassification'] }),
    expected: always('Denied'),
  },
  {
    name: 'admin adds a free-form tag',
    request: (a) => onGuardrail(admin(a), 'bedrock:TagResource', a, { 'aws:RequestTag/Team': 'search', 'aws:TagKeys': ['Team'] }),
    expected: always('Allowed'),
  },

  { name: "root user replaces the landing bucket's policy", request: (a) => call(`arn:aws:iam::${a.id}:root`, 's3:PutBucketPolicy', landingBucket(a), homeRegion(a)), expected: always('Denied') },

  // Nothing else is touched
  {
    name: 'EC2 outside the Bedrock regions',
    request: (a) => call(admin(a), 'ec2:RunInstances', `arn:aws:ec2:${OUTSIDE_REGION}:${a.id}:instance/i-0123456789abcdef0`, OUTSIDE_REGION),
    expected: always('Allowed'),
  },
  { name: 'S3 read', request: (a) => call(app(a), 's3:GetObject', 'arn:aws:s3:::team-data/report.csv', OUTSIDE_REGION), expected: always('Allowed') },
  { name: "admin changes a team bucket's policy", request: (a) => call(admin(a), 's3:PutBucketPolicy', 'arn:aws:s3:::team-data', homeRegion(a)), expected: always('Allowed') },
  { name: 'IAM change to a workload role', request: (a) => call(admin(a), 'iam:UpdateAssumeRolePolicy', app(a), 'us-east-1'), expected: always('Allowed') },
  { name: 'read a guardrail', request: (a) => onGuardrail(app(a), 'bedrock:GetGuardrail', a), expected: always('Allowed') },
];

const EXEMPT_ROLE_CASES: Case[] = [
  {
    name: 'exempt role: unguarded invoke made through Bedrock (RetrieveAndGenerate)',
    request: (a) => invoke(role(a, 'KnowledgeBaseQuery'), homeRegion(a), undefined, { 'aws:ViaAWSService': 'true' }),
    expected: always('Allowed'),
  },
  { name: 'exempt role: direct unguarded invoke', request: (a) => invoke(role(a, 'KnowledgeBaseQuery'), homeRegion(a)), expected: always('Denied') },
  {
    name: 'exempt role: unguarded invoke through Bedrock outside the regions',
    request: (a) => invoke(role(a, 'KnowledgeBaseQuery'), OUTSIDE_REGION, undefined, { 'aws:ViaAWSService': 'true' }),
    expected: always('Denied'),
  },
  { name: 'other role: unguarded invoke made through Bedrock', request: (a) => invoke(app(a), homeRegion(a), undefined, { 'aws:ViaAWSService': 'true' }), expected: always('Denied') },
  { name: 'agent service role: unguarded internal invoke', request: (a) => invoke(role(a, 'AgentExecution'), homeRegion(a)), expected: always('Allowed') },
  { name: 'agent service role: unguarded invoke outside the regions', request: (a) => invoke(role(a, 'AgentExecution'), OUTSIDE_REGION), expected: always('Denied') },
  ...(['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy'] as const).flatMap((action): Case[] => [
    { name: `admin: ${action} on the exempt agent service role`, request: (a) => call(admin(a), action, role(a, 'AgentExecution'), 'us-east-1'), expected: always('Denied') },
    {
      name: `deployment role: ${action} on the exempt agent service role`,
      request: (a) => call(deployer(a), action, role(a, 'AgentExecution'), 'us-east-1'),
      expected: always('Allowed'),
    },
  ]),
];

const MANTLE_ALLOWED_CASES: Case[] = [
  { name: 'mantle allowed: inference in an allowed region', request: (a) => mantle(app(a), homeRegion(a)), expected: always('Allowed') },
  { name: 'mantle allowed: inference outside the regions', request: (a) => mantle(app(a), OUTSIDE_REGION), expected: always('Denied') },
  {
    name: 'mantle allowed: long-term bearer token',
    request: (a) => call(app(a), 'bedrock-mantle:CallWithBearerToken', '*', homeRegion(a), { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' }),
    expected: always('Denied'),
  },
];

const managementGuardrail = (region: string, id = 'orgguardrail1', version = ':2') => `arn:aws:bedrock:${region}:${MANAGEMENT}:guardrail/${id}${version}`;

const ORG_GUARDRAIL_ONE_REGION_CASES: Case[] = [
  { name: 'organization guardrail in its region', request: (a) => invoke(app(a), 'us-east-1', managementGuardrail('us-east-1')), expected: always('Allowed') },
  {
    name: 'management-account guardrail in a region without organization guardrail',
    request: (a) => invoke(app(a), 'us-west-2', managementGuardrail('us-west-2')),
    expected: always('Denied'),
  },
  { name: 'DRAFT of the organization guardrail', request: (a) => invoke(app(a), 'us-east-1', managementGuardrail('us-east-1', 'orgguardrail1', '')), expected: always('Denied') },
  { name: 'own guardrail in the other region', request: (a) => invoke(app(a), 'us-west-2', ownGuardrail(a, 'us-west-2')), expected: always('Allowed') },
];

const ORG_GUARDRAIL_ADOPTED_CASES: Case[] = [
  { name: 'the adopted organization guardrail, pinned version', request: (a) => invoke(app(a), 'us-east-1', `${ADOPTED_ORG_GUARDRAIL}:4`), expected: always('Allowed') },
  { name: 'the adopted organization guardrail, later version', request: (a) => invoke(app(a), 'us-east-1', `${ADOPTED_ORG_GUARDRAIL}:7`), expected: always('Allowed') },
  { name: 'another management-account guardrail', request: (a) => invoke(app(a), 'us-east-1', managementGuardrail('us-east-1', 'permissive01')), expected: always('Denied') },
  {
    name: 'management-account guardrail where the organization guardrail is created here',
    request: (a) => invoke(app(a), 'us-west-2', managementGuardrail('us-west-2')),
    expected: always('Allowed'),
  },
];

const WITHOUT_ORG_GUARDRAIL_CASES: Case[] = [
  { name: 'management-account guardrail', request: (a) => invoke(app(a), homeRegion(a), managementGuardrail(homeRegion(a))), expected: always('Denied') },
  { name: 'own guardrail', request: (a) => invoke(app(a), homeRegion(a), ownGuardrail(a)), expected: always('Allowed') },
];

const VARIANTS: Array<[Variant, Case[]]> = [
  ['none', BASE_CASES],
  ['geographic', BASE_CASES],
  ['global', BASE_CASES],
  ['exempt-roles', EXEMPT_ROLE_CASES],
  ['mantle-allowed', MANTLE_ALLOWED_CASES],
  ['org-guardrail-us-east-1-only', ORG_GUARDRAIL_ONE_REGION_CASES],
  ['org-guardrail-adopted', ORG_GUARDRAIL_ADOPTED_CASES],
  ['org-guardrail-not-enforced', WITHOUT_ORG_GUARDRAIL_CASES],
  ['without-org-guardrail', WITHOUT_ORG_GUARDRAIL_CASES],
];

const toExpected = (decision: Decision): Expected => (decision === 'Allowed' ? 'Allowed' : 'Denied');

describe.each(VARIANTS)('SCPs with variant %s', (variant, cases) => {
  const config = configFor(variant);
  const byOu = scpsByOu(config);
  const rows = config.workloadAccounts.flatMap((account) => cases.map((c) => [account.name, c.name, account, c] as const));

  test('every workload account OU carries exactly the two baseline SCPs', () => {
    for (const account of config.workloadAccounts) expect(byOu.get(account.ou)).toHaveLength(2);
  });

  test('every SCP fits the 5,120-character limit', () => {
    for (const scp of baselineServiceControlPolicies(config)) expect(minify(scp.document).length).toBeLessThanOrEqual(5120);
  });

  test.each(rows)('%s: %s', async (_accountName, _caseName, account, c) => {
    const decision = await simulate({ scps: [[], byOu.get(account.ou)!] }, c.request(account));
    expect(toExpected(decision)).toBe(c.expected(config.governance.crossRegionInference));
  });
});

test('the matrix covers at least 100 decisions', () => {
  const total = VARIANTS.reduce((sum, [variant, cases]) => sum + cases.length * configFor(variant).workloadAccounts.length, 0);
  expect(total).toBeGreaterThanOrEqual(100);
});
