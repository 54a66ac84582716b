/**
 * Every guardrail the baseline synthesizes, for every profile, environment and
 * cross-region mode, against the Bedrock API: each enum value is a member of the matching
 * @aws-sdk/client-bedrock enum, and each text field respects the CreateGuardrail limits
 * (Bedrock API reference: CreateGuardrail, GuardrailTopicConfig, GuardrailWordConfig,
 * GuardrailRegexConfig, GuardrailCrossRegionConfig, GuardrailContextualGroundingFilterConfig).
 */
import {
  GuardrailContentFilterType,
  GuardrailContentFiltersTierName,
  GuardrailContextualGroundingFilterType,
  GuardrailFilterStrength,
  GuardrailManagedWordsType,
  GuardrailPiiEntityType,
  GuardrailSensitiveInformationAction,
  GuardrailTopicType,
  GuardrailTopicsTierName,
  SelectiveGuardingMode,
} from '@aws-sdk/client-bedrock';
import { Testing } from 'cdktf';
import { stackCatalog } from '../../app';
import { loadConfig } from '../../config/load';
import type { BaselineConfig, CrossRegionInferenceMode } from '../../config/schema';
import {
  CONTENT_FILTER_TYPES,
  CREDENTIAL_ENTITY_TYPES,
  FILTER_STRENGTHS,
  GROUNDING_FILTER_TYPES,
  GUARDRAIL_PROFILE_NAMES,
  PII_ENTITY_TYPES,
  SELECTIVE_GUARDING_MODES,
  SENSITIVE_INFORMATION_ACTIONS,
} from '../../guardrails/profiles';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const exampleConfig = withGuardrailEnforcement(loadConfig('config/baseline.yaml'));

const values = (enumObject: Record<string, string>): string[] => Object.values(enumObject);

/** The example organization with every profile in every environment, in one cross-region mode. */
function variant(mode: CrossRegionInferenceMode): BaselineConfig {
  const environments = ['dev', 'test', 'prod'];
  const [template] = exampleConfig.workloadAccounts;
  const workloadAccounts = GUARDRAIL_PROFILE_NAMES.flatMap((profile, p) =>
    environments.map((environment, e) => ({
      ...template!,
      id: `9000000000${p}${e}`,
      name: `${profile}-${environment}`,
      environment,
      ou: exampleConfig.organizationalUnits.find((ou) => ou.environment === environment)!.id,
      guardrailProfile: profile,
      regions: [...exampleConfig.governance.allowedRegions],
    })),
  );
  return { ...exampleConfig, governance: { ...exampleConfig.governance, crossRegionInference: mode }, workloadAccounts };
}

function synthAll(config: BaselineConfig): SynthesizedStack[] {
  const app = Testing.app();
  for (const factory of stackCatalog(config).values()) factory(app);
  return app.node.children.map((stack) => synthStack(stack as Parameters<typeof synthStack>[0]));
}

type Block = Record<string, unknown>;
const blocks = (value: unknown): Block[] => (Array.isArray(value) ? (value as Block[]) : []);

const MODES: CrossRegionInferenceMode[] = ['none', 'geographic', 'global'];
const guardrails = MODES.flatMap((mode) =>
  synthAll(variant(mode)).flatMap((stack) =>
    Object.entries(resourcesOfType(stack, 'aws_bedrock_guardrail')).map(([id, guardrail]) => [`${mode} ${id}`, guardrail] as const),
  ),
);

test('the matrix covers every profile, environment strength and mode, account and organization guardrails', () => {
  const strengths = new Set(
    guardrails.flatMap(([, g]) => blocks(g.content_policy_config).flatMap((c) => blocks(c.filters_config).map((f) => f.input_strength))),
  );
  expect([...strengths].sort()).toEqual(['HIGH', 'MEDIUM']);
  expect(guardrails.some(([id]) => id.includes('organization-guardrail'))).toBe(true);
  expect(guardrails.some(([, g]) => g.contextual_grounding_policy_config !== undefined)).toBe(true);
  expect(guardrails.some(([, g]) => g.cross_region_config !== undefined)).toBe(true);
  expect(guardrails.some(([, g]) => g.cross_region_config === undefined)).toBe(true);
});

describe.each(guardrails)('%s', (_id, guardrail) => {
  test('enum values are members of the Bedrock API enums', () => {
    for (const content of blocks(guardrail.content_policy_config)) {
      for (const filter of blocks(content.filters_config)) {
        expect(values(GuardrailContentFilterType)).toContain(filter.type);
        expect(values(GuardrailFilterStrength)).toContain(filter.input_strength);
        expect(values(GuardrailFilterStrength)).toContain(filter.output_strength);
      }
      for (const tier of blocks(content.tier_config)) expect(values(GuardrailContentFiltersTierName)).toContain(tier.tier_name);
    }
    for (const topics of blocks(guardrail.topic_policy_config)) {
      for (const topic of blocks(topics.topics_config)) expect(values(GuardrailTopicType)).toContain(topic.type);
      for (const tier of blocks(topics.tier_config)) expect(values(GuardrailTopicsTierName)).toContain(tier.tier_name);
    }
    for (const words of blocks(guardrail.word_policy_config)) {
      for (const list of blocks(words.managed_word_lists_config)) expect(values(GuardrailManagedWordsType)).toContain(list.type);
    }
    for (const sensitive of blocks(guardrail.sensitive_information_policy_config)) {
      for (const entity of blocks(sensitive.pii_entities_config)) {
        expect(values(GuardrailPiiEntityType)).toContain(entity.type);
        expect(values(GuardrailSensitiveInformationAction)).toContain(entity.action);
      }
      for (const regex of blocks(sensitive.regexes_config)) expect(values(GuardrailSensitiveInformationAction)).toContain(regex.action);
    }
    for (const grounding of blocks(guardrail.contextual_grounding_policy_config)) {
      for (const filter of blocks(grounding.filters_config)) expect(values(GuardrailContextualGroundingFilterType)).toContain(filter.type);
    }
  });

  test('text fields and numbers respect the API limits', () => {
    expect(String(guardrail.name)).toMatch(/^[0-9a-zA-Z-_]{1,50}$/);
    expect(String(guardrail.description).length).toBeLessThanOrEqual(200);
    expect(String(guardrail.blocked_input_messaging).length).toBeLessThanOrEqual(500);
    expect(String(guardrail.blocked_outputs_messaging).length).toBeLessThanOrEqual(500);
    for (const topics of blocks(guardrail.topic_policy_config)) {
      expect(blocks(topics.topics_config).length).toBeLessThanOrEqual(30);
      for (const topic of blocks(topics.topics_config)) {
        expect(String(topic.name)).toMatch(/^[0-9a-zA-Z-_ !?.]{1,100}$/);
        expect(String(topic.definition).length).toBeLessThanOrEqual(200);
        const examples = (topic.examples as string[] | undefined) ?? [];
        expect(examples.length).toBeLessThanOrEqual(5);
        for (const example of examples) expect(example.length).toBeLessThanOrEqual(100);
      }
    }
    for (const words of blocks(guardrail.word_policy_config)) {
      for (const word of blocks(words.words_config)) expect(String(word.text).length).toBeLessThanOrEqual(100);
    }
    for (const sensitive of blocks(guardrail.sensitive_information_policy_config)) {
      for (const regex of blocks(sensitive.regexes_config)) {
        expect(String(regex.name).length).toBeLessThanOrEqual(100);
        expect(String(regex.pattern).length).toBeLessThanOrEqual(500);
        expect(String(regex.description ?? '').length).toBeLessThanOrEqual(1000);
      }
    }
    for (const grounding of blocks(guardrail.contextual_grounding_policy_config)) {
      for (const filter of blocks(grounding.filters_config)) {
        expect(filter.threshold).toBeGreaterThanOrEqual(0);
        expect(filter.threshold).toBeLessThanOrEqual(0.99);
      }
    }
  });

  test('the cross-region guardrail profile is an ARN, and the STANDARD tier comes only with it', () => {
    const profiles = blocks(guardrail.cross_region_config).map((c) => String(c.guardrail_profile_identifier));
    for (const profile of profiles)
      expect(profile).toMatch(/^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail-profile\/[a-z0-9-]+[.]{1}guardrail[.]{1}v[0-9:]+$/);
    const tiers = [...blocks(guardrail.content_policy_config), ...blocks(guardrail.topic_policy_config)].flatMap((c) =>
      blocks(c.tier_config).map((t) => t.tier_name),
    );
    for (const tier of tiers) expect(tier).toBe(profiles.length > 0 ? 'STANDARD' : 'CLASSIC');
  });

  test('prompt attacks are filtered on input (the API evaluates them on prompts only)', () => {
    const filters = blocks(guardrail.content_policy_config).flatMap((c) => blocks(c.filters_config));
    expect(filters.find((f) => f.type === 'PROMPT_ATTACK')).toMatchObject({ output_strength: 'NONE' });
    expect(filters.find((f) => f.type === 'PROMPT_ATTACK')?.input_strength).not.toBe('NONE');
  });

  test('credentials and secrets are blocked', () => {
    const entities = blocks(guardrail.sensitive_information_policy_config).flatMap((s) => blocks(s.pii_entities_config));
    for (const type of CREDENTIAL_ENTITY_TYPES) expect(entities.find((e) => e.type === type)).toMatchObject({ action: 'BLOCK' });
  });
});

test('the catalog and config vocabularies are subsets of the API enums', () => {
  expect(values(GuardrailContentFilterType)).toEqual(expect.arrayContaining([...CONTENT_FILTER_TYPES]));
  expect(values(GuardrailFilterStrength)).toEqual(expect.arrayContaining([...FILTER_STRENGTHS]));
  expect(values(GuardrailPiiEntityType)).toEqual(expect.arrayContaining([...PII_ENTITY_TYPES]));
  expect(values(GuardrailSensitiveInformationAction)).toEqual(expect.arrayContaining([...SENSITIVE_INFORMATION_ACTIONS]));
  expect(values(GuardrailContextualGroundingFilterType)).toEqual(expect.arrayContaining([...GROUNDING_FILTER_TYPES]));
  expect(values(SelectiveGuardingMode)).toEqual(expect.arrayContaining([...SELECTIVE_GUARDING_MODES]));
});

test('the enforced guardrail configurations use API enum values', () => {
  for (const stack of synthAll(exampleConfig)) {
    for (const enforcement of Object.values(resourcesOfType(stack, 'aws_bedrock_enforced_guardrail_configuration'))) {
      for (const scope of blocks(enforcement.selective_content_guarding)) {
        expect(values(SelectiveGuardingMode)).toContain(scope.messages);
        expect(values(SelectiveGuardingMode)).toContain(scope.system);
      }
    }
  }
});
