/**
 * Content of the Organizations BEDROCK_POLICY (a management policy type, not IAM): per
 * region, the management-account guardrail version that Bedrock applies to every
 * inference call of the accounts the policy is attached to.
 *
 * Syntax (Organizations user guide, "Amazon Bedrock policy syntax and examples"):
 * bedrock.guardrail_inference.<region>.<config name>.identifier = "<guardrail ARN>:<version>",
 * optional selective_content_guarding.{system,messages} = selective | comprehensive and
 * model_enforcement.{included_models,excluded_models}, every leaf wrapped in "@@assign".
 */
import { guardrailArn, guardrailVersionArn, parseGuardrailArn } from '../naming/arns';
import { assign, type Assign } from './management-policy';

const PUBLISHED_VERSION = /^[1-9][0-9]{0,7}$/;
const GUARDRAIL_VERSION_ARN_FORMAT = guardrailVersionArn(guardrailArn('<region>', '<account>', '<id>'), '<version>');

/**
 * Why `identifier` cannot be the BEDROCK_POLICY entry of `region`, or an empty list.
 * A wrong identifier breaks every Bedrock call in the targeted accounts, so anything but a
 * published version of a management-account guardrail in that very region is refused.
 */
export function organizationGuardrailIdentifierProblems(identifier: string, region: string, managementAccountId: string): string[] {
  const parsed = parseGuardrailArn(identifier);
  if (!parsed) return [`"${identifier}" is not a guardrail version ARN (${GUARDRAIL_VERSION_ARN_FORMAT})`];
  const { region: arnRegion, accountId: owner, version } = parsed;
  const problems: string[] = [];
  if (version === undefined || version === 'DRAFT') {
    problems.push(`"${identifier}" names the DRAFT of the guardrail; BEDROCK_POLICY needs a published version (…:guardrail/<id>:<number>)`);
  } else if (!PUBLISHED_VERSION.test(version)) {
    problems.push(`"${identifier}" has version "${version}", not a published version number`);
  }
  if (arnRegion !== region) {
    problems.push(
      `"${identifier}" is a guardrail in ${arnRegion}, but this entry is for ${region}: Bedrock enforces a guardrail only in its own region`,
    );
  }
  if (owner !== managementAccountId) {
    problems.push(
      `"${identifier}" belongs to account ${owner}; BEDROCK_POLICY enforces only guardrails of the management account ${managementAccountId}`,
    );
  }
  return problems;
}

/** Which parts of a request the enforced guardrail evaluates, and on which models. */
export interface EnforcementScope {
  /** COMPREHENSIVE or SELECTIVE evaluation of system prompts. */
  readonly systemPrompts: 'COMPREHENSIVE' | 'SELECTIVE';
  /** COMPREHENSIVE or SELECTIVE evaluation of user and assistant messages. */
  readonly messages: 'COMPREHENSIVE' | 'SELECTIVE';
  /** Model ids the guardrail skips; empty: every model. */
  readonly excludedModels: readonly string[];
}

export interface BedrockPolicyEntry {
  /** Region the entry enforces in. */
  readonly region: string;
  /** `<guardrail ARN>:<published version>` of a guardrail in that region. */
  readonly identifier: string;
}

export interface GuardrailInferenceSettings {
  readonly identifier: Assign<string>;
  readonly selective_content_guarding: { readonly system: Assign<string>; readonly messages: Assign<string> };
  readonly model_enforcement?: { readonly included_models: Assign<readonly string[]>; readonly excluded_models: Assign<readonly string[]> };
}

export interface BedrockPolicyDocument {
  readonly bedrock: { readonly guardrail_inference: Readonly<Record<string, Readonly<Record<string, GuardrailInferenceSettings>>>> };
}

/** Name of the one configuration per region; the documented example's name, as the syntax shows no other constraint on it. */
export const BEDROCK_POLICY_CONFIG_NAME = 'config_1';

/** The policy document; entries in region order so the JSON is deterministic. */
export function bedrockPolicyContent(entries: readonly BedrockPolicyEntry[], scope: EnforcementScope): BedrockPolicyDocument {
  const settings = (identifier: string): GuardrailInferenceSettings => ({
    identifier: assign(identifier),
    // The policy syntax spells the modes in lower case; the Bedrock API in upper case.
    selective_content_guarding: { system: assign(scope.systemPrompts.toLowerCase()), messages: assign(scope.messages.toLowerCase()) },
    ...(scope.excludedModels.length > 0
      ? { model_enforcement: { included_models: assign(['ALL']), excluded_models: assign([...scope.excludedModels].sort()) } }
      : {}),
  });
  const byRegion = [...entries].sort((a, b) => a.region.localeCompare(b.region));
  return {
    bedrock: {
      guardrail_inference: Object.fromEntries(byRegion.map((entry) => [entry.region, { [BEDROCK_POLICY_CONFIG_NAME]: settings(entry.identifier) }])),
    },
  };
}
