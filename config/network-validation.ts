/**
 * Rules that relate the `network` entries of workload accounts to the rest of the config:
 * regions of the account, other entries (a subnet or VPC lives in one account and
 * region), the OU's network perimeter and the bedrock-mantle switch.
 */
import { duplicateIssues } from './duplicates';
import type { RegionNetwork } from './network-schema';
import type { ParsedConfig } from './schema';
import type { ConfigIssue, ConfigPath } from './validate';

interface Placement {
  readonly accountId: string;
  readonly region: string;
}

/** Ids that must not appear in two entries: the second and later entries are reported, each at its own path. */
class OwnedIds {
  private readonly owners = new Map<string, Placement>();

  constructor(private readonly what: string) {}

  claim(id: string, owner: Placement, path: ConfigPath): ConfigIssue[] {
    const first = this.owners.get(id);
    if (!first) {
      this.owners.set(id, owner);
      return [];
    }
    // The same id twice in one list is a plain duplicate, reported by duplicateIssues.
    if (first.accountId === owner.accountId && first.region === owner.region) return [];
    return [{ path, message: `"${id}" is also listed for account ${first.accountId} in ${first.region}: ${this.what}` }];
  }
}

function regionNetworkIssues(config: ParsedConfig, network: RegionNetwork, at: (...rest: Array<string | number>) => ConfigPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [
    ...duplicateIssues(network.subnetIds, (id) => id, (i) => at('subnetIds', i), 'subnet'),
    ...duplicateIssues(network.allowedCidrs, (cidr) => cidr, (i) => at('allowedCidrs', i), 'CIDR block'),
    ...duplicateIssues(network.allowedSecurityGroupIds, (id) => id, (i) => at('allowedSecurityGroupIds', i), 'security group'),
    ...duplicateIssues(network.additionalServices, (service) => service, (i) => at('additionalServices', i), 'service'),
  ];
  if (network.allowedCidrs.length === 0 && network.allowedSecurityGroupIds.length === 0) {
    issues.push({ path: at(), message: 'admits no one: list the allowedCidrs or allowedSecurityGroupIds of the workloads that call Bedrock' });
  }
  network.additionalServices.forEach((service, i) => {
    if (service === 'bedrock-mantle' && config.governance.bedrockMantle !== 'allow') {
      issues.push({ path: at('additionalServices', i), message: '"bedrock-mantle" is denied by governance.bedrockMantle: allow it there first' });
    }
  });
  return issues;
}

/** Every problem of the accounts' network entries; empty when they are consistent. */
export function networkIssues(config: ParsedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const vpcs = new OwnedIds('a VPC belongs to one account and region');
  const subnets = new OwnedIds('a subnet belongs to one VPC');
  config.workloadAccounts.forEach((account, index) => {
    const entryPath = (region: string, ...rest: Array<string | number>): ConfigPath => ['workloadAccounts', index, 'network', region, ...rest];
    for (const [region, network] of Object.entries(account.network)) {
      if (!account.regions.includes(region)) {
        issues.push({ path: entryPath(region), message: `"${region}" is not one of the account's regions (${account.regions.join(', ')})` });
      }
      const owner = { accountId: account.id, region };
      issues.push(...vpcs.claim(network.vpcId, owner, entryPath(region, 'vpcId')));
      network.subnetIds.forEach((subnet, i) => issues.push(...subnets.claim(subnet, owner, entryPath(region, 'subnetIds', i))));
      issues.push(...regionNetworkIssues(config, network, (...rest) => entryPath(region, ...rest)));
    }
    // An account without any entry is one whose VPCs do not exist yet (a freshly vended one): the
    // perimeter keeps it from running models until they do. Some regions without the others is an oversight.
    const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou);
    const covered = Object.keys(account.network);
    if (ou?.networkPerimeter && covered.length > 0) {
      for (const region of account.regions.filter((candidate) => !covered.includes(candidate))) {
        issues.push({
          path: ['workloadAccounts', index, 'network'],
          message: `has no entry for ${region}, and OU ${ou.id} (${ou.name}) has networkPerimeter on: the account's Bedrock inference there would be denied`,
        });
      }
    }
  });
  return issues;
}
