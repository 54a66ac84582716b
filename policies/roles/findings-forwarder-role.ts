/**
 * The role EventBridge assumes to forward GuardDuty findings from the other detector
 * regions of the audit account to the default event bus of the home region, where the
 * findings rule publishes them to the security findings topic: assumed by EventBridge for
 * the forwarding rules of that account only, allowed to put events on that one bus only.
 */
import { eventBusArn, eventRuleArn } from '../../naming/arns';
import { GUARDDUTY_FINDINGS_FORWARD_RULE_NAME } from '../../naming/resources';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { policyDocument, type PolicyDocument } from '../document';

export interface FindingsForwarderScope {
  /** The audit account: owner of the rules, the role and the bus. */
  readonly accountId: string;
  /** Region of the bus the findings are forwarded to. */
  readonly homeRegion: string;
  /** Regions whose forwarding rules may assume the role. */
  readonly sourceRegions: readonly string[];
}

export function findingsForwarderTrustPolicy(scope: FindingsForwarderScope): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowFindingsForwardingRules',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.events },
      Action: 'sts:AssumeRole',
      Condition: {
        ArnEquals: {
          'aws:SourceArn': scope.sourceRegions.map((region) => eventRuleArn(region, scope.accountId, GUARDDUTY_FINDINGS_FORWARD_RULE_NAME)),
        },
        StringEquals: { 'aws:SourceAccount': scope.accountId },
      },
    },
  ]);
}

export function findingsForwarderPermissions(scope: FindingsForwarderScope): PolicyDocument {
  return policyDocument([
    {
      Sid: 'PutEventsOnHomeRegionBus',
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Resource: eventBusArn(scope.homeRegion, scope.accountId),
    },
  ]);
}
