/**
 * Which hashicorp/aws releases a stack accepts, and why. Pure data: the stacks set their
 * `required_providers` from it and `baseline preflight` prints it.
 *
 * The floor is the oldest release whose schema the stacks are known to match: every
 * resource and argument they emit through the binding comes from the hashicorp/aws 6.25.0
 * schema that @cdktf/provider-aws 21.22.1 was generated from (the cdktn flavour's binding, from 6.66.0,
 * type-checks the same source and synthesizes the same bytes). Major releases of the
 * provider remove and rename arguments, hence the ceiling.
 *
 * Two opt-in features use resources that no binding has (constructs/bedrock-unbound-resources.ts).
 * Neither exists in 6.66.0, the newest release whose schema could be read offline, and the
 * first release that ships either could not be established (terraform-provider-aws pull
 * requests 47408 and 48697 were open, and documentation elsewhere names the enforced
 * configuration's guardrail argument `guardrail_arn`, not the pull request's
 * `guardrail_identifier`). So a stack that uses one requires a release newer than 6.66.0 and
 * nothing more precise: `terraform init` then picks the newest 6.x, and `terraform validate`
 * against it must confirm the resource type and its argument names before the feature is
 * switched on. Stacks without the features keep the floor, so an organization that does not
 * use them is not pushed onto releases nobody has validated.
 *
 * A bound resource can need a newer release too, for an argument value: the provider checks
 * GuardDuty feature names against the enum of the AWS SDK for Go it was built with, and
 * `AI_PROTECTION` is not in the SDK of the floor (AWS announced the feature in July 2026).
 * terraform-provider-aws pull request 48972 added it; its maintainers said it would ship in
 * 6.56.0 (issue 49024). That first release is stated as such, not as "newer than a release
 * known to lack it".
 */

import type { BaselineConfig } from '../config/schema';
import { enforcedOrganizationGuardrail } from '../guardrails/spec';

/** Registry address of the provider; the cdktf binding writes the legacy `aws`, cdktn's `hashicorp/aws`, both meaning this. */
export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';

/** The release the bound resources and arguments come from (@cdktf/provider-aws 21.22.1). */
export const AWS_PROVIDER_FLOOR = '6.25.0';

/** The first release the stacks do not accept: a new major release. */
export const AWS_PROVIDER_NEXT_MAJOR = '7.0.0';

/** The newest release whose schema was checked offline (@cdktn/provider-aws 25.7.0); it lacks both opt-in resources. */
export const NEWEST_CHECKED_AWS_PROVIDER = '6.66.0';

/** Why a stack needs a release newer than the floor: a resource type no binding has, or a value the floor's schema refuses. */
export type OptInReason =
  { readonly kind: 'unbound-resource' } | { readonly kind: 'argument-value'; readonly argument: string; readonly value: string };

export interface OptInProviderRequirement {
  /** Terraform resource type the feature emits: through an escape hatch, or bound with `reason`'s value. */
  readonly resourceType: string;
  /** What about the resource the floor lacks. */
  readonly reason: OptInReason;
  /** The feature, as the user knows it. */
  readonly feature: string;
  /** The config key that switches it on. */
  readonly configPath: string;
  /** Whether `config` switches it on. */
  readonly enabledIn: (config: BaselineConfig) => boolean;
  /** The stacks that then hold the resource, in words. */
  readonly stacks: string;
  /** The newest release known to lack the resource or value; without `firstIn`, the stack requires a newer one. */
  readonly missingIn: string;
  /** The first release known to have it, where that is known: the stack requires at least this one. */
  readonly firstIn?: string;
  /** The terraform-provider-aws pull request that adds the resource. */
  readonly pullRequest: number;
  /** The arguments the resource emits, to confirm with `terraform validate`. */
  readonly arguments: readonly string[];
}

const GUARDDUTY_AI_PROTECTION = {
  feature: 'GuardDuty AI Protection',
  configPath: 'detection.guardDuty.aiProtection',
  enabledIn: (config: BaselineConfig) => config.detection.guardDuty.enabled && config.detection.guardDuty.aiProtection,
  stacks: 'the security-audit stack',
  reason: { kind: 'argument-value', argument: 'name', value: 'AI_PROTECTION' },
  missingIn: AWS_PROVIDER_FLOOR,
  firstIn: '6.56.0',
  pullRequest: 48972,
} as const;

/** The opt-in features whose resources are newer than every binding, one entry per resource type. */
export const OPT_IN_PROVIDER_REQUIREMENTS: readonly OptInProviderRequirement[] = [
  {
    resourceType: 'aws_bedrock_enforced_guardrail_configuration',
    reason: { kind: 'unbound-resource' },
    feature: 'account-level enforced guardrail',
    configPath: 'guardrails.accountEnforcement.enabled',
    enabledIn: (config) => config.guardrails.accountEnforcement.enabled,
    stacks: 'the baseline-<account> stacks',
    missingIn: NEWEST_CHECKED_AWS_PROVIDER,
    pullRequest: 47408,
    arguments: ['guardrail_identifier', 'guardrail_version', 'selective_content_guarding', 'model_enforcement'],
  },
  {
    resourceType: 'aws_bedrock_guardrail_resource_policy',
    reason: { kind: 'unbound-resource' },
    feature: 'organization guardrail (BEDROCK_POLICY)',
    configPath: 'governance.orgGuardrail.enabled',
    enabledIn: (config) => enforcedOrganizationGuardrail(config) !== undefined,
    stacks: 'the org-governance stack',
    missingIn: NEWEST_CHECKED_AWS_PROVIDER,
    pullRequest: 48697,
    arguments: ['resource_arn', 'policy'],
  },
  { ...GUARDDUTY_AI_PROTECTION, resourceType: 'aws_guardduty_organization_configuration_feature', arguments: ['auto_enable', 'detector_id', 'name'] },
  { ...GUARDDUTY_AI_PROTECTION, resourceType: 'aws_guardduty_detector_feature', arguments: ['detector_id', 'name', 'status'] },
];

/** What a stack records for a requirement: the resource type, with `:<argument>=<value>` for an argument value. */
export function optInRequirementKey(requirement: Pick<OptInProviderRequirement, 'resourceType' | 'reason'>): string {
  const { reason } = requirement;
  return reason.kind === 'unbound-resource' ? requirement.resourceType : `${requirement.resourceType}:${reason.argument}=${reason.value}`;
}

/** The requirement a stack recorded by its key; a key not listed here is a bug. */
export function optInProviderRequirement(key: string): OptInProviderRequirement {
  const requirement = OPT_IN_PROVIDER_REQUIREMENTS.find((candidate) => optInRequirementKey(candidate) === key);
  if (!requirement) throw new Error(`${key} has no entry in OPT_IN_PROVIDER_REQUIREMENTS`);
  return requirement;
}

const versionParts = (version: string): number[] => version.split('.').map(Number);
function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The `version` constraint of a stack that records the requirement `keys`: the floor,
 * raised to the first release known to have each, or past the newest release known to
 * lack it where no first release is known; the strictest of them wins.
 */
export function awsProviderConstraint(keys: Iterable<string> = []): string {
  const bounds = [...new Set(keys)].map((key) => {
    const requirement = optInProviderRequirement(key);
    return requirement.firstIn !== undefined
      ? { version: requirement.firstIn, inclusive: true }
      : { version: requirement.missingIn, inclusive: false };
  });
  // Of two bounds on the same release, `> v` is stricter than `>= v`.
  const strictest = bounds.reduce(
    (best, bound) => {
      const order = compareVersions(bound.version, best.version);
      return order > 0 || (order === 0 && !bound.inclusive) ? bound : best;
    },
    { version: AWS_PROVIDER_FLOOR, inclusive: true },
  );
  return `${strictest.inclusive ? '>=' : '>'} ${strictest.version}, < ${AWS_PROVIDER_NEXT_MAJOR}`;
}
