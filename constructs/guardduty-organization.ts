/**
 * GuardDuty across the organization, from its delegated administrator (the audit
 * account): in each region, the detector that the designation in org-governance enabled
 * (adopted with an import), auto-enable for every member account, present and future, and
 * (optionally) the AI Protection feature for the members and the administrator itself.
 * Foundational detection (CloudTrail management events, VPC flow and DNS logs) is always
 * on in an enabled detector.
 */
import { DataAwsGuarddutyDetector } from '@cdktf/provider-aws/lib/data-aws-guardduty-detector';
import { GuarddutyDetector } from '@cdktf/provider-aws/lib/guardduty-detector';
import { GuarddutyDetectorFeature } from '@cdktf/provider-aws/lib/guardduty-detector-feature';
import { GuarddutyOrganizationConfiguration } from '@cdktf/provider-aws/lib/guardduty-organization-configuration';
import { GuarddutyOrganizationConfigurationFeature } from '@cdktf/provider-aws/lib/guardduty-organization-configuration-feature';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import {
  GUARDDUTY_AI_PROTECTION_FEATURE,
  GUARDDUTY_AUTO_ENABLE_ALL,
  GUARDDUTY_FEATURE_ENABLED,
  type GuardDutyFindingPublishingFrequency,
} from '../detection/api-values';
import { optInRequirementKey } from '../toolchain/provider-requirements';
import { requireOptInProviderRelease } from './provider-requirement';

export interface DetectorRegion {
  /** Region of the detector. */
  readonly region: string;
  /** Provider of the audit account in that region. */
  readonly provider: AwsProvider;
}

export interface GuardDutyOrganizationProps {
  /** Regions with a detector; the designation in org-governance must cover each. */
  readonly regions: readonly DetectorRegion[];
  /** How often updates to existing findings are published. */
  readonly findingPublishingFrequency: GuardDutyFindingPublishingFrequency;
  /** Also switch the AI Protection feature on, for every account. */
  readonly aiProtection: boolean;
}

export class GuardDutyOrganization extends Construct {
  /** The adopted detector of each region. */
  readonly detectors: ReadonlyMap<string, GuarddutyDetector>;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationProps) {
    super(scope, id);
    const detectors = new Map<string, GuarddutyDetector>();
    for (const { region, provider } of props.regions) {
      // The designation enabled GuardDuty here; its detector id is known only in AWS, so the
      // import reads it at plan time (terraform >= 1.6 accepts an expression in `import.id`).
      const existing = new DataAwsGuarddutyDetector(this, `existing-detector-${region}`, { provider });
      const detector = new GuarddutyDetector(this, `detector-${region}`, {
        provider,
        enable: true,
        findingPublishingFrequency: props.findingPublishingFrequency,
        // Destroying the detector disables GuardDuty for the organization in the region and deletes its findings.
        lifecycle: { preventDestroy: true },
      });
      detector.importFrom(existing.id, provider);
      detectors.set(region, detector);

      const organization = new GuarddutyOrganizationConfiguration(this, `organization-configuration-${region}`, {
        provider,
        detectorId: detector.id,
        autoEnableOrganizationMembers: GUARDDUTY_AUTO_ENABLE_ALL,
      });
      if (!props.aiProtection) continue;
      const members = new GuarddutyOrganizationConfigurationFeature(this, `ai-protection-members-${region}`, {
        provider,
        detectorId: detector.id,
        name: GUARDDUTY_AI_PROTECTION_FEATURE,
        autoEnable: GUARDDUTY_AUTO_ENABLE_ALL,
        dependsOn: [organization],
      });
      // The organization setting covers the members; the administrator's own detector is configured on its own.
      const administrator = new GuarddutyDetectorFeature(this, `ai-protection-administrator-${region}`, {
        provider,
        detectorId: detector.id,
        name: GUARDDUTY_AI_PROTECTION_FEATURE,
        status: GUARDDUTY_FEATURE_ENABLED,
      });
      for (const resource of [members, administrator]) {
        requireOptInProviderRelease(
          this,
          optInRequirementKey({
            resourceType: resource.terraformResourceType,
            reason: { kind: 'argument-value', argument: 'name', value: GUARDDUTY_AI_PROTECTION_FEATURE },
          }),
        );
      }
    }
    this.detectors = detectors;
  }
}
