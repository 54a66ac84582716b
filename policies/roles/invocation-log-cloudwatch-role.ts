/** The role Bedrock assumes to deliver one region's invocation logs to CloudWatch Logs. */
import { bedrockDeliveryCondition } from '../buckets/invocation-log-landing-bucket-policies';
import { policyDocument, type PolicyDocument } from '../document';

export function invocationLogCloudWatchTrustPolicy(accountId: string, region: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AllowBedrockInvocationLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: bedrockDeliveryCondition(accountId, region),
    },
  ]);
}

export function invocationLogCloudWatchPermissions(logGroupArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'WriteInvocationLogStreams',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroupArn}:log-stream:*`,
    },
  ]);
}
