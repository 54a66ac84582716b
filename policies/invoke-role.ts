/**
 * The application role of a workload account: what an application may do with Bedrock
 * (invoke the models the config allows for the account, always with the account's baseline
 * guardrail) and who may assume the role (principals of the account only).
 */
import { inferenceGeographiesOf } from '../config/regions';
import type { BaselineConfig, CrossRegionInferenceMode, WorkloadAccount } from '../config/schema';
import { crossRegionGuardrailProfileArn } from '../guardrails/spec';
import { accountRootArn, foundationModelArn, guardrailArn, guardrailVersionArn, inferenceProfileArn } from '../naming/arns';
import { minify, policyDocument, withCondition, type ConditionBlock, type PolicyDocument, type PolicyStatement } from './document';
import { allOf } from './principals';
import { INFERENCE_ACTIONS } from './scp/deny-bedrock-outside-approved-use';

export interface GuardedInvokeRegion {
  /** A region of the account. */
  readonly region: string;
  /** ARN of the account's baseline guardrail there, without a version. */
  readonly guardrailArn: string;
  /** ARN of the guardrail's cross-region guardrail profile, if it has one. */
  readonly guardrailProfileArn?: string;
}

export interface GuardedInvokeInput {
  /** The workload account. */
  readonly accountId: string;
  /** Foundation-model ids the account may invoke. */
  readonly modelIds: readonly string[];
  /** Which inference profiles may route the account's calls. */
  readonly crossRegionInference: CrossRegionInferenceMode;
  /** The account's regions and their guardrails. */
  readonly regions: readonly GuardedInvokeRegion[];
}

/** The invoke policy input of `account`, given the ARN of its guardrail in each region. */
export function guardedInvokeInput(config: BaselineConfig, account: WorkloadAccount, guardrailArnIn: (region: string) => string): GuardedInvokeInput {
  return {
    accountId: account.id,
    modelIds: account.allowedModels,
    crossRegionInference: config.governance.crossRegionInference,
    regions: account.regions.map((region) => {
      const guardrailProfileArn = crossRegionGuardrailProfileArn(config, region, account.id);
      return { region, guardrailArn: guardrailArnIn(region), ...(guardrailProfileArn ? { guardrailProfileArn } : {}) };
    }),
  };
}

/** `us-east-1` -> `UsEast1`, for Sids (alphanumeric only). */
function sidRegion(region: string): string {
  return region
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Inference-profile ids (`us.<model>`, `global.<model>`) the account may use from `region`. */
function inferenceProfileIds(region: string, modelId: string, mode: CrossRegionInferenceMode): string[] {
  if (mode === 'none') return [];
  const prefixes = [...inferenceGeographiesOf(region), ...(mode === 'global' ? ['global'] : [])];
  return prefixes.map((prefix) => `${prefix}.${modelId}`);
}

/**
 * Allow statements for `modelIds` called from `region`: directly and through the system
 * profiles the cross-region mode permits there, and the hops those profiles route, each
 * with `condition`. Sids end in the region's name.
 */
export function modelInvokeStatements(
  input: Pick<GuardedInvokeInput, 'accountId' | 'crossRegionInference'>,
  region: string,
  modelIds: readonly string[],
  sids: { readonly direct: string; readonly routed: string },
  condition: ConditionBlock,
): PolicyStatement[] {
  if (modelIds.length === 0) return [];
  const profileArns = modelIds
    .flatMap((modelId) => inferenceProfileIds(region, modelId, input.crossRegionInference))
    .map((profileId) => inferenceProfileArn(region, input.accountId, profileId))
    .sort();
  const statements: PolicyStatement[] = [
    withCondition(
      {
        Sid: `${sids.direct}${sidRegion(region)}`,
        Effect: 'Allow',
        Action: [...INFERENCE_ACTIONS],
        Resource: [...modelIds.map((modelId) => foundationModelArn(region, modelId)), ...profileArns].sort(),
      },
      condition,
    ),
  ];
  if (profileArns.length > 0) {
    statements.push(
      withCondition(
        {
          Sid: `${sids.routed}${sidRegion(region)}`,
          Effect: 'Allow',
          Action: [...INFERENCE_ACTIONS],
          // The destination hop of a cross-region profile names the model in whatever region
          // (or, for global profiles, no region) the profile routes to: only via our profiles.
          Resource: modelIds.map((modelId) => foundationModelArn('*', modelId)).sort(),
        },
        allOf(condition, { ArnLike: { 'bedrock:InferenceProfileArn': profileArns } }),
      ),
    );
  }
  return statements;
}

/** The invoke statements of one region: its allowed models and profiles with a published baseline guardrail, and the hops those profiles route. */
export function invokeStatementsIn(input: GuardedInvokeInput, scope: GuardedInvokeRegion): PolicyStatement[] {
  // Without models the role still applies the guardrail on its own (ApplyGuardrail), e.g. to other models' output.
  // Any published version (`<arn>:<n>`); the DRAFT (the bare ARN) does not match.
  const withBaselineGuardrail = { ArnLike: { 'bedrock:GuardrailIdentifier': guardrailVersionArn(scope.guardrailArn, '*') } };
  return modelInvokeStatements(
    input,
    scope.region,
    input.modelIds,
    { direct: 'InvokeAllowedModelsIn', routed: 'InvokeRoutedFrom' },
    withBaselineGuardrail,
  );
}

/** ApplyGuardrail on the baseline guardrails of `regions` and wherever their guardrail profiles route. */
export function applyGuardrailStatement(regions: readonly GuardedInvokeRegion[]): PolicyStatement {
  // Ordered by region, not by ARN: in a stack the ARNs are still Terraform tokens, whose text
  // depends on how many tokens the process made before, so sorting them would make the output
  // depend on which other stacks the same process synthesized.
  const guardrails = [...regions].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0)).map((scope) => scope.guardrailArn);
  // A guardrail profile routes guardrail evaluation within its geography: the caller applies it in every region of it.
  const guardrailProfiles = regions.flatMap((scope) =>
    scope.guardrailProfileArn ? [scope.guardrailProfileArn.replace(`:${scope.region}:`, ':*:')] : [],
  );
  return {
    Sid: 'ApplyBaselineGuardrail',
    Effect: 'Allow',
    Action: 'bedrock:ApplyGuardrail',
    Resource: [...guardrails, ...[...new Set(guardrailProfiles)].sort()],
  };
}

/** Identity policy of the application role. */
export function guardedInvokePolicy(input: GuardedInvokeInput): PolicyDocument {
  return policyDocument([...input.regions.flatMap((scope) => invokeStatementsIn(input, scope)), applyGuardrailStatement(input.regions)]);
}

/** Trust policy: only principals of the account itself, and only those its IAM policies allow. */
export function accountPrincipalsTrustPolicy(accountId: string): PolicyDocument {
  return policyDocument([
    {
      Sid: 'AssumeByPrincipalsOfThisAccount',
      Effect: 'Allow',
      Principal: { AWS: accountRootArn(accountId) },
      Action: 'sts:AssumeRole',
    },
  ]);
}

/** IAM's limit on the inline policies of one role, in characters without whitespace. */
export const ROLE_INLINE_POLICY_LIMIT = 10240;

/** `account`'s invoke input with a stand-in of full length for each guardrail ARN, which is known only after apply: for size checks. */
export function invokeInputForSizing(config: BaselineConfig, account: WorkloadAccount): GuardedInvokeInput {
  // Guardrail ids are 12 characters.
  return guardedInvokeInput(config, account, (region) => guardrailArn(region, account.id, 'x'.repeat(12)));
}

/** The size in characters of `account`'s invoke policy. */
export function invokePolicySize(config: BaselineConfig, account: WorkloadAccount): number {
  return minify(guardedInvokePolicy(invokeInputForSizing(config, account))).length;
}
