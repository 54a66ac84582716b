/**
 * Key policy of the per-region key in a workload account that encrypts the landing
 * bucket (and the optional CloudWatch log group) of Bedrock invocation logs.
 */
import type { BaselineConfig } from '../../config/schema';
import { accountRootArn, roleArn, s3BucketArn } from '../../naming/arns';
import { invocationLogReplicationRoleName, localInvocationLogBucketName } from '../../naming/resources';
import { SERVICE_PRINCIPALS, serviceEndpoint } from '../../naming/service-principals';
import { bedrockDeliveryCondition } from '../buckets/invocation-log-landing-bucket-policies';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf } from '../principals';
import { cloudWatchLogGroupEncryptionStatement } from './cloudwatch-log-group-encryption';
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
      Principal: { Service: SERVICE_PRINCIPALS.bedrock },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: bedrockDeliveryCondition(accountId, region),
    },
    {
      Sid: 'AllowReplicationToDecryptLandedLogs',
      Effect: 'Allow',
      // The role is created in the same apply: matched by condition, KMS would reject a principal IAM has not propagated yet.
      Principal: { AWS: accountRootArn(accountId) },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: allOf(
        { ArnEquals: { 'aws:PrincipalArn': roleArn(accountId, invocationLogReplicationRoleName(region)) } },
        { StringEquals: { 'kms:ViaService': serviceEndpoint('s3', region) } },
        // The bucket ARN with an S3 Bucket Key, the object ARN without one.
        { StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/*`] } },
      ),
    },
  ];
  if (scope.logGroupArn !== undefined) {
    statements.push(cloudWatchLogGroupEncryptionStatement('AllowCloudWatchLogsToEncryptInvocationLogGroup', region, scope.logGroupArn));
  }
  return policyDocument(statements);
}
