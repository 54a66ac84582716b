/**
 * Designates the organization's delegated Macie administrator, from the management
 * account. Macie is regional: the designation holds in the region of the provider
 * (organization.homeRegion, where the central invocation-log bucket lives). It also
 * enables Macie in the administrator account, which the security-audit stack then
 * adopts (see docs/macie.md for the deployment order).
 */
import { Macie2OrganizationAdminAccount } from '@cdktf/provider-aws/lib/macie2-organization-admin-account';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface MacieDelegatedAdministratorProps {
  /** Account that becomes the Macie administrator of the organization. */
  readonly adminAccountId: string;
  /** What must exist first: the organization with trusted access for macie.amazonaws.com. */
  readonly dependsOn: readonly ITerraformDependable[];
}

export class MacieDelegatedAdministrator extends Construct {
  /** The designation. */
  readonly designation: Macie2OrganizationAdminAccount;

  constructor(scope: Construct, id: string, props: MacieDelegatedAdministratorProps) {
    super(scope, id);
    this.designation = new Macie2OrganizationAdminAccount(this, 'designation', {
      adminAccountId: props.adminAccountId,
      dependsOn: [...props.dependsOn],
    });
  }
}
