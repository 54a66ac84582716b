/**
 * `npm run bench`: synth wall time and peak RSS for organizations of 10 to 5,000
 * workload accounts (2 regions each), generated from the example config. For each size,
 * side by side in one run: (a) full synth, (b) selective synth of one account's stack,
 * (c) full synth with the provider package imported from its root, as an app that
 * imports `@cdktf/provider-aws` instead of deep paths would pay. Each synth runs in a
 * fresh `node dist/main.js`, exactly as `npm run synth` does.
 *
 * Usage: node dist/bench/synth.js [--sizes 10,100,1000,5000] [--repeat N]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { stackCatalog } from '../app';
import { loadConfig } from '../config/load';
import type { RegionNetwork } from '../config/network-schema';
import type { BaselineConfig } from '../config/schema';
import { accountBaselineStackName } from '../naming/stacks';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const USAGE_REPORTER = join(__dirname, 'report-usage.js');
const PROVIDER_ROOT_IMPORT = join(__dirname, 'import-provider-root.js');

interface Measurement {
  readonly seconds: number;
  readonly peakRssMb: number;
  /** Seconds to write the same stacks' JSON directly, without cdktf: the floor of any synth. */
  readonly floorSeconds?: number;
}

/** Writes the stacks of a synth folder again from their parsed JSON and times only the writing. */
function directWriteSeconds(synthDir: string): number {
  const stacksDir = join(synthDir, 'stacks');
  const stacks = readdirSync(stacksDir).map((name) => [name, JSON.parse(readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8'))] as const);
  const target = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const started = process.hrtime.bigint();
  for (const [name, json] of stacks) {
    mkdirSync(join(target, name));
    writeFileSync(join(target, name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(target, { recursive: true, force: true });
  return seconds;
}

/** The example's network entry of the first account, in each of `regions`, with ids of its own (a VPC or subnet belongs to one account and region). */
function generatedNetwork(template: RegionNetwork, regions: readonly string[], index: number): Record<string, RegionNetwork> {
  const id = (prefix: string, n: number) => `${prefix}-${(index * 16 + n).toString(16).padStart(17, '0')}`;
  return Object.fromEntries(
    regions.map((region, r) => [region, { ...template, vpcId: id('vpc', r * 4), subnetIds: template.subnetIds.map((_, s) => id('subnet', r * 4 + 1 + s)) }]),
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
    return { ...template, id: String(100_000_000_000 + index), name: `workload-${index}`, ou: ou.id, environment: ou.environment, regions, network: generatedNetwork(network, regions, index) };
  });
  // Per-account settings of the example name its accounts, which the generated org replaces.
  const alarms = { ...example.alarms, bedrockMetrics: { ...example.alarms.bedrockMetrics, accountThresholds: {} } };
  return { ...example, alarms, organizationalUnits: ous, workloadAccounts };
}

function run(configFile: string, options: { stacks?: string; providerRoot?: boolean; cacheDir?: string }): Measurement {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-out-'));
  const cacheDir = options.cacheDir ?? mkdtempSync(join(tmpdir(), 'bench-cold-cache-'));
  const usageFile = join(outdir, '..', `${outdir.split('/').pop()}-usage.json`);
  // NODE_OPTIONS, not -r: synth worker processes inherit the preloads too.
  const preload = [USAGE_REPORTER, ...(options.providerRoot ? [PROVIDER_ROOT_IMPORT] : [])].map((file) => `--require ${file}`).join(' ');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [MAIN], {
    env: {
      ...process.env,
      BASELINE_CONFIG: configFile,
      BASELINE_CONFIG_CACHE_DIR: cacheDir,
      CDKTF_OUTDIR: join(outdir, 'cdktf.out'),
      BENCH_USAGE_FILE: usageFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(),
      ...(options.stacks ? { BASELINE_STACKS: options.stacks } : {}),
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const floorSeconds = result.status === 0 && !options.stacks ? directWriteSeconds(join(outdir, 'cdktf.out')) : undefined;
  rmSync(outdir, { recursive: true, force: true });
  if (!options.cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`synth failed (${result.status}): ${result.stderr}`);
  const processes = readFileSync(usageFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { maxRssKb: number });
  rmSync(usageFile, { force: true });
  return { seconds, peakRssMb: processes.reduce((sum, usage) => sum + usage.maxRssKb, 0) / 1024, floorSeconds };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function medianOf(runs: readonly Measurement[]): Measurement {
  const floors = runs.flatMap((r) => (r.floorSeconds === undefined ? [] : [r.floorSeconds]));
  return { seconds: median(runs.map((r) => r.seconds)), peakRssMb: median(runs.map((r) => r.peakRssMb)), ...(floors.length ? { floorSeconds: median(floors) } : {}) };
}

const measure = (repeat: number, once: () => Measurement): Measurement => medianOf(Array.from({ length: repeat }, once));

/** Wall seconds of a fresh process that only loads and validates the config, uncached: the part of a cold synth that grows with the organization. */
function configLoadSeconds(configFile: string): number {
  const script = `require(${JSON.stringify(join(__dirname, '..', 'config', 'load.js'))}).loadConfig(process.env.BASELINE_CONFIG, require(${JSON.stringify(join(__dirname, '..', 'checks', 'synth-config-checks.js'))}).SYNTH_CONFIG_CHECKS)`;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, BASELINE_CONFIG: configFile, BASELINE_CONFIG_CACHE: 'off' }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`config load failed (${result.status}): ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Selective synths take well under a second, so machine noise would swamp the ratio
 * between sizes: they run in rounds, each round every size once, and the median of the
 * rounds counts.
 */
const SELECTIVE_ROUNDS = 11;

interface Organization {
  readonly size: number;
  readonly stacks: number;
  readonly file: string;
  /** The stack of its first workload account. */
  readonly oneStack: string;
  /** A config cache already holding the validated config. */
  readonly warmCache: string;
}

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10,100,1000,5000' }, repeat: { type: 'string', default: '3' } } });
  const sizes = values.sizes.split(',').map(Number);
  const example = loadConfig(join(ROOT, 'config', 'baseline.yaml'));
  const work = mkdtempSync(join(tmpdir(), 'bench-'));
  const fmt = (m: Measurement) => `${m.seconds.toFixed(2)} s / ${Math.round(m.peakRssMb)} MB`;
  const times = (seconds: number, base: number) => `${(seconds / base).toFixed(2)}x`;

  try {
    const organizations: Organization[] = sizes.map((size) => {
      const config = generateOrganization(example, size);
      const file = join(work, `org-${size}.yaml`);
      writeFileSync(file, stringify(config, { aliasDuplicateObjects: false }));
      const organization = { size, stacks: stackCatalog(config).size, file, oneStack: accountBaselineStackName(config.workloadAccounts[0]!.id), warmCache: join(work, `cache-${size}`) };
      run(file, { stacks: organization.oneStack, cacheDir: organization.warmCache });
      return organization;
    });

    const cold = new Map<number, Measurement[]>();
    const warm = new Map<number, Measurement[]>();
    const configLoad = new Map<number, number[]>();
    for (let round = 0; round < SELECTIVE_ROUNDS; round++) {
      for (const { size, file, oneStack, warmCache } of organizations) {
        cold.set(size, [...(cold.get(size) ?? []), run(file, { stacks: oneStack })]);
        warm.set(size, [...(warm.get(size) ?? []), run(file, { stacks: oneStack, cacheDir: warmCache })]);
        configLoad.set(size, [...(configLoad.get(size) ?? []), configLoadSeconds(file)]);
      }
    }
    const [first] = organizations;
    const coldBase = medianOf(cold.get(first!.size)!).seconds;
    const warmBase = medianOf(warm.get(first!.size)!).seconds;

    const rows = organizations.map(({ size, stacks, file }) => {
      // Large sizes take long; the median of several runs matters most where a run is short.
      const repeat = size >= 1000 ? 1 : Number(values.repeat);
      const full = measure(repeat, () => run(file, {}));
      const providerRoot = measure(repeat, () => run(file, { providerRoot: true }));
      const selectiveCold = medianOf(cold.get(size)!);
      const selectiveWarm = medianOf(warm.get(size)!);
      const row = `| ${[
        size,
        stacks,
        fmt(full),
        `${full.floorSeconds?.toFixed(2)} s`,
        `${fmt(selectiveCold)} (${times(selectiveCold.seconds, coldBase)})`,
        `${median(configLoad.get(size)!).toFixed(2)} s`,
        `${fmt(selectiveWarm)} (${times(selectiveWarm.seconds, warmBase)})`,
        `${fmt(providerRoot)} (${times(providerRoot.seconds, full.seconds)})`,
      ].join(' | ')} |`;
      process.stdout.write(`${row}\n`);
      return row;
    });

    const table = [
      `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
      '',
      `| workload accounts | stacks | full synth (wall / peak RSS, all processes) | floor: same JSON written directly | one account, first run on the config (x the ${sizes[0]}-account figure) | of which: loading the config alone | one account, config validated before (x the ${sizes[0]}-account figure) | full synth, provider from the package root (x full) |`,
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'latest.md'), `${table}\n`);
    process.stdout.write(`\n${table}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) main();
