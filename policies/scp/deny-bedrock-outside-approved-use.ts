/**
 * SCP "DenyBedrockOutsideApprovedUse-<OU id>": the perimeter of every model-running service
 * (policies/action-classes.ts) for the accounts of one OU. Its regions, approved models and
 * opt-ins are the OU's, so each OU gets its own document: an organization has at most 2,000
 * OUs and may hold 10,000 SCPs ("Quotas and service limits for AWS Organizations"), and
 * vending an account into an OU changes no SCP.
 *
 * - Bedrock runs only in the OU's regions, where every account of the OU has invocation
 *   logging, a guardrail and alarms (config validation), and through the cross-region
 *   profiles the crossRegionInference mode permits.
 * - The default-denied action classes are denied unless the OU opts in.
 * - Inference carries a published version of a baseline guardrail, except on the models that
 *   cannot take one (guardrails.modelsWithoutGuardrail).
 * - Only the OU's approved models run; imported and custom models only when listed.
 * Long-term API keys are denied for every OU by the tamper SCP.
 */
import { inferenceGeographiesOf, regionsOfOu } from '../../config/regions';
import type { BaselineConfig, OrganizationalUnit } from '../../config/schema';
import { guardrailProfileId, isGuardrailProfileGeography } from '../../guardrails/profiles';
import { enforcedOrganizationGuardrail, organizationGuardrailRegions } from '../../guardrails/spec';
import {
  bedrockArn,
  foundationModelArn,
  guardrailArn,
  guardrailOfVersion,
  guardrailProfileArn,
  guardrailVersionArn,
  inferenceProfileArn,
  roleInAnyAccount,
} from '../../naming/arns';
import {
  ACTION_CLASSES,
  denyPatternsOf,
  MANTLE_MODEL_ACTIONS,
  MODEL_RESOURCE_ACTIONS,
  OPT_IN_CLASSES,
  perimeterActionPatterns,
  type ActionClass,
  type OptInClass,
} from '../action-classes';
import { deny, denyExcept, policyDocument, type PolicyDocument, type PolicyStatement } from '../document';
import { allOf, unlessPrincipalIn } from '../principals';

const APPLY_GUARDRAIL = 'bedrock:ApplyGuardrail';

/** The inference actions; Converse and ConverseStream authorize as these two. */
export const INFERENCE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/** Sid of the statement that denies the default-denied classes the OU has not opted into. */
export const CLASSES_NOT_OPTED_IN_SID = 'DenyActionClassesNotOptedIn';

/** The default-denied classes `ou` has not opted into. */
export function classesDeniedTo(ou: Pick<OrganizationalUnit, 'optIns'>): OptInClass[] {
  return OPT_IN_CLASSES.filter((optIn) => !ou.optIns.includes(optIn));
}

/** Classes whose actions the OU may use, default-allowed or opted into. */
function classesAllowedTo(ou: OrganizationalUnit): ActionClass[] {
  return (Object.keys(ACTION_CLASSES) as ActionClass[]).filter(
    (actionClass) => ACTION_CLASSES[actionClass].access !== 'opt-in' || ou.optIns.includes(actionClass as OptInClass),
  );
}

/**
 * Inference-profile ARNs (the `bedrock:InferenceProfileArn` value seen in the destination
 * region) that may route inference out of `regions`: system profiles of the geographies of
 * each region, global ones in mode global, and application profiles created in one of the
 * regions, which can only copy a model or a system profile available there. Which of the two
 * ARNs Bedrock puts in the key for an application profile that copies a system profile is not
 * documented; either is permitted here, and only for a source region of the OU.
 */
export function permittedCrossRegionProfiles(config: BaselineConfig, regions: readonly string[]): string[] {
  const mode = config.governance.crossRegionInference;
  if (mode === 'none') return [];
  return regions
    .flatMap((region) => [
      ...inferenceGeographiesOf(region).map((geography) => inferenceProfileArn(region, '*', `${geography}.*`)),
      ...(mode === 'global' ? [inferenceProfileArn(region, '*', 'global.*')] : []),
      bedrockArn(region, '*', 'application-inference-profile/*'),
    ])
    .sort();
}

/**
 * Guardrail profiles a guarded call may apply the guardrail through in another region. AWS
 * documents that the caller needs bedrock:ApplyGuardrail on the guardrail profile in every
 * destination region ("Permissions for using cross-Region inference with Amazon Bedrock
 * Guardrails"), but not which aws:RequestedRegion that authorization carries, and
 * ApplyGuardrail has no key that names a profile hop: the region rule lets ApplyGuardrail
 * reach these profiles anywhere, and nothing else outside the OU's regions.
 */
function guardrailProfilesOf(config: BaselineConfig, regions: readonly string[]): string[] {
  if (config.governance.crossRegionInference === 'none') return [];
  const geographies = new Set(regions.flatMap((region) => inferenceGeographiesOf(region).filter(isGuardrailProfileGeography)));
  return [...geographies].map((geography) => guardrailProfileArn('*', '*', `${guardrailProfileId(geography).replace(/:.*$/, '')}*`)).sort();
}

/**
 * Guardrails whose identifier satisfies the require-guardrail rule: only published versions
 * (`<arn>:<n>`; the DRAFT is the bare ARN, which `:*` does not match).
 */
export function baselineGuardrailArnPatterns(config: BaselineConfig): string[] {
  const orgGuardrail = enforcedOrganizationGuardrail(config);
  return [
    // Only the deployment role can create guardrails in a workload account (tamper SCP), so
    // every guardrail of the caller's own account is a baseline guardrail.
    guardrailVersionArn(guardrailArn('*', '${aws:PrincipalAccount}', '*'), '*'),
    // The organization guardrail (governance.orgGuardrail), owned by the management account,
    // where SCPs do not protect guardrails: only its regions, and only the very guardrail
    // when the config names it.
    ...organizationGuardrailRegions(config).map((region) => {
      const adopted = orgGuardrail?.identifiers[region];
      const guardrail = adopted ? guardrailOfVersion(adopted) : guardrailArn(region, config.organization.managementAccountId, '*');
      return guardrailVersionArn(guardrail, '*');
    }),
  ];
}

/**
 * Resource types of the model-running actions that are not models: a batch job, an async
 * invocation, a stateful-invocation project, a system tool. The model rule leaves them to
 * the model the same request names (test: every other resource type of those actions is a
 * model type that the OU approves or not).
 */
export const NON_MODEL_RESOURCE_TYPES = ['async-invoke', 'model-invocation-job', 'project', 'system-tool'] as const;

/** A foundation model and every system inference profile of it (`us.<id>`, `global.<id>`, ...). */
function modelAndProfiles(modelId: string): string[] {
  return [foundationModelArn('*', modelId), inferenceProfileArn('*', '*', `*.${modelId}`)];
}

function regionStatements(config: BaselineConfig, regions: readonly string[], breakGlass: readonly string[]): PolicyStatement[] {
  const mode = config.governance.crossRegionInference;
  const profiles = permittedCrossRegionProfiles(config, regions);
  const guardrailProfiles = guardrailProfilesOf(config, regions);
  const condition = allOf(
    { StringNotEquals: { 'aws:RequestedRegion': [...regions] } },
    // ArnNotLike is true when the key is absent: only calls routed by a permitted profile escape.
    profiles.length > 0 ? { ArnNotLike: { 'bedrock:InferenceProfileArn': profiles } } : {},
    unlessPrincipalIn(breakGlass),
  );
  // A NotResource deny would not reach requests without a resource ARN, so ApplyGuardrail (which always names one) gets its own statement.
  const separately = guardrailProfiles.length > 0 ? [APPLY_GUARDRAIL] : [];
  const statements = [deny('DenyBedrockOutsideOuRegions', perimeterActionPatterns(separately), '*', condition)];
  if (guardrailProfiles.length > 0) {
    const inOuRegions = allOf({ StringNotEquals: { 'aws:RequestedRegion': [...regions] } }, unlessPrincipalIn(breakGlass));
    statements.push(denyExcept('DenyGuardrailUseOutsideOuRegions', APPLY_GUARDRAIL, guardrailProfiles, inOuRegions));
  }
  if (mode === 'none') {
    statements.push(
      deny('DenyCrossRegionInferenceProfiles', [...INFERENCE_ACTIONS], inferenceProfileArn('*', '*', '*'), unlessPrincipalIn(breakGlass)),
    );
  } else if (mode === 'geographic') {
    // The routed hop of a global profile arrives with aws:RequestedRegion = unspecified, also
    // through an application profile that copies one. Denying that hop suffices: a routed hop
    // that named a real region outside the OU's would meet the region rule, whose exception
    // names no global profile in this mode.
    statements.push(
      deny(
        'DenyGlobalRouting',
        [...INFERENCE_ACTIONS],
        '*',
        allOf({ StringEquals: { 'aws:RequestedRegion': 'unspecified' } }, unlessPrincipalIn(breakGlass)),
      ),
    );
  }
  return statements;
}

function classStatements(ou: OrganizationalUnit, breakGlass: readonly string[]): PolicyStatement[] {
  const denied = classesDeniedTo(ou);
  // One statement for every class the OU has not opted into: an opt-in shows in the review as
  // this statement denying less.
  return denied.length === 0 ? [] : [deny(CLASSES_NOT_OPTED_IN_SID, denyPatternsOf(denied), '*', unlessPrincipalIn(breakGlass))];
}

function guardrailStatements(config: BaselineConfig, breakGlass: readonly string[]): PolicyStatement[] {
  const { viaAwsServiceRoleNames, bedrockServiceRoleNames } = config.governance.guardrailExemptions;
  const viaServiceRoles = viaAwsServiceRoleNames.map(roleInAnyAccount);
  // Bedrock service roles are safe to exempt by name: the tamper SCP lets only the
  // deployment role create or re-trust a role with such a name.
  const serviceRoles = bedrockServiceRoleNames.map(roleInAnyAccount);
  const noBaselineGuardrail = { ArnNotLike: { 'bedrock:GuardrailIdentifier': baselineGuardrailArnPatterns(config) } };
  // Models that cannot take a guardrail are carved out by resource. AWS keeps the list in
  // "Supported Regions and models for Amazon Bedrock Guardrails"; the copy read for this code
  // names Titan text and multimodal embeddings, Nova multimodal embeddings, Amazon Rerank,
  // Nova 2 Sonic and 2.5 Sonic, Cohere Embed English, Multilingual and v4, Cohere Rerank 3.5,
  // and continues with Luma models and more that the stored copy cuts off: the config lists
  // the ones an organization uses. StartAsyncInvoke and InvokeModelWithBidirectionalStream,
  // which authorize as InvokeModel without a guardrail, therefore run only on these.
  const carvedOut = config.guardrails.modelsWithoutGuardrail.flatMap(modelAndProfiles);
  const statement = (sid: string, condition: Parameters<typeof deny>[3]) =>
    carvedOut.length > 0 ? denyExcept(sid, [...INFERENCE_ACTIONS], carvedOut, condition) : deny(sid, [...INFERENCE_ACTIONS], '*', condition);
  const statements = [
    statement(
      'DenyInferenceWithoutBaselineGuardrail',
      allOf(noBaselineGuardrail, unlessPrincipalIn([...breakGlass, ...viaServiceRoles, ...serviceRoles])),
    ),
  ];
  if (viaServiceRoles.length > 0) {
    // These roles skip the guardrail only on the calls Bedrock makes with their
    // credentials (RetrieveAndGenerate); their own direct calls still need one.
    statements.push(
      statement(
        'DenyDirectInferenceWithoutGuardrailByExemptRoles',
        allOf(
          noBaselineGuardrail,
          { ArnLike: { 'aws:PrincipalArn': viaServiceRoles } },
          { BoolIfExists: { 'aws:ViaAWSService': 'false' } },
          unlessPrincipalIn(breakGlass),
        ),
      ),
    );
  }
  return statements;
}

/**
 * Only approved models run. Without an OU list every foundation model is approved; imported,
 * custom and provisioned models, custom deployments and prompt routers only when listed.
 * System profiles pass on the profile hop and meet the rule again on the model hop;
 * application profiles can only be created from an approved model.
 */
function modelStatements(ou: OrganizationalUnit, breakGlass: readonly string[]): PolicyStatement[] {
  const allowed = classesAllowedTo(ou);
  const actions = allowed.flatMap((actionClass) => MODEL_RESOURCE_ACTIONS[actionClass] ?? []).sort();
  const foundationModels = (ou.allowedModels ?? []).filter((model) => !model.startsWith('arn:'));
  const listedArns = (ou.allowedModels ?? []).filter((model) => model.startsWith('arn:'));
  const approved = [
    ...(ou.allowedModels ? foundationModels.flatMap(modelAndProfiles) : [foundationModelArn('*', '*'), inferenceProfileArn('*', '*', '*')]),
    bedrockArn('*', '*', 'application-inference-profile/*'),
    ...listedArns,
    ...NON_MODEL_RESOURCE_TYPES.map((type) => bedrockArn('*', '*', `${type}/*`)),
  ];
  const statements = [denyExcept('DenyUnapprovedModels', actions, approved, unlessPrincipalIn(breakGlass))];
  if (ou.allowedModels && allowed.includes('unlogged-inference')) {
    // bedrock-mantle names its model in a condition key, not in the resource.
    statements.push(
      deny(
        'DenyUnapprovedMantleModels',
        [...MANTLE_MODEL_ACTIONS],
        '*',
        allOf({ StringNotEquals: { 'bedrock-mantle:Model': foundationModels } }, unlessPrincipalIn(breakGlass)),
      ),
    );
  }
  return statements;
}

export function denyBedrockOutsideApprovedUse(config: BaselineConfig, ou: OrganizationalUnit): PolicyDocument {
  const breakGlass = config.governance.breakGlassRoleArns;
  const regions = regionsOfOu(ou, config.governance.allowedRegions);
  return policyDocument([
    ...regionStatements(config, regions, breakGlass),
    ...classStatements(ou, breakGlass),
    ...guardrailStatements(config, breakGlass),
    ...modelStatements(ou, breakGlass),
  ]);
}
