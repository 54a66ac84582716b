/**
 * Key policies of the two central keys in the log-archive account. In a key policy,
 * `Resource: "*"` means the key itself.
 */
import type { BaselineConfig } from '../../config/schema';
import { macieServiceLinkedRoleArns, organizationTrailArn, s3BucketArn, trailArn } from '../../naming/arns';
import { centralInvocationLogBucketName } from '../../naming/resources';
import { SERVICE_PRINCIPALS, serviceEndpoint } from '../../naming/service-principals';
import { policyDocument, type ConditionBlock, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, deploymentRoleIn, governedPrincipalsMatching, logReaderGrants } from '../principals';
import { invocationLogReplicationRolePattern } from '../buckets/central-log-bucket-policies';
import { keyAdministrationStatements } from './key-administration';

function administration(config: BaselineConfig): PolicyStatement[] {
  return keyAdministrationStatements({ accountId: config.coreAccounts.logArchive, ...config.governance });
}

/** The key is used only inside S3 requests to the central buckets (in the home region). */
function throughS3(config: BaselineConfig): ConditionBlock {
  return { StringEquals: { 'kms:ViaService': serviceEndpoint('s3', config.organization.homeRegion) } };
}

/** The organization trail encrypts; its owner resolves the key's ARN; readers decrypt trail logs. */
export function cloudTrailKeyPolicy(config: BaselineConfig): PolicyDocument {
  const fromTheTrail = { StringEquals: { 'aws:SourceArn': organizationTrailArn(config) } };
  const statements: PolicyStatement[] = [
    ...administration(config),
    {
      Sid: 'AllowOrganizationTrailToEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: allOf(fromTheTrail, {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn('*', config.organization.managementAccountId, '*') },
      }),
    },
    {
      Sid: 'AllowOrganizationTrailToDescribeKey',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.cloudTrail },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: fromTheTrail,
    },
    {
      Sid: 'AllowTrailOwnerToResolveKey',
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:DescribeKey',
      Resource: '*',
      // org-governance looks the key up by alias to give the trail the key ARN it reads back.
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': deploymentRoleIn(config.organization.managementAccountId, config.governance.deploymentRoleName) },
      },
    },
  ];
  for (const { sidSuffix, condition } of logReaderGrants(config)) {
    statements.push({
      Sid: `AllowLogReadersToDecryptTrailLogs${sidSuffix}`,
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: allOf(condition, { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } }),
    });
  }
  return policyDocument(statements);
}

/** Replication roles of the governed accounts encrypt replicas; Macie and the readers decrypt. */
export function centralInvocationLogKeyPolicy(config: BaselineConfig): PolicyDocument {
  const bucketArn = s3BucketArn(centralInvocationLogBucketName(config));
  const statements: PolicyStatement[] = [
    ...administration(config),
    {
      Sid: 'AllowReplicationToEncryptReplicas',
      Effect: 'Allow',
      Principal: '*',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: allOf(
        governedPrincipalsMatching(config, invocationLogReplicationRolePattern()),
        throughS3(config),
        // The bucket ARN with an S3 Bucket Key, the object ARN without one.
        { StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] } },
      ),
    },
    {
      Sid: 'AllowMacieToDecryptInvocationLogs',
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: allOf({ ArnEquals: { 'aws:PrincipalArn': macieServiceLinkedRoleArns(config) } }, throughS3(config)),
    },
  ];
  for (const { sidSuffix, condition } of logReaderGrants(config)) {
    statements.push({
      Sid: `AllowLogReadersToDecryptInvocationLogs${sidSuffix}`,
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: allOf(condition, throughS3(config)),
    });
  }
  return policyDocument(statements);
}
