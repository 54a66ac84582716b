/**
 * The governance report as Markdown for a pull request: what changed (when a base
 * synth is given), the policies the baseline attaches per OU, who is exempt, and per workload
 * account its OU, regions, guardrails and SCPs. Deterministic: same synths, same text.
 */
import { accountBaselineStackName, ORG_GOVERNANCE_STACK } from '../../naming/stacks';
import { asList, type PolicyStatement } from '../../policies/document';
import { accountDetectors, type DetectiveCoverage } from './detective-coverage';
import { hasChanges, type GovernanceChanges, type GuardrailChange, type PolicyChange } from './governance-diff';
import { optInsOf, optInSummary } from './opt-ins';
import { directionMeaning, type StatementChange } from './policy-diff';
import { exemptions, patternCoversAccount, type AccountBaseline, type GovernanceSnapshot, type Guardrail, type OrganizationPolicy } from './snapshot';

const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

/** Inline code that survives backticks and table pipes in the value. */
export function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value.replace(/\|/g, '\\|')}${fence}`;
}

const codeList = (values: readonly string[]): string => (values.length === 0 ? '—' : values.map(code).join(', '));
const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`;

/** One line for a statement: effect, actions, resources, conditions. */
export function describeStatement(statement: PolicyStatement): string {
  const actions = statement.NotAction ? `every action except ${codeList(asList(statement.NotAction))}` : codeList(asList(statement.Action));
  const resources = statement.NotResource ? `every resource except ${codeList(asList(statement.NotResource))}` : codeList(asList(statement.Resource));
  const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, value]) => `${code(operator)} ${code(key)} ${codeList(asList(value))}`),
  );
  return `${statement.Effect} ${actions} on ${resources}${conditions.length > 0 ? ` when ${conditions.join(' and ')}` : ''}`;
}

/** `Condition ArnNotLike aws:PrincipalArn` with the operator and key as code. */
function elementLabel(element: string): string {
  const condition = /^Condition (\S+) (.+)$/.exec(element);
  return condition ? `Condition ${code(condition[1]!)} ${code(condition[2]!)}` : element;
}

function statementChangeLines(change: StatementChange): string[] {
  if (change.kind !== 'modified') return [`- ${code(change.sid)} **${change.kind}**: ${describeStatement(change.statement!)}`];
  const lines = [`- ${code(change.sid)} **${directionMeaning(change.direction!, change.effect)}**`];
  for (const element of change.changes) {
    const parts = [
      element.added.length > 0 ? `added ${codeList(element.added)}` : '',
      element.removed.length > 0 ? `removed ${codeList(element.removed)}` : '',
    ].filter(Boolean);
    lines.push(`  - ${elementLabel(element.element)}: ${parts.join('; ')} (${element.direction})`);
  }
  return lines;
}

function policyChangeLines(change: PolicyChange): string[] {
  const lines = [`#### ${change.type === SCP_TYPE ? 'SCP' : change.type} ${code(change.name)}: ${change.kind}`];
  if (change.size.before !== change.size.after) lines.push(`- size ${change.size.before} → ${change.size.after} characters`);
  if (change.attachedTo.length > 0) lines.push(`- attached to ${codeList(change.attachedTo)}`);
  if (change.detachedFrom.length > 0) lines.push(`- detached from ${codeList(change.detachedFrom)}`);
  for (const optIn of change.optInsAdded) lines.push(`- **opt-in added, access widened**: ${code(optIn)}, ${optInSummary(optIn)}`);
  for (const optIn of change.optInsRemoved) lines.push(`- opt-in removed: ${code(optIn)}`);
  if (change.statements.length > 0) lines.push(...change.statements.flatMap(statementChangeLines));
  else if (change.contentChanged && change.kind === 'modified') lines.push('- content changed');
  return lines;
}

function guardrailChangeLine(change: GuardrailChange): string {
  const versions =
    change.versionsBefore.join(', ') !== change.versionsAfter.join(', ')
      ? `; versions ${codeList(change.versionsBefore)} → ${codeList(change.versionsAfter)}`
      : '';
  const args = change.arguments.length > 0 ? `: ${codeList(change.arguments)}` : '';
  return `guardrail ${code(change.guardrail)} ${change.kind}${args}${versions}`;
}

function changeSection(changes: GovernanceChanges): string[] {
  const lines = ['## What changed in governance terms', ''];
  if (!hasChanges(changes)) return [...lines, 'No governance changes between the base synth and this one.', ''];
  if (changes.policies.length > 0)
    lines.push('### Organization policies', '', ...changes.policies.flatMap((change) => [...policyChangeLines(change), '']));
  if (changes.exemptions.length > 0) {
    lines.push('### Exemptions', '');
    for (const change of changes.exemptions) {
      if (change.gained.length > 0) lines.push(`- ${code(change.principal)} **newly exempt** from ${codeList(change.gained)}`);
      if (change.lost.length > 0) lines.push(`- ${code(change.principal)} no longer exempt from ${codeList(change.lost)}`);
    }
    lines.push('');
  }
  if (changes.organizationGuardrails.length > 0)
    lines.push('### Organization guardrails', '', ...changes.organizationGuardrails.map((change) => `- ${guardrailChangeLine(change)}`), '');
  if (changes.detective.length > 0) {
    lines.push(
      '### Detective coverage',
      '',
      ...changes.detective.map((change) => `- ${change.detector}: ${change.widening ? '**widened**, ' : ''}${change.description}`),
      '',
    );
  }
  const accountLines = [
    ...changes.accountsAdded.map(
      (account) => `- ${code(account.accountId)} **added**: OU ${account.ou ? code(account.ou) : 'unknown'}, regions ${codeList(account.regions)}`,
    ),
    ...changes.accountsRemoved.map(
      (account) =>
        `- ${code(account.accountId)} **removed** from the synth: its stack ${code(account.stack)} is no longer planned, and nothing destroys what it deployed`,
    ),
    ...changes.accountsChanged.flatMap((change) => {
      const parts = [
        change.ouBefore !== change.ouAfter
          ? `OU ${change.ouBefore ? code(change.ouBefore) : 'unknown'} → ${change.ouAfter ? code(change.ouAfter) : 'unknown'}`
          : '',
        change.regionsAdded.length > 0 ? `regions added ${codeList(change.regionsAdded)}` : '',
        change.regionsRemoved.length > 0 ? `regions removed ${codeList(change.regionsRemoved)}` : '',
        ...change.guardrails.map(guardrailChangeLine),
      ].filter(Boolean);
      return [`- ${code(change.accountId)}: ${parts.join('; ')}`];
    }),
  ];
  if (accountLines.length > 0) lines.push('### Workload accounts', '', ...accountLines, '');
  return lines;
}

function policiesByTarget(policies: readonly OrganizationPolicy[]): Map<string, OrganizationPolicy[]> {
  const byTarget = new Map<string, OrganizationPolicy[]>();
  for (const policy of policies) for (const target of policy.targets) byTarget.set(target, [...(byTarget.get(target) ?? []), policy]);
  return byTarget;
}

function policySection(snapshot: GovernanceSnapshot): string[] {
  const lines = [
    '## Organization policies per target',
    '',
    'What this synth attaches. Policies attached elsewhere (the root, parent OUs, `FullAWSAccess`) apply as well.',
    '',
  ];
  const byTarget = policiesByTarget(snapshot.policies);
  if (byTarget.size === 0) return [...lines, 'No organization policy is attached in this synth.', ''];
  lines.push('| Target | Service control policies | Other policies |', '| --- | --- | --- |');
  for (const target of [...byTarget.keys()].sort()) {
    const policies = byTarget.get(target)!;
    const scps = policies.filter((policy) => policy.type === SCP_TYPE).map((policy) => policy.name);
    const others = policies.filter((policy) => policy.type !== SCP_TYPE).map((policy) => `${policy.name} (${policy.type})`);
    lines.push(`| ${code(target)} | ${codeList(scps)} | ${codeList(others)} |`);
  }
  lines.push('', ...optInSection(snapshot));
  for (const policy of snapshot.policies) {
    lines.push(
      `### ${policy.type === SCP_TYPE ? 'SCP' : policy.type} ${code(policy.name)}`,
      '',
      `${policy.description || '(no description)'} ${policy.content.length} characters.`,
      '',
    );
    if (policy.document)
      lines.push(...policy.document.Statement.map((statement) => `- ${code(statement.Sid ?? '(no Sid)')}: ${describeStatement(statement)}`));
    else lines.push('```json', policy.content, '```');
    lines.push('');
  }
  return lines;
}

/** Per OU perimeter, the default-denied classes it opts into: each one widens what the OU's accounts may do. */
function optInSection(snapshot: GovernanceSnapshot): string[] {
  const rows = snapshot.policies.flatMap((policy) => {
    const optIns = optInsOf(policy);
    return optIns === undefined
      ? []
      : policy.targets.map(
          (target) =>
            `| ${code(target)} | ${code(policy.name)} | ${optIns.length === 0 ? 'none' : optIns.map((optIn) => `${code(optIn)}: ${optInSummary(optIn)}`).join('<br>')} |`,
        );
  });
  if (rows.length === 0) return [];
  return [
    '### Opt-ins per OU',
    '',
    "Default-denied classes of model-running actions (docs/scps.md) that a perimeter lets its OU use. Each opt-in widens the OU's access.",
    '',
    '| Target | Perimeter | Opted in |',
    '| --- | --- | --- |',
    ...rows.sort(),
    '',
  ];
}

function exemptionSection(snapshot: GovernanceSnapshot): string[] {
  const found = exemptions(snapshot.policies);
  const lines = ['## Exemptions', '', 'Principals that Deny statements leave out through `aws:PrincipalArn` conditions.', ''];
  if (found.length === 0) return [...lines, 'None.', ''];
  lines.push('| Principal | Exempt from | Taken back by |', '| --- | --- | --- |');
  for (const exemption of found) {
    const scope =
      exemption.exemptFrom.length === exemption.outOf
        ? `all ${exemption.outOf} Deny statements`
        : `${exemption.exemptFrom.length} of ${exemption.outOf}: ${codeList(exemption.exemptFrom)}`;
    lines.push(`| ${code(exemption.principal)} | ${scope} | ${codeList(exemption.narrowedBy)} |`);
  }
  return [...lines, ''];
}

function guardrailSummary(guardrails: readonly Guardrail[]): string {
  if (guardrails.length === 0) return 'none in this synth';
  return guardrails
    .map((guardrail) => {
      const version = guardrail.versions.length > 0 ? `pinned version ${codeList(guardrail.versions)}` : '**no published version**';
      return `${guardrail.region}: ${code(guardrail.name)}, ${version}`;
    })
    .join('<br>');
}

function accountRow(account: AccountBaseline, byTarget: ReadonlyMap<string, readonly OrganizationPolicy[]>): string {
  const inEffect = account.ou && byTarget.size > 0 ? (byTarget.get(account.ou) ?? []).filter((policy) => policy.type === SCP_TYPE) : undefined;
  const scps =
    inEffect !== undefined
      ? codeList(inEffect.map((policy) => policy.name))
      : account.ou
        ? `${ORG_GOVERNANCE_STACK} not in this synth`
        : 'OU unknown';
  const exempt =
    inEffect === undefined
      ? '—'
      : exemptions(inEffect)
          .filter((exemption) => patternCoversAccount(exemption.principal, account.accountId))
          .map((exemption) => `${code(exemption.principal.replace(/^arn:[^:]*:iam::[^:]*:/, ''))} ${exemption.exemptFrom.length}/${exemption.outOf}`)
          .join('<br>') || '—';
  return `| ${code(account.accountId)} | ${account.ou ? code(account.ou) : 'unknown'} | ${account.regions.join(', ')} | ${guardrailSummary(
    account.guardrails,
  )} | ${scps} | ${exempt} |`;
}

function accountSection(snapshot: GovernanceSnapshot): string[] {
  const lines = ['## Workload accounts', ''];
  if (snapshot.accounts.length === 0) return [...lines, `No \`${accountBaselineStackName('<account>')}\` stack in this synth.`, ''];
  const byTarget = policiesByTarget(snapshot.policies);
  lines.push(
    "Exemptions: principal patterns exempt from the SCPs of the account's OU, with how many of their Deny statements.",
    '',
    '| Account | OU | Regions | Guardrails | Baseline SCPs of its OU | Exemptions |',
    '| --- | --- | --- | --- | --- | --- |',
    ...snapshot.accounts.map((account) => accountRow(account, byTarget)),
    '',
  );
  if (snapshot.organizationGuardrails.length > 0) lines.push('Organization guardrails: ' + guardrailSummary(snapshot.organizationGuardrails), '');
  return lines;
}

function detectiveSection(snapshot: GovernanceSnapshot): string[] {
  const coverage: DetectiveCoverage = snapshot.detective;
  const { guardDuty, securityHub, trail } = coverage;
  const lines = ['## Detective coverage', ''];
  lines.push(
    `- GuardDuty: ${guardDuty ? `detectors in ${codeList(guardDuty.regions)}; AI Protection in ${codeList(guardDuty.aiProtectionRegions)}` : '**not deployed**'}`,
    `- Security Hub CSPM: ${securityHub ? `standards ${codeList(securityHub.standards)} for ${codeList(securityHub.targets)}` : '**not deployed**'}`,
    `- Organization trail: ${trail ? `${plural(trail.dataEventTypes.length, 'data event type')}${trail.readOnlyDataEvents ? '' : ' (mutating calls only)'}` : 'not in this synth'}`,
    `- Macie: ${coverage.macieBuckets.length > 0 ? codeList(coverage.macieBuckets) : 'no classification job'}`,
    '',
  );
  if (snapshot.accounts.length > 0) {
    lines.push('| Account | Detectors |', '| --- | --- |');
    for (const account of snapshot.accounts)
      lines.push(`| ${code(account.accountId)} | ${accountDetectors(coverage, account).join('<br>') || '**none**'} |`);
    lines.push('');
  }
  return lines;
}

/** The full report; `changes` adds the "what changed" section at the top. */
export function renderGovernanceReport(snapshot: GovernanceSnapshot, changes?: GovernanceChanges): string {
  const accounts = snapshot.accounts.length;
  const lines = [
    '# Governance report',
    '',
    `${plural(snapshot.stacks.length, 'stack')}: ${plural(accounts, 'workload account')}, ${plural(
      snapshot.policies.length,
      'organization policy',
      'organization policies',
    )}.`,
    '',
    ...(changes ? changeSection(changes) : []),
    ...policySection(snapshot),
    ...exemptionSection(snapshot),
    ...accountSection(snapshot),
    ...detectiveSection(snapshot),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
