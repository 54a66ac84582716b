/**
 * What the detective services of a synth cover, read from the stacks' Terraform JSON:
 * GuardDuty's detector regions, member auto-enable and AI Protection, Security Hub
 * CSPM's standards and the targets of its configuration policy, the data event types of
 * the organization trail, and Macie's classification jobs; per workload account, which of
 * them reach it; and between two synths, what was taken away (a widening: something an
 * attacker can now do unseen) or added. Pure, over parsed stacks.
 */
import type { TerraformJson } from './snapshot';

type Attributes = Readonly<Record<string, unknown>>;

export interface DetectiveCoverage {
  /** GuardDuty, when a stack has a detector. */
  readonly guardDuty?: {
    /** Regions with a detector. */
    readonly regions: readonly string[];
    /** AutoEnableMembers of the organization configuration (ALL, NEW or NONE) in each region, as region -> value. */
    readonly autoEnableMembers: Readonly<Record<string, string>>;
    /** Regions where AI Protection is auto-enabled for the members. */
    readonly aiProtectionRegions: readonly string[];
  };
  /** Security Hub CSPM central configuration, when a stack has a configuration policy. */
  readonly securityHub?: {
    /** Standards the policy enables, as `standards/<name>/v/<version>`. */
    readonly standards: readonly string[];
    /** OU and account ids the policy is associated with. */
    readonly targets: readonly string[];
    /** Regions aggregated into the home region (besides it). */
    readonly linkedRegions: readonly string[];
  };
  /** The organization trail, when a stack has one. */
  readonly trail?: {
    /** `resources.type` values of its data event selectors. */
    readonly dataEventTypes: readonly string[];
    /** Whether data events of read-only calls are kept. */
    readonly readOnlyDataEvents: boolean;
  };
  /** Buckets Macie classification jobs read. */
  readonly macieBuckets: readonly string[];
}

const resources = (stack: TerraformJson, type: string): Attributes[] => Object.values(stack.resource?.[type] ?? {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string');
const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Region of a resource: its provider's, or the default provider's. */
function regionOf(stack: TerraformJson, resource: Attributes): string {
  const alias = String(resource.provider ?? '')
    .replace(/^\$\{(.*)\}$/, '$1')
    .replace(/^aws\./, '');
  const providers = stack.provider?.aws ?? [];
  const provider = providers.find((candidate) => (alias === '' ? candidate.alias === undefined : candidate.alias === alias)) ?? providers[0];
  return String(provider?.region ?? '');
}

/** The standard's path in an ARN `arn:aws:securityhub:<region>::standards/...`. */
const standardPath = (arn: string): string => arn.replace(/^arn:[^:]+:securityhub:[^:]*:[^:]*:/, '');

export function detectiveCoverage(stacks: ReadonlyMap<string, TerraformJson>): DetectiveCoverage {
  const all = [...stacks.values()];
  const detectorRegions = all.flatMap((stack) => resources(stack, 'aws_guardduty_detector').map((detector) => regionOf(stack, detector)));
  const autoEnableMembers = Object.fromEntries(
    all.flatMap((stack) =>
      resources(stack, 'aws_guardduty_organization_configuration').map((config) => [
        regionOf(stack, config),
        String(config.auto_enable_organization_members),
      ]),
    ),
  );
  const aiProtectionRegions = all.flatMap((stack) =>
    resources(stack, 'aws_guardduty_organization_configuration_feature')
      .filter((feature) => feature.name === 'AI_PROTECTION' && feature.auto_enable === 'ALL')
      .map((feature) => regionOf(stack, feature)),
  );
  const policies = all.flatMap((stack) => resources(stack, 'aws_securityhub_configuration_policy'));
  const enabledPolicies = policies.filter((policy) =>
    list(policy.configuration_policy).some((block) => (block as Attributes).service_enabled === true),
  );
  const trails = all.flatMap((stack) => resources(stack, 'aws_cloudtrail').filter((trail) => trail.is_organization_trail === true));
  const dataSelectors = trails
    .flatMap((trail) => list(trail.advanced_event_selector) as Attributes[])
    .filter((selector) =>
      (list(selector.field_selector) as Attributes[]).some((field) => field.field === 'eventCategory' && strings(field.equals).includes('Data')),
    );
  const fieldValues = (field: string) =>
    dataSelectors.flatMap((selector) =>
      (list(selector.field_selector) as Attributes[]).filter((f) => f.field === field).flatMap((f) => strings(f.equals)),
    );

  return {
    ...(detectorRegions.length > 0
      ? { guardDuty: { regions: sortedUnique(detectorRegions), autoEnableMembers, aiProtectionRegions: sortedUnique(aiProtectionRegions) } }
      : {}),
    ...(enabledPolicies.length > 0
      ? {
          securityHub: {
            standards: sortedUnique(
              enabledPolicies.flatMap((policy) =>
                list(policy.configuration_policy).flatMap((block) => strings((block as Attributes).enabled_standard_arns).map(standardPath)),
              ),
            ),
            targets: sortedUnique(
              all.flatMap((stack) =>
                resources(stack, 'aws_securityhub_configuration_policy_association').map((association) => String(association.target_id)),
              ),
            ),
            linkedRegions: sortedUnique(
              all.flatMap((stack) =>
                resources(stack, 'aws_securityhub_finding_aggregator').flatMap((aggregator) => strings(aggregator.specified_regions)),
              ),
            ),
          },
        }
      : {}),
    ...(trails.length > 0
      ? {
          trail: {
            dataEventTypes: sortedUnique(fieldValues('resources.type')),
            readOnlyDataEvents: !dataSelectors.some((selector) =>
              (list(selector.field_selector) as Attributes[]).some((f) => f.field === 'readOnly'),
            ),
          },
        }
      : {}),
    macieBuckets: sortedUnique(
      all.flatMap((stack) =>
        resources(stack, 'aws_macie2_classification_job').flatMap((job) =>
          list(job.s3_job_definition).flatMap((definition) =>
            list((definition as Attributes).bucket_definitions).flatMap((bucket) => strings((bucket as Attributes).buckets)),
          ),
        ),
      ),
    ),
  };
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The detectors that reach one workload account, as short labels, given its OU and regions. */
export function accountDetectors(
  coverage: DetectiveCoverage,
  account: { readonly accountId: string; readonly ou: string | undefined; readonly regions: readonly string[] },
): string[] {
  const labels: string[] = [];
  const { guardDuty, securityHub, trail } = coverage;
  if (guardDuty) {
    const covered = account.regions.filter((region) => guardDuty.regions.includes(region) && guardDuty.autoEnableMembers[region] === 'ALL');
    const uncovered = account.regions.filter((region) => !covered.includes(region));
    if (covered.length > 0) labels.push(`GuardDuty${uncovered.length > 0 ? ` (not ${uncovered.join(', ')})` : ''}`);
    const ai = covered.filter((region) => guardDuty.aiProtectionRegions.includes(region));
    if (ai.length > 0) labels.push(`AI Protection${ai.length < covered.length ? ` (${ai.join(', ')})` : ''}`);
  }
  if (securityHub && (securityHub.targets.includes(account.accountId) || (account.ou !== undefined && securityHub.targets.includes(account.ou)))) {
    labels.push(`Security Hub (${count(securityHub.standards.length, 'standard')})`);
  }
  if (trail) labels.push(`trail data events (${count(trail.dataEventTypes.length, 'type')})`);
  if (coverage.macieBuckets.length > 0) labels.push('Macie (central invocation logs)');
  return labels;
}

export interface DetectiveChange {
  /** GuardDuty, AI Protection, Security Hub, organization trail or Macie. */
  readonly detector: string;
  /** What changed, in words. */
  readonly description: string;
  /** True when detection was taken away. */
  readonly widening: boolean;
}

/** `values` without those in `remove`, in their order; an absent list counts as empty. */
export const minus = <T>(values: readonly T[] = [], remove: readonly T[] = []): T[] => values.filter((value) => !remove.includes(value));

/** Each addition and removal between two coverages; removals are widenings. */
function setChanges(detector: string, what: string, before: readonly string[] | undefined, after: readonly string[] | undefined): DetectiveChange[] {
  const removed = minus(before, after);
  const added = minus(after, before);
  return [
    ...(removed.length > 0 ? [{ detector, description: `${what} removed: ${removed.join(', ')}`, widening: true }] : []),
    ...(added.length > 0 ? [{ detector, description: `${what} added: ${added.join(', ')}`, widening: false }] : []),
  ];
}

export function diffDetectiveCoverage(base: DetectiveCoverage, head: DetectiveCoverage): DetectiveChange[] {
  const changes: DetectiveChange[] = [];
  const presence = (detector: string, was: boolean, is: boolean, gone: string) => {
    if (was && !is) changes.push({ detector, description: gone, widening: true });
    if (!was && is) changes.push({ detector, description: 'deployed', widening: false });
  };
  presence('GuardDuty', !!base.guardDuty, !!head.guardDuty, 'removed: no threat detection for any account, AI Protection included');
  if (base.guardDuty && head.guardDuty) {
    changes.push(...setChanges('GuardDuty', 'detector regions', base.guardDuty.regions, head.guardDuty.regions));
    const weakened = head.guardDuty.regions.filter(
      (region) => base.guardDuty!.autoEnableMembers[region] === 'ALL' && head.guardDuty!.autoEnableMembers[region] !== 'ALL',
    );
    if (weakened.length > 0)
      changes.push({ detector: 'GuardDuty', description: `member auto-enable no longer ALL in ${weakened.join(', ')}`, widening: true });
  }
  changes.push(...setChanges('AI Protection', 'regions', base.guardDuty?.aiProtectionRegions, head.guardDuty?.aiProtectionRegions));
  presence('Security Hub', !!base.securityHub, !!head.securityHub, 'removed: no posture checks, the AI standard included');
  if (base.securityHub && head.securityHub) {
    changes.push(...setChanges('Security Hub', 'standards', base.securityHub.standards, head.securityHub.standards));
    changes.push(...setChanges('Security Hub', 'policy targets', base.securityHub.targets, head.securityHub.targets));
    changes.push(...setChanges('Security Hub', 'aggregated regions', base.securityHub.linkedRegions, head.securityHub.linkedRegions));
  }
  presence('organization trail', !!base.trail, !!head.trail, 'removed');
  if (base.trail && head.trail) {
    changes.push(...setChanges('organization trail', 'data event types', base.trail.dataEventTypes, head.trail.dataEventTypes));
    if (base.trail.readOnlyDataEvents && !head.trail.readOnlyDataEvents)
      changes.push({ detector: 'organization trail', description: 'data events of read-only calls no longer logged', widening: true });
    if (!base.trail.readOnlyDataEvents && head.trail.readOnlyDataEvents)
      changes.push({ detector: 'organization trail', description: 'data events of read-only calls logged', widening: false });
  }
  changes.push(...setChanges('Macie', 'classified buckets', base.macieBuckets, head.macieBuckets));
  return changes;
}
