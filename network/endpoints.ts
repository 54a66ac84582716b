/**
 * The Bedrock PrivateLink services a workload account can reach through interface
 * endpoints, and the names of what the baseline creates for them. Pure and free of
 * config imports, so the schema, the policies and the constructs can all share it.
 *
 * Documented (Bedrock user guide, "Use interface VPC endpoints (AWS PrivateLink)",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html): the
 * endpoint suffixes `bedrock` (control plane), `bedrock-runtime`, `bedrock-mantle`,
 * `bedrock-agent` (agents build time) and `bedrock-agent-runtime`. Documented (AgentCore
 * developer guide, https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/vpc-interface-endpoints.html):
 * `com.amazonaws.<region>.bedrock-agentcore` serves the AgentCore data plane. Documented
 * (PrivateLink guide, "AWS services that integrate with AWS PrivateLink"): AWS service
 * endpoints are named `com.amazonaws.<region>.<suffix>`.
 */

/** Endpoints every account with a network entry gets: inference and agent/knowledge-base runtime. */
export const REQUIRED_ENDPOINT_SERVICES = ['bedrock-runtime', 'bedrock-agent-runtime'] as const;

/** Endpoints an account adds per region (config `network.<region>.additionalServices`). */
export const OPTIONAL_ENDPOINT_SERVICES = ['bedrock', 'bedrock-agentcore', 'bedrock-mantle'] as const;

export type OptionalEndpointService = (typeof OPTIONAL_ENDPOINT_SERVICES)[number];
export type EndpointService = (typeof REQUIRED_ENDPOINT_SERVICES)[number] | OptionalEndpointService;

/** The PrivateLink service name of an AWS service endpoint in `region`. */
export function endpointServiceName(region: string, service: EndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The endpoint services of one account and region: the required ones, then the additional ones in the config's order. */
export function endpointServicesOf(additionalServices: readonly OptionalEndpointService[]): EndpointService[] {
  return [...REQUIRED_ENDPOINT_SERVICES, ...additionalServices];
}

/** Security group of the Bedrock interface endpoints in each workload account VPC (one VPC per region). */
export const ENDPOINT_SECURITY_GROUP_NAME = 'bedrock-gov-endpoints';

/** The only port the endpoints answer on: HTTPS. */
export const ENDPOINT_PORT = 443;

/** Organizations name of the network-perimeter SCP of one OU (policy names are unique in an organization). */
export function networkPerimeterScpName(ouId: string): string {
  return `DenyBedrockInferenceOutsideVpcs-${ouId}`;
}
