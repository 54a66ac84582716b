/**
 * `npm run bench`: the two paths a platform team waits for, at organizations of 10 to
 * 5,000 workload accounts (2 regions each) generated from the example config, side by
 * side in one run with their floors and the previous design:
 * 1. one account's stack as `cdktf synth|deploy` runs it: cdktf.json's app command
 *    through a shell, with cdktf's environment; beside it the previous app command
 *    (`npm run --silent build && node dist/main.js`) and the floor, `node dist/main.js`
 *    alone (no build, no freshness check);
 * 2. the full synth (`node dist/main.js`, as `npm run synth` runs it once dist/ is fresh),
 *    on this machine's Node and on the workflows' (pr-plan.yml's NODE_VERSION, from the npm
 *    registry), and whether both wrote the same bytes; beside it the floor (writing the same
 *    JSON directly), the provider imported from its package root, and with `--previous <git
 *    revision>` the code of that revision (built into a temporary folder) and whether both
 *    wrote byte-identical output. The revision must read the same config: one before a config
 *    key the example now uses cannot.
 *
 * Usage: node dist/bench/synth.js [--sizes 10,100,1000,5000] [--repeat N] [--previous <git revision>]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { stackCatalog } from '../app';
import { loadConfig } from '../config/load';
import type { RegionNetwork } from '../config/network-schema';
import type { BaselineConfig } from '../config/schema';
import { accountBaselineStackName } from '../naming/stacks';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;
const MAIN = join(ROOT, 'dist', 'main.js');
const USAGE_REPORTER = join(__dirname, 'report-usage.js');
const PROVIDER_ROOT_IMPORT = join(__dirname, 'import-provider-root.js');
/** What cdktf runs for `cdktf synth|deploy`. */
const APP_COMMAND = (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
/**
 * The app command before the freshness check, `npm run --silent build && node dist/main.js`
 * with the build it ran then: tsc, and a postbuild step that marked the CLI executable.
 */
const PREVIOUS_APP_COMMAND = `npm exec --offline -- tsc -p tsconfig.json && node -e "require('fs').chmodSync('dist/cli/baseline.js', 0o755)" && node dist/main.js`;
interface Measurement {
  readonly seconds: number;
  /** Peak RSS: the sum over processes that run at once (synth workers), else the largest process. */
  readonly peakRssMb: number;
  /** Seconds to write the same stacks' JSON directly, without cdktf: the floor of any synth. */
  readonly floorSeconds?: number;
  /** The fastest and slowest of the runs a median was taken over: how far this machine's speed moved. */
  readonly spread?: readonly [number, number];
}

/**
 * Writes the page cache back to disk, so that no timed run pays for the writing of the one
 * before it.
 */
function flushWrites(): void {
  execFileSync('sync');
}

/**
 * Throws unless the file system of `dir` has `bytes` free. The bench deletes nothing until
 * it ends: on this machine's disk (ext4 with online discard), a synth started soon after a
 * large deletion was slower, so every timed run after one paid for the bench's own cleanup.
 */
export function requireFreeSpace(dir: string, bytes: number): void {
  const { bavail, bsize } = statfsSync(dir);
  const gb = (n: number) => (n / 1e9).toFixed(1);
  if (bavail * bsize < bytes) {
    throw new Error(
      `the bench keeps what every synth wrote until it ends: it needs about ${gb(bytes)} GB in ${dir}, where ${gb(bavail * bsize)} GB are free (TMPDIR chooses the disk)`,
    );
  }
}

/** Writes the stacks of a synth folder again from their parsed JSON and times only the writing. */
function directWriteSeconds(synthDir: string, scratch: string): number {
  const stacksDir = join(synthDir, 'stacks');
  const stacks = readdirSync(stacksDir).map((name) => [name, JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8'))] as const);
  const target = mkdtempSync(join(scratch, 'floor-'));
  const started = process.hrtime.bigint();
  for (const [name, json] of stacks) {
    mkdirSync(join(target, name));
    writeFileSync(join(target, name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The example's network entry of the first account, in each of `regions`, with ids of its own (a VPC or subnet belongs to one account and region). */
function generatedNetwork(template: RegionNetwork, regions: readonly string[], index: number): Record<string, RegionNetwork> {
  const id = (prefix: string, n: number) => `${prefix}-${(index * 16 + n).toString(16).padStart(17, '0')}`;
  return Object.fromEntries(
    regions.map((region, r) => [
      region,
      { ...template, vpcId: id('vpc', r * 4), subnetIds: template.subnetIds.map((_, s) => id('subnet', r * 4 + 1 + s)) },
    ]),
  );
}

/** The example organization grown to `count` workload accounts with two regions each, each with Bedrock interface endpoints. */
export function generateOrganization(example: BaselineConfig, count: number): BaselineConfig {
  // A perimeter SCP lists the VPCs of its OU, so an OU of thousands of accounts overflows it (the config check says so).
  const ous = example.organizationalUnits.map((ou) => ({ ...ou, networkPerimeter: false }));
  const regions = example.governance.allowedRegions.slice(0, 2);
  const template = example.workloadAccounts[0]!;
  const network = Object.values(template.network)[0]!;
  const workloadAccounts = Array.from({ length: count }, (_, index) => {
    const ou = ous[index % ous.length]!;
    return {
      ...template,
      id: String(100_000_000_000 + index),
      name: `workload-${index}`,
      ou: ou.id,
      environment: ou.environment,
      regions,
      network: generatedNetwork(network, regions, index),
    };
  });
  // Per-account settings of the example name its accounts, which the generated org replaces.
  const alarms = { ...example.alarms, bedrockMetrics: { ...example.alarms.bedrockMetrics, accountThresholds: {} } };
  return { ...example, alarms, organizationalUnits: ous, workloadAccounts, rollout: { canary: { accounts: [], organizationalUnits: [] } } };
}

interface RunOptions {
  /** Synthesize only this stack. */
  readonly stacks?: string;
  /** Preload the provider's package root. */
  readonly providerRoot?: boolean;
  /** A config cache to use (and keep); a fresh empty one otherwise. */
  readonly cacheDir?: string;
  /** Where to write the output; a new folder in the scratch folder by default. */
  readonly outdir?: string;
  /** A folder put first on PATH: the `node` a shell line runs. */
  readonly nodeFolder?: string;
}

/**
 * Runs `command` (argv, or a shell line as cdktf runs its app) in ROOT as a synth with
 * `configFile`, writing into `scratch`, where what it wrote stays until the bench ends.
 */
function run(scratch: string, command: readonly string[] | string, configFile: string, options: RunOptions = {}): Measurement {
  const outdir = options.outdir ?? join(mkdtempSync(join(scratch, 'out-')), 'cdktf.out');
  const cacheDir = options.cacheDir ?? mkdtempSync(join(scratch, 'cold-cache-'));
  const usageFile = `${outdir}.usage.json`;
  // NODE_OPTIONS, not -r: synth workers (and every node process of a shell line) inherit the
  // preloads. The heap setting is the one cdktf gives the app.
  const preload = [USAGE_REPORTER, ...(options.providerRoot ? [PROVIDER_ROOT_IMPORT] : [])].map((file) => `--require ${file}`).join(' ');
  const env = {
    ...process.env,
    BASELINE_CONFIG: configFile,
    BASELINE_CONFIG_CACHE_DIR: cacheDir,
    CDKTF_OUTDIR: outdir,
    BENCH_USAGE_FILE: usageFile,
    NODE_OPTIONS: `--max-old-space-size=4096 ${preload}`,
    ...(options.nodeFolder ? { PATH: `${options.nodeFolder}${delimiter}${process.env.PATH ?? ''}` } : {}),
    ...(options.stacks ? { BASELINE_STACKS: options.stacks } : {}),
  };
  const started = process.hrtime.bigint();
  const result =
    typeof command === 'string'
      ? spawnSync('sh', ['-c', command], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      : spawnSync(command[0]!, command.slice(1), { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const floorSeconds = result.status === 0 && !options.stacks ? directWriteSeconds(outdir, scratch) : undefined;
  const processes =
    result.status === 0
      ? readFileSync(usageFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { maxRssKb: number }).maxRssKb / 1024)
      : [];
  // One flush for the synth's output and its floor copy.
  if (!options.stacks) flushWrites();
  if (result.status !== 0) throw new Error(`synth failed (${result.status}): ${result.stderr}`);
  const peakRssMb = options.stacks ? Math.max(...processes) : processes.reduce((sum, mb) => sum + mb, 0);
  return { seconds, peakRssMb, ...(floorSeconds === undefined ? {} : { floorSeconds }) };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianOf(runs: readonly Measurement[]): Measurement {
  const floors = runs.flatMap((r) => (r.floorSeconds === undefined ? [] : [r.floorSeconds]));
  const seconds = runs.map((r) => r.seconds);
  return {
    seconds: median(seconds),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    ...(floors.length ? { floorSeconds: median(floors) } : {}),
    ...(runs.length > 1 ? { spread: [Math.min(...seconds), Math.max(...seconds)] as const } : {}),
  };
}

const measure = (repeat: number, once: () => Measurement): Measurement => medianOf(Array.from({ length: repeat }, once));

/** Wall seconds of a fresh process that only loads and validates the config, uncached: the part of a cold synth that grows with the organization. */
function configLoadSeconds(configFile: string): number {
  const script = `require(${JSON.stringify(join(__dirname, '..', 'config', 'load.js'))}).loadConfig(process.env.BASELINE_CONFIG, require(${JSON.stringify(join(__dirname, '..', 'checks', 'synth-config-checks.js'))}).SYNTH_CONFIG_CHECKS)`;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, BASELINE_CONFIG: configFile, BASELINE_CONFIG_CACHE: 'off' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`config load failed (${result.status}): ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The project at `revision`, built in a temporary folder that links this one's node_modules: its dist/main.js. */
function buildPrevious(revision: string, work: string): string {
  const dir = join(work, 'previous');
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "${ROOT}" archive "${revision}" | tar -x -C "${dir}"`]);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], {
    cwd: dir,
    stdio: 'inherit',
  });
  return join(dir, 'dist', 'main.js');
}

/** The Node release the workflows run (pr-plan.yml's NODE_VERSION): its binary, from the npm registry as CI gets it, or why there is none. */
function workflowNode(): { readonly binary: string; readonly version: string } | { readonly missing: string } {
  const release = (parse(readFileSync(join(ROOT, '.github', 'workflows', 'pr-plan.yml'), 'utf8')) as { env: { NODE_VERSION: string } }).env
    .NODE_VERSION;
  const result = spawnSync('npx', ['--yes', '--prefer-offline', `node@${release}`, '-p', 'process.execPath + " " + process.version'], {
    encoding: 'utf8',
  });
  const [binary, version] = result.stdout.trim().split(' ');
  if (result.status !== 0 || !binary || !version)
    return { missing: `Node ${release} could not be installed from the npm registry: ${result.stderr.trim()}` };
  return { binary, version };
}

/** Whether two synth folders hold the same files with the same bytes. */
function sameTree(a: string, b: string): boolean {
  const files = (root: string): string[] => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else found.push(relative(root, join(dir, entry.name)));
      }
    };
    walk(root);
    return found.sort();
  };
  const [left, right] = [files(a), files(b)];
  return (
    left.length === right.length && left.every((file, i) => file === right[i] && readFileSync(join(a, file)).equals(readFileSync(join(b, file))))
  );
}

/**
 * One-account synths take well under a second, so machine noise would swamp the ratio
 * between sizes: they run in rounds, each round every size once, and the median of the
 * rounds counts. The previous app command is dominated by the compiler and is as slow
 * at every size, so it runs in fewer rounds.
 */
const SELECTIVE_ROUNDS = 11;
const PREVIOUS_COMMAND_ROUNDS = 3;

interface Organization {
  readonly size: number;
  readonly stacks: number;
  readonly file: string;
  /** The stack of its first workload account. */
  readonly oneStack: string;
  /** Bytes of that stack's Terraform JSON. */
  readonly oneStackBytes: number;
  /** A config cache already holding the validated config. */
  readonly warmCache: string;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10,100,1000,5000' },
      repeat: { type: 'string', default: '3' },
      previous: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const example = loadConfig(join(ROOT, 'config', 'baseline.yaml'));
  const work = mkdtempSync(join(tmpdir(), 'bench-'));
  const fmt = (m: Measurement) => `${m.seconds.toFixed(2)} s / ${Math.round(m.peakRssMb)} MB`;
  const withSpread = (m: Measurement) => (m.spread ? `${fmt(m)}, runs ${m.spread[0].toFixed(1)}–${m.spread[1].toFixed(1)} s` : fmt(m));
  const times = (seconds: number, base: number) => `${(seconds / base).toFixed(2)}x`;
  const load = () => loadavg()[0]!.toFixed(1);
  const loadAtStart = load();

  try {
    const previousRevision = values.previous;
    if (previousRevision) process.stdout.write(`building the previous design (${previousRevision.slice(0, 10)})\n`);
    const previousMain = previousRevision ? buildPrevious(previousRevision, work) : undefined;
    const workflow = workflowNode();
    if ('missing' in workflow) process.stdout.write(`${workflow.missing}; the synths run on ${process.version} only\n`);
    const organizations: Organization[] = sizes.map((size) => {
      const config = generateOrganization(example, size);
      const file = join(work, `org-${size}.yaml`);
      // Without the (empty) rollout section, which the previous design does not know.
      writeFileSync(file, stringify({ ...config, rollout: undefined }, { aliasDuplicateObjects: false }));
      const oneStack = accountBaselineStackName(config.workloadAccounts[0]!.id);
      const warmCache = join(work, `cache-${size}`);
      const outdir = join(work, `one-stack-${size}`);
      run(work, APP_COMMAND, file, { stacks: oneStack, cacheDir: warmCache, outdir });
      const oneStackBytes = statSync(join(outdir, 'stacks', oneStack, 'cdk.tf.json')).size;
      return { size, stacks: stackCatalog(config).size, file, oneStack, oneStackBytes, warmCache };
    });

    const series = new Map<string, Measurement[]>();
    const add = (key: string, measurement: Measurement) => series.set(key, [...(series.get(key) ?? []), measurement]);
    const configLoad = new Map<number, number[]>();
    for (let round = 0; round < SELECTIVE_ROUNDS; round++) {
      for (const { size, file, oneStack, warmCache } of organizations) {
        add(`app-warm-${size}`, run(work, APP_COMMAND, file, { stacks: oneStack, cacheDir: warmCache }));
        add(`app-cold-${size}`, run(work, APP_COMMAND, file, { stacks: oneStack }));
        add(`main-warm-${size}`, run(work, [process.execPath, MAIN], file, { stacks: oneStack, cacheDir: warmCache }));
        if ('binary' in workflow) {
          add(
            `app-warm-workflow-node-${size}`,
            run(work, APP_COMMAND, file, { stacks: oneStack, cacheDir: warmCache, nodeFolder: dirname(workflow.binary) }),
          );
        }
        if (round < PREVIOUS_COMMAND_ROUNDS)
          add(`previous-app-${size}`, run(work, PREVIOUS_APP_COMMAND, file, { stacks: oneStack, cacheDir: warmCache }));
        configLoad.set(size, [...(configLoad.get(size) ?? []), configLoadSeconds(file)]);
      }
    }
    const at = (key: string) => medianOf(series.get(key)!);
    const warmBase = at(`app-warm-${sizes[0]}`).seconds;
    const coldBase = at(`app-cold-${sizes[0]}`).seconds;
    const perAccountRows = organizations.map(
      ({ size }) =>
        `| ${[
          size,
          `**${fmt(at(`app-warm-${size}`))}** (${times(at(`app-warm-${size}`).seconds, warmBase)})`,
          `${fmt(at(`app-cold-${size}`))} (${times(at(`app-cold-${size}`).seconds, coldBase)})`,
          `${median(configLoad.get(size)!).toFixed(2)} s`,
          fmt(at(`main-warm-${size}`)),
          ...('binary' in workflow ? [`**${fmt(at(`app-warm-workflow-node-${size}`))}**`] : []),
          fmt(at(`previous-app-${size}`)),
        ].join(' | ')} |`,
    );

    // This machine's speed drifts by a third over minutes, so the full synth and the previous
    // design run alternately, `--repeat` times each at every size, and the medians count.
    const repeat = Number(values.repeat);
    // The provider's package root only shows its load cost, which one run shows at large sizes.
    const providerRootRuns = (size: number) => (size >= 1000 ? 1 : repeat);
    const fullRunsPerSize = (size: number) => repeat * (1 + ('binary' in workflow ? 1 : 0) + (previousMain ? 1 : 0)) + providerRootRuns(size);
    // Each full synth and its floor write every stack once.
    requireFreeSpace(
      work,
      organizations.reduce((sum, o) => sum + 2 * o.stacks * o.oneStackBytes * fullRunsPerSize(o.size), 0),
    );
    const fullRows = organizations.map(({ size, stacks, file }) => {
      // The first run of each writes where the outputs are compared byte for byte.
      const [mine, theirs, onWorkflowNode] = ['current', 'previous', 'workflow-node'].map((name) => join(work, `identity-${size}`, name));
      const fullRuns: Measurement[] = [];
      const workflowNodeRuns: Measurement[] = [];
      const previousRuns: Measurement[] = [];
      for (let round = 0; round < repeat; round++) {
        fullRuns.push(run(work, [process.execPath, MAIN], file, round === 0 ? { outdir: mine } : {}));
        if ('binary' in workflow) workflowNodeRuns.push(run(work, [workflow.binary, MAIN], file, round === 0 ? { outdir: onWorkflowNode } : {}));
        if (previousMain) previousRuns.push(run(work, [process.execPath, previousMain], file, round === 0 ? { outdir: theirs } : {}));
      }
      const full = medianOf(fullRuns);
      const onWorkflow =
        'binary' in workflow
          ? (() => {
              const measured = medianOf(workflowNodeRuns);
              return [
                `**${withSpread(measured)}** (${times(measured.seconds, full.seconds)}; ${sameTree(mine, onWorkflowNode) ? 'same bytes' : '**NO**: other bytes'})`,
              ];
            })()
          : [];
      const previous = previousMain
        ? (() => {
            const measured = medianOf(previousRuns);
            return [`${withSpread(measured)} (${times(full.seconds, measured.seconds)})`, sameTree(mine, theirs) ? 'yes' : '**NO**'];
          })()
        : [];
      const providerRoot = measure(providerRootRuns(size), () => run(work, [process.execPath, MAIN], file, { providerRoot: true }));
      const row = `| ${[
        size,
        stacks,
        `**${withSpread(full)}**`,
        ...onWorkflow,
        ...previous,
        `${full.floorSeconds?.toFixed(2)} s`,
        `${fmt(providerRoot)} (${times(providerRoot.seconds, full.seconds)})`,
      ].join(' | ')} |`;
      process.stdout.write(`${row}\n`);
      return row;
    });

    const perAccountColumns = [
      'workload accounts',
      `app command, nothing changed (x the ${sizes[0]}-account figure)`,
      `app command, first run on the config (x the ${sizes[0]}-account figure)`,
      'of which: loading the config alone',
      'floor: `node dist/main.js` alone, nothing changed',
      ...('binary' in workflow ? [`app command on the workflows' Node, ${workflow.version}, nothing changed`] : []),
      'previous app command (`npm run --silent build && node dist/main.js`, tsc as the build), nothing changed',
    ];
    const fullColumns = [
      'workload accounts',
      'stacks',
      `full synth (${process.version})`,
      ...('binary' in workflow ? [`on the workflows' Node, ${workflow.version} (x the full synth; output)`] : []),
      ...(previousRevision ? ["previous design (this design's time as a share of it)", 'output byte-identical to the previous design'] : []),
      'floor: same JSON written directly',
      'provider from the package root (x full)',
    ];
    const table = [
      `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}${'version' in workflow ? ` (the workflows': ${workflow.version})` : ''}; load average ${loadAtStart} at the start, ${load()} at the end.`,
      '',
      `One account's stack, as \`cdktf synth|deploy\` runs it (\`${APP_COMMAND}\` through a shell), wall / peak RSS of the largest process:`,
      '',
      `| ${perAccountColumns.join(' | ')} |`,
      `|${'---|'.repeat(perAccountColumns.length)}`,
      ...perAccountRows,
      '',
      `Full synth (\`node dist/main.js\`), median wall / peak RSS of all processes and the fastest and slowest run${previousRevision ? `; the previous design is commit ${previousRevision.slice(0, 7)}` : ''}:`,
      '',
      `| ${fullColumns.join(' | ')} |`,
      `|${'---|'.repeat(fullColumns.length)}`,
      ...fullRows,
    ].join('\n');
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), `${table}\n`);
    process.stdout.write(`\n${table}\n`);
    if (fullRows.some((row) => row.includes('**NO**'))) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main();
