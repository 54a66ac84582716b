/**
 * Turns a catalog profile, the organization's guardrail content (config `guardrails:`) and
 * where the guardrail runs into the complete, deterministic specification of one
 * guardrail. Pure: the constructs map a spec one-to-one onto `aws_bedrock_guardrail`, and
 * the tests check every spec against the Bedrock API's enums and length limits.
 */
import { createHash } from 'node:crypto';
import { inferenceGeographiesOf } from '../config/regions';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { guardrailProfileArn } from '../naming/arns';
import { canonicalJson } from '../naming/content-version';
import { accountGuardrailName, organizationGuardrailName } from '../naming/resources';
import type { EnforcementScope } from '../policies/bedrock-policy';
import {
  CREDENTIAL_ENTITY_TYPES,
  GUARDRAIL_PROFILES,
  guardrailProfileId,
  isGuardrailProfileGeography,
  type ContentFilterType,
  type FilterStrength,
  type GroundingFilterType,
  type GuardrailProfileName,
  type PiiEntityType,
  type SensitiveInformationAction,
} from './profiles';

/** Strength of the content filters where the config names none for an environment: the strictest. */
export const DEFAULT_FILTER_STRENGTH: FilterStrength = 'HIGH';

export interface ContentFilterSpec {
  readonly type: ContentFilterType;
  readonly inputStrength: FilterStrength;
  /** NONE only for PROMPT_ATTACK, which the API evaluates on prompts alone. */
  readonly outputStrength: FilterStrength | 'NONE';
}

export interface DeniedTopicSpec {
  readonly name: string;
  readonly definition: string;
  readonly examples: readonly string[];
  readonly type: 'DENY';
}

export interface PiiEntitySpec {
  readonly type: PiiEntityType;
  readonly action: SensitiveInformationAction;
}

export interface RegexSpec {
  readonly name: string;
  readonly description?: string;
  readonly pattern: string;
  readonly action: SensitiveInformationAction;
}

export interface GroundingFilterSpec {
  readonly type: GroundingFilterType;
  readonly threshold: number;
}

/** One guardrail, in the vocabulary of the CreateGuardrail API. */
export interface GuardrailSpec {
  readonly name: string;
  readonly description: string;
  readonly blockedInputMessaging: string;
  readonly blockedOutputsMessaging: string;
  /** STANDARD needs a cross-region guardrail profile; CLASSIC keeps evaluation in the guardrail's region. */
  readonly tier: 'STANDARD' | 'CLASSIC';
  /** ARN of the system-defined guardrail profile (the provider accepts only an ARN here). */
  readonly crossRegionProfileArn?: string;
  readonly contentFilters: readonly ContentFilterSpec[];
  readonly deniedTopics: readonly DeniedTopicSpec[];
  readonly managedWordLists: readonly 'PROFANITY'[];
  readonly words: readonly string[];
  readonly piiEntities: readonly PiiEntitySpec[];
  readonly regexes: readonly RegexSpec[];
  readonly groundingFilters: readonly GroundingFilterSpec[];
}

export interface GuardrailSpecInput {
  /** Guardrail name (1-50 letters, digits, - or _). */
  readonly name: string;
  /** Catalog profile. */
  readonly profile: GuardrailProfileName;
  /** Strength of every content filter. */
  readonly filterStrength: FilterStrength;
  /** Cross-region guardrail profile ARN, or undefined to stay in the region. */
  readonly crossRegionProfileArn: string | undefined;
}

/** Content-filter strength for an environment: the config's choice, else the strictest. */
export function filterStrengthFor(config: BaselineConfig, environment: string): FilterStrength {
  return config.guardrails.filterStrengthByEnvironment[environment] ?? DEFAULT_FILTER_STRENGTH;
}

/**
 * ARN of the system-defined guardrail profile for `region`, or undefined when guardrail
 * evaluation must stay in the region: cross-region inference is off, or the region belongs
 * to no geography that has a guardrail profile.
 */
export function crossRegionGuardrailProfileArn(config: BaselineConfig, region: string, accountId: string): string | undefined {
  if (config.governance.crossRegionInference === 'none') return undefined;
  const geography = inferenceGeographiesOf(region).find(isGuardrailProfileGeography);
  return geography && guardrailProfileArn(region, accountId, guardrailProfileId(geography));
}

function piiEntities(config: BaselineConfig, profile: GuardrailProfileName): PiiEntitySpec[] {
  const actions: Partial<Record<PiiEntityType, SensitiveInformationAction>> = {
    ...GUARDRAIL_PROFILES[profile].piiEntities,
    ...config.guardrails.piiEntityActions,
  };
  for (const type of CREDENTIAL_ENTITY_TYPES) actions[type] = 'BLOCK';
  return (Object.keys(actions) as PiiEntityType[]).sort().map((type) => ({ type, action: actions[type]! }));
}

/** The specification of one guardrail. */
export function guardrailSpec(config: BaselineConfig, input: GuardrailSpecInput): GuardrailSpec {
  const profile = GUARDRAIL_PROFILES[input.profile];
  const content = config.guardrails;
  return {
    name: input.name,
    description: profile.purpose,
    blockedInputMessaging: content.blockedInputMessage ?? profile.blockedInputMessage,
    blockedOutputsMessaging: content.blockedOutputMessage ?? profile.blockedOutputMessage,
    tier: input.crossRegionProfileArn ? 'STANDARD' : 'CLASSIC',
    ...(input.crossRegionProfileArn ? { crossRegionProfileArn: input.crossRegionProfileArn } : {}),
    contentFilters: profile.contentFilters.map((type) => ({
      type,
      inputStrength: input.filterStrength,
      outputStrength: type === 'PROMPT_ATTACK' ? 'NONE' : input.filterStrength,
    })),
    deniedTopics: content.deniedTopics.map((topic) => ({ name: topic.name, definition: topic.definition, examples: topic.examples, type: 'DENY' })),
    managedWordLists: ['PROFANITY'],
    words: content.deniedWords,
    piiEntities: piiEntities(config, input.profile),
    regexes: content.sensitiveRegexes.map((regex) => ({
      name: regex.name,
      ...(regex.description ? { description: regex.description } : {}),
      pattern: regex.pattern,
      action: regex.action,
    })),
    groundingFilters: (Object.entries(profile.groundingThresholds) as Array<[GroundingFilterType, number]>).map(([type, threshold]) => ({
      type,
      threshold,
    })),
  };
}

/** The guardrail of a workload account in one of its regions. */
export function accountGuardrailSpec(config: BaselineConfig, account: WorkloadAccount, region: string): GuardrailSpec {
  return guardrailSpec(config, {
    name: accountGuardrailName(account.guardrailProfile),
    profile: account.guardrailProfile,
    filterStrength: filterStrengthFor(config, account.environment),
    crossRegionProfileArn: crossRegionGuardrailProfileArn(config, region, account.id),
  });
}

/**
 * The order of keys in the canonical JSON a spec's digest hashes: the order of the spec's
 * fields when the digests were first published (top-level fields, then the fields of the
 * topics, regexes, filters and PII entities). Keys not listed follow in code-unit order.
 */
const SPEC_DIGEST_KEY_ORDER = [
  'name',
  'description',
  'blockedInputMessaging',
  'blockedOutputsMessaging',
  'tier',
  'crossRegionProfileArn',
  'contentFilters',
  'deniedTopics',
  'managedWordLists',
  'words',
  'piiEntities',
  'regexes',
  'groundingFilters',
  'definition',
  'examples',
  'pattern',
  'type',
  'inputStrength',
  'outputStrength',
  'action',
  'threshold',
];

/** Short content hash of a spec, whatever the order of its fields: a new value publishes a new guardrail version. */
export function specDigest(spec: GuardrailSpec): string {
  return createHash('sha256').update(canonicalJson(spec, SPEC_DIGEST_KEY_ORDER)).digest('hex').slice(0, 16);
}

/**
 * What an enforced guardrail (account- or organization-level) evaluates: the block's
 * guarding modes, and guardrails.modelsWithoutGuardrail as the models it skips, the same
 * list the require-guardrail SCP rule carves out.
 */
export function enforcementScope(config: BaselineConfig, block: Pick<EnforcementScope, 'systemPrompts' | 'messages'>): EnforcementScope {
  return { systemPrompts: block.systemPrompts, messages: block.messages, excludedModels: config.guardrails.modelsWithoutGuardrail };
}

/** The organization guardrail settings when the config enforces one, else undefined. */
export function enforcedOrganizationGuardrail(config: BaselineConfig): NonNullable<BaselineConfig['governance']['orgGuardrail']> | undefined {
  const orgGuardrail = config.governance.orgGuardrail;
  return orgGuardrail?.enabled ? orgGuardrail : undefined;
}

/** Regions of the enforced organization guardrail: as configured, else every allowed region; none when not enforced. */
export function organizationGuardrailRegions(config: BaselineConfig): string[] {
  const orgGuardrail = enforcedOrganizationGuardrail(config);
  if (!orgGuardrail) return [];
  return [...(orgGuardrail.regions ?? config.governance.allowedRegions)].sort();
}

/** The management-account guardrail that BEDROCK_POLICY enforces in `region`. */
export function organizationGuardrailSpec(config: BaselineConfig, region: string): GuardrailSpec {
  const orgGuardrail = enforcedOrganizationGuardrail(config);
  if (!orgGuardrail) throw new Error('governance.orgGuardrail is not enforced');
  return guardrailSpec(config, {
    name: organizationGuardrailName(orgGuardrail.profile),
    profile: orgGuardrail.profile,
    filterStrength: orgGuardrail.filterStrength,
    crossRegionProfileArn: crossRegionGuardrailProfileArn(config, region, config.organization.managementAccountId),
  });
}
