/**
 * SCP "DenyBedrockInferenceOutsideVpcs-<ou>", attached only to the OUs that turn on
 * `networkPerimeter`: Bedrock inference by the OU's principals must arrive through the
 * VPCs the config gives its accounts (where the baseline's interface endpoints are), so
 * credentials used from anywhere else cannot run models. A Bedrock endpoint in those VPCs
 * other than the baseline's would pass the same check with a policy of its maker's choosing,
 * so only the deployment role and break-glass create Bedrock interface endpoints in the OU
 * (DenyBedrockGovernanceTampering keeps the baseline's own endpoints as deployed).
 *
 * What each carve-out rests on:
 * - Documented (IAM global condition keys, aws:SourceVpc, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 *   the key is in the request context only when the call comes through a VPC endpoint.
 *   `StringNotEquals` is true when it is missing, so a call from the internet (or through a
 *   NAT gateway) is denied.
 * - Documented (same page, aws:ViaAWSService): true when an AWS service makes a call with the
 *   caller's credentials (forward access sessions), e.g. the InvokeModel calls of
 *   RetrieveAndGenerate. Inferred: such calls leave from the service's network and do not
 *   carry the caller's aws:SourceVpc, as AWS's data-perimeter examples assume when they
 *   exempt them. The call that started them (RetrieveAndGenerate) is itself confined here.
 * - Documented (Bedrock user guide, geographic cross-Region inference): a profile call is
 *   authorized on the profile in the source region and on the model in each destination
 *   region, the latter with bedrock:InferenceProfileArn naming the profile. Inferred: the
 *   destination-region hop is made by Bedrock and does not carry aws:SourceVpc. So a model
 *   call that names a profile is not confined, and the profile call itself always is (its
 *   own statement, no profile carve-out): nothing reaches a destination region without
 *   having passed through the VPC in the source region.
 * - The deployment role and break-glass (governance) work from outside the workload VPCs
 *   by design, so they are exempt here; the OU's DenyBedrockOutsideApprovedUse still holds
 *   the deployment role to the OU's regions, models and guardrail. The Bedrock service roles (governance.guardrailExemptions.bedrockServiceRoleNames) are
 *   assumed by Bedrock for agents and knowledge bases and call from Bedrock's network. The
 *   tamper SCP lets only the deployment role create or re-trust roles of those names.
 */
import type { BaselineConfig, OrganizationalUnit } from '../../config/schema';
import { bedrockArn, inferenceProfileArn, roleInAnyAccount } from '../../naming/arns';
import { BEDROCK_PRIVATE_LINK_SERVICES } from '../../naming/service-principals';
import { deny, policyDocument, type PolicyDocument } from '../document';
import { AGENT_RUNTIME_RESOURCE_ACTIONS, AGENT_RUNTIME_UNSCOPED_ACTIONS } from '../bedrock-endpoints';
import { allOf, unlessDeploymentRoleOrBreakGlass, unlessPrincipalIn } from '../principals';
import { INFERENCE_ACTIONS } from './deny-bedrock-outside-approved-use';

/** The model-running calls of bedrock-runtime and bedrock-agent-runtime, the two endpoints every account of a perimeter OU has. */
export const PERIMETER_ACTIONS = [...INFERENCE_ACTIONS, ...AGENT_RUNTIME_RESOURCE_ACTIONS, ...AGENT_RUNTIME_UNSCOPED_ACTIONS].sort();

/** Calls to these start a cross-region (or application) inference profile in the source region. */
export const INFERENCE_PROFILE_RESOURCES = [bedrockArn('*', '*', 'application-inference-profile/*'), inferenceProfileArn('*', '*', '*')] as const;

/** Every VPC the config gives the accounts of `ou`, sorted. */
export function perimeterVpcsOf(config: BaselineConfig, ou: OrganizationalUnit): string[] {
  return config.workloadAccounts
    .filter((account) => account.ou === ou.id)
    .flatMap((account) => Object.values(account.network).map((network) => network.vpcId))
    .sort();
}

export function denyBedrockInferenceOutsideVpcs(config: BaselineConfig, ou: OrganizationalUnit): PolicyDocument {
  const { deploymentRoleName, breakGlassRoleArns, guardrailExemptions } = config.governance;
  const exempt = unlessPrincipalIn([
    roleInAnyAccount(deploymentRoleName),
    ...breakGlassRoleArns,
    ...guardrailExemptions.bedrockServiceRoleNames.map(roleInAnyAccount),
  ]);
  const vpcs = perimeterVpcsOf(config, ou);
  const outsideTheVpcs = allOf(
    // No VPC yet (accounts not networked): nothing is admitted; an empty list is no valid condition.
    vpcs.length > 0 ? { StringNotEquals: { 'aws:SourceVpc': vpcs } } : {},
    // BoolIfExists: a call without the key is the caller's own.
    { BoolIfExists: { 'aws:ViaAWSService': 'false' } },
    exempt,
  );
  return policyDocument([
    // Null is true only when no profile routed the call: the destination hop of a profile is not confined here.
    deny('DenyInferenceOutsideAccountVpcs', PERIMETER_ACTIONS, '*', allOf(outsideTheVpcs, { Null: { 'bedrock:InferenceProfileArn': 'true' } })),
    deny('DenyProfileInvocationOutsideAccountVpcs', [...INFERENCE_ACTIONS], [...INFERENCE_PROFILE_RESOURCES], outsideTheVpcs),
    deny(
      'DenyBedrockEndpointsOutsideBaseline',
      'ec2:CreateVpcEndpoint',
      '*',
      allOf({ StringLike: { 'ec2:VpceServiceName': BEDROCK_PRIVATE_LINK_SERVICES } }, unlessDeploymentRoleOrBreakGlass(config.governance)),
    ),
  ]);
}
