/**
 * The role S3 assumes to replicate one region's landing bucket of a workload account
 * into the central invocation-log bucket: read the new log versions, write them as
 * replicas under the account's own prefix, owned by the log-archive account.
 */
import type { BaselineConfig } from '../../config/schema';
import { kmsKeyArn, s3BucketArn } from '../../naming/arns';
import { centralInvocationLogBucketName, invocationLogKeyPrefix, localInvocationLogBucketName } from '../../naming/resources';
import { SERVICE_PRINCIPALS, serviceEndpoint } from '../../naming/service-principals';
import { objectsOf } from '../buckets/log-bucket-guards';
import { policyDocument, type PolicyDocument } from '../document';

/** Only S3, replicating this landing bucket, assumes the role. */
export function invocationLogReplicationTrustPolicy(accountId: string, region: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowS3ReplicationOfLandingBucket',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.s3 },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'aws:SourceAccount': accountId },
        ArnEquals: { 'aws:SourceArn': s3BucketArn(localInvocationLogBucketName(accountId, region)) },
      },
    },
  ]);
}

export function invocationLogReplicationPermissions(config: BaselineConfig, accountId: string, region: string): PolicyDocument {
  const landing = localInvocationLogBucketName(accountId, region);
  const central = centralInvocationLogBucketName(config);
  const { homeRegion } = config.organization;
  const prefix = invocationLogKeyPrefix(accountId);
  return policyDocument([
    {
      Sid: 'ReadReplicationConfiguration',
      Effect: 'Allow',
      Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
      Resource: s3BucketArn(landing),
    },
    {
      Sid: 'ReadLogVersionsToReplicate',
      Effect: 'Allow',
      Action: ['s3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTagging'],
      Resource: objectsOf(landing, prefix),
    },
    {
      Sid: 'CheckCentralBucketVersioning',
      Effect: 'Allow',
      Action: 's3:GetBucketVersioning',
      Resource: s3BucketArn(central),
    },
    {
      Sid: 'ReplicateIntoOwnAccountPrefix',
      Effect: 'Allow',
      Action: ['s3:ObjectOwnerOverrideToBucketOwner', 's3:ReplicateObject'],
      Resource: objectsOf(central, prefix),
    },
    {
      Sid: 'DecryptLandedLogs',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      // Key ids are random; the conditions pin the use to objects of the landing bucket.
      Resource: kmsKeyArn(region, accountId, '*'),
      Condition: {
        StringEquals: { 'kms:ViaService': serviceEndpoint('s3', region) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [s3BucketArn(landing), objectsOf(landing)] },
      },
    },
    {
      Sid: 'EncryptReplicas',
      Effect: 'Allow',
      Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: kmsKeyArn(homeRegion, config.coreAccounts.logArchive, '*'),
      Condition: {
        StringEquals: { 'kms:ViaService': serviceEndpoint('s3', homeRegion) },
        StringLike: { 'kms:EncryptionContext:aws:s3:arn': [s3BucketArn(central), objectsOf(central)] },
      },
    },
  ]);
}
