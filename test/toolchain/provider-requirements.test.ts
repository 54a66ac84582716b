/**
 * The hashicorp/aws releases each stack accepts, checked against the two provider
 * bindings on disk: the floor is the release the cdktf binding was generated from, the
 * opt-in resources are in neither binding, the opt-in argument values are GuardDuty feature
 * names of the AWS SDK that bound resources carry, and a stack asks for more than the floor
 * exactly when it holds one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectorFeature, OrgFeature } from '@aws-sdk/client-guardduty';
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import { SecurityAuditStack } from '../../stacks/security-audit';
import {
  AWS_PROVIDER_FLOOR,
  AWS_PROVIDER_SOURCE,
  awsProviderConstraint,
  NEWEST_CHECKED_AWS_PROVIDER,
  OPT_IN_PROVIDER_REQUIREMENTS,
  optInRequirementKey,
  type OptInProviderRequirement,
} from '../../toolchain/provider-requirements';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { synthAllStacks, synthStack, type SynthesizedStack } from '../support/synth';

const BINDINGS = { cdktf: '@cdktf/provider-aws', cdktn: '@cdktn/provider-aws' } as const;
const bindingRelease = (binding: string): string =>
  JSON.parse(readFileSync(join('node_modules', binding, 'package.json'), 'utf8')).cdktf.provider.version;
/** Prebuilt bindings have one folder per resource type under lib/, named without `aws_` and with dashes. */
const bindingHas = (binding: string, resourceType: string): boolean =>
  existsSync(join('node_modules', binding, 'lib', resourceType.replace(/^aws_/, '').replace(/_/g, '-')));

test('the floor is the release of the cdktf binding, and the newest checked release that of the cdktn binding', () => {
  expect(bindingRelease(BINDINGS.cdktf)).toBe(AWS_PROVIDER_FLOOR);
  expect(bindingRelease(BINDINGS.cdktn)).toBe(NEWEST_CHECKED_AWS_PROVIDER);
});

const unbound = OPT_IN_PROVIDER_REQUIREMENTS.filter((requirement) => requirement.reason.kind === 'unbound-resource');
const argumentValues = OPT_IN_PROVIDER_REQUIREMENTS.filter((requirement) => requirement.reason.kind === 'argument-value');

test.each(unbound.map((requirement) => [requirement.resourceType, requirement] as const))('%s is in neither binding', (resourceType, requirement) => {
  expect(bindingHas(BINDINGS.cdktf, 'aws_bedrock_guardrail')).toBe(true); // the lookup finds resources that exist
  expect(bindingHas(BINDINGS.cdktf, resourceType)).toBe(false);
  expect(bindingHas(BINDINGS.cdktn, resourceType)).toBe(false);
  expect(requirement.missingIn).toBe(NEWEST_CHECKED_AWS_PROVIDER);
  expect(requirement.firstIn).toBeUndefined();
});

test.each(argumentValues.map((requirement) => [optInRequirementKey(requirement), requirement] as const))(
  '%s: a bound resource, a value of the SDK enum the provider validates against, a first release newer than the floor',
  (_key, requirement) => {
    expect(bindingHas(BINDINGS.cdktf, requirement.resourceType)).toBe(true);
    expect(bindingHas(BINDINGS.cdktn, requirement.resourceType)).toBe(true);
    const reason = requirement.reason as Extract<OptInProviderRequirement['reason'], { kind: 'argument-value' }>;
    // aws_guardduty_organization_configuration_feature validates `name` against OrgFeature, aws_guardduty_detector_feature against DetectorFeature.
    const sdkEnum = requirement.resourceType === 'aws_guardduty_organization_configuration_feature' ? OrgFeature : DetectorFeature;
    expect(Object.values(sdkEnum)).toContain(reason.value);
    expect(requirement.missingIn).toBe(AWS_PROVIDER_FLOOR);
    expect(requirement.firstIn).toBe('6.56.0');
  },
);

test('constraints: the floor without opt-in requirements, the strictest bound with some', () => {
  const aiProtection = optInRequirementKey(argumentValues[0]!);
  expect(awsProviderConstraint()).toBe('>= 6.25.0, < 7.0.0');
  expect(awsProviderConstraint(['aws_bedrock_guardrail_resource_policy'])).toBe('> 6.66.0, < 7.0.0');
  expect(awsProviderConstraint([aiProtection])).toBe('>= 6.56.0, < 7.0.0');
  expect(awsProviderConstraint([aiProtection, 'aws_bedrock_guardrail_resource_policy'])).toBe('> 6.66.0, < 7.0.0');
  expect(awsProviderConstraint(OPT_IN_PROVIDER_REQUIREMENTS.map(optInRequirementKey))).toBe('> 6.66.0, < 7.0.0');
  expect(() => awsProviderConstraint(['aws_s3_bucket'])).toThrow('aws_s3_bucket has no entry in OPT_IN_PROVIDER_REQUIREMENTS');
  expect(() => awsProviderConstraint(['aws_guardduty_detector_feature:name=S3_DATA_EVENTS'])).toThrow('has no entry');
});

/** The resources of `requirement` a stack holds: every one of an unbound type, those with the value of a bound one. */
function heldResources(stack: SynthesizedStack, requirement: OptInProviderRequirement): Array<Record<string, unknown>> {
  const resources = Object.values(stack.json.resource?.[requirement.resourceType] ?? {}) as Array<Record<string, unknown>>;
  const { reason } = requirement;
  return reason.kind === 'unbound-resource' ? resources : resources.filter((resource) => resource[reason.argument] === reason.value);
}

const exampleStacks = synthAllStacks(loadConfig('config/baseline.yaml'));
const enforcedStacks = synthAllStacks(withGuardrailEnforcement(loadConfig('config/baseline.yaml')));
const requiredAws = (stack: SynthesizedStack) => stack.json.terraform?.required_providers;

describe.each([
  ['the example config (enforcements off, AI Protection on)', exampleStacks],
  ['account enforcement and the organization guardrail on', enforcedStacks],
])('%s', (_name, stacks) => {
  test.each([...stacks.keys()])('%s requires hashicorp/aws from the floor, raised exactly by the opt-in requirements it holds', (name) => {
    const stack = stacks.get(name)!;
    const held = OPT_IN_PROVIDER_REQUIREMENTS.filter((requirement) => heldResources(stack, requirement).length > 0).map(optInRequirementKey);
    expect(requiredAws(stack)).toEqual({ aws: { source: AWS_PROVIDER_SOURCE, version: awsProviderConstraint(held) } });
  });
});

test('who asks for more: security-audit for AI Protection always; with both enforcements the organization stack and every workload account past 6.66.0', () => {
  const versions = (stacks: typeof exampleStacks) =>
    Object.fromEntries([...stacks].map(([name, stack]) => [name, (requiredAws(stack) as { aws: { version: string } }).aws.version]));
  const expected = (enforced: boolean) =>
    Object.fromEntries(
      [...exampleStacks.keys()].map((name) => [
        name,
        name === 'security-audit'
          ? '>= 6.56.0, < 7.0.0'
          : enforced && (name === 'org-governance' || name.startsWith('baseline-'))
            ? '> 6.66.0, < 7.0.0'
            : '>= 6.25.0, < 7.0.0',
      ]),
    );
  expect(versions(exampleStacks)).toEqual(expected(false));
  expect(versions(enforcedStacks)).toEqual(expected(true));
});

test('without AI Protection the security-audit stack keeps the floor', () => {
  const example = loadConfig('config/baseline.yaml');
  const stack = synthStack(
    new SecurityAuditStack(Testing.app(), {
      ...example,
      detection: { ...example.detection, guardDuty: { ...example.detection.guardDuty, aiProtection: false } },
    }),
  );
  expect(requiredAws(stack)).toEqual({ aws: { source: AWS_PROVIDER_SOURCE, version: '>= 6.25.0, < 7.0.0' } });
  expect(stack.text).not.toContain('AI_PROTECTION');
});

test.each(OPT_IN_PROVIDER_REQUIREMENTS.map((requirement) => [optInRequirementKey(requirement), requirement] as const))(
  '%s: on exactly when a stack holds it, with the arguments listed',
  (_key, requirement) => {
    for (const [config, stacks] of [
      [loadConfig('config/baseline.yaml'), exampleStacks],
      [withGuardrailEnforcement(loadConfig('config/baseline.yaml')), enforcedStacks],
    ] as const) {
      const resources = [...stacks.values()].flatMap((stack) => heldResources(stack, requirement));
      expect(requirement.enabledIn(config)).toBe(resources.length > 0);
      for (const resource of resources) {
        const argumentsEmitted = Object.keys(resource).filter(
          (key) => !['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each'].includes(key),
        );
        expect(new Set([...argumentsEmitted, ...requirement.arguments])).toEqual(new Set(requirement.arguments));
      }
    }
  },
);
