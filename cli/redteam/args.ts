/**
 * What `baseline redteam` and `baseline demo` share on the command line: exit codes,
 * the guardrail and region flags and their validation, and usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KNOWN_REGIONS } from '../../config/regions';
import { ExitCode } from '../cli-error';
import type { CliContext, OutputStream } from '../command';

/** Exit codes of both commands: the `baseline` CLI's table (cli/cli-error.ts, docs/cli.md). */
export const EXIT = {
  /** Every probe (or demo prompt) behaved as expected. */
  ok: ExitCode.Ok,
  /** The guardrail did not behave as expected. */
  expectationFailed: ExitCode.Findings,
  /** Bad flags or a bad corpus file (found before anything is sent to AWS), or an unwritable report file. */
  usage: ExitCode.Usage,
  /** AWS refused or failed (credentials, permissions, not found, throttling outlasted the retries). */
  awsError: ExitCode.AwsError,
} as const;

/** Where the two commands write: the CLI context's streams. */
export type CommandIo = Pick<CliContext, 'stdout' | 'stderr'>;

/** A problem with the command line; printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const GUARDRAIL_OPTIONS = {
  'guardrail-id': { type: 'string' },
  'guardrail-version': { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export const GUARDRAIL_OPTIONS_HELP = [
  '  --guardrail-id <id|arn>      the guardrail (id, or ARN in the region of --region)',
  '  --guardrail-version <n>      its published version number',
  '  --region <region>            Bedrock region (default: $AWS_REGION, then $AWS_DEFAULT_REGION)',
];

/** node:util parseArgs, strict, with its errors turned into UsageError. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface GuardrailRef {
  /** Guardrail id or ARN, as given. */
  readonly identifier: string;
  /** A numeric version, or DRAFT where allowed. */
  readonly version: string;
  readonly region: string;
}

const GUARDRAIL_ID = /^[a-z0-9]{1,64}$/;
const GUARDRAIL_ARN = /^arn:aws(?:-[a-z]+)*:bedrock:([a-z0-9-]+):\d{12}:guardrail\/[a-z0-9]{1,64}$/;

/** Validates the guardrail flags; DRAFT only where `allowDraft` (never for something applications would pin). */
export function guardrailRef(
  values: { readonly 'guardrail-id'?: string; readonly 'guardrail-version'?: string; readonly region?: string },
  options: { readonly allowDraft: boolean; readonly env: NodeJS.ProcessEnv },
): GuardrailRef {
  const identifier = values['guardrail-id'];
  const version = values['guardrail-version'];
  const region = values.region ?? options.env.AWS_REGION ?? options.env.AWS_DEFAULT_REGION;
  const problems: string[] = [];
  if (!identifier) problems.push('--guardrail-id is required');
  else if (!GUARDRAIL_ID.test(identifier) && !GUARDRAIL_ARN.test(identifier)) problems.push(`--guardrail-id: "${identifier}" is neither a guardrail id nor a guardrail ARN`);
  if (!version) problems.push('--guardrail-version is required');
  else if (!/^[1-9]\d{0,7}$/.test(version) && !(options.allowDraft && version === 'DRAFT')) {
    problems.push(`--guardrail-version: "${version}" is not a published version number${options.allowDraft ? ' or DRAFT' : ' (DRAFT is not pinned: publish a version)'}`);
  }
  if (!region) problems.push('--region is required (or set AWS_REGION)');
  else if (!KNOWN_REGIONS.includes(region)) problems.push(`--region: "${region}" is not a known AWS region`);
  const arnRegion = identifier ? GUARDRAIL_ARN.exec(identifier)?.[1] : undefined;
  if (arnRegion && region && arnRegion !== region) problems.push(`--guardrail-id is an ARN in ${arnRegion} but --region is ${region}`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { identifier: identifier!, version: version!, region: region! };
}

/** A positive integer flag within bounds. */
export function integerOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name}: "${raw}" is not a whole number from ${min} to ${max}`);
  return Number(raw);
}

/** Writes `text` and resolves once it is flushed, so an exit right after loses nothing. */
export async function write(stream: OutputStream, text: string): Promise<void> {
  stream.write(text);
}
