/**
 * Rules that relate one part of the config to another (the schema checks each value
 * on its own). Each problem is reported once, at the YAML path a person must edit.
 */
import { CREDENTIAL_ENTITY_TYPES } from '../guardrails/profiles';
import { organizationGuardrailIdentifierProblems } from '../policies/bedrock-policy';
import type { ParsedConfig, WorkloadAccount } from './schema';

export type ConfigPath = ReadonlyArray<string | number>;

export interface ConfigIssue {
  /** Where in the YAML document the problem is. */
  readonly path: ConfigPath;
  /** What is wrong, in words a platform engineer can act on. */
  readonly message: string;
}

/** The mandatory tag whose value comes from an account's `environment`. */
export const ENVIRONMENT_TAG = 'Environment';

const quote = (value: string): string => `"${value}"`;

function allowedValuesMessage(value: string, allowed: readonly string[]): string {
  return `${quote(value)} is not one of ${allowed.join(', ')}`;
}

/** Reports the second and later occurrence of each key, at the path of the duplicate. */
function duplicateIssues<T>(items: readonly T[], keyOf: (item: T) => string, pathOf: (index: number) => ConfigPath, what: string): ConfigIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else issues.push({ path: pathOf(index), message: `${quote(key)} duplicates the ${what} at index ${first}` });
  });
  return issues;
}

function environmentIssues(config: ParsedConfig, environment: string, path: ConfigPath): ConfigIssue[] {
  const allowed = config.mandatoryTags[ENVIRONMENT_TAG];
  if (allowed === undefined || allowed.length === 0 || allowed.includes(environment)) return [];
  return [{ path, message: `${allowedValuesMessage(environment, allowed)} (mandatoryTags.${ENVIRONMENT_TAG})` }];
}

function accountIssues(config: ParsedConfig, account: WorkloadAccount, index: number): ConfigIssue[] {
  const at = (...rest: Array<string | number>): ConfigPath => ['workloadAccounts', index, ...rest];
  const issues: ConfigIssue[] = [];

  const coreRoles: Array<[string, string]> = [
    [config.organization.managementAccountId, 'organization.managementAccountId (SCPs never apply to the management account)'],
    [config.coreAccounts.logArchive, 'coreAccounts.logArchive'],
    [config.coreAccounts.audit, 'coreAccounts.audit'],
  ];
  for (const [id, role] of coreRoles) {
    if (account.id === id) issues.push({ path: at('id'), message: `${quote(account.id)} is ${role}, not a workload account` });
  }

  const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou);
  if (ou === undefined) {
    issues.push({ path: at('ou'), message: `${quote(account.ou)} is not declared in organizationalUnits` });
  } else if (ou.environment !== account.environment) {
    issues.push({
      path: at('environment'),
      message: `${quote(account.environment)} differs from the environment ${quote(ou.environment)} of its OU ${ou.id}`,
    });
  }
  issues.push(...environmentIssues(config, account.environment, at('environment')));

  account.regions.forEach((region, regionIndex) => {
    if (!config.governance.allowedRegions.includes(region)) {
      issues.push({ path: at('regions', regionIndex), message: `${quote(region)} is not in governance.allowedRegions` });
    }
  });
  issues.push(...duplicateIssues(account.regions, (region) => region, (i) => at('regions', i), 'region'));

  const environmentTag = account.tags[ENVIRONMENT_TAG];
  if (ENVIRONMENT_TAG in config.mandatoryTags && environmentTag !== undefined && environmentTag !== account.environment) {
    issues.push({
      path: at('tags', ENVIRONMENT_TAG),
      message: `${quote(environmentTag)} conflicts with environment ${quote(account.environment)}; the ${ENVIRONMENT_TAG} tag comes from environment, remove it here`,
    });
  }
  // The Environment tag's value is checked at `environment` above.
  issues.push(...mandatoryTagIssues(config, account.tags, (key) => at('tags', key), ENVIRONMENT_TAG));
  issues.push(...duplicateIssues(account.allowedModels, (model) => model, (i) => at('allowedModels', i), 'model'));
  return issues;
}

/** Missing and disallowed values of the mandatory tags in `tags`, except the `skip` key. */
function mandatoryTagIssues(config: ParsedConfig, tags: Readonly<Record<string, string>>, pathOf: (key: string) => ConfigPath, skip?: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [key, allowed] of Object.entries(config.mandatoryTags)) {
    if (key === skip) continue;
    const value = tags[key];
    if (value === undefined) {
      issues.push({ path: pathOf(key), message: `missing mandatory tag ${key}` + (allowed.length > 0 ? ` (one of ${allowed.join(', ')})` : '') });
    } else if (allowed.length > 0 && !allowed.includes(value)) {
      issues.push({ path: pathOf(key), message: allowedValuesMessage(value, allowed) });
    }
  }
  return issues;
}

function guardrailContentIssues(config: ParsedConfig): ConfigIssue[] {
  const at = (...rest: Array<string | number>): ConfigPath => ['guardrails', ...rest];
  const { guardrails } = config;
  const issues: ConfigIssue[] = [
    ...duplicateIssues(guardrails.deniedTopics, (topic) => topic.name.toLowerCase(), (i) => at('deniedTopics', i, 'name'), 'topic'),
    ...duplicateIssues(guardrails.sensitiveRegexes, (regex) => regex.name, (i) => at('sensitiveRegexes', i, 'name'), 'pattern'),
    ...duplicateIssues(guardrails.deniedWords, (word) => word.toLowerCase(), (i) => at('deniedWords', i), 'word'),
  ];
  for (const type of CREDENTIAL_ENTITY_TYPES) {
    const action = guardrails.piiEntityActions[type];
    if (action !== undefined && action !== 'BLOCK') {
      issues.push({ path: at('piiEntityActions', type), message: `${quote(action)} is not allowed: credentials and secrets are always blocked` });
    }
  }
  return issues;
}

function organizationGuardrailIssues(config: ParsedConfig): ConfigIssue[] {
  const orgGuardrail = config.governance.orgGuardrail;
  if (!orgGuardrail) return [];
  const at = (...rest: Array<string | number>): ConfigPath => ['governance', 'orgGuardrail', ...rest];
  const configuredRegions = orgGuardrail.regions ?? [];
  const issues: ConfigIssue[] = [];
  configuredRegions.forEach((region, index) => {
    if (!config.governance.allowedRegions.includes(region)) {
      issues.push({ path: at('regions', index), message: `${quote(region)} is not in governance.allowedRegions` });
    }
  });
  issues.push(...duplicateIssues(configuredRegions, (region) => region, (i) => at('regions', i), 'region'));
  const regions = orgGuardrail.regions ?? config.governance.allowedRegions;
  for (const [region, identifier] of Object.entries(orgGuardrail.identifiers)) {
    if (!regions.includes(region)) {
      issues.push({ path: at('identifiers', region), message: `${quote(region)} is not one of the organization guardrail regions (${regions.join(', ')})` });
      continue;
    }
    for (const message of organizationGuardrailIdentifierProblems(identifier, region, config.organization.managementAccountId)) {
      issues.push({ path: at('identifiers', region), message });
    }
  }
  return issues;
}

/** Every cross-field problem of a structurally valid config; empty when it is valid. */
export function crossFieldIssues(config: ParsedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { organization, coreAccounts, governance } = config;

  if (coreAccounts.logArchive === organization.managementAccountId) {
    issues.push({ path: ['coreAccounts', 'logArchive'], message: 'must not be the management account' });
  }
  if (coreAccounts.audit === organization.managementAccountId) {
    issues.push({ path: ['coreAccounts', 'audit'], message: 'must not be the management account (Macie delegated administrator)' });
  }
  if (coreAccounts.audit === coreAccounts.logArchive) {
    issues.push({ path: ['coreAccounts', 'audit'], message: 'must differ from coreAccounts.logArchive: the auditor must not own the logs it audits' });
  }

  issues.push(...duplicateIssues(governance.allowedRegions, (r) => r, (i) => ['governance', 'allowedRegions', i], 'region'));
  issues.push(...duplicateIssues(governance.breakGlassRoleArns, (r) => r, (i) => ['governance', 'breakGlassRoleArns', i], 'role'));
  for (const list of ['viaAwsServiceRoleNames', 'bedrockServiceRoleNames'] as const) {
    const names = governance.guardrailExemptions[list];
    const path = ['governance', 'guardrailExemptions', list];
    names.forEach((name, i) => {
      if (name === governance.deploymentRoleName) issues.push({ path: [...path, i], message: `${quote(name)} is the deployment role, which must never be exempt` });
    });
    issues.push(...duplicateIssues(names, (n) => n, (i) => [...path, i], 'role'));
  }

  for (const [key, values] of Object.entries(config.mandatoryTags)) {
    issues.push(...duplicateIssues(values, (v) => v, (i) => ['mandatoryTags', key, i], 'value'));
  }

  issues.push(...duplicateIssues(config.organizationalUnits, (ou) => ou.id, (i) => ['organizationalUnits', i, 'id'], 'OU'));
  issues.push(...duplicateIssues(config.organizationalUnits, (ou) => ou.name, (i) => ['organizationalUnits', i, 'name'], 'OU'));
  config.organizationalUnits.forEach((ou, i) => issues.push(...environmentIssues(config, ou.environment, ['organizationalUnits', i, 'environment'])));

  // The core stacks (org-governance, log-archive, security-audit) take their tag values from here.
  issues.push(...mandatoryTagIssues(config, coreAccounts.tags, (key) => ['coreAccounts', 'tags', key]));
  issues.push(...guardrailContentIssues(config));
  issues.push(...organizationGuardrailIssues(config));

  issues.push(...duplicateIssues(config.workloadAccounts, (a) => a.id, (i) => ['workloadAccounts', i, 'id'], 'account'));
  issues.push(...duplicateIssues(config.workloadAccounts, (a) => a.name, (i) => ['workloadAccounts', i, 'name'], 'account'));
  config.workloadAccounts.forEach((account, index) => issues.push(...accountIssues(config, account, index)));
  return issues;
}
