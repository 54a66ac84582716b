/**
 * The break-glass roles of one account, on the reserved path where only the deployment role
 * creates roles (the safeguard SCP), with the trust policy they are given and the AWS managed
 * AdministratorAccess policy. Terraform never destroys them: a stray destroy must not take
 * away the way back in.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { awsManagedPolicyArn, parseRoleArn } from '../naming/arns';
import { toTerraformString, type PolicyDocument } from '../policies/document';
import { BREAK_GLASS_MANAGED_POLICY, BREAK_GLASS_SESSION_SECONDS } from '../policies/roles/break-glass-role';

export interface BreakGlassRolesProps {
  /** ARNs of the roles to create, all in the provider's account and on the reserved path. */
  readonly roleArns: readonly string[];
  /** Who may assume them (policies/roles/break-glass-role.ts). */
  readonly trustPolicy: PolicyDocument;
  /** Provider of the account (IAM is global: any region). */
  readonly provider: AwsProvider;
}

export class BreakGlassRoles extends Construct {
  /** The roles, in the order of `roleArns`. */
  readonly roles: readonly IamRole[];

  constructor(scope: Construct, id: string, props: BreakGlassRolesProps) {
    super(scope, id);
    const { provider } = props;
    this.roles = props.roleArns.map((arn) => {
      const parts = parseRoleArn(arn);
      if (!parts) throw new Error(`break-glass role "${arn}" is not a role ARN`);
      const role = new IamRole(this, parts.name, {
        provider,
        name: parts.name,
        path: parts.path,
        description: 'Break-glass: exempt from every baseline SCP; every use alarms (docs/scps.md, "How to break glass")',
        assumeRolePolicy: toTerraformString(props.trustPolicy),
        maxSessionDuration: BREAK_GLASS_SESSION_SECONDS,
        lifecycle: { preventDestroy: true },
      });
      new IamRolePolicyAttachment(this, `${parts.name}-policy`, {
        provider,
        role: role.name,
        policyArn: awsManagedPolicyArn(BREAK_GLASS_MANAGED_POLICY),
        lifecycle: { preventDestroy: true },
      });
      return role;
    });
  }
}
