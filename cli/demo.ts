/**
 * `baseline demo`: the source article's three prompts through Converse with the
 * guardrail attached and its trace enabled, against a pinned model and a published
 * guardrail version. Prints each answer, the guardrail trace and how to read it, and
 * exits non-zero when an outcome differs from the article's.
 */
import { ConverseCommand, type ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { EXIT, GUARDRAIL_OPTIONS, GUARDRAIL_OPTIONS_HELP, guardrailRef, parseCommandArgs, UsageError, write, type CommandIo, type GuardrailRef } from './redteam/args';
import { describeFinding } from './redteam/assessment';
import { createRuntimeClient, DEFAULT_RETRY_POLICY, describeAwsError, withRetry, type RetryPolicy } from './redteam/aws';
import { answerText, DEMO_OUTCOMES, DEMO_PROMPTS, readTrace, type DemoPrompt, type TraceReading } from './redteam/demo-trace';

const OPTIONS = {
  ...GUARDRAIL_OPTIONS,
  'model-id': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The article's inference settings. */
const INFERENCE = { maxTokens: 500, temperature: 0.2 } as const;

export const DEMO_HELP = `Usage: baseline demo --model-id <id> --guardrail-id <id> --guardrail-version <n> [--region <region>] [--json]

Sends three prompts through Converse with the guardrail attached (trace enabled) and
shows, for each, the model output, the guardrail trace and how to read it:
${DEMO_PROMPTS.map((p, i) => `  ${i + 1}. "${p.text}"\n     expected: ${DEMO_OUTCOMES[p.expected]}`).join('\n')}

  --model-id <id|arn>          the pinned model or inference profile
${GUARDRAIL_OPTIONS_HELP.join('\n')}
  --json                       the responses and readings as JSON

The caller needs bedrock:InvokeModel on the model (Converse authorizes as InvokeModel),
with the guardrail. Exit codes: 0 all three as expected, 1 an outcome differs,
2 bad flags, 7 AWS error.
`;

export interface DemoDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly retry?: Partial<RetryPolicy>;
}

interface DemoRun {
  readonly prompt: DemoPrompt;
  readonly response: ConverseResponse;
  readonly reading: TraceReading;
}

function modelId(raw: string | undefined): string {
  if (!raw) throw new UsageError('--model-id is required: the demo runs against a pinned model');
  if (!/^[\w.:/-]{1,2048}$/.test(raw)) throw new UsageError(`--model-id: "${raw}" is not a model id, inference profile id or ARN`);
  return raw;
}

const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');

function renderRun(run: DemoRun, index: number, guardrail: GuardrailRef): string {
  const { prompt, response, reading } = run;
  const findings = (label: string, items: TraceReading['inputFindings']) => `  ${label}: ${items.length === 0 ? 'no findings' : items.map(describeFinding).join(', ')}`;
  const usage = response.usage ? `${response.usage.inputTokens ?? 0} in, ${response.usage.outputTokens ?? 0} out` : 'not reported';
  const asExpected = reading.outcome === prompt.expected;
  return [
    `== ${index + 1}/${DEMO_PROMPTS.length} ${prompt.title} ==`,
    `Prompt:       ${prompt.text}`,
    `Expected:     ${DEMO_OUTCOMES[prompt.expected]}`,
    `Stop reason:  ${response.stopReason ?? 'none'}    Tokens: ${usage}`,
    'Output:',
    indent(answerText(response) || '(empty)', '  | '),
    `Guardrail trace (guardrail ${guardrail.identifier} version ${guardrail.version}):`,
    findings('input ', reading.inputFindings),
    findings('output', reading.outputFindings),
    indent(JSON.stringify(response.trace?.guardrail ?? {}, null, 2), '  '),
    'How to read it:',
    indent(reading.explanation, '  '),
    `Observed:     ${DEMO_OUTCOMES[reading.outcome]}${asExpected ? ' (as expected)' : ' (NOT as expected)'}`,
    '',
  ].join('\n');
}

export async function demoCommand(argv: string[], io: CommandIo, deps: DemoDeps = {}): Promise<number> {
  let guardrail: GuardrailRef;
  let model: string;
  let json: boolean;
  try {
    const values = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      await write(io.stdout, DEMO_HELP);
      return EXIT.ok;
    }
    guardrail = guardrailRef(values, { allowDraft: false, env: deps.env ?? process.env });
    model = modelId(values['model-id']);
    json = Boolean(values.json);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await write(io.stderr, `baseline demo: ${error.message}\nRun \`baseline demo --help\` for usage.\n`);
    return EXIT.usage;
  }

  const client = createRuntimeClient(guardrail.region);
  const retry = { ...DEFAULT_RETRY_POLICY, ...deps.retry };
  const runs: DemoRun[] = [];
  try {
    // One after the other: the output reads as a walkthrough, in the article's order.
    for (const prompt of DEMO_PROMPTS) {
      const response = await withRetry(
        () =>
          client.send(
            new ConverseCommand({
              modelId: model,
              messages: [{ role: 'user', content: [{ text: prompt.text }] }],
              guardrailConfig: { guardrailIdentifier: guardrail.identifier, guardrailVersion: guardrail.version, trace: 'enabled' },
              inferenceConfig: { ...INFERENCE },
            }),
          ),
        retry,
      );
      runs.push({ prompt, response, reading: readTrace(response) });
    }
  } catch (error) {
    await write(io.stderr, `baseline demo: ${describeAwsError(error, { region: guardrail.region, what: `invoke ${model} with guardrail ${guardrail.identifier}` })}\n`);
    return EXIT.awsError;
  }

  const allAsExpected = runs.every((run) => run.reading.outcome === run.prompt.expected);
  if (json) {
    const document = runs.map(({ prompt, response, reading }) => ({
      prompt: prompt.text,
      expected: prompt.expected,
      observed: reading.outcome,
      stopReason: response.stopReason,
      output: answerText(response),
      usage: response.usage,
      guardrailTrace: response.trace?.guardrail ?? null,
      explanation: reading.explanation,
    }));
    await write(io.stdout, `${JSON.stringify({ model, guardrail, asExpected: allAsExpected, prompts: document }, null, 2)}\n`);
  } else {
    await write(io.stdout, `${runs.map((run, index) => renderRun(run, index, guardrail)).join('\n')}\n${allAsExpected ? 'All three outcomes match the article.' : 'At least one outcome differs from the article: see "NOT as expected" above.'}\n`);
  }
  return allAsExpected ? EXIT.ok : EXIT.expectationFailed;
}
