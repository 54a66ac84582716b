/**
 * Stack `security-audit`, deployed into the audit account (the delegated administrator
 * of Macie, GuardDuty and Security Hub CSPM): in organization.homeRegion the Macie session
 * and organization settings, the scheduled classification job over the central
 * invocation-log bucket of the log-archive account with its custom data identifiers, and
 * the Macie findings alerts; GuardDuty with AI Protection in every detector region, Security
 * Hub CSPM with central configuration, and the alerts for their findings.
 *
 * Deploy after org-governance (whose delegated-admin designations enable Macie, GuardDuty
 * and Security Hub here; this stack adopts them with imports) and after log-archive (the
 * bucket the job reads). See docs/macie.md and docs/detection.md.
 */
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2Member } from '@cdktf/provider-aws/lib/macie2-member';
import { Macie2OrganizationConfiguration } from '@cdktf/provider-aws/lib/macie2-organization-configuration';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { GuardDutyOrganization } from '../constructs/guardduty-organization';
import { MacieFindingsAlerts } from '../constructs/macie-findings-alerts';
import { MacieInvocationLogClassification } from '../constructs/macie-invocation-log-classification';
import { MACIE_STATUS_ENABLED } from '../macie/api-values';
import { SecurityFindingsAlerts } from '../constructs/security-findings-alerts';
import { SecurityHubOrganization } from '../constructs/security-hub-organization';
import {
  guardDutyRegions,
  securityFindingsSubscriptions,
  securityHubLinkedRegions,
  securityHubStandardArns,
  securityHubTargets,
} from '../detection/scope';
import { customIdentifierDefinitions } from '../macie/custom-identifiers';
import { CENTRAL_INVOCATION_LOG_OBJECT_PREFIX, centralInvocationLogBucketName, SECURITY_HUB_CONFIGURATION_POLICY_NAME } from '../naming/resources';
import { SECURITY_AUDIT_STACK } from '../naming/stacks';
import { GovernanceStack } from './governance-stack';

export class SecurityAuditStack extends GovernanceStack {
  /** The Macie session of the administrator account. */
  readonly macieAccount: Macie2Account;
  /** Custom data identifiers and the job over the invocation logs. */
  readonly classification: MacieInvocationLogClassification;
  /** Rule, topic, key and subscriptions that deliver findings. */
  readonly findingsAlerts: MacieFindingsAlerts;
  /** GuardDuty detectors and organization settings; undefined when GuardDuty is off. */
  readonly guardDuty: GuardDutyOrganization | undefined;
  /** Security Hub CSPM central configuration; undefined when Security Hub is off. */
  readonly securityHub: SecurityHubOrganization | undefined;
  /** Rules, topic and key for GuardDuty and Security Hub findings; undefined when both are off. */
  readonly securityFindingsAlerts: SecurityFindingsAlerts | undefined;

  constructor(scope: Construct, config: BaselineConfig) {
    const region = config.organization.homeRegion;
    const audit = config.coreAccounts.audit;
    // Macie and Security Hub live in the home region (first: the default provider), GuardDuty in every detector region.
    super(scope, SECURITY_AUDIT_STACK, { config, accountId: audit, regions: [...new Set([region, ...guardDutyRegions(config)])] });
    const { macie } = config;

    this.macieAccount = new Macie2Account(this, 'macie', {
      findingPublishingFrequency: macie.findingPublishingFrequency,
      status: MACIE_STATUS_ENABLED,
      // Destroying the session disables Macie and deletes its findings and jobs.
      lifecycle: { preventDestroy: true },
    });
    // The designation in org-governance has enabled Macie already; creating it again fails.
    this.macieAccount.importFrom(audit);

    new Macie2OrganizationConfiguration(this, 'organization-configuration', {
      autoEnable: macie.autoEnableNewAccounts,
      dependsOn: [this.macieAccount],
    });

    const jobPrerequisites: ITerraformDependable[] = [this.macieAccount];
    if (macie.logArchiveAccountEmail !== undefined) {
      // The job can only read buckets of member accounts with Macie enabled; an existing
      // account is not covered by autoEnable, so the log-archive account is added here.
      jobPrerequisites.push(
        new Macie2Member(this, 'log-archive-member', {
          accountId: config.coreAccounts.logArchive,
          email: macie.logArchiveAccountEmail,
          invite: false,
          status: MACIE_STATUS_ENABLED,
          dependsOn: [this.macieAccount],
        }),
      );
    }

    const bucketName = centralInvocationLogBucketName(config);
    this.classification = new MacieInvocationLogClassification(this, 'invocation-log-classification', {
      job: {
        bucketAccountId: config.coreAccounts.logArchive,
        bucketName,
        objectKeyPrefix: CENTRAL_INVOCATION_LOG_OBJECT_PREFIX,
        samplingPercentage: macie.classification.samplingPercentage,
        schedule: macie.classification.schedule,
        analyzeExistingObjects: macie.classification.analyzeExistingObjects,
      },
      customIdentifiers: customIdentifierDefinitions(macie.customDataIdentifiers, macie.allowList),
      paused: macie.classification.paused,
      dependsOn: jobPrerequisites,
    });

    this.findingsAlerts = new MacieFindingsAlerts(this, 'findings-alerts', {
      accountId: audit,
      region,
      bucketName,
      minimumSeverity: macie.findings.minimumSeverity,
      subscriptions: macie.findings.subscriptions,
      keyAdministrators: config.governance,
    });

    const { guardDuty, securityHub } = config.detection;
    const home = { region, provider: this.provider(region) };
    const detectorRegions = guardDutyRegions(config).map((detectorRegion) => ({ region: detectorRegion, provider: this.provider(detectorRegion) }));
    this.guardDuty = guardDuty.enabled
      ? new GuardDutyOrganization(this, 'guardduty', {
          regions: detectorRegions,
          findingPublishingFrequency: guardDuty.findingPublishingFrequency,
          aiProtection: guardDuty.aiProtection,
        })
      : undefined;
    this.securityHub = securityHub.enabled
      ? new SecurityHubOrganization(this, 'security-hub', {
          provider: home.provider,
          administratorAccountId: audit,
          linkedRegions: securityHubLinkedRegions(config),
          policyName: SECURITY_HUB_CONFIGURATION_POLICY_NAME,
          standardArns: securityHubStandardArns(config),
          targets: securityHubTargets(config),
        })
      : undefined;
    this.securityFindingsAlerts =
      guardDuty.enabled || securityHub.enabled
        ? new SecurityFindingsAlerts(this, 'security-findings-alerts', {
            accountId: audit,
            home,
            guardDuty: guardDuty.enabled ? { regions: detectorRegions, minimumSeverity: guardDuty.minimumSeverity } : undefined,
            securityHub: securityHub.enabled ? { minimumSeverity: securityHub.minimumSeverity } : undefined,
            subscriptions: securityFindingsSubscriptions(config),
            keyAdministrators: config.governance,
          })
        : undefined;
  }
}
