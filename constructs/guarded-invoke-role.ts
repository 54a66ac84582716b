/**
 * The role applications of a workload account assume to call Bedrock: the models the
 * config allows for the account, only with the account's baseline guardrail, and
 * ApplyGuardrail on it; assumable by principals of the account only.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { toTerraformString } from '../policies/document';
import { accountPrincipalsTrustPolicy, guardedInvokeInput, guardedInvokePolicy } from '../policies/invoke-role';
import { guardrailArnIn, type GuardrailBaseline } from './guardrail-baseline';
import { GUARDED_INVOKE_ROLE_NAME } from './naming';

export interface GuardedInvokeRoleProps {
  /** The validated config. */
  readonly config: BaselineConfig;
  /** The workload account. */
  readonly account: WorkloadAccount;
  /** The account's guardrail in each of its regions. */
  readonly guardrails: readonly GuardrailBaseline[];
  /** Provider for IAM (a global service: the stack's default provider). */
  readonly provider: AwsProvider;
}

export class GuardedInvokeRole extends Construct {
  /** The role applications assume. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: GuardedInvokeRoleProps) {
    super(scope, id);
    const { config, account, guardrails, provider } = props;
    this.role = new IamRole(this, 'role', {
      name: GUARDED_INVOKE_ROLE_NAME,
      description: 'Applications invoke the allowed Bedrock models with the baseline guardrail',
      assumeRolePolicy: toTerraformString(accountPrincipalsTrustPolicy(account.id)),
      maxSessionDuration: 3600,
      provider,
    });
    new IamRolePolicy(this, 'policy', {
      name: 'guarded-bedrock-invoke',
      role: this.role.id,
      policy: toTerraformString(guardedInvokePolicy(guardedInvokeInput(config, account, (region) => guardrailArnIn(guardrails, region)))),
      provider,
    });
    new TerraformOutput(this, 'role-arn', {
      value: this.role.arn,
      description: 'Role applications assume to invoke Bedrock with the baseline guardrail',
    }).overrideLogicalId('guarded_invoke_role_arn');
  }
}
