/**
 * The deploy and pull-request workflows, parsed: matrices sized from the changed stacks
 * within GitHub's limits, job timeouts that hold the worst case their own settings allow,
 * concurrency groups, waves in order, and re-runs that apply only what an earlier attempt
 * did not. terraform-stacks.test.ts runs the script the jobs call.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { generateOrganization } from '../../bench/synth';
import { loadConfig } from '../../config/load';
import { GITHUB_MATRIX_LIMIT, reviewPlan, rolloutPlan } from '../../rollout/plan';
import { stackCatalog } from '../../app';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly 'timeout-minutes': number;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { 'fail-fast': boolean; matrix: Record<string, string> };
  readonly steps: Step[];
}
interface Workflow {
  readonly env: Record<string, string>;
  readonly defaults: { run: { shell: string } };
  readonly concurrency: { group: string; 'cancel-in-progress': boolean };
  readonly jobs: Record<string, Job>;
}

const read = (path: string) => parse(readFileSync(path, 'utf8')) as Workflow;
const deploy = read('.github/workflows/deploy.yml');
const prPlan = read('.github/workflows/pr-plan.yml');
const shardAction = parse(readFileSync('.github/actions/terraform-shard/action.yml', 'utf8')) as { runs: { steps: Step[] } };
const number = (workflow: Workflow, key: string) => Number(workflow.env[key]);

/** Every stack of a 5,000-account organization changed, one OU of it the canary. */
const example = loadConfig(EXAMPLE_CONFIG_PATH);
const organization = generateOrganization(example, 5000);
const large = { ...organization, rollout: { canary: { accounts: [], organizationalUnits: [organization.organizationalUnits[0]!.id] } } };
const everyStack = [...stackCatalog(large).keys()];

describe.each([
  ['deploy', deploy, ['canary', 'rest']],
  ['pr-plan', prPlan, ['plan']],
] as const)('%s', (_name, workflow, shardJobs) => {
  test('runs every script with bash -e and pipefail, and pastes no expression into one', () => {
    expect(workflow.defaults.run.shell).toBe('bash');
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
  });

  test("sizes each matrix from the changed stacks, within GitHub's 256 jobs, no job above STACKS_PER_JOB stacks even at 5,000 accounts", () => {
    const limits = { maxJobs: number(workflow, 'MAX_JOBS'), stacksPerJob: number(workflow, 'STACKS_PER_JOB') };
    expect(limits.maxJobs).toBeLessThanOrEqual(GITHUB_MATRIX_LIMIT);
    const plan = workflow === deploy ? rolloutPlan(large, everyStack, limits) : reviewPlan(large, everyStack, limits);
    const shards = plan.waves.flatMap((wave) => wave.shards);
    for (const wave of plan.waves) expect(wave.shards.length).toBeLessThanOrEqual(limits.maxJobs);
    expect(Math.max(...shards.map((shard) => shard.length))).toBeLessThanOrEqual(limits.stacksPerJob);
    expect([...plan.core, ...shards.flat()].sort()).toEqual([...everyStack].sort());
    // A small change is one job per wave.
    for (const wave of (workflow === deploy ? rolloutPlan : reviewPlan)(large, everyStack.slice(3, 10), limits).waves)
      expect(wave.shards).toHaveLength(1);
    for (const name of shardJobs) {
      const job = workflow.jobs[name]!;
      expect(job.strategy!['fail-fast']).toBe(false);
      expect(job.strategy!.matrix.shard).toMatch(/^\$\{\{ fromJSON\(needs\.synth\.outputs\.\w+\) \}\}$/);
    }
  });

  test('gives every shard job the time its worst case needs: ceil(STACKS_PER_JOB / PARALLELISM) stacks in a row, each at its timeout', () => {
    const rounds = Math.ceil(number(workflow, 'STACKS_PER_JOB') / number(workflow, 'PARALLELISM'));
    const setUpMinutes = 15;
    for (const name of shardJobs) {
      const timeout = workflow.jobs[name]!['timeout-minutes'];
      expect(timeout).toBeGreaterThanOrEqual(rounds * number(workflow, 'STACK_TIMEOUT_MINUTES') + setUpMinutes);
      expect(timeout).toBeLessThanOrEqual(360); // GitHub-hosted runners stop a job at six hours
    }
  });

  test('shard jobs run the shard action, which runs terraform-stacks.sh on the stacks of its wave and shard', () => {
    for (const name of shardJobs) {
      const action = workflow.jobs[name]!.steps.find((step) => step.uses === './.github/actions/terraform-shard')!;
      expect(action.with).toMatchObject({
        mode: workflow === deploy ? 'apply' : 'plan',
        wave: workflow === deploy ? name : 'all',
        shard: '${{ matrix.shard }}',
      });
    }
  });
});

describe('deploy', () => {
  test('one deploy at a time, never cancelled half way', () => {
    expect(deploy.concurrency).toEqual({ group: 'deploy', 'cancel-in-progress': false });
  });

  test('applies in waves: organization-wide stacks in order, then the canary wave, then the rest only after every canary applied', () => {
    const { organization: core, canary, rest, summary } = deploy.jobs;
    expect(core!.steps.find((step) => step.uses === './.github/actions/terraform-shard')!.with).toMatchObject({ mode: 'apply', wave: 'core' });
    expect(canary!.needs).toEqual(['synth', 'organization']);
    expect(canary!.if).toContain("(needs.organization.result == 'success' || needs.organization.result == 'skipped')");
    expect(rest!.needs).toEqual(['synth', 'organization', 'canary']);
    expect(rest!.if).toContain("(needs.canary.result == 'success' || needs.canary.result == 'skipped')");
    expect(core!['timeout-minutes']).toBeGreaterThanOrEqual(3 * number(deploy, 'STACK_TIMEOUT_MINUTES'));
    for (const job of [core!, canary!, rest!]) expect(job.environment).toBe('production');
    expect(summary!.needs).toEqual(['synth', 'organization', 'canary', 'rest']);
    expect(summary!.if).toBe("always() && needs.synth.result == 'success'");
  });

  test('a re-run applies only the stacks an earlier attempt of the run did not apply', () => {
    const [earlier, , , run, upload] = shardAction.runs.steps;
    expect(earlier!.if).toBe("inputs.mode == 'apply' && github.run_attempt != '1'");
    // Only the REST path sees the artifacts of other attempts.
    expect(earlier!.with).toMatchObject({
      pattern: 'results-${{ inputs.wave }}-${{ inputs.shard }}-a*',
      'github-token': '${{ inputs.github-token }}',
      'run-id': '${{ github.run_id }}',
    });
    expect(run!.run).toContain(`awk -F'\\t' '$2 == "applied" || $2 == "unchanged" || $2 == "applied earlier" { print $1 }'`);
    expect(run!.run).toContain('export SKIP_FILE=');
    expect(upload!.if).toBe('always()');
    expect(upload!.with!.name).toBe('results-${{ inputs.wave }}-${{ inputs.shard }}-a${{ github.run_attempt }}');
    for (const name of ['organization', 'canary', 'rest'])
      expect(deploy.jobs[name]!.permissions).toMatchObject({ actions: 'read', 'id-token': 'write' });
  });
});

describe('pr-plan', () => {
  test('a new push cancels the previous run of the same pull request', () => {
    expect(prPlan.concurrency).toEqual({ group: 'pr-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });

  test('plans hold no deploy rights: the plan role, a plan-only token, no environment', () => {
    const action = prPlan.jobs.plan!.steps.find((step) => step.uses === './.github/actions/terraform-shard')!;
    expect(action.with!['aws-role']).toContain('vars.BASELINE_PLAN_ROLE_ARN');
    expect(action.with!['hcp-terraform-token']).toBe('${{ secrets.HCP_TERRAFORM_PLAN_TOKEN }}');
    expect(prPlan.jobs.plan!.environment).toBeUndefined();
    expect(JSON.stringify(prPlan)).not.toMatch(/DEPLOY_ROLE|APPLY_TOKEN/);
  });
});

describe('Node and installs in every workflow', () => {
  const workflows = { deploy, 'pr-plan': prPlan, redteam: read('.github/workflows/redteam.yml') };
  const steps = Object.values(workflows).flatMap((workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps));
  const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
  const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;

  test("every workflow runs one Node release, set once in its env, and package.json's engines admit it", () => {
    const releases = new Set(Object.values(workflows).map((workflow) => workflow.env.NODE_VERSION));
    expect([...releases]).toEqual([prPlan.env.NODE_VERSION]);
    // A major release: .ci/run and the bench install `node@<major>` from it.
    expect(prPlan.env.NODE_VERSION).toMatch(/^\d+$/);
    const setups = steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setups.length).toBeGreaterThanOrEqual(Object.keys(workflows).length);
    for (const setup of setups) expect(setup.with!['node-version']).toBe('${{ env.NODE_VERSION }}');
    const [minimumMajor] = /^>=(\d+)\./.exec(engines)!.slice(1).map(Number);
    expect(Number(prPlan.env.NODE_VERSION)).toBeGreaterThanOrEqual(minimumMajor!);
  });

  test('every install skips install scripts, and the lockfile holds none but the one no workflow needs', () => {
    const installs = steps.flatMap((step) => (step.run ?? '').split('\n')).filter((line) => /\bnpm (ci|install)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/\bnpm ci --ignore-scripts\b/);
    // cdktf-cli's terminal module; a new package with an install script needs a look before it is skipped too.
    const withScripts = Object.entries(lockfile.packages).filter(([, entry]) => entry.hasInstallScript);
    expect(withScripts.map(([path]) => path)).toEqual(['node_modules/@cdktf/node-pty-prebuilt-multiarch']);
    expect(JSON.stringify(workflows)).not.toMatch(/\bnpx (cdktf|cdktn)\b/);
  });
});
