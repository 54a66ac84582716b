/**
 * Rules that relate one part of the config to another (the schema checks each value on
 * its own; checks/synth-config-checks.ts checks what a consistent config yields). One
 * function per rule, each reporting a problem once, at the YAML path a person must edit;
 * crossFieldIssues runs them in a fixed order, section by section.
 */
import { BREAK_GLASS_ALARM_ID } from '../alarms/cloudtrail-alarm-ids';
import { alarmSubscriptionIssues } from '../alarms/subscriptions';
import { CREDENTIAL_ENTITY_TYPES } from '../guardrails/profiles';
import { CUSTOM_IDENTIFIER_FINDING_SEVERITY, severitiesAtLeast } from '../macie/api-values';
import { CUSTOM_IDENTIFIER_LIMITS, SECRET_IDENTIFIERS } from '../macie/custom-identifiers';
import type { OptInClass } from '../policies/action-classes';
import { BREAK_GLASS_ROLE_PATH } from '../naming/reserved-names';
import { regionsOfOu } from './regions';
import type { ParsedConfig, WorkloadAccount } from './schema';
import { accountSuppliedTagKeys, ENVIRONMENT_TAG } from './tags';

export type ConfigPath = ReadonlyArray<string | number>;

export interface ConfigIssue {
  /** Where in the YAML document the problem is. */
  readonly path: ConfigPath;
  /** What is wrong, in words a platform engineer can act on. */
  readonly message: string;
}

const quote = (value: string): string => `"${value}"`;

function allowedValuesMessage(value: string, allowed: readonly string[]): string {
  return `${quote(value)} is not one of ${allowed.join(', ')}`;
}

/** Each entry of a list once: reports the second and later occurrence of each key, at the path of the duplicate. */
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

/** Regions name allowed regions, each once: the not-allowed issues in list order, then the duplicates. */
function regionsAreAllowed(config: ParsedConfig, regions: readonly string[], pathOf: (index: number) => ConfigPath): ConfigIssue[] {
  return [
    ...regions.flatMap((region, index) =>
      config.governance.allowedRegions.includes(region)
        ? []
        : [{ path: pathOf(index), message: `${quote(region)} is not in governance.allowedRegions` }],
    ),
    ...duplicateIssues(regions, (region) => region, pathOf, 'region'),
  ];
}

/** The management, log-archive and audit accounts are three different accounts. */
function coreAccountsAreDistinct(config: ParsedConfig): ConfigIssue[] {
  const { organization, coreAccounts } = config;
  const issues: ConfigIssue[] = [];
  if (coreAccounts.logArchive === organization.managementAccountId) {
    issues.push({ path: ['coreAccounts', 'logArchive'], message: 'must not be the management account' });
  }
  if (coreAccounts.audit === organization.managementAccountId) {
    issues.push({ path: ['coreAccounts', 'audit'], message: 'must not be the management account (Macie delegated administrator)' });
  }
  if (coreAccounts.audit === coreAccounts.logArchive) {
    issues.push({
      path: ['coreAccounts', 'audit'],
      message: 'must differ from coreAccounts.logArchive: the auditor must not own the logs it audits',
    });
  }
  return issues;
}

const GUARDRAIL_EXEMPTION_LISTS = ['viaAwsServiceRoleNames', 'bedrockServiceRoleNames'] as const;

/** The deployment role is never exempt from the guardrail rule: its exemption would be everyone's who can assume it. */
function deploymentRoleIsNeverExempt(config: ParsedConfig, list: (typeof GUARDRAIL_EXEMPTION_LISTS)[number]): ConfigIssue[] {
  const { governance } = config;
  return governance.guardrailExemptions[list].flatMap((name, i) =>
    name === governance.deploymentRoleName
      ? [{ path: ['governance', 'guardrailExemptions', list, i], message: `${quote(name)} is the deployment role, which must never be exempt` }]
      : [],
  );
}

/**
 * Break-glass roles live on the reserved path, where only the deployment role may create or
 * change a role: an exemption for a name anywhere else belongs to whoever creates that name.
 */
function breakGlassRolesAreOnTheReservedPath(config: ParsedConfig): ConfigIssue[] {
  return config.governance.breakGlassRoleArns.flatMap((arn, index) => {
    const match = /^(arn:aws:iam::[^:]+:role\/)(.*)$/.exec(arn);
    if (!match || `/${match[2]}`.startsWith(BREAK_GLASS_ROLE_PATH)) return [];
    const name = match[2]!.split('/').pop()!;
    const onThePath = `${match[1]}${BREAK_GLASS_ROLE_PATH.slice(1)}${name}`;
    return [
      {
        path: ['governance', 'breakGlassRoleArns', index],
        message:
          `${quote(arn)} is not on the reserved path ${BREAK_GLASS_ROLE_PATH}, so any account administrator could create a role of that name and hold the exemption: ` +
          `use ${quote(onThePath)} and create the role on that path with the deployment role or through governance.breakGlassTrust (docs/scps.md, "How to break glass")`,
      },
    ];
  });
}

/** An environment must be an allowed value of the Environment tag, which it becomes. */
function environmentIsAnAllowedEnvironmentTag(config: ParsedConfig, environment: string, path: ConfigPath): ConfigIssue[] {
  const allowed = config.mandatoryTags[ENVIRONMENT_TAG];
  if (allowed === undefined || allowed.length === 0 || allowed.includes(environment)) return [];
  return [{ path, message: `${allowedValuesMessage(environment, allowed)} (mandatoryTags.${ENVIRONMENT_TAG})` }];
}

/** Every mandatory tag of `keys` is in `tags`, with an allowed value. */
function mandatoryTagsArePresent(
  config: ParsedConfig,
  tags: Readonly<Record<string, string>>,
  keys: readonly string[],
  pathOf: (key: string) => ConfigPath,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of keys) {
    const allowed = config.mandatoryTags[key]!;
    const value = tags[key];
    if (value === undefined) {
      issues.push({ path: pathOf(key), message: `missing mandatory tag ${key}` + (allowed.length > 0 ? ` (one of ${allowed.join(', ')})` : '') });
    } else if (allowed.length > 0 && !allowed.includes(value)) {
      issues.push({ path: pathOf(key), message: allowedValuesMessage(value, allowed) });
    }
  }
  return issues;
}

/** Credentials and secrets are always blocked: no config may relax them. */
function credentialsAreAlwaysBlocked(config: ParsedConfig): ConfigIssue[] {
  return CREDENTIAL_ENTITY_TYPES.flatMap((type) => {
    const action = config.guardrails.piiEntityActions[type];
    return action !== undefined && action !== 'BLOCK'
      ? [{ path: ['guardrails', 'piiEntityActions', type], message: `${quote(action)} is not allowed: credentials and secrets are always blocked` }]
      : [];
  });
}

function guardrailContentIssues(config: ParsedConfig): ConfigIssue[] {
  const at = (...rest: Array<string | number>): ConfigPath => ['guardrails', ...rest];
  const { guardrails } = config;
  return [
    ...duplicateIssues(
      guardrails.deniedTopics,
      (topic) => topic.name.toLowerCase(),
      (i) => at('deniedTopics', i, 'name'),
      'topic',
    ),
    ...duplicateIssues(
      guardrails.sensitiveRegexes,
      (regex) => regex.name,
      (i) => at('sensitiveRegexes', i, 'name'),
      'pattern',
    ),
    ...duplicateIssues(
      guardrails.deniedWords,
      (word) => word.toLowerCase(),
      (i) => at('deniedWords', i),
      'word',
    ),
    ...duplicateIssues(
      guardrails.modelsWithoutGuardrail,
      (model) => model,
      (i) => at('modelsWithoutGuardrail', i),
      'model',
    ),
    ...credentialsAreAlwaysBlocked(config),
  ];
}

/** An adopted organization guardrail version is named for one of the organization guardrail's regions. */
function organizationGuardrailIdentifiersAreForItsRegions(config: ParsedConfig): ConfigIssue[] {
  const orgGuardrail = config.governance.orgGuardrail;
  if (!orgGuardrail) return [];
  const regions = orgGuardrail.regions ?? config.governance.allowedRegions;
  return Object.keys(orgGuardrail.identifiers).flatMap((region) =>
    regions.includes(region)
      ? []
      : [
          {
            path: ['governance', 'orgGuardrail', 'identifiers', region],
            message: `${quote(region)} is not one of the organization guardrail regions (${regions.join(', ')})`,
          },
        ],
  );
}

function organizationGuardrailIssues(config: ParsedConfig): ConfigIssue[] {
  return [
    ...regionsAreAllowed(config, config.governance.orgGuardrail?.regions ?? [], (i) => ['governance', 'orgGuardrail', 'regions', i]),
    ...organizationGuardrailIdentifiersAreForItsRegions(config),
  ];
}

type AccountRule = (config: ParsedConfig, account: WorkloadAccount, at: (...rest: Array<string | number>) => ConfigPath) => ConfigIssue[];

/** A workload account is none of the core accounts. */
const accountIsNoCoreAccount: AccountRule = (config, account, at) => {
  const coreRoles: Array<[string, string]> = [
    [config.organization.managementAccountId, 'organization.managementAccountId (SCPs never apply to the management account)'],
    [config.coreAccounts.logArchive, 'coreAccounts.logArchive'],
    [config.coreAccounts.audit, 'coreAccounts.audit'],
  ];
  return coreRoles.flatMap(([id, role]) =>
    account.id === id ? [{ path: at('id'), message: `${quote(account.id)} is ${role}, not a workload account` }] : [],
  );
};

/** A workload account sits in a declared OU and shares its environment. */
const accountOuIsDeclaredWithItsEnvironment: AccountRule = (config, account, at) => {
  const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou);
  if (ou === undefined) return [{ path: at('ou'), message: `${quote(account.ou)} is not declared in organizationalUnits` }];
  if (ou.environment !== account.environment) {
    return [
      { path: at('environment'), message: `${quote(account.environment)} differs from the environment ${quote(ou.environment)} of its OU ${ou.id}` },
    ];
  }
  return [];
};

/**
 * An account uses Bedrock in exactly the regions of its OU (the OU's SCP allows those, and the
 * account's stack deploys logging, a guardrail and alarms in each). Checked only where every
 * region is itself allowed, so one wrong region is reported once.
 */
const accountRegionsAreItsOus: AccountRule = (config, account, at) => {
  const { allowedRegions } = config.governance;
  const ouIndex = config.organizationalUnits.findIndex((candidate) => candidate.id === account.ou);
  const ou = config.organizationalUnits[ouIndex];
  if (ou === undefined) return [];
  const ouRegions = regionsOfOu(ou, allowedRegions);
  if (![...account.regions, ...ouRegions].every((region) => allowedRegions.includes(region))) return [];
  const regionsPath = ou.regions ? `organizationalUnits[${ouIndex}].regions` : 'governance.allowedRegions';
  return [
    ...ouRegions
      .filter((region) => !account.regions.includes(region))
      .map((region) => ({
        path: at('regions'),
        message: `lacks ${quote(region)}, where its OU ${ou.id} allows Bedrock (${regionsPath}): add it, so the account has logging, a guardrail and alarms there, or narrow the OU's regions`,
      })),
    ...account.regions.flatMap((region, regionIndex) =>
      ouRegions.includes(region)
        ? []
        : [
            {
              path: at('regions', regionIndex),
              message: `${quote(region)} is not a region of its OU ${ou.id} (${regionsPath}), whose SCP denies Bedrock there`,
            },
          ],
    ),
  ];
};

/** The account's invoke role runs only models its OU approves. */
const accountModelsAreApprovedByItsOu: AccountRule = (config, account, at) => {
  const approved = config.organizationalUnits.find((candidate) => candidate.id === account.ou)?.allowedModels;
  if (!approved) return [];
  return account.allowedModels.flatMap((model, modelIndex) =>
    approved.includes(model)
      ? []
      : [{ path: at('allowedModels', modelIndex), message: `${quote(model)} is not in the allowedModels of its OU ${account.ou}` }],
  );
};

/** A workload account's regions are allowed regions, each once. */
const accountRegionsAreAllowed: AccountRule = (config, account, at) => regionsAreAllowed(config, account.regions, (i) => at('regions', i));

/** The Environment tag comes from `environment`: an Environment entry in `tags` may only repeat it. */
const environmentTagComesFromEnvironment: AccountRule = (config, account, at) => {
  const environmentTag = account.tags[ENVIRONMENT_TAG];
  if (!(ENVIRONMENT_TAG in config.mandatoryTags) || environmentTag === undefined || environmentTag === account.environment) return [];
  return [
    {
      path: at('tags', ENVIRONMENT_TAG),
      message: `${quote(environmentTag)} conflicts with environment ${quote(account.environment)}; the ${ENVIRONMENT_TAG} tag comes from environment, remove it here`,
    },
  ];
};

/** Each network entry is for one of the account's regions. */
const networkRegionsAreTheAccounts: AccountRule = (_config, account, at) =>
  Object.keys(account.network).flatMap((region) =>
    account.regions.includes(region)
      ? []
      : [{ path: at('network', region), message: `${quote(region)} is not one of the account's regions (${account.regions.join(', ')})` }],
  );

/** A network entry admits someone to its endpoints. */
const networkEntriesAdmitSomeone: AccountRule = (_config, account, at) =>
  Object.entries(account.network).flatMap(([region, network]) =>
    network.allowedCidrs.length === 0 && network.allowedSecurityGroupIds.length === 0
      ? [
          {
            path: at('network', region),
            message: 'admits no one: list the allowedCidrs or allowedSecurityGroupIds of the workloads that call Bedrock',
          },
        ]
      : [],
  );

/** A network entry lists each subnet, source and service once. */
const networkEntriesListEachOnce: AccountRule = (_config, account, at) =>
  Object.entries(account.network).flatMap(([region, network]) => [
    ...duplicateIssues(
      network.subnetIds,
      (id) => id,
      (i) => at('network', region, 'subnetIds', i),
      'subnet',
    ),
    ...duplicateIssues(
      network.allowedCidrs,
      (cidr) => cidr,
      (i) => at('network', region, 'allowedCidrs', i),
      'CIDR block',
    ),
    ...duplicateIssues(
      network.allowedSecurityGroupIds,
      (id) => id,
      (i) => at('network', region, 'allowedSecurityGroupIds', i),
      'security group',
    ),
    ...duplicateIssues(
      network.additionalServices,
      (service) => service,
      (i) => at('network', region, 'additionalServices', i),
      'service',
    ),
  ]);

const MANTLE_OPT_IN: OptInClass = 'unlogged-inference';

/** The bedrock-mantle endpoint only where the OU opts into mantle: its SCP denies mantle otherwise. */
const mantleEndpointIsOptedIn: AccountRule = (config, account, at) => {
  const ouIndex = config.organizationalUnits.findIndex((candidate) => candidate.id === account.ou);
  const ou = config.organizationalUnits[ouIndex];
  if (ou === undefined || ou.optIns.includes(MANTLE_OPT_IN)) return [];
  return Object.entries(account.network).flatMap(([region, network]) =>
    network.additionalServices.flatMap((service, i) =>
      service === 'bedrock-mantle'
        ? [
            {
              path: at('network', region, 'additionalServices', i),
              message: `"bedrock-mantle" is denied by the SCP of its OU ${ou.id}: add ${MANTLE_OPT_IN} to organizationalUnits[${ouIndex}].optIns first`,
            },
          ]
        : [],
    ),
  );
};

/**
 * In an OU with the network perimeter, an account with network entries has one for each of
 * its regions. An account without any is one whose VPCs do not exist yet (a freshly vended
 * one): the perimeter keeps it from running models until they do.
 */
const perimeterAccountNetworkCoversItsRegions: AccountRule = (config, account, at) => {
  const ou = config.organizationalUnits.find((candidate) => candidate.id === account.ou);
  const covered = Object.keys(account.network);
  if (!ou?.networkPerimeter || covered.length === 0) return [];
  return account.regions
    .filter((region) => !covered.includes(region))
    .map((region) => ({
      path: at('network'),
      message: `has no entry for ${region}, and OU ${ou.id} (${ou.name}) has networkPerimeter on: the account's Bedrock inference there would be denied`,
    }));
};

/** In the order they are reported for each account. */
const ACCOUNT_RULES: readonly AccountRule[] = [
  accountIsNoCoreAccount,
  accountOuIsDeclaredWithItsEnvironment,
  accountRegionsAreItsOus,
  accountModelsAreApprovedByItsOu,
  (config, account, at) => environmentIsAnAllowedEnvironmentTag(config, account.environment, at('environment')),
  accountRegionsAreAllowed,
  environmentTagComesFromEnvironment,
  (config, account, at) => mandatoryTagsArePresent(config, account.tags, accountSuppliedTagKeys(config), (key) => at('tags', key)),
  (_config, account, at) =>
    duplicateIssues(
      account.allowedModels,
      (model) => model,
      (i) => at('allowedModels', i),
      'model',
    ),
  networkRegionsAreTheAccounts,
  networkEntriesListEachOnce,
  networkEntriesAdmitSomeone,
  mantleEndpointIsOptedIn,
  perimeterAccountNetworkCoversItsRegions,
];

/**
 * A VPC belongs to one account and region, and a subnet to one VPC: an id in a second
 * account or region is reported there (the same id twice in one list is a duplicate).
 */
function networkIdsHaveOneOwner(config: ParsedConfig): ConfigIssue[] {
  const owners = { vpc: new Map<string, string>(), subnet: new Map<string, string>() };
  const claim = (kind: keyof typeof owners, id: string, owner: string, path: ConfigPath, why: string): ConfigIssue[] => {
    const first = owners[kind].get(id);
    if (first === undefined) owners[kind].set(id, owner);
    return first === undefined || first === owner ? [] : [{ path, message: `${quote(id)} is also listed for ${first}: ${why}` }];
  };
  return config.workloadAccounts.flatMap((account, index) =>
    Object.entries(account.network).flatMap(([region, network]) => {
      const owner = `account ${account.id} in ${region}`;
      const at = (...rest: Array<string | number>): ConfigPath => ['workloadAccounts', index, 'network', region, ...rest];
      return [
        ...claim('vpc', network.vpcId, owner, at('vpcId'), 'a VPC belongs to one account and region'),
        ...network.subnetIds.flatMap((subnet, i) => claim('subnet', subnet, owner, at('subnetIds', i), 'a subnet belongs to one VPC')),
      ];
    }),
  );
}

type OrganizationalUnit = ParsedConfig['organizationalUnits'][number];

/** An OU's environment is an allowed Environment tag; its regions are allowed regions; its lists name each entry once. */
function organizationalUnitIssues(config: ParsedConfig, ou: OrganizationalUnit, index: number): ConfigIssue[] {
  const at = (...rest: Array<string | number>): ConfigPath => ['organizationalUnits', index, ...rest];
  return [
    ...environmentIsAnAllowedEnvironmentTag(config, ou.environment, at('environment')),
    ...regionsAreAllowed(config, ou.regions ?? [], (i) => at('regions', i)),
    ...duplicateIssues(
      ou.allowedModels ?? [],
      (model) => model,
      (i) => at('allowedModels', i),
      'model',
    ),
    ...duplicateIssues(
      ou.optIns,
      (optIn) => optIn,
      (i) => at('optIns', i),
      'opt-in',
    ),
  ];
}

function accountIssues(config: ParsedConfig, account: WorkloadAccount, index: number): ConfigIssue[] {
  const at = (...rest: Array<string | number>): ConfigPath => ['workloadAccounts', index, ...rest];
  return ACCOUNT_RULES.flatMap((rule) => rule(config, account, at));
}

/** S3 keeps an object at least this long in Standard-IA before a lifecycle rule may move it colder. */
const MINIMUM_DAYS_IN_STANDARD_IA = 30;

/** Central logs cannot expire while Object Lock still holds them. */
function centralExpirationOutlastsObjectLock(config: ParsedConfig): ConfigIssue[] {
  const { logging } = config;
  if (logging.centralExpirationDays === undefined || logging.centralExpirationDays >= logging.objectLockRetentionDays) return [];
  return [
    {
      path: ['logging', 'centralExpirationDays'],
      message: `${logging.centralExpirationDays} is shorter than logging.objectLockRetentionDays (${logging.objectLockRetentionDays}): locked objects cannot expire before their retention ends`,
    },
  ];
}

/** The move to Glacier Instant Retrieval comes after S3's minimum stay in Standard-IA. */
function glacierAfterMinimumStayInStandardIa(config: ParsedConfig): ConfigIssue[] {
  const { logging } = config;
  if (logging.glacierInstantRetrievalAfterDays >= logging.infrequentAccessAfterDays + MINIMUM_DAYS_IN_STANDARD_IA) return [];
  return [
    {
      path: ['logging', 'glacierInstantRetrievalAfterDays'],
      message: `${logging.glacierInstantRetrievalAfterDays} must be at least ${MINIMUM_DAYS_IN_STANDARD_IA} days after logging.infrequentAccessAfterDays (${logging.infrequentAccessAfterDays}): S3 keeps objects ${MINIMUM_DAYS_IN_STANDARD_IA} days in Standard-IA`,
    },
  ];
}

function loggingIssues(config: ParsedConfig): ConfigIssue[] {
  return [
    ...centralExpirationOutlastsObjectLock(config),
    ...glacierAfterMinimumStayInStandardIa(config),
    ...duplicateIssues(
      config.logging.readerRoleArns,
      (r) => r,
      (i) => ['logging', 'readerRoleArns', i],
      'role',
    ),
  ];
}

type CustomIdentifier = ParsedConfig['macie']['customDataIdentifiers'][number];

/** A custom identifier does not take the name of a built-in one. */
function customIdentifierIsNotBuiltIn(identifier: CustomIdentifier, index: number): ConfigIssue[] {
  const builtIn = SECRET_IDENTIFIERS.some((secret) => secret.name === identifier.name);
  return builtIn
    ? [{ path: ['macie', 'customDataIdentifiers', index, 'name'], message: `${quote(identifier.name)} is the name of a built-in identifier` }]
    : [];
}

/** Its ignore words and the allow list, which every identifier ignores, stay within Macie's limit per identifier. */
function customIdentifierIgnoreWordsFit(config: ParsedConfig, identifier: CustomIdentifier, index: number): ConfigIssue[] {
  const ignoreWords = new Set([...identifier.ignoreWords, ...config.macie.allowList]).size;
  if (ignoreWords <= CUSTOM_IDENTIFIER_LIMITS.ignoreWords) return [];
  return [
    {
      path: ['macie', 'customDataIdentifiers', index, 'ignoreWords'],
      message: `${ignoreWords} ignore words with macie.allowList; Macie allows ${CUSTOM_IDENTIFIER_LIMITS.ignoreWords} per identifier`,
    },
  ];
}

/** Findings routing keeps the secrets the custom identifiers find (Macie rates them at a fixed severity). */
function minimumSeverityKeepsSecretFindings(config: ParsedConfig): ConfigIssue[] {
  const { minimumSeverity } = config.macie.findings;
  if (severitiesAtLeast(minimumSeverity).includes(CUSTOM_IDENTIFIER_FINDING_SEVERITY)) return [];
  return [
    {
      path: ['macie', 'findings', 'minimumSeverity'],
      message: `${quote(minimumSeverity)} would drop every secret the custom data identifiers find: Macie rates their findings ${CUSTOM_IDENTIFIER_FINDING_SEVERITY}`,
    },
  ];
}

function macieIssues(config: ParsedConfig): ConfigIssue[] {
  const { macie } = config;
  const at = (...rest: Array<string | number>): ConfigPath => ['macie', ...rest];
  return [
    ...macie.customDataIdentifiers.flatMap((identifier, index) => [
      ...customIdentifierIsNotBuiltIn(identifier, index),
      ...customIdentifierIgnoreWordsFit(config, identifier, index),
    ]),
    ...duplicateIssues(
      macie.customDataIdentifiers,
      (identifier) => identifier.name,
      (i) => at('customDataIdentifiers', i, 'name'),
      'identifier',
    ),
    ...duplicateIssues(
      macie.allowList,
      (entry) => entry,
      (i) => at('allowList', i),
      'entry',
    ),
    ...duplicateIssues(
      macie.findings.subscriptions,
      (s) => `${s.protocol} ${s.endpoint}`,
      (i) => at('findings', 'subscriptions', i),
      'subscription',
    ),
    ...minimumSeverityKeepsSecretFindings(config),
  ];
}

/** Detection names each Security Hub standard and each findings subscription once. */
function detectionListsNameEachOnce(config: ParsedConfig): ConfigIssue[] {
  const { detection } = config;
  return [
    ...duplicateIssues(
      detection.securityHub.standards,
      (standard) => standard,
      (i) => ['detection', 'securityHub', 'standards', i],
      'standard',
    ),
    ...duplicateIssues(
      detection.findings.subscriptions ?? [],
      (s) => `${s.protocol} ${s.endpoint}`,
      (i) => ['detection', 'findings', 'subscriptions', i],
      'subscription',
    ),
  ];
}

/** Alarm subscriptions SNS would accept. */
function alarmSubscriptionsAreUsable(config: ParsedConfig): ConfigIssue[] {
  return alarmSubscriptionIssues(config.alarms.subscriptions).map(({ index, field, message }) => ({
    path: ['alarms', 'subscriptions', index, ...(field ? [field] : [])],
    message,
  }));
}

/** A threshold for the break-glass alarm needs break-glass roles, without which the alarm does not exist. */
function breakGlassThresholdHasItsAlarm(config: ParsedConfig): ConfigIssue[] {
  const { alarms, governance } = config;
  if (
    !alarms.organizationTrail.enabled ||
    governance.breakGlassRoleArns.length > 0 ||
    alarms.organizationTrail.thresholds[BREAK_GLASS_ALARM_ID] === undefined
  )
    return [];
  return [
    {
      path: ['alarms', 'organizationTrail', 'thresholds', BREAK_GLASS_ALARM_ID],
      message: 'there is no such alarm while governance.breakGlassRoleArns is empty',
    },
  ];
}

/** Per-account thresholds name workload accounts of the config. */
function accountThresholdsNameWorkloadAccounts(config: ParsedConfig): ConfigIssue[] {
  const workloadAccountIds = new Set(config.workloadAccounts.map((account) => account.id));
  return Object.keys(config.alarms.bedrockMetrics.accountThresholds).flatMap((accountId) =>
    workloadAccountIds.has(accountId)
      ? []
      : [{ path: ['alarms', 'bedrockMetrics', 'accountThresholds', accountId], message: `${quote(accountId)} is not in workloadAccounts` }],
  );
}

/** The canary wave names accounts and OUs of this config, each once. */
function canaryNamesDeclaredTargets(config: ParsedConfig): ConfigIssue[] {
  const { canary } = config.rollout;
  const lists = [
    {
      key: 'accounts',
      ids: canary.accounts,
      known: config.workloadAccounts.map((account) => account.id),
      what: 'account',
      missing: 'is not one of workloadAccounts',
    },
    {
      key: 'organizationalUnits',
      ids: canary.organizationalUnits,
      known: config.organizationalUnits.map((ou) => ou.id),
      what: 'OU',
      missing: 'is not declared in organizationalUnits',
    },
  ] as const;
  return lists.flatMap(({ key, ids, known, what, missing }) => [
    ...ids.flatMap((id, i) => (known.includes(id) ? [] : [{ path: ['rollout', 'canary', key, i], message: `${quote(id)} ${missing}` }])),
    ...duplicateIssues(
      ids,
      (id) => id,
      (i) => ['rollout', 'canary', key, i],
      what,
    ),
  ]);
}

/** The state lives in one place: HCP Terraform workspaces or the S3 backend. */
function stateHasOneHome(config: ParsedConfig): ConfigIssue[] {
  return config.hcpTerraform && config.terraformState
    ? [{ path: ['terraformState'], message: 'must be left out when hcpTerraform is set: HCP Terraform workspaces hold the state' }]
    : [];
}

/** Every cross-field problem of a structurally valid config; empty when it is valid. */
export function crossFieldIssues(config: ParsedConfig): ConfigIssue[] {
  const { coreAccounts, governance } = config;
  return [
    ...coreAccountsAreDistinct(config),
    ...duplicateIssues(
      governance.allowedRegions,
      (r) => r,
      (i) => ['governance', 'allowedRegions', i],
      'region',
    ),
    ...duplicateIssues(
      governance.breakGlassRoleArns,
      (r) => r,
      (i) => ['governance', 'breakGlassRoleArns', i],
      'role',
    ),
    ...breakGlassRolesAreOnTheReservedPath(config),
    ...duplicateIssues(
      governance.breakGlassTrust?.principalArns ?? [],
      (r) => r,
      (i) => ['governance', 'breakGlassTrust', 'principalArns', i],
      'role',
    ),
    ...GUARDRAIL_EXEMPTION_LISTS.flatMap((list) => [
      ...deploymentRoleIsNeverExempt(config, list),
      ...duplicateIssues(
        governance.guardrailExemptions[list],
        (n) => n,
        (i) => ['governance', 'guardrailExemptions', list, i],
        'role',
      ),
    ]),
    ...Object.entries(config.mandatoryTags).flatMap(([key, values]) =>
      duplicateIssues(
        values,
        (v) => v,
        (i) => ['mandatoryTags', key, i],
        'value',
      ),
    ),
    ...duplicateIssues(
      config.organizationalUnits,
      (ou) => ou.id,
      (i) => ['organizationalUnits', i, 'id'],
      'OU',
    ),
    ...duplicateIssues(
      config.organizationalUnits,
      (ou) => ou.name,
      (i) => ['organizationalUnits', i, 'name'],
      'OU',
    ),
    ...config.organizationalUnits.flatMap((ou, i) => organizationalUnitIssues(config, ou, i)),
    // The core stacks (org-governance, log-archive, security-audit) take their tag values from here.
    ...mandatoryTagsArePresent(config, coreAccounts.tags, Object.keys(config.mandatoryTags), (key) => ['coreAccounts', 'tags', key]),
    ...guardrailContentIssues(config),
    ...organizationGuardrailIssues(config),
    ...duplicateIssues(
      config.workloadAccounts,
      (a) => a.id,
      (i) => ['workloadAccounts', i, 'id'],
      'account',
    ),
    ...duplicateIssues(
      config.workloadAccounts,
      (a) => a.name,
      (i) => ['workloadAccounts', i, 'name'],
      'account',
    ),
    ...config.workloadAccounts.flatMap((account, index) => accountIssues(config, account, index)),
    ...networkIdsHaveOneOwner(config),
    ...loggingIssues(config),
    ...macieIssues(config),
    ...detectionListsNameEachOnce(config),
    ...alarmSubscriptionsAreUsable(config),
    ...breakGlassThresholdHasItsAlarm(config),
    ...accountThresholdsNameWorkloadAccounts(config),
    ...canaryNamesDeclaredTargets(config),
    ...stateHasOneHome(config),
  ];
}
