/** The split of a change into ordered organization-wide stacks, waves and shards (rollout/plan.ts, rollout/main.ts). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load';
import { rolloutMain } from '../../rollout/main';
import { RolloutCapacityError, reviewPlan, rolloutPlan, shardsOf } from '../../rollout/plan';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';

const config = loadConfig(EXAMPLE_CONFIG_PATH);
const limits = { maxJobs: 256, stacksPerJob: 2 };
const workload = config.workloadAccounts.map((account) => `baseline-${account.id}`);

test('organization-wide stacks come first and in their order, then the canary wave, then the rest', () => {
  const plan = rolloutPlan(config, ['security-audit', ...workload, 'log-archive'], limits);
  expect(plan.core).toEqual(['log-archive', 'security-audit']);
  expect(plan.waves.map((wave) => [wave.name, wave.shards.flat().sort()])).toEqual([
    ['canary', ['baseline-666666666666']],
    ['rest', workload.filter((stack) => stack !== 'baseline-666666666666').sort()],
  ]);
  expect(plan.engine).toBe('s3');
});

test('an OU in rollout.canary puts all its accounts in the canary wave; an empty wave is left out', () => {
  const ou = config.workloadAccounts[0]!.ou;
  const byOu = { ...config, rollout: { canary: { accounts: [], organizationalUnits: [ou] } } };
  const canary = config.workloadAccounts.filter((account) => account.ou === ou).map((account) => `baseline-${account.id}`);
  expect(
    rolloutPlan(byOu, workload, limits)
      .waves.find((wave) => wave.name === 'canary')!
      .shards.flat()
      .sort(),
  ).toEqual(canary.sort());
  expect(
    rolloutPlan(
      byOu,
      workload.filter((stack) => !canary.includes(stack)),
      limits,
    ).waves.map((wave) => wave.name),
  ).toEqual(['rest']);
});

test('shards are balanced, at most stacksPerJob each, and the same whatever order the stacks came in', () => {
  const stacks = Array.from({ length: 11 }, (_, i) => `baseline-${String(100000000000 + i)}`);
  const shards = shardsOf('rest', stacks, { maxJobs: 256, stacksPerJob: 4 });
  expect(shards.map((shard) => shard.length)).toEqual([4, 4, 3]);
  expect(shardsOf('rest', [...stacks].reverse(), { maxJobs: 256, stacksPerJob: 4 })).toEqual(shards);
  expect(() => shardsOf('rest', stacks, { maxJobs: 2, stacksPerJob: 4 })).toThrow(RolloutCapacityError);
  expect(() => shardsOf('rest', stacks, { maxJobs: 2, stacksPerJob: 4 })).toThrow('the rest wave has 11 stacks, more than 2 jobs x 4 stacks per job');
});

test('a review plan has one wave of every changed stack, organization-wide ones included', () => {
  const plan = reviewPlan(config, ['org-governance', ...workload], limits);
  expect(plan.core).toEqual([]);
  expect(plan.waves.map((wave) => wave.name)).toEqual(['all']);
  expect(plan.waves[0]!.shards.flat().sort()).toEqual(['org-governance', ...workload].sort());
});

describe('rollout/main.ts', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baseline-rollout-'));
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (changed: unknown, ...flags: string[]) => {
    writeFileSync(join(dir, 'changed.json'), JSON.stringify(changed));
    return rolloutMain(['--changed', join(dir, 'changed.json'), '--out', join(dir, 'rollout.json'), ...flags]);
  };

  test('prints the matrices for $GITHUB_OUTPUT and writes the plan the jobs read their shard from', () => {
    expect(run(['org-governance', ...workload], '--stacks-per-job', '2')).toBe(0);
    expect(stdout).toBe('engine=s3\ncore=["org-governance"]\ncanary=[0]\nrest=[0,1]\n');
    expect(JSON.parse(readFileSync(join(dir, 'rollout.json'), 'utf8'))).toEqual(rolloutPlan(config, ['org-governance', ...workload], limits));
    expect(run(workload, '--for', 'review')).toBe(0);
    expect(stdout).toContain('engine=s3\ncore=[]\nall=[0]\n');
  });

  test('refuses names that are not stacks of the config, and bad flags, with one line', () => {
    expect(run(['baseline-999999999999'])).toBe(1);
    expect(stderr).toBe('rollout: not stacks of this config: baseline-999999999999\n');
    expect(run(workload, '--stacks-per-job', '0')).toBe(1);
    expect(stderr).toContain('rollout: --stacks-per-job must be a positive integer, not "0"\n');
  });
});
