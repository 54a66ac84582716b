/**
 * Builds the cdktf App from a validated config, and synthesizes it so that the output
 * folder is either the complete new synth or untouched.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { App, Manifest, type StackManifest, type TerraformStack } from 'cdktf';
import type { BaselineConfig } from './config/schema';
import { accountBaselineStackName, LOG_ARCHIVE_STACK, ORG_GOVERNANCE_STACK, SECURITY_AUDIT_STACK, STACK_SELECTION_ENV } from './naming/stacks';
import { markTokenRegistry } from './constructs/token-registry';
import { AccountBaselineStack } from './stacks/account-baseline';
import { LogArchiveStack } from './stacks/log-archive';
import { OrgGovernanceStack } from './stacks/org-governance';
import { SecurityAuditStack } from './stacks/security-audit';

/**
 * Makes cdktf record an empty creation stack for each token, which is what it records
 * when Error.prepareStackTrace formats every trace to nothing, without walking the call
 * stack first. cdktf keeps the capture in a module of its own, not in its package index;
 * CDK Terrain captures through a second function of that module, which calls the first
 * directly, so both are replaced.
 */
export function skipTokenCreationStacks(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as {
    captureStackTrace: () => string[];
    captureCreationStack?: () => string[];
  };
  stackTrace.captureStackTrace = () => [];
  if (stackTrace.captureCreationStack) stackTrace.captureCreationStack = () => [];
}

type StackFactory = (app: App) => TerraformStack;

/** Every stack of the organization by its CLI name; constructing a stack is deferred until it is selected. */
export function stackCatalog(config: BaselineConfig): Map<string, StackFactory> {
  const catalog = new Map<string, StackFactory>();
  catalog.set(ORG_GOVERNANCE_STACK, (app) => new OrgGovernanceStack(app, config));
  catalog.set(LOG_ARCHIVE_STACK, (app) => new LogArchiveStack(app, config));
  catalog.set(SECURITY_AUDIT_STACK, (app) => new SecurityAuditStack(app, config));
  for (const account of config.workloadAccounts) {
    catalog.set(accountBaselineStackName(account.id), (app) => new AccountBaselineStack(app, config, account));
  }
  return catalog;
}

/** Thrown for a stack selection that names no stack of the config. */
export class StackSelectionError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(`${STACK_SELECTION_ENV}: unknown stack ${unknown.map((n) => `"${n}"`).join(', ')}; stacks of this config: ${known.join(', ')}`);
    this.name = 'StackSelectionError';
  }
}

/** The stack names in $BASELINE_STACKS, or undefined for all. */
export function stackSelectionFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = env[STACK_SELECTION_ENV]?.trim();
  if (!raw) return undefined;
  return raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export interface BuildOptions {
  /** Where the App writes on synth(). */
  readonly outdir: string;
  /** Only these stacks; all when undefined. */
  readonly stacks?: readonly string[];
}

/** The selected stack names (all by default), each once. Throws StackSelectionError for unknown names. */
function selectStacks(catalog: Map<string, StackFactory>, stacks: readonly string[] | undefined): string[] {
  const selected = [...new Set(stacks ?? catalog.keys())];
  const unknown = selected.filter((name) => !catalog.has(name));
  if (unknown.length > 0) throw new StackSelectionError(unknown, [...catalog.keys()]);
  return selected;
}

function newApp(outdir: string): App {
  // stackTraces off: construct metadata would embed file paths and make synth non-deterministic.
  return new App({ outdir, stackTraces: false, skipValidation: false });
}

/** Constructs the App with the selected stacks. Throws StackSelectionError for unknown names. */
export function buildApp(config: BaselineConfig, options: BuildOptions): App {
  const catalog = stackCatalog(config);
  const selected = selectStacks(catalog, options.stacks);
  const app = newApp(options.outdir);
  for (const name of selected) catalog.get(name)!(app);
  return app;
}

/**
 * Writes the `selected` stacks of `catalog` into `outdir` as `buildApp(config, options).synth()`
 * writes them, holding one stack at a time: each selected stack is constructed, prepared and written, then dropped from the app with the
 * tokens it registered (constructs/token-registry.ts), so that a process synthesizing
 * thousands of stacks does not keep them all. App.synth prepares every stack before writing
 * the first; that order matters only to references between stacks, which baseline stacks
 * never make (GovernanceStack.prepareStack). The app itself carries no validation.
 * test/app.test.ts compares both outputs file by file.
 */
function writeStackByStack(catalog: Map<string, StackFactory>, selected: readonly string[], outdir: string): void {
  const app = newApp(outdir);
  const session = { outdir: app.outdir, skipValidation: false, manifest: app.manifest };
  for (const name of selected) {
    const mark = markTokenRegistry();
    const stack = catalog.get(name)!(app);
    stack.prepareStack();
    stack.synthesizer.synthesize(session);
    app.node.tryRemoveChild(stack.node.id);
    mark.release();
  }
  app.manifest.writeToFile();
}

/**
 * Runs `synth` into a staging folder beside `outdir` and swaps it in only when it
 * completed (for an async `synth`, when its promise resolved), so a failure never
 * leaves a half-written `outdir`.
 */
// The asynchronous overload first: a function returning a promise also matches `=> void`.
export function synthesizeAtomically(outdir: string, synth: (stagingDir: string) => Promise<void>): Promise<void>;
export function synthesizeAtomically(outdir: string, synth: (stagingDir: string) => void): void;
export function synthesizeAtomically(outdir: string, synth: (stagingDir: string) => void | Promise<void>): void | Promise<void> {
  const target = resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  const discard = () => {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  };
  const commit = () => {
    try {
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    } finally {
      discard();
    }
  };
  discard();
  mkdirSync(dirname(target), { recursive: true });
  let pending: void | Promise<void>;
  try {
    pending = synth(staging);
  } catch (error) {
    discard();
    throw error;
  }
  if (pending instanceof Promise) {
    return pending.then(commit, (error: unknown) => {
      discard();
      throw error;
    });
  }
  commit();
}

/** Environment variable: worker processes for a synth (1 = everything in this process). */
export const SYNTH_WORKERS_ENV = 'BASELINE_SYNTH_WORKERS';
/** Below this many stacks per worker, starting another process costs more than it saves. */
const MIN_STACKS_PER_WORKER = 100;

/** How many processes synthesize `stackCount` stacks: one per core, each with enough stacks to pay for its start-up. */
export function synthWorkerCount(stackCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env[SYNTH_WORKERS_ENV]);
  if (Number.isInteger(configured) && configured >= 1) return Math.min(configured, Math.max(1, stackCount));
  return Math.max(1, Math.min(availableParallelism(), Math.floor(stackCount / MIN_STACKS_PER_WORKER)));
}

/** A synth worker that failed; its stderr already says why in the synth's own words. */
export class SynthWorkerError extends Error {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(stderr.trim() || `a synth worker exited with ${exitCode}`);
    this.name = 'SynthWorkerError';
  }
}

export interface SynthWorkerCommand {
  /** The program that synthesizes the stacks named in BASELINE_STACKS into CDKTF_OUTDIR (node). */
  readonly program: string;
  /** Its arguments (the synth entry point). */
  readonly args: readonly string[];
}

function runWorker(command: SynthWorkerCommand, env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command.program, [...command.args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stderr }));
  });
}

/**
 * Synthesizes `stacks` (catalog names) into `outdir` with `workers` processes, each
 * running `command` on its share, then merges their folders and manifests into one
 * output identical to a single-process synth, and passes on each line the workers wrote
 * to stderr once (their notes; a failed worker's stderr is the error). cdktf resolves
 * tokens on one thread, so for a large organization this is the one way to use every core.
 */
export async function synthesizeInWorkers(
  stacks: readonly string[],
  outdir: string,
  workers: number,
  command: SynthWorkerCommand,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const shares = Array.from({ length: workers }, (_, worker) => stacks.filter((_name, index) => index % workers === worker));
  const parts = shares.map((_share, worker) => join(outdir, `.worker-${worker}`));
  const results = await Promise.all(
    shares.map((share, worker) =>
      runWorker(command, { ...env, [STACK_SELECTION_ENV]: share.join(','), CDKTF_OUTDIR: parts[worker], [SYNTH_WORKERS_ENV]: '1' }),
    ),
  );
  const failed = results.find((result) => result.code !== 0);
  if (failed) throw new SynthWorkerError(failed.code, failed.stderr);
  const said = new Set(results.flatMap((result) => result.stderr.split('\n').filter((line) => line.length > 0)));
  for (const line of said) process.stderr.write(`${line}\n`);

  mkdirSync(join(outdir, Manifest.stacksFolder), { recursive: true });
  const manifest = new Manifest(JSON.parse(readFileSync(join(parts[0]!, Manifest.fileName), 'utf8')).version, outdir, false);
  for (const part of parts) {
    const partManifest = JSON.parse(readFileSync(join(part, Manifest.fileName), 'utf8')) as { stacks: Record<string, StackManifest> };
    for (const [name, entry] of Object.entries(partManifest.stacks)) {
      renameSync(join(part, Manifest.stacksFolder, name), join(outdir, Manifest.stacksFolder, name));
      manifest.stacks[name] = entry;
    }
    rmSync(part, { recursive: true, force: true });
  }
  manifest.writeToFile();
}

/** Synthesizes the selected stacks into `outdir`, in this process or, for many stacks, in worker processes. */
export async function synthesize(
  config: BaselineConfig,
  options: BuildOptions & { readonly worker: SynthWorkerCommand; readonly env?: NodeJS.ProcessEnv },
): Promise<void> {
  const env = options.env ?? process.env;
  const catalog = stackCatalog(config);
  const names = selectStacks(catalog, options.stacks);
  const workers = synthWorkerCount(names.length, env);
  if (workers <= 1) writeStackByStack(catalog, names, options.outdir);
  else await synthesizeInWorkers(names, options.outdir, workers, options.worker, env);
}
