/**
 * Designates the delegated administrator of GuardDuty (in each detector region: GuardDuty's
 * designation is regional) and of Security Hub CSPM (in the home region, the aggregation
 * region of central configuration), from the management account. Each designation also
 * enables the service in the administrator account, which the security-audit stack then
 * adopts (see docs/detection.md for the deployment order).
 */
import { GuarddutyOrganizationAdminAccount } from '@cdktf/provider-aws/lib/guardduty-organization-admin-account';
import { SecurityhubOrganizationAdminAccount } from '@cdktf/provider-aws/lib/securityhub-organization-admin-account';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { DetectorRegion } from './guardduty-organization';

export interface DetectiveDelegatedAdministratorsProps {
  /** Account that becomes the administrator of both services. */
  readonly adminAccountId: string;
  /** Regions (with the management account's provider) to designate the GuardDuty administrator in; empty when GuardDuty is off. */
  readonly guardDutyRegions: readonly DetectorRegion[];
  /** The management account's provider in the home region, when Security Hub is on. */
  readonly securityHub?: DetectorRegion;
  /** What must exist first: the organization with trusted access for both services. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class DetectiveDelegatedAdministrators extends Construct {
  constructor(scope: Construct, id: string, props: DetectiveDelegatedAdministratorsProps) {
    super(scope, id);
    for (const { region, provider } of props.guardDutyRegions) {
      new GuarddutyOrganizationAdminAccount(this, `guardduty-${region}`, {
        provider,
        adminAccountId: props.adminAccountId,
        dependsOn: [...props.dependsOn],
      });
    }
    if (props.securityHub) {
      new SecurityhubOrganizationAdminAccount(this, `securityhub-${props.securityHub.region}`, {
        provider: props.securityHub.provider,
        adminAccountId: props.adminAccountId,
        dependsOn: [...props.dependsOn],
      });
    }
  }
}
