/** The rollout wall-time model: it sizes jobs as the workflows do, reads a past run, and the README shows its real output. */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config/load';
import { DEFAULT_ASSUMPTIONS, measuredApplySeconds, wallTime, wallTimeReport, workflowSizing } from '../../bench/wall-time';
import { reviewPlan, rolloutPlan } from '../../rollout/plan';
import { generateOrganization } from '../../bench/synth';
import { stackCatalog } from '../../app';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';

const plan = workflowSizing('.github/workflows/pr-plan.yml');
const deploy = workflowSizing('.github/workflows/deploy.yml');

test.each([100, 1000, 5000])('counts the jobs the workflows start for %i changed workload stacks', (count) => {
  const organization = generateOrganization(loadConfig(EXAMPLE_CONFIG_PATH), count);
  const accounts = organization.workloadAccounts.slice(0, DEFAULT_ASSUMPTIONS.canaryStacks).map((account) => account.id);
  const config = { ...organization, rollout: { canary: { accounts, organizationalUnits: [] } } };
  const stacks = [...stackCatalog(config).keys()];
  const model = wallTime(count, plan, deploy);
  const shards = (waves: ReturnType<typeof rolloutPlan>['waves']) => waves.reduce((sum, wave) => sum + wave.shards.length, 0);
  expect(model.planJobs).toBe(shards(reviewPlan(config, stacks, plan).waves));
  expect(model.deployJobs).toBe(1 + shards(rolloutPlan(config, stacks, deploy).waves));
});

test('takes apply durations from the stacks.tsv of a past deploy: mean and 90th percentile of the stacks it applied', () => {
  const tsv = [
    'a\tapplied\t10\t20\t70',
    'b\tapplied\t10\t30\t160',
    'c\tunchanged\t10\t20\t0',
    ...Array.from({ length: 8 }, (_, i) => `d${i}\tapplied\t5\t15\t${80 + i}`),
  ].join('\n');
  const measured = measuredApplySeconds(tsv);
  expect(measured.p90).toBe(200);
  expect(measured.mean).toBeCloseTo((100 + 200 + 8 * 20 + (80 * 8 + 28)) / 10, 5);
  expect(() => measuredApplySeconds('c\tunchanged\t1\t2\t0')).toThrow('no applied stack');
});

test('more stacks never take less time, and fewer concurrent jobs never less either', () => {
  const sizes = [10, 100, 500, 1000, 2000, 5000];
  const times = sizes.map((n) => wallTime(n, plan, deploy));
  for (let i = 1; i < times.length; i++) {
    expect(times[i]!.deploySeconds).toBeGreaterThanOrEqual(times[i - 1]!.deploySeconds);
    expect(times[i]!.planSeconds).toBeGreaterThanOrEqual(times[i - 1]!.planSeconds);
  }
  expect(wallTime(5000, plan, deploy, { ...DEFAULT_ASSUMPTIONS, concurrentJobs: 20 }).deploySeconds).toBeGreaterThan(times.at(-1)!.deploySeconds);
});

test("the README's table is the model's output", () => {
  expect(readFileSync('README.md', 'utf8')).toContain(wallTimeReport({ stacks: [10, 100, 1000, 5000] }));
});
