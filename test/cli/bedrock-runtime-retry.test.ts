/**
 * The real SDK retry path of the CLI's Bedrock runtime client, as `redteam` uses it: a
 * scripted HTTP handler answers 429 ThrottlingException (Bedrock's REST-JSON error shape)
 * a given number of times, then applies a guardrail that acts on nothing.
 */
import { createBedrockRuntimeClient } from '../../cli/bedrock-runtime';
import { ExitCode } from '../../cli/cli-error';
import { builtinCorpus } from '../../cli/redteam/corpus';
import { runCli } from '../support/cli-context';
import { scriptedHandler, settle, TEST_CREDENTIALS } from '../support/scripted-http';

/** Bedrock throttles the first `throttled` requests (every one for Infinity), then applies a guardrail that acts on nothing. */
const throttlingBedrock = (throttled: number) =>
  scriptedHandler('application/json', (request) =>
    request <= throttled
      ? {
          statusCode: 429,
          headers: { 'x-amzn-errortype': 'ThrottlingException' },
          body: { message: 'Too many requests, please wait before trying again.' },
        }
      : { statusCode: 200, body: { action: 'NONE', outputs: [], assessments: [], usage: {} } },
  );

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

function redteamAgainst(script: ReturnType<typeof throttlingBedrock>, argv: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return settle(
    runCli([...ARGS, ...argv], {
      env,
      bedrockRuntime: (region, maxAttempts) =>
        createBedrockRuntimeClient(region, maxAttempts, { requestHandler: script.handler as never, credentials: TEST_CREDENTIALS }),
    }),
  );
}

describe('Bedrock runtime client retry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries throttled calls until they go through', async () => {
    const script = throttlingBedrock(2);
    const run = await redteamAgainst(script, []);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(ExitCode.Ok);
    expect(script.requests).toBe(CLEAN_CONTROLS + 2);
  });

  it('gives up after BASELINE_AWS_MAX_ATTEMPTS and says so in one line, with exit code 5', async () => {
    const script = throttlingBedrock(Infinity);
    const run = await redteamAgainst(script, [], { BASELINE_AWS_MAX_ATTEMPTS: '2' });
    expect(run.code).toBe(ExitCode.Throttled);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'baseline redteam: bedrock:ApplyGuardrail on gr1abc2def3 was still throttled after 2 attempt(s) (ThrottlingException); lower --concurrency, wait and run again, or raise --max-attempts (at most 20)\n',
    );
    expect(script.requests).toBe(2);
  });

  it('--max-attempts overrides BASELINE_AWS_MAX_ATTEMPTS', async () => {
    const script = throttlingBedrock(Infinity);
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
