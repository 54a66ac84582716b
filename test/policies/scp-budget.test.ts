/**
 * Organizations limits: every SCP within the 5,120 characters most organizations and
 * partitions still enforce, and the SCPs per target within governance.scpsPerTarget, a
 * budget that leaves FullAWSAccess room under the 10-per-target quota.
 */
import { Testing } from 'cdktf';
import { loadConfig, parseConfig } from '../../config/load';
import type { BaselineConfig, CrossRegionInferenceMode } from '../../config/schema';
import { OPT_IN_CLASSES } from '../../policies/action-classes';
import { minify } from '../../policies/document';
import { scpBudgetIssues } from '../../checks/synth-config-checks';
import { baselineServiceControlPolicies, SCPS_PER_TARGET_QUOTA } from '../../policies/scp';
import { OrgGovernanceStack } from '../../stacks/org-governance';
import { editedExampleConfig, withNetworkPerimeter } from '../support/config-fixtures';
import { referenceProblems } from '../support/iam-reference';
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

const withNetworkPerimeterOn = withNetworkPerimeter(config);

test('every OU carries its perimeter and the three shared SCPs, each core account the safeguard and core-account SCPs, within the budget and the quota', () => {
  const perTarget = new Map<string, number>();
  for (const attachment of Object.values(resourcesOfType(stack, 'aws_organizations_policy_attachment'))) {
    if (!(referencedId(attachment.policy_id, 'aws_organizations_policy') in scps)) continue;
    perTarget.set(String(attachment.target_id), (perTarget.get(String(attachment.target_id)) ?? 0) + 1);
  }
  const core = [config.coreAccounts.logArchive, config.coreAccounts.audit];
  expect([...perTarget.keys()].sort()).toEqual([...config.organizationalUnits.map((ou) => ou.id), ...core].sort());
  for (const [target, count] of perTarget) {
    expect([target, count]).toEqual([target, core.includes(target) ? 2 : 4]);
    expect(count).toBeLessThanOrEqual(config.governance.scpsPerTarget);
  }
  // FullAWSAccess (or the organization's allow-list) takes one of the quota's places.
  expect(config.governance.scpsPerTarget).toBeLessThan(SCPS_PER_TARGET_QUOTA);
});

test('the network perimeter is a fifth SCP on its OU: over the default budget a config error naming the OU, within a budget of 5', () => {
  const prod = withNetworkPerimeterOn.organizationalUnits.find((ou) => ou.networkPerimeter)!;
  const defaultBudget = {
    ...withNetworkPerimeterOn,
    governance: { ...withNetworkPerimeterOn.governance, scpsPerTarget: config.governance.scpsPerTarget },
  };
  expect(scpBudgetIssues(defaultBudget)).toEqual([
    {
      path: ['governance', 'scpsPerTarget'],
      message: `${prod.id} would carry 5 baseline SCPs, over the budget of 4: raise it if your organization allows ${SCPS_PER_TARGET_QUOTA} per target`,
    },
  ]);
  expect(scpBudgetIssues(withNetworkPerimeterOn)).toEqual([]);
});

describe('size of a network perimeter, which lists the VPCs of its OU', () => {
  const prod = withNetworkPerimeterOn.organizationalUnits.find((ou) => ou.networkPerimeter)!;
  const template = withNetworkPerimeterOn.workloadAccounts.find((account) => account.ou === prod.id)!;
  const perimeterName = `DenyBedrockInferenceOutsideVpcs-${prod.id}`;
  /** The example with the perimeter OU holding `count` accounts of one VPC each. */
  const withVpcs = (count: number, scpSizeLimit: 5120 | 10240 = 5120): BaselineConfig => ({
    ...withNetworkPerimeterOn,
    governance: { ...withNetworkPerimeterOn.governance, scpSizeLimit },
    workloadAccounts: Array.from({ length: count }, (_, i) => ({
      ...template,
      id: String(100_000_000_000 + i),
      name: `workload-${i}`,
      network: { [template.regions[0]!]: { ...Object.values(template.network)[0]!, vpcId: `vpc-${i.toString(16).padStart(17, '0')}` } },
    })),
  });
  const perimeterOf = (candidate: BaselineConfig) => baselineServiceControlPolicies(candidate).find((scp) => scp.name === perimeterName)!;
  const perimeterIssues = (candidate: BaselineConfig) =>
    scpBudgetIssues(candidate).filter((issue) => issue.message.startsWith(`SCP ${perimeterName} `));

  test("the example's perimeter fits with room for dozens more VPCs", () => {
    expect(minify(perimeterOf(withVpcs(70)).document).length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
  });

  test.each([
    [5120, 74],
    [10240, 181],
  ] as const)('at %i characters an OU holds %i VPCs; one more is a config problem naming the OU', (limit, capacity) => {
    expect(perimeterIssues(withVpcs(capacity, limit))).toEqual([]);
    expect(perimeterIssues(withVpcs(capacity + 1, limit))).toEqual([
      {
        path: ['governance', 'scpSizeLimit'],
        message: expect.stringMatching(
          new RegExp(
            `^SCP ${perimeterName} would be \\d+ characters, over the limit of ${limit}: it lists the ${capacity + 1} VPCs of the accounts of OU ${prod.id} \\(${prod.name}\\)`,
          ),
        ),
      },
    ]);
  });
});

test('the budget per target cannot be configured beyond the quota, and a target over it is a config error', () => {
  expect(() => parseConfig(editedExampleConfig({ set: ['governance', 'scpsPerTarget'], value: SCPS_PER_TARGET_QUOTA }), 'bad.yaml')).toThrow(
    /governance\.scpsPerTarget: must be at most 9/,
  );
  expect(scpBudgetIssues({ ...config, governance: { ...config.governance, scpsPerTarget: 3 } }).map((issue) => issue.message)).toEqual(
    config.organizationalUnits.map((ou) => expect.stringContaining(`${ou.id} would carry 4 baseline SCPs, over the budget of 3`)),
  );
});

test('a second break-glass role named as long as the first takes the tag SCP past 5,120 characters, as docs/scps.md says', () => {
  const second = {
    ...config,
    governance: {
      ...config.governance,
      breakGlassRoleArns: [...config.governance.breakGlassRoleArns, 'arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassOther'],
    },
  };
  expect(scpBudgetIssues(second).map((issue) => issue.message)).toEqual([
    expect.stringMatching(/^SCP RequireBedrockResourceTags would be \d+ characters, over the limit of 5120: shorten mandatoryTags/),
  ]);
});

/** The example with the network perimeter and every OU opted into `optIns`, in `mode`: the largest and smallest perimeters. */
const variant = (mode: CrossRegionInferenceMode, optIns: BaselineConfig['organizationalUnits'][number]['optIns']): BaselineConfig => ({
  ...withNetworkPerimeterOn,
  governance: { ...withNetworkPerimeterOn.governance, crossRegionInference: mode },
  organizationalUnits: withNetworkPerimeterOn.organizationalUnits.map((ou) => ({ ...ou, optIns })),
});

describe.each(['none', 'geographic', 'global'] as const)('crossRegionInference %s', (mode) => {
  test.each([
    ['no opt-in', []],
    ['every opt-in', [...OPT_IN_CLASSES]],
    ['mantle and Claude Platform', ['unlogged-inference', 'external-provider']],
  ] as const)('every SCP stays within 5,120 characters with %s, and names only real actions and keys', async (_label, optIns) => {
    for (const scp of baselineServiceControlPolicies(variant(mode, [...optIns]))) {
      expect(minify(scp.document).length).toBeLessThanOrEqual(SIZE_LIMIT_MOST_ORGS);
      expect(await referenceProblems(scp.document)).toEqual([]);
    }
  });
});
