/** The role Bedrock assumes to deliver one region's invocation logs to CloudWatch Logs. */
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { bedrockDeliveryCondition } from '../buckets/invocation-log-landing-bucket-policies';
import { policyDocument, type PolicyDocument } from '../document';
import { writeLogStreamsStatement } from './log-stream-writer';

export function invocationLogCloudWatchTrustPolicy(accountId: string, region: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowBedrockInvocationLogDelivery',
      Effect: 'Allow',
      Principal: { Service: SERVICE_PRINCIPALS.bedrock },
      Action: 'sts:AssumeRole',
      Condition: bedrockDeliveryCondition(accountId, region),
    },
  ]);
}

export function invocationLogCloudWatchPermissions(logGroupArn: string): PolicyDocument {
  return policyDocument([writeLogStreamsStatement('WriteInvocationLogStreams', logGroupArn)]);
}
