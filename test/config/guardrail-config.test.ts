/**
 * Config errors of the guardrail keys: each names the YAML path a person must edit. The
 * organization guardrail identifier gets the strictest check, as a wrong one would break
 * every Bedrock call of the governed accounts.
 */
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { organizationGuardrailIdentifierIssues } from '../../checks/synth-config-checks';
import { parseConfig } from '../../config/load';
import { configProblems } from '../support/config-fixtures';

const exampleText = readFileSync('config/baseline.yaml', 'utf8');
const MANAGEMENT = '111111111111';

/** The example config with `edit` applied to its plain-object form. */
function configWith(edit: (config: Record<string, any>) => void): string {
  const config = parse(exampleText);
  edit(config);
  return stringify(config);
}

/** The problem lines of a config that must fail, the organization guardrail's identifier check included. */
const problemsOf = (text: string) => configProblems(text, [organizationGuardrailIdentifierIssues]);

const identifier = (id: string) => configWith((c) => (c.governance.orgGuardrail.identifiers = { 'us-east-1': id }));

describe('governance.orgGuardrail.identifiers', () => {
  test('a published version of a management-account guardrail in its region is accepted', () => {
    const config = parseConfig(identifier(`arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/abcd1234efgh:3`), 'test.yaml');
    expect(config.governance.orgGuardrail?.identifiers['us-east-1']).toBe(`arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/abcd1234efgh:3`);
  });

  test('the DRAFT (no version) is refused', () => {
    expect(problemsOf(identifier(`arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/abcd1234efgh`))).toEqual([
      `governance.orgGuardrail.identifiers."us-east-1": "arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/abcd1234efgh" names the DRAFT of the guardrail; BEDROCK_POLICY needs a published version (…:guardrail/<id>:<number>)`,
    ]);
  });

  test('an explicit DRAFT version is refused', () => {
    expect(problemsOf(identifier(`arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/abcd1234efgh:DRAFT`))[0]).toContain(
      'names the DRAFT of the guardrail',
    );
  });

  test('a guardrail of another region is refused', () => {
    expect(problemsOf(identifier(`arn:aws:bedrock:us-west-2:${MANAGEMENT}:guardrail/abcd1234efgh:3`))).toEqual([
      `governance.orgGuardrail.identifiers."us-east-1": "arn:aws:bedrock:us-west-2:${MANAGEMENT}:guardrail/abcd1234efgh:3" is a guardrail in us-west-2, but this entry is for us-east-1: Bedrock enforces a guardrail only in its own region`,
    ]);
  });

  test('a guardrail of another account is refused', () => {
    expect(problemsOf(identifier('arn:aws:bedrock:us-east-1:444444444444:guardrail/abcd1234efgh:3'))).toEqual([
      `governance.orgGuardrail.identifiers."us-east-1": "arn:aws:bedrock:us-east-1:444444444444:guardrail/abcd1234efgh:3" belongs to account 444444444444; BEDROCK_POLICY enforces only guardrails of the management account ${MANAGEMENT}`,
    ]);
  });

  test('a guardrail id instead of an ARN is refused', () => {
    expect(problemsOf(identifier('abcd1234efgh'))[0]).toBe(
      'governance.orgGuardrail.identifiers."us-east-1": "abcd1234efgh" is not a guardrail version ARN (arn:aws:bedrock:<region>:<account>:guardrail/<id>:<version>)',
    );
  });

  test('an identifier for a region without organization guardrail is refused', () => {
    const text = configWith((c) => {
      c.governance.orgGuardrail.regions = ['us-east-1'];
      c.governance.orgGuardrail.identifiers = { 'us-west-2': `arn:aws:bedrock:us-west-2:${MANAGEMENT}:guardrail/abcd1234efgh:3` };
    });
    expect(problemsOf(text)).toEqual([
      'governance.orgGuardrail.identifiers."us-west-2": "us-west-2" is not one of the organization guardrail regions (us-east-1)',
    ]);
  });

  test('a region outside governance.allowedRegions is refused', () => {
    expect(problemsOf(configWith((c) => (c.governance.orgGuardrail.regions = ['us-east-1', 'eu-west-1'])))).toEqual([
      'governance.orgGuardrail.regions[1]: "eu-west-1" is not in governance.allowedRegions',
    ]);
  });
});

describe('mandatory tags of the core stacks (coreAccounts.tags)', () => {
  test('a missing tag is named with its allowed values', () => {
    expect(problemsOf(configWith((c) => delete c.coreAccounts.tags.Environment))).toEqual([
      'coreAccounts.tags.Environment: missing mandatory tag Environment (one of dev, test, prod)',
    ]);
  });

  test('a disallowed value is refused', () => {
    expect(problemsOf(configWith((c) => (c.coreAccounts.tags.DataClassification = 'secret')))).toEqual([
      'coreAccounts.tags.DataClassification: "secret" is not one of public, internal, confidential, restricted',
    ]);
  });
});

describe('guardrail content (guardrails:)', () => {
  test('credentials and secrets cannot be anonymized instead of blocked', () => {
    expect(problemsOf(configWith((c) => (c.guardrails.piiEntityActions.AWS_SECRET_KEY = 'ANONYMIZE')))).toEqual([
      'guardrails.piiEntityActions.AWS_SECRET_KEY: "ANONYMIZE" is not allowed: credentials and secrets are always blocked',
    ]);
  });

  test('an unknown PII entity type is refused', () => {
    expect(problemsOf(configWith((c) => (c.guardrails.piiEntityActions.SOCIAL_SECURITY = 'BLOCK')))[0]).toMatch(
      /^guardrails\.piiEntityActions\.SOCIAL_SECURITY: /,
    );
  });

  test('an unknown profile is refused with the catalog', () => {
    expect(problemsOf(configWith((c) => (c.workloadAccounts[0].guardrailProfile = 'coding')))).toEqual([
      'workloadAccounts[0].guardrailProfile: "coding" is not a guardrail profile (one of general-chat, rag)',
    ]);
  });

  test('duplicate topic names are refused', () => {
    const text = configWith((c) => c.guardrails.deniedTopics.push({ ...c.guardrails.deniedTopics[0], name: 'investment ADVICE' }));
    expect(problemsOf(text)).toEqual(['guardrails.deniedTopics[2].name: "investment advice" duplicates the topic at index 0']);
  });

  test('a model id in the wrong shape is refused', () => {
    expect(problemsOf(configWith((c) => (c.workloadAccounts[0].allowedModels = ['Claude Sonnet'])))[0]).toBe(
      'workloadAccounts[0].allowedModels[0]: "Claude Sonnet" is not a foundation-model id (provider.model-name-version, e.g. anthropic.claude-sonnet-4-5-20250929-v1:0)',
    );
  });

  // Limits of the Bedrock API reference (CreateGuardrail and its types), one field at a time.
  const limits: Array<[string, number, (c: Record<string, any>, text: string) => void]> = [
    ['guardrails.deniedTopics[0].name', 100, (c, text) => (c.guardrails.deniedTopics[0].name = text)],
    ['guardrails.deniedTopics[0].definition', 200, (c, text) => (c.guardrails.deniedTopics[0].definition = text)],
    ['guardrails.deniedTopics[0].examples[0]', 100, (c, text) => (c.guardrails.deniedTopics[0].examples[0] = text)],
    ['guardrails.deniedWords[0]', 100, (c, text) => (c.guardrails.deniedWords[0] = text)],
    ['guardrails.sensitiveRegexes[0].name', 100, (c, text) => (c.guardrails.sensitiveRegexes[0].name = text)],
    ['guardrails.sensitiveRegexes[0].pattern', 500, (c, text) => (c.guardrails.sensitiveRegexes[0].pattern = text)],
    ['guardrails.sensitiveRegexes[0].description', 1000, (c, text) => (c.guardrails.sensitiveRegexes[0].description = text)],
    ['guardrails.blockedInputMessage', 500, (c, text) => (c.guardrails.blockedInputMessage = text)],
    ['guardrails.blockedOutputMessage', 500, (c, text) => (c.guardrails.blockedOutputMessage = text)],
  ];

  test.each(limits)('%s: %i characters pass, one more fails', (path, limit, set) => {
    expect(() =>
      parseConfig(
        configWith((c) => set(c, 'a'.repeat(limit))),
        'test.yaml',
      ),
    ).not.toThrow();
    const problems = problemsOf(configWith((c) => set(c, 'a'.repeat(limit + 1))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: .* is ${limit + 1} characters, the API allows ${limit}$`));
  });

  test('at most 5 examples per topic', () => {
    expect(problemsOf(configWith((c) => (c.guardrails.deniedTopics[0].examples = ['a', 'b', 'c', 'd', 'e', 'f'])))).toEqual([
      'guardrails.deniedTopics[0].examples: at most 5 examples per topic',
    ]);
  });
});
