/**
 * The real SDK retry path of the CLI's Bedrock runtime client, as `redteam` uses it.
 * aws-sdk-client-mock replaces `send`, which skips the retry middleware, so these tests
 * keep the SDK whole and fake only the HTTP handler: Bedrock answers 429
 * ThrottlingException (its REST-JSON error shape) a given number of times, then applies
 * a guardrail that acts on nothing.
 */
import { Readable } from 'node:stream';
import { createBedrockRuntimeClient } from '../../cli/bedrock-runtime';
import { ExitCode } from '../../cli/cli-error';
import { builtinCorpus } from '../../cli/redteam/corpus';
import { runCli } from '../support/cli-context';

/** An HTTP handler that throttles the first `throttled` requests (every one for Infinity) and counts them all. */
function scriptedHandler(throttled: number) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    handler: {
      async handle() {
        const throttle = ++requests <= throttled;
        const body = throttle
          ? { message: 'Too many requests, please wait before trying again.' }
          : { action: 'NONE', outputs: [], assessments: [], usage: {} };
        return {
          response: {
            statusCode: throttle ? 429 : 200,
            reason: throttle ? 'Too Many Requests' : 'OK',
            headers: {
              'content-type': 'application/json',
              'x-amzn-requestid': `request-${requests}`,
              ...(throttle ? { 'x-amzn-errortype': 'ThrottlingException' } : {}),
            },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  };
}

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const CLEAN_CONTROLS = builtinCorpus().probes.filter((probe) => probe.category === 'clean-control').length;
const ARGS = [
  'redteam',
  '--guardrail-id',
  'gr1abc2def3',
  '--guardrail-version',
  '3',
  '--region',
  'us-east-1',
  '--category',
  'clean-control',
  '--concurrency',
  '1',
];

/** Runs a promise to completion under fake timers, so the SDK's backoff costs no wall time. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  while (!done) await jest.advanceTimersByTimeAsync(250);
  return tracked;
}

function redteamAgainst(script: ReturnType<typeof scriptedHandler>, argv: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return settle(
    runCli([...ARGS, ...argv], {
      env,
      bedrockRuntime: (region, maxAttempts) =>
        createBedrockRuntimeClient(region, maxAttempts, { requestHandler: script.handler as never, credentials }),
    }),
  );
}

describe('Bedrock runtime client retry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries throttled calls until they go through', async () => {
    const script = scriptedHandler(2);
    const run = await redteamAgainst(script, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.Ok);
    expect(script.requests).toBe(CLEAN_CONTROLS + 2);
  });

  it('gives up after BASELINE_AWS_MAX_ATTEMPTS and says so in one line, with exit code 5', async () => {
    const script = scriptedHandler(Infinity);
    const run = await redteamAgainst(script, [], { BASELINE_AWS_MAX_ATTEMPTS: '2' });
    expect(run.code).toBe(ExitCode.Throttled);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'baseline redteam: bedrock:ApplyGuardrail on gr1abc2def3 was still throttled after 2 attempt(s) (ThrottlingException); lower --concurrency, wait and run again, or raise --max-attempts (at most 20)\n',
    );
    expect(script.requests).toBe(2);
  });

  it('--max-attempts overrides BASELINE_AWS_MAX_ATTEMPTS', async () => {
    const script = scriptedHandler(Infinity);
    const run = await redteamAgainst(script, ['--max-attempts', '3'], { BASELINE_AWS_MAX_ATTEMPTS: '2' });
    expect(run.code).toBe(ExitCode.Throttled);
    expect(script.requests).toBe(3);
  });

  it('uses adaptive retry', async () => {
    const client = createBedrockRuntimeClient('us-east-1', 8);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await client.config.maxAttempts()).toBe(8);
  });
});
