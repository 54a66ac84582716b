/**
 * SCP "DenyBedrockOutsideApprovedUse": the data-plane perimeter of Bedrock in workload
 * accounts. Regions, cross-region inference, the unlogged bedrock-mantle endpoint,
 * long-term API keys, and model invocation without a baseline guardrail.
 */
import { inferenceGeographiesOf } from '../../config/regions';
import type { BaselineConfig } from '../../config/schema';
import { enforcedOrganizationGuardrail, organizationGuardrailRegions } from '../../guardrails/spec';
import { guardrailArn, guardrailOfVersion, guardrailVersionArn, inferenceProfileArn, roleInAnyAccount } from '../../naming/arns';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import { deny, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, unlessPrincipalIn } from '../principals';

/** The inference actions; Converse and ConverseStream authorize as these two. */
export const INFERENCE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/**
 * Inference-profile ARNs (the `bedrock:InferenceProfileArn` value seen in the
 * destination region) that may route inference out of the allowed regions.
 */
export function permittedCrossRegionProfiles(config: BaselineConfig): string[] {
  const { allowedRegions, crossRegionInference } = config.governance;
  if (crossRegionInference === 'none') return [];
  const prefixes = new Set<string>();
  for (const region of allowedRegions) {
    for (const geography of inferenceGeographiesOf(region)) prefixes.add(inferenceProfileArn(region, '*', `${geography}.*`));
    if (crossRegionInference === 'global') prefixes.add(inferenceProfileArn(region, '*', 'global.*'));
  }
  return [...prefixes].sort();
}

/** Guardrails whose identifier satisfies the require-guardrail rule. */
export function baselineGuardrailArnPatterns(config: BaselineConfig): string[] {
  const orgGuardrail = enforcedOrganizationGuardrail(config);
  return [
    // Only the deployment role can create guardrails in a workload account (see the tamper SCP),
    // so any guardrail of the caller's own account is a baseline guardrail.
    guardrailArn('*', '${aws:PrincipalAccount}', '*'),
    // The organization guardrail (governance.orgGuardrail), owned by the management account,
    // where SCPs do not protect guardrails: only its regions, only published versions (`:*`;
    // a DRAFT identifier has no version), and only the very guardrail when the config names it.
    ...organizationGuardrailRegions(config).map((region) => {
      const adopted = orgGuardrail?.identifiers[region];
      const guardrail = adopted ? guardrailOfVersion(adopted) : guardrailArn(region, config.organization.managementAccountId, '*');
      return guardrailVersionArn(guardrail, '*');
    }),
  ];
}

function regionStatements(config: BaselineConfig, breakGlass: readonly string[]): PolicyStatement[] {
  const { allowedRegions, crossRegionInference, bedrockMantle } = config.governance;
  const regional = ['bedrock:*', 'bedrock-agentcore:*', ...(bedrockMantle === 'allow' ? ['bedrock-mantle:*'] : [])];
  const profiles = permittedCrossRegionProfiles(config);
  const statements = [
    deny(
      'DenyBedrockOutsideAllowedRegions',
      regional,
      '*',
      allOf(
        { StringNotEquals: { 'aws:RequestedRegion': [...allowedRegions] } },
        // ArnNotLike is true when the key is absent: only calls routed by a permitted profile escape.
        profiles.length > 0 ? { ArnNotLike: { 'bedrock:InferenceProfileArn': profiles } } : {},
        unlessPrincipalIn(breakGlass),
      ),
    ),
  ];
  if (crossRegionInference === 'none') {
    statements.push(deny('DenyCrossRegionInferenceProfiles', [...INFERENCE_ACTIONS], inferenceProfileArn('*', '*', '*'), unlessPrincipalIn(breakGlass)));
  } else if (crossRegionInference === 'geographic') {
    statements.push(deny('DenyGlobalInferenceProfiles', [...INFERENCE_ACTIONS], inferenceProfileArn('*', '*', 'global.*'), unlessPrincipalIn(breakGlass)));
  }
  return statements;
}

function apiKeyStatements(config: BaselineConfig, breakGlass: readonly string[]): PolicyStatement[] {
  const statements = [
    deny(
      'DenyLongTermBedrockApiKeyCreation',
      'iam:CreateServiceSpecificCredential',
      '*',
      allOf({ StringEquals: { 'iam:ServiceSpecificCredentialServiceName': SERVICE_PRINCIPALS.bedrock } }, unlessPrincipalIn(breakGlass)),
    ),
    deny('DenyLongTermBedrockApiKeyUse', 'bedrock:CallWithBearerToken', '*', allOf({ StringEquals: { 'bedrock:BearerTokenType': 'LONG_TERM' } }, unlessPrincipalIn(breakGlass))),
  ];
  if (config.governance.bedrockMantle === 'deny') {
    statements.push(deny('DenyBedrockMantle', 'bedrock-mantle:*', '*', unlessPrincipalIn(breakGlass)));
  } else {
    statements.push(
      deny('DenyLongTermBedrockMantleApiKeyUse', 'bedrock-mantle:CallWithBearerToken', '*', allOf({ StringEquals: { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' } }, unlessPrincipalIn(breakGlass))),
    );
  }
  return statements;
}

function guardrailStatements(config: BaselineConfig, breakGlass: readonly string[]): PolicyStatement[] {
  const { viaAwsServiceRoleNames, bedrockServiceRoleNames } = config.governance.guardrailExemptions;
  const viaServiceRoles = viaAwsServiceRoleNames.map(roleInAnyAccount);
  // Bedrock service roles are safe to exempt by name: the tamper SCP lets only the
  // deployment role create or re-trust a role with such a name.
  const serviceRoles = bedrockServiceRoleNames.map(roleInAnyAccount);
  const noBaselineGuardrail = { ArnNotLike: { 'bedrock:GuardrailIdentifier': baselineGuardrailArnPatterns(config) } };
  const statements = [
    deny(
      'DenyInferenceWithoutBaselineGuardrail',
      [...INFERENCE_ACTIONS],
      '*',
      allOf(noBaselineGuardrail, unlessPrincipalIn([...breakGlass, ...viaServiceRoles, ...serviceRoles])),
    ),
  ];
  if (viaServiceRoles.length > 0) {
    // These roles skip the guardrail only on the calls Bedrock makes with their
    // credentials (RetrieveAndGenerate); their own direct calls still need one.
    statements.push(
      deny(
        'DenyDirectInferenceWithoutGuardrailByExemptRoles',
        [...INFERENCE_ACTIONS],
        '*',
        allOf(noBaselineGuardrail, { ArnLike: { 'aws:PrincipalArn': viaServiceRoles } }, { BoolIfExists: { 'aws:ViaAWSService': 'false' } }, unlessPrincipalIn(breakGlass)),
      ),
    );
  }
  return statements;
}

export function denyBedrockOutsideApprovedUse(config: BaselineConfig): PolicyDocument {
  const breakGlass = config.governance.breakGlassRoleArns;
  return policyDocument([...regionStatements(config, breakGlass), ...apiKeyStatements(config, breakGlass), ...guardrailStatements(config, breakGlass)]);
}
