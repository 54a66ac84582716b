/**
 * Every principal a baseline policy trusts or exempts by name, in one list. An exemption by
 * name is only as strong as the protection of the name: the safeguard SCP
 * (policies/scp/deny-baseline-safeguard-tampering.ts) is generated from this list, so that in
 * every governed and core account only the deployment role creates, deletes, re-trusts,
 * re-permissions, re-tags or passes these roles; the organization-trail alarm on trusted-role
 * changes watches the same names everywhere, the management account included.
 */
import type { BaselineConfig } from '../config/schema';
import { macieServiceLinkedRoleArns, parseRoleArn, roleInAnyAccount } from '../naming/arns';
import { BASELINE_NAME_PREFIX, BREAK_GLASS_ROLE_PATH } from '../naming/reserved-names';
import { GUARDED_INVOKE_ROLE_NAME } from '../naming/resources';
import { SERVICE_PRINCIPALS } from '../naming/service-principals';

export type TrustedPrincipalKind =
  /** `governance.deploymentRoleName`: every stack applies with it; exempt from the tamper statements, administers every baseline key and bucket. */
  | 'deployment-role'
  /** `governance.breakGlassRoleArns`: never denied by an SCP; may disable and delete baseline keys. */
  | 'break-glass'
  /** The reserved path of break-glass roles: a new role there would be a break-glass role in waiting. */
  | 'break-glass-path'
  /** `governance.breakGlassTrust.principalArns`: may assume the break-glass roles the baseline creates. */
  | 'break-glass-assumer'
  /** `governance.guardrailExemptions.viaAwsServiceRoleNames`: RetrieveAndGenerate without a guardrail. */
  | 'guardrail-exempt-caller'
  /** `governance.guardrailExemptions.bedrockServiceRoleNames`: agents' and knowledge bases' internal calls without a guardrail. */
  | 'guardrail-exempt-service-role'
  /** The invoke role applications assume; its trust and permissions are the least-privilege template. */
  | 'invoke-role'
  /** Roles named with the baseline's prefix: replication and delivery roles the central bucket and key trust by name, the trail's CloudWatch role. */
  | 'baseline-service-role'
  /** `logging.readerRoleArns`: read and decrypt every central log. */
  | 'log-reader'
  /** Macie's service-linked roles, which read and decrypt the invocation logs. */
  | 'service-linked';

export interface TrustedPrincipal {
  readonly kind: TrustedPrincipalKind;
  /** `arn:aws:iam::<account or *>:role/<path/><name>`; a trailing `*` stands for every name with that start. */
  readonly arnPattern: string;
  /**
   * What keeps the name from being forged: `scp`, the safeguard SCP in every governed and core
   * account; `iam`, IAM itself (only the service creates, changes or assumes a service-linked role).
   */
  readonly protectedBy: 'scp' | 'iam';
  /** The one service others than the deployment role may pass the role to; nobody else passes it when absent. */
  readonly passableTo?: string;
}

/** Every principal the baseline's policies trust or exempt by name, in a fixed order. */
export function trustedPrincipals(config: BaselineConfig): TrustedPrincipal[] {
  const { governance, logging } = config;
  const viaScp = (kind: TrustedPrincipalKind, arnPattern: string, passableTo?: string): TrustedPrincipal => ({
    kind,
    arnPattern,
    protectedBy: 'scp',
    ...(passableTo ? { passableTo } : {}),
  });
  return [
    viaScp('deployment-role', roleInAnyAccount(governance.deploymentRoleName)),
    ...governance.breakGlassRoleArns.map((arn) => viaScp('break-glass', arn)),
    viaScp('break-glass-path', roleInAnyAccount(`${BREAK_GLASS_ROLE_PATH.slice(1)}*`)),
    ...(governance.breakGlassTrust?.principalArns ?? []).map((arn) => viaScp('break-glass-assumer', arn)),
    ...governance.guardrailExemptions.viaAwsServiceRoleNames.map((name) => viaScp('guardrail-exempt-caller', roleInAnyAccount(name))),
    // Agents and knowledge bases are the workload teams' own: they may hand these roles to Bedrock, and to nothing else.
    ...governance.guardrailExemptions.bedrockServiceRoleNames.map((name) =>
      viaScp('guardrail-exempt-service-role', roleInAnyAccount(name), SERVICE_PRINCIPALS.bedrock),
    ),
    viaScp('invoke-role', roleInAnyAccount(GUARDED_INVOKE_ROLE_NAME)),
    viaScp('baseline-service-role', roleInAnyAccount(`${BASELINE_NAME_PREFIX}*`)),
    ...logging.readerRoleArns.map((arn) => viaScp('log-reader', arn)),
    ...macieServiceLinkedRoleArns(config).map((arnPattern): TrustedPrincipal => ({ kind: 'service-linked', arnPattern, protectedBy: 'iam' })),
  ];
}

function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/**
 * Whether every ARN `narrower` matches is matched by `wider` too. Sound for `*` wildcards: if
 * `wider` matches the text of `narrower`, each `*` of `narrower` falls inside a `*` of `wider`.
 */
export function patternCovers(wider: string, narrower: string): boolean {
  return globRegExp(wider).test(narrower);
}

/** `patterns` less those another one covers, sorted: the shortest resource list that protects the same names. */
export function withoutCoveredPatterns(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns)].sort();
  return unique.filter((pattern) => !unique.some((other) => other !== pattern && patternCovers(other, pattern)));
}

/** ARN patterns of the roles the safeguard SCP protects: the trusted principals IAM does not protect itself. */
export function protectedRolePatterns(principals: readonly TrustedPrincipal[]): {
  readonly notPassable: string[];
  readonly passableTo: ReadonlyMap<string, string[]>;
} {
  const scp = principals.filter((principal) => principal.protectedBy === 'scp');
  const passable = new Map<string, string[]>();
  for (const principal of scp)
    if (principal.passableTo) passable.set(principal.passableTo, [...(passable.get(principal.passableTo) ?? []), principal.arnPattern]);
  const notPassable = withoutCoveredPatterns(scp.filter((principal) => !principal.passableTo).map((principal) => principal.arnPattern));
  return {
    notPassable,
    passableTo: new Map(
      [...passable].map(([service, patterns]) => [
        service,
        withoutCoveredPatterns(patterns).filter((pattern) => !notPassable.some((other) => patternCovers(other, pattern))),
      ]),
    ),
  };
}

/** Role names the trail alarm watches: the name of every SCP-protected pattern (`*` kept as a wildcard). */
export function trustedRoleNames(principals: readonly TrustedPrincipal[]): string[] {
  const names = principals
    .filter((principal) => principal.protectedBy === 'scp' && principal.kind !== 'break-glass-path')
    .map((principal) => parseRoleArn(principal.arnPattern)!.name);
  return withoutCoveredPatterns(names);
}

/**
 * Accounts outside the governed OUs that hold a trusted principal by explicit account id
 * (besides the core accounts, which get the safeguard SCP anyway): the safeguard SCP is attached
 * to each directly. The management account is left out: SCPs do not reach it.
 */
export function otherAccountsWithTrustedPrincipals(config: BaselineConfig, principals: readonly TrustedPrincipal[]): string[] {
  const covered = new Set([
    config.organization.managementAccountId,
    config.coreAccounts.logArchive,
    config.coreAccounts.audit,
    ...config.workloadAccounts.map((account) => account.id),
  ]);
  const accounts = principals
    .filter((principal) => principal.protectedBy === 'scp')
    .map((principal) => parseRoleArn(principal.arnPattern)!.accountId);
  return [...new Set(accounts.filter((account) => account !== '*' && !covered.has(account)))].sort();
}
