/**
 * Typed escape hatches for Bedrock resources that no provider binding has: neither is in
 * hashicorp/aws 6.25.0 (@cdktf/provider-aws 21.22.1) nor in 6.66.0 (@cdktn/provider-aws
 * 25.7.0). Each class emits the arguments of the terraform-provider-aws pull request that
 * adds its resource; those names are unconfirmed until `terraform validate` passes against
 * the first release that ships the resource. A stack holding one requires a provider
 * release newer than 6.66.0 (toolchain/provider-requirements.ts).
 */
import { TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnforcementScope } from '../policies/bedrock-policy';
import { requireOptInProviderRelease } from './provider-requirement';

/** A resource type of the aws provider that the binding lacks: its name, the provider and the meta-arguments are all cdktf needs. */
abstract class UnboundAwsResource<Config extends TerraformMetaArguments> extends TerraformResource {
  protected constructor(
    scope: Construct,
    id: string,
    terraformResourceType: string,
    protected readonly config: Config,
  ) {
    const { dependsOn, count, provider, lifecycle, forEach } = config;
    super(scope, id, { terraformResourceType, terraformGeneratorMetadata: { providerName: 'aws' }, dependsOn, count, provider, lifecycle, forEach });
    // An unbound resource's requirement key is its resource type.
    requireOptInProviderRelease(this, terraformResourceType);
  }
}

export interface EnforcedGuardrailConfigurationConfig extends TerraformMetaArguments {
  /** ARN of a guardrail of the account, in the provider's region. */
  readonly guardrailIdentifier: string;
  /** A published version number (DRAFT is refused by the API). */
  readonly guardrailVersion: string;
  /** Which content of which models the guardrail evaluates. */
  readonly scope: EnforcementScope;
}

/** `aws_bedrock_enforced_guardrail_configuration`: the account-level enforced guardrail of one region. */
export class BedrockEnforcedGuardrailConfiguration extends UnboundAwsResource<EnforcedGuardrailConfigurationConfig> {
  static readonly tfResourceType = 'aws_bedrock_enforced_guardrail_configuration';

  constructor(scope: Construct, id: string, config: EnforcedGuardrailConfigurationConfig) {
    super(scope, id, BedrockEnforcedGuardrailConfiguration.tfResourceType, config);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const { guardrailIdentifier, guardrailVersion, scope } = this.config;
    return {
      guardrail_identifier: guardrailIdentifier,
      guardrail_version: guardrailVersion,
      selective_content_guarding: [{ messages: scope.messages, system: scope.systemPrompts }],
      // Without model_enforcement the guardrail applies to every model.
      ...(scope.excludedModels.length > 0 ? { model_enforcement: [{ included_models: ['ALL'], excluded_models: [...scope.excludedModels] }] } : {}),
    };
  }
}

export interface GuardrailResourcePolicyConfig extends TerraformMetaArguments {
  /** ARN of the guardrail or system-defined guardrail profile. */
  readonly resourceArn: string;
  /** The policy as a Terraform string (policies/document.ts toTerraformString). */
  readonly policy: string;
}

/** `aws_bedrock_guardrail_resource_policy`: resource-based policy of a guardrail or guardrail profile. */
export class BedrockGuardrailResourcePolicy extends UnboundAwsResource<GuardrailResourcePolicyConfig> {
  static readonly tfResourceType = 'aws_bedrock_guardrail_resource_policy';

  constructor(scope: Construct, id: string, config: GuardrailResourcePolicyConfig) {
    super(scope, id, BedrockGuardrailResourcePolicy.tfResourceType, config);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { resource_arn: this.config.resourceArn, policy: this.config.policy };
  }
}
