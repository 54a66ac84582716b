/**
 * Key policy of the per-region key in a workload account that encrypts the landing
 * bucket (and the optional CloudWatch log group) of Bedrock invocation logs.
 */
import type { BaselineConfig } from '../../config/schema';
import { invocationLogReplicationRoleName, localInvocationLogBucketName, s3BucketArn } from '../../constructs/naming';
import { bedrockDeliveryCondition } from '../buckets/invocation-log-landing-bucket-policies';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf } from '../principals';
import { keyAdministrationStatements } from './key-administration';

/** Where the key is used. */
export interface LandingKeyScope {
  /** The workload account. */
  readonly accountId: string;
  /** The region of the key, bucket and log group. */
  readonly region: string;
  /** ARN of the CloudWatch log group the key also encrypts; absent when CloudWatch delivery is off. */
  readonly logGroupArn?: string;
}

export function invocationLogLandingKeyPolicy(config: BaselineConfig, scope: LandingKeyScope): PolicyDocument {
  const { accountId, region } = scope;
  const bucketArn = s3BucketArn(localInvocationLogBucketName(accountId, region));
  const statements: PolicyStatement[] = [
    ...keyAdministrationStatements({ accountId, ...config.governance }),
    {
      Sid: 'AllowBedrockToEncryptInvocationLogs',
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: bedrockDeliveryCondition(accountId, region),
    },
    {
      Sid: 'AllowReplicationToDecryptLandedLogs',
      Effect: 'Allow',
      // The role is created in the same apply: matched by condition, KMS would reject a principal IAM has not propagated yet.
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: allOf(
        { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${accountId}:role/${invocationLogReplicationRoleName(region)}` } },
        { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        // The bucket ARN with an S3 Bucket Key, the object ARN without one.
        { StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] } },
      ),
    },
  ];
  if (scope.logGroupArn !== undefined) {
    statements.push({
      Sid: 'AllowCloudWatchLogsToEncryptInvocationLogGroup',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: '*',
      Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': scope.logGroupArn } },
    });
  }
  return policyDocument(statements);
}
