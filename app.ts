/**
 * Builds the cdktf App from a validated config, and synthesizes it so that the output
 * folder is either the complete new synth or untouched.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { App } from 'cdktf';
import type { BaselineConfig } from './config/schema';
import { AccountBaselineStack, accountBaselineStackName } from './stacks/account-baseline';
import { LOG_ARCHIVE_STACK, LogArchiveStack } from './stacks/log-archive';
import { ORG_GOVERNANCE_STACK, OrgGovernanceStack } from './stacks/org-governance';
import { SECURITY_AUDIT_STACK, SecurityAuditStack } from './stacks/security-audit';

/** Environment variable with a comma-separated list of stacks to synthesize. */
export const STACK_SELECTION_ENV = 'BASELINE_STACKS';

type StackFactory = (app: App) => void;

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
  constructor(readonly unknown: readonly string[], readonly known: readonly string[]) {
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

/** Constructs the App with the selected stacks. Throws StackSelectionError for unknown names. */
export function buildApp(config: BaselineConfig, options: BuildOptions): App {
  const catalog = stackCatalog(config);
  const selected = options.stacks ?? [...catalog.keys()];
  const unknown = selected.filter((name) => !catalog.has(name));
  if (unknown.length > 0) throw new StackSelectionError(unknown, [...catalog.keys()]);

  // stackTraces off: construct metadata would embed file paths and make synth non-deterministic.
  const app = new App({ outdir: options.outdir, stackTraces: false, skipValidation: false });
  for (const name of new Set(selected)) catalog.get(name)!(app);
  return app;
}

/**
 * Runs `synth` into a staging folder beside `outdir` and swaps it in only when it
 * completed, so a failure never leaves a half-written `outdir`.
 */
export function synthesizeAtomically(outdir: string, synth: (stagingDir: string) => void): void {
  const target = resolve(outdir);
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  try {
    synth(staging);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}
