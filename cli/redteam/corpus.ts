/**
 * The red-team probe corpus: a versioned data file shipped with the project
 * (redteam/corpus/v1.json), extensible with the caller's own files. Every probe names
 * its category, the outcome it must have and the profile element it targets; the
 * schema below is the one source of truth for that format (redteam/corpus.schema.json
 * is generated from it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GuardrailContentFilterType, GuardrailManagedWordType, GuardrailPiiEntityType } from '@aws-sdk/client-bedrock-runtime';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../../config/load';
import builtinCorpusData from '../../redteam/corpus/v1.json';
import { normalizeTopicName } from './assessment';

/** Categories in report order. */
export const PROBE_CATEGORIES = ['prompt-injection', 'jailbreak', 'pii', 'denied-topic', 'profanity', 'clean-control'] as const;
export type ProbeCategory = (typeof PROBE_CATEGORIES)[number];

export const EXPECTED_OUTCOMES = ['must-block', 'must-pass'] as const;

const enumValues = (values: Record<string, string>) => Object.values(values).sort() as [string, ...string[]];

/** A denied topic name as the Bedrock API accepts it. */
const TopicNameSchema = z
  .string()
  .regex(/^[0-9a-zA-Z\-_ !?.]{1,100}$/, { error: 'is not a guardrail topic name (1-100 letters, digits, spaces or -_!?.)' });

export const ProbeTargetSchema = z
  .discriminatedUnion('element', [
    z.strictObject({ element: z.literal('contentFilter'), name: z.enum(enumValues(GuardrailContentFilterType)) }),
    z.strictObject({ element: z.literal('deniedTopic'), name: TopicNameSchema }),
    z.strictObject({ element: z.literal('managedWordList'), name: z.enum(enumValues(GuardrailManagedWordType)) }),
    z.strictObject({ element: z.literal('customWord'), name: z.string().min(1).max(100) }),
    z.strictObject({ element: z.literal('piiEntity'), name: z.enum(enumValues(GuardrailPiiEntityType)) }),
    z.strictObject({ element: z.literal('regex'), name: z.string().min(1).max(100) }),
    z.strictObject({ element: z.literal('none') }),
  ])
  .describe('The profile element the probe exercises: for must-block probes the one that has to act, for must-pass probes the one that must not.');
export type ProbeTarget = z.output<typeof ProbeTargetSchema>;

/** Which target elements make sense for a category. */
export const CATEGORY_TARGETS: Readonly<Record<ProbeCategory, readonly ProbeTarget['element'][]>> = {
  'prompt-injection': ['contentFilter'],
  jailbreak: ['contentFilter'],
  pii: ['piiEntity', 'regex'],
  'denied-topic': ['deniedTopic'],
  profanity: ['managedWordList', 'customWord'],
  'clean-control': ['none'],
};

export const ProbeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'is not a probe id (lowercase letters, digits and -, at most 64)' })
      .describe('Unique across the built-in corpus and every extension file.'),
    category: z.enum(PROBE_CATEGORIES),
    expected: z
      .enum(EXPECTED_OUTCOMES)
      .describe(
        'must-block: the guardrail must intervene (block or mask) through the target element. must-pass: the guardrail must not intervene at all.',
      ),
    target: ProbeTargetSchema,
    source: z.enum(['INPUT', 'OUTPUT']).default('INPUT').describe('Evaluate the text as a user prompt (INPUT) or as a model answer (OUTPUT).'),
    text: z.string().min(1).max(5000).describe('Sent to ApplyGuardrail as one text block.'),
    description: z.string().min(1).max(300).describe('What the probe tries, for the report.'),
  })
  .superRefine((probe, ctx) => {
    if (!CATEGORY_TARGETS[probe.category].includes(probe.target.element)) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'element'],
        message: `a ${probe.category} probe targets ${CATEGORY_TARGETS[probe.category].join(' or ')}, not ${probe.target.element}`,
      });
    }
    if (probe.category === 'clean-control' && probe.expected !== 'must-pass') {
      ctx.addIssue({ code: 'custom', path: ['expected'], message: 'a clean control must be must-pass' });
    }
  });
export type Probe = z.output<typeof ProbeSchema>;

export const CorpusSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of redteam/corpus.schema.json, for editors.'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'is not a corpus name (lowercase letters, digits and -)' }),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/, { error: 'is not a version (MAJOR.MINOR.PATCH)' })
      .describe('Bump it whenever a probe changes: reports name the version they ran.'),
    description: z.string().max(500).optional(),
    probes: z.array(ProbeSchema).min(1, { error: 'must list at least one probe' }),
  })
  .superRefine((corpus, ctx) => {
    const seen = new Set<string>();
    corpus.probes.forEach((probe, index) => {
      if (seen.has(probe.id)) ctx.addIssue({ code: 'custom', path: ['probes', index, 'id'], message: `duplicate probe id "${probe.id}"` });
      seen.add(probe.id);
    });
  })
  .describe('A red-team probe corpus for `baseline redteam`.');
export type Corpus = z.output<typeof CorpusSchema>;

/** A corpus file that cannot be used; one line per problem, each naming the file and the path in it. */
export class CorpusError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'CorpusError';
  }
}

function parseCorpus(data: unknown, file: string): Corpus {
  const result = CorpusSchema.safeParse(data);
  if (result.success) return result.data;
  throw new CorpusError(
    result.error.issues.flatMap((issue) => {
      const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${file}: ${formatPath([...path, key])}: unknown key`);
      const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
      return [`${file}: ${formatPath(path) || '(top level)'}: ${message}`];
    }),
  );
}

/** Where the built-in corpus lives in the repository, for messages. */
export const BUILTIN_CORPUS_FILE = 'redteam/corpus/v1.json';

/** The corpus shipped with the project. */
export function builtinCorpus(): Corpus {
  return parseCorpus(builtinCorpusData, BUILTIN_CORPUS_FILE);
}

/** Reads an extension corpus (JSON, or YAML when the name ends in .yaml/.yml). Throws CorpusError. */
export function loadCorpusFile(file: string): Corpus {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CorpusError([`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    throw new CorpusError([`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`]);
  }
  return parseCorpus(data, file);
}

/** Identity of a corpus as reports record it: name, version and a digest of its probes. */
export interface CorpusIdentity {
  readonly name: string;
  readonly version: string;
  /** sha256 of the canonical JSON of the probes, so a report names exactly what ran. */
  readonly sha256: string;
}

export function corpusIdentity(corpus: Corpus): CorpusIdentity {
  const canonical = JSON.stringify([...corpus.probes].sort((a, b) => a.id.localeCompare(b.id)));
  return { name: corpus.name, version: corpus.version, sha256: createHash('sha256').update(canonical).digest('hex') };
}

/** The built-in corpus plus extensions; a probe id used twice is an error naming both files. */
export function mergeCorpora(corpora: ReadonlyArray<{ readonly file: string; readonly corpus: Corpus }>): Probe[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  const probes: Probe[] = [];
  for (const { file, corpus } of corpora) {
    for (const probe of corpus.probes) {
      const first = owner.get(probe.id);
      if (first) problems.push(`${file}: probe id "${probe.id}" is already used in ${first}`);
      else owner.set(probe.id, file);
      probes.push(probe);
    }
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return probes;
}

export interface ProbeSelection {
  /** Only these categories (all when empty). */
  readonly categories?: readonly ProbeCategory[];
  /** PII entity types the guardrail handles; PII entity probes of other types are left out (all when empty). */
  readonly piiEntityTypes?: readonly string[];
  /** Denied topics the guardrail has; topic probes of other topics are left out (all when empty). */
  readonly deniedTopicNames?: readonly string[];
}

/**
 * The probes that apply to a guardrail: a profile without a PII entity or topic cannot
 * be expected to act on it, so those probes are left out rather than failed.
 */
export function selectProbes(probes: readonly Probe[], selection: ProbeSelection): Probe[] {
  const categories = new Set(selection.categories ?? []);
  const entities = new Set(selection.piiEntityTypes ?? []);
  const topics = new Set((selection.deniedTopicNames ?? []).map(normalizeTopicName));
  return probes.filter((probe) => {
    if (categories.size > 0 && !categories.has(probe.category)) return false;
    if (probe.target.element === 'piiEntity' && entities.size > 0 && !entities.has(probe.target.name)) return false;
    if (probe.target.element === 'deniedTopic' && topics.size > 0 && !topics.has(normalizeTopicName(probe.target.name))) return false;
    return true;
  });
}

/** What a set of guardrail profiles handles, for the coverage check. */
export interface ProfileCoverageRequirement {
  /** Every PII entity type some shipped profile acts on. */
  readonly piiEntityTypes: readonly string[];
  /** Every denied topic name some shipped profile has. */
  readonly deniedTopicNames: readonly string[];
}

export interface CoverageGaps {
  /** PII entity types no must-block probe targets. */
  readonly piiEntityTypes: string[];
  /** Denied topics no must-block probe targets. */
  readonly deniedTopicNames: string[];
}

/** What the probes leave untested of `required`: both lists empty means full coverage. */
export function coverageGaps(probes: readonly Probe[], required: ProfileCoverageRequirement): CoverageGaps {
  const blocking = probes.filter((probe) => probe.expected === 'must-block');
  const entities = new Set(blocking.flatMap((probe) => (probe.target.element === 'piiEntity' ? [probe.target.name] : [])));
  const topics = new Set(blocking.flatMap((probe) => (probe.target.element === 'deniedTopic' ? [normalizeTopicName(probe.target.name)] : [])));
  return {
    piiEntityTypes: [...new Set(required.piiEntityTypes)].filter((type) => !entities.has(type)).sort(),
    deniedTopicNames: [...new Set(required.deniedTopicNames)].filter((name) => !topics.has(normalizeTopicName(name))).sort(),
  };
}
