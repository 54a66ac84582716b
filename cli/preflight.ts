/**
 * `baseline preflight`: whether the organization is ready for the baseline, each
 * failed check with the command that fixes it. Read-only.
 */
import { configPathFromEnv } from '../config/load';
import type { BaselineConfig } from '../config/schema';
import { SERVICE_PRINCIPALS } from '../naming/service-principals';
import { baselinePolicyTypes, REQUIRED_SERVICE_ACCESS_PRINCIPALS } from '../policies/organization-requirements';
import { AWS_PROVIDER_SOURCE, awsProviderConstraint, OPT_IN_PROVIDER_REQUIREMENTS } from '../toolchain/provider-requirements';
import { ExitCode } from './cli-error';
import { parseCommandArgs, type CliContext, type Command } from './command';
import { readValidConfig } from './config-edit';
import { describeOrganization, readOrganizationSettings, requireOrganization, type OrganizationSettings } from './organizations';

const HELP = `Usage: baseline preflight [--config <file>]

Checks, with the management account's credentials, that the organization is ready:
  - the config's management account is the organization's
  - all features are enabled (not consolidated billing only)
  - policy types enabled on the root: SERVICE_CONTROL_POLICY, TAG_POLICY, and
    BEDROCK_POLICY when the config enforces an org guardrail (governance.orgGuardrail)
  - trusted access for cloudtrail.amazonaws.com and macie.amazonaws.com
  - Macie's delegated administrator is coreAccounts.audit
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

/** Services whose delegated administrator the baseline relies on, and the config account that must be it. */
export const DELEGATED_ADMINISTRATORS = [
  { service: SERVICE_PRINCIPALS.macie, configPath: 'coreAccounts.audit', accountOf: (config: BaselineConfig) => config.coreAccounts.audit },
] as const;

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

  for (const principal of REQUIRED_SERVICE_ACCESS_PRINCIPALS) {
    const name = `trusted access for ${principal}`;
    results.push(
      settings.trustedServices.includes(principal)
        ? pass(name)
        : fail(name, 'not enabled', `aws organizations enable-aws-service-access --service-principal ${principal}`),
    );
  }

  for (const { service, configPath, accountOf } of DELEGATED_ADMINISTRATORS) {
    const expected = accountOf(config);
    const name = `${service} delegated administrator is ${expected} (${configPath})`;
    const registered = settings.delegatedAdministrators.get(service) ?? [];
    if (registered.includes(expected)) {
      results.push(pass(name));
      continue;
    }
    const enable = `aws macie2 enable-organization-admin-account --admin-account-id ${expected} --region ${config.organization.homeRegion} (in each region Macie runs)`;
    results.push(
      registered.length === 0
        ? fail(name, 'no delegated administrator registered', enable)
        : fail(
            name,
            `registered: ${registered.join(', ')}`,
            `aws macie2 disable-organization-admin-account --admin-account-id ${registered[0]}, then ${enable}`,
          ),
    );
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

/** The provider releases the stacks of `config` require, and what each opt-in feature needs (printed, not checked: the release is chosen at terraform init). */
export function providerRequirementLines(config: BaselineConfig): string[] {
  const lines = [`Provider releases (${AWS_PROVIDER_SOURCE}):`, `  stacks without an opt-in feature below: ${awsProviderConstraint()}`];
  for (const requirement of OPT_IN_PROVIDER_REQUIREMENTS) {
    lines.push(
      `  ${requirement.enabledIn(config) ? 'on ' : 'off'}  ${requirement.feature} (${requirement.configPath}): ${awsProviderConstraint([requirement.resourceType])} in ${requirement.stacks}, for ${requirement.resourceType} (terraform-provider-aws pull request ${requirement.pullRequest})`,
    );
  }
  lines.push(
    '  No release is known here to ship these resources, and the arguments the baseline emits for them',
    '  (' + OPT_IN_PROVIDER_REQUIREMENTS.map((requirement) => `${requirement.resourceType}: ${requirement.arguments.join(', ')}`).join('; ') + ')',
    '  come from the pull requests. Before switching a feature on, run terraform validate on its stacks against',
    '  the release terraform init selects: it must accept the resource type and these argument names.',
  );
  return lines;
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
    DELEGATED_ADMINISTRATORS.map((admin) => admin.service),
  );
  const results = preflightChecks(config, settings);
  context.stdout.write(`Preflight of organization ${settings.organization.id} for ${file}\n${renderChecks(results)}\n${providerRequirementLines(config).join('\n')}\n`);
  return results.every((result) => result.passed) ? ExitCode.Ok : ExitCode.Findings;
}

export const preflightCommand: Command = {
  name: 'preflight',
  summary: 'check that the organization is ready for the baseline, with the fix for each failure',
  help: HELP,
  run,
};
