import { readFileSync } from 'node:fs';
import { GuardrailContentFilterType, GuardrailPiiEntityType } from '@aws-sdk/client-bedrock';
import * as runtime from '@aws-sdk/client-bedrock-runtime';
import {
  BUILTIN_CORPUS_FILE,
  builtinCorpus,
  CATEGORY_TARGETS,
  corpusIdentity,
  coverageGaps,
  CorpusSchema,
  PROBE_CATEGORIES,
  selectProbes,
  type Probe,
} from '../../../cli/redteam/corpus';
import { CORPUS_SCHEMA_FILE, corpusJsonSchema, REPORT_SCHEMA_FILE, reportJsonSchema } from '../../../cli/redteam/json-schemas';

const corpus = builtinCorpus();
const raw = JSON.parse(readFileSync(BUILTIN_CORPUS_FILE, 'utf8'));

describe('the built-in corpus is versioned data', () => {
  test('every probe has a category, an expected outcome and a target that fits the category', () => {
    // Parsing the raw file (not the imported module) shows the data itself carries every field.
    for (const probe of raw.probes) {
      expect(PROBE_CATEGORIES).toContain(probe.category);
      expect(['must-block', 'must-pass']).toContain(probe.expected);
      expect(CATEGORY_TARGETS[probe.category as Probe['category']]).toContain(probe.target.element);
    }
    expect(CorpusSchema.safeParse(raw).success).toBe(true);
  });

  test('covers every category, with clean controls on both sides of the guardrail', () => {
    for (const category of PROBE_CATEGORIES) expect(corpus.probes.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(3);
    const clean = corpus.probes.filter((p) => p.category === 'clean-control');
    expect(clean.every((p) => p.expected === 'must-pass')).toBe(true);
    expect(new Set(clean.map((p) => p.source))).toEqual(new Set(['INPUT', 'OUTPUT']));
  });

  test('probe ids and texts are unique', () => {
    expect(new Set(corpus.probes.map((p) => p.id)).size).toBe(corpus.probes.length);
    expect(new Set(corpus.probes.map((p) => p.text)).size).toBe(corpus.probes.length);
  });

  test('the file name carries the major version, and the released digest of this version matches its probes', () => {
    expect(BUILTIN_CORPUS_FILE).toBe(`redteam/corpus/v${corpus.version.split('.')[0]}.json`);
    const releases = JSON.parse(readFileSync('redteam/corpus/releases.json', 'utf8'));
    // Changing a probe without bumping the version (and adding a release line) fails here.
    expect(releases[corpus.name]?.[corpus.version]).toBe(corpusIdentity(corpus).sha256);
  });

  test('the digest changes when any probe changes, and not when probes are reordered', () => {
    const base = corpusIdentity(corpus).sha256;
    const edited = { ...corpus, probes: corpus.probes.map((p, i) => (i === 0 ? { ...p, text: `${p.text} ` } : p)) };
    expect(corpusIdentity(edited).sha256).not.toBe(base);
    expect(corpusIdentity({ ...corpus, probes: [...corpus.probes].reverse() }).sha256).toBe(base);
  });

  test('the published JSON Schemas are generated from the current zod schemas (run write-schemas)', () => {
    expect(readFileSync(CORPUS_SCHEMA_FILE, 'utf8')).toBe(corpusJsonSchema());
    expect(readFileSync(REPORT_SCHEMA_FILE, 'utf8')).toBe(reportJsonSchema());
    expect(raw.$schema).toBe('../corpus.schema.json');
  });
});

describe('enum values come from the AWS SDK', () => {
  test('the runtime and control-plane clients agree on PII entity types and content filters', () => {
    // Profiles are built with the control-plane enum, probes are judged with the runtime one.
    expect(Object.values(runtime.GuardrailPiiEntityType).sort()).toEqual(Object.values(GuardrailPiiEntityType).sort());
    expect(Object.values(runtime.GuardrailContentFilterType).sort()).toEqual(Object.values(GuardrailContentFilterType).sort());
  });
});

describe('coverage of the guardrail profiles', () => {
  test('a must-block probe targets every PII entity type Bedrock knows', () => {
    expect(coverageGaps(corpus.probes, { piiEntityTypes: Object.values(GuardrailPiiEntityType), deniedTopicNames: [] }).piiEntityTypes).toEqual([]);
  });

  test("the article's denied topic is covered, however it is spelled", () => {
    expect(coverageGaps(corpus.probes, { piiEntityTypes: [], deniedTopicNames: ['Legal advice', 'legal-advice', 'LegalAdvice'] })).toEqual({
      piiEntityTypes: [],
      deniedTopicNames: [],
    });
  });

  test('reports what is missing, counting only must-block probes', () => {
    const withoutEmail = corpus.probes.filter((p) => !(p.target.element === 'piiEntity' && p.target.name === 'EMAIL'));
    const emailOnlyMustPass = [...withoutEmail, { ...corpus.probes.find((p) => p.id === 'pii-email')!, expected: 'must-pass' as const }];
    expect(coverageGaps(emailOnlyMustPass, { piiEntityTypes: ['EMAIL', 'PHONE'], deniedTopicNames: ['Legal advice', 'Tax advice'] })).toEqual({
      piiEntityTypes: ['EMAIL'],
      deniedTopicNames: ['Tax advice'],
    });
  });
});

describe('probe selection', () => {
  test('with no selection every probe runs', () => {
    expect(selectProbes(corpus.probes, {})).toHaveLength(corpus.probes.length);
  });

  test('PII and topic filters only narrow their own kind of probe', () => {
    const selected = selectProbes(corpus.probes, { piiEntityTypes: ['NAME'], deniedTopicNames: ['Medical advice'] });
    expect(selected.filter((p) => p.category === 'pii').map((p) => p.id)).toEqual(['pii-name']);
    expect(
      selected
        .filter((p) => p.category === 'denied-topic')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['denied-topic-medical-diagnosis', 'denied-topic-medical-dosage']);
    expect(selected.filter((p) => p.category === 'jailbreak')).toHaveLength(corpus.probes.filter((p) => p.category === 'jailbreak').length);
  });
});
