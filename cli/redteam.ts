/**
 * `baseline redteam`: runs the versioned probe corpus (plus any extension files) through
 * ApplyGuardrail against a deployed guardrail version and fails when a must-block probe
 * passes or a clean control is blocked. Made for CI after a deploy; see docs/redteam.md.
 */
import { writeFileSync } from 'node:fs';
import { GuardrailPiiEntityType } from '@aws-sdk/client-bedrock-runtime';
import { DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_CEILING, MAX_ATTEMPTS_ENV, maxAttemptsFromEnv } from './aws';
import { explainBedrockError } from './bedrock-runtime';
import { CliError, ExitCode } from './cli-error';
import { integerOption, parseCommandArgs, usageError, type CliContext, type Command } from './command';
import {
  BUILTIN_CORPUS_FILE,
  builtinCorpus,
  corpusIdentity,
  CorpusError,
  loadCorpusFile,
  mergeCorpora,
  PROBE_CATEGORIES,
  selectProbes,
  type ProbeCategory,
  type ProbeSelection,
} from './redteam/corpus';
import { GUARDRAIL_OPTIONS, GUARDRAIL_OPTIONS_HELP, guardrailRef } from './redteam/guardrail-flags';
import { buildReport, formatTable, renderReport } from './redteam/report';
import { runProbes } from './redteam/runner';

const OPTIONS = {
  ...GUARDRAIL_OPTIONS,
  'corpus-file': { type: 'string', multiple: true },
  category: { type: 'string', multiple: true },
  'pii-entity': { type: 'string', multiple: true },
  'denied-topic': { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  'max-attempts': { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  'report-file': { type: 'string' },
  list: { type: 'boolean' },
} as const;

const DEFAULT_CONCURRENCY = 4;

export const REDTEAM_HELP = `Usage: baseline redteam --guardrail-id <id> --guardrail-version <n> [--region <region>] [options]

Sends every probe of the red-team corpus through ApplyGuardrail (no model is invoked)
and checks each against its expected outcome: must-block probes must make the guardrail
intervene through the element they target, must-pass probes (clean controls) must not be
touched. Credentials come from the default AWS chain; the caller needs
bedrock:ApplyGuardrail on the guardrail.

Guardrail:
${GUARDRAIL_OPTIONS_HELP.join('\n')}
                               (DRAFT is accepted here, to test before publishing)

Probes:
  --corpus-file <file>         add probes from a JSON or YAML corpus file (repeatable)
  --category <name>            only this category (repeatable): ${PROBE_CATEGORIES.join(', ')}
  --pii-entity <TYPE>          the PII entity types the guardrail handles (repeatable);
                               PII probes for other types are left out
  --denied-topic <name>        the guardrail's denied topics (repeatable); probes for
                               other topics are left out
  --list                       print the selected probes and exit; calls nothing

Run:
  --concurrency <n>            ApplyGuardrail calls in flight (default ${DEFAULT_CONCURRENCY}, 1-16)
  --max-attempts <n>           attempts per ApplyGuardrail call, adaptive retry
                               (default: $${MAX_ATTEMPTS_ENV}, else ${DEFAULT_MAX_ATTEMPTS}; 1-${MAX_ATTEMPTS_CEILING})
  --strict                     also fail when a probe was stopped by another element than its target

Output:
  --json                       the JSON report on stdout instead of the table
  --report-file <file>         also write the JSON report to this file

Exit codes: 0 as expected, 1 a probe failed, 2 bad flags or corpus file; 4-7 AWS refused
or failed, see baseline --help.
`;

function listOf<T extends string>(flag: string, raw: readonly string[] | undefined, allowed: readonly T[]): T[] {
  const values = [...new Set(raw ?? [])].sort();
  const unknown = values.filter((value) => !allowed.includes(value as T));
  if (unknown.length > 0) throw usageError('redteam', `--${flag}: unknown ${unknown.map((v) => `"${v}"`).join(', ')}; one of ${allowed.join(', ')}`);
  return values as T[];
}

/** The corpora (the built-in one first) and the probes of the selection; a bad corpus file is a usage error listing its problems. */
function selectedProbes(files: readonly string[], selection: ProbeSelection) {
  try {
    const corpora = [{ file: BUILTIN_CORPUS_FILE, corpus: builtinCorpus() }, ...files.map((file) => ({ file, corpus: loadCorpusFile(file) }))];
    return { corpora, probes: selectProbes(mergeCorpora(corpora), selection) };
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    throw new CliError(`${error.problems.join('\n')}\n${error.problems.length} problem(s) in the corpus; nothing was sent to AWS.`, ExitCode.Usage);
  }
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const values = parseCommandArgs('redteam', args, OPTIONS);
  const selection = {
    categories: listOf<ProbeCategory>('category', values.category, PROBE_CATEGORIES),
    piiEntityTypes: listOf('pii-entity', values['pii-entity'], Object.values(GuardrailPiiEntityType)),
    deniedTopicNames: [...new Set(values['denied-topic'] ?? [])].sort(),
  };
  const { corpora, probes } = selectedProbes(values['corpus-file'] ?? [], selection);
  if (probes.length === 0) throw usageError('redteam', 'the selection leaves no probe to run');

  if (values.list) {
    const rows = probes.map((p) => [
      p.id,
      p.category,
      p.expected,
      p.target.element === 'none' ? '-' : `${p.target.element} ${p.target.name}`,
      p.source,
    ]);
    context.stdout.write(`${formatTable(['probe', 'category', 'expected', 'target', 'source'], rows)}\n${probes.length} probe(s)\n`);
    return ExitCode.Ok;
  }

  const guardrail = guardrailRef('redteam', values, { allowDraft: true, env: context.env });
  const concurrency = integerOption('redteam', 'concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1, 16);
  const maxAttempts = integerOption('redteam', 'max-attempts', values['max-attempts'], maxAttemptsFromEnv(context.env), 1, MAX_ATTEMPTS_CEILING);

  let results;
  try {
    results = await runProbes(context.bedrockRuntime(guardrail.region, maxAttempts), guardrail, probes, concurrency);
  } catch (error) {
    throw explainBedrockError(
      `bedrock:ApplyGuardrail on ${guardrail.identifier}`,
      guardrail.region,
      error,
      `lower --concurrency, wait and run again, or raise --max-attempts (at most ${MAX_ATTEMPTS_CEILING})`,
    );
  }

  const report = buildReport({
    guardrail,
    corpora: corpora.map(({ file, corpus }) => ({ file, ...corpusIdentity(corpus) })),
    selection,
    strict: Boolean(values.strict),
    results,
  });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (values['report-file']) {
    try {
      writeFileSync(values['report-file'], json);
    } catch (error) {
      throw usageError(
        'redteam',
        `--report-file: cannot write ${values['report-file']}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  context.stdout.write(values.json ? json : renderReport(report));
  return report.outcome === 'pass' ? ExitCode.Ok : ExitCode.Findings;
}

export const redteamCommand: Command = {
  name: 'redteam',
  summary: 'run the probe corpus against a deployed guardrail (ApplyGuardrail)',
  help: REDTEAM_HELP,
  run,
};
