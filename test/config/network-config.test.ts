/** The `network` entries of workload accounts and the OU perimeter switch: defaults, canonical order, one message per mistake at its YAML path. */
import { parseConfig } from '../../config/load';
import { ipv4CidrProblem } from '../../config/network-schema';
import { editedExampleConfig, editedExampleProblems, type ConfigEdit } from '../support/config-fixtures';

const set = (path: Array<string | number>, value: unknown): ConfigEdit => ({ set: path, value });
const problems = (...edits: ConfigEdit[]): string[] => editedExampleProblems(edits);
// Example accounts: [0] chatbot-prod and [1] rag-search-prod (us-east-1, us-west-2), both in the perimeter OU; [2] chatbot-test (us-west-2, us-east-1).
const chatbot = (...rest: Array<string | number>) => ['workloadAccounts', 0, 'network', 'us-east-1', ...rest];
const ragWest = (...rest: Array<string | number>) => ['workloadAccounts', 1, 'network', 'us-west-2', ...rest];
const testAccount = (...rest: Array<string | number>) => ['workloadAccounts', 2, ...rest];
const VPC = 'vpc-0d4e5f6a7b8c90a1b';
const entry = { vpcId: VPC, subnetIds: ['subnet-0d4e5f6a7b8c90001'], allowedCidrs: ['10.40.0.0/16'] };

describe('network defaults', () => {
  const config = parseConfig(editedExampleConfig(), 'baseline.yaml');
  const account = (name: string) => config.workloadAccounts.find((candidate) => candidate.name === name)!;

  it('an account without a network entry gets none, and an OU without the switch has no perimeter', () => {
    expect(account('chatbot-test').network).toEqual({});
    expect(config.organizationalUnits.find((ou) => ou.name === 'workloads-test')!.networkPerimeter).toBe(false);
  });

  it('an entry without sources lists or services gets empty ones; the lists come out sorted', () => {
    const reordered = parseConfig(
      editedExampleConfig(
        set(chatbot('subnetIds'), ['subnet-0a1b2c3d4e5f60002', 'subnet-0a1b2c3d4e5f60001']),
        set(chatbot('allowedCidrs'), ['10.21.0.0/16', '10.20.0.0/16']),
      ),
      'baseline.yaml',
    );
    expect(reordered.workloadAccounts.find((candidate) => candidate.name === 'chatbot-prod')!.network['us-east-1']).toEqual({
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
      allowedCidrs: ['10.20.0.0/16', '10.21.0.0/16'],
      allowedSecurityGroupIds: [],
      additionalServices: [],
    });
  });
});

describe('network mistakes', () => {
  it.each<[string, ConfigEdit[], string]>([
    [
      'a VPC id of the wrong shape',
      [set(chatbot('vpcId'), 'vpc-123')],
      'workloadAccounts[0].network."us-east-1".vpcId: "vpc-123" is not a VPC id (vpc- and 8 or 17 hex digits)',
    ],
    [
      'a subnet id where the VPC goes',
      [set(chatbot('vpcId'), 'subnet-0a1b2c3d4e5f60001')],
      'workloadAccounts[0].network."us-east-1".vpcId: "subnet-0a1b2c3d4e5f60001" is not a VPC id (vpc- and 8 or 17 hex digits)',
    ],
    [
      'a subnet id in upper case',
      [set(chatbot('subnetIds'), ['subnet-0A1B2C3D'])],
      'workloadAccounts[0].network."us-east-1".subnetIds[0]: "subnet-0A1B2C3D" is not a subnet id (subnet- and 8 or 17 hex digits)',
    ],
    [
      'a security group by name',
      [set(chatbot('allowedSecurityGroupIds'), ['chatbot-tasks'])],
      'workloadAccounts[0].network."us-east-1".allowedSecurityGroupIds[0]: "chatbot-tasks" is not a security group id (sg- and 8 or 17 hex digits)',
    ],
    [
      'no subnets',
      [set(chatbot('subnetIds'), [])],
      'workloadAccounts[0].network."us-east-1".subnetIds: must list at least one subnet: each gets an endpoint network interface',
    ],
    ['no VPC', [{ delete: chatbot('vpcId') }], 'workloadAccounts[0].network."us-east-1".vpcId: is required'],
    [
      'a CIDR that is not one',
      [set(chatbot('allowedCidrs'), ['10.20.0/16'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "10.20.0/16" is not an IPv4 CIDR block (a.b.c.d/n)',
    ],
    [
      'a CIDR with an octet over 255',
      [set(chatbot('allowedCidrs'), ['10.256.0.0/16'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "10.256.0.0/16" is not an IPv4 CIDR block (a.b.c.d/n)',
    ],
    [
      'a CIDR prefix over 32',
      [set(chatbot('allowedCidrs'), ['10.20.0.0/33'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "10.20.0.0/33" is not an IPv4 CIDR block (a.b.c.d/n)',
    ],
    [
      'a host address as a network',
      [set(chatbot('allowedCidrs'), ['10.20.3.7/16'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "10.20.3.7/16" has host bits set: the network is 10.20.0.0/16',
    ],
    [
      'the whole internet',
      [set(chatbot('allowedCidrs'), ['0.0.0.0/0'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "0.0.0.0/0" admits every address: name the networks whose workloads call Bedrock',
    ],
    [
      'an IPv6 block',
      [set(chatbot('allowedCidrs'), ['2001:db8::/32'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[0]: "2001:db8::/32" is not an IPv4 CIDR block (a.b.c.d/n)',
    ],
    [
      'no sources at all',
      [set(chatbot('allowedCidrs'), [])],
      'workloadAccounts[0].network."us-east-1": admits no one: list the allowedCidrs or allowedSecurityGroupIds of the workloads that call Bedrock',
    ],
    [
      'a service without a PrivateLink endpoint here',
      [set(chatbot('additionalServices'), ['bedrock-agent'])],
      'workloadAccounts[0].network."us-east-1".additionalServices[0]: "bedrock-agent" is not one of bedrock, bedrock-agentcore, bedrock-mantle',
    ],
    [
      'the mantle endpoint while the OU has not opted into mantle',
      [set(chatbot('additionalServices'), ['bedrock-mantle'])],
      'workloadAccounts[0].network."us-east-1".additionalServices[0]: "bedrock-mantle" is denied by the SCP of its OU ou-ab12-prod0001: add unlogged-inference to organizationalUnits[0].optIns first',
    ],
    ['a misspelt key', [set(chatbot('subnets'), ['subnet-0a1b2c3d4e5f60001'])], 'workloadAccounts[0].network."us-east-1".subnets: unknown key'],
    [
      'a region the account does not use',
      [set(['workloadAccounts', 0, 'network', 'eu-west-1'], entry)],
      'workloadAccounts[0].network."eu-west-1": "eu-west-1" is not one of the account\'s regions (us-east-1, us-west-2)',
    ],
    [
      'a subnet twice',
      [set(chatbot('subnetIds'), ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60001'])],
      'workloadAccounts[0].network."us-east-1".subnetIds[1]: "subnet-0a1b2c3d4e5f60001" duplicates the subnet at index 0',
    ],
    [
      'a CIDR twice',
      [set(chatbot('allowedCidrs'), ['10.20.0.0/16', '10.20.0.0/16'])],
      'workloadAccounts[0].network."us-east-1".allowedCidrs[1]: "10.20.0.0/16" duplicates the CIDR block at index 0',
    ],
    [
      'a security group twice',
      [set(ragWest('allowedSecurityGroupIds'), ['sg-0c3d4e5f6a7b80001', 'sg-0c3d4e5f6a7b80001'])],
      'workloadAccounts[1].network."us-west-2".allowedSecurityGroupIds[1]: "sg-0c3d4e5f6a7b80001" duplicates the security group at index 0',
    ],
    [
      'a service twice',
      [set(ragWest('additionalServices'), ['bedrock', 'bedrock'])],
      'workloadAccounts[1].network."us-west-2".additionalServices[1]: "bedrock" duplicates the service at index 0',
    ],
    [
      "a subnet of the account's other region",
      [set(ragWest('subnetIds'), ['subnet-0b2c3d4e5f6a70001'])],
      'workloadAccounts[1].network."us-west-2".subnetIds[0]: "subnet-0b2c3d4e5f6a70001" is also listed for account 555555555555 in us-east-1: a subnet belongs to one VPC',
    ],
    [
      "another account's VPC",
      [set(testAccount('network'), { 'us-west-2': { ...entry, vpcId: 'vpc-0c3d4e5f6a7b80910' } })],
      'workloadAccounts[2].network."us-west-2".vpcId: "vpc-0c3d4e5f6a7b80910" is also listed for account 555555555555 in us-west-2: a VPC belongs to one account and region',
    ],
    [
      'an account region without a network in a perimeter OU',
      [
        set(['organizationalUnits', 0, 'networkPerimeter'], true),
        set(['governance', 'scpsPerTarget'], 5),
        { delete: ['workloadAccounts', 1, 'network', 'us-west-2'] },
      ],
      "workloadAccounts[1].network: has no entry for us-west-2, and OU ou-ab12-prod0001 (workloads-prod) has networkPerimeter on: the account's Bedrock inference there would be denied",
    ],
    [
      'a perimeter switch that is not a boolean',
      [set(['organizationalUnits', 0, 'networkPerimeter'], 'yes')],
      'organizationalUnits[0].networkPerimeter: Invalid input: expected boolean, received string',
    ],
  ])('%s', (_case, edits, message) => {
    const found = problems(...edits);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^baseline\.yaml:\d+: /);
    expect(found[0]!.replace(/^baseline\.yaml:\d+: /, '')).toBe(message);
  });

  it('an account of a perimeter OU without any entry (its VPCs do not exist yet) is valid: the perimeter keeps it from running models', () => {
    expect(problems({ delete: ['workloadAccounts', 0, 'network'] }, { delete: ['workloadAccounts', 1, 'network'] })).toEqual([]);
  });

  it('the mantle endpoint is accepted once the OU opts into mantle', () => {
    expect(
      problems(set(['organizationalUnits', 0, 'optIns'], ['unlogged-inference']), set(chatbot('additionalServices'), ['bedrock-mantle'])),
    ).toEqual([]);
  });

  it('an account outside a perimeter OU needs no network entry', () => {
    expect(problems(set(['organizationalUnits', 0, 'networkPerimeter'], false), { delete: ['workloadAccounts', 1, 'network'] })).toEqual([]);
  });
});

describe('IPv4 CIDR blocks', () => {
  it.each(['10.0.0.0/8', '192.168.10.0/24', '10.20.30.40/32', '172.16.0.0/12'])('%s is a network', (cidr) => {
    expect(ipv4CidrProblem(cidr)).toBeUndefined();
  });

  it('names the network of a block with host bits set', () => {
    expect(ipv4CidrProblem('192.168.10.77/26')).toBe('"192.168.10.77/26" has host bits set: the network is 192.168.10.64/26');
  });
});
