/**
 * Stack `org-governance`, deployed into the management account: the organization's
 * enabled policy types and trusted services, the organization trail and the alarms on
 * it, the Macie delegated administrator, the baseline SCPs and the mandatory-tag policy
 * attached to every governed OU (and the network perimeter to the OUs that turn it on),
 * and (with governance.orgGuardrail) the organization guardrail that BEDROCK_POLICY enforces.
 */
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { Construct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { BedrockCloudTrailAlarms, organizationTrailAlarmSettings } from '../constructs/bedrock-cloudtrail-alarms';
import { GovernanceStack } from '../constructs/governance-stack';
import { MandatoryTagPolicy } from '../constructs/mandatory-tags';
import { OrganizationGuardrail } from '../constructs/organization-guardrail';
import { enforcedOrganizationGuardrail, organizationGuardrailRegions } from '../guardrails/spec';
import { OrganizationTrail } from '../constructs/organization-trail';
import { OrganizationTrailLogGroup } from '../constructs/organization-trail-log-group';
import { MacieDelegatedAdministrator } from '../constructs/macie-delegated-admin';
import { toTerraformString } from '../policies/document';
import { baselineServiceControlPolicies, networkPerimeterServiceControlPolicies, type ServiceControlPolicy } from '../policies/scp';

export const ORG_GOVERNANCE_STACK = 'org-governance';

/** Policy types the baseline always needs enabled on the root. */
export const REQUIRED_POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'TAG_POLICY'] as const;

/** Policy types the baseline of `config` needs on the root: the required ones, and BEDROCK_POLICY for an enforced organization guardrail. */
export function baselinePolicyTypes(config: BaselineConfig): string[] {
  return [...REQUIRED_POLICY_TYPES, ...(enforcedOrganizationGuardrail(config) ? ['BEDROCK_POLICY'] : [])].sort();
}

/** Every policy type enabled on the root: the baseline's and the config's additions. */
export function enabledPolicyTypes(config: BaselineConfig): string[] {
  return [...new Set([...baselinePolicyTypes(config), ...config.organization.additionalPolicyTypes])].sort();
}

/** Services that need trusted access for the baseline's org-wide features. */
export const REQUIRED_SERVICE_ACCESS_PRINCIPALS = ['cloudtrail.amazonaws.com', 'macie.amazonaws.com'] as const;

export class OrgGovernanceStack extends GovernanceStack {
  /** The SCPs by policy name, for other constructs of this stack and for tests. */
  readonly serviceControlPolicies: ReadonlyMap<string, OrganizationsPolicy>;

  constructor(scope: Construct, config: BaselineConfig) {
    super(scope, ORG_GOVERNANCE_STACK, {
      config,
      accountId: config.organization.managementAccountId,
      // The organization guardrail lives in each region it is enforced in.
      regions: [...new Set([config.organization.homeRegion, ...organizationGuardrailRegions(config)])],
    });

    const organization = new OrganizationsOrganization(this, 'organization', {
      featureSet: 'ALL',
      enabledPolicyTypes: enabledPolicyTypes(config),
      awsServiceAccessPrincipals: [...REQUIRED_SERVICE_ACCESS_PRINCIPALS, ...config.organization.additionalServiceAccessPrincipals].sort(),
      // The organization exists already: adopt it, and never let a destroy delete it.
      lifecycle: { preventDestroy: true },
    });
    organization.importFrom(config.organization.id);
    const home = this.provider(config.organization.homeRegion);
    const trailLogs = config.alarms.organizationTrail.enabled ? new OrganizationTrailLogGroup(this, 'organization-trail-log-group', { config, provider: home }) : undefined;
    new OrganizationTrail(this, 'organization-trail', { config, dependsOn: [organization], cloudWatchLogs: trailLogs?.delivery });

    new MacieDelegatedAdministrator(this, 'macie-delegated-admin', { adminAccountId: config.coreAccounts.audit, dependsOn: [organization] });

    const policies = new Map<string, OrganizationsPolicy>();
    const attach = (scp: ServiceControlPolicy, targetIds: readonly string[], skipDestroy: boolean) => {
      const policy = new OrganizationsPolicy(this, `scp-${scp.name}`, {
        name: scp.name,
        description: scp.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: toTerraformString(scp.document),
        skipDestroy,
        dependsOn: [organization],
      });
      policies.set(scp.name, policy);
      for (const targetId of targetIds) {
        new OrganizationsPolicyAttachment(this, `scp-${scp.name}-${targetId}`, {
          policyId: policy.id,
          targetId,
          skipDestroy,
        });
      }
    };
    // A stray `destroy` leaves the guardrails of the organization in place.
    for (const scp of baselineServiceControlPolicies(config)) attach(scp, config.organizationalUnits.map((ou) => ou.id), true);
    // A perimeter must come off when its switch is turned off (the rollback in docs/network.md):
    // skip_destroy would only drop it from the state and leave it attached.
    for (const scp of networkPerimeterServiceControlPolicies(config)) attach(scp, [scp.ouId], false);
    this.serviceControlPolicies = policies;

    new MandatoryTagPolicy(this, 'mandatory-tag-policy', { config, organization });
    const orgGuardrail = enforcedOrganizationGuardrail(config)
      ? new OrganizationGuardrail(this, 'organization-guardrail', { config, organization, providerFor: (region) => this.provider(region) })
      : undefined;
    // With the BEDROCK_POLICY's id, its attachment, detachment and deletion alarm too (CloudTrail names only the id).
    const bedrockPolicyIds = orgGuardrail ? [orgGuardrail.policy.id] : [];
    if (trailLogs) new BedrockCloudTrailAlarms(this, 'organization-trail-alarms', { ...organizationTrailAlarmSettings(config), provider: home, logGroupName: trailLogs.logGroup.name, bedrockPolicyIds });
  }
}
