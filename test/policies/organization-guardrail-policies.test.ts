/**
 * The organization-level enforcement documents: the guardrail's resource-based policy
 * (members of the organization may apply it, nobody else), and the BEDROCK_POLICY
 * content against the documented syntax (Organizations user guide, "Amazon Bedrock
 * policy syntax and examples").
 */
import { KNOWN_REGIONS } from '../../config/regions';
import { bedrockPolicyContent, organizationGuardrailIdentifierProblems } from '../../policies/bedrock-policy';
import { organizationGuardrailAccessPolicy } from '../../policies/organization-guardrail-access';
import { referenceProblems } from '../support/iam-reference';
import { simulate, type SimRequest } from '../support/simulate';

const MANAGEMENT = '111111111111';
const ORGANIZATION = 'o-abc123def4';
const GUARDRAIL = `arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/orgguardrail1`;

describe('resource-based policy of the organization guardrail', () => {
  const policy = organizationGuardrailAccessPolicy(GUARDRAIL, ORGANIZATION);
  const apply = (principal: string, orgId?: string): SimRequest => ({
    principal,
    action: 'bedrock:ApplyGuardrail',
    resource: GUARDRAIL,
    resourceAccount: MANAGEMENT,
    context: orgId ? { 'aws:PrincipalOrgID': orgId } : {},
  });

  test('actions and condition keys exist in the Service Authorization Reference', async () => {
    expect(await referenceProblems(policy)).toEqual([]);
  });

  test('a principal of a member account may apply it', async () => {
    expect(await simulate({ resourcePolicy: policy }, apply('arn:aws:iam::444444444444:role/ChatbotApp', ORGANIZATION))).toBe('Allowed');
  });

  test('a principal of another organization may not', async () => {
    expect(await simulate({ resourcePolicy: policy }, apply('arn:aws:iam::999999999999:role/Outsider', 'o-zzz999zzz9'))).not.toBe('Allowed');
  });

  test('a principal outside any organization may not', async () => {
    expect(await simulate({ resourcePolicy: policy }, apply('arn:aws:iam::999999999999:role/Outsider'))).not.toBe('Allowed');
  });

  test('it grants nothing but ApplyGuardrail', async () => {
    const update: SimRequest = { ...apply('arn:aws:iam::444444444444:role/ChatbotApp', ORGANIZATION), action: 'bedrock:UpdateGuardrail' };
    expect(await simulate({ resourcePolicy: policy }, update)).not.toBe('Allowed');
  });
});

/** The documented syntax, as a checker independent of the builder. */
function syntaxProblems(document: unknown): string[] {
  const problems: string[] = [];
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const assigned = (value: unknown, path: string): unknown => {
    if (!isObject(value) || Object.keys(value).join() !== '@@assign') {
      problems.push(`${path}: not {"@@assign": ...}`);
      return undefined;
    }
    return value['@@assign'];
  };
  if (!isObject(document) || Object.keys(document).join() !== 'bedrock') return ['top level: only "bedrock"'];
  const bedrock = document.bedrock;
  if (!isObject(bedrock) || Object.keys(bedrock).join() !== 'guardrail_inference') return ['bedrock: only "guardrail_inference"'];
  const inference = bedrock.guardrail_inference;
  if (!isObject(inference)) return ['guardrail_inference: not an object'];
  for (const [region, configs] of Object.entries(inference)) {
    if (!KNOWN_REGIONS.includes(region)) problems.push(`${region}: not a region`);
    if (!isObject(configs)) {
      problems.push(`${region}: not an object`);
      continue;
    }
    for (const [name, settings] of Object.entries(configs)) {
      const at = `${region}.${name}`;
      if (!isObject(settings)) {
        problems.push(`${at}: not an object`);
        continue;
      }
      for (const key of Object.keys(settings)) {
        if (!['identifier', 'selective_content_guarding', 'model_enforcement'].includes(key)) problems.push(`${at}.${key}: not in the syntax`);
      }
      const identifier = assigned(settings.identifier, `${at}.identifier`);
      if (
        typeof identifier !== 'string' ||
        !new RegExp(`^arn:aws:bedrock:${region}:[0-9]{12}:guardrail/[a-z0-9]+:[1-9][0-9]{0,7}$`).test(identifier)
      ) {
        problems.push(`${at}.identifier: ${String(identifier)} is not a numeric version of a guardrail in ${region}`);
      }
      const guarding = settings.selective_content_guarding;
      if (guarding !== undefined) {
        for (const part of ['system', 'messages']) {
          const mode = isObject(guarding) ? assigned(guarding[part], `${at}.selective_content_guarding.${part}`) : undefined;
          if (!['selective', 'comprehensive'].includes(String(mode))) problems.push(`${at}.selective_content_guarding.${part}: ${String(mode)}`);
        }
      }
      const models = settings.model_enforcement;
      if (models !== undefined) {
        for (const part of ['included_models', 'excluded_models']) {
          const list = isObject(models) ? assigned(models[part], `${at}.model_enforcement.${part}`) : undefined;
          const valid =
            Array.isArray(list) && list.every((model) => model === 'ALL' || /^[a-z0-9-]{1,63}[.][a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/.test(model));
          if (!valid) problems.push(`${at}.model_enforcement.${part}: ${JSON.stringify(list)}`);
        }
      }
    }
  }
  return problems;
}

describe('BEDROCK_POLICY content', () => {
  const entries = [
    { region: 'us-west-2', identifier: `arn:aws:bedrock:us-west-2:${MANAGEMENT}:guardrail/orgguardrail2:4` },
    { region: 'us-east-1', identifier: `${GUARDRAIL}:12` },
  ];

  test('follows the documented syntax, with and without model exclusions', () => {
    for (const excludedModels of [[], ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3']]) {
      const content = bedrockPolicyContent(entries, { systemPrompts: 'SELECTIVE', messages: 'COMPREHENSIVE', excludedModels });
      expect(syntaxProblems(JSON.parse(JSON.stringify(content)))).toEqual([]);
    }
  });

  test('the checker catches a DRAFT and a wrong-region identifier', () => {
    const draft = bedrockPolicyContent([{ region: 'us-east-1', identifier: GUARDRAIL }], {
      systemPrompts: 'COMPREHENSIVE',
      messages: 'COMPREHENSIVE',
      excludedModels: [],
    });
    const wrongRegion = bedrockPolicyContent([{ region: 'us-west-2', identifier: `${GUARDRAIL}:1` }], {
      systemPrompts: 'COMPREHENSIVE',
      messages: 'COMPREHENSIVE',
      excludedModels: [],
    });
    expect(syntaxProblems(draft)).toHaveLength(1);
    expect(syntaxProblems(wrongRegion)).toHaveLength(1);
  });

  test('is deterministic: regions and models in order whatever the input order', () => {
    const scope = { systemPrompts: 'COMPREHENSIVE', messages: 'COMPREHENSIVE', excludedModels: ['b.model-v1:0', 'a.model-v1:0'] } as const;
    expect(JSON.stringify(bedrockPolicyContent(entries, scope))).toBe(JSON.stringify(bedrockPolicyContent([...entries].reverse(), scope)));
    expect(Object.keys(bedrockPolicyContent(entries, scope).bedrock.guardrail_inference)).toEqual(['us-east-1', 'us-west-2']);
  });
});

describe('organization guardrail identifier check', () => {
  test.each([
    [`${GUARDRAIL}:1`, 'us-east-1', 0],
    [`${GUARDRAIL}:99999999`, 'us-east-1', 0],
    [GUARDRAIL, 'us-east-1', 1],
    [`${GUARDRAIL}:DRAFT`, 'us-east-1', 1],
    [`${GUARDRAIL}:0`, 'us-east-1', 1],
    [`${GUARDRAIL}:1`, 'us-west-2', 1],
    [`arn:aws:bedrock:us-east-1:444444444444:guardrail/orgguardrail1:1`, 'us-east-1', 1],
    [`arn:aws:bedrock:us-west-2:444444444444:guardrail/orgguardrail1`, 'us-east-1', 3],
    ['orgguardrail1', 'us-east-1', 1],
  ])('%s in %s: %i problem(s)', (identifier, region, count) => {
    expect(organizationGuardrailIdentifierProblems(identifier, region, MANAGEMENT)).toHaveLength(count);
  });
});
