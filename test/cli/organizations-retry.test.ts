/**
 * The real SDK retry path of the CLI's Organizations client. aws-sdk-client-mock
 * replaces `send`, which skips the retry middleware, so these tests keep the SDK whole
 * and fake only the HTTP handler: Organizations answers 400 TooManyRequestsException
 * (its JSON error shape) a given number of times, then succeeds.
 */
import { Readable } from 'node:stream';
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { ExitCode } from '../../cli/cli-error';
import { createOrganizationsClient, orgCall } from '../../cli/organizations';

interface FakeResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

/** An HTTP handler that answers from a script and counts requests. */
function scriptedHandler(responses: (attempt: number) => FakeResponse) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    handler: {
      async handle() {
        const { statusCode, body } = responses(++requests);
        return {
          response: {
            statusCode,
            reason: statusCode === 200 ? 'OK' : 'Bad Request',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `request-${requests}` },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  };
}

const THROTTLED: FakeResponse = {
  statusCode: 400,
  body: { __type: 'TooManyRequestsException', Message: "AWS Organizations can't complete your request because the request rate is too high." },
};
const ROOTS: FakeResponse = { statusCode: 200, body: { Roots: [{ Id: 'r-ab12', Name: 'Root' }] } };
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };

/** Runs a promise to completion under fake timers, so the SDK's backoff costs no wall time. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  tracked.catch(() => undefined);
  while (!done) await jest.advanceTimersByTimeAsync(250);
  return tracked;
}

describe('Organizations client retry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries throttled calls and succeeds', async () => {
    const script = scriptedHandler((attempt) => (attempt <= 2 ? THROTTLED : ROOTS));
    const client = createOrganizationsClient({ BASELINE_AWS_MAX_ATTEMPTS: '4' }, { requestHandler: script.handler as never, credentials });
    const roots = await settle(orgCall('ListRoots', () => client.send(new ListRootsCommand({}))));
    expect(roots.Roots?.[0]?.Id).toBe('r-ab12');
    expect(script.requests).toBe(3);
  });

  it('gives up after BASELINE_AWS_MAX_ATTEMPTS and says so in one line', async () => {
    const script = scriptedHandler(() => THROTTLED);
    const client = createOrganizationsClient({ BASELINE_AWS_MAX_ATTEMPTS: '2' }, { requestHandler: script.handler as never, credentials });
    const failure = settle(orgCall('ListRoots', () => client.send(new ListRootsCommand({}))));
    await expect(failure).rejects.toMatchObject({
      exitCode: ExitCode.Throttled,
      message:
        'organizations:ListRoots was still throttled after 2 attempt(s) (TooManyRequestsException); wait and run again, or raise BASELINE_AWS_MAX_ATTEMPTS (at most 20)',
    });
    expect(script.requests).toBe(2);
  });

  it('uses adaptive retry', async () => {
    const client = createOrganizationsClient({});
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
    expect(await client.config.maxAttempts()).toBe(8);
  });

  it.each(['0', '21', 'many'])('rejects BASELINE_AWS_MAX_ATTEMPTS=%s as a usage error', (value) => {
    expect(() => createOrganizationsClient({ BASELINE_AWS_MAX_ATTEMPTS: value })).toThrow(expect.objectContaining({ exitCode: ExitCode.Usage }));
  });
});
