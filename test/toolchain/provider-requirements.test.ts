/**
 * The hashicorp/aws releases each stack accepts, checked against the two provider
 * bindings on disk: the floor is the release the cdktf binding was generated from, the
 * opt-in resources are in neither binding, and a stack asks for more than the floor
 * exactly when it holds one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/load';
import {
  AWS_PROVIDER_FLOOR,
  AWS_PROVIDER_SOURCE,
  awsProviderConstraint,
  NEWEST_CHECKED_AWS_PROVIDER,
  OPT_IN_PROVIDER_REQUIREMENTS,
} from '../../toolchain/provider-requirements';
import { withGuardrailEnforcement } from '../support/config-fixtures';
import { synthAllStacks } from '../support/synth';

const BINDINGS = { cdktf: '@cdktf/provider-aws', cdktn: '@cdktn/provider-aws' } as const;
const bindingRelease = (binding: string): string => JSON.parse(readFileSync(join('node_modules', binding, 'package.json'), 'utf8')).cdktf.provider.version;
/** Prebuilt bindings have one folder per resource type under lib/, named without `aws_` and with dashes. */
const bindingHas = (binding: string, resourceType: string): boolean => existsSync(join('node_modules', binding, 'lib', resourceType.replace(/^aws_/, '').replace(/_/g, '-')));

test('the floor is the release of the cdktf binding, and the newest checked release that of the cdktn binding', () => {
  expect(bindingRelease(BINDINGS.cdktf)).toBe(AWS_PROVIDER_FLOOR);
  expect(bindingRelease(BINDINGS.cdktn)).toBe(NEWEST_CHECKED_AWS_PROVIDER);
});

test.each(OPT_IN_PROVIDER_REQUIREMENTS.map((requirement) => [requirement.resourceType, requirement] as const))('%s is in neither binding', (resourceType, requirement) => {
  expect(bindingHas(BINDINGS.cdktf, 'aws_bedrock_guardrail')).toBe(true); // the lookup finds resources that exist
  expect(bindingHas(BINDINGS.cdktf, resourceType)).toBe(false);
  expect(bindingHas(BINDINGS.cdktn, resourceType)).toBe(false);
  expect(requirement.missingIn).toBe(NEWEST_CHECKED_AWS_PROVIDER);
});

test('constraints: the floor without opt-in resources, newer than the release known to lack them with one', () => {
  expect(awsProviderConstraint()).toBe('>= 6.25.0, < 7.0.0');
  expect(awsProviderConstraint(['aws_bedrock_guardrail_resource_policy'])).toBe('> 6.66.0, < 7.0.0');
  expect(awsProviderConstraint(OPT_IN_PROVIDER_REQUIREMENTS.map((requirement) => requirement.resourceType))).toBe('> 6.66.0, < 7.0.0');
  expect(() => awsProviderConstraint(['aws_s3_bucket'])).toThrow('aws_s3_bucket has no entry in OPT_IN_PROVIDER_REQUIREMENTS');
});

const RAISED = '> 6.66.0, < 7.0.0';
const FLOOR = '>= 6.25.0, < 7.0.0';
const exampleStacks = synthAllStacks(loadConfig('config/baseline.yaml'));
const enforcedStacks = synthAllStacks(withGuardrailEnforcement(loadConfig('config/baseline.yaml')));
const requiredAws = (name: string, stacks: typeof exampleStacks) => stacks.get(name)!.json.terraform?.required_providers;

describe.each([
  ['the example config (both features off)', exampleStacks],
  ['account enforcement and the organization guardrail on', enforcedStacks],
])('%s', (_name, stacks) => {
  test.each([...stacks.keys()])('%s requires hashicorp/aws from the floor, or past 6.66.0 only if it holds an opt-in resource', (name) => {
    const resources = stacks.get(name)!.json.resource ?? {};
    const holdsOptIn = OPT_IN_PROVIDER_REQUIREMENTS.some((requirement) => Object.keys(resources[requirement.resourceType] ?? {}).length > 0);
    expect(requiredAws(name, stacks)).toEqual({ aws: { source: AWS_PROVIDER_SOURCE, version: holdsOptIn ? RAISED : FLOOR } });
  });
});

test('with both features on, the organization stack and every workload account ask for more; without, none does', () => {
  const raised = (stacks: typeof exampleStacks) => [...stacks.keys()].filter((name) => (requiredAws(name, stacks) as { aws: { version: string } }).aws.version === RAISED);
  expect(raised(enforcedStacks)).toEqual([...enforcedStacks.keys()].filter((name) => name === 'org-governance' || name.startsWith('baseline-')));
  expect(raised(exampleStacks)).toEqual([]);
});

test.each(OPT_IN_PROVIDER_REQUIREMENTS.map((requirement) => [requirement.resourceType, requirement] as const))('%s: on exactly when a stack holds it, with the arguments listed', (resourceType, requirement) => {
  for (const [config, stacks] of [
    [loadConfig('config/baseline.yaml'), exampleStacks],
    [withGuardrailEnforcement(loadConfig('config/baseline.yaml')), enforcedStacks],
  ] as const) {
    const resources = [...stacks.values()].flatMap((stack) => Object.values(stack.json.resource?.[resourceType] ?? {}));
    expect(requirement.enabledIn(config)).toBe(resources.length > 0);
    for (const resource of resources) {
      const argumentsEmitted = Object.keys(resource).filter((key) => !['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each'].includes(key));
      expect(new Set([...argumentsEmitted, ...requirement.arguments])).toEqual(new Set(requirement.arguments));
    }
  }
});
