/**
 * The private path to Bedrock in one workload account and region: an interface endpoint
 * per Bedrock service (private DNS on, so the SDKs' default hostnames resolve to it inside
 * the VPC), each with its least-privilege endpoint policy, behind a security group that
 * admits HTTPS from the configured sources and nothing else. Mandatory tags come from the
 * stack's provider (default_tags), which the mandatory-tag aspect checks; each resource also
 * carries PROTECTED_NETWORK_TAG, by which the SCP DenyBedrockGovernanceTampering keeps account
 * administrators from changing, deleting or re-tagging it.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import type { EndpointService, RegionNetwork } from '../config/schema';
import { PROTECTED_NETWORK_TAG } from '../naming/reserved-names';
import { ENDPOINT_SECURITY_GROUP_NAME } from '../naming/resources';
import { privateLinkServiceName } from '../naming/service-principals';
import { toTerraformString, type PolicyDocument } from '../policies/document';

/** The only port the endpoints answer on. */
const HTTPS_PORT = 443;
/** The tag by which the governance SCP keeps these resources as deployed. */
const PROTECTED = { [PROTECTED_NETWORK_TAG.key]: PROTECTED_NETWORK_TAG.value };

export interface BedrockPrivateEndpointsProps {
  /** Region of the endpoints; the provider's region. */
  readonly region: string;
  /** The VPC and subnets the endpoints go in, and the sources admitted to them. */
  readonly network: RegionNetwork;
  /** Endpoint policy of each service to create an endpoint for, in creation order. */
  readonly policies: ReadonlyMap<EndpointService, PolicyDocument>;
  /** The stack's provider for `region`. */
  readonly provider: AwsProvider;
}

export class BedrockPrivateEndpoints extends Construct {
  /** The security group of every endpoint of the region. */
  readonly securityGroup: SecurityGroup;
  /** The endpoints by service. */
  readonly endpoints: ReadonlyMap<EndpointService, VpcEndpoint>;

  constructor(scope: Construct, id: string, props: BedrockPrivateEndpointsProps) {
    super(scope, id);
    const { region, network, policies, provider } = props;

    // No egress rules: endpoint network interfaces answer connections and never open one.
    // Terraform removes the allow-all egress rule AWS adds to a new group.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: ENDPOINT_SECURITY_GROUP_NAME,
      description: 'Bedrock interface endpoints: HTTPS from the configured sources only',
      vpcId: network.vpcId,
      revokeRulesOnDelete: true,
      tags: PROTECTED,
      provider,
    });
    const https = {
      securityGroupId: this.securityGroup.id,
      ipProtocol: 'tcp',
      fromPort: HTTPS_PORT,
      toPort: HTTPS_PORT,
      tags: PROTECTED,
      provider,
    };
    for (const cidr of network.allowedCidrs) {
      new VpcSecurityGroupIngressRule(this, `https-from-${cidr.replace(/[./]/g, '-')}`, {
        ...https,
        cidrIpv4: cidr,
        description: `HTTPS to Bedrock from ${cidr}`,
      });
    }
    for (const group of network.allowedSecurityGroupIds) {
      new VpcSecurityGroupIngressRule(this, `https-from-${group}`, {
        ...https,
        referencedSecurityGroupId: group,
        description: `HTTPS to Bedrock from ${group}`,
      });
    }

    const endpoints = new Map<EndpointService, VpcEndpoint>();
    for (const [service, policy] of policies) {
      endpoints.set(
        service,
        new VpcEndpoint(this, service, {
          vpcId: network.vpcId,
          serviceName: privateLinkServiceName(region, service),
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: [...network.subnetIds],
          securityGroupIds: [this.securityGroup.id],
          policy: toTerraformString(policy),
          tags: PROTECTED,
          provider,
        }),
      );
    }
    this.endpoints = endpoints;
  }
}
