/**
 * Rules that relate one part of the config to another (the schema checks each value
 * on its own). Each problem is reported once, at the YAML path a person must edit.
 */
import { BREAK_GLASS_ALARM_ID, cloudTrailAlarmDefinitions, oversizedPatternProblems } from '../alarms/bedrock-cloudtrail-alarms';
import { alarmSubscriptionIssues } from '../alarms/subscriptions';
import { CREDENTIAL_ENTITY_TYPES } from '../guardrails/profiles';
import { organizationGuardrailIdentifierProblems } from '../policies/bedrock-policy';
import { CUSTOM_IDENTIFIER_FINDING_SEVERITY, severitiesAtLeast } from '../macie/api-values';
import { estimateMacieMonthlyCost } from '../macie/cost';
import { CUSTOM_IDENTIFIER_LIMITS, SECRET_IDENTIFIERS } from '../macie/custom-identifiers';
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

/** S3 keeps an object at least this long in Standard-IA before a lifecycle rule may move it colder. */
const MINIMUM_DAYS_IN_STANDARD_IA = 30;

function loggingIssues(config: ParsedConfig): ConfigIssue[] {
  const logging = config.logging;
  const at = (key: string): ConfigPath => ['logging', key];
  const issues: ConfigIssue[] = [];
  if (logging.centralExpirationDays !== undefined && logging.centralExpirationDays < logging.objectLockRetentionDays) {
    issues.push({
      path: at('centralExpirationDays'),
      message: `${logging.centralExpirationDays} is shorter than logging.objectLockRetentionDays (${logging.objectLockRetentionDays}): locked objects cannot expire before their retention ends`,
    });
  }
  if (logging.glacierInstantRetrievalAfterDays < logging.infrequentAccessAfterDays + MINIMUM_DAYS_IN_STANDARD_IA) {
    issues.push({
      path: at('glacierInstantRetrievalAfterDays'),
      message: `${logging.glacierInstantRetrievalAfterDays} must be at least ${MINIMUM_DAYS_IN_STANDARD_IA} days after logging.infrequentAccessAfterDays (${logging.infrequentAccessAfterDays}): S3 keeps objects ${MINIMUM_DAYS_IN_STANDARD_IA} days in Standard-IA`,
    });
  }
  issues.push(...duplicateIssues(logging.readerRoleArns, (r) => r, (i) => ['logging', 'readerRoleArns', i], 'role'));
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
  issues.push(...loggingIssues(config));
  issues.push(...macieIssues(config));
  issues.push(...alarmIssues(config));
  issues.push(...engineAndRolloutIssues(config));
  return issues;
}

/** Alarm subscriptions SNS would refuse, thresholds of alarms that do not exist, and trail patterns CloudWatch would refuse. */
function alarmIssues(config: ParsedConfig): ConfigIssue[] {
  const { alarms, governance } = config;
  const at = (...rest: Array<string | number>): ConfigPath => ['alarms', ...rest];
  const issues: ConfigIssue[] = alarmSubscriptionIssues(alarms.subscriptions).map(({ index, field, message }) => ({
    path: at('subscriptions', index, ...(field ? [field] : [])),
    message,
  }));

  if (alarms.organizationTrail.enabled) {
    if (governance.breakGlassRoleArns.length === 0 && alarms.organizationTrail.thresholds[BREAK_GLASS_ALARM_ID] !== undefined) {
      issues.push({ path: at('organizationTrail', 'thresholds', BREAK_GLASS_ALARM_ID), message: 'there is no such alarm while governance.breakGlassRoleArns is empty' });
    }
    for (const problem of oversizedPatternProblems(cloudTrailAlarmDefinitions(governance))) {
      issues.push({ path: ['governance', 'breakGlassRoleArns'], message: `${problem} (alarms.organizationTrail)` });
    }
  }

  const workloadAccountIds = new Set(config.workloadAccounts.map((account) => account.id));
  for (const accountId of Object.keys(alarms.bedrockMetrics.accountThresholds)) {
    if (!workloadAccountIds.has(accountId)) {
      issues.push({ path: at('bedrockMetrics', 'accountThresholds', accountId), message: `${quote(accountId)} is not in workloadAccounts` });
    }
  }
  return issues;
}

/** Macie rules that span keys: Macie's per-identifier limits, routing that would drop findings, the cost ceiling. */
function macieIssues(config: ParsedConfig): ConfigIssue[] {
  const { macie } = config;
  const at = (...rest: Array<string | number>): ConfigPath => ['macie', ...rest];
  const issues: ConfigIssue[] = [];

  const builtInNames = new Set(SECRET_IDENTIFIERS.map((identifier) => identifier.name));
  macie.customDataIdentifiers.forEach((identifier, index) => {
    if (builtInNames.has(identifier.name)) {
      issues.push({ path: at('customDataIdentifiers', index, 'name'), message: `${quote(identifier.name)} is the name of a built-in identifier` });
    }
    const ignoreWords = new Set([...identifier.ignoreWords, ...macie.allowList]).size;
    if (ignoreWords > CUSTOM_IDENTIFIER_LIMITS.ignoreWords) {
      issues.push({
        path: at('customDataIdentifiers', index, 'ignoreWords'),
        message: `${ignoreWords} ignore words with macie.allowList; Macie allows ${CUSTOM_IDENTIFIER_LIMITS.ignoreWords} per identifier`,
      });
    }
  });
  issues.push(...duplicateIssues(macie.customDataIdentifiers, (identifier) => identifier.name, (i) => at('customDataIdentifiers', i, 'name'), 'identifier'));
  issues.push(...duplicateIssues(macie.allowList, (entry) => entry, (i) => at('allowList', i), 'entry'));
  issues.push(...duplicateIssues(macie.findings.subscriptions, (s) => `${s.protocol} ${s.endpoint}`, (i) => at('findings', 'subscriptions', i), 'subscription'));

  if (!severitiesAtLeast(macie.findings.minimumSeverity).includes(CUSTOM_IDENTIFIER_FINDING_SEVERITY)) {
    issues.push({
      path: at('findings', 'minimumSeverity'),
      message: `${quote(macie.findings.minimumSeverity)} would drop every secret the custom data identifiers find: Macie rates their findings ${CUSTOM_IDENTIFIER_FINDING_SEVERITY}`,
    });
  }

  const estimate = estimateMacieMonthlyCost({
    uncompressedGbPerDay: macie.costEstimate.uncompressedGbPerDay,
    samplingPercentage: macie.classification.samplingPercentage,
    schedule: macie.classification.schedule.frequency,
    monitoredBuckets: macie.costEstimate.monitoredBuckets,
  });
  if (estimate.totalUsdPerMonth > macie.costEstimate.monthlyLimitUsd) {
    issues.push({
      path: at('classification', 'samplingPercentage'),
      message:
        `${macie.classification.samplingPercentage}% of ${macie.costEstimate.uncompressedGbPerDay} GB/day is an estimated $${estimate.totalUsdPerMonth.toFixed(2)} a month, ` +
        `above macie.costEstimate.monthlyLimitUsd ($${macie.costEstimate.monthlyLimitUsd}); lower the sampling or raise the limit on purpose`,
    });
  }
  return issues;
}

/** The canary wave names only accounts and OUs of this config; the state lives in one place. */
function engineAndRolloutIssues(config: ParsedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const { canary } = config.rollout;
  const accounts = new Set(config.workloadAccounts.map((account) => account.id));
  const ous = new Set(config.organizationalUnits.map((ou) => ou.id));
  canary.accounts.forEach((id, i) => {
    if (!accounts.has(id)) issues.push({ path: ['rollout', 'canary', 'accounts', i], message: `${quote(id)} is not one of workloadAccounts` });
  });
  canary.organizationalUnits.forEach((id, i) => {
    if (!ous.has(id)) issues.push({ path: ['rollout', 'canary', 'organizationalUnits', i], message: `${quote(id)} is not declared in organizationalUnits` });
  });
  issues.push(...duplicateIssues(canary.accounts, (id) => id, (i) => ['rollout', 'canary', 'accounts', i], 'account'));
  issues.push(...duplicateIssues(canary.organizationalUnits, (id) => id, (i) => ['rollout', 'canary', 'organizationalUnits', i], 'OU'));
  if (config.hcpTerraform && config.terraformState) {
    issues.push({ path: ['terraformState'], message: 'must be left out when hcpTerraform is set: HCP Terraform workspaces hold the state' });
  }
  return issues;
}
