/**
 * The real SDK retry path of the CLI's Organizations client: a scripted HTTP handler
 * answers 400 TooManyRequestsException (Organizations' JSON error shape) a given number of
 * times, then succeeds.
 */
import { ListRootsCommand } from '@aws-sdk/client-organizations';
import { ExitCode } from '../../cli/cli-error';
import { createOrganizationsClient, orgCall } from '../../cli/organizations';
import { scriptedHandler, settle, TEST_CREDENTIALS as credentials, type ScriptedResponse } from '../support/scripted-http';

const THROTTLED: ScriptedResponse = {
  statusCode: 400,
  body: { __type: 'TooManyRequestsException', Message: "AWS Organizations can't complete your request because the request rate is too high." },
};
const ROOTS: ScriptedResponse = { statusCode: 200, body: { Roots: [{ Id: 'r-ab12', Name: 'Root' }] } };
const organizations = (respond: (request: number) => ScriptedResponse) => scriptedHandler('application/x-amz-json-1.1', respond);

describe('Organizations client retry', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries throttled calls and succeeds', async () => {
    const script = organizations((attempt) => (attempt <= 2 ? THROTTLED : ROOTS));
    const client = createOrganizationsClient({ BASELINE_AWS_MAX_ATTEMPTS: '4' }, { requestHandler: script.handler as never, credentials });
    const roots = await settle(orgCall('ListRoots', () => client.send(new ListRootsCommand({}))));
    expect(roots.Roots?.[0]?.Id).toBe('r-ab12');
    expect(script.requests).toBe(3);
  });

  it('gives up after BASELINE_AWS_MAX_ATTEMPTS and says so in one line', async () => {
    const script = organizations(() => THROTTLED);
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
