#!/usr/bin/env node
/**
 * `baseline <command>`: the operator's CLI (package.json bin; `npx baseline` after
 * `npm run build`). Dispatches to one module per command and turns every expected
 * failure into a one-line message and a documented exit code.
 */
import { spawnSync } from 'node:child_process';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { CONFIG_PATH_ENV, DEFAULT_CONFIG_PATH } from '../config/load';
import { DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_ENV } from './aws';
import { createBedrockRuntimeClient } from './bedrock-runtime';
import { CliError, ExitCode } from './cli-error';
import type { CliContext, Command } from './command';
import { demoCommand } from './demo';
import { discoverCommand } from './discover';
import { createOrganizationsClient } from './organizations';
import { preflightCommand } from './preflight';
import { redteamCommand } from './redteam';
import { reviewCommand } from './review';
import { vendCommand } from './vend';

export const COMMANDS: readonly Command[] = [discoverCommand, vendCommand, preflightCommand, reviewCommand, redteamCommand, demoCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `Usage: baseline <command> [options]    (baseline <command> --help for its options)

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Environment:
  ${CONFIG_PATH_ENV.padEnd(26)} config file (default ${DEFAULT_CONFIG_PATH})
  ${MAX_ATTEMPTS_ENV.padEnd(26)} attempts per AWS call, adaptive retry (default ${DEFAULT_MAX_ATTEMPTS})
  AWS_PROFILE, AWS_*         credentials: the management account (discover, vend, preflight)
  BASELINE_DEBUG=1           stack traces for unexpected errors

Exit codes:
  0 ok   1 findings (drift, failed check, account refused)   2 bad arguments
  3 invalid config, nothing written   4 access denied   5 throttled after retries
  6 not in (this) organization   7 other AWS or credentials error   8 deploy failed   9 bug
`;
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? context.stderr : context.stdout).write(usage());
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    context.stderr.write(`baseline: unknown command "${name}"; commands: ${COMMANDS.map((candidate) => candidate.name).join(', ')}\n`);
    return ExitCode.Usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout.write(`${command.help}\n`);
    return ExitCode.Ok;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliError) {
      context.stderr.write(`baseline ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    context.stderr.write(`baseline ${name}: unexpected error: ${(error as Error)?.message ?? String(error)} (BASELINE_DEBUG=1 shows the stack)\n`);
    if (context.env.BASELINE_DEBUG) context.stderr.write(`${(error as Error)?.stack}\n`);
    return ExitCode.Internal;
  }
}

function processContext(): CliContext {
  let client: OrganizationsClient | undefined;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    organizations: () => (client ??= createOrganizationsClient(process.env)),
    bedrockRuntime: (region, maxAttempts) => createBedrockRuntimeClient(region, maxAttempts),
    runProcess: (program, args, env) =>
      spawnSync(program, [...args], { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? ExitCode.DeployFailed,
  };
}

if (require.main === module) {
  void main(process.argv.slice(2), processContext()).then((code) => {
    process.exitCode = code;
  });
}
