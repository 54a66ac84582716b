/**
 * Bucket policies of the three central buckets in the log-archive account: who may
 * deliver logs into each, who may read them, and (through the shared guards) that
 * nobody else writes, deletes or reconfigures anything.
 */
import type { BaselineConfig } from '../../config/schema';
import { macieServiceLinkedRoleArns, organizationTrailArn, roleInAnyAccount, s3BucketArn } from '../../naming/arns';
import {
  accessLogBucketName,
  centralInvocationLogBucketName,
  cloudTrailBucketName,
  INVOCATION_LOG_REPLICATION_ROLE_PREFIX,
} from '../../naming/resources';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { administratorsOf, governedPrincipalsMatching, logReaderGrants } from '../principals';
import { accessLogDeliveryStatement } from './access-log-bucket-policy';
import { logBucketGuardStatements, logReaderStatements, objectsOf } from './log-bucket-guards';

const CLOUDTRAIL = { Service: SERVICE_PRINCIPALS.cloudTrail } as const;

function guards(config: BaselineConfig, bucketName: string): PolicyStatement[] {
  return logBucketGuardStatements({
    bucketName,
    organizationId: config.organization.id,
    administrators: administratorsOf(config.coreAccounts.logArchive, config.governance),
  });
}

/** The organization trail delivers only under its two documented prefixes, only as itself. */
export function cloudTrailBucketPolicy(config: BaselineConfig): PolicyDocument {
  const bucketName = cloudTrailBucketName(config);
  const { id: organizationId, managementAccountId } = config.organization;
  const trailArn = organizationTrailArn(config);
  return policyDocument([
    {
      Sid: 'AllowOrganizationTrailAclCheck',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:GetBucketAcl',
      Resource: s3BucketArn(bucketName),
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
    {
      Sid: 'AllowOrganizationTrailDelivery',
      Effect: 'Allow',
      Principal: CLOUDTRAIL,
      Action: 's3:PutObject',
      // The management account's own events, then every member account's under the organization id.
      Resource: [objectsOf(bucketName, `AWSLogs/${managementAccountId}/`), objectsOf(bucketName, `AWSLogs/${organizationId}/`)],
      Condition: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
    ...logReaderStatements(bucketName, logReaderGrants(config)),
    ...guards(config, bucketName),
  ]);
}

/** ARN pattern of the replication roles of every workload account and region. */
export function invocationLogReplicationRolePattern(): string {
  return roleInAnyAccount(`${INVOCATION_LOG_REPLICATION_ROLE_PREFIX}*`);
}

/**
 * Replication roles of the governed accounts write replicas only under their own account's
 * prefix; Macie's service-linked roles read them. A role of the replication role's name in an
 * account outside the governed OUs, where no SCP reserves the name, writes nothing.
 */
export function centralInvocationLogBucketPolicy(config: BaselineConfig): PolicyDocument {
  const bucketName = centralInvocationLogBucketName(config);
  const replicationRoles = governedPrincipalsMatching(config, invocationLogReplicationRolePattern());
  const macie = { ArnEquals: { 'aws:PrincipalArn': macieServiceLinkedRoleArns(config) } };
  return policyDocument([
    {
      Sid: 'AllowReplicationIntoOwnAccountPrefix',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject'],
      Resource: objectsOf(bucketName, 'AWSLogs/${aws:PrincipalAccount}/BedrockModelInvocationLogs/'),
      Condition: replicationRoles,
    },
    {
      Sid: 'AllowReplicationVersioningCheck',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetBucketVersioning',
      Resource: s3BucketArn(bucketName),
      Condition: replicationRoles,
    },
    {
      Sid: 'AllowMacieToListInvocationLogs',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetBucketLocation', 's3:ListBucket'],
      Resource: s3BucketArn(bucketName),
      Condition: macie,
    },
    {
      Sid: 'AllowMacieToReadInvocationLogs',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: objectsOf(bucketName),
      Condition: macie,
    },
    ...logReaderStatements(bucketName, logReaderGrants(config)),
    ...guards(config, bucketName),
  ]);
}

/** Server access logs of the two central log buckets. */
export function centralAccessLogBucketPolicy(config: BaselineConfig): PolicyDocument {
  const bucketName = accessLogBucketName(config);
  return policyDocument([
    accessLogDeliveryStatement(bucketName, config.coreAccounts.logArchive, [cloudTrailBucketName(config), centralInvocationLogBucketName(config)]),
    ...logReaderStatements(bucketName, logReaderGrants(config)),
    ...guards(config, bucketName),
  ]);
}
