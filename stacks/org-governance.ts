/**
 * Stack `org-governance`, deployed into the management account: the organization's
 * enabled policy types and trusted services, the organization trail and the alarms on
 * it, the delegated administrator of Macie, GuardDuty and Security Hub, the baseline SCPs
 * (each OU's own perimeter, the shared ones, and the network perimeter on the OUs that turn
 * it on) and the mandatory-tag policy attached to every governed OU, and (with
 * governance.orgGuardrail) the organization guardrail that BEDROCK_POLICY enforces.
 */
import { OrganizationsOrganization } from '@cdktf/provider-aws/lib/organizations-organization';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import { cloudTrailAlarmInputs } from '../alarms/bedrock-cloudtrail-alarms';
import type { BaselineConfig } from '../config/schema';
import { BedrockCloudTrailAlarms } from '../constructs/bedrock-cloudtrail-alarms';
import { DetectiveDelegatedAdministrators } from '../constructs/detective-delegated-admins';
import { MacieDelegatedAdministrator } from '../constructs/macie-delegated-admin';
import { MandatoryTagPolicy } from '../constructs/mandatory-tag-policy';
import { OrganizationGuardrail } from '../constructs/organization-guardrail';
import { OrganizationTrail } from '../constructs/organization-trail';
import { OrganizationTrailLogGroup } from '../constructs/organization-trail-log-group';
import { guardDutyRegions } from '../detection/scope';
import { enforcedOrganizationGuardrail, enforcementScope, organizationGuardrailRegions, organizationGuardrailSpec } from '../guardrails/spec';
import { centralKeyAliasArn } from '../naming/arns';
import { cloudTrailBucketName, KEY_PURPOSES } from '../naming/resources';
import { ORG_GOVERNANCE_STACK } from '../naming/stacks';
import { toTerraformString } from '../policies/document';
import { organizationTrailLogGroupKeyPolicy } from '../policies/keys/organization-trail-log-group-key-policy';
import { baselineServiceAccessPrincipals, enabledPolicyTypes } from '../policies/organization-requirements';
import { organizationTrailCloudWatchPermissions, organizationTrailCloudWatchTrustPolicy } from '../policies/roles/organization-trail-cloudwatch-role';
import { baselineServiceControlPolicies } from '../policies/scp';
import { GovernanceStack } from './governance-stack';

export class OrgGovernanceStack extends GovernanceStack {
  /** The SCPs by policy name, for other constructs of this stack and for tests. */
  readonly serviceControlPolicies: ReadonlyMap<string, OrganizationsPolicy>;

  constructor(scope: Construct, config: BaselineConfig) {
    super(scope, ORG_GOVERNANCE_STACK, {
      config,
      accountId: config.organization.managementAccountId,
      // The organization guardrail lives in each region it is enforced in; GuardDuty's administrator is designated per region.
      regions: [...new Set([config.organization.homeRegion, ...organizationGuardrailRegions(config), ...guardDutyRegions(config)])],
    });

    const organization = new OrganizationsOrganization(this, 'organization', {
      featureSet: 'ALL',
      enabledPolicyTypes: enabledPolicyTypes(config),
      awsServiceAccessPrincipals: [
        ...new Set([...baselineServiceAccessPrincipals(config), ...config.organization.additionalServiceAccessPrincipals]),
      ].sort(),
      // The organization exists already: adopt it, and never let a destroy delete it.
      lifecycle: { preventDestroy: true },
    });
    organization.importFrom(config.organization.id);
    const home = this.provider(config.organization.homeRegion);
    const trailLogs = config.alarms.organizationTrail.enabled
      ? new OrganizationTrailLogGroup(this, 'organization-trail-log-group', {
          provider: home,
          retentionDays: config.alarms.organizationTrail.logRetentionDays,
          keyPolicy: organizationTrailLogGroupKeyPolicy(config),
          role: { trustPolicy: organizationTrailCloudWatchTrustPolicy(config), permissions: organizationTrailCloudWatchPermissions(config) },
        })
      : undefined;
    new OrganizationTrail(this, 'organization-trail', {
      bucketName: cloudTrailBucketName(config),
      kmsKeyAliasArn: centralKeyAliasArn(config, KEY_PURPOSES.cloudTrail),
      readOnlyDataEvents: config.logging.cloudTrail.readOnlyDataEvents,
      dependsOn: [organization],
      cloudWatchLogs: trailLogs?.delivery,
    });

    new MacieDelegatedAdministrator(this, 'macie-delegated-admin', { adminAccountId: config.coreAccounts.audit, dependsOn: [organization] });
    new DetectiveDelegatedAdministrators(this, 'detective-delegated-admins', {
      adminAccountId: config.coreAccounts.audit,
      guardDutyRegions: guardDutyRegions(config).map((region) => ({ region, provider: this.provider(region) })),
      securityHub: config.detection.securityHub.enabled ? { region: config.organization.homeRegion, provider: home } : undefined,
      dependsOn: [organization],
    });

    const policies = new Map<string, OrganizationsPolicy>();
    for (const scp of baselineServiceControlPolicies(config)) {
      const policy = new OrganizationsPolicy(this, `scp-${scp.name}`, {
        name: scp.name,
        description: scp.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: toTerraformString(scp.document),
        skipDestroy: scp.skipDestroy,
        dependsOn: [organization],
      });
      policies.set(scp.name, policy);
      for (const target of scp.targets) {
        new OrganizationsPolicyAttachment(this, `scp-${scp.name}-${target}`, {
          policyId: policy.id,
          targetId: target,
          skipDestroy: scp.skipDestroy,
        });
      }
    }
    this.serviceControlPolicies = policies;

    const governedOuIds = config.organizationalUnits.map((ou) => ou.id);
    new MandatoryTagPolicy(this, 'mandatory-tag-policy', { mandatoryTags: config.mandatoryTags, targetIds: governedOuIds, organization });
    const orgGuardrail = this.organizationGuardrail(config, governedOuIds, organization);
    // With the BEDROCK_POLICY's id, its attachment, detachment and deletion alarm too (CloudTrail names only the id).
    const bedrockPolicyIds = orgGuardrail ? [orgGuardrail.policy.id] : [];
    if (trailLogs) {
      new BedrockCloudTrailAlarms(this, 'organization-trail-alarms', {
        provider: home,
        accountId: config.organization.managementAccountId,
        region: config.organization.homeRegion,
        logGroupName: trailLogs.logGroup.name,
        ...cloudTrailAlarmInputs(config, bedrockPolicyIds),
        subscriptions: config.alarms.subscriptions,
        thresholds: config.alarms.organizationTrail.thresholds,
      });
    }
  }

  /** The management-account guardrail BEDROCK_POLICY enforces, when the config enforces one. */
  private organizationGuardrail(
    config: BaselineConfig,
    targetIds: readonly string[],
    organization: ITerraformDependable,
  ): OrganizationGuardrail | undefined {
    const orgGuardrail = enforcedOrganizationGuardrail(config);
    if (!orgGuardrail) return undefined;
    return new OrganizationGuardrail(this, 'organization-guardrail', {
      regions: organizationGuardrailRegions(config).map((region) => {
        const adoptedVersion = orgGuardrail.identifiers[region];
        const provider = this.provider(region);
        return adoptedVersion ? { region, provider, adoptedVersion } : { region, provider, spec: organizationGuardrailSpec(config, region) };
      }),
      scope: enforcementScope(config, orgGuardrail),
      organizationId: config.organization.id,
      targetIds,
      organization,
    });
  }
}
