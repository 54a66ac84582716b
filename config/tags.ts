/**
 * The tags every resource of a stack carries (the stack's provider `default_tags`): a
 * workload account's own tags plus its environment as the Environment tag, or, for the
 * core stacks, `coreAccounts.tags`. validate.ts guarantees each set holds every mandatory
 * tag with an allowed value.
 */
import type { BaselineConfig } from './schema';
import { ENVIRONMENT_TAG } from './validate';

/** Tags of every resource in the stack that governs `accountId`, sorted by key. */
export function stackTags(config: BaselineConfig, accountId: string): Record<string, string> {
  const account = config.workloadAccounts.find((candidate) => candidate.id === accountId);
  const tags: Record<string, string> = account
    ? { ...account.tags, ...(ENVIRONMENT_TAG in config.mandatoryTags ? { [ENVIRONMENT_TAG]: account.environment } : {}) }
    : { ...config.coreAccounts.tags };
  return Object.fromEntries(Object.keys(tags).sort().map((key) => [key, tags[key]!]));
}
