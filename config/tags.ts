/**
 * Where a workload account's mandatory tags come from: the Environment tag from its
 * `environment`, every other one from its `tags`. This is the one place that says so;
 * validation, the stacks' default tags, drift and vend all ask here.
 */
import type { BaselineConfig, WorkloadAccount } from './schema';

/** The mandatory tag whose value comes from an account's `environment`. */
export const ENVIRONMENT_TAG = 'Environment';

/** The mandatory tag keys a workload account supplies through its `tags`, in config order. */
export function accountSuppliedTagKeys(config: Pick<BaselineConfig, 'mandatoryTags'>): string[] {
  return Object.keys(config.mandatoryTags).filter((key) => key !== ENVIRONMENT_TAG);
}

/** A workload account's tags: its own, and its `environment` as the Environment tag when that tag is mandatory. */
export function accountTags(
  config: Pick<BaselineConfig, 'mandatoryTags'>,
  account: Pick<WorkloadAccount, 'environment' | 'tags'>,
): Record<string, string> {
  return { ...account.tags, ...(ENVIRONMENT_TAG in config.mandatoryTags ? { [ENVIRONMENT_TAG]: account.environment } : {}) };
}

/**
 * Tags of every resource in the stack that governs `accountId` (the provider's
 * `default_tags`), sorted by key: the workload account's tags, or, for the core stacks,
 * `coreAccounts.tags`. validate.ts guarantees each set holds every mandatory tag with an
 * allowed value.
 */
export function stackTags(config: BaselineConfig, accountId: string): Record<string, string> {
  const account = config.workloadAccounts.find((candidate) => candidate.id === accountId);
  const tags: Record<string, string> = account ? accountTags(config, account) : { ...config.coreAccounts.tags };
  return Object.fromEntries(
    Object.keys(tags)
      .sort()
      .map((key) => [key, tags[key]!]),
  );
}
