/**
 * The one source of truth for the config file: TypeScript types, structural
 * validation and the editor JSON Schema (config/baseline.schema.json) all come from
 * here. Rules that relate one part of the file to another live in validate.ts.
 */
import { PolicyType } from '@aws-sdk/client-organizations';
import { z } from 'zod';
import {
  FILTER_STRENGTHS,
  GUARDRAIL_PROFILE_NAMES,
  PII_ENTITY_TYPES,
  SELECTIVE_GUARDING_MODES,
  SENSITIVE_INFORMATION_ACTIONS,
} from '../guardrails/profiles';
import { KNOWN_REGIONS } from './regions';

const describeInput = (input: unknown): string => (typeof input === 'string' ? `"${input}"` : JSON.stringify(input));

/** AWS account ids are strings: YAML reads an unquoted 012345678901 as a number and drops the zero. */
export const AccountIdSchema = z
  .string({ error: (iss) => `must be a 12-digit account id in quotes, got ${describeInput(iss.input)}` })
  .regex(/^\d{12}$/, { error: (iss) => `${describeInput(iss.input)} is not a 12-digit account id` })
  .describe('AWS account id: 12 digits, quoted in YAML.');

export const RegionSchema = z
  .enum(KNOWN_REGIONS as [string, ...string[]], { error: (iss) => `${describeInput(iss.input)} is not a known AWS region` })
  .describe('Commercial AWS region name, e.g. us-east-1.');

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
export const RoleNameSchema = z
  .string()
  .regex(IAM_NAME, { error: (iss) => `${describeInput(iss.input)} is not a valid IAM role name` });

/** A role ARN, with `*` allowed for the account so one entry covers every account. */
const RoleArnPatternSchema = z
  .string()
  .regex(/^arn:aws:iam::(\d{12}|\*):role\/[\w+=,.@\/-]+$/, {
    error: (iss) => `${describeInput(iss.input)} is not an IAM role ARN (arn:aws:iam::<account id or *>:role/<name>)`,
  });

const TAG_KEY = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
export const TagKeySchema = z.string().regex(TAG_KEY, {
  error: (iss) => `${describeInput(iss.input)} is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:)`,
});
export const TagValueSchema = z.string().regex(TAG_VALUE, {
  error: (iss) => `${describeInput(iss.input)} is not a valid tag value (1-256 letters, digits, spaces or _.:/=+-@)`,
});

const EnvironmentSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: (iss) => `${describeInput(iss.input)} is not an environment name (lowercase, e.g. prod)` });

export const CROSS_REGION_INFERENCE_MODES = ['none', 'geographic', 'global'] as const;

/** Foundation-model id as the Bedrock API spells it, e.g. anthropic.claude-sonnet-4-5-20250929-v1:0. */
export const ModelIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/, {
    error: (iss) => `${describeInput(iss.input)} is not a foundation-model id (provider.model-name-version, e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)`,
  });

const GuardrailProfileSchema = z.enum(GUARDRAIL_PROFILE_NAMES, {
  error: (iss) => `${describeInput(iss.input)} is not a guardrail profile (one of ${GUARDRAIL_PROFILE_NAMES.join(', ')})`,
});

/** Text fields carry the CreateGuardrail API's own length limits, so a bad value fails synth, not apply. */
const boundedText = (max: number, what: string) =>
  z.string().min(1, { error: `${what} must not be empty` }).max(max, { error: (iss) => `${what} is ${String(iss.input).length} characters, the API allows ${max}` });

/** Which parts of a request an enforced guardrail (account- or organization-level) evaluates, and on which models. */
const enforcementScopeFields = {
  systemPrompts: z
    .enum(SELECTIVE_GUARDING_MODES)
    .default('COMPREHENSIVE')
    .describe('COMPREHENSIVE: evaluate every system prompt; SELECTIVE: only content the caller tags for guarding.'),
  messages: z
    .enum(SELECTIVE_GUARDING_MODES)
    .default('COMPREHENSIVE')
    .describe('COMPREHENSIVE: evaluate every user and assistant message; SELECTIVE: only content the caller tags for guarding.'),
  excludedModels: z
    .array(ModelIdSchema)
    .default([])
    .describe('Model ids the enforced guardrail skips (e.g. embedding models); every other model is guarded.'),
};

const DeniedTopicSchema = z.strictObject({
  name: boundedText(100, 'a topic name').regex(/^[0-9a-zA-Z-_ !?.]+$/, {
    error: (iss) => `${describeInput(iss.input)} is not a topic name (letters, digits, space and -_!?.)`,
  }),
  definition: boundedText(200, 'a topic definition').describe('What the topic covers, in one or two sentences.'),
  examples: z.array(boundedText(100, 'a topic example')).max(5, { error: 'at most 5 examples per topic' }).default([]).describe('Up to 5 prompts that belong to the topic.'),
});

const SensitiveRegexSchema = z.strictObject({
  name: boundedText(100, 'a pattern name'),
  description: boundedText(1000, 'a pattern description').optional(),
  pattern: boundedText(500, 'a pattern'),
  action: z.enum(SENSITIVE_INFORMATION_ACTIONS).default('BLOCK').describe('BLOCK the prompt or response, or ANONYMIZE the match.'),
});

const GuardrailsSchema = z
  .strictObject({
    filterStrengthByEnvironment: z
      .record(EnvironmentSchema, z.enum(FILTER_STRENGTHS))
      .default({})
      .describe('Content-filter strength per account environment (LOW, MEDIUM, HIGH); an environment not listed gets HIGH.'),
    deniedTopics: z.array(DeniedTopicSchema).max(30, { error: 'at most 30 denied topics per guardrail' }).default([]).describe('Topics every baseline guardrail refuses.'),
    deniedWords: z.array(boundedText(100, 'a denied word or phrase')).default([]).describe('Words and phrases blocked besides the managed profanity list.'),
    sensitiveRegexes: z.array(SensitiveRegexSchema).default([]).describe('Organization-specific identifiers (employee ids, internal hostnames, ...).'),
    piiEntityActions: z
      .partialRecord(z.enum(PII_ENTITY_TYPES), z.enum(SENSITIVE_INFORMATION_ACTIONS))
      .default({})
      .describe('BLOCK or ANONYMIZE per PII entity type, over the profile\'s choice. Credentials and secrets are always blocked.'),
    blockedInputMessage: boundedText(500, 'the blocked-input message').optional().describe("Message for a blocked prompt; default: the profile's."),
    blockedOutputMessage: boundedText(500, 'the blocked-output message').optional().describe("Message for a blocked response; default: the profile's."),
    accountEnforcement: z
      .strictObject({
        enabled: z.boolean().default(false).describe("Enforce each account's baseline guardrail on every Bedrock inference call of the account (account-level enforced guardrail)."),
        ...enforcementScopeFields,
      })
      .prefault({})
      .describe('Account-level enforcement of the baseline guardrail.'),
  })
  .describe('Content of the baseline guardrails (profiles in guardrails/profiles.ts add their own filters).');

const OrgGuardrailSchema = z
  .strictObject({
    profile: GuardrailProfileSchema.default('general-chat'),
    regions: z.array(RegionSchema).min(1).optional().describe('Regions with a BEDROCK_POLICY entry; default: governance.allowedRegions.'),
    filterStrength: z.enum(FILTER_STRENGTHS).default('MEDIUM').describe('Content-filter strength of the organization guardrail: the floor for every account and environment.'),
    identifiers: z
      .record(z.string(), z.string())
      .default({})
      .describe(
        'Region -> existing management-account guardrail version (arn:aws:bedrock:<region>:<management account>:guardrail/<id>:<version>) to enforce instead of the one this stack creates.',
      ),
    ...enforcementScopeFields,
  })
  .describe('Organization-level enforcement (BEDROCK_POLICY) of a management-account guardrail on every inference call of the governed OUs.');

const OrganizationSchema = z.strictObject({
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, { error: (iss) => `${describeInput(iss.input)} is not an organization id (o-xxxxxxxxxx)` })
    .describe('Organization id, o-xxxxxxxxxx.'),
  managementAccountId: AccountIdSchema.describe('The management account: org-governance deploys here. SCPs never apply to it.'),
  homeRegion: RegionSchema.describe('Region of the organization-wide resources (trail, central buckets, Macie).'),
  additionalPolicyTypes: z
    .array(z.enum(Object.values(PolicyType) as [string, ...string[]]))
    .default([])
    .describe('Policy types enabled on the root besides the ones the baseline needs. Terraform owns the whole list: a type enabled today and missing here gets disabled.'),
  additionalServiceAccessPrincipals: z
    .array(z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, { error: (iss) => `${describeInput(iss.input)} is not a service principal (name.amazonaws.com)` }))
    .default([])
    .describe('Services with trusted access besides the ones the baseline needs. Terraform owns the whole list: a service trusted today and missing here loses trusted access.'),
});

const CoreAccountsSchema = z.strictObject({
  logArchive: AccountIdSchema.describe('Account that holds the central log buckets and keys.'),
  audit: AccountIdSchema.describe('Security tooling account: Macie delegated administrator.'),
  tags: z
    .record(TagKeySchema, TagValueSchema)
    .default({})
    .describe('Values of the mandatory tags (Environment included) on the org-governance, log-archive and security-audit stacks.'),
});

const GovernanceSchema = z.strictObject({
  allowedRegions: z
    .array(RegionSchema)
    .min(1, { error: 'must list at least one region: an empty allow-list would deny Bedrock everywhere' })
    .describe('Regions where Bedrock and Bedrock AgentCore may be used.'),
  crossRegionInference: z
    .enum(CROSS_REGION_INFERENCE_MODES)
    .default('geographic')
    .describe('none: inference only in allowedRegions; geographic: also geographic profiles (us., eu., ...) from an allowed source region; global: also global. profiles.'),
  deploymentRoleName: RoleNameSchema.default('GovernanceBaselineDeployer').describe(
    'Role every stack assumes in its target account; the only principal allowed to change guardrails and logging.',
  ),
  breakGlassRoleArns: z
    .array(RoleArnPatternSchema)
    .default([])
    .describe('Roles that no baseline SCP statement ever denies. Keep this list short and alarmed.'),
  bedrockMantle: z
    .enum(['deny', 'allow'])
    .default('deny')
    .describe('The OpenAI-compatible bedrock-mantle endpoint has no guardrail key and no invocation logging: denied unless allowed here.'),
  scpSizeLimit: z
    .union([z.literal(5120), z.literal(10240)])
    .default(5120)
    .describe('Characters per SCP your organization accepts: 10240 only for organizations with the 2026-05-15 quota, 5120 elsewhere.'),
  guardrailExemptions: z
    .strictObject({
      viaAwsServiceRoleNames: z
        .array(RoleNameSchema)
        .default([])
        .describe(
          'Roles that call RetrieveAndGenerate: the InvokeModel calls Bedrock makes with their credentials (aws:ViaAWSService) need no guardrail; their direct calls still do.',
        ),
      bedrockServiceRoleNames: z
        .array(RoleNameSchema)
        .default([])
        .describe(
          'Service roles Bedrock assumes for agents and knowledge bases, whose internal InvokeModel calls carry no guardrail. Only the deployment role may create or re-trust roles with these names.',
        ),
    })
    .default({ viaAwsServiceRoleNames: [], bedrockServiceRoleNames: [] })
    .describe('Scoped exemptions from the require-guardrail SCP statement, for the AWS behaviour described in docs/scps.md.'),
  orgGuardrail: OrgGuardrailSchema.optional(),
});

const OrganizationalUnitSchema = z.strictObject({
  id: z
    .string()
    .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, { error: (iss) => `${describeInput(iss.input)} is not an OU id (ou-xxxx-xxxxxxxx)` }),
  name: z.string().min(1).max(128),
  environment: EnvironmentSchema,
});

const WorkloadAccountSchema = z.strictObject({
  id: AccountIdSchema,
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: (iss) => `${describeInput(iss.input)} is not an account name (lowercase letters, digits, -)` }),
  ou: z.string().describe('Id of a declared organizational unit the account sits in.'),
  environment: EnvironmentSchema.describe('Also the value of the Environment tag when mandatoryTags has that key.'),
  regions: z.array(z.string()).min(1, { error: 'must list at least one region' }).describe('Subset of governance.allowedRegions.'),
  tags: z.record(TagKeySchema, TagValueSchema).default({}).describe('Values of the mandatory tags (and any extra tags).'),
  guardrailProfile: GuardrailProfileSchema.default('general-chat').describe('Catalog profile of the account\'s baseline guardrail.'),
  allowedModels: z
    .array(ModelIdSchema)
    .default([])
    .describe('Foundation models the account\'s invoke role may call (directly and through cross-region inference profiles); none: the role may only apply the guardrail.'),
});

const TerraformStateSchema = z.strictObject({
  bucket: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: (iss) => `${describeInput(iss.input)} is not an S3 bucket name` }),
  region: RegionSchema,
  keyPrefix: z
    .string()
    .regex(/^[\w.\/-]*$/)
    .default('bedrock-governance')
    .describe('Each stack keeps its state at <keyPrefix>/<stack>.tfstate.'),
});

export const BaselineConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of the JSON Schema, for editors.'),
    organization: OrganizationSchema,
    coreAccounts: CoreAccountsSchema,
    governance: GovernanceSchema,
    mandatoryTags: z
      .record(TagKeySchema, z.array(TagValueSchema))
      .default({})
      .describe('Tag key -> allowed values ([] = any non-empty value). Required on every taggable resource and on every guardrail.'),
    organizationalUnits: z
      .array(OrganizationalUnitSchema)
      .min(1, { error: 'must declare at least one OU: the SCPs attach to these' }),
    guardrails: GuardrailsSchema.prefault({}),
    workloadAccounts: z.array(WorkloadAccountSchema).default([]),
    terraformState: TerraformStateSchema.optional().describe(
      'S3 backend shared by every stack (state locking with a lock file). Default: bucket bedrock-governance-tfstate-<managementAccountId> in organization.homeRegion.',
    ),
  })
  .describe('Bedrock governance baseline for one AWS Organization.');

/** The config as the schema parses it, before canonicalize() fills derived defaults. */
export type ParsedConfig = z.output<typeof BaselineConfigSchema>;
/** The validated, canonical config every stack and policy is built from. */
export type BaselineConfig = Omit<ParsedConfig, 'terraformState'> & {
  readonly terraformState: NonNullable<ParsedConfig['terraformState']>;
};
export type WorkloadAccount = BaselineConfig['workloadAccounts'][number];
export type OrganizationalUnit = BaselineConfig['organizationalUnits'][number];
export type CrossRegionInferenceMode = (typeof CROSS_REGION_INFERENCE_MODES)[number];
