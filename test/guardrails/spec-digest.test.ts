/**
 * The digest in a guardrail version's description decides when a new version is
 * published: a different value for the same content would publish a new version in
 * every account. These are the digests of the example config's guardrails as deployed.
 */
import { loadConfig } from '../../config/load';
import { accountGuardrailSpec, organizationGuardrailRegions, organizationGuardrailSpec, specDigest, type GuardrailSpec } from '../../guardrails/spec';
import { EXAMPLE_CONFIG_PATH, withGuardrailEnforcement } from '../support/config-fixtures';

const example = loadConfig(EXAMPLE_CONFIG_PATH);

test('the account guardrails of the example config keep their published digests', () => {
  const digests = Object.fromEntries(
    example.workloadAccounts.flatMap((account) =>
      account.regions.map((region) => [`${account.id}/${region}`, specDigest(accountGuardrailSpec(example, account, region))]),
    ),
  );
  expect(digests).toEqual({
    '444444444444/us-east-1': '48e7d10e6f4a25fc',
    // First deployed when the example accounts took every region of their OU.
    '444444444444/us-west-2': '538e12c4ca962470',
    '555555555555/us-east-1': '4c859951e76eb615',
    '555555555555/us-west-2': 'c654316995446097',
    '666666666666/us-east-1': 'e42df9a750f1e44a',
    '666666666666/us-west-2': '0b1a650a324495c5',
    '777777777777/us-east-1': '8e4f606d738940d8',
    '777777777777/us-west-2': 'ff3fccd1beac6d8c',
  });
});

test('the organization guardrails of the example config, once enforced, keep their published digests', () => {
  const enforced = withGuardrailEnforcement(example);
  const digests = Object.fromEntries(
    organizationGuardrailRegions(enforced).map((region) => [region, specDigest(organizationGuardrailSpec(enforced, region))]),
  );
  expect(digests).toEqual({ 'us-east-1': '0388a308ee3fc269', 'us-west-2': 'f3474ee9ebce789f' });
});

test('the digest does not depend on the order of the fields of a spec', () => {
  /** `value` with the keys of every object in reverse order. */
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([key, item]) => [key, reversed(item)]),
          )
        : value;
  for (const account of example.workloadAccounts) {
    const spec = accountGuardrailSpec(example, account, account.regions[0]!);
    expect(JSON.stringify(reversed(spec))).not.toBe(JSON.stringify(spec));
    expect(specDigest(reversed(spec) as GuardrailSpec)).toBe(specDigest(spec));
  }
});

test('the digest changes with the content', () => {
  const spec = accountGuardrailSpec(example, example.workloadAccounts[0]!, example.workloadAccounts[0]!.regions[0]!);
  expect(specDigest({ ...spec, words: [...spec.words, 'another word'] })).not.toBe(specDigest(spec));
});
