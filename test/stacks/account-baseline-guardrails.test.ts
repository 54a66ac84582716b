/**
 * The guardrail pieces of `baseline-<account>`: per region a key that is never lost, the
 * guardrail, a published version that changes with the content, account-level enforcement
 * of that version (config switch), the outputs applications pin, and the provider release
 * that has the resources the binding lacks.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig, WorkloadAccount } from '../../config/schema';
import { AccountBaselineStack } from '../../stacks/account-baseline';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const config = withGuardrailEnforcement(loadConfig('config/baseline.yaml'));
const multiRegion = config.workloadAccounts.find((account) => account.regions.length === 2)!;

const synth = (account: WorkloadAccount, variant: BaselineConfig = config): SynthesizedStack =>
  synthStack(new AccountBaselineStack(Testing.app(), variant, account));
const withGuardrails = (guardrails: Partial<BaselineConfig['guardrails']>): BaselineConfig => ({
  ...config,
  guardrails: { ...config.guardrails, ...guardrails },
});
const only = (record: Record<string, Record<string, unknown>>, prefix: string): [string, Record<string, unknown>] => {
  const entries = Object.entries(record).filter(([id]) => id.startsWith(prefix));
  expect(entries).toHaveLength(1);
  return entries[0]!;
};

describe.each(multiRegion.regions)('%s', (region) => {
  const stack = synth(multiRegion);
  const prefix = `guardrails-${region}_`;
  const provider = region === multiRegion.regions[0] ? 'aws' : `aws.${region}`;

  test('a rotated key with a deletion window that terraform may never destroy', () => {
    const [keyId, key] = only(resourcesOfType(stack, 'aws_kms_key'), prefix);
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true }, provider });
    const [, guardrail] = only(resourcesOfType(stack, 'aws_bedrock_guardrail'), prefix);
    expect(guardrail.kms_key_arn).toBe(`\${aws_kms_key.${keyId}.arn}`);
  });

  test('a published version that survives its replacement', () => {
    const [guardrailId, guardrail] = only(resourcesOfType(stack, 'aws_bedrock_guardrail'), prefix);
    const [, version] = only(resourcesOfType(stack, 'aws_bedrock_guardrail_version'), prefix);
    expect(guardrail).toMatchObject({ name: `baseline-${multiRegion.guardrailProfile}`, provider });
    expect(version).toMatchObject({ guardrail_arn: `\${aws_bedrock_guardrail.${guardrailId}.guardrail_arn}`, skip_destroy: true, provider });
  });

  test('account-level enforcement of the published version, never of DRAFT', () => {
    const [versionId] = only(resourcesOfType(stack, 'aws_bedrock_guardrail_version'), prefix);
    const [guardrailId] = only(resourcesOfType(stack, 'aws_bedrock_guardrail'), prefix);
    const [, enforcement] = only(resourcesOfType(stack, 'aws_bedrock_enforced_guardrail_configuration'), prefix);
    expect(enforcement).toMatchObject({
      guardrail_identifier: `\${aws_bedrock_guardrail.${guardrailId}.guardrail_arn}`,
      guardrail_version: `\${aws_bedrock_guardrail_version.${versionId}.version}`,
      selective_content_guarding: [{ messages: 'COMPREHENSIVE', system: 'COMPREHENSIVE' }],
      model_enforcement: [{ included_models: ['ALL'], excluded_models: config.guardrails.modelsWithoutGuardrail }],
      provider,
    });
  });

  test('outputs the guardrail ARN and the version to pin', () => {
    const suffix = region.replace(/-/g, '_');
    const [guardrailId] = only(resourcesOfType(stack, 'aws_bedrock_guardrail'), prefix);
    const [versionId] = only(resourcesOfType(stack, 'aws_bedrock_guardrail_version'), prefix);
    expect(stack.json.output).toMatchObject({
      [`guardrail_arn_${suffix}`]: { value: `\${aws_bedrock_guardrail.${guardrailId}.guardrail_arn}` },
      [`guardrail_version_${suffix}`]: { value: `\${aws_bedrock_guardrail_version.${versionId}.version}` },
    });
  });
});

test('the invoke role ARN is an output', () => {
  expect(Object.keys(synth(multiRegion).json.output ?? {})).toContain('guarded_invoke_role_arn');
});

test('a content change publishes a new version; an unrelated change does not', () => {
  const versionDescriptions = (variant: BaselineConfig) =>
    Object.values(resourcesOfType(synth(multiRegion, variant), 'aws_bedrock_guardrail_version')).map((v) => v.description);
  const original = versionDescriptions(config);
  expect(versionDescriptions(withGuardrails({ deniedWords: [...config.guardrails.deniedWords, 'Project Kestrel'] }))).not.toEqual(original);
  expect(versionDescriptions({ ...config, terraformState: { ...config.terraformState, keyPrefix: 'elsewhere' } })).toEqual(original);
});

test('without account enforcement there is no enforced guardrail configuration, and the provider floor suffices', () => {
  const stack = synth(multiRegion, withGuardrails({ accountEnforcement: { ...config.guardrails.accountEnforcement, enabled: false } }));
  expect(resourcesOfType(stack, 'aws_bedrock_enforced_guardrail_configuration')).toEqual({});
  expect(Object.keys(resourcesOfType(stack, 'aws_bedrock_guardrail_version'))).toHaveLength(2);
  expect(stack.json.terraform?.required_providers).toEqual({ aws: { source: 'hashicorp/aws', version: '>= 6.25.0, < 7.0.0' } });
});

test('without cross-region inference the guardrail stays in its region (CLASSIC tier, no profile)', () => {
  const stack = synth(multiRegion, { ...config, governance: { ...config.governance, crossRegionInference: 'none' } });
  for (const guardrail of Object.values(resourcesOfType(stack, 'aws_bedrock_guardrail'))) {
    expect(guardrail.cross_region_config).toBeUndefined();
    expect(guardrail.content_policy_config).toMatchObject([{ tier_config: [{ tier_name: 'CLASSIC' }] }]);
  }
});

test('with account enforcement the stack requires a hashicorp/aws release newer than 6.66.0, which lacks the resource', () => {
  expect(synth(multiRegion).json.terraform?.required_providers).toEqual({ aws: { source: 'hashicorp/aws', version: '> 6.66.0, < 7.0.0' } });
});
