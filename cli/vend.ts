/**
 * `baseline vend`: the step of an account-vending pipeline that puts a new account
 * under the baseline. Checks the account in Organizations, adds it to the config
 * (validated like synth before the file is replaced), then prints or runs the deploy
 * of its one stack. A second run with the same arguments changes nothing.
 */
import { CONFIG_PATH_ENV, configPathFromEnv, DEFAULT_CONFIG_PATH } from '../config/load';
import { regionsOfOu } from '../config/regions';
import { AccountIdSchema, type BaselineConfig, type WorkloadAccount } from '../config/schema';
import { accountSuppliedTagKeys } from '../config/tags';
import { accountBaselineStackName, STACK_SELECTION_ENV } from '../naming/stacks';
import { checkedFlavour, type Flavour } from '../toolchain/flavour';
import { CliError, ExitCode } from './cli-error';
import { commaList, parseCommandArgs, required, usageError, type CliContext, type Command } from './command';
import { accountNameFor, addWorkloadAccounts, readValidConfig, validateConfigText, writeFileAtomically, type AccountEntry } from './config-edit';
import { shellQuote } from './drift';
import { describeOrganization, locateAccount, requireOrganization, type OrgAccount } from './organizations';

const HELP = `Usage: baseline vend --account-id <id> --ou <ou-id> --environment <env> [--tag Key=Value]...
                     [--name <name>] [--regions <r1,r2>] [--config <file>] [--deploy]

Puts one account under the baseline:
  1. checks in Organizations that the account exists, is ACTIVE and sits in --ou
     (directly or in a child OU that is not itself declared)
  2. adds it to workloadAccounts; mandatory tags not given with --tag are taken from
     the account's tags in Organizations; the result is validated like synth, and an
     invalid result leaves the file untouched
  3. prints the deploy command of its stack, or runs it with --deploy
An account already in the config with the same settings is left as it is (the deploy
command is still printed or run); one with other settings is refused, never edited.

Options:
  --account-id <id>     12-digit account id (required)
  --ou <ou-id>          declared OU the account sits in (required)
  --environment <env>   environment; must be the OU's (required)
  --tag Key=Value       a tag value, repeatable
  --name <name>         config name (default: from the account name in Organizations)
  --regions <r1,r2>     regions of its baseline (default: the regions of its OU)
  --config <file>       config file (default: $BASELINE_CONFIG or config/baseline.yaml)
  --deploy              run the deploy (terraform and credentials for the deployment role needed)

Exit: 0 done, 1 account refused, 3 invalid result (nothing written), 8 deploy failed; 2-7 see baseline --help.`;

function parseTags(command: string, values: readonly string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const value of values) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw usageError(command, `--tag ${value}: expected Key=Value`);
    const [, key, tagValue] = match as unknown as [string, string, string];
    if (key in tags) throw usageError(command, `--tag ${key} given twice`);
    tags[key] = tagValue;
  }
  return tags;
}

interface VendRequest {
  readonly accountId: string;
  readonly ou: string;
  readonly environment: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly name?: string;
  readonly regions?: readonly string[];
}

/** Refuses an account that is missing, not ACTIVE or outside the OU; says where it is instead. */
function checkAccount(request: VendRequest, org: OrgAccount | undefined, organizationId: string): OrgAccount {
  if (org === undefined) {
    throw new CliError(`account ${request.accountId} is not in organization ${organizationId}`, ExitCode.Findings);
  }
  if (org.state !== 'ACTIVE') {
    throw new CliError(`account ${request.accountId} (${org.name}) is ${org.state}, not ACTIVE; vend it once it is active`, ExitCode.Findings);
  }
  if (org.governedBy !== request.ou) {
    const where = org.governedBy === undefined ? `${org.parentId}, outside every governed OU` : `${org.parentId}, governed by ${org.governedBy}`;
    throw new CliError(
      `account ${request.accountId} (${org.name}) is in ${where}, not in ${request.ou}; move it first or pass its OU`,
      ExitCode.Findings,
    );
  }
  return org;
}

/** The entry to add: explicit tags win over Organizations tags, only mandatory keys are taken from there. */
function proposedEntry(config: BaselineConfig, request: VendRequest, org: OrgAccount): AccountEntry {
  const fromOrganizations = accountSuppliedTagKeys(config).filter((key) => !(key in request.tags) && org.tags[key] !== undefined);
  const taken = new Set(config.workloadAccounts.map((account) => account.name));
  return {
    id: request.accountId,
    name: request.name ?? accountNameFor(org.name, request.accountId, taken),
    ou: request.ou,
    environment: request.environment,
    regions: request.regions ?? [
      ...regionsOfOu(config.organizationalUnits.find((ou) => ou.id === request.ou) ?? {}, config.governance.allowedRegions),
    ],
    tags: { ...Object.fromEntries(fromOrganizations.map((key) => [key, org.tags[key]!])), ...request.tags },
  };
}

/** Differences between what was asked and an existing entry; only what the caller chose is compared. */
function conflicts(existing: WorkloadAccount, request: VendRequest): string[] {
  const differences: string[] = [];
  const compare = (field: string, asked: string, has: string) => {
    if (asked !== has) differences.push(`${field}: asked ${asked}, config has ${has}`);
  };
  compare('ou', request.ou, existing.ou);
  compare('environment', request.environment, existing.environment);
  if (request.name !== undefined) compare('name', request.name, existing.name);
  if (request.regions !== undefined) compare('regions', [...request.regions].sort().join(','), existing.regions.join(','));
  for (const [key, value] of Object.entries(request.tags)) compare(`tags.${key}`, value, existing.tags[key] ?? '(none)');
  return differences;
}

/** The flavour the deploy runs on: the one this process loaded, refused before anything is written if the environment asks for the other. */
function deployFlavour(env: NodeJS.ProcessEnv): Flavour {
  try {
    return checkedFlavour(env);
  } catch (error) {
    throw new CliError((error as Error).message, ExitCode.Usage);
  }
}

/** The deploy of one stack with the CLI of the flavour this process runs (the app it starts must load the same library). */
export function deployCommandLine(stack: string, configFile: string, flavour: Flavour): string {
  const env = Object.entries(flavour.commandEnv).map(([key, value]) => `${key}=${shellQuote(value)} `);
  const configEnv = configFile === DEFAULT_CONFIG_PATH ? '' : `${CONFIG_PATH_ENV}=${shellQuote(configFile)} `;
  return `${env.join('')}${configEnv}${STACK_SELECTION_ENV}=${stack} npx ${flavour.cli} deploy ${stack}`;
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const options = parseCommandArgs('vend', args, {
    'account-id': { type: 'string' },
    ou: { type: 'string' },
    environment: { type: 'string' },
    tag: { type: 'string', multiple: true, default: [] },
    name: { type: 'string' },
    regions: { type: 'string' },
    config: { type: 'string' },
    deploy: { type: 'boolean', default: false },
  });
  const accountId = required('vend', 'account-id', options['account-id']);
  if (!AccountIdSchema.safeParse(accountId).success) throw usageError('vend', `--account-id ${accountId}: expected 12 digits`);
  const request: VendRequest = {
    accountId,
    ou: required('vend', 'ou', options.ou),
    environment: required('vend', 'environment', options.environment),
    tags: parseTags('vend', options.tag),
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.regions !== undefined ? { regions: commaList(options.regions) } : {}),
  };

  const flavour = deployFlavour(context.env);
  const file = options.config ?? configPathFromEnv(context.env);
  const { text, config } = readValidConfig(file);
  if (!config.organizationalUnits.some((ou) => ou.id === request.ou)) {
    throw usageError('vend', `--ou ${request.ou} is not declared in organizationalUnits of ${file}; vend never adds OUs`);
  }

  const client = context.organizations();
  const organization = await describeOrganization(client);
  requireOrganization(organization, config.organization.id, file);
  const located = await locateAccount(
    client,
    accountId,
    config.organizationalUnits.map((ou) => ou.id),
  );
  const org = checkAccount(request, located, organization.id);

  const existing = config.workloadAccounts.find((account) => account.id === accountId);
  if (existing) {
    const differences = conflicts(existing, request);
    if (differences.length > 0) {
      throw new CliError(
        `account ${accountId} is already in ${file} with other settings (${differences.join(
          '; ',
        )}); vend never edits an entry, change the config in a pull request`,
        ExitCode.Findings,
      );
    }
    context.stdout.write(`Account ${accountId} is already in ${file} as ${existing.name}; nothing changed.\n`);
  } else {
    const entry = proposedEntry(config, request, org);
    const edited = addWorkloadAccounts(text, [entry]);
    validateConfigText(edited, file);
    writeFileAtomically(file, edited);
    context.stdout.write(
      `Added account ${accountId} as ${entry.name} (${entry.ou}, ${entry.environment}, regions ${[...entry.regions].sort().join(', ')}) to ${file}.\n`,
    );
  }

  const stack = accountBaselineStackName(accountId);
  if (!options.deploy) {
    context.stdout.write(`Deploy its baseline with:\n  ${deployCommandLine(stack, file, flavour)}\n`);
    return ExitCode.Ok;
  }
  context.stdout.write(`Deploying ${stack}...\n`);
  // --auto-approve: --deploy is for pipelines; the change was reviewed as the config edit.
  const status = context.runProcess('npx', [flavour.cli, 'deploy', stack, '--auto-approve'], {
    ...flavour.commandEnv,
    [STACK_SELECTION_ENV]: stack,
    [CONFIG_PATH_ENV]: file,
  });
  if (status !== 0)
    throw new CliError(
      `${flavour.cli} deploy ${stack} failed with exit code ${status}; the config keeps the account, run vend again to retry`,
      ExitCode.DeployFailed,
    );
  return ExitCode.Ok;
}

export const vendCommand: Command = {
  name: 'vend',
  summary: 'add one account to the config after checking it in Organizations, then print or run its deploy',
  help: HELP,
  run,
};
