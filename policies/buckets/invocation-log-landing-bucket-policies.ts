/**
 * Bucket policies of a workload account's landing bucket for Bedrock invocation logs
 * (one per region: Bedrock writes only into a bucket of the caller's account and region)
 * and of the access-log bucket beside it.
 */
import type { BaselineConfig } from '../../config/schema';
import { bedrockArn } from '../../naming/arns';
import { invocationLogKeyPrefix, localAccessLogBucketName, localInvocationLogBucketName } from '../../naming/resources';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { administratorsOf } from '../principals';
import { accessLogDeliveryStatement } from './access-log-bucket-policy';
import { logBucketGuardStatements, objectsOf } from './log-bucket-guards';

/** The request context Bedrock presents when it delivers logs of `accountId` in `region`. */
export function bedrockDeliveryCondition(accountId: string, region: string) {
  return {
    StringEquals: { 'aws:SourceAccount': accountId },
    ArnLike: { 'aws:SourceArn': bedrockArn(region, accountId, '*') },
  };
}

function guards(config: BaselineConfig, bucketName: string, accountId: string): PolicyStatement[] {
  return logBucketGuardStatements({
    bucketName,
    organizationId: config.organization.id,
    administrators: administratorsOf(accountId, config.governance),
  });
}

/** Bedrock of this account and region writes under its fixed prefix; nothing else writes. */
export function invocationLogLandingBucketPolicy(config: BaselineConfig, accountId: string, region: string): PolicyDocument {
  const bucketName = localInvocationLogBucketName(accountId, region);
  return policyDocument([
    {
      Sid: 'AllowBedrockInvocationLogDelivery',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.bedrock },
      Action: 's3:PutObject',
      Resource: objectsOf(bucketName, invocationLogKeyPrefix(accountId)),
      Condition: bedrockDeliveryCondition(accountId, region),
    },
    ...guards(config, bucketName, accountId),
  ]);
}

/** Server access logs of the landing bucket. */
export function invocationLogLandingAccessLogBucketPolicy(config: BaselineConfig, accountId: string, region: string): PolicyDocument {
  const bucketName = localAccessLogBucketName(accountId, region);
  return policyDocument([
    accessLogDeliveryStatement(bucketName, accountId, [localInvocationLogBucketName(accountId, region)]),
    ...guards(config, bucketName, accountId),
  ]);
}
