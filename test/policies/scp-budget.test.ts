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
import { editedExampleConfig } from '../support/config-fixtures';
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

test('the budget per target cannot be configured beyond the quota, and a target over it is a config error', () => {
  expect(() => parseConfig(editedExampleConfig({ set: ['governance', 'scpsPerTarget'], value: SCPS_PER_TARGET_QUOTA }), 'bad.yaml')).toThrow(
    /governance\.scpsPerTarget: must be at most 9/,
  );
  expect(scpBudgetIssues({ ...config, governance: { ...config.governance, scpsPerTarget: 3 } }).map((issue) => issue.message)).toEqual(
    config.organizationalUnits.map((ou) => expect.stringContaining(`${ou.id} would carry 4 baseline SCPs, over the budget of 3`)),
  );
});

test('a second break-glass role named as long as the first takes the tag SCP past 5,120 characters, as docs/scps.md says', () => {
  const second = { ...config, governance: { ...config.governance, breakGlassRoleArns: [...config.governance.breakGlassRoleArns, 'arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassOther'] } };
  expect(scpBudgetIssues(second).map((issue) => issue.message)).toEqual([expect.stringMatching(/^SCP RequireBedrockResourceTags would be \d+ characters, over the limit of 5120: shorten mandatoryTags/)]);
});

/** The example with every OU opted into `optIns`, in `mode`: the largest and smallest perimeters. */
const variant = (mode: CrossRegionInferenceMode, optIns: BaselineConfig['organizationalUnits'][number]['optIns']): BaselineConfig => ({
  ...config,
  governance: { ...config.governance, crossRegionInference: mode },
  organizationalUnits: config.organizationalUnits.map((ou) => ({ ...ou, optIns })),
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
