/**
 * For tests of the SDK's real retry path: aws-sdk-client-mock replaces `send`, which skips
 * the retry middleware, so these tests keep a client whole and replace only its HTTP
 * handler with a script of responses.
 */
import { Readable } from 'node:stream';

export interface ScriptedResponse {
  readonly statusCode: number;
  /** Headers besides the content type and request id. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The JSON body. */
  readonly body: unknown;
}

/** An HTTP handler that answers the n-th request (from 1) with `respond(n, its body)`, and counts the requests. */
export function scriptedHandler(contentType: string, respond: (request: number, body: string) => ScriptedResponse | Promise<ScriptedResponse>) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    handler: {
      async handle(request?: { readonly body?: unknown }) {
        const sent = request?.body;
        const text = typeof sent === 'string' ? sent : sent instanceof Uint8Array ? Buffer.from(sent).toString('utf8') : '';
        const { statusCode, headers, body } = await respond(++requests, text);
        return {
          response: {
            statusCode,
            reason: statusCode === 200 ? 'OK' : 'Error',
            headers: { 'content-type': contentType, 'x-amzn-requestid': `request-${requests}`, ...headers },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  };
}

/** Runs a promise to completion under jest's fake timers, so the SDK's backoff costs no wall time. */
export async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  tracked.catch(() => undefined);
  while (!done) await jest.advanceTimersByTimeAsync(250);
  return tracked;
}

/** Credentials the SDK signs with; nothing in a test checks them. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
