/**
 * The baseline's service control policies, in the order they are attached. Two
 * documents per target, each within the 5,120-character limit most organizations and
 * partitions still enforce (the test suite checks both budgets).
 */
import type { BaselineConfig } from '../../config/schema';
import { SCP_NAMES } from '../../naming/resources';
import type { PolicyDocument } from '../document';
import { denyBedrockGovernanceTampering } from './deny-bedrock-governance-tampering';
import { denyBedrockOutsideApprovedUse } from './deny-bedrock-outside-approved-use';

export interface ServiceControlPolicy {
  /** Organizations policy name; also the construct id. */
  readonly name: string;
  /** One line for the console and the plan. */
  readonly description: string;
  /** The policy itself. */
  readonly document: PolicyDocument;
}

/** Baseline SCPs per target: leaves room under the 5-per-target limit for FullAWSAccess and the org's own. */
export const SCPS_PER_TARGET_BUDGET = 2;

export function baselineServiceControlPolicies(config: BaselineConfig): ServiceControlPolicy[] {
  return [
    {
      name: SCP_NAMES.outsideApprovedUse,
      description: 'Bedrock only in approved regions, with a baseline guardrail, no mantle endpoint, no long-term API keys.',
      document: denyBedrockOutsideApprovedUse(config),
    },
    {
      name: SCP_NAMES.governanceTampering,
      description: 'Only the deployment role changes guardrails, invocation logging, enforcement and Macie; guardrails carry mandatory tags.',
      document: denyBedrockGovernanceTampering(config),
    },
  ];
}
