/**
 * Calling Bedrock runtime from the CLI: a client with the SDK's adaptive retry (client-side
 * rate limiting), our own bounded retry on top for throttling that outlasts it, a
 * concurrency limit, and AWS errors turned into one line a person can act on.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

/** Attempts the SDK makes per call (adaptive mode also slows the client down when throttled). */
const SDK_MAX_ATTEMPTS = 3;

export function createRuntimeClient(region: string): BedrockRuntimeClient {
  // Credentials come from the default chain: environment, SSO/profile, web identity (CI OIDC), instance role.
  return new BedrockRuntimeClient({ region, retryMode: 'adaptive', maxAttempts: SDK_MAX_ATTEMPTS });
}

/** Error names Bedrock runtime uses for "slow down and try again". */
const RETRYABLE_ERRORS = new Set(['ThrottlingException', 'ServiceUnavailableException', 'TooManyRequestsException']);

export function isRetryable(error: unknown): boolean {
  const candidate = error as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return Boolean(candidate && (RETRYABLE_ERRORS.has(candidate.name ?? '') || candidate.$retryable?.throttling));
}

export interface RetryPolicy {
  /** Calls in all, the first included. */
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles per attempt, with jitter, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** [0, 1); injectable so tests are deterministic. */
  readonly random: () => number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 20000, sleep, random: Math.random };

/** Thrown when throttling outlasted every attempt. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`still throttled after ${attempts} attempts: ${(lastError as Error).message ?? String(lastError)}`);
    this.name = 'RetriesExhaustedError';
  }
}

/** Runs `call`, retrying only throttling-type errors with exponential backoff and jitter. */
export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= policy.maxAttempts) throw new RetriesExhaustedError(attempt, error);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      // "Equal jitter": at least half the backoff, so parallel workers spread out but still back off.
      await policy.sleep(Math.round(ceiling / 2 + (policy.random() * ceiling) / 2));
    }
  }
}

/**
 * Maps `items` with at most `limit` calls in flight, results in input order. After the
 * first failure no new item starts; the first error is rethrown once the others settle.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** One line for an AWS error, with what to check where the cause is usually the same. */
export function describeAwsError(error: unknown, context: { readonly region: string; readonly what: string }): string {
  const { name = 'Error', message = String(error) } = error as { name?: string; message?: string };
  const hint: Record<string, string> = {
    CredentialsProviderError: 'no AWS credentials found in the default chain (environment, SSO or profile, web identity, instance role)',
    AccessDeniedException: `the caller may not ${context.what}: check its IAM policy, the SCPs and the guardrail's resource policy`,
    ResourceNotFoundException: `not found in ${context.region}: check the identifier, the version and --region`,
    ValidationException: 'the request was rejected as invalid',
    UnrecognizedClientException: 'the credentials are not valid in this partition or have expired',
    ExpiredTokenException: 'the credentials have expired',
  };
  const advice = error instanceof RetriesExhaustedError ? 'lower --concurrency or retry later' : hint[name];
  return `${name}: ${message}${advice ? ` (${advice})` : ''}`;
}
