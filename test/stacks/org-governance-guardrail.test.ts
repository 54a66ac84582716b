/**
 * Organization-level enforcement in `org-governance`: a management-account guardrail per
 * region with its published version, the resource-based policies members need to apply it,
 * the BEDROCK_POLICY naming each region's version, enabled on the root and attached to
 * every governed OU; and nothing of it without governance.orgGuardrail.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { enforcementScope } from '../../guardrails/spec';
import { bedrockPolicyContent } from '../../policies/bedrock-policy';
import { fromTerraformString } from '../../policies/document';
import { organizationGuardrailAccessPolicy } from '../../policies/organization-guardrail-access';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { policyAttribute, referencedId, resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const config = withGuardrailEnforcement(loadConfig('config/baseline.yaml'));
const orgGuardrail = config.governance.orgGuardrail!;
const MANAGEMENT = config.organization.managementAccountId;
const ADOPTED = `arn:aws:bedrock:us-west-2:${MANAGEMENT}:guardrail/adopted0guard:5`;

const synth = (variant: BaselineConfig): SynthesizedStack => synthStack(new OrgGovernanceStack(Testing.app(), variant));
const bedrockPolicies = (stack: SynthesizedStack) =>
  Object.entries(resourcesOfType(stack, 'aws_organizations_policy')).filter(([, policy]) => policy.type === 'BEDROCK_POLICY');
const providerOf = (region: string) => (region === config.organization.homeRegion ? 'aws' : `aws.${region}`);

describe('with governance.orgGuardrail', () => {
  const stack = synth(config);
  const guardrails = resourcesOfType(stack, 'aws_bedrock_guardrail');
  const versions = resourcesOfType(stack, 'aws_bedrock_guardrail_version');
  const guardrailIdIn = (region: string) => Object.keys(guardrails).find((id) => id.includes(`guardrail-${region}_`))!;
  const versionIdIn = (region: string) => Object.keys(versions).find((id) => id.includes(`guardrail-${region}_`))!;

  test('one management-account guardrail and published version per region, each with its own provider', () => {
    expect(Object.keys(guardrails)).toHaveLength(orgGuardrail.regions!.length);
    for (const region of orgGuardrail.regions!) {
      expect(guardrails[guardrailIdIn(region)]).toMatchObject({ name: `org-baseline-${orgGuardrail.profile}`, provider: providerOf(region) });
      expect(guardrails[guardrailIdIn(region)]?.kms_key_arn).toBeUndefined();
      expect(versions[versionIdIn(region)]).toMatchObject({ skip_destroy: true, provider: providerOf(region) });
    }
    expect((stack.json.provider?.aws as Array<{ region: string }>).map((provider) => provider.region)).toEqual(orgGuardrail.regions);
  });

  test('the BEDROCK_POLICY names the published version of each region and its enforcement scope', () => {
    const [[, policy]] = bedrockPolicies(stack) as [[string, Record<string, unknown>]];
    const entries = orgGuardrail.regions!.map((region) => ({
      region,
      identifier: `\${aws_bedrock_guardrail.${guardrailIdIn(region)}.guardrail_arn}:\${aws_bedrock_guardrail_version.${versionIdIn(region)}.version}`,
    }));
    expect(fromTerraformString(String(policy.content))).toEqual(bedrockPolicyContent(entries, enforcementScope(config, orgGuardrail)));
  });

  test('members may apply each guardrail and its guardrail profile before the policy enforces it', () => {
    const accessPolicies = resourcesOfType(stack, 'aws_bedrock_guardrail_resource_policy');
    const [[, policy]] = bedrockPolicies(stack) as [[string, Record<string, unknown>]];
    expect(policy.depends_on).toEqual(expect.arrayContaining(Object.keys(accessPolicies).map((id) => `aws_bedrock_guardrail_resource_policy.${id}`)));
    const byResource = Object.fromEntries(Object.values(accessPolicies).map((access) => [String(access.resource_arn), access]));
    for (const region of orgGuardrail.regions!) {
      const guardrailArn = `\${aws_bedrock_guardrail.${guardrailIdIn(region)}.guardrail_arn}`;
      const profileArn = `arn:aws:bedrock:${region}:${MANAGEMENT}:guardrail-profile/us.guardrail.v1:0`;
      for (const resourceArn of [guardrailArn, profileArn]) {
        expect(byResource[resourceArn]).toMatchObject({ provider: providerOf(region) });
        expect(policyAttribute(byResource[resourceArn]!, 'policy')).toEqual(organizationGuardrailAccessPolicy(resourceArn, config.organization.id));
      }
    }
  });

  test('BEDROCK_POLICY is enabled on the root and attached to every governed OU', () => {
    expect(resourcesOfType(stack, 'aws_organizations_organization').organization?.enabled_policy_types).toEqual([
      'BEDROCK_POLICY',
      'SERVICE_CONTROL_POLICY',
      'TAG_POLICY',
    ]);
    const [[policyId, policy]] = bedrockPolicies(stack) as [[string, Record<string, unknown>]];
    expect(policy.depends_on).toContain('aws_organizations_organization.organization');
    const targets = Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))
      .filter((attachment) => referencedId(attachment.policy_id, 'aws_organizations_policy') === policyId)
      .map((attachment) => attachment.target_id);
    expect(targets.sort()).toEqual(config.organizationalUnits.map((ou) => ou.id).sort());
  });
});

test('an adopted identifier is enforced as given, and no guardrail is created in its region', () => {
  const adopted: BaselineConfig = {
    ...config,
    governance: { ...config.governance, orgGuardrail: { ...orgGuardrail, identifiers: { 'us-west-2': ADOPTED } } },
  };
  const stack = synth(adopted);
  expect(Object.values(resourcesOfType(stack, 'aws_bedrock_guardrail')).map((guardrail) => guardrail.provider)).toEqual(['aws']);
  const [[, policy]] = bedrockPolicies(stack) as [[string, Record<string, unknown>]];
  const content = fromTerraformString(String(policy.content)) as unknown as ReturnType<typeof bedrockPolicyContent>;
  expect(content.bedrock.guardrail_inference['us-west-2']?.config_1?.identifier).toEqual({ '@@assign': ADOPTED });
  const accessTo = Object.values(resourcesOfType(stack, 'aws_bedrock_guardrail_resource_policy')).map((access) => access.resource_arn);
  expect(accessTo).toContain(ADOPTED.replace(/:5$/, ''));
});

test('without governance.orgGuardrail: no BEDROCK_POLICY, no guardrail, one region (GuardDuty off too)', () => {
  const { orgGuardrail: _omitted, ...governance } = config.governance;
  const stack = synth({ ...config, governance, detection: { ...config.detection, guardDuty: { ...config.detection.guardDuty, enabled: false } } });
  expect(bedrockPolicies(stack)).toEqual([]);
  expect(resourcesOfType(stack, 'aws_bedrock_guardrail')).toEqual({});
  expect(resourcesOfType(stack, 'aws_organizations_organization').organization?.enabled_policy_types).toEqual([
    'SERVICE_CONTROL_POLICY',
    'TAG_POLICY',
  ]);
  expect(stack.json.provider?.aws).toHaveLength(1);
});
