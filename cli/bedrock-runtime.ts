/**
 * Bedrock runtime for the CLI (`redteam`, `demo`): a client with the CLI's adaptive retry,
 * and its failures as one-line CliErrors.
 */
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { explainAwsError } from './aws';
import type { CliError } from './cli-error';

/** `transport` replaces the HTTP handler and credentials (tests only). */
export function createBedrockRuntimeClient(
  region: string,
  maxAttempts: number,
  transport: Pick<BedrockRuntimeClientConfig, 'requestHandler' | 'credentials'> = {},
): BedrockRuntimeClient {
  // Credentials come from the default chain: environment, SSO/profile, web identity (CI OIDC), instance role.
  return new BedrockRuntimeClient({ region, retryMode: 'adaptive', maxAttempts, ...transport });
}

/** The CliError for a failed Bedrock runtime call; `call` names the action and what it was on. */
export function explainBedrockError(call: string, region: string, error: unknown, throttled?: string): CliError {
  return explainAwsError(call, error, {
    accessDenied: "check the caller's IAM policy, the SCPs and the guardrail's resource policy",
    ...(throttled ? { throttled } : {}),
    byError: {
      ResourceNotFoundException: `not found in ${region}: check the identifier, the version and --region`,
      ValidationException: 'the request was rejected as invalid',
    },
  });
}
