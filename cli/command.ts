/**
 * What every `baseline` command is given and how it reads its arguments. Commands
 * write through the context, never to process.stdout directly, so tests run them
 * in-process with a mocked Organizations client and captured output.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { CliError, ExitCode } from './cli-error';

/** Where a command writes; `isTTY` decides whether a progress indicator is drawn. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliContext {
  /** Results: reports, Markdown, JSON. */
  readonly stdout: OutputStream;
  /** Progress and errors. */
  readonly stderr: OutputStream;
  /** Environment (BASELINE_CONFIG, BASELINE_AWS_MAX_ATTEMPTS, ...). */
  readonly env: NodeJS.ProcessEnv;
  /** A client for AWS Organizations; created on first use so `review` needs no credentials. */
  readonly organizations: () => OrganizationsClient;
  /** A Bedrock runtime client for a region, making `maxAttempts` attempts per call. */
  readonly bedrockRuntime: (region: string, maxAttempts: number) => BedrockRuntimeClient;
  /** Runs a shell-free command (program and arguments) with extra environment; resolves to its exit code. */
  readonly runProcess: (program: string, args: readonly string[], env: NodeJS.ProcessEnv) => number;
}

export interface Command {
  /** As typed after `baseline`. */
  readonly name: string;
  /** One line for `baseline --help`. */
  readonly summary: string;
  /** The full `baseline <name> --help` text. */
  readonly help: string;
  /** Runs the command; resolves to its exit code, or throws a CliError. */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** Parses `args` strictly against `options`; any mistake is a usage error that names the command. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageError(command, (error as Error).message);
  }
}

/** A bad argument; the entry prefixes `baseline <command>:`. */
export function usageError(command: string, message: string): CliError {
  return new CliError(`${message} (see baseline ${command} --help)`, ExitCode.Usage);
}

/** The value of a required string option, or a usage error. */
export function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw usageError(command, `--${name} is required`);
  return value.trim();
}

/** A whole-number option within bounds; `fallback` when absent. */
export function integerOption(command: string, name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw usageError(command, `--${name}: "${raw}" is not a whole number from ${min} to ${max}`);
  return Number(raw);
}

/** `a,b , c` -> ['a', 'b', 'c']. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
