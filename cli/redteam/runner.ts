/** Sends each probe through ApplyGuardrail and judges what comes back. */
import { ApplyGuardrailCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { mapBounded } from '../aws';
import { findingsOfAll } from './assessment';
import type { Probe } from './corpus';
import type { GuardrailRef } from './guardrail-flags';
import { judgeProbe, type ProbeResult } from './report';

async function runProbe(client: BedrockRuntimeClient, guardrail: GuardrailRef, probe: Probe): Promise<ProbeResult> {
  const response = await client.send(
    new ApplyGuardrailCommand({
      guardrailIdentifier: guardrail.identifier,
      guardrailVersion: guardrail.version,
      source: probe.source,
      content: [{ text: { text: probe.text } }],
      // FULL also returns detect-only findings, so a report can say "detected but not acted on".
      outputScope: 'FULL',
    }),
  );
  return judgeProbe(probe, response.action === 'GUARDRAIL_INTERVENED', findingsOfAll(response.assessments ?? []));
}

/** Results in probe order, with at most `concurrency` calls in flight. The first AWS error (after the client's retries) stops the run and is rethrown. */
export function runProbes(
  client: BedrockRuntimeClient,
  guardrail: GuardrailRef,
  probes: readonly Probe[],
  concurrency: number,
): Promise<ProbeResult[]> {
  return mapBounded(probes, concurrency, (probe) => runProbe(client, guardrail, probe));
}
