/** Organizations limits: the baseline must fit orgs that still have the 5,120-character / 5-per-target quotas. */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import { minify } from '../../policies/document';
import type { BaselineConfig } from '../../config/schema';
import { baselineServiceControlPolicies, networkPerimeterServiceControlPolicies, SCPS_PER_TARGET_BUDGET, scpBudgetIssues } from '../../policies/scp';
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

test('two baseline SCPs on every OU, a third (the network perimeter) only where it is on, within the budget', () => {
  const perTarget = new Map<string, number>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    if (!(referencedId(attachment.policy_id, 'aws_organizations_policy') in scps)) continue;
    perTarget.set(String(attachment.target_id), (perTarget.get(String(attachment.target_id)) ?? 0) + 1);
  }
  expect(Object.fromEntries(perTarget)).toEqual(Object.fromEntries(config.organizationalUnits.map((ou) => [ou.id, ou.networkPerimeter ? 3 : 2])));
  for (const count of perTarget.values()) expect(count).toBeLessThanOrEqual(SCPS_PER_TARGET_BUDGET);
  // FullAWSAccess and one SCP of the organization's own still fit under the 5 per target most organizations have.
  expect(SCPS_PER_TARGET_BUDGET + 2).toBeLessThanOrEqual(5);
});

describe('size of a network perimeter, which lists the VPCs of its OU', () => {
  const prod = config.organizationalUnits.find((ou) => ou.networkPerimeter)!;
  const template = config.workloadAccounts.find((account) => account.ou === prod.id)!;
  /** The example with the perimeter OU holding `count` accounts of one VPC each. */
  const withVpcs = (count: number, scpSizeLimit: 5120 | 10240 = 5120): BaselineConfig => ({
    ...config,
    governance: { ...config.governance, scpSizeLimit },
    workloadAccounts: Array.from({ length: count }, (_, i) => ({
      ...template,
      id: String(100_000_000_000 + i),
      name: `workload-${i}`,
      network: { [template.regions[0]!]: { ...Object.values(template.network)[0]!, vpcId: `vpc-${i.toString(16).padStart(17, '0')}` } },
    })),
  });
  const perimeterIssues = (candidate: BaselineConfig) => scpBudgetIssues(candidate).filter((issue) => issue.path[0] === 'organizationalUnits');

  test("the example's perimeter fits with room for dozens more VPCs", () => {
    for (const scp of networkPerimeterServiceControlPolicies(withVpcs(80))) expect(minify(scp.document).length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
  });

  test.each([
    [5120, 83],
    [10240, 190],
  ] as const)('at %i characters an OU holds %i VPCs; one more is a config problem naming the OU', (limit, capacity) => {
    expect(perimeterIssues(withVpcs(capacity, limit))).toEqual([]);
    expect(perimeterIssues(withVpcs(capacity + 1, limit))).toEqual([
      {
        path: ['organizationalUnits'],
        message: expect.stringMatching(
          new RegExp(`^OU ${prod.id} \\(${prod.name}\\): its perimeter SCP DenyBedrockInferenceOutsideVpcs-${prod.id} would be \\d+ characters, over the limit of ${limit}: it lists the ${capacity + 1} VPCs of the OU's accounts`),
        ),
      },
    ]);
  });
});

test.each(['none', 'geographic', 'global'] as const)('every crossRegionInference mode stays within budget (%s)', (mode) => {
  for (const scp of baselineServiceControlPolicies({ ...config, governance: { ...config.governance, crossRegionInference: mode } })) {
    expect(minify(scp.document).length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
  }
});
