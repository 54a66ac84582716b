/**
 * Security Hub CSPM across the organization, from its delegated administrator (the audit
 * account) in the home region: the administrator's own hub (enabled by the designation in
 * org-governance, adopted with an import), cross-region aggregation of findings into the
 * home region, central configuration, and one configuration policy that enables the chosen
 * standards in the targets it is associated with.
 */
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityhubAccount } from '@cdktf/provider-aws/lib/securityhub-account';
import { SecurityhubConfigurationPolicy } from '@cdktf/provider-aws/lib/securityhub-configuration-policy';
import { SecurityhubConfigurationPolicyAssociation } from '@cdktf/provider-aws/lib/securityhub-configuration-policy-association';
import { SecurityhubFindingAggregator } from '@cdktf/provider-aws/lib/securityhub-finding-aggregator';
import { SecurityhubOrganizationConfiguration } from '@cdktf/provider-aws/lib/securityhub-organization-configuration';
import { Construct } from 'constructs';
import {
  SECURITY_HUB_AUTO_ENABLE_STANDARDS_NONE,
  SECURITY_HUB_CONFIGURATION_CENTRAL,
  SECURITY_HUB_CONTROL_FINDINGS_CONSOLIDATED,
  SECURITY_HUB_LINK_NO_REGIONS,
  SECURITY_HUB_LINK_SPECIFIED_REGIONS,
} from '../detection/api-values';

export interface SecurityHubOrganizationProps {
  /** Provider of the audit account in the home region (the aggregation region). */
  readonly provider: AwsProvider;
  /** The audit account, whose hub the designation enabled. */
  readonly administratorAccountId: string;
  /** Regions besides the home region whose findings are aggregated there and which the policy configures. */
  readonly linkedRegions: readonly string[];
  /** Name of the configuration policy. */
  readonly policyName: string;
  /** ARNs of the standards the policy enables (home-region ARNs; central configuration applies them in every linked region). */
  readonly standardArns: readonly string[];
  /** OU and account ids the policy is associated with. */
  readonly targets: readonly string[];
}

export class SecurityHubOrganization extends Construct {
  /** The configuration policy. */
  readonly policy: SecurityhubConfigurationPolicy;

  constructor(scope: Construct, id: string, props: SecurityHubOrganizationProps) {
    super(scope, id);
    const { provider } = props;
    const hub = new SecurityhubAccount(this, 'hub', {
      provider,
      // The configuration policy decides the standards, here as in every other account.
      enableDefaultStandards: false,
      controlFindingGenerator: SECURITY_HUB_CONTROL_FINDINGS_CONSOLIDATED,
      autoEnableControls: true,
      // Destroying the hub disables Security Hub CSPM in the administrator and with it central configuration.
      lifecycle: { preventDestroy: true },
    });
    hub.importFrom(props.administratorAccountId, provider);

    const linked = [...props.linkedRegions].sort();
    const aggregator = new SecurityhubFindingAggregator(this, 'finding-aggregator', {
      provider,
      linkingMode: linked.length > 0 ? SECURITY_HUB_LINK_SPECIFIED_REGIONS : SECURITY_HUB_LINK_NO_REGIONS,
      specifiedRegions: linked.length > 0 ? linked : undefined,
      dependsOn: [hub],
    });
    // Central configuration needs the aggregator first; accounts are then enabled by policy, not by auto-enable.
    const organization = new SecurityhubOrganizationConfiguration(this, 'organization-configuration', {
      provider,
      autoEnable: false,
      autoEnableStandards: SECURITY_HUB_AUTO_ENABLE_STANDARDS_NONE,
      organizationConfiguration: { configurationType: SECURITY_HUB_CONFIGURATION_CENTRAL },
      dependsOn: [aggregator],
    });
    this.policy = new SecurityhubConfigurationPolicy(this, 'configuration-policy', {
      provider,
      name: props.policyName,
      description: 'Security Hub CSPM for the Bedrock governance baseline: the standards below in every governed OU and core account.',
      configurationPolicy: {
        serviceEnabled: true,
        enabledStandardArns: [...props.standardArns].sort(),
        // Every control of the enabled standards, including ones AWS adds later.
        securityControlsConfiguration: { disabledControlIdentifiers: [] },
      },
      dependsOn: [organization],
    });
    for (const target of [...new Set(props.targets)].sort()) {
      new SecurityhubConfigurationPolicyAssociation(this, `association-${target}`, { provider, targetId: target, policyId: this.policy.id });
    }
  }
}
