/**
 * What every AWS call of the CLI shares, whichever service it goes to: one retry setting
 * (the SDK's adaptive retry, BASELINE_AWS_MAX_ATTEMPTS attempts per call), a bound on the
 * calls in flight, and one way of turning a failed call into a one-line CliError with
 * the exit code a pipeline can branch on.
 */
import { CliError, ExitCode } from './cli-error';

/** Environment variable that bounds the attempts per call (retries included). */
export const MAX_ATTEMPTS_ENV = 'BASELINE_AWS_MAX_ATTEMPTS';
export const DEFAULT_MAX_ATTEMPTS = 8;
export const MAX_ATTEMPTS_CEILING = 20;

/** Attempts per AWS call: $BASELINE_AWS_MAX_ATTEMPTS, else the default; anything else is a usage error. */
export function maxAttemptsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env[MAX_ATTEMPTS_ENV];
  if (raw === undefined || raw === '') return DEFAULT_MAX_ATTEMPTS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_ATTEMPTS_CEILING) {
    throw new CliError(`${MAX_ATTEMPTS_ENV}=${raw}: must be a whole number from 1 to ${MAX_ATTEMPTS_CEILING}`, ExitCode.Usage);
  }
  return value;
}

const THROTTLING_ERRORS = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException', 'RequestLimitExceeded']);
const ACCESS_DENIED_ERRORS = new Set(['AccessDeniedException', 'AccessDenied', 'AccessDeniedForDependencyException']);
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

interface AwsErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly $metadata?: { readonly attempts?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

export function awsErrorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as AwsErrorShape).name : undefined;
}

const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]!.trim();

/** What to tell the person when a call fails, where the cause is usually the same. */
export interface AwsCallAdvice {
  /** What to check when AWS denies the call. */
  readonly accessDenied: string;
  /** What to do when the call is still throttled after every attempt; default: wait, or raise BASELINE_AWS_MAX_ATTEMPTS. */
  readonly throttled?: string;
  /** Advice for other errors, by error name. */
  readonly byError?: Readonly<Record<string, string>>;
}

/** The CliError for a failed AWS call; `call` names it the way a person looks it up, e.g. `organizations:ListRoots`. */
export function explainAwsError(call: string, error: unknown, advice: AwsCallAdvice): CliError {
  if (error instanceof CliError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as AwsErrorShape;
  const name = shape.name ?? 'Error';
  const detail = firstLine(shape.message) || name;
  if (THROTTLING_ERRORS.has(name) || shape.$retryable?.throttling) {
    const attempts = shape.$metadata?.attempts;
    const remedy = advice.throttled ?? `wait and run again, or raise ${MAX_ATTEMPTS_ENV} (at most ${MAX_ATTEMPTS_CEILING})`;
    return new CliError(`${call} was still throttled after ${attempts ?? 'all'} attempt(s) (${name}); ${remedy}`, ExitCode.Throttled);
  }
  if (ACCESS_DENIED_ERRORS.has(name)) {
    return new CliError(`access denied to ${call} (${detail}); ${advice.accessDenied}`, ExitCode.AccessDenied);
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new CliError(`no usable AWS credentials for ${call} (${name}: ${detail}); set AWS_PROFILE or refresh the session`, ExitCode.AwsError);
  }
  const hint = advice.byError?.[name];
  return new CliError(`${call} failed: ${name}: ${detail}${hint ? ` (${hint})` : ''}`, ExitCode.AwsError);
}

/**
 * Maps `items` with at most `limit` calls in flight; results keep the input order.
 * After the first failure no new item starts, and the first error is rethrown once the
 * calls in flight have settled.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
  onDone?: (done: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await map(items[index]!);
        onDone?.(++done);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
