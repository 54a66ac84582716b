/**
 * `baseline redteam`: runs the versioned probe corpus (plus any extension files) through
 * ApplyGuardrail against a deployed guardrail version and fails when a must-block probe
 * passes or a clean control is blocked. Made for CI after a deploy; see docs/redteam.md.
 */
import { writeFileSync } from 'node:fs';
import { GuardrailPiiEntityType } from '@aws-sdk/client-bedrock-runtime';
import { EXIT, GUARDRAIL_OPTIONS, GUARDRAIL_OPTIONS_HELP, guardrailRef, integerOption, parseCommandArgs, UsageError, write, type CommandIo } from './redteam/args';
import { createRuntimeClient, DEFAULT_RETRY_POLICY, describeAwsError, type RetryPolicy } from './redteam/aws';
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
} from './redteam/corpus';
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
  --max-attempts <n>           attempts per probe when throttled (default ${DEFAULT_RETRY_POLICY.maxAttempts}, 1-10)
  --strict                     also fail when a probe was stopped by another element than its target

Output:
  --json                       the JSON report on stdout instead of the table
  --report-file <file>         also write the JSON report to this file

Exit codes: 0 as expected, 1 a probe failed, 2 bad flags or corpus file, 7 AWS error.
`;

export interface RedteamDeps {
  /** Environment for the region fallback. */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides of the throttling retry (tests make it instant). */
  readonly retry?: Partial<RetryPolicy>;
}

function listOf<T extends string>(flag: string, raw: readonly string[] | undefined, allowed: readonly T[]): T[] {
  const values = [...new Set(raw ?? [])].sort();
  const unknown = values.filter((value) => !allowed.includes(value as T));
  if (unknown.length > 0) throw new UsageError(`--${flag}: unknown ${unknown.map((v) => `"${v}"`).join(', ')}; one of ${allowed.join(', ')}`);
  return values as T[];
}

export async function redteamCommand(argv: string[], io: CommandIo, deps: RedteamDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  try {
    const values = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      await write(io.stdout, REDTEAM_HELP);
      return EXIT.ok;
    }
    const selection = {
      categories: listOf<ProbeCategory>('category', values.category, PROBE_CATEGORIES),
      piiEntityTypes: listOf('pii-entity', values['pii-entity'], Object.values(GuardrailPiiEntityType)),
      deniedTopicNames: [...new Set(values['denied-topic'] ?? [])].sort(),
    };
    const corpora = [
      { file: BUILTIN_CORPUS_FILE, corpus: builtinCorpus() },
      ...(values['corpus-file'] ?? []).map((file) => ({ file, corpus: loadCorpusFile(file) })),
    ];
    const probes = selectProbes(mergeCorpora(corpora), selection);
    if (probes.length === 0) throw new UsageError('the selection leaves no probe to run');

    if (values.list) {
      const rows = probes.map((p) => [p.id, p.category, p.expected, p.target.element === 'none' ? '-' : `${p.target.element} ${p.target.name}`, p.source]);
      await write(io.stdout, `${formatTable(['probe', 'category', 'expected', 'target', 'source'], rows)}\n${probes.length} probe(s)\n`);
      return EXIT.ok;
    }

    const guardrail = guardrailRef(values, { allowDraft: true, env });
    const concurrency = integerOption('concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1, 16);
    const maxAttempts = integerOption('max-attempts', values['max-attempts'], DEFAULT_RETRY_POLICY.maxAttempts, 1, 10);

    let results;
    try {
      results = await runProbes(createRuntimeClient(guardrail.region), guardrail, probes, {
        concurrency,
        retry: { ...DEFAULT_RETRY_POLICY, maxAttempts, ...deps.retry },
      });
    } catch (error) {
      await write(io.stderr, `baseline redteam: ${describeAwsError(error, { region: guardrail.region, what: `call bedrock:ApplyGuardrail on ${guardrail.identifier}` })}\n`);
      return EXIT.awsError;
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
        throw new UsageError(`--report-file: cannot write ${values['report-file']}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    await write(io.stdout, values.json ? json : renderReport(report));
    return report.outcome === 'pass' ? EXIT.ok : EXIT.expectationFailed;
  } catch (error) {
    if (error instanceof UsageError) {
      await write(io.stderr, `baseline redteam: ${error.message}\nRun \`baseline redteam --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof CorpusError) {
      await write(io.stderr, `${error.problems.join('\n')}\n${error.problems.length} problem(s) in the corpus; nothing was sent to AWS.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
