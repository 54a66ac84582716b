/**
 * .github/scripts/terraform-stacks.sh and rollout-summary.sh, run for real against a
 * stand-in `terraform` on the PATH that records every call, takes a moment per command,
 * and fails, hangs or finds a stack invalid where a test asks it to.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInstalled } from '../../constructs/binary-version-checks';

const SCRIPTS = join(__dirname, '..', '..', '.github', 'scripts');
const missing = ['bash', 'jq', 'timeout', 'xargs', 'awk'].filter((tool) => !isInstalled(tool));
if (missing.length > 0) process.stderr.write(`terraform-stacks.test.ts: skipped, ${missing.join(', ')} not on the PATH\n`);
const describeWithTools = missing.length > 0 ? describe.skip : describe;

/** Logs "<stack> <command> <start ms> <end ms>"; FAIL_APPLY, INVALID and HANG name stacks (space-separated). */
const FAKE_TERRAFORM = `#!/usr/bin/env bash
dir=.; args=()
for arg in "$@"; do case "$arg" in -chdir=*) dir=\${arg#-chdir=} ;; *) args+=("$arg") ;; esac; done
stack=$(basename "$dir"); command=\${args[0]}
start=$(date +%s%3N)
has() { [[ " $1 " == *" $stack "* ]]; }
finish() { echo "$stack $command $start $(date +%s%3N) \${args[*]:1}" >>"$FAKE_LOG"; exit "$1"; }
sleep 0.1
case "$command" in
  init) [[ " \${args[*]} " == *" -backend=false "* ]] && echo lock >"$dir/.terraform.lock.hcl"; finish 0 ;;
  validate) if has "$INVALID"; then echo 'Error: Unsupported argument'; finish 1; fi; echo 'Success!'; finish 0 ;;
  plan) if has "$HANG"; then sleep 30; fi
    for arg in "\${args[@]}"; do [[ "$arg" == -out=* ]] && echo plan >"$dir/\${arg#-out=}"; done
    echo 'Plan: 3 to add, 0 to change, 0 to destroy.'
    [[ " \${args[*]} " == *" -detailed-exitcode "* ]] && finish 2; finish 0 ;;
  show) echo 'Plan: 3 to add, 0 to change, 0 to destroy.'; finish 0 ;;
  apply) if has "$FAIL_APPLY"; then echo 'Error: creating KMS Key: AccessDeniedException'; finish 1; fi; echo 'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.'; finish 0 ;;
esac
finish 0
`;

let work: string;
const stackNames = [
  'baseline-100000000001',
  'baseline-100000000002',
  'baseline-100000000003',
  'baseline-100000000004',
  'baseline-100000000005',
  'baseline-100000000006',
];

function stackJson(account: string): string {
  return JSON.stringify({
    terraform: { required_providers: { aws: { source: 'aws', version: '>= 6.67.0, < 7.0.0' } }, backend: { s3: { bucket: 'state' } } },
    provider: {
      aws: [
        {
          assume_role: [{ role_arn: `arn:aws:iam::${account}:role/GovernanceBaselineDeployer`, session_name: 'bedrock-governance-baseline' }],
          region: 'us-east-1',
        },
      ],
    },
  });
}

/** A fresh synth folder with these stacks. */
function synthWith(stacks: readonly string[]): string {
  const synth = mkdtempSync(join(work, 'synth-'));
  for (const stack of stacks) {
    mkdirSync(join(synth, 'stacks', stack), { recursive: true });
    writeFileSync(join(synth, 'stacks', stack, 'cdk.tf.json'), stackJson(stack.replace(/\D/g, '').padStart(12, '1').slice(0, 12)));
  }
  return synth;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  /** results.tsv as stack -> [status, detail]. */
  readonly results: Map<string, [string, string]>;
  /** The stand-in's calls: stack, command, start and end in ms. */
  readonly calls: Array<{ stack: string; command: string; start: number; end: number; args: string }>;
  readonly out: string;
}

function runScript(mode: 'apply' | 'plan', synth: string, stacks: readonly string[], env: Record<string, string> = {}): Run {
  const out = mkdtempSync(join(work, 'out-'));
  const log = join(out, '..', `${out.split('/').pop()}.calls`);
  writeFileSync(log, '');
  const result = spawnSync('bash', [join(SCRIPTS, 'terraform-stacks.sh'), mode, synth, out, ...stacks], {
    env: {
      ...process.env,
      PATH: `${join(work, 'bin')}:${process.env.PATH}`,
      FAKE_LOG: log,
      TF_PLUGIN_CACHE_DIR: join(work, 'plugins'),
      FAIL_APPLY: '',
      INVALID: '',
      HANG: '',
      PARALLELISM: '3',
      ...env,
    },
    encoding: 'utf8',
  });
  const results = new Map(
    readFileSync(join(out, 'results.tsv'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t'))
      .map(([stack, status, , , , detail]) => [stack!, [status!, detail!]] as [string, [string, string]]),
  );
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [stack, command, start, end, ...args] = line.split(' ');
      return { stack: stack!, command: command!, start: Number(start), end: Number(end), args: args.join(' ') };
    });
  return { status: result.status, stdout: result.stdout, results, calls, out };
}

/** Most calls running at one moment (the peak is at some call's start). */
function peakConcurrency(calls: Run['calls']): number {
  return Math.max(...calls.map(({ start }) => calls.filter((other) => other.start <= start && other.end > start).length));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'baseline-tf-stacks-'));
  mkdirSync(join(work, 'bin'));
  writeFileSync(join(work, 'bin', 'terraform'), FAKE_TERRAFORM);
  chmodSync(join(work, 'bin', 'terraform'), 0o755);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describeWithTools('apply', () => {
  let first: Run;
  let synth: string;
  beforeAll(() => {
    synth = synthWith(stackNames);
    first = runScript('apply', synth, stackNames, { FAIL_APPLY: 'baseline-100000000003' });
  });

  test("runs stacks in parallel, up to PARALLELISM, and one stack's failure stops none of the others", () => {
    expect(first.status).toBe(1);
    expect([...first.results.entries()].sort()).toEqual(
      stackNames.map((stack) => [
        stack,
        stack === 'baseline-100000000003'
          ? ['failed', 'Error: creating KMS Key: AccessDeniedException']
          : ['applied', 'Apply complete! Resources: 3 added, 0 changed, 0 destroyed.'],
      ]),
    );
    const applies = first.calls.filter((call) => call.command === 'apply');
    expect(applies).toHaveLength(6);
    expect(peakConcurrency(first.calls.filter((call) => call.args !== '-backend=false -no-color'))).toBeGreaterThanOrEqual(2);
    expect(peakConcurrency(first.calls)).toBeLessThanOrEqual(3);
    expect(first.stdout).toContain('::error::baseline-100000000003: failed: Error: creating KMS Key');
  });

  test('fills the plugin cache with one init, and gives every other stack its lock file before the parallel inits', () => {
    const warmUps = first.calls.filter((call) => call.command === 'init' && call.args.includes('-backend=false'));
    expect(warmUps).toHaveLength(1);
    const firstParallelInit = Math.min(
      ...first.calls.filter((call) => call.command === 'init' && !call.args.includes('-backend=false')).map((call) => call.start),
    );
    expect(warmUps[0]!.end).toBeLessThanOrEqual(firstParallelInit);
    for (const stack of stackNames) expect(existsSync(join(synth, 'stacks', stack, '.terraform.lock.hcl'))).toBe(true);
  });

  test('a re-run with the stacks an earlier attempt applied runs only the rest', () => {
    const applied = [...first.results].filter(([, [status]]) => status === 'applied').map(([stack]) => stack);
    const skipFile = join(work, 'applied-earlier.txt');
    writeFileSync(skipFile, `${applied.join('\n')}\n`);
    const rerun = runScript('apply', synth, stackNames, { SKIP_FILE: skipFile });
    expect(rerun.status).toBe(0);
    expect(new Set(rerun.calls.filter((call) => call.args !== '-backend=false -no-color').map((call) => call.stack))).toEqual(
      new Set(['baseline-100000000003']),
    );
    expect(rerun.results.get('baseline-100000000003')![0]).toBe('applied');
    for (const stack of applied) expect(rerun.results.get(stack)![0]).toBe('applied earlier');
  });

  test('a stack that outlives STACK_TIMEOUT_MINUTES is interrupted and reported, the others finish', () => {
    const stacks = stackNames.slice(0, 3);
    const run = runScript('apply', synthWith(stacks), stacks, { HANG: 'baseline-100000000002', STACK_TIMEOUT_MINUTES: '0.05' });
    expect(run.status).toBe(1);
    expect(run.results.get('baseline-100000000002')).toEqual(['timed out', 'stopped after 0.05 minutes']);
    expect(run.results.get('baseline-100000000001')![0]).toBe('applied');
    expect(run.results.get('baseline-100000000003')![0]).toBe('applied');
  });

  test('STOP_ON_FAILURE applies in the given order and runs nothing after a failure', () => {
    const core = ['log-archive', 'org-governance', 'security-audit'];
    const run = runScript('apply', synthWith(core), core, { STOP_ON_FAILURE: '1', FAIL_APPLY: 'log-archive' });
    expect(run.status).toBe(1);
    expect([...run.results.entries()]).toEqual([
      ['log-archive', ['failed', 'Error: creating KMS Key: AccessDeniedException']],
      ['org-governance', ['not run', 'log-archive did not succeed first']],
      ['security-audit', ['not run', 'log-archive did not succeed first']],
    ]);
    expect(run.calls.filter((call) => call.stack !== 'log-archive')).toEqual([]);
  });

  test('the summary counts every planned stack by its latest attempt, and lists what failed, why, and what did not run', () => {
    const results = join(work, 'results');
    const copy = (run: Run, name: string) => {
      mkdirSync(join(results, name), { recursive: true });
      writeFileSync(join(results, name, 'results.tsv'), readFileSync(join(run.out, 'results.tsv')));
    };
    copy(first, 'results-canary-0-a1');
    const plan = join(work, 'rollout.json');
    writeFileSync(
      plan,
      JSON.stringify({
        engine: 's3',
        core: [],
        waves: [
          { name: 'canary', shards: [stackNames] },
          { name: 'rest', shards: [['baseline-100000000007']] },
        ],
      }),
    );
    const summary = spawnSync('bash', [join(SCRIPTS, 'rollout-summary.sh'), plan, results], { encoding: 'utf8' });
    expect(summary.status).toBe(0);
    expect(summary.stdout).toContain('7 stacks: applied 5; failed 1; did not run 1;');
    expect(summary.stdout).toContain('| `baseline-100000000003` | canary | failed | Error: creating KMS Key: AccessDeniedException |');
    expect(summary.stdout).toContain('| `baseline-100000000007` | rest | did not run |');
    expect(readFileSync(join(results, 'stacks.tsv'), 'utf8').trim().split('\n')).toHaveLength(6);

    // The re-run's attempt replaces the failure.
    const skipFile = join(work, 'skip-all-but-3.txt');
    writeFileSync(skipFile, stackNames.filter((stack) => stack !== 'baseline-100000000003').join('\n'));
    copy(runScript('apply', synthWith(stackNames), stackNames, { SKIP_FILE: skipFile }), 'results-canary-0-a2');
    const after = spawnSync('bash', [join(SCRIPTS, 'rollout-summary.sh'), plan, results], { encoding: 'utf8' });
    expect(after.stdout).toContain('7 stacks: applied 6; did not run 1;');
  });
});

describeWithTools('plan', () => {
  test('validates every stack before planning it, with the planner role, and reports an invalid stack as such', () => {
    const stacks = stackNames.slice(0, 4);
    const synth = synthWith(stacks);
    const run = runScript('plan', synth, stacks, { INVALID: 'baseline-100000000002', PLANNER_ROLE_NAME: 'GovernanceBaselinePlanner' });
    expect(run.status).toBe(1);
    expect(run.results.get('baseline-100000000002')).toEqual(['invalid', 'Error: Unsupported argument']);
    for (const stack of stacks.filter((name) => name !== 'baseline-100000000002')) {
      expect(run.results.get(stack)).toEqual(['planned', 'Plan: 3 to add, 0 to change, 0 to destroy.']);
      const commands = run.calls.filter((call) => call.stack === stack && call.command !== 'init').map((call) => call.command);
      expect(commands).toEqual(['validate', 'plan', 'show']);
      expect(run.calls.find((call) => call.stack === stack && call.command === 'plan')!.args).toContain('-lock=false');
      const override = JSON.parse(readFileSync(join(synth, 'stacks', stack, 'planner_override.tf.json'), 'utf8'));
      expect(override.provider.aws[0].assume_role[0].role_arn).toMatch(/:role\/GovernanceBaselinePlanner$/);
    }
    expect(run.calls.filter((call) => call.stack === 'baseline-100000000002' && call.command === 'plan')).toEqual([]);
  });

  test('without the planner role name nothing is planned with the deployment role', () => {
    const run = runScript('plan', synthWith(stackNames.slice(0, 1)), stackNames.slice(0, 1));
    expect(run.status).toBe(1);
    expect(run.results.get(stackNames[0]!)![0]).toBe('failed');
    expect(run.calls.filter((call) => call.command === 'plan')).toEqual([]);
  });
});
