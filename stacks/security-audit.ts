/**
 * Stack `security-audit`, deployed into the audit account (the delegated Macie
 * administrator) in organization.homeRegion: the Macie session and organization
 * settings, the scheduled classification job over the central invocation-log bucket of
 * the log-archive account with its custom data identifiers, and the findings alerts.
 *
 * Deploy after org-governance (whose delegated-admin designation enables Macie here;
 * this stack adopts that session with an import) and after log-archive (the bucket the
 * job reads). See docs/macie.md.
 */
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2Member } from '@cdktf/provider-aws/lib/macie2-member';
import { Macie2OrganizationConfiguration } from '@cdktf/provider-aws/lib/macie2-organization-configuration';
import type { ITerraformDependable } from 'cdktf';
import type { Construct } from 'constructs';
import type { BaselineConfig } from '../config/schema';
import { MacieFindingsAlerts } from '../constructs/macie-findings-alerts';
import { MacieInvocationLogClassification } from '../constructs/macie-invocation-log-classification';
import { MACIE_STATUS_ENABLED } from '../macie/api-values';
import { customIdentifierDefinitions } from '../macie/custom-identifiers';
import { CENTRAL_INVOCATION_LOG_OBJECT_PREFIX, centralInvocationLogBucketName } from '../naming/resources';
import { SECURITY_AUDIT_STACK } from '../naming/stacks';
import { GovernanceStack } from './governance-stack';

export class SecurityAuditStack extends GovernanceStack {
  /** The Macie session of the administrator account. */
  readonly macieAccount: Macie2Account;
  /** Custom data identifiers and the job over the invocation logs. */
  readonly classification: MacieInvocationLogClassification;
  /** Rule, topic, key and subscriptions that deliver findings. */
  readonly findingsAlerts: MacieFindingsAlerts;

  constructor(scope: Construct, config: BaselineConfig) {
    const region = config.organization.homeRegion;
    const audit = config.coreAccounts.audit;
    super(scope, SECURITY_AUDIT_STACK, { config, accountId: audit, regions: [region] });
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
  }
}
