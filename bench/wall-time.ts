/**
 * `node dist/bench/wall-time.js`: the expected wall time of the pull-request plan and of
 * the deploy for 10 to 5,000 changed stacks, from per-stack terraform durations and the
 * workflows' own sizing (MAX_JOBS, STACKS_PER_JOB, PARALLELISM in their `env`, shards
 * from rollout/plan.ts). A model, not a measurement: every assumption is a flag, and
 * --durations takes real per-stack numbers from a past deploy (the stacks.tsv that
 * .github/scripts/rollout-summary.sh writes).
 *
 * A wave of N stacks is ceil(N / STACKS_PER_JOB) jobs (at most MAX_JOBS); GitHub runs at
 * most --concurrent-jobs of them at once and queues the rest. A job pays --job-setup,
 * then runs its stacks PARALLELISM at a time: a round lasts the mean stack time, or
 * longer when the runner's cores cannot keep up (PARALLELISM x --cpu-per-stack CPU
 * seconds on --runner-cores), and the job waits for its slowest stack (p90 over mean).
 * The deploy is: synth, the organization-wide stacks one by one, the canary wave, the
 * rest, the summary. With HCP Terraform the waves are runs in HCP Terraform instead,
 * --hcp-concurrency at a time (the organization's concurrent-run limit).
 *
 * Usage: node dist/bench/wall-time.js [--stacks 10,100,1000,5000] [--durations stacks.tsv] [--concurrent-jobs 60] ...
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { GITHUB_MATRIX_LIMIT } from '../rollout/plan';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;

/** Seconds of one stack's terraform commands: the mean, and the 90th percentile the slowest stack of a job is likely to need. */
export interface StackSeconds {
  readonly mean: number;
  readonly p90: number;
}

export interface Assumptions {
  /** init (providers from the job's plugin cache), validate and plan of a changed workload stack. */
  readonly planStack: StackSeconds;
  /** init, plan and apply of a changed workload stack. */
  readonly applyStack: StackSeconds;
  /** init, plan and apply of one organization-wide stack (org policies, the trail, Macie). */
  readonly coreStack: number;
  /** CPU seconds terraform and the AWS provider spend on one workload stack. */
  readonly cpuPerStack: number;
  /** Cores of a GitHub-hosted runner (2 for private repositories, 4 for public ones). */
  readonly runnerCores: number;
  /** Runner start, checkout, artifact download, terraform set-up, credentials, plugin cache. */
  readonly jobSetup: number;
  /** Synth job: two checkouts, two `npm ci`, two full synths, the diff. */
  readonly synthJob: (stacks: number) => number;
  /** Jobs GitHub runs at once for the account (Free 20, Team 60, Enterprise 500 standard runners). */
  readonly concurrentJobs: number;
  /** Workload stacks in the canary wave. */
  readonly canaryStacks: number;
  /** Concurrent runs of the HCP Terraform organization. */
  readonly hcpConcurrency: number;
  /** Queueing, plan, policy checks and apply of one HCP Terraform run. */
  readonly hcpRun: number;
}

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  planStack: { mean: 45, p90: 75 },
  applyStack: { mean: 150, p90: 300 },
  coreStack: 240,
  cpuPerStack: 12,
  runnerCores: 2,
  jobSetup: 60,
  // npm ci about 45 s each, and the synth benchmark's full synth (README) scaled to both synths.
  synthJob: (stacks) => 150 + 2 * 0.012 * stacks,
  concurrentJobs: 60,
  canaryStacks: 10,
  hcpConcurrency: 50,
  hcpRun: 240,
};

/** The sizing settings in a workflow's top-level `env`. */
export interface WorkflowSizing {
  readonly maxJobs: number;
  readonly stacksPerJob: number;
  readonly parallelism: number;
}

export function workflowSizing(file: string): WorkflowSizing {
  const { env } = parse(readFileSync(file, 'utf8')) as { env: Record<string, string> };
  return {
    maxJobs: Math.min(Number(env.MAX_JOBS), GITHUB_MATRIX_LIMIT),
    stacksPerJob: Number(env.STACKS_PER_JOB),
    parallelism: Number(env.PARALLELISM),
  };
}

/** Seconds for a wave of `stacks` stacks on GitHub-hosted runners. */
export function waveSeconds(stacks: number, perStack: StackSeconds, sizing: WorkflowSizing, assumptions: Assumptions): number {
  if (stacks === 0) return 0;
  const jobs = Math.min(Math.ceil(stacks / sizing.stacksPerJob), sizing.maxJobs);
  const perJob = Math.ceil(stacks / jobs);
  const atOnce = Math.min(sizing.parallelism, perJob);
  const round = Math.max(perStack.mean, (atOnce * assumptions.cpuPerStack) / assumptions.runnerCores);
  const jobSeconds = assumptions.jobSetup + Math.ceil(perJob / atOnce) * round + (perStack.p90 - perStack.mean);
  return Math.ceil(jobs / assumptions.concurrentJobs) * jobSeconds;
}

/** Seconds for `stacks` HCP Terraform runs, hcpConcurrency at a time, after the runners have started them. */
function hcpWaveSeconds(stacks: number, assumptions: Assumptions): number {
  return stacks === 0 ? 0 : assumptions.jobSetup + Math.ceil(stacks / assumptions.hcpConcurrency) * assumptions.hcpRun;
}

export interface WallTime {
  readonly stacks: number;
  readonly planJobs: number;
  readonly planSeconds: number;
  readonly deployJobs: number;
  readonly deploySeconds: number;
  readonly hcpDeploySeconds: number;
}

/** Plan and deploy wall time for `stacks` changed workload stacks plus every organization-wide stack. */
export function wallTime(stacks: number, plan: WorkflowSizing, deploy: WorkflowSizing, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): WallTime {
  const core = 3;
  const canary = Math.min(assumptions.canaryStacks, stacks);
  const jobs = (n: number, sizing: WorkflowSizing) => (n === 0 ? 0 : Math.min(Math.ceil(n / sizing.stacksPerJob), sizing.maxJobs));
  const commentJob = 30;
  const summaryJob = 30;
  const coreSeconds = assumptions.jobSetup + core * assumptions.coreStack;
  return {
    stacks,
    planJobs: jobs(stacks + core, plan),
    planSeconds: assumptions.synthJob(stacks) + waveSeconds(stacks + core, assumptions.planStack, plan, assumptions) + commentJob,
    deployJobs: 1 + jobs(canary, deploy) + jobs(stacks - canary, deploy),
    deploySeconds:
      assumptions.synthJob(stacks) +
      coreSeconds +
      waveSeconds(canary, assumptions.applyStack, deploy, assumptions) +
      waveSeconds(stacks - canary, assumptions.applyStack, deploy, assumptions) +
      summaryJob,
    hcpDeploySeconds:
      assumptions.synthJob(stacks) +
      hcpWaveSeconds(core, { ...assumptions, hcpConcurrency: 1 }) +
      hcpWaveSeconds(canary, assumptions) +
      hcpWaveSeconds(stacks - canary, assumptions) +
      summaryJob,
  };
}

/** Mean and 90th percentile of init+plan+apply seconds of the stacks a past deploy applied (stacks.tsv of rollout-summary.sh). */
export function measuredApplySeconds(stacksTsv: string): StackSeconds {
  const totals = stacksTsv
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, status]) => status === 'applied')
    .map(([, , init, plan, apply]) => Number(init) + Number(plan) + Number(apply))
    .sort((a, b) => a - b);
  if (totals.length === 0) throw new Error('no applied stack in the durations file');
  return { mean: totals.reduce((sum, t) => sum + t, 0) / totals.length, p90: totals[Math.min(totals.length - 1, Math.floor(totals.length * 0.9))]! };
}

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;

export interface ReportOptions {
  readonly stacks: readonly number[];
  /** A past deploy's stacks.tsv. */
  readonly durations?: string;
  readonly assumptions?: Partial<Pick<Assumptions, 'canaryStacks' | 'concurrentJobs' | 'hcpConcurrency' | 'runnerCores'>>;
}

/** The assumptions line and the table of plan and deploy wall times, as the README shows them. */
export function wallTimeReport(options: ReportOptions): string {
  const assumptions: Assumptions = {
    ...DEFAULT_ASSUMPTIONS,
    ...(options.durations ? { applyStack: measuredApplySeconds(readFileSync(options.durations, 'utf8')) } : {}),
    ...options.assumptions,
  };
  const plan = workflowSizing(join(ROOT, '.github', 'workflows', 'pr-plan.yml'));
  const deploy = workflowSizing(join(ROOT, '.github', 'workflows', 'deploy.yml'));
  return [
    `Per stack: plan ${assumptions.planStack.mean} s (p90 ${assumptions.planStack.p90} s), apply ${Math.round(assumptions.applyStack.mean)} s (p90 ${Math.round(assumptions.applyStack.p90)} s)${options.durations ? ` from ${options.durations}` : ''}; ${assumptions.runnerCores}-core runners, ${assumptions.concurrentJobs} jobs at once, ${assumptions.canaryStacks} canary stacks; HCP Terraform: ${assumptions.hcpConcurrency} runs at once, ${assumptions.hcpRun} s each.`,
    `Workflows: plan ${plan.stacksPerJob} stacks per job, ${plan.parallelism} at once; deploy ${deploy.stacksPerJob} stacks per job, ${deploy.parallelism} at once; at most ${deploy.maxJobs} jobs per matrix.`,
    '',
    '| changed workload stacks | plan: jobs | plan: wall time | deploy: jobs | deploy: wall time | deploy with HCP Terraform |',
    '|---|---|---|---|---|---|',
    ...options.stacks
      .map((n) => wallTime(n, plan, deploy, assumptions))
      .map(
        (t) =>
          `| ${t.stacks} | ${t.planJobs} | ${minutes(t.planSeconds)} | ${t.deployJobs} | ${minutes(t.deploySeconds)} | ${minutes(t.hcpDeploySeconds)} |`,
      ),
  ].join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stacks: { type: 'string', default: '10,100,1000,5000' },
      durations: { type: 'string' },
      'concurrent-jobs': { type: 'string' },
      'runner-cores': { type: 'string' },
      'canary-stacks': { type: 'string' },
      'hcp-concurrency': { type: 'string' },
    },
  });
  const given = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const assumptions = Object.fromEntries(
    Object.entries({
      concurrentJobs: given(values['concurrent-jobs']),
      runnerCores: given(values['runner-cores']),
      canaryStacks: given(values['canary-stacks']),
      hcpConcurrency: given(values['hcp-concurrency']),
    }).filter(([, value]) => value !== undefined),
  );
  process.stdout.write(
    `${wallTimeReport({ stacks: values.stacks.split(',').map(Number), ...(values.durations ? { durations: values.durations } : {}), assumptions })}\n`,
  );
}

if (require.main === module) main();
