/**
 * Drift between the config and the organization, as pure data: which accounts have no
 * baseline, which config accounts are suspended, gone or moved, and where account tags
 * disagree with the config. Also what `discover --write` would change to resolve the
 * findings it can resolve.
 */
import { regionsOfOu } from '../config/regions';
import type { BaselineConfig, WorkloadAccount } from '../config/schema';
import { accountSuppliedTagKeys, accountTags } from '../config/tags';
import { accountBaselineStackName } from '../naming/stacks';
import { accountNameFor, type AccountEntry, type AccountPlacement } from './config-edit';
import { describeEffectivePolicyCommand, type EffectivePolicyOutcome } from './effective-policy';
import type { GovernedTree, OrgAccount } from './organizations';

export const FINDING_KINDS = [
  'ou-missing',
  'unbaselined',
  'moved',
  'ungoverned',
  'inactive',
  'not-in-organization',
  'tag-gap',
  'guardrail-missing',
  'guardrail-unverified',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  readonly kind: FindingKind;
  /** The account or OU id it is about. */
  readonly subject: string;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it; for a writable finding, what --write writes. */
  readonly fix: string;
  /** True when `discover --write` resolves it. */
  readonly writable: boolean;
}

export interface DriftReport {
  /** Sorted by subject, then kind. */
  readonly findings: readonly Finding[];
  /** Accounts --write adds to workloadAccounts. */
  readonly additions: readonly AccountEntry[];
  /** Accounts whose ou and environment --write corrects. */
  readonly placements: readonly AccountPlacement[];
}

export interface DriftInput {
  readonly config: BaselineConfig;
  /** Everything under the governed OUs. */
  readonly tree: GovernedTree;
  /** Config accounts found outside the governed OUs; undefined when not in the organization at all. */
  readonly elsewhere: ReadonlyMap<string, OrgAccount | undefined>;
  /** The effective BEDROCK_POLICY of the ACTIVE governed accounts, when the config enforces an organization guardrail. */
  readonly effectiveGuardrails?: readonly EffectivePolicyOutcome[];
}

/** An account the organization guardrail does not reach, or whose effective policy could not be read. */
function effectiveGuardrailFinding(outcome: EffectivePolicyOutcome, name: string): Finding[] {
  const label = `${outcome.accountId} (${name || 'no name'})`;
  if (outcome.status === 'missing') {
    return [
      {
        kind: 'guardrail-missing',
        subject: outcome.accountId,
        message: `${label}: the organization guardrail is not in its effective BEDROCK_POLICY: ${outcome.problems.join('; ')}`,
        fix: `deploy org-governance, then look for a policy above the account's OU that overrides it: ${describeEffectivePolicyCommand(outcome.accountId)}`,
        writable: false,
      },
    ];
  }
  if (outcome.status === 'unverified') {
    return [
      {
        kind: 'guardrail-unverified',
        subject: outcome.accountId,
        message: `${label}: its effective BEDROCK_POLICY could not be read: ${outcome.error}`,
        fix: 'allow organizations:DescribeEffectivePolicy to the credentials, or run discover again',
        writable: false,
      },
    ];
  }
  return [];
}

/** POSIX shell quoting for the commands printed as fixes. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function tagCommand(accountId: string, tags: ReadonlyArray<readonly [string, string]>): string {
  const pairs = tags.map(([key, value]) => shellQuote(`Key=${key},Value=${value}`)).join(' ');
  return `aws organizations tag-resource --resource-id ${accountId} --tags ${pairs}`;
}

/** Why the account's Organizations tags cannot supply the mandatory tags; empty when they can. */
function mandatoryTagProblems(config: BaselineConfig, tags: Readonly<Record<string, string>>): string[] {
  return accountSuppliedTagKeys(config).flatMap((key) => {
    const allowed = config.mandatoryTags[key]!;
    const value = tags[key];
    if (value === undefined || value === '') return [`no ${key} tag`];
    if (allowed.length > 0 && !allowed.includes(value)) return [`${key}=${value} is not one of ${allowed.join(', ')}`];
    return [];
  });
}

function mandatoryTagsOf(config: BaselineConfig, tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(accountSuppliedTagKeys(config).flatMap((key) => (tags[key] === undefined ? [] : [[key, tags[key]!]])));
}

/** Mandatory tags whose Organizations value differs from the `expected` tags; keys `expected` lacks are not compared. */
function tagGaps(
  config: BaselineConfig,
  expected: Readonly<Record<string, string>>,
  actual: Readonly<Record<string, string>>,
): Array<{ key: string; expected: string; actual: string | undefined }> {
  return Object.keys(config.mandatoryTags).flatMap((key) => {
    const expectedValue = expected[key];
    if (expectedValue === undefined || actual[key] === expectedValue) return [];
    return [{ key, expected: expectedValue, actual: actual[key] }];
  });
}

function tagGapFinding(account: { id: string; name: string }, gaps: ReturnType<typeof tagGaps>): Finding {
  const described = gaps.map((gap) =>
    gap.actual === undefined ? `${gap.key} missing (config: ${gap.expected})` : `${gap.key}=${gap.actual} (config: ${gap.expected})`,
  );
  return {
    kind: 'tag-gap',
    subject: account.id,
    message: `${account.id} (${account.name}): account tags in Organizations differ from the config: ${described.join('; ')}`,
    fix: `${tagCommand(
      account.id,
      gaps.map((gap) => [gap.key, gap.expected] as const),
    )}  (or change the config if Organizations is right)`,
    writable: false,
  };
}

function configAccountFindings(
  config: BaselineConfig,
  account: WorkloadAccount,
  org: OrgAccount | undefined,
  placements: AccountPlacement[],
): Finding[] {
  const label = `${account.id} (${account.name})`;
  if (org === undefined) {
    return [
      {
        kind: 'not-in-organization',
        subject: account.id,
        message: `${label} is in the config but not in the organization (closed, or moved to another organization)`,
        fix: `remove it from workloadAccounts; ${accountBaselineStackName(account.id)} can no longer be deployed`,
        writable: false,
      },
    ];
  }
  if (org.state !== 'ACTIVE') {
    return [
      {
        kind: 'inactive',
        subject: account.id,
        message: `${label} is ${org.state} in Organizations`,
        fix: 'nothing while it may be reinstated (its baseline stays); remove it from workloadAccounts once it is closed for good',
        writable: false,
      },
    ];
  }
  const findings: Finding[] = [];
  let environment = account.environment;
  if (org.governedBy === undefined) {
    findings.push({
      kind: 'ungoverned',
      subject: account.id,
      message: `${label} sits in ${org.parentId}, outside every governed OU: the baseline SCPs no longer apply to it`,
      fix: `move it back under ${account.ou} (aws organizations move-account --account-id ${account.id} --source-parent-id ${org.parentId} --destination-parent-id ${account.ou}), or declare its OU in organizationalUnits`,
      writable: false,
    });
  } else if (org.governedBy !== account.ou) {
    const ou = config.organizationalUnits.find((candidate) => candidate.id === org.governedBy)!;
    environment = ou.environment;
    placements.push({ id: account.id, ou: ou.id, environment });
    findings.push({
      kind: 'moved',
      subject: account.id,
      message: `${label} moved from ${account.ou} to ${ou.id} (${ou.name})`,
      fix: `--write sets its ou to ${ou.id} and environment to ${environment}`,
      writable: true,
    });
  }
  const gaps = tagGaps(config, accountTags(config, { environment, tags: account.tags }), org.tags);
  if (gaps.length > 0) findings.push(tagGapFinding(account, gaps));
  return findings;
}

function unbaselinedFindings(config: BaselineConfig, org: OrgAccount, takenNames: Set<string>, additions: AccountEntry[]): Finding[] {
  const ou = config.organizationalUnits.find((candidate) => candidate.id === org.governedBy)!;
  const label = `${org.id} (${org.name || 'no name'})`;
  const where = org.parentId === ou.id ? ou.id : `${org.parentId} under ${ou.id}`;
  const findings: Finding[] = [];
  const problems = mandatoryTagProblems(config, org.tags);
  if (problems.length > 0) {
    const tagFlags = accountSuppliedTagKeys(config).map((key) => `--tag ${shellQuote(`${key}=${org.tags[key] ?? '<value>'}`)}`);
    findings.push({
      kind: 'unbaselined',
      subject: org.id,
      message: `ACTIVE account ${label} in ${where} has no baseline, and its tags cannot supply the mandatory ones: ${problems.join('; ')}`,
      fix: `tag it in Organizations and run discover --write again, or: baseline vend --account-id ${org.id} --ou ${ou.id} --environment ${
        ou.environment
      } ${tagFlags.join(' ')}`,
      writable: false,
    });
  } else {
    const entry: AccountEntry = {
      id: org.id,
      name: accountNameFor(org.name, org.id, takenNames),
      ou: ou.id,
      environment: ou.environment,
      regions: [...regionsOfOu(ou, config.governance.allowedRegions)],
      tags: mandatoryTagsOf(config, org.tags),
    };
    takenNames.add(entry.name);
    additions.push(entry);
    findings.push({
      kind: 'unbaselined',
      subject: org.id,
      message: `ACTIVE account ${label} in ${where} has no baseline`,
      fix: `--write adds it as ${entry.name} (${entry.environment}, regions ${entry.regions.join(', ')}); then deploy ${accountBaselineStackName(org.id)}`,
      writable: true,
    });
  }
  // Only the Environment tag is known before the account is in the config, and only a present one is compared.
  const expected = accountTags(config, { environment: ou.environment, tags: {} });
  const present = Object.fromEntries(Object.entries(expected).filter(([key]) => org.tags[key] !== undefined));
  const gaps = tagGaps(config, present, org.tags);
  if (gaps.length > 0) findings.push(tagGapFinding(org, gaps));
  return findings;
}

export function driftReport({ config, tree, elsewhere, effectiveGuardrails = [] }: DriftInput): DriftReport {
  const coreAccounts = new Set([config.organization.managementAccountId, config.coreAccounts.logArchive, config.coreAccounts.audit]);
  const configured = new Set(config.workloadAccounts.map((account) => account.id));
  const underGoverned = new Map(tree.accounts.map((account) => [account.id, account]));
  const takenNames = new Set(config.workloadAccounts.map((account) => account.name));
  const additions: AccountEntry[] = [];
  const placements: AccountPlacement[] = [];
  const findings: Finding[] = [];

  for (const ouId of tree.missingOus) {
    findings.push({
      kind: 'ou-missing',
      subject: ouId,
      message: `${ouId} is declared in organizationalUnits but does not exist in the organization`,
      fix: 'correct its id, or remove it together with its accounts',
      writable: false,
    });
  }
  for (const org of tree.accounts) {
    if (configured.has(org.id) || coreAccounts.has(org.id) || org.state !== 'ACTIVE' || org.governedBy === undefined) continue;
    findings.push(...unbaselinedFindings(config, org, takenNames, additions));
  }
  for (const account of config.workloadAccounts) {
    findings.push(...configAccountFindings(config, account, underGoverned.get(account.id) ?? elsewhere.get(account.id), placements));
  }

  for (const outcome of effectiveGuardrails) findings.push(...effectiveGuardrailFinding(outcome, underGoverned.get(outcome.accountId)?.name ?? ''));

  const kindOrder = (kind: FindingKind) => FINDING_KINDS.indexOf(kind);
  findings.sort((a, b) => a.subject.localeCompare(b.subject) || kindOrder(a.kind) - kindOrder(b.kind));
  return { findings, additions, placements };
}
