/**
 * `node dist/rollout/main.js --changed <file> --out <file>`: the deploy and plan
 * workflows' split of the changed stacks (rollout/plan.ts). Writes the whole plan as
 * JSON to --out and prints, for $GITHUB_OUTPUT, what the job matrices need: the engine,
 * the organization-wide stacks, and the shard numbers of each wave.
 *
 *   --for deploy|review    waves in order for a deploy (default), or one wave `all` for plans
 *   --changed <file>       JSON array of changed stack names (`baseline review --changed-stacks`)
 *   --out <file>           where the plan goes; each job reads its shard from it
 *   --max-jobs <n>         jobs per wave's matrix (default and most: 256)
 *   --stacks-per-job <n>   most stacks per job (default 32)
 * The config is $BASELINE_CONFIG or config/baseline.yaml, as for synth.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, configPathFromEnv, loadConfig } from '../config/load';
import { accountBaselineStackName } from '../naming/stacks';
import { CORE_STACK_ORDER, GITHUB_MATRIX_LIMIT, reviewPlan, rolloutPlan } from './plan';

function positiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${flag} must be a positive integer, not "${value}"`);
  return parsed;
}

function main(argv: readonly string[]): number {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        for: { type: 'string', default: 'deploy' },
        changed: { type: 'string' },
        out: { type: 'string' },
        'max-jobs': { type: 'string', default: String(GITHUB_MATRIX_LIMIT) },
        'stacks-per-job': { type: 'string', default: '32' },
      },
    });
    if (!values.changed || !values.out || !['deploy', 'review'].includes(values.for))
      throw new Error('usage: rollout [--for deploy|review] --changed <file> --out <file> [--max-jobs <n>] [--stacks-per-job <n>]');
    const maxJobs = Math.min(positiveInteger('max-jobs', values['max-jobs']), GITHUB_MATRIX_LIMIT);
    const stacksPerJob = positiveInteger('stacks-per-job', values['stacks-per-job']);
    const changed: unknown = JSON.parse(readFileSync(values.changed, 'utf8'));
    if (!Array.isArray(changed) || !changed.every((name) => typeof name === 'string'))
      throw new Error(`${values.changed}: not a JSON array of stack names`);

    const config = loadConfig(configPathFromEnv());
    const known = new Set<string>([...CORE_STACK_ORDER, ...config.workloadAccounts.map((account) => accountBaselineStackName(account.id))]);
    const unknown = changed.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new Error(`not stacks of this config: ${unknown.join(', ')}`);

    const plan = (values.for === 'review' ? reviewPlan : rolloutPlan)(config, changed, { maxJobs, stacksPerJob });
    writeFileSync(values.out, `${JSON.stringify(plan)}\n`);
    // Every wave the workflow knows, [] when it has no stack: a job's `if` reads it.
    const shardNumbers = (name: string) =>
      JSON.stringify((plan.waves.find((wave) => wave.name === name)?.shards ?? []).map((_shard, index) => index));
    const waves = (values.for === 'review' ? ['all'] : ['canary', 'rest']).map((name) => `${name}=${shardNumbers(name)}\n`).join('');
    process.stdout.write(`engine=${plan.engine}\ncore=${JSON.stringify(plan.core)}\n${waves}`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.problems.join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`rollout: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

export { main as rolloutMain };
