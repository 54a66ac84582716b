/**
 * The role CloudTrail assumes to deliver the organization trail into its CloudWatch log
 * group in the management account: assumed by CloudTrail for this trail only, allowed to
 * write streams of that log group only.
 */
import type { BaselineConfig } from '../../config/schema';
import { organizationTrailArn, organizationTrailLogGroupArn } from '../../naming/arns';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { policyDocument, type PolicyDocument } from '../document';
import { writeLogStreamsStatement } from './log-stream-writer';

export function organizationTrailCloudWatchTrustPolicy(config: BaselineConfig): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowOrganizationTrailDelivery',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
      Action: 'sts:AssumeRole',
      // The CloudTrail user guide says this role "doesn't support" aws:SourceArn and
      // aws:SourceAccount: CloudTrail may assume it without them, and a plain condition
      // would then stop delivery (and fail the trail update). IfExists refuses every other
      // trail and account that does present them, and never breaks delivery. Other trails of
      // the management account are kept out by who may pass the role (iam:PassRole).
      Condition: {
        ArnEqualsIfExists: { 'aws:SourceArn': organizationTrailArn(config) },
        StringEqualsIfExists: { 'aws:SourceAccount': config.organization.managementAccountId },
      },
    },
  ]);
}

export function organizationTrailCloudWatchPermissions(config: BaselineConfig): PolicyDocument {
  // Streams are named <org id>_<account>_CloudTrail_<region>[_n] for member accounts and
  // <account>_CloudTrail_<region>[_n] for the management account: every stream of the group.
  return policyDocument([writeLogStreamsStatement('WriteOrganizationTrailLogStreams', organizationTrailLogGroupArn(config))]);
}
