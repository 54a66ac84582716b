/** The AWS service principals the baseline's policies trust or scope, the regional endpoints `kms:ViaService` names, and PrivateLink service names. */
import type { EndpointService } from '../config/schema';

export const SERVICE_PRINCIPALS = {
  /** Bedrock: delivers invocation logs, and the service its API keys are issued for. */
  bedrock: 'bedrock.amazonaws.com',
  cloudTrail: 'cloudtrail.amazonaws.com',
  /** CloudWatch alarms publishing to SNS. */
  cloudWatch: 'cloudwatch.amazonaws.com',
  /** EventBridge rules publishing to SNS. */
  events: 'events.amazonaws.com',
  guardDuty: 'guardduty.amazonaws.com',
  macie: 'macie.amazonaws.com',
  securityHub: 'securityhub.amazonaws.com',
  /** S3 replication. */
  s3: 's3.amazonaws.com',
  /** S3 server access log delivery. */
  s3ServerAccessLogging: 'logging.s3.amazonaws.com',
} as const;

/** CloudWatch Logs of one region (its service principal is regional). */
export function cloudWatchLogsPrincipal(region: string): string {
  return `logs.${region}.amazonaws.com`;
}

/** `kms:ViaService` value of a service's endpoint in a region, e.g. `s3.us-east-1.amazonaws.com`. */
export function serviceEndpoint(service: 's3' | 'bedrock', region: string): string {
  return `${service}.${region}.amazonaws.com`;
}

/**
 * PrivateLink service name of an AWS service's interface endpoint in `region`, e.g.
 * `com.amazonaws.us-east-1.bedrock-runtime` (PrivateLink guide, "AWS services that integrate
 * with AWS PrivateLink").
 */
export function privateLinkServiceName(region: string, service: EndpointService): string {
  return privateLinkName(region, service);
}

function privateLinkName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

/**
 * Every PrivateLink service of Bedrock in every region, as an `ec2:VpceServiceName` pattern:
 * the endpoints the baseline creates, their FIPS variants, and whatever AWS adds under the name.
 */
export const BEDROCK_PRIVATE_LINK_SERVICES = privateLinkName('*', 'bedrock*');
