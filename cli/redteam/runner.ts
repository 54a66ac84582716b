/** Sends each probe through ApplyGuardrail and judges what comes back. */
import { ApplyGuardrailCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { GuardrailRef } from './args';
import { findingsOfAll } from './assessment';
import { mapWithConcurrency, withRetry, type RetryPolicy } from './aws';
import type { Probe } from './corpus';
import { judgeProbe, type ProbeResult } from './report';

export interface RunOptions {
  /** ApplyGuardrail calls in flight at once. */
  readonly concurrency: number;
  readonly retry: RetryPolicy;
}

async function runProbe(client: BedrockRuntimeClient, guardrail: GuardrailRef, probe: Probe, retry: RetryPolicy): Promise<ProbeResult> {
  const response = await withRetry(
    () =>
      client.send(
        new ApplyGuardrailCommand({
          guardrailIdentifier: guardrail.identifier,
          guardrailVersion: guardrail.version,
          source: probe.source,
          content: [{ text: { text: probe.text } }],
          // FULL also returns detect-only findings, so a report can say "detected but not acted on".
          outputScope: 'FULL',
        }),
      ),
    retry,
  );
  return judgeProbe(probe, response.action === 'GUARDRAIL_INTERVENED', findingsOfAll(response.assessments ?? []));
}

/** Results in probe order. The first non-retryable AWS error stops the run and is rethrown. */
export function runProbes(client: BedrockRuntimeClient, guardrail: GuardrailRef, probes: readonly Probe[], options: RunOptions): Promise<ProbeResult[]> {
  return mapWithConcurrency(probes, options.concurrency, (probe) => runProbe(client, guardrail, probe, options.retry));
}
