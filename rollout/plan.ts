/**
 * How the workflows split a change across GitHub-hosted runners: the stacks to apply in
 * order and in waves, each wave cut into shards that run as the jobs of one matrix, each
 * job running a bounded number of terraform processes at once
 * (.github/scripts/terraform-stacks.sh). Pure: config and stack names in, plan out.
 */
import type { BaselineConfig } from '../config/schema';
import { accountBaselineStackName, LOG_ARCHIVE_STACK, ORG_GOVERNANCE_STACK, SECURITY_AUDIT_STACK } from '../naming/stacks';

/** Organization-wide stacks in apply order: the trail needs the central bucket and key; Macie, GuardDuty and Security Hub their delegated admin. */
export const CORE_STACK_ORDER = [LOG_ARCHIVE_STACK, ORG_GOVERNANCE_STACK, SECURITY_AUDIT_STACK] as const;

/** GitHub Actions runs at most 256 jobs from one matrix. */
export const GITHUB_MATRIX_LIMIT = 256;

export interface ShardLimits {
  /** Most jobs in one wave's matrix (at most GitHub's 256). */
  readonly maxJobs: number;
  /** Most stacks one job takes on: with its parallelism and the per-stack timeout, this bounds how long a job can run. */
  readonly stacksPerJob: number;
}

export interface Wave {
  /** `canary` (rollout.canary of the config) and `rest` when applying; `all` when planning, which needs no order. */
  readonly name: 'all' | 'canary' | 'rest';
  /** The wave's stacks, each in exactly one shard. */
  readonly shards: readonly (readonly string[])[];
}

export interface RolloutPlan {
  /** `s3` (terraform in the runners, state in S3) or `hcp` (runs in HCP Terraform workspaces). */
  readonly engine: 'hcp' | 's3';
  /** Changed organization-wide stacks, applied one after another before any wave. */
  readonly core: readonly string[];
  /** Changed workload stacks: the canary wave first, the rest only after every canary applied. Empty waves are left out. */
  readonly waves: readonly Wave[];
}

/** Thrown when a wave has more stacks than the limits let the matrix hold. */
export class RolloutCapacityError extends Error {
  constructor(
    readonly wave: string,
    readonly stacks: number,
    readonly limits: ShardLimits,
  ) {
    super(
      `the ${wave} wave has ${stacks} stacks, more than ${limits.maxJobs} jobs x ${limits.stacksPerJob} stacks per job; raise STACKS_PER_JOB together with PARALLELISM (and the job timeout), or deploy in parts with the workflow's stacks input`,
    );
    this.name = 'RolloutCapacityError';
  }
}

/**
 * `stacks` dealt round-robin into as few shards as keep each at most `stacksPerJob`,
 * sorted first so that the same change always gives the same shards (a re-run finds
 * each stack in the shard it was in).
 */
export function shardsOf(wave: string, stacks: readonly string[], limits: ShardLimits): string[][] {
  if (stacks.length === 0) return [];
  const count = Math.ceil(stacks.length / limits.stacksPerJob);
  if (count > Math.min(limits.maxJobs, GITHUB_MATRIX_LIMIT)) throw new RolloutCapacityError(wave, stacks.length, limits);
  const shards = Array.from({ length: count }, (): string[] => []);
  [...stacks].sort().forEach((stack, index) => shards[index % count]!.push(stack));
  return shards;
}

/** The plan for applying `changed` (stack names of this config's synth). */
export function rolloutPlan(config: BaselineConfig, changed: readonly string[], limits: ShardLimits): RolloutPlan {
  const changedSet = new Set(changed);
  const core = CORE_STACK_ORDER.filter((stack) => changedSet.has(stack));
  const { canary } = config.rollout;
  const canaryOus = new Set(canary.organizationalUnits);
  const canaryStacks = new Set(
    config.workloadAccounts
      .filter((account) => canary.accounts.includes(account.id) || canaryOus.has(account.ou))
      .map((account) => accountBaselineStackName(account.id)),
  );
  const workload = changed.filter((stack) => !(CORE_STACK_ORDER as readonly string[]).includes(stack));
  const waves: Wave[] = [
    {
      name: 'canary' as const,
      shards: shardsOf(
        'canary',
        workload.filter((stack) => canaryStacks.has(stack)),
        limits,
      ),
    },
    {
      name: 'rest' as const,
      shards: shardsOf(
        'rest',
        workload.filter((stack) => !canaryStacks.has(stack)),
        limits,
      ),
    },
  ].filter((wave) => wave.shards.length > 0);
  return { engine: config.hcpTerraform ? 'hcp' : 's3', core, waves };
}

/** The plan for planning `changed` (a pull request): no order and no waves, every stack in one matrix. */
export function reviewPlan(config: BaselineConfig, changed: readonly string[], limits: ShardLimits): RolloutPlan {
  const shards = shardsOf('all', changed, limits);
  return { engine: config.hcpTerraform ? 'hcp' : 's3', core: [], waves: shards.length > 0 ? [{ name: 'all', shards }] : [] };
}
