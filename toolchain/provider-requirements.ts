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

export interface OptInProviderRequirement {
  /** Terraform resource type the feature emits through an escape hatch. */
  readonly resourceType: string;
  /** The feature, as the user knows it. */
  readonly feature: string;
  /** The config key that switches it on. */
  readonly configPath: string;
  /** Whether `config` switches it on. */
  readonly enabledIn: (config: BaselineConfig) => boolean;
  /** The stacks that then hold the resource, in words. */
  readonly stacks: string;
  /** The newest release known to lack the resource; the stack requires a newer one. */
  readonly missingIn: string;
  /** The terraform-provider-aws pull request that adds the resource. */
  readonly pullRequest: number;
  /** The arguments the escape hatch emits, to confirm with `terraform validate`. */
  readonly arguments: readonly string[];
}

/** The opt-in features whose resources are newer than every binding, one entry per resource type. */
export const OPT_IN_PROVIDER_REQUIREMENTS: readonly OptInProviderRequirement[] = [
  {
    resourceType: 'aws_bedrock_enforced_guardrail_configuration',
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
    feature: 'organization guardrail (BEDROCK_POLICY)',
    configPath: 'governance.orgGuardrail.enabled',
    enabledIn: (config) => enforcedOrganizationGuardrail(config) !== undefined,
    stacks: 'the org-governance stack',
    missingIn: NEWEST_CHECKED_AWS_PROVIDER,
    pullRequest: 48697,
    arguments: ['resource_arn', 'policy'],
  },
];

/** The requirement of an opt-in resource type; a resource type not listed here is a bug. */
export function optInProviderRequirement(resourceType: string): OptInProviderRequirement {
  const requirement = OPT_IN_PROVIDER_REQUIREMENTS.find((candidate) => candidate.resourceType === resourceType);
  if (!requirement) throw new Error(`${resourceType} has no entry in OPT_IN_PROVIDER_REQUIREMENTS`);
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
 * The `version` constraint of a stack that emits `resourceTypes`: the floor, raised past
 * the newest release known to lack any opt-in resource among them.
 */
export function awsProviderConstraint(resourceTypes: Iterable<string> = []): string {
  const missingIn = [...new Set(resourceTypes)].map((type) => optInProviderRequirement(type).missingIn).sort(compareVersions);
  const newestMissing = missingIn[missingIn.length - 1];
  const lowerBound = newestMissing === undefined || compareVersions(newestMissing, AWS_PROVIDER_FLOOR) < 0 ? `>= ${AWS_PROVIDER_FLOOR}` : `> ${newestMissing}`;
  return `${lowerBound}, < ${AWS_PROVIDER_NEXT_MAJOR}`;
}
