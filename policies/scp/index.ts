/**
 * The baseline's service control policies, in the order they are attached. Two
 * documents per target, a third (the network perimeter) on the OUs that opt in, each
 * within the 5,120-character limit most organizations and partitions still enforce (the
 * test suite checks both budgets).
 */
import type { BaselineConfig } from '../../config/schema';
import type { ConfigIssue } from '../../config/validate';
import { networkPerimeterScpName } from '../../network/endpoints';
import { minify, type PolicyDocument } from '../document';
import { denyBedrockGovernanceTampering } from './deny-bedrock-governance-tampering';
import { denyBedrockInferenceOutsideVpcs, perimeterVpcsOf } from './deny-bedrock-inference-outside-vpcs';
import { denyBedrockOutsideApprovedUse } from './deny-bedrock-outside-approved-use';

export interface ServiceControlPolicy {
  /** Organizations policy name; also the construct id. */
  readonly name: string;
  /** One line for the console and the plan. */
  readonly description: string;
  /** The policy itself. */
  readonly document: PolicyDocument;
}

/**
 * Baseline SCPs per target: the two above on every OU, and the network perimeter on the
 * OUs that turn it on. Leaves room under the 5-per-target limit for FullAWSAccess and one
 * of the organization's own.
 */
export const SCPS_PER_TARGET_BUDGET = 3;

export function baselineServiceControlPolicies(config: BaselineConfig): ServiceControlPolicy[] {
  return [
    {
      name: 'DenyBedrockOutsideApprovedUse',
      description: 'Bedrock only in approved regions, with a baseline guardrail, no mantle endpoint, no long-term API keys.',
      document: denyBedrockOutsideApprovedUse(config),
    },
    {
      name: 'DenyBedrockGovernanceTampering',
      description: 'Only the deployment role changes guardrails, invocation logging, enforcement and Macie; guardrails carry mandatory tags.',
      document: denyBedrockGovernanceTampering(config),
    },
  ];
}

/** An SCP attached to one OU only. */
export interface OuServiceControlPolicy extends ServiceControlPolicy {
  /** The OU it is attached to. */
  readonly ouId: string;
}

/** The network-perimeter SCP of each OU with `networkPerimeter` on. */
export function networkPerimeterServiceControlPolicies(config: BaselineConfig): OuServiceControlPolicy[] {
  return config.organizationalUnits
    .filter((ou) => ou.networkPerimeter)
    .map((ou) => ({
      ouId: ou.id,
      name: networkPerimeterScpName(ou.id),
      description: `Bedrock inference in ${ou.name} only through its accounts' VPCs (docs/network.md).`,
      document: denyBedrockInferenceOutsideVpcs(config, ou),
    }));
}

/** Network perimeters Organizations would reject as too large: each lists the VPCs of its OU. */
function networkPerimeterBudgetIssues(config: BaselineConfig): ConfigIssue[] {
  const limit = config.governance.scpSizeLimit;
  return networkPerimeterServiceControlPolicies(config).flatMap((scp) => {
    const size = minify(scp.document).length;
    if (size <= limit) return [];
    const ou = config.organizationalUnits.find((candidate) => candidate.id === scp.ouId)!;
    return [
      {
        // Checks see the config sorted, so an index would not point into the file: the message names the OU.
        path: ['organizationalUnits'],
        message:
          `OU ${ou.id} (${ou.name}): its perimeter SCP ${scp.name} would be ${size} characters, over the limit of ${limit}: it lists the ` +
          `${perimeterVpcsOf(config, ou).length} VPCs of the OU's accounts and the roles governance exempts; split the OU, shorten ` +
          'governance.breakGlassRoleArns, or raise governance.scpSizeLimit if your organization accepts 10240',
      },
    ];
  });
}

/** Config problems that would produce SCPs Organizations rejects; an empty list when they fit. */
export function scpBudgetIssues(config: BaselineConfig): ConfigIssue[] {
  const limit = config.governance.scpSizeLimit;
  const baselineIssues = baselineServiceControlPolicies(config).flatMap((scp) => {
    const size = minify(scp.document).length;
    if (size <= limit) return [];
    return [
      {
        path: ['governance', 'scpSizeLimit'],
        message: `SCP ${scp.name} would be ${size} characters, over the limit of ${limit}: shorten mandatoryTags or governance.breakGlassRoleArns, or raise the limit if your organization accepts 10240`,
      },
    ];
  });
  return [...baselineIssues, ...networkPerimeterBudgetIssues(config)];
}
