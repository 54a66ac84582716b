/**
 * The one source of truth for the config file: TypeScript types, structural
 * validation and the editor JSON Schema (config/baseline.schema.json) all come from
 * here. Rules that relate one part of the file to another live in validate.ts.
 */
import { PolicyType } from '@aws-sdk/client-organizations';
import { z } from 'zod';
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
});

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const days = (what: string) =>
  z
    .number({ error: (iss) => `must be a whole number of days, got ${describeInput(iss.input)}` })
    .int({ error: (iss) => `must be a whole number of days, got ${describeInput(iss.input)}` })
    .min(1, { error: `${what} must be at least 1 day` })
    .max(36500, { error: `${what} must be at most 36500 days (100 years)` });

const InvocationLoggingSchema = z.strictObject({
  imageDataDelivery: z
    .boolean()
    .default(false)
    .describe('Also log images of requests and responses. Off by default: images can carry personal data and are large; Macie does not classify them.'),
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
    .describe('Also deliver invocation logs to a KMS-encrypted CloudWatch log group in each account and region (for near-real-time queries and alarms). The S3 copy is always on.'),
  retentionDays: z
    .literal(CLOUDWATCH_RETENTION_DAYS, {
      error: (iss) => `${describeInput(iss.input)} is not a retention CloudWatch Logs accepts (${CLOUDWATCH_RETENTION_DAYS.join(', ')})`,
    })
    .default(30)
    .describe('Days the log group keeps events.'),
});

const CloudTrailLoggingSchema = z.strictObject({
  readOnlyDataEvents: z
    .boolean()
    .default(true)
    .describe(
      'Keep Bedrock data events of read-only calls (Retrieve, GetSession, ...). Data events cost USD 0.10 per 100,000 delivered; see docs/logging.md before switching off: most agent and knowledge-base traffic is read-only.',
    ),
});

const LoggingSchema = z.strictObject({
  objectLockRetentionDays: days('objectLockRetentionDays')
    .default(365)
    .describe('COMPLIANCE-mode Object Lock retention of every object in the central CloudTrail and invocation-log buckets. Nobody, root included, can shorten it or delete a locked version.'),
  centralExpirationDays: days('centralExpirationDays')
    .optional()
    .describe('Days after which central log objects are deleted; at least objectLockRetentionDays. Unset: kept until you decide (storage keeps costing).'),
  infrequentAccessAfterDays: days('infrequentAccessAfterDays')
    .min(30, { error: 'S3 moves objects to STANDARD_IA no earlier than 30 days after creation' })
    .default(30)
    .describe('Days before central log objects move to S3 Standard-IA (Macie can still read them).'),
  glacierInstantRetrievalAfterDays: days('glacierInstantRetrievalAfterDays')
    .default(90)
    .describe('Days before central log objects move to S3 Glacier Instant Retrieval, the coldest class Macie still reads; at least 30 days after infrequentAccessAfterDays.'),
  landingExpirationDays: days('landingExpirationDays')
    .default(7)
    .describe('Days a workload account keeps its local copy of invocation logs; replication copies them to the central bucket within minutes.'),
  readerRoleArns: z
    .array(RoleArnPatternSchema)
    .default([])
    .describe('Roles of the organization that may read and decrypt the central logs (SIEM, Athena, investigators). `*` for the account matches any account of the organization.'),
  invocationLogging: InvocationLoggingSchema.prefault({}).describe('What Bedrock model invocation logging records besides text (text is always on).'),
  cloudWatch: CloudWatchDeliverySchema.prefault({}),
  cloudTrail: CloudTrailLoggingSchema.prefault({}),
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
    workloadAccounts: z.array(WorkloadAccountSchema).default([]),
    logging: LoggingSchema.prefault({}).describe(
      'Central logging: the organization trail, the log-archive buckets and keys, and Bedrock invocation logging in every workload account (docs/logging.md).',
    ),
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
export type LoggingConfig = BaselineConfig['logging'];
export type CrossRegionInferenceMode = (typeof CROSS_REGION_INFERENCE_MODES)[number];
