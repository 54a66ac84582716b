/**
 * The catalog of guardrail profiles an account can select (`workloadAccounts[].guardrailProfile`,
 * `governance.orgGuardrail.profile`). A profile fixes what a kind of application needs;
 * the config adds the organization's own topics, words and patterns, and the account's
 * environment sets how strongly the content filters apply (guardrails/spec.ts).
 *
 * Every value here is a Bedrock API enum value; test/guardrails checks each one against
 * the enums of @aws-sdk/client-bedrock (a runtime dependency only the tests have).
 */

/** Harmful-content categories of the content policy. */
export const CONTENT_FILTER_TYPES = ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT', 'PROMPT_ATTACK'] as const;
export type ContentFilterType = (typeof CONTENT_FILTER_TYPES)[number];

/** Strengths the config may choose; NONE is not offered: a baseline filter that filters nothing is no baseline. */
export const FILTER_STRENGTHS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type FilterStrength = (typeof FILTER_STRENGTHS)[number];

/** What a sensitive-information filter does with a match. */
export const SENSITIVE_INFORMATION_ACTIONS = ['BLOCK', 'ANONYMIZE'] as const;
export type SensitiveInformationAction = (typeof SENSITIVE_INFORMATION_ACTIONS)[number];

/** Every PII entity type the guardrail API detects. */
export const PII_ENTITY_TYPES = [
  'ADDRESS',
  'AGE',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'CREDIT_DEBIT_CARD_NUMBER',
  'DRIVER_ID',
  'EMAIL',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  'IP_ADDRESS',
  'LICENSE_PLATE',
  'MAC_ADDRESS',
  'NAME',
  'PASSWORD',
  'PHONE',
  'PIN',
  'SWIFT_CODE',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER',
  'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  'URL',
  'USERNAME',
  'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  'US_PASSPORT_NUMBER',
  'US_SOCIAL_SECURITY_NUMBER',
  'VEHICLE_IDENTIFICATION_NUMBER',
] as const;
export type PiiEntityType = (typeof PII_ENTITY_TYPES)[number];

/**
 * Credentials and secrets: blocked in every profile, in prompts and in responses; the
 * config cannot relax them (config/validate.ts rejects an override).
 */
export const CREDENTIAL_ENTITY_TYPES: readonly PiiEntityType[] = ['AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'CREDIT_DEBIT_CARD_CVV', 'PASSWORD', 'PIN'];

/** Identifiers whose leak does harm on its own: blocked unless a profile or the config says otherwise. */
const IDENTIFIER_ENTITY_TYPES: readonly PiiEntityType[] = [
  'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER',
  'CREDIT_DEBIT_CARD_EXPIRY',
  'CREDIT_DEBIT_CARD_NUMBER',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER',
  'UK_NATIONAL_INSURANCE_NUMBER',
  'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
  'US_BANK_ACCOUNT_NUMBER',
  'US_BANK_ROUTING_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
  'US_PASSPORT_NUMBER',
  'US_SOCIAL_SECURITY_NUMBER',
];

/** Contact details: masked, so a conversation can go on without them. */
const CONTACT_ENTITY_TYPES: readonly PiiEntityType[] = ['EMAIL', 'IP_ADDRESS', 'PHONE'];

/** Contextual grounding checks of retrieval-augmented answers. */
export const GROUNDING_FILTER_TYPES = ['GROUNDING', 'RELEVANCE'] as const;
export type GroundingFilterType = (typeof GROUNDING_FILTER_TYPES)[number];

export interface GuardrailProfile {
  /** One line for the guardrail's description. */
  readonly purpose: string;
  /** Message returned instead of a blocked prompt. */
  readonly blockedInputMessage: string;
  /** Message returned instead of a blocked response. */
  readonly blockedOutputMessage: string;
  /** Content filters; the environment sets their strength. */
  readonly contentFilters: readonly ContentFilterType[];
  /** Action per PII entity type (credentials are added as BLOCK whatever this says). */
  readonly piiEntities: Readonly<Partial<Record<PiiEntityType, SensitiveInformationAction>>>;
  /** Contextual grounding thresholds (0 to 0.99); empty for profiles that do not ground on sources. */
  readonly groundingThresholds: Readonly<Partial<Record<GroundingFilterType, number>>>;
}

const actions = (types: readonly PiiEntityType[], action: SensitiveInformationAction): Partial<Record<PiiEntityType, SensitiveInformationAction>> =>
  Object.fromEntries(types.map((type) => [type, action]));

/** The profiles by the name the config uses. */
export const GUARDRAIL_PROFILES = {
  'general-chat': {
    purpose: 'Conversational assistant: harmful content, prompt attacks, profanity and sensitive data filtered.',
    blockedInputMessage: 'Sorry, this request is outside what this assistant may help with.',
    blockedOutputMessage: 'Sorry, the answer was withheld because it conflicts with the usage policy.',
    contentFilters: CONTENT_FILTER_TYPES,
    piiEntities: { ...actions(IDENTIFIER_ENTITY_TYPES, 'BLOCK'), ...actions(CONTACT_ENTITY_TYPES, 'ANONYMIZE') },
    groundingThresholds: {},
  },
  rag: {
    purpose: 'Retrieval-augmented answers: general-chat filters plus grounding and relevance checks on sources.',
    blockedInputMessage: 'Sorry, this question is outside what this assistant may answer.',
    blockedOutputMessage: 'Sorry, no answer is given because it is not supported by the source documents or conflicts with the usage policy.',
    contentFilters: CONTENT_FILTER_TYPES,
    // Source documents name people and places: mask them rather than refuse the answer.
    piiEntities: { ...actions(IDENTIFIER_ENTITY_TYPES, 'BLOCK'), ...actions([...CONTACT_ENTITY_TYPES, 'ADDRESS', 'NAME'], 'ANONYMIZE') },
    groundingThresholds: { GROUNDING: 0.75, RELEVANCE: 0.5 },
  },
} as const satisfies Record<string, GuardrailProfile>;

export type GuardrailProfileName = keyof typeof GUARDRAIL_PROFILES;
export const GUARDRAIL_PROFILE_NAMES = Object.keys(GUARDRAIL_PROFILES) as [GuardrailProfileName, ...GuardrailProfileName[]];

/** Modes of the selective content guarding of enforced guardrails (account- and organization-level). */
export const SELECTIVE_GUARDING_MODES = ['COMPREHENSIVE', 'SELECTIVE'] as const;
export type SelectiveGuardingMode = (typeof SELECTIVE_GUARDING_MODES)[number];

/** Prefix of the system-defined guardrail profile per cross-region inference geography. */
const GUARDRAIL_PROFILE_GEOGRAPHIES = ['us', 'eu', 'apac'] as const;
export type GuardrailProfileGeography = (typeof GUARDRAIL_PROFILE_GEOGRAPHIES)[number];

export function isGuardrailProfileGeography(geography: string): geography is GuardrailProfileGeography {
  return (GUARDRAIL_PROFILE_GEOGRAPHIES as readonly string[]).includes(geography);
}

/** Id of the system-defined cross-region guardrail profile of a geography, e.g. `us.guardrail.v1:0`. */
export function guardrailProfileId(geography: GuardrailProfileGeography): string {
  return `${geography}.guardrail.v1:0`;
}
