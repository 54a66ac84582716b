/**
 * Reads the YAML config, validates it (schema, then cross-field rules) and returns it
 * in a canonical order, so that two files that differ only in list or key order
 * synthesize byte-identical output. Every problem becomes one line
 * `<file>:<line>: <yaml path>: <message>` in a ConfigError.
 */
import { readFileSync } from 'node:fs';
import type * as Yaml from 'yaml';
import type { core } from 'zod';
import { aliasExpansionProblem } from './alias-expansion';
import { withConfigCache } from './cache';
import { parseYamlFast } from './fast-yaml';
import { canonicalRegionNetwork } from './network-schema';
import { BaselineConfigSchema, type BaselineConfig, type ParsedConfig } from './schema';
import { crossFieldIssues, type ConfigIssue, type ConfigPath } from './validate';

/** Default location of the config, relative to the working directory. */
export const DEFAULT_CONFIG_PATH = 'config/baseline.yaml';
/** Environment variable naming another config file. */
export const CONFIG_PATH_ENV = 'BASELINE_CONFIG';

export class ConfigError extends Error {
  constructor(
    /** The config file the problems are in. */
    readonly file: string,
    /** One line per problem, ready to print. */
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the config:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `workloadAccounts[2].regions[0]` from ['workloadAccounts', 2, 'regions', 0]. */
export function formatPath(path: ConfigPath): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    const key = /^[A-Za-z_$][\w$]*$/.test(part) ? part : JSON.stringify(part);
    return text === '' ? key : `${text}.${key}`;
  }, '');
}

function zodIssueToConfigIssues(issue: core.$ZodIssue): ConfigIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
  }
  if (issue.code === 'invalid_key') {
    // A record key that fails its schema: that schema's own message says what a key must be.
    return [{ path, message: issue.issues[0]?.message ?? issue.message }];
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path, message: 'is required' }];
  }
  return [{ path, message: issue.message }];
}

/** Line of the deepest node of `path` that exists in the document (1-based), if any. */
function lineOf(doc: Yaml.Document, lineCounter: Yaml.LineCounter, path: ConfigPath): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lineCounter.linePos(range[0]).line;
  }
  return undefined;
}

function canonicalRecord<T>(record: Readonly<Record<string, T>>, mapValue: (value: T) => T = (v) => v): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, mapValue(record[key] as T)]),
  );
}

const byId = <T extends { readonly id: string }>(a: T, b: T): number => a.id.localeCompare(b.id);
const sorted = (values: readonly string[]): string[] => [...values].sort();

/** Sorts every list and record whose order carries no meaning, and fills derived defaults. */
export function canonicalize(config: ParsedConfig): BaselineConfig {
  const { guardrails } = config;
  const orgGuardrail = config.governance.orgGuardrail;
  const byName = <T extends { readonly name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);
  return {
    ...config,
    coreAccounts: { ...config.coreAccounts, tags: canonicalRecord(config.coreAccounts.tags) },
    governance: {
      ...config.governance,
      allowedRegions: sorted(config.governance.allowedRegions),
      breakGlassRoleArns: sorted(config.governance.breakGlassRoleArns),
      ...(config.governance.breakGlassTrust
        ? { breakGlassTrust: { ...config.governance.breakGlassTrust, principalArns: sorted(config.governance.breakGlassTrust.principalArns) } }
        : {}),
      guardrailExemptions: {
        viaAwsServiceRoleNames: sorted(config.governance.guardrailExemptions.viaAwsServiceRoleNames),
        bedrockServiceRoleNames: sorted(config.governance.guardrailExemptions.bedrockServiceRoleNames),
      },
      orgGuardrail: orgGuardrail && {
        ...orgGuardrail,
        ...(orgGuardrail.regions ? { regions: sorted(orgGuardrail.regions) } : {}),
        identifiers: canonicalRecord(orgGuardrail.identifiers),
      },
    },
    guardrails: {
      ...guardrails,
      filterStrengthByEnvironment: canonicalRecord(guardrails.filterStrengthByEnvironment),
      deniedTopics: [...guardrails.deniedTopics].sort(byName),
      deniedWords: sorted(guardrails.deniedWords),
      sensitiveRegexes: [...guardrails.sensitiveRegexes].sort(byName),
      piiEntityActions: canonicalRecord(guardrails.piiEntityActions),
      modelsWithoutGuardrail: sorted(guardrails.modelsWithoutGuardrail),
    },
    logging: { ...config.logging, readerRoleArns: sorted(config.logging.readerRoleArns) },
    detection: {
      ...config.detection,
      securityHub: { ...config.detection.securityHub, standards: [...config.detection.securityHub.standards].sort() },
    },
    rollout: { canary: { accounts: sorted(config.rollout.canary.accounts), organizationalUnits: sorted(config.rollout.canary.organizationalUnits) } },
    mandatoryTags: canonicalRecord(config.mandatoryTags, sorted),
    organizationalUnits: [...config.organizationalUnits].sort(byId).map((ou) => ({
      ...ou,
      ...(ou.regions ? { regions: sorted(ou.regions) } : {}),
      ...(ou.allowedModels ? { allowedModels: sorted(ou.allowedModels) } : {}),
      optIns: [...ou.optIns].sort(),
    })),
    workloadAccounts: [...config.workloadAccounts].sort(byId).map((account) => ({
      ...account,
      regions: sorted(account.regions),
      tags: canonicalRecord(account.tags),
      allowedModels: sorted(account.allowedModels),
      network: canonicalRecord(account.network, canonicalRegionNetwork),
    })),
    terraformState: config.terraformState ?? {
      bucket: `bedrock-governance-tfstate-${config.organization.managementAccountId}`,
      region: config.organization.homeRegion,
      keyPrefix: 'bedrock-governance',
    },
  };
}

/** A check that needs the whole canonical config, e.g. that the policies it yields fit their limits. */
export type ConfigCheck = (config: BaselineConfig) => ConfigIssue[];

/** The canonical config when `data` passes every check, else the problems found. */
function validateData(data: unknown, checks: readonly ConfigCheck[]): { readonly config: BaselineConfig } | { readonly issues: ConfigIssue[] } {
  const parsed = BaselineConfigSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) return { issues: parsed.error.issues.flatMap(zodIssueToConfigIssues) };
  const crossField = crossFieldIssues(parsed.data);
  if (crossField.length > 0) return { issues: crossField };
  const config = canonicalize(parsed.data);
  const issues = checks.flatMap((check) => check(config));
  return issues.length > 0 ? { issues } : { config };
}

/** Validates YAML text; `file` only labels the messages. Throws ConfigError. */
export function parseConfig(text: string, file: string, checks: readonly ConfigCheck[] = []): BaselineConfig {
  // A valid config needs only the fast parser. Anything else is parsed again by `yaml`,
  // which gives the same value wherever the fast parser gave one and knows every node's line.
  const fast = parseYamlFast(text);
  if (fast) {
    const result = validateData(fast.value, checks);
    if ('config' in result) return result.config;
  }

  // Loaded only here: a valid config never needs it, and it costs a synth 30 ms to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would load it for every synth
  const yaml = require('yaml') as typeof Yaml;
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((error) => {
        const line = lineCounter.linePos(error.pos[0]).line;
        return `${file}${line ? `:${line}` : ''}: YAML syntax: ${error.message.split('\n')[0]}`;
      }),
    );
  }

  // Aliases are bounded by what they expand to, not by how many there are (yaml's own
  // maxAliasCount refuses a thousand accounts that share one tag map).
  const expansion = aliasExpansionProblem(doc);
  if (expansion) {
    const line = expansion.offset === undefined ? 0 : lineCounter.linePos(expansion.offset).line;
    throw new ConfigError(file, [`${file}${line ? `:${line}` : ''}: ${formatPath(expansion.path) || '(document)'}: ${expansion.message}`]);
  }
  const data: unknown = doc.toJS({ maxAliasCount: -1 }) ?? {};
  const result = validateData(data, checks);
  if ('config' in result) return result.config;
  const located = result.issues.map((issue) => ({ issue, line: lineOf(doc, lineCounter, issue.path) ?? 0 }));
  located.sort((a, b) => a.line - b.line);
  throw new ConfigError(
    file,
    located.map(({ issue, line }) => `${file}${line ? `:${line}` : ''}: ${formatPath(issue.path) || '(document)'}: ${issue.message}`),
  );
}

/** Reads and validates the config at `file`. Throws ConfigError. */
export function loadConfig(file: string, checks: readonly ConfigCheck[] = []): BaselineConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(file, [`${file}: cannot read the config: ${reason} (set ${CONFIG_PATH_ENV} to another file)`]);
  }
  return parseConfigCached(text, file, checks);
}

/** parseConfig through the validated-config cache: what loadConfig and the config-editing commands use. */
export function parseConfigCached(text: string, file: string, checks: readonly ConfigCheck[] = []): BaselineConfig {
  // The cache key covers the text, not the file name, and messages name the file: only
  // successful validations are cached, so no message ever comes from the cache.
  const variant = checks.map((check) => check.name).join(',');
  return withConfigCache(text, variant, () => parseConfig(text, file, checks));
}

/** The config file to use: $BASELINE_CONFIG, else the default path. */
export function configPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env[CONFIG_PATH_ENV] || DEFAULT_CONFIG_PATH;
}
