/**
 * Who the baseline's deny statements leave alone. Kept in one place so every SCP
 * treats break-glass and the deployment role the same way.
 */
import type { BaselineConfig } from '../config/schema';
import { organizationPathPattern, parseRoleArn, roleArn, roleArnIn, roleInAnyAccount } from '../naming/arns';
import type { ConditionBlock } from './document';

/** The config's deployment role and break-glass roles. */
export interface BaselineAdministrators {
  /** Name of the deployment role (the same in every account). */
  readonly deploymentRoleName: string;
  /** Break-glass role ARN patterns (any account: `*`). */
  readonly breakGlassRoleArns: readonly string[];
}

/** Condition that makes a Deny skip the given principal ARN patterns (none: applies to all). */
export function unlessPrincipalIn(patterns: readonly string[]): ConditionBlock {
  return patterns.length === 0 ? {} : { ArnNotLike: { 'aws:PrincipalArn': [...patterns] } };
}

/** Condition that makes a Deny skip the deployment role (in any account) and break-glass: what SCP tamper statements leave to them. */
export function unlessDeploymentRoleOrBreakGlass(administrators: BaselineAdministrators): ConditionBlock {
  return unlessPrincipalIn([roleInAnyAccount(administrators.deploymentRoleName), ...administrators.breakGlassRoleArns]);
}

/** Merges condition blocks (all must hold). The same operator and key twice is a bug: IAM would keep one. */
export function allOf(...blocks: ConditionBlock[]): ConditionBlock {
  const merged: Record<string, Record<string, string | readonly string[]>> = {};
  for (const block of blocks) {
    for (const [operator, entries] of Object.entries(block)) {
      const target = (merged[operator] ??= {});
      for (const [key, value] of Object.entries(entries)) {
        if (key in target) throw new Error(`condition ${operator} on ${key} given twice`);
        target[key] = value;
      }
    }
  }
  return merged;
}

/** The deployment role of one account, as the stacks assume it. */
export function deploymentRoleIn(accountId: string, deploymentRoleName: string): string {
  return roleArn(accountId, deploymentRoleName);
}

/** Who may administer a resource of `accountId`: its deployment role, then its break-glass roles. */
export function administratorsOf(accountId: string, administrators: BaselineAdministrators): string[] {
  return [deploymentRoleIn(accountId, administrators.deploymentRoleName), ...breakGlassRolesIn(accountId, administrators.breakGlassRoleArns)];
}

/** The break-glass roles that can exist in `accountId`, each with its account spelled out. */
export function breakGlassRolesIn(accountId: string, breakGlassRoleArns: readonly string[]): string[] {
  return breakGlassRoleArns.flatMap((pattern) => roleArnIn(pattern, accountId) ?? []);
}

/**
 * `aws:PrincipalOrgPaths` patterns of the governed OUs and every OU below them: where the
 * baseline's SCPs protect the names its policies trust. A fixed number of patterns whatever
 * the number of accounts, so a policy that binds a writer to them stays small at 5,000.
 */
export function governedOrganizationPaths(config: BaselineConfig): string[] {
  return config.organizationalUnits.map((ou) => organizationPathPattern(config.organization.id, ou.id)).sort();
}

/** Condition: a principal of an account in a governed OU. */
export function inGovernedOus(config: BaselineConfig): ConditionBlock {
  return { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': governedOrganizationPaths(config) } };
}

/**
 * Condition: a principal of the organization whose ARN matches `principalArnPatterns`, in an
 * account of a governed OU. The OUs are what make a name-based grant safe: only there do the
 * SCPs keep anyone but the deployment role from creating or re-trusting a role of such a name.
 */
export function governedPrincipalsMatching(config: BaselineConfig, principalArnPatterns: string | readonly string[]): ConditionBlock {
  return allOf(
    { StringEquals: { 'aws:PrincipalOrgID': config.organization.id } },
    { ArnLike: { 'aws:PrincipalArn': principalArnPatterns } },
    inGovernedOus(config),
  );
}

/** One group of log readers and the condition that admits them; each group becomes its own Allow statement. */
export interface LogReaderGrant {
  /** Appended to the Sid of the group's statements ('' for the first). */
  readonly sidSuffix: string;
  readonly condition: ConditionBlock;
}

/**
 * Who may read the central logs (`logging.readerRoleArns`), each bound to accounts where the
 * safeguard SCP keeps anyone but the deployment role from creating or re-trusting a role of
 * that name: a reader with an account id in its account (the safeguard SCP is attached there
 * when no governed OU reaches it); a reader of any account (`*`) in the core accounts and in
 * the governed OUs only, never in an account outside them.
 */
export function logReaderGrants(config: BaselineConfig): LogReaderGrant[] {
  const readers = config.logging.readerRoleArns;
  const anyAccount = readers.filter((reader) => parseRoleArn(reader)?.accountId === '*');
  const inNamedAccounts = [
    ...readers.filter((reader) => !anyAccount.includes(reader)),
    ...[config.coreAccounts.logArchive, config.coreAccounts.audit].flatMap((account) =>
      anyAccount.flatMap((reader) => roleArnIn(reader, account) ?? []),
    ),
  ].sort();
  const ofTheOrganization = { StringEquals: { 'aws:PrincipalOrgID': config.organization.id } };
  const grants: LogReaderGrant[] = [];
  if (inNamedAccounts.length > 0)
    grants.push({ sidSuffix: '', condition: allOf(ofTheOrganization, { ArnLike: { 'aws:PrincipalArn': inNamedAccounts } }) });
  if (anyAccount.length > 0) grants.push({ sidSuffix: 'InGovernedOus', condition: governedPrincipalsMatching(config, anyAccount) });
  return grants;
}
