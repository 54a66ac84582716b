/**
 * The shipped red-team corpus covers what the shipped guardrails handle: every PII
 * entity type of every catalog profile, and every denied topic of the example config,
 * as the guardrail specs of every workload account and region resolve them.
 */
import { builtinCorpus, coverageGaps } from '../../../cli/redteam/corpus';
import { loadConfig } from '../../../config/load';
import { accountGuardrailSpec } from '../../../guardrails/spec';
import { GUARDRAIL_PROFILE_NAMES } from '../../../guardrails/profiles';

const config = loadConfig('config/baseline.yaml');
const specs = config.workloadAccounts.flatMap((account) =>
  account.regions.map((region) => [`${account.name} ${region}`, accountGuardrailSpec(config, account, region)] as const),
);
const corpus = builtinCorpus();

test('the example config uses every guardrail profile of the catalog', () => {
  expect(new Set(config.workloadAccounts.map((account) => account.guardrailProfile))).toEqual(new Set(GUARDRAIL_PROFILE_NAMES));
});

test.each(specs)('%s: every PII entity and denied topic of its guardrail has a must-block probe', (_where, spec) => {
  const gaps = coverageGaps(corpus.probes, {
    piiEntityTypes: spec.piiEntities.map((entity) => entity.type),
    deniedTopicNames: spec.deniedTopics.map((topic) => topic.name),
  });
  expect(gaps).toEqual({ piiEntityTypes: [], deniedTopicNames: [] });
  expect(spec.piiEntities.length).toBeGreaterThan(0);
  expect(spec.deniedTopics.length).toBeGreaterThan(0);
});
