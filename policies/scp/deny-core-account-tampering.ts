/**
 * SCP "DenyCoreAccountTampering": attached directly to the log-archive and audit accounts,
 * which no governed OU reaches. Beside the safeguard SCP (roles, keys, topics, detectors), it
 * keeps their administrators, root users included, from reconfiguring or emptying the central
 * log buckets, from switching Macie's jobs, findings and settings off or elsewhere, and from
 * rerouting the findings rule. The bucket policies deny the same, but S3 always lets the
 * bucket owner's root user replace a bucket policy; an SCP binds root.
 */
import type { BaselineConfig } from '../../config/schema';
import { eventRuleArn, s3BucketArn } from '../../naming/arns';
import { BASELINE_NAME_PREFIX } from '../../naming/reserved-names';
import { LOG_BUCKET_RECONFIGURATION_ACTIONS, LOG_OBJECT_DELETION_ACTIONS, objectsOf } from '../buckets/log-bucket-guards';
import { deny, policyDocument, type PolicyDocument } from '../document';
import { unlessDeploymentRoleOrBreakGlass } from '../principals';

/** The central buckets of the log-archive account (every baseline bucket name there starts with the prefix) and their objects. */
export const CENTRAL_LOG_RESOURCES = [s3BucketArn(`${BASELINE_NAME_PREFIX}*`), objectsOf(`${BASELINE_NAME_PREFIX}*`)] as const;

/**
 * Every Macie setting, job and filter of the core accounts is the deployment role's: delete,
 * disable, leave, put and update anything (cancelling or pausing a job, changing the allow list,
 * where results or findings are published, the organization's auto-enable), and findings filters,
 * which can archive findings before anyone sees them. Creating a job or reading stays open.
 */
export const MACIE_CONFIGURATION_ACTIONS = [
  'macie2:CreateFindingsFilter',
  'macie2:Delete*',
  'macie2:Disable*',
  'macie2:Disassociate*',
  'macie2:Put*',
  'macie2:Update*',
] as const;

/** The EventBridge rules the baseline names (the Macie, GuardDuty and Security Hub findings rules) and their targets. */
export const FINDINGS_RULES = eventRuleArn('*', '*', `${BASELINE_NAME_PREFIX}*`);
export const RULE_ROUTING_ACTIONS = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:PutTargets',
  'events:RemoveTargets',
] as const;

export function denyCoreAccountTampering(config: BaselineConfig): PolicyDocument {
  const exceptDeployer = unlessDeploymentRoleOrBreakGlass(config.governance);
  return policyDocument([
    deny(
      'DenyCentralLogChanges',
      [...LOG_BUCKET_RECONFIGURATION_ACTIONS, ...LOG_OBJECT_DELETION_ACTIONS],
      [...CENTRAL_LOG_RESOURCES],
      exceptDeployer,
    ),
    deny('DenyMacieChanges', [...MACIE_CONFIGURATION_ACTIONS], '*', exceptDeployer),
    deny('DenyFindingsRoutingChanges', [...RULE_ROUTING_ACTIONS], FINDINGS_RULES, exceptDeployer),
  ]);
}
