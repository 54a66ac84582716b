/**
 * An IAM role that one AWS service assumes to keep a control of the baseline working
 * (log replication, log delivery), with its trust policy and one inline permissions
 * policy, both built by pure functions under policies/. Terraform never destroys it:
 * without it logs would stop flowing while nothing looks wrong.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { toTerraformString, type PolicyDocument } from '../policies/document';

export interface ServiceRoleProps {
  /** Role name, from naming/resources.ts. */
  readonly name: string;
  /** What the role is for, shown in the console and the plan. */
  readonly description: string;
  /** Who may assume the role, and on whose behalf. */
  readonly trustPolicy: PolicyDocument;
  /** Name of the inline permissions policy. */
  readonly permissionsName: string;
  /** What the role may do. */
  readonly permissions: PolicyDocument;
  /** Provider of the role's account (IAM is global; the region does not matter). */
  readonly provider?: AwsProvider;
}

export class ServiceRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** Its permissions; whatever hands the role to a service should wait for them. */
  readonly permissions: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      provider: props.provider,
      name: props.name,
      description: props.description,
      assumeRolePolicy: toTerraformString(props.trustPolicy),
      lifecycle: { preventDestroy: true },
    });
    this.permissions = new IamRolePolicy(this, 'permissions', {
      provider: props.provider,
      name: props.permissionsName,
      role: this.role.name,
      policy: toTerraformString(props.permissions),
      lifecycle: { preventDestroy: true },
    });
  }
}
