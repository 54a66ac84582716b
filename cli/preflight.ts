/**
 * `baseline preflight`: whether the organization is ready for the baseline, each
 * failed check with the command that fixes it. Read-only.
 */
import { configPathFromEnv } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { guardDutyRegions } from '../detection/scope';
import { SERVICE_PRINCIPALS } from '../naming/service-principals';
import { baselinePolicyTypes, baselineServiceAccessPrincipals } from '../policies/organization-requirements';
import {
  AWS_PROVIDER_SOURCE,
  awsProviderConstraint,
  OPT_IN_PROVIDER_REQUIREMENTS,
  optInRequirementKey,
  type OptInProviderRequirement,
} from '../toolchain/provider-requirements';
import { ExitCode } from './cli-error';
import { parseCommandArgs, type CliContext, type Command } from './command';
import { readValidConfig } from './config-edit';
import { checkEffectiveGuardrails, describeEffectivePolicyCommand, guardrailExpectation, type EffectivePolicyOutcome } from './effective-policy';
import { describeOrganization, readOrganizationSettings, requireOrganization, walkGovernedOus, type OrganizationSettings } from './organizations';
import { progressOn } from './progress';

const HELP = `Usage: baseline preflight [--config <file>]

Checks, with the management account's credentials, that the organization is ready:
  - the config's management account is the organization's
  - all features are enabled (not consolidated billing only)
  - policy types enabled on the root: SERVICE_CONTROL_POLICY, TAG_POLICY, and
    BEDROCK_POLICY when the config enforces an org guardrail (governance.orgGuardrail)
  - trusted access for cloudtrail.amazonaws.com and macie.amazonaws.com, and for
    guardduty.amazonaws.com and securityhub.amazonaws.com when detection enables them
  - the delegated administrator of Macie (and of GuardDuty and Security Hub when
    enabled) is coreAccounts.audit
  - with governance.orgGuardrail enforced: the effective BEDROCK_POLICY of every ACTIVE
    account under the governed OUs names the organization guardrail in every region
    (DescribeEffectivePolicy, a few accounts at a time; progress on a terminal)
Each failed check prints its fix. Then it lists the ${AWS_PROVIDER_SOURCE} releases the stacks
require, and which opt-in features raise that requirement.

Options:
  --config <file>  config file (default: $BASELINE_CONFIG or config/baseline.yaml)

Exit: 0 all checks pass, 1 a check failed, 2-7 see baseline --help.`;

export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  /** What was found, when it failed. */
  readonly detail?: string;
  /** The command or step that fixes it, when it failed. */
  readonly fix?: string;
}

/** A service whose delegated administrator the baseline relies on, and how to designate or remove one. */
export interface DelegatedAdministrator {
  readonly service: string;
  /** The config path of the account that must be it. */
  readonly configPath: string;
  /** The command that designates `account`. */
  readonly enable: (account: string) => string;
  /** The command that removes `account`. */
  readonly disable: (account: string) => string;
}

/** The services of `config` whose delegated administrator must be coreAccounts.audit. */
export function delegatedAdministrators(config: BaselineConfig): DelegatedAdministrator[] {
  const home = config.organization.homeRegion;
  const admin = (service: string, cli: string, where: string): DelegatedAdministrator => ({
    service,
    configPath: 'coreAccounts.audit',
    enable: (account) => `aws ${cli} enable-organization-admin-account --admin-account-id ${account} ${where}`,
    disable: (account) => `aws ${cli} disable-organization-admin-account --admin-account-id ${account}`,
  });
  const { detection } = config;
  return [
    admin(SERVICE_PRINCIPALS.macie, 'macie2', `--region ${home} (in each region Macie runs)`),
    ...(detection.guardDuty.enabled
      ? [admin(SERVICE_PRINCIPALS.guardDuty, 'guardduty', `--region <region> in each of ${guardDutyRegions(config).join(', ')}`)]
      : []),
    ...(detection.securityHub.enabled ? [admin(SERVICE_PRINCIPALS.securityHub, 'securityhub', `--region ${home}`)] : []),
  ];
}

const pass = (name: string): CheckResult => ({ name, passed: true });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, passed: false, detail, fix });

/** Every check against what the organization reported; pure, so each rule is tested without AWS. */
export function preflightChecks(config: BaselineConfig, settings: OrganizationSettings): CheckResult[] {
  const results: CheckResult[] = [];
  const { organization } = settings;
  const management = `management account is ${config.organization.managementAccountId}`;
  results.push(
    organization.managementAccountId === config.organization.managementAccountId
      ? pass(management)
      : fail(
          management,
          `the organization's management account is ${organization.managementAccountId}`,
          `set organization.managementAccountId to "${organization.managementAccountId}"`,
        ),
  );

  const allFeatures = 'all features enabled';
  results.push(
    organization.featureSet === 'ALL'
      ? pass(allFeatures)
      : fail(
          allFeatures,
          `feature set is ${organization.featureSet || 'unknown'}: SCPs and management policies need all features`,
          'aws organizations enable-all-features, then have every member account accept the handshake',
        ),
  );

  const root = settings.roots[0];
  for (const type of baselinePolicyTypes(config)) {
    const name = `${type} enabled on the root`;
    if (!root?.Id) {
      results.push(fail(name, 'no root found', 'run preflight with credentials of the management account'));
      continue;
    }
    const status = root.PolicyTypes?.find((policyType) => policyType.Type === type)?.Status;
    results.push(
      status === 'ENABLED'
        ? pass(name)
        : fail(
            name,
            status ? `status ${status}` : 'not enabled',
            status === 'PENDING_ENABLE'
              ? 'wait a minute and run preflight again'
              : `aws organizations enable-policy-type --root-id ${root.Id} --policy-type ${type}`,
          ),
    );
  }

  for (const principal of baselineServiceAccessPrincipals(config)) {
    const name = `trusted access for ${principal}`;
    results.push(
      settings.trustedServices.includes(principal)
        ? pass(name)
        : fail(name, 'not enabled', `aws organizations enable-aws-service-access --service-principal ${principal}`),
    );
  }

  const expected = config.coreAccounts.audit;
  for (const admin of delegatedAdministrators(config)) {
    const name = `${admin.service} delegated administrator is ${expected} (${admin.configPath})`;
    const registered = settings.delegatedAdministrators.get(admin.service) ?? [];
    if (registered.includes(expected)) {
      results.push(pass(name));
      continue;
    }
    results.push(
      registered.length === 0
        ? fail(name, 'no delegated administrator registered', admin.enable(expected))
        : fail(name, `registered: ${registered.join(', ')}`, `${admin.disable(registered[0]!)}, then ${admin.enable(expected)}`),
    );
  }
  return results;
}

/** One check for the organization guardrail over every account read, and one failed check per account it does not reach. */
export function effectiveGuardrailChecks(outcomes: readonly EffectivePolicyOutcome[], accountNames: ReadonlyMap<string, string>): CheckResult[] {
  const label = (accountId: string) => `${accountId}${accountNames.get(accountId) ? ` (${accountNames.get(accountId)})` : ''}`;
  const enforced = outcomes.filter((outcome) => outcome.status === 'enforced').length;
  const results: CheckResult[] = [];
  if (enforced === outcomes.length)
    results.push(pass(`organization guardrail in the effective BEDROCK_POLICY of all ${outcomes.length} governed account(s)`));
  for (const outcome of outcomes) {
    const name = `organization guardrail in the effective BEDROCK_POLICY of ${label(outcome.accountId)}`;
    if (outcome.status === 'missing') {
      results.push(
        fail(
          name,
          outcome.problems.join('; '),
          `deploy org-governance (it attaches the BEDROCK_POLICY to the account's OU and enables the type on the root), and look for a policy above the OU that overrides it: ${describeEffectivePolicyCommand(outcome.accountId)}`,
        ),
      );
    } else if (outcome.status === 'unverified') {
      results.push(
        fail(name, `not read: ${outcome.error}`, 'allow organizations:DescribeEffectivePolicy to the credentials, or run preflight again'),
      );
    }
  }
  return results;
}

export function renderChecks(results: readonly CheckResult[]): string {
  const lines = results.flatMap((result) =>
    result.passed ? [`  PASS  ${result.name}`] : [`  FAIL  ${result.name}: ${result.detail}`, `        fix: ${result.fix}`],
  );
  const failed = results.filter((result) => !result.passed).length;
  lines.push('', failed === 0 ? `All ${results.length} checks passed.` : `${failed} of ${results.length} checks failed.`);
  return `${lines.join('\n')}\n`;
}

/** What a requirement is about: the resource type, with the argument value for a bound resource. */
function requirementSubject(requirement: OptInProviderRequirement): string {
  const { reason } = requirement;
  return reason.kind === 'unbound-resource' ? requirement.resourceType : `${requirement.resourceType} with ${reason.argument} ${reason.value}`;
}

/** The provider releases the stacks of `config` require, and what each opt-in feature needs (printed, not checked: the release is chosen at terraform init). */
export function providerRequirementLines(config: BaselineConfig): string[] {
  const lines = [`Provider releases (${AWS_PROVIDER_SOURCE}):`, `  stacks without an opt-in feature below: ${awsProviderConstraint()}`];
  for (const requirement of OPT_IN_PROVIDER_REQUIREMENTS) {
    lines.push(
      `  ${requirement.enabledIn(config) ? 'on ' : 'off'}  ${requirement.feature} (${requirement.configPath}): ${awsProviderConstraint([optInRequirementKey(requirement)])} in ${requirement.stacks}, for ${requirementSubject(requirement)} (terraform-provider-aws pull request ${requirement.pullRequest})`,
    );
  }
  const unbound = OPT_IN_PROVIDER_REQUIREMENTS.filter((requirement) => requirement.reason.kind === 'unbound-resource');
  lines.push(
    '  No release is known here to ship the resources no binding has, and the arguments the baseline emits for them',
    '  (' + unbound.map((requirement) => `${requirement.resourceType}: ${requirement.arguments.join(', ')}`).join('; ') + ')',
    '  come from the pull requests. Before switching a feature on, run terraform validate on its stacks against',
    '  the release terraform init selects: it must accept the resource type and these argument names.',
  );
  const firstReleases = OPT_IN_PROVIDER_REQUIREMENTS.filter((requirement) => requirement.firstIn !== undefined);
  if (firstReleases.length > 0) {
    lines.push(
      `  ${[...new Set(firstReleases.map((requirement) => `${requirement.feature} ${requirement.firstIn}`))].join(', ')}: the first release whose provider accepts the value,`,
      '  as its maintainers announced it; terraform validate against the selected release confirms it.',
    );
  }
  return lines;
}

/** Every ACTIVE account under the governed OUs, by id -> name, walked without reading tags. */
async function governedActiveAccounts(context: CliContext, config: BaselineConfig): Promise<Map<string, string>> {
  const progress = progressOn(context.stderr);
  const tree = await walkGovernedOus(
    context.organizations(),
    config.organizationalUnits.map((ou) => ou.id),
    { onWalk: (ous, accounts) => progress.update(`walking OUs: ${ous} OU(s), ${accounts} account(s)`, ous) },
    false,
  );
  progress.finish();
  return new Map(tree.accounts.filter((account) => account.state === 'ACTIVE').map((account) => [account.id, account.name]));
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const options = parseCommandArgs('preflight', args, { config: { type: 'string' } });
  const file = options.config ?? configPathFromEnv(context.env);
  const { config } = readValidConfig(file);
  const client = context.organizations();
  const organization = await describeOrganization(client);
  requireOrganization(organization, config.organization.id, file);
  const settings = await readOrganizationSettings(
    client,
    organization,
    delegatedAdministrators(config).map((admin) => admin.service),
  );
  const results = preflightChecks(config, settings);
  const expectation = guardrailExpectation(config);
  if (expectation) {
    const accounts = await governedActiveAccounts(context, config);
    const progress = progressOn(context.stderr);
    const outcomes = await checkEffectiveGuardrails(client, [...accounts.keys()], expectation, (done, total) =>
      progress.update('effective BEDROCK_POLICY read', done, total),
    );
    progress.finish();
    results.push(...effectiveGuardrailChecks(outcomes, accounts));
  }
  context.stdout.write(
    `Preflight of organization ${settings.organization.id} for ${file}\n${renderChecks(results)}\n${providerRequirementLines(config).join('\n')}\n`,
  );
  return results.every((result) => result.passed) ? ExitCode.Ok : ExitCode.Findings;
}

export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'check that the organization is ready for the baseline, with the fix for each failure',
  help: HELP,
  run,
};
