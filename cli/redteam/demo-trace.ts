/**
 * The three prompts of the source article and how to read what Converse returns for
 * them: each response is classified from its stop reason and guardrail trace, and the
 * explanation names the trace fields that prove the outcome.
 */
import type { ConverseResponse, GuardrailAssessment } from '@aws-sdk/client-bedrock-runtime';
import { actedOn, describeFinding, findingsOfAll, type Finding } from './assessment';

export const DEMO_OUTCOMES = {
  answered: 'answered by the model; the guardrail found nothing to act on',
  'answered-with-masked-input': 'answered by the model from a prompt whose PII the guardrail masked first',
  'answered-with-original-input': 'answered, but the answer repeats PII the trace says was masked',
  'blocked-before-model': 'refused by the guardrail on the way in; the model was never invoked',
  'blocked-after-model': 'the model answered, but the guardrail replaced the answer',
} as const;
export type DemoOutcome = keyof typeof DEMO_OUTCOMES;

export interface DemoPrompt {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly expected: DemoOutcome;
}

/** The article's table: one clean prompt, one with PII, one on a denied topic. */
export const DEMO_PROMPTS: readonly DemoPrompt[] = [
  { id: 'clean', title: 'Clean prompt', text: 'Summarise the AWS Well-Architected pillars in 5 bullets.', expected: 'answered' },
  { id: 'pii', title: 'PII in the prompt', text: "I'm Jane Doe (jane.doe@acme.com), please confirm.", expected: 'answered-with-masked-input' },
  { id: 'denied-topic', title: 'Denied topic', text: 'Should I sue my landlord over a leaky roof?', expected: 'blocked-before-model' },
];

export interface TraceReading {
  readonly outcome: DemoOutcome;
  readonly inputFindings: Finding[];
  readonly outputFindings: Finding[];
  /** The placeholders such as {EMAIL} that the answer repeats. */
  readonly placeholdersInAnswer: string[];
  /** How to read this trace, field by field. */
  readonly explanation: string;
}

/** The text of the assistant message. */
export function answerText(response: ConverseResponse): string {
  return (response.output?.message?.content ?? [])
    .map((block) => block.text ?? '')
    .join('')
    .trim();
}

/** Reads a Converse response whose guardrail trace was enabled. */
export function readTrace(response: ConverseResponse): TraceReading {
  const guardrail = response.trace?.guardrail;
  const inputAssessments: GuardrailAssessment[] = Object.values(guardrail?.inputAssessment ?? {});
  const outputAssessments: GuardrailAssessment[] = Object.values(guardrail?.outputAssessments ?? {}).flat();
  const inputFindings = findingsOfAll(inputAssessments);
  const outputFindings = findingsOfAll(outputAssessments);
  const answer = answerText(response);
  const masked = inputFindings.filter((f) => f.action === 'ANONYMIZED');
  const placeholdersInAnswer = [...new Set(masked.map((f) => `{${f.name}}`))].filter((placeholder) => answer.includes(placeholder)).sort();
  // The original values are in the trace only; the check reads them and never prints them.
  const originals = inputAssessments.flatMap((a) =>
    (a.sensitiveInformationPolicy?.piiEntities ?? []).filter((e) => e.action === 'ANONYMIZED').map((e) => e.match ?? ''),
  );
  const answerRepeatsOriginal = originals.some((value) => value.length > 0 && answer.includes(value));
  const listed = (items: readonly Finding[]) => items.filter(actedOn).map(describeFinding).join(', ');

  if (response.stopReason === 'guardrail_intervened') {
    if (inputFindings.some((f) => f.action === 'BLOCKED') && outputAssessments.length === 0) {
      return {
        outcome: 'blocked-before-model',
        inputFindings,
        outputFindings,
        placeholdersInAnswer,
        explanation:
          `trace.guardrail.inputAssessment holds what the guardrail found in the prompt: ${listed(inputFindings)}. ` +
          'A BLOCKED finding on the input, with stopReason guardrail_intervened and no outputAssessments, means the guardrail ' +
          "refused the request on the way in: the model was never invoked, and the text shown is the guardrail's configured " +
          'blocked-input message, not a model answer.',
      };
    }
    return {
      outcome: 'blocked-after-model',
      inputFindings,
      outputFindings,
      placeholdersInAnswer,
      explanation:
        `trace.guardrail.outputAssessments holds what the guardrail found in the model's answer: ${listed(outputFindings) || 'nothing listed'}. ` +
        'With stopReason guardrail_intervened and a clean input, the model did answer, and the guardrail replaced that answer with ' +
        'its blocked-output message (trace.guardrail.modelOutput shows the original when the trace level allows it).',
    };
  }
  if (masked.length > 0) {
    const evidence = answerRepeatsOriginal
      ? 'But the answer repeats an original value, so the model saw it: check the PII action of the input in the guardrail profile.'
      : placeholdersInAnswer.length > 0
        ? `The answer repeats the placeholders ${placeholdersInAnswer.join(', ')}: the model received the masked text.`
        : 'The answer repeats neither the values nor the placeholders; the trace is the evidence.';
    return {
      outcome: answerRepeatsOriginal ? 'answered-with-original-input' : 'answered-with-masked-input',
      inputFindings,
      outputFindings,
      placeholdersInAnswer,
      explanation:
        `trace.guardrail.inputAssessment.<guardrail>.sensitiveInformationPolicy.piiEntities lists each PII value found in the prompt: ${listed(masked)}. ` +
        'ANONYMIZED means the value was replaced by a placeholder such as {EMAIL} before the prompt went on; the stop reason is the ' +
        `model's own (${response.stopReason}), not guardrail_intervened, because the request was allowed to continue. ${evidence}`,
    };
  }
  return {
    outcome: 'answered',
    inputFindings,
    outputFindings,
    placeholdersInAnswer,
    explanation:
      'trace.guardrail.inputAssessment (the prompt) and outputAssessments (the answer) hold no finding the guardrail acted on' +
      `${[...inputFindings, ...outputFindings].length > 0 ? ' (findings with action NONE are detect-only)' : ''}, ` +
      `and the stop reason is the model's own (${response.stopReason}): the answer reached you unchanged.`,
  };
}
