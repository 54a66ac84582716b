/**
 * `baseline discover`: the OUs and accounts under the governed OUs, their tags, and
 * the drift against the config; `--write` resolves what it can in the config file.
 */
import { configPathFromEnv } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { ExitCode } from './cli-error';
import { parseCommandArgs, type CliContext, type Command } from './command';
import { addWorkloadAccounts, readValidConfig, updateAccountPlacements, validateConfigText, writeFileAtomically } from './config-edit';
import { driftReport, type DriftReport } from './drift';
import { checkEffectiveGuardrails, guardrailExpectation } from './effective-policy';
import { mapBounded } from './aws';
import { describeOrganization, locateAccount, requireOrganization, walkGovernedOus, type GovernedTree, type OrgAccount } from './organizations';
import { progressOn } from './progress';

const LOCATE_CONCURRENCY = 4;

const HELP = `Usage: baseline discover [--config <file>] [--write] [--json]

Lists the OUs and accounts under the governed OUs (organizationalUnits of the config,
child OUs included) with their tags, and reports drift against the config:
  unbaselined          ACTIVE account under a governed OU with no workloadAccounts entry
  moved                config account now under another governed OU
  ungoverned           config account moved outside every governed OU (SCPs no longer apply)
  inactive             config account SUSPENDED or PENDING_CLOSURE
  not-in-organization  config account no longer in the organization
  tag-gap              account tags in Organizations differ from the config's mandatory tags
  ou-missing           declared OU that does not exist
  guardrail-missing    with governance.orgGuardrail enforced: ACTIVE account whose effective
                       BEDROCK_POLICY lacks the organization guardrail in a region
  guardrail-unverified its effective BEDROCK_POLICY could not be read

Options:
  --config <file>  config file (default: $BASELINE_CONFIG or config/baseline.yaml)
  --write          add unbaselined accounts whose tags supply every mandatory tag
                   (regions: those of its OU) and correct moved accounts;
                   the edit is validated like synth before the file is replaced
  --json           print the inventory and findings as JSON instead of text

Exit: 0 no drift left, 1 drift left to act on, 2-7 see baseline --help.
Needs organizations:Describe*/List* in the management account (or a delegated administrator).`;

function accountsPerOu(tree: GovernedTree): Map<string, OrgAccount[]> {
  const byOu = new Map<string, OrgAccount[]>();
  for (const account of tree.accounts) byOu.set(account.parentId, [...(byOu.get(account.parentId) ?? []), account]);
  return byOu;
}

function renderText(config: BaselineConfig, organizationId: string, tree: GovernedTree, report: DriftReport, written: boolean): string {
  const configured = new Map(config.workloadAccounts.map((account) => [account.id, account]));
  const byOu = accountsPerOu(tree);
  const lines: string[] = [`Organization ${organizationId}`, ''];
  const active = tree.accounts.filter((account) => account.state === 'ACTIVE').length;
  lines.push(`Governed OUs: ${tree.ous.length} OU(s), ${active} ACTIVE account(s), ${tree.accounts.length - active} in another state`);
  for (const ou of tree.ous) {
    const declared = config.organizationalUnits.find((candidate) => candidate.id === ou.id);
    const heading = declared
      ? `${ou.id}  ${ou.name}  (environment ${declared.environment})`
      : `  ${ou.id}  ${ou.name}  (child OU, governed by ${ou.governedBy})`;
    lines.push(`  ${heading}`);
    for (const account of byOu.get(ou.id) ?? []) {
      const entry = configured.get(account.id);
      const status = account.state !== 'ACTIVE' ? account.state : entry ? `baseline ${entry.name}` : 'no baseline';
      lines.push(`      ${account.id}  ${account.name || '-'}  ${status}`);
    }
  }
  lines.push('');
  if (report.findings.length === 0) {
    lines.push('No drift: the config matches the organization.');
  } else {
    lines.push(`Drift: ${report.findings.length} finding(s)`);
    for (const finding of report.findings) {
      const resolved = written && finding.writable ? ' (written)' : '';
      lines.push(`  [${finding.kind}] ${finding.message}${resolved}`, `      fix: ${finding.fix}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const options = parseCommandArgs('discover', args, {
    config: { type: 'string' },
    write: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const file = options.config ?? configPathFromEnv(context.env);
  const { text, config } = readValidConfig(file);
  const client = context.organizations();
  requireOrganization(await describeOrganization(client), config.organization.id, file);

  const declaredOuIds = config.organizationalUnits.map((ou) => ou.id);
  const progress = progressOn(context.stderr);
  const tree = await walkGovernedOus(client, declaredOuIds, {
    onWalk: (ous, accounts) => progress.update(`walking OUs: ${ous} OU(s), ${accounts} account(s)`, ous),
    onTags: (done, total) => progress.update('account tags read', done, total),
  });
  const underGoverned = new Set(tree.accounts.map((account) => account.id));
  const strays = config.workloadAccounts.filter((account) => !underGoverned.has(account.id)).map((account) => account.id);
  const located = await mapBounded(
    strays,
    LOCATE_CONCURRENCY,
    (id) => locateAccount(client, id, declaredOuIds),
    (done) => progress.update('config accounts outside the governed OUs located', done, strays.length),
  );
  const expectation = guardrailExpectation(config);
  const effectiveGuardrails = expectation
    ? await checkEffectiveGuardrails(
        client,
        tree.accounts.filter((account) => account.state === 'ACTIVE').map((account) => account.id),
        expectation,
        (done, total) => progress.update('effective BEDROCK_POLICY read', done, total),
      )
    : undefined;
  progress.finish();

  const report = driftReport({ config, tree, elsewhere: new Map(strays.map((id, index) => [id, located[index]])), effectiveGuardrails });
  let written = false;
  if (options.write && (report.additions.length > 0 || report.placements.length > 0)) {
    const edited = updateAccountPlacements(addWorkloadAccounts(text, report.additions), report.placements);
    validateConfigText(edited, file);
    writeFileAtomically(file, edited);
    written = true;
  }

  if (options.json) {
    context.stdout.write(`${JSON.stringify({ organizationId: config.organization.id, ...tree, findings: report.findings, written }, null, 2)}\n`);
  } else {
    context.stdout.write(renderText(config, config.organization.id, tree, report, written));
    if (written) context.stdout.write(`Wrote ${report.additions.length} new and ${report.placements.length} corrected account(s) to ${file}.\n`);
  }
  const remaining = report.findings.filter((finding) => !(written && finding.writable));
  return remaining.length > 0 ? ExitCode.Findings : ExitCode.Ok;
}

export const discoverCommand: Command = {
  name: 'discover',
  summary: 'list governed OUs and accounts, report drift against the config (--write fixes what it can)',
  help: HELP,
  run,
};
