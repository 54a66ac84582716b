/** Organizations limits: the baseline must fit orgs that still have the 5,120-character / 5-per-target quotas. */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import { minify } from '../../policies/document';
import { baselineServiceControlPolicies, SCPS_PER_TARGET_BUDGET } from '../../policies/scp';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { policyAttribute, referencedId, resourcesOfType, serviceControlPolicies, synthStack } from '../support/synth';

const config = loadConfig('config/baseline.yaml');
const stack = synthStack(new OrgGovernanceStack(Testing.app(), config));
// Only SCPs count against these limits.
const scps = serviceControlPolicies(stack);
const SIZE_LIMIT_MOST_ORGS = 5120;

test.each(Object.entries(scps))('%s is at most 5,120 characters as deployed', (_id, policy) => {
  const deployed = minify(policyAttribute(policy, 'content'));
  expect(deployed.length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
  // What Terraform sends is the minified document itself, not a pretty-printed copy.
  expect(deployed).toBe(String(policy.content).replace(/\$\$\{/g, '${'));
});

test('at most two baseline SCPs are attached to any target', () => {
  const perTarget = new Map<string, number>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    if (!(referencedId(attachment.policy_id, 'aws_organizations_policy') in scps)) continue;
    perTarget.set(String(attachment.target_id), (perTarget.get(String(attachment.target_id)) ?? 0) + 1);
  }
  expect(perTarget.size).toBe(config.organizationalUnits.length);
  for (const count of perTarget.values()) expect(count).toBeLessThanOrEqual(SCPS_PER_TARGET_BUDGET);
});

test.each(['none', 'geographic', 'global'] as const)('every crossRegionInference mode stays within budget (%s)', (mode) => {
  for (const scp of baselineServiceControlPolicies({ ...config, governance: { ...config.governance, crossRegionInference: mode } })) {
    expect(minify(scp.document).length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
  }
});
