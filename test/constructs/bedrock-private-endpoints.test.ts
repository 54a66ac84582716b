/**
 * Bedrock interface endpoints in a workload baseline stack: one per service in each region
 * with a network entry, private DNS on, in the configured subnets, behind one security
 * group that admits HTTPS from the configured sources and nothing else, each with its own
 * endpoint policy; no endpoints where the config gives none; mandatory tags from the
 * provider's default tags.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import { stackTags } from '../../config/tags';
import type { BaselineConfig, EndpointService, WorkloadAccount } from '../../config/schema';
import { PROTECTED_NETWORK_TAG, RESERVED_TAG_KEY_PREFIX } from '../../naming/reserved-names';
import { ENDPOINT_SECURITY_GROUP_NAME } from '../../naming/resources';
import { privateLinkServiceName } from '../../naming/service-principals';
import { referenceProblems } from '../support/iam-reference';
import { policyAttribute, resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';
import { AccountBaselineStack } from '../../stacks/account-baseline';

const config = loadConfig('config/baseline.yaml');
const RAG = config.workloadAccounts.find((account) => account.name === 'rag-search-prod')!; // us-east-1 and us-west-2 (with bedrock and bedrock-agentcore)
const TEST = config.workloadAccounts.find((account) => account.name === 'chatbot-test')!; // no network entry
const baselineOf = (candidate: BaselineConfig, account: WorkloadAccount) => synthStack(new AccountBaselineStack(Testing.app(), candidate, account));
const stack = baselineOf(config, RAG);

type Resource = Record<string, unknown>;
const all = (synthesized: SynthesizedStack, type: string): Resource[] => Object.values(resourcesOfType(synthesized, type));
/** Region of a resource from its provider alias (the default provider is the account's first region). */
const regionOf = (resource: Resource, account: WorkloadAccount = RAG) =>
  resource.provider === 'aws' ? account.regions[0]! : String(resource.provider).replace(/^aws\./, '');
const inRegion = (type: string, region: string) => all(stack, type).filter((resource) => regionOf(resource) === region);

describe.each(Object.entries(RAG.network))('in %s', (region, network) => {
  const endpoints = inRegion('aws_vpc_endpoint', region);
  const [group, ...otherGroups] = inRegion('aws_security_group', region);
  const groupRef = `\${aws_security_group.${Object.entries(resourcesOfType(stack, 'aws_security_group')).find(([, candidate]) => candidate === group)![0]}.id}`;

  test('one interface endpoint per service: bedrock-runtime, bedrock-agent-runtime and the additional ones', () => {
    const services = ['bedrock-runtime', 'bedrock-agent-runtime', ...network.additionalServices];
    expect(endpoints.map((endpoint) => endpoint.service_name).sort()).toEqual(
      services.map((service) => privateLinkServiceName(region, service as EndpointService)).sort(),
    );
  });

  test('each endpoint: interface type, private DNS on, the configured VPC and subnets, only the endpoint security group', () => {
    for (const endpoint of endpoints) {
      expect(endpoint).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        vpc_id: network.vpcId,
        subnet_ids: network.subnetIds,
        security_group_ids: [groupRef],
      });
      expect(endpoint).not.toHaveProperty('route_table_ids');
    }
  });

  test('each endpoint carries the policy of its service, built from the stack’s own guardrail', () => {
    for (const endpoint of endpoints) {
      const service = String(endpoint.service_name).replace(`com.amazonaws.${region}.`, '') as EndpointService;
      const policy = policyAttribute(endpoint, 'policy');
      expect(policy.Statement.length).toBeGreaterThan(0);
      for (const statement of policy.Statement) {
        expect(statement).toMatchObject({ Effect: 'Allow', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': RAG.id } } });
      }
      const guardrail = `\${aws_bedrock_guardrail.${Object.keys(resourcesOfType(stack, 'aws_bedrock_guardrail')).find((id) => id.startsWith(`guardrails-${region}_`))}.guardrail_arn}`;
      if (service === 'bedrock-runtime') expect(JSON.stringify(policy)).toContain(`"${guardrail}:*"`);
    }
  });

  test('one security group in the VPC, no egress, HTTPS in from each configured CIDR and security group only', () => {
    expect(otherGroups).toEqual([]);
    expect(group).toMatchObject({ name: ENDPOINT_SECURITY_GROUP_NAME, vpc_id: network.vpcId, revoke_rules_on_delete: true });
    expect(group).not.toHaveProperty('egress');
    expect(group).not.toHaveProperty('ingress');
    expect(inRegion('aws_vpc_security_group_egress_rule', region)).toEqual([]);
    const rules = inRegion('aws_vpc_security_group_ingress_rule', region);
    for (const rule of rules) expect(rule).toMatchObject({ security_group_id: groupRef, ip_protocol: 'tcp', from_port: 443, to_port: 443 });
    expect(rules.flatMap((rule) => (rule.cidr_ipv4 ? [rule.cidr_ipv4] : [])).sort()).toEqual(network.allowedCidrs);
    expect(rules.flatMap((rule) => (rule.referenced_security_group_id ? [rule.referenced_security_group_id] : [])).sort()).toEqual(
      network.allowedSecurityGroupIds,
    );
    expect(rules).toHaveLength(network.allowedCidrs.length + network.allowedSecurityGroupIds.length);
  });
});

test('the endpoints, security groups and rules carry every mandatory tag through the provider’s default tags', () => {
  const tags = stackTags(config, RAG.id);
  expect(Object.keys(tags).sort()).toEqual(Object.keys(config.mandatoryTags).sort());
  for (const provider of stack.json.provider!.aws as Array<{ default_tags: Array<{ tags: Record<string, string> }> }>)
    expect(provider.default_tags[0]!.tags).toEqual(tags);
  expect(stack.text).toHaveResourceWithProperties(
    { tfResourceType: 'aws_vpc_endpoint' },
    { vpc_endpoint_type: 'Interface', private_dns_enabled: true },
  );
});

test('the endpoints, security groups and rules carry the protected tag the governance SCP recognizes them by', () => {
  const types = ['aws_vpc_endpoint', 'aws_security_group', 'aws_vpc_security_group_ingress_rule'];
  const resources = types.flatMap((type) => all(stack, type));
  expect(resources.length).toBeGreaterThan(types.length);
  for (const resource of resources) expect(resource.tags).toEqual({ [PROTECTED_NETWORK_TAG.key]: PROTECTED_NETWORK_TAG.value });
  expect(PROTECTED_NETWORK_TAG.key.startsWith(RESERVED_TAG_KEY_PREFIX)).toBe(true);
});

test('an account without a network entry gets no endpoint, security group or rule', () => {
  const plain = baselineOf(config, TEST);
  for (const type of ['aws_vpc_endpoint', 'aws_security_group', 'aws_vpc_security_group_ingress_rule']) expect(all(plain, type)).toEqual([]);
});

test('every endpoint policy kind names only real actions and condition keys, the mantle one included', async () => {
  // The OU opts into mantle and the other model-running classes the agent-runtime endpoint admits only with an opt-in.
  const optIns = ['unlogged-inference', 'unguarded-inference'] as const;
  const mantleAllowed: BaselineConfig = {
    ...config,
    organizationalUnits: config.organizationalUnits.map((ou) => (ou.id === RAG.ou ? { ...ou, optIns: [...optIns] } : ou)),
  };
  const withMantle = baselineOf(mantleAllowed, {
    ...RAG,
    network: { 'us-east-1': { ...RAG.network['us-east-1']!, additionalServices: ['bedrock', 'bedrock-agentcore', 'bedrock-mantle'] } },
  });
  const policies = all(withMantle, 'aws_vpc_endpoint').map(
    (endpoint) => [String(endpoint.service_name), policyAttribute(endpoint, 'policy')] as const,
  );
  expect(policies.map(([service]) => service).filter((service) => service.startsWith('com.amazonaws.us-east-1.'))).toHaveLength(5);
  for (const [service, policy] of policies) expect([service, await referenceProblems(policy)]).toEqual([service, []]);
});
