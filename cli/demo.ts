/**
 * `baseline demo`: the source article's three prompts through Converse with the
 * guardrail attached and its trace enabled, against a pinned model and a published
 * guardrail version. Prints each answer, the guardrail trace and how to read it, and
 * exits non-zero when an outcome differs from the article's.
 */
import { ConverseCommand, type ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { maxAttemptsFromEnv } from './aws';
import { explainBedrockError } from './bedrock-runtime';
import { ExitCode } from './cli-error';
import { parseCommandArgs, usageError, type CliContext, type Command } from './command';
import { describeFinding } from './redteam/assessment';
import { answerText, DEMO_OUTCOMES, DEMO_PROMPTS, readTrace, type DemoPrompt, type TraceReading } from './redteam/demo-trace';
import { GUARDRAIL_OPTIONS, GUARDRAIL_OPTIONS_HELP, guardrailRef, type GuardrailRef } from './redteam/guardrail-flags';

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
2 bad flags; 4-7 AWS refused or failed, see baseline --help.
`;

interface DemoRun {
  readonly prompt: DemoPrompt;
  readonly response: ConverseResponse;
  readonly reading: TraceReading;
}

function modelId(raw: string | undefined): string {
  if (!raw) throw usageError('demo', '--model-id is required: the demo runs against a pinned model');
  if (!/^[\w.:/-]{1,2048}$/.test(raw)) throw usageError('demo', `--model-id: "${raw}" is not a model id, inference profile id or ARN`);
  return raw;
}

const indent = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');

function renderRun(run: DemoRun, index: number, guardrail: GuardrailRef): string {
  const { prompt, response, reading } = run;
  const findings = (label: string, items: TraceReading['inputFindings']) =>
    `  ${label}: ${items.length === 0 ? 'no findings' : items.map(describeFinding).join(', ')}`;
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

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const values = parseCommandArgs('demo', args, OPTIONS);
  const guardrail = guardrailRef('demo', values, { allowDraft: false, env: context.env });
  const model = modelId(values['model-id']);
  const client = context.bedrockRuntime(guardrail.region, maxAttemptsFromEnv(context.env));
  const runs: DemoRun[] = [];
  try {
    // One after the other: the output reads as a walkthrough, in the article's order.
    for (const prompt of DEMO_PROMPTS) {
      const response = await client.send(
        new ConverseCommand({
          modelId: model,
          messages: [{ role: 'user', content: [{ text: prompt.text }] }],
          guardrailConfig: { guardrailIdentifier: guardrail.identifier, guardrailVersion: guardrail.version, trace: 'enabled' },
          inferenceConfig: { ...INFERENCE },
        }),
      );
      runs.push({ prompt, response, reading: readTrace(response) });
    }
  } catch (error) {
    throw explainBedrockError(`bedrock:InvokeModel (Converse) on ${model} with guardrail ${guardrail.identifier}`, guardrail.region, error);
  }

  const allAsExpected = runs.every((run) => run.reading.outcome === run.prompt.expected);
  if (values.json) {
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
    context.stdout.write(`${JSON.stringify({ model, guardrail, asExpected: allAsExpected, prompts: document }, null, 2)}\n`);
  } else {
    context.stdout.write(
      `${runs.map((run, index) => renderRun(run, index, guardrail)).join('\n')}\n${allAsExpected ? 'All three outcomes match the article.' : 'At least one outcome differs from the article: see "NOT as expected" above.'}\n`,
    );
  }
  return allAsExpected ? ExitCode.Ok : ExitCode.Findings;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: "the source article's three prompts through Converse with a guardrail trace",
  help: DEMO_HELP,
  run,
};
