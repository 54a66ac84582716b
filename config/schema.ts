/**
 * The one source of truth for the config file: TypeScript types, structural
 * validation and the editor JSON Schema (config/baseline.schema.json) all come from
 * here. Rules that relate one part of the file to another live in validate.ts.
 */
import { PolicyType } from '@aws-sdk/client-organizations';
import { z } from 'zod';
import { CLOUDTRAIL_ALARM_IDS } from '../alarms/cloudtrail-alarm-ids';
import { GUARDRAIL_POLICY_TYPES } from '../alarms/bedrock-metric-alarms';
import { SUBSCRIPTION_PROTOCOLS as ALARM_SUBSCRIPTION_PROTOCOLS, EMAIL_ADDRESS, snsEndpointProblem, type SnsProtocol } from '../alarms/subscriptions';
import {
  FILTER_STRENGTHS,
  GUARDRAIL_PROFILE_NAMES,
  PII_ENTITY_TYPES,
  SELECTIVE_GUARDING_MODES,
  SENSITIVE_INFORMATION_ACTIONS,
} from '../guardrails/profiles';
import {
  GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES,
  GUARDDUTY_SEVERITIES,
  SECURITY_HUB_SEVERITIES,
  SECURITY_HUB_STANDARD_NAMES,
} from '../detection/api-values';
import { DAYS_OF_WEEK, FINDING_PUBLISHING_FREQUENCIES, FINDING_SEVERITIES } from '../macie/api-values';
import { CUSTOM_IDENTIFIER_LIMITS, DEFAULT_MAXIMUM_MATCH_DISTANCE, MAX_ALLOW_LIST_ENTRIES } from '../macie/custom-identifiers';
import { MACIE_REGEX_MAX_LENGTH, macieRegexProblems } from '../macie/regex-dialect';
import { BREAK_GLASS_ROLE_PATH, RESERVED_TAG_KEY_PREFIX } from '../naming/reserved-names';
import { OPT_IN_CLASSES } from '../policies/action-classes';
import { AccountNetworkSchema } from './network-schema';
import { KNOWN_REGIONS } from './regions';

const describeInput = (input: unknown): string => (typeof input === 'string' ? `"${input}"` : JSON.stringify(input));

/** AWS account ids are strings: YAML reads an unquoted 012345678901 as a number and drops the zero. */
export const AccountIdSchema = z
  .string({ error: (iss) => `must be a 12-digit account id in quotes, got ${describeInput(iss.input)}` })
  .regex(/^\d{12}$/, { error: (iss) => `${describeInput(iss.input)} is not a 12-digit account id` })
  .describe('AWS account id: 12 digits, quoted in YAML.');

/** An OU id, as organizationalUnits declares it and rollout.canary names it. No describe(): baseline.schema.json inlines it without one. */
const OuIdSchema = z
  .string()
  .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, { error: (iss) => `${describeInput(iss.input)} is not an OU id (ou-xxxx-xxxxxxxx)` });

export const RegionSchema = z
  .enum(KNOWN_REGIONS as [string, ...string[]], { error: (iss) => `${describeInput(iss.input)} is not a known AWS region` })
  .describe('Commercial AWS region name, e.g. us-east-1.');

const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
export const RoleNameSchema = z.string().regex(IAM_NAME, { error: (iss) => `${describeInput(iss.input)} is not a valid IAM role name` });

/** A role ARN, with `*` allowed for the account so one entry covers every account. */
const RoleArnPatternSchema = z.string().regex(/^arn:aws:iam::(\d{12}|\*):role\/[\w+=,.@/-]+$/, {
  error: (iss) => `${describeInput(iss.input)} is not an IAM role ARN (arn:aws:iam::<account id or *>:role/<name>)`,
});

// `aws:` is AWS's; the baseline's own prefix marks what its SCPs protect (naming/reserved-names.ts).
const TAG_KEY = new RegExp(`^(?!aws:)(?!${RESERVED_TAG_KEY_PREFIX})[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$`, 'u');
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u;
export const TagKeySchema = z.string().regex(TAG_KEY, {
  error: (iss) =>
    `${describeInput(iss.input)} is not a valid tag key (1-128 letters, digits, spaces or _.:/=+-@, not starting with aws: or ${RESERVED_TAG_KEY_PREFIX})`,
});
export const TagValueSchema = z.string().regex(TAG_VALUE, {
  error: (iss) => `${describeInput(iss.input)} is not a valid tag value (1-256 letters, digits, spaces or _.:/=+-@)`,
});

const EnvironmentSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: (iss) => `${describeInput(iss.input)} is not an environment name (lowercase, e.g. prod)` });

export const CROSS_REGION_INFERENCE_MODES = ['none', 'geographic', 'global'] as const;

/** Foundation-model id as the Bedrock API spells it, e.g. anthropic.claude-sonnet-4-5-20250929-v1:0. */
export const ModelIdSchema = z.string().regex(/^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/, {
  error: (iss) =>
    `${describeInput(iss.input)} is not a foundation-model id (provider.model-name-version, e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)`,
});

/** Resource types of models an OU may list by ARN besides foundation models (imported, custom, provisioned, ...). */
export const LISTABLE_MODEL_RESOURCE_TYPES = [
  'custom-model',
  'custom-model-deployment',
  'default-prompt-router',
  'imported-model',
  'marketplace',
  'prompt-router',
  'provisioned-model',
] as const;
const LISTABLE_MODEL_ARN = new RegExp(
  `^arn:aws:bedrock:([a-z0-9-]+|\\*):(\\d{12}|\\*):(${LISTABLE_MODEL_RESOURCE_TYPES.join('|')})/[A-Za-z0-9.:_*/-]+$`,
);

/** A foundation-model id, or the ARN (pattern) of an imported, custom, provisioned or routed model. */
export const ModelEntrySchema = z.union([ModelIdSchema, z.string().regex(LISTABLE_MODEL_ARN)], {
  error: (iss) =>
    `${describeInput(iss.input)} is neither a foundation-model id nor a model ARN (arn:aws:bedrock:<region or *>:<account or *>:<${LISTABLE_MODEL_RESOURCE_TYPES.join('|')}>/<id>)`,
});

/** Account-wide data retention modes of Bedrock (the AWS SDK's DataRetentionMode; a test compares them). */
export const DATA_RETENTION_MODES = ['aws_review', 'default', 'inherit', 'none', 'provider_data_share'] as const;

const GuardrailProfileSchema = z.enum(GUARDRAIL_PROFILE_NAMES, {
  error: (iss) => `${describeInput(iss.input)} is not a guardrail profile (one of ${GUARDRAIL_PROFILE_NAMES.join(', ')})`,
});

/** Text fields carry the CreateGuardrail API's own length limits, so a bad value fails synth, not apply. */
const boundedText = (max: number, what: string) =>
  z
    .string()
    .min(1, { error: `${what} must not be empty` })
    .max(max, { error: (iss) => `${what} is ${String(iss.input).length} characters, the API allows ${max}` });

/** Which parts of a request an enforced guardrail (account- or organization-level) evaluates; the models it skips are guardrails.modelsWithoutGuardrail. */
const enforcementScopeFields = {
  systemPrompts: z
    .enum(SELECTIVE_GUARDING_MODES)
    .default('COMPREHENSIVE')
    .describe('COMPREHENSIVE: evaluate every system prompt; SELECTIVE: only content the caller tags for guarding.'),
  messages: z
    .enum(SELECTIVE_GUARDING_MODES)
    .default('COMPREHENSIVE')
    .describe('COMPREHENSIVE: evaluate every user and assistant message; SELECTIVE: only content the caller tags for guarding.'),
};

const DeniedTopicSchema = z.strictObject({
  name: boundedText(100, 'a topic name').regex(/^[0-9a-zA-Z-_ !?.]+$/, {
    error: (iss) => `${describeInput(iss.input)} is not a topic name (letters, digits, space and -_!?.)`,
  }),
  definition: boundedText(200, 'a topic definition').describe('What the topic covers, in one or two sentences.'),
  examples: z
    .array(boundedText(100, 'a topic example'))
    .max(5, { error: 'at most 5 examples per topic' })
    .default([])
    .describe('Up to 5 prompts that belong to the topic.'),
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
    deniedTopics: z
      .array(DeniedTopicSchema)
      .max(30, { error: 'at most 30 denied topics per guardrail' })
      .default([])
      .describe('Topics every baseline guardrail refuses.'),
    deniedWords: z
      .array(boundedText(100, 'a denied word or phrase'))
      .default([])
      .describe('Words and phrases blocked besides the managed profanity list.'),
    sensitiveRegexes: z
      .array(SensitiveRegexSchema)
      .default([])
      .describe('Organization-specific identifiers (employee ids, internal hostnames, ...).'),
    piiEntityActions: z
      .partialRecord(z.enum(PII_ENTITY_TYPES), z.enum(SENSITIVE_INFORMATION_ACTIONS))
      .default({})
      .describe("BLOCK or ANONYMIZE per PII entity type, over the profile's choice. Credentials and secrets are always blocked."),
    blockedInputMessage: boundedText(500, 'the blocked-input message').optional().describe("Message for a blocked prompt; default: the profile's."),
    blockedOutputMessage: boundedText(500, 'the blocked-output message')
      .optional()
      .describe("Message for a blocked response; default: the profile's."),
    modelsWithoutGuardrail: z
      .array(ModelIdSchema)
      .default([])
      .describe(
        'Models that cannot take a guardrail (embeddings, rerank, speech-to-speech; AWS lists them under "Supported Regions and models for Amazon Bedrock Guardrails"). The require-guardrail SCP rule and both enforced guardrails skip exactly these; every other model must carry a baseline guardrail.',
      ),
    accountEnforcement: z
      .strictObject({
        enabled: z
          .boolean()
          .default(false)
          .describe("Enforce each account's baseline guardrail on every Bedrock inference call of the account (account-level enforced guardrail)."),
        ...enforcementScopeFields,
      })
      .prefault({})
      .describe('Account-level enforcement of the baseline guardrail.'),
  })
  .describe('Content of the baseline guardrails (profiles in guardrails/profiles.ts add their own filters).');

const OrgGuardrailSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Enforce the organization guardrail (BEDROCK_POLICY). Needs a hashicorp/aws release with aws_bedrock_guardrail_resource_policy (docs/guardrails.md).',
      ),
    profile: GuardrailProfileSchema.default('general-chat'),
    regions: z.array(RegionSchema).min(1).optional().describe('Regions with a BEDROCK_POLICY entry; default: governance.allowedRegions.'),
    filterStrength: z
      .enum(FILTER_STRENGTHS)
      .default('MEDIUM')
      .describe('Content-filter strength of the organization guardrail: the floor for every account and environment.'),
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
    .describe(
      'Policy types enabled on the root besides the ones the baseline needs. Terraform owns the whole list: a type enabled today and missing here gets disabled.',
    ),
  additionalServiceAccessPrincipals: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9.-]+\.amazonaws\.com$/, { error: (iss) => `${describeInput(iss.input)} is not a service principal (name.amazonaws.com)` }),
    )
    .default([])
    .describe(
      'Services with trusted access besides the ones the baseline needs. Terraform owns the whole list: a service trusted today and missing here loses trusted access.',
    ),
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
    .describe(
      'none: inference only in allowedRegions; geographic: also geographic profiles (us., eu., ...) from an allowed source region; global: also global. profiles.',
    ),
  deploymentRoleName: RoleNameSchema.default('GovernanceBaselineDeployer').describe(
    'Role every stack assumes in its target account; the only principal allowed to change guardrails and logging.',
  ),
  breakGlassRoleArns: z
    .array(RoleArnPatternSchema)
    .default([])
    .describe(
      `Roles that no baseline SCP statement ever denies, all on the path ${BREAK_GLASS_ROLE_PATH} (arn:aws:iam::<account or *>:role${BREAK_GLASS_ROLE_PATH}<name>), where only the deployment role may create or change roles. Every use alarms.`,
    ),
  breakGlassTrust: z
    .strictObject({
      principalArns: z
        .array(
          z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, {
            error: (iss) => `${describeInput(iss.input)} is not the ARN of one IAM role (arn:aws:iam::<account id>:role/<name>)`,
          }),
        )
        .min(1, { error: 'must name at least one role that may assume the break-glass roles' })
        .describe('Roles that may assume the break-glass roles. Keep them few: they hold the keys to every governed account.'),
      requireMfa: z
        .boolean()
        .default(true)
        .describe(
          'Admit only sessions established with MFA (aws:MultiFactorAuthPresent). Where the identity provider enforces MFA and its sessions do not carry the key, set false (docs/scps.md, "How to break glass").',
        ),
    })
    .optional()
    .describe(
      'When set, every stack creates, in its account, each break-glass role of breakGlassRoleArns that can live there, trusted by these roles only, with AdministratorAccess. Without it, create break-glass roles with the deployment role.',
    ),
  dataRetentionMode: z
    .enum(DATA_RETENTION_MODES)
    .default('default')
    .describe(
      'The account-wide Bedrock data retention mode (PutAccountDataRetention, also through bedrock-mantle). Only the deployment role may set it, and only to this mode; provider_data_share lets the model provider keep prompts.',
    ),
  scpsPerTarget: z
    .int()
    .min(1)
    .max(9, { error: 'must be at most 9: Organizations attaches at most 10 SCPs to a target, and FullAWSAccess (or your allow-list) takes one' })
    .default(4)
    .describe(
      'How many SCPs the baseline may attach to one OU or account: 4 leaves FullAWSAccess room under the 5-per-target quota most organizations have; 9 with the 10-per-target quota.',
    ),
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

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const days = (what: string) =>
  z
    .number({ error: (iss) => `must be a whole number of days, got ${describeInput(iss.input)}` })
    .int({ error: (iss) => `must be a whole number of days, got ${describeInput(iss.input)}` })
    .min(1, { error: `${what} must be at least 1 day` })
    .max(36500, { error: `${what} must be at most 36500 days (100 years)` });

const cloudWatchRetentionDays = () =>
  z.literal(CLOUDWATCH_RETENTION_DAYS, {
    error: (iss) => `${describeInput(iss.input)} is not a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(', ')})`,
  });

const InvocationLoggingSchema = z.strictObject({
  imageDataDelivery: z
    .boolean()
    .default(false)
    .describe(
      'Also log images of requests and responses. Off by default: images can carry personal data and are large; Macie does not classify them.',
    ),
  embeddingDataDelivery: z
    .boolean()
    .default(false)
    .describe('Also log the vectors of embedding calls. Off by default: large and not readable by people or Macie.'),
  videoDataDelivery: z.boolean().default(false).describe('Also log video of requests and responses. Off by default, for the same reasons as images.'),
});

const CloudWatchDeliverySchema = z.strictObject({
  enabled: z
    .boolean()
    .default(false)
    .describe(
      'Also deliver invocation logs to a KMS-encrypted CloudWatch log group in each account and region (for near-real-time queries and alarms). The S3 copy is always on.',
    ),
  retentionDays: cloudWatchRetentionDays().default(30).describe('Days the log group keeps events.'),
});

const CloudTrailLoggingSchema = z.strictObject({
  readOnlyDataEvents: z
    .boolean()
    .default(true)
    .describe(
      'Keep data events of read-only calls of Bedrock, AgentCore and the other model services (Retrieve, GetSession, ...). Data events cost USD 0.10 per 100,000 delivered; see docs/logging.md before switching off: most agent and knowledge-base traffic is read-only.',
    ),
});

const LoggingSchema = z.strictObject({
  objectLockRetentionDays: days('objectLockRetentionDays')
    .default(365)
    .describe(
      'COMPLIANCE-mode Object Lock retention of every object in the central CloudTrail and invocation-log buckets. Nobody, root included, can shorten it or delete a locked version.',
    ),
  centralExpirationDays: days('centralExpirationDays')
    .optional()
    .describe(
      'Days after which central log objects are deleted; at least objectLockRetentionDays. Unset: kept until you decide (storage keeps costing).',
    ),
  infrequentAccessAfterDays: days('infrequentAccessAfterDays')
    .min(30, { error: 'S3 moves objects to STANDARD_IA no earlier than 30 days after creation' })
    .default(30)
    .describe('Days before central log objects move to S3 Standard-IA (Macie can still read them).'),
  glacierInstantRetrievalAfterDays: days('glacierInstantRetrievalAfterDays')
    .default(90)
    .describe(
      'Days before central log objects move to S3 Glacier Instant Retrieval, the coldest class Macie still reads; at least 30 days after infrequentAccessAfterDays.',
    ),
  landingExpirationDays: days('landingExpirationDays')
    .default(7)
    .describe('Days a workload account keeps its local copy of invocation logs; replication copies them to the central bucket within minutes.'),
  readerRoleArns: z
    .array(RoleArnPatternSchema)
    .default([])
    .describe(
      'Roles of the organization that may read and decrypt the central logs (SIEM, Athena, investigators). `*` for the account matches any account of the organization.',
    ),
  invocationLogging: InvocationLoggingSchema.prefault({}).describe('What Bedrock model invocation logging records besides text (text is always on).'),
  cloudWatch: CloudWatchDeliverySchema.prefault({}),
  cloudTrail: CloudTrailLoggingSchema.prefault({}),
});

const OrganizationalUnitSchema = z.strictObject({
  id: OuIdSchema,
  name: z.string().min(1).max(128),
  environment: EnvironmentSchema,
  regions: z
    .array(RegionSchema)
    .min(1, { error: 'must list at least one region; leave the key out for governance.allowedRegions' })
    .optional()
    .describe(
      "Regions where accounts of this OU may use Bedrock; default: governance.allowedRegions. The OU's SCP denies every other region, and every account of the OU lists exactly these regions, so none uses Bedrock where it has no logging, guardrail and alarms.",
    ),
  allowedModels: z
    .array(ModelEntrySchema)
    .optional()
    .describe(
      'Models accounts of this OU may run: foundation-model ids (their system inference profiles included) and ARNs of imported, custom, provisioned or routed models. Default: every foundation model; imported and custom models only when listed. The invoke roles of the accounts may use a subset.',
    ),
  optIns: z
    .array(z.enum(OPT_IN_CLASSES, { error: (iss) => `${describeInput(iss.input)} is not an opt-in class (one of ${OPT_IN_CLASSES.join(', ')})` }))
    .default([])
    .describe('Default-denied classes of model-running actions this OU may use (docs/scps.md, "Action classes"). Each one widens the OU\'s SCP.'),
  networkPerimeter: z
    .boolean()
    .default(false)
    .describe(
      "Deny Bedrock inference in the OU's accounts unless it comes through their VPCs (an SCP of its own; docs/network.md). An account with network entries needs one for each of its regions; one without any runs no models until it gets them.",
    ),
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
  guardrailProfile: GuardrailProfileSchema.default('general-chat').describe("Catalog profile of the account's baseline guardrail."),
  allowedModels: z
    .array(ModelIdSchema)
    .default([])
    .describe(
      "Foundation models the account's invoke role may call (directly and through cross-region inference profiles); none: the role may only apply the guardrail.",
    ),
  network: AccountNetworkSchema,
});

const lengthBetween = (what: string, min: number, max: number) =>
  z
    .string()
    .min(min, { error: (iss) => `${describeInput(iss.input)} is too short: ${what} needs ${min}-${max} characters` })
    .max(max, { error: (iss) => `${describeInput(iss.input)} is too long: ${what} needs ${min}-${max} characters` });

const MacieScheduleSchema = z
  .discriminatedUnion('frequency', [
    z.strictObject({ frequency: z.literal('daily') }),
    z.strictObject({
      frequency: z.literal('weekly'),
      dayOfWeek: z.enum(DAYS_OF_WEEK).default('SUNDAY').describe('Day the weekly run starts.'),
    }),
    z.strictObject({
      frequency: z.literal('monthly'),
      dayOfMonth: z
        .int()
        .min(1)
        .max(28, { error: 'must be 1-28: Macie skips the run in months that do not have the day' })
        .default(1)
        .describe('Day of the month the run starts, 1-28.'),
    }),
  ])
  .describe(
    'When the job runs. Each run analyzes only objects written since the previous run, so the schedule sets how soon a finding appears, not the monthly cost.',
  );

const MacieClassificationSchema = z.strictObject({
  schedule: MacieScheduleSchema.default({ frequency: 'daily' }),
  samplingPercentage: z
    .int({ error: (iss) => `must be a whole percentage 1-100, got ${describeInput(iss.input)}` })
    .min(1, { error: 'must be at least 1' })
    .max(100, { error: 'must be at most 100' })
    .default(10)
    .describe(
      'Share of new invocation log objects each run analyzes. Macie bills per uncompressed GB analyzed; see docs/macie.md for the cost table.',
    ),
  analyzeExistingObjects: z
    .boolean()
    .default(false)
    .describe(
      'Whether a new job also analyzes the logs already in the bucket (initial_run). Every job replacement pays for that again, so it is off by default.',
    ),
  paused: z.boolean().default(false).describe('Pause the job without replacing it (USER_PAUSED). Macie cancels a job that stays paused for 30 days.'),
});

const MacieIdentifierNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error: (iss) => `${describeInput(iss.input)} is not an identifier name (lowercase letters, digits, -; at most 63)`,
});

const MacieCustomIdentifierSchema = z.strictObject({
  name: MacieIdentifierNameSchema.describe('Short unique name; part of the Macie resource name.'),
  description: lengthBetween('a description', 1, CUSTOM_IDENTIFIER_LIMITS.descriptionLength).optional(),
  regex: z
    .string()
    .superRefine((pattern, ctx) => {
      for (const problem of macieRegexProblems(pattern)) ctx.addIssue({ code: 'custom', message: `regex ${problem}` });
    })
    .describe(
      `Pattern in Macie's regex dialect: PCRE without capturing groups (use (?:...)), backreferences, look-around or inline flags; at most ${MACIE_REGEX_MAX_LENGTH} characters.`,
    ),
  keywords: z
    .array(lengthBetween('a keyword', CUSTOM_IDENTIFIER_LIMITS.keywordLength.min, CUSTOM_IDENTIFIER_LIMITS.keywordLength.max))
    .max(CUSTOM_IDENTIFIER_LIMITS.keywords, { error: `at most ${CUSTOM_IDENTIFIER_LIMITS.keywords} keywords` })
    .default([])
    .describe('If set, one of these (case-insensitive) must precede a match within maximumMatchDistance characters.'),
  ignoreWords: z
    .array(lengthBetween('an ignore word', CUSTOM_IDENTIFIER_LIMITS.ignoreWordLength.min, CUSTOM_IDENTIFIER_LIMITS.ignoreWordLength.max))
    .default([])
    .describe('Matches that contain one of these (case-sensitive) are not reported. Shares the limit of 10 with macie.allowList.'),
  maximumMatchDistance: z
    .int()
    .min(CUSTOM_IDENTIFIER_LIMITS.maximumMatchDistance.min)
    .max(CUSTOM_IDENTIFIER_LIMITS.maximumMatchDistance.max)
    .default(DEFAULT_MAXIMUM_MATCH_DISTANCE)
    .describe('Characters allowed between a keyword and the end of a match, 1-300.'),
});

export const SUBSCRIPTION_PROTOCOLS = ['email', 'email-json', 'https', 'sqs', 'lambda'] as const satisfies readonly SnsProtocol[];
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

const MacieSubscriptionSchema = z
  .strictObject({
    protocol: z.enum(SUBSCRIPTION_PROTOCOLS, { error: (iss) => `${describeInput(iss.input)} is not one of ${SUBSCRIPTION_PROTOCOLS.join(', ')}` }),
    endpoint: z.string(),
  })
  .superRefine((subscription, ctx) => {
    const problem = snsEndpointProblem(subscription.protocol, subscription.endpoint);
    if (problem) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: `${problem} (protocol ${subscription.protocol})` });
  });

const MacieFindingsSchema = z.strictObject({
  minimumSeverity: z
    .enum(FINDING_SEVERITIES)
    .default('Medium')
    .describe('Lowest finding severity that reaches the topic. Findings of custom data identifiers are always Medium.'),
  subscriptions: z
    .array(MacieSubscriptionSchema)
    .default([])
    .describe('Who receives the findings from the encrypted SNS topic. Email subscriptions must be confirmed by the recipient.'),
});

const MacieCostEstimateSchema = z.strictObject({
  uncompressedGbPerDay: z
    .number()
    .min(0)
    .default(10)
    .describe('Invocation logs written per day across the organization, uncompressed (S3 shows the gzipped size; see docs/macie.md).'),
  monitoredBuckets: z.int().min(0).default(1).describe('S3 buckets Macie monitors in the accounts it is enabled for, at $0.10 each a month.'),
  monthlyLimitUsd: z
    .number()
    .positive()
    .default(1000)
    .describe(
      'Synth fails when the estimated monthly Macie cost exceeds this: a sampling or volume change that would cost more must raise it on purpose.',
    ),
});

const MacieSchema = z.strictObject({
  findingPublishingFrequency: z
    .enum(FINDING_PUBLISHING_FREQUENCIES)
    .default('FIFTEEN_MINUTES')
    .describe('How often Macie publishes updates to existing policy findings; new findings are published at once.'),
  autoEnableNewAccounts: z
    .boolean()
    .default(true)
    .describe('Enable Macie for accounts that join the organization later (existing accounts are not changed).'),
  logArchiveAccountEmail: z
    .string()
    .regex(EMAIL_ADDRESS, { error: (iss) => `${describeInput(iss.input)} is not an email address` })
    .optional()
    .describe(
      'Root email of the log-archive account. When set, security-audit enables Macie there as a member, which the job over the central bucket needs; otherwise enable it in the Macie console.',
    ),
  classification: MacieClassificationSchema.prefault({}),
  customDataIdentifiers: z
    .array(MacieCustomIdentifierSchema)
    .default([])
    .describe('Extra patterns to look for, besides the built-in private key, bearer token, JWT and AWS secret key identifiers.'),
  allowList: z
    .array(lengthBetween('an allow-list entry', CUSTOM_IDENTIFIER_LIMITS.ignoreWordLength.min, CUSTOM_IDENTIFIER_LIMITS.ignoreWordLength.max))
    .max(MAX_ALLOW_LIST_ENTRIES, {
      error: `at most ${MAX_ALLOW_LIST_ENTRIES} entries: they become ignore words of every custom data identifier, and Macie allows 10 per identifier`,
    })
    .default([])
    .describe(
      'Text that is not a secret (test fixtures, documented sample tokens): a custom identifier match containing one of these is not reported. Does not affect managed identifiers.',
    ),
  findings: MacieFindingsSchema.prefault({}),
  costEstimate: MacieCostEstimateSchema.prefault({}),
});

const GuardDutySchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'GuardDuty in every allowed region with the audit account as delegated administrator, auto-enabled for every account of the organization. Switching it off removes threat detection; baseline review reports it.',
    ),
  aiProtection: z
    .boolean()
    .default(true)
    .describe(
      'The AI Protection feature (Bedrock and SageMaker AI model invocations: anomalous invocation, cost harvesting, prompt injection) for every account. Needs hashicorp/aws >= 6.56.0 (docs/detection.md).',
    ),
  findingPublishingFrequency: z
    .enum(GUARDDUTY_FINDING_PUBLISHING_FREQUENCIES)
    .default('FIFTEEN_MINUTES')
    .describe('How often GuardDuty publishes updates to existing findings; new findings are published at once.'),
  minimumSeverity: z
    .enum(GUARDDUTY_SEVERITIES)
    .default('Medium')
    .describe('Lowest GuardDuty finding severity that reaches the findings topic (Low 1-3.9, Medium 4-6.9, High 7-8.9, Critical 9-10).'),
});

const SecurityHubSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'Security Hub CSPM with central configuration from the audit account: the standards below in the governed OUs and the core accounts, findings aggregated in organization.homeRegion. Needs AWS Config recording in those accounts.',
    ),
  standards: z
    .array(z.enum(SECURITY_HUB_STANDARD_NAMES))
    .min(1, { error: 'must list at least one standard; switch Security Hub off with enabled: false instead' })
    .default([...SECURITY_HUB_STANDARD_NAMES])
    .describe('Standards the configuration policy enables.'),
  minimumSeverity: z
    .enum(SECURITY_HUB_SEVERITIES)
    .default('HIGH')
    .describe('Lowest severity of the failed Bedrock and AgentCore control findings that reach the findings topic.'),
});

const DetectionCostEstimateSchema = z.strictObject({
  organizationAccounts: z
    .int()
    .min(1)
    .optional()
    .describe(
      'Accounts GuardDuty covers (auto-enable covers every account of the organization); default: the workload and core accounts of this file.',
    ),
  managementEventsMillionsPerAccountRegion: z
    .number()
    .min(0)
    .default(0.5)
    .describe('CloudTrail management events a month per account and region, in millions (GuardDuty foundational detection analyzes them all).'),
  vpcFlowAndDnsGbPerAccountRegion: z.number().min(0).default(1).describe('VPC flow and DNS query logs a month per account and region, in GB.'),
  aiEventsGbPerMonth: z
    .number()
    .min(0)
    .default(10)
    .describe('Bedrock and SageMaker AI CloudTrail events a month across the organization, in GB (what AI Protection analyzes).'),
  securityChecksPerAccountRegion: z.int().min(0).default(3000).describe('Security Hub CSPM control checks a month per account and region.'),
  monthlyLimitUsdPerAccount: z
    .number()
    .positive()
    .default(20)
    .describe(
      'Synth fails when the estimated monthly GuardDuty and Security Hub cost per account exceeds this: a change that costs more per account (regions, volumes) must raise it on purpose; adding accounts does not.',
    ),
});

const DetectionSchema = z.strictObject({
  guardDuty: GuardDutySchema.prefault({}),
  securityHub: SecurityHubSchema.prefault({}),
  findings: z
    .strictObject({
      subscriptions: z
        .array(MacieSubscriptionSchema)
        .optional()
        .describe(
          'Who receives GuardDuty and Security Hub findings from the encrypted security-findings topic; default: macie.findings.subscriptions.',
        ),
    })
    .prefault({}),
  costEstimate: DetectionCostEstimateSchema.prefault({}),
});

const eventCount = (least: number) =>
  z
    .int({ error: (iss) => `must be a whole number of events, got ${describeInput(iss.input)}` })
    .min(least, { error: `must be at least ${least}` })
    .max(1_000_000_000, { error: 'must be at most 1000000000' });

const AlarmSubscriptionSchema = z.strictObject({
  protocol: z
    .enum(ALARM_SUBSCRIPTION_PROTOCOLS, { error: (iss) => `${describeInput(iss.input)} is not one of ${ALARM_SUBSCRIPTION_PROTOCOLS.join(', ')}` })
    .describe('email (the recipient must confirm each topic), https, lambda or sqs.'),
  endpoint: z.string().describe('Email address, https:// URL, or the Lambda function or SQS queue ARN; checked against the protocol.'),
});

const OrganizationTrailAlarmsSchema = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .describe(
      'Also deliver the organization trail to a KMS-encrypted CloudWatch log group in the management account (home region) and alarm on Bedrock misuse there. CloudWatch Logs bills ingestion of every event the trail records: see docs/alarms.md.',
    ),
  logRetentionDays: cloudWatchRetentionDays()
    .default(90)
    .describe(
      'Days the log group keeps trail events. The central CloudTrail bucket keeps the record of truth; this copy is for alarms and quick queries.',
    ),
  thresholds: z
    .partialRecord(z.enum(CLOUDTRAIL_ALARM_IDS), eventCount(1))
    .default({})
    .describe(
      'Matching events per 5 minutes that raise an alarm, by alarm name without the bedrock-gov- prefix; every alarm not listed fires on the first event.',
    ),
});

/** Default thresholds of the per-account metric alarms: 5-minute counts a busy production account rarely reaches. */
export const DEFAULT_METRIC_ALARM_THRESHOLDS = { interventions: 25, invocations: 1000 } as const;

const BedrockMetricThresholdsSchema = z.strictObject({
  interventions: eventCount(0).describe(
    'Guardrail interventions (blocks and masks, every guardrail of the account and region) per 5 minutes above which to alarm.',
  ),
  invocations: eventCount(0).describe(
    'Model invocations (every model and inference profile of the account and region) per 5 minutes above which to alarm.',
  ),
  interventionsByPolicyType: z
    .partialRecord(z.enum(GUARDRAIL_POLICY_TYPES), eventCount(0))
    .describe(
      'Extra alarms on the interventions of one guardrail policy type (prompt attacks count under ContentPolicy); only the types listed get one.',
    ),
});

const BedrockMetricAlarmsSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('Alarm on guardrail interventions and invocation spikes in every workload account and region.'),
  thresholds: z
    .strictObject({
      interventions: BedrockMetricThresholdsSchema.shape.interventions.default(DEFAULT_METRIC_ALARM_THRESHOLDS.interventions),
      invocations: BedrockMetricThresholdsSchema.shape.invocations.default(DEFAULT_METRIC_ALARM_THRESHOLDS.invocations),
      interventionsByPolicyType: BedrockMetricThresholdsSchema.shape.interventionsByPolicyType.default({}),
    })
    .prefault({})
    .describe('Thresholds of every workload account and region.'),
  accountThresholds: z
    .record(AccountIdSchema, BedrockMetricThresholdsSchema.partial())
    .default({})
    .describe(
      'Workload account id -> thresholds that replace the ones above for that account (invocation volume differs between a sandbox and a production chatbot).',
    ),
});

const AlarmsSchema = z.strictObject({
  subscriptions: z
    .array(AlarmSubscriptionSchema)
    .default([])
    .describe(
      'Who every alarm topic notifies: the security-alarms topic of the management account and the guardrail-alarms topic of each workload account and region.',
    ),
  organizationTrail: OrganizationTrailAlarmsSchema.prefault({}),
  bedrockMetrics: BedrockMetricAlarmsSchema.prefault({}),
});

const TerraformStateSchema = z.strictObject({
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: (iss) => `${describeInput(iss.input)} is not an S3 bucket name` }),
  region: RegionSchema,
  keyPrefix: z
    .string()
    .regex(/^[\w./-]*$/)
    .default('bedrock-governance')
    .describe('Each stack keeps its state at <keyPrefix>/<stack>.tfstate.'),
});

const RolloutSchema = z
  .strictObject({
    canary: z
      .strictObject({
        accounts: z.array(AccountIdSchema).default([]).describe('Workload accounts (ids from workloadAccounts) whose stacks are applied first.'),
        organizationalUnits: z
          .array(OuIdSchema)
          .default([])
          .describe('OUs (ids from organizationalUnits) whose workload accounts are applied first.'),
      })
      .prefault({})
      .describe('The first wave of workload stacks. Every other changed workload stack is applied only after all of these applied.'),
  })
  .describe('How the deploy workflow rolls a change out: organization-wide stacks in order, then the canary wave, then the rest (docs/cli.md).');

/** HCP Terraform names: organizations and workspaces take letters, digits, - and _. */
const HCP_NAME = /^[A-Za-z0-9_-]+$/;

const HcpTerraformSchema = z
  .strictObject({
    organization: z
      .string()
      .regex(HCP_NAME, { error: (iss) => `${describeInput(iss.input)} is not an HCP Terraform organization name (letters, digits, - and _)` })
      .describe('HCP Terraform organization that holds one workspace per stack.'),
    project: z
      .string()
      .regex(/^[A-Za-z0-9_ -]{1,40}$/, {
        error: (iss) => `${describeInput(iss.input)} is not an HCP Terraform project name (letters, digits, spaces, - and _)`,
      })
      .optional()
      .describe("Project the workspaces belong to (default: the organization's default project)."),
    workspacePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,60}$/, {
        error: (iss) => `${describeInput(iss.input)} is not a workspace name prefix (at most 60 letters, digits, - and _)`,
      })
      .default('bedrock-governance-')
      .describe('The workspace of each stack is <workspacePrefix><stack>, e.g. bedrock-governance-baseline-444444444444.'),
    hostname: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
        error: (iss) => `${describeInput(iss.input)} is not a host name`,
      })
      .default('app.terraform.io')
      .describe('HCP Terraform, or a Terraform Enterprise host.'),
  })
  .describe(
    'Run every stack in its own HCP Terraform workspace (cloud backend, remote runs with dynamic AWS credentials) instead of the S3 backend: docs/cli.md, "HCP Terraform". Leave terraformState out then.',
  );

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
    organizationalUnits: z.array(OrganizationalUnitSchema).min(1, { error: 'must declare at least one OU: the SCPs attach to these' }),
    guardrails: GuardrailsSchema.prefault({}),
    workloadAccounts: z.array(WorkloadAccountSchema).default([]),
    logging: LoggingSchema.prefault({}).describe(
      'Central logging: the organization trail, the log-archive buckets and keys, and Bedrock invocation logging in every workload account (docs/logging.md).',
    ),
    macie: MacieSchema.prefault({}).describe(
      'Macie over the central invocation logs: delegated admin, scheduled job, custom identifiers, finding alerts.',
    ),
    detection: DetectionSchema.prefault({}).describe(
      'Detective services for Bedrock: GuardDuty with AI Protection and Security Hub CSPM organization-wide, findings to an encrypted topic (docs/detection.md).',
    ),
    alarms: AlarmsSchema.prefault({}).describe(
      'Alarms on Bedrock misuse: on the organization trail (management account) and on Bedrock metrics (each workload account and region); docs/alarms.md.',
    ),
    terraformState: TerraformStateSchema.optional().describe(
      'S3 backend shared by every stack (state locking with a lock file). Default: bucket bedrock-governance-tfstate-<managementAccountId> in organization.homeRegion.',
    ),
    hcpTerraform: HcpTerraformSchema.optional(),
    rollout: RolloutSchema.prefault({}),
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
export type LoggingConfig = BaselineConfig['logging'];
export type CrossRegionInferenceMode = (typeof CROSS_REGION_INFERENCE_MODES)[number];
export type MacieConfig = BaselineConfig['macie'];
export type { EndpointService, RegionNetwork } from './network-schema';
