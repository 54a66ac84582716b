/**
 * What changed between two synths in governance terms: organization policies (their
 * statements, content and attachments), exemptions, accounts, regions and guardrails.
 * Pure, over two snapshots.
 */
import type { OptInClass } from '../../policies/action-classes';
import { diffDetectiveCoverage, minus, type DetectiveChange } from './detective-coverage';
import { optInsOf } from './opt-ins';
import { diffStatements, type StatementChange } from './policy-diff';
import { exemptions, type AccountBaseline, type GovernanceSnapshot, type Guardrail, type OrganizationPolicy } from './snapshot';

export interface PolicyChange {
  readonly name: string;
  readonly type: string;
  readonly kind: 'added' | 'removed' | 'modified';
  /** Statement changes, for IAM policies (SCP, RCP). */
  readonly statements: readonly StatementChange[];
  /** For other policy types: whether the content differs. */
  readonly contentChanged: boolean;
  /** Content size in characters before and after (what Organizations counts against its limit). */
  readonly size: { readonly before: number; readonly after: number };
  readonly attachedTo: readonly string[];
  readonly detachedFrom: readonly string[];
  /** Default-denied action classes an OU's perimeter now lets it use (access widened). */
  readonly optInsAdded: readonly OptInClass[];
  /** ... that it no longer lets it use. */
  readonly optInsRemoved: readonly OptInClass[];
}

export interface ExemptionChange {
  readonly principal: string;
  /** `<policy>.<Sid>` of statements present in both synths that now exempt it. */
  readonly gained: readonly string[];
  /** ... that no longer exempt it. */
  readonly lost: readonly string[];
}

export interface GuardrailChange {
  /** `<region>/<name>`. */
  readonly guardrail: string;
  readonly kind: 'added' | 'removed' | 'modified';
  /** Top-level arguments that differ, for a modified guardrail. */
  readonly arguments: readonly string[];
  readonly versionsBefore: readonly string[];
  readonly versionsAfter: readonly string[];
}

export interface AccountChange {
  readonly accountId: string;
  readonly ouBefore: string | undefined;
  readonly ouAfter: string | undefined;
  readonly regionsAdded: readonly string[];
  readonly regionsRemoved: readonly string[];
  readonly guardrails: readonly GuardrailChange[];
}

export interface GovernanceChanges {
  readonly policies: readonly PolicyChange[];
  readonly exemptions: readonly ExemptionChange[];
  readonly accountsAdded: readonly AccountBaseline[];
  readonly accountsRemoved: readonly AccountBaseline[];
  readonly accountsChanged: readonly AccountChange[];
  readonly organizationGuardrails: readonly GuardrailChange[];
  /** Detective services added or taken away. */
  readonly detective: readonly DetectiveChange[];
}

function policyChange(before: OrganizationPolicy | undefined, after: OrganizationPolicy | undefined): PolicyChange | undefined {
  const policy = (after ?? before)!;
  const statements = policy.document || before?.document ? diffStatements(before?.document, after?.document) : [];
  const contentChanged = (before?.content ?? '') !== (after?.content ?? '');
  const attachedTo = minus(after?.targets ?? [], before?.targets ?? []);
  const detachedFrom = minus(before?.targets ?? [], after?.targets ?? []);
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
  if (kind === 'modified' && !contentChanged && attachedTo.length === 0 && detachedFrom.length === 0) return undefined;
  const optInsBefore = optInsOf(before) ?? [];
  const optInsAfter = optInsOf(after) ?? [];
  return {
    name: policy.name,
    type: policy.type,
    kind,
    statements,
    contentChanged,
    size: { before: before?.content.length ?? 0, after: after?.content.length ?? 0 },
    attachedTo,
    detachedFrom,
    optInsAdded: minus(optInsAfter, optInsBefore),
    optInsRemoved: minus(optInsBefore, optInsAfter),
  };
}

const policyKey = (policy: OrganizationPolicy): string => `${policy.type}/${policy.name}`;

function policyChanges(base: GovernanceSnapshot, head: GovernanceSnapshot): PolicyChange[] {
  const was = new Map(base.policies.map((policy) => [policyKey(policy), policy]));
  const is = new Map(head.policies.map((policy) => [policyKey(policy), policy]));
  return [...new Set([...was.keys(), ...is.keys()])].sort().flatMap((key) => policyChange(was.get(key), is.get(key)) ?? []);
}

/** Labels of the statements present in both snapshots, so added or removed statements are not double-counted here. */
function statementLabels(snapshot: GovernanceSnapshot): Set<string> {
  return new Set(
    snapshot.policies.flatMap((policy) => (policy.document?.Statement ?? []).map((statement) => `${policy.name}.${statement.Sid ?? '(no Sid)'}`)),
  );
}

function exemptionChanges(base: GovernanceSnapshot, head: GovernanceSnapshot): ExemptionChange[] {
  const inBase = statementLabels(base);
  const common = new Set([...statementLabels(head)].filter((label) => inBase.has(label)));
  const was = new Map(exemptions(base.policies).map((exemption) => [exemption.principal, exemption.exemptFrom.filter((label) => common.has(label))]));
  const is = new Map(exemptions(head.policies).map((exemption) => [exemption.principal, exemption.exemptFrom.filter((label) => common.has(label))]));
  return [...new Set([...was.keys(), ...is.keys()])]
    .sort()
    .map((principal) => ({
      principal,
      gained: minus(is.get(principal) ?? [], was.get(principal) ?? []),
      lost: minus(was.get(principal) ?? [], is.get(principal) ?? []),
    }))
    .filter((change) => change.gained.length > 0 || change.lost.length > 0);
}

function changedArguments(before: Guardrail, after: Guardrail): string[] {
  const was = JSON.parse(before.fingerprint) as Record<string, unknown>;
  const is = JSON.parse(after.fingerprint) as Record<string, unknown>;
  return [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key])).sort();
}

export function guardrailChanges(before: readonly Guardrail[], after: readonly Guardrail[]): GuardrailChange[] {
  const key = (guardrail: Guardrail) => `${guardrail.region}/${guardrail.name}`;
  const was = new Map(before.map((guardrail) => [key(guardrail), guardrail]));
  const is = new Map(after.map((guardrail) => [key(guardrail), guardrail]));
  return [...new Set([...was.keys(), ...is.keys()])].sort().flatMap((name): GuardrailChange[] => {
    const old = was.get(name);
    const current = is.get(name);
    const versionsBefore = old?.versions ?? [];
    const versionsAfter = current?.versions ?? [];
    if (!old) return [{ guardrail: name, kind: 'added', arguments: [], versionsBefore, versionsAfter }];
    if (!current) return [{ guardrail: name, kind: 'removed', arguments: [], versionsBefore, versionsAfter }];
    const args = changedArguments(old, current);
    const versionsChanged = versionsBefore.join('\n') !== versionsAfter.join('\n');
    return args.length > 0 || versionsChanged ? [{ guardrail: name, kind: 'modified', arguments: args, versionsBefore, versionsAfter }] : [];
  });
}

function accountChanges(base: GovernanceSnapshot, head: GovernanceSnapshot): AccountChange[] {
  const was = new Map(base.accounts.map((account) => [account.accountId, account]));
  return head.accounts.flatMap((current): AccountChange[] => {
    const old = was.get(current.accountId);
    if (!old) return [];
    const change: AccountChange = {
      accountId: current.accountId,
      ouBefore: old.ou,
      ouAfter: current.ou,
      regionsAdded: minus(current.regions, old.regions),
      regionsRemoved: minus(old.regions, current.regions),
      guardrails: guardrailChanges(old.guardrails, current.guardrails),
    };
    const changed = change.ouBefore !== change.ouAfter || change.regionsAdded.length + change.regionsRemoved.length + change.guardrails.length > 0;
    return changed ? [change] : [];
  });
}

export function diffGovernance(base: GovernanceSnapshot, head: GovernanceSnapshot): GovernanceChanges {
  const baseAccounts = new Set(base.accounts.map((account) => account.accountId));
  const headAccounts = new Set(head.accounts.map((account) => account.accountId));
  return {
    policies: policyChanges(base, head),
    exemptions: exemptionChanges(base, head),
    accountsAdded: head.accounts.filter((account) => !baseAccounts.has(account.accountId)),
    accountsRemoved: base.accounts.filter((account) => !headAccounts.has(account.accountId)),
    accountsChanged: accountChanges(base, head),
    organizationGuardrails: guardrailChanges(base.organizationGuardrails, head.organizationGuardrails),
    detective: diffDetectiveCoverage(base.detective, head.detective),
  };
}

export function hasChanges(changes: GovernanceChanges): boolean {
  return (
    changes.policies.length +
      changes.exemptions.length +
      changes.accountsAdded.length +
      changes.accountsRemoved.length +
      changes.accountsChanged.length +
      changes.organizationGuardrails.length +
      changes.detective.length >
    0
  );
}
