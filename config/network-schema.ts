/**
 * The `network` entry of a workload account: per region, the VPC and subnets its Bedrock
 * interface endpoints go in and who may reach them. Each value is checked on its own
 * here; how the entries relate to the account, to each other and to other accounts is
 * checked in validate.ts.
 */
import { z } from 'zod';

/*
 * Documented (Bedrock user guide, "Use interface VPC endpoints (AWS PrivateLink)",
 * https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html): the
 * endpoint suffixes `bedrock` (control plane), `bedrock-runtime`, `bedrock-mantle`,
 * `bedrock-agent` (agents build time) and `bedrock-agent-runtime`. Documented (AgentCore
 * developer guide, https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/vpc-interface-endpoints.html):
 * `bedrock-agentcore` serves the AgentCore data plane.
 */

/** Endpoints every account with a network entry gets: inference and agent/knowledge-base runtime. */
export const REQUIRED_ENDPOINT_SERVICES = ['bedrock-runtime', 'bedrock-agent-runtime'] as const;

/** Endpoints an account adds per region (config `network.<region>.additionalServices`). */
export const OPTIONAL_ENDPOINT_SERVICES = ['bedrock', 'bedrock-agentcore', 'bedrock-mantle'] as const;

export type OptionalEndpointService = (typeof OPTIONAL_ENDPOINT_SERVICES)[number];
export type EndpointService = (typeof REQUIRED_ENDPOINT_SERVICES)[number] | OptionalEndpointService;

/** The endpoint services of one account and region: the required ones, then the additional ones in the config's order. */
export function endpointServicesOf(additionalServices: readonly OptionalEndpointService[]): EndpointService[] {
  return [...REQUIRED_ENDPOINT_SERVICES, ...additionalServices];
}

const quoted = (input: unknown): string => (typeof input === 'string' ? `"${input}"` : JSON.stringify(input));

/** EC2 ids: a prefix and 8 (older resources) or 17 hexadecimal digits. */
const ec2Id = (prefix: string, what: string) =>
  z.string({ error: (iss) => `must be ${what}, got ${quoted(iss.input)}` }).regex(new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`), {
    error: (iss) => `${quoted(iss.input)} is not ${what} (${prefix}- and 8 or 17 hex digits)`,
  });

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** What is wrong with an IPv4 CIDR block, or undefined when it is a network address other than 0.0.0.0/0. */
export function ipv4CidrProblem(cidr: string): string | undefined {
  const match = IPV4_CIDR.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) return `${quoted(cidr)} is not an IPv4 CIDR block (a.b.c.d/n)`;
  if (prefix === 0) return `${quoted(cidr)} admits every address: name the networks whose workloads call Bedrock`;
  const address = octets.reduce((value, octet) => value * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  if (network !== address) {
    const networkText = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
    return `${quoted(cidr)} has host bits set: the network is ${networkText}/${prefix}`;
  }
  return undefined;
}

const Ipv4CidrSchema = z.string({ error: (iss) => `must be an IPv4 CIDR block, got ${quoted(iss.input)}` }).superRefine((cidr, ctx) => {
  const problem = ipv4CidrProblem(cidr);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const RegionNetworkSchema = z
  .strictObject({
    vpcId: ec2Id('vpc', 'a VPC id').describe('VPC of the interface endpoints, in this region and owned by the account.'),
    subnetIds: z
      .array(ec2Id('subnet', 'a subnet id'))
      .min(1, { error: 'must list at least one subnet: each gets an endpoint network interface' })
      .describe('Subnets of that VPC the endpoints get a network interface in: one per Availability Zone the callers run in.'),
    allowedCidrs: z
      .array(Ipv4CidrSchema)
      .default([])
      .describe('IPv4 networks that may reach the endpoints on HTTPS (443), e.g. the subnets of the workloads. Nothing else is admitted.'),
    allowedSecurityGroupIds: z
      .array(ec2Id('sg', 'a security group id'))
      .default([])
      .describe('Security groups of the workloads that may reach the endpoints on HTTPS (443).'),
    additionalServices: z
      .array(z.enum(OPTIONAL_ENDPOINT_SERVICES, { error: (iss) => `${quoted(iss.input)} is not one of ${OPTIONAL_ENDPOINT_SERVICES.join(', ')}` }))
      .default([])
      .describe(
        "Endpoints besides bedrock-runtime and bedrock-agent-runtime: bedrock (control plane, read-only), bedrock-agentcore (data plane), bedrock-mantle (only where the account's OU opts into unlogged-inference).",
      ),
  })
  .describe('Where the Bedrock interface endpoints of one region go, and who may reach them.');

/** Region -> network of one workload account; a region not listed gets no endpoints. */
export const AccountNetworkSchema = z
  .record(z.string(), RegionNetworkSchema)
  .default({})
  .describe(
    "Region -> VPC, subnets and allowed sources of the account's Bedrock interface endpoints (docs/network.md). Regions not listed get none; in an OU with networkPerimeter, list every region of the account.",
  );

export type RegionNetwork = z.output<typeof RegionNetworkSchema>;

/** The entry with its lists sorted: their order carries no meaning. */
export function canonicalRegionNetwork(network: RegionNetwork): RegionNetwork {
  const sorted = <T extends string>(values: readonly T[]): T[] => [...values].sort();
  return {
    vpcId: network.vpcId,
    subnetIds: sorted(network.subnetIds),
    allowedCidrs: sorted(network.allowedCidrs),
    allowedSecurityGroupIds: sorted(network.allowedSecurityGroupIds),
    additionalServices: sorted(network.additionalServices),
  };
}
