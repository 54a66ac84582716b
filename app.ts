/**
 * Builds the cdktf App from a validated config, and synthesizes it so that the output
 * folder is either the complete new synth or untouched.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { App, type Manifest, type TerraformStack } from 'cdktf';
import type { BaselineConfig } from './config/schema';
import { accountBaselineStackName, LOG_ARCHIVE_STACK, ORG_GOVERNANCE_STACK, SECURITY_AUDIT_STACK, STACK_SELECTION_ENV } from './naming/stacks';
import { markTokenRegistry } from './constructs/token-registry';
import { loadedLibrary } from './toolchain/flavour';
import { AccountBaselineStack } from './stacks/account-baseline';
import { LogArchiveStack } from './stacks/log-archive';
import { OrgGovernanceStack } from './stacks/org-governance';
import { SecurityAuditStack } from './stacks/security-audit';
import { serveSynthBatches, startSynthWorkers, synthWorkerCount, type SynthWorkerCommand, type SynthWorkers } from './synth-workers';

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

/** Writes stacks into an output folder one at a time; the manifest collects their entries. */
interface StackWriter {
  readonly manifest: Manifest;
  /** Constructs, prepares and writes each named stack (names of the catalog, as selectStacks returns them), then drops it. */
  write(names: readonly string[]): void;
}

/**
 * Writes stacks of `catalog` into `outdir` as `buildApp(config, options).synth()` writes
 * them, holding one stack at a time: each stack is constructed, prepared and written, then
 * dropped from the app with the tokens it registered (constructs/token-registry.ts), so
 * that a process synthesizing thousands of stacks does not keep them all. App.synth
 * prepares every stack before writing the first; that order matters only to references
 * between stacks, which baseline stacks never make (GovernanceStack.prepareStack). The app
 * itself carries no validation. test/app.test.ts compares both outputs file by file.
 */
function stackWriter(catalog: Map<string, StackFactory>, outdir: string): StackWriter {
  const app = newApp(outdir);
  const session = { outdir: app.outdir, skipValidation: false, manifest: app.manifest };
  return {
    manifest: app.manifest,
    write(names) {
      for (const name of names) {
        const mark = markTokenRegistry();
        const stack = catalog.get(name)!(app);
        stack.prepareStack();
        stack.synthesizer.synthesize(session);
        app.node.tryRemoveChild(stack.node.id);
        mark.release();
      }
    },
  };
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

/** Synthesizes the selected stacks into `outdir`, in this process or, for many stacks, in worker processes. */
export async function synthesize(
  config: BaselineConfig,
  options: BuildOptions & {
    /** How to start a worker. */
    readonly worker: SynthWorkerCommand;
    /** Workers started while the config was read (startSynthWorkers); those the synth does not use are ended. */
    readonly startedWorkers?: SynthWorkers;
    readonly env?: NodeJS.ProcessEnv;
  },
): Promise<void> {
  const env = options.env ?? process.env;
  const catalog = stackCatalog(config);
  const names = selectStacks(catalog, options.stacks);
  const count = synthWorkerCount(names.length, env);
  if (count > 1) {
    const workers = options.startedWorkers ?? startSynthWorkers(count, options.worker, env);
    return workers.synthesize(names, options.outdir, config, count);
  }
  options.startedWorkers?.dismiss();
  const writer = stackWriter(catalog, options.outdir);
  writer.write(names);
  writer.manifest.writeToFile();
}

/** The worker's side of SynthWorkers.synthesize: writes the batches its parent hands out, from the config the parent validated. */
export function serveAsSynthWorker(): Promise<void> {
  // The library's release is the version its App writes in the manifest.
  return serveSynthBatches(loadedLibrary().version, (outdir, setup) => {
    const writer = stackWriter(stackCatalog(setup as BaselineConfig), outdir);
    return (names) => {
      writer.write(names);
      return Object.fromEntries(names.map((name) => [name, writer.manifest.stacks[name]!]));
    };
  });
}
