/**
 * Where the organization trail also delivers, so that CloudWatch can alarm on it: a
 * log group in the management account's home region, encrypted with its own governance
 * key, and the role CloudTrail assumes to write into it. The central CloudTrail bucket
 * stays the record of truth; this group keeps events for `retentionDays`.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { KEY_PURPOSES, ORGANIZATION_TRAIL_CLOUDWATCH_ROLE_NAME, ORGANIZATION_TRAIL_LOG_GROUP_NAME, ROLE_POLICY_NAMES } from '../naming/resources';
import type { PolicyDocument } from '../policies/document';
import { GovernanceKey } from './governance-key';
import type { TrailCloudWatchDelivery } from './organization-trail';
import { ServiceRole } from './service-role';

export interface OrganizationTrailLogGroupProps {
  /** Provider of the management account in the home region (where the trail lives). */
  readonly provider: AwsProvider;
  /** Days the group keeps events (config `alarms.organizationTrail.logRetentionDays`). */
  readonly retentionDays: number;
  /** Policy of the group's key (policies/keys/organization-trail-log-group-key-policy.ts). */
  readonly keyPolicy: PolicyDocument;
  /** Trust and permissions of the role CloudTrail writes with (policies/roles/organization-trail-cloudwatch-role.ts). */
  readonly role: { readonly trustPolicy: PolicyDocument; readonly permissions: PolicyDocument };
}

export class OrganizationTrailLogGroup extends Construct {
  /** The log group the trail delivers to. */
  readonly logGroup: CloudwatchLogGroup;
  /** What the trail needs to deliver there. */
  readonly delivery: TrailCloudWatchDelivery;

  constructor(scope: Construct, id: string, props: OrganizationTrailLogGroupProps) {
    super(scope, id);
    const { provider } = props;
    const key = new GovernanceKey(this, 'key', {
      provider,
      purpose: KEY_PURPOSES.organizationTrailLogGroup,
      description: 'bedrock-governance: the CloudWatch log group of the organization trail',
      policy: props.keyPolicy,
    });
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: ORGANIZATION_TRAIL_LOG_GROUP_NAME,
      retentionInDays: props.retentionDays,
      kmsKeyId: key.arn,
      // Destroying the group would delete its events (and orphan the metric filters).
      skipDestroy: true,
      lifecycle: { preventDestroy: true },
    });
    const role = new ServiceRole(this, 'role', {
      provider,
      name: ORGANIZATION_TRAIL_CLOUDWATCH_ROLE_NAME,
      description: 'CloudTrail delivery of the organization trail to CloudWatch Logs',
      trustPolicy: props.role.trustPolicy,
      permissionsName: ROLE_POLICY_NAMES.organizationTrailDelivery,
      permissions: props.role.permissions,
    });
    // CloudTrail checks that it can assume the role and write when the trail is updated.
    this.delivery = { logGroupArn: this.logGroup.arn, roleArn: role.role.arn, ready: [role.permissions] };
  }
}
