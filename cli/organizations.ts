/**
 * Read-only access to AWS Organizations for the CLI: one client with the CLI's adaptive
 * retry, paginated listings, and every AWS failure turned into a one-line CliError with
 * the exit code a pipeline can branch on.
 */
import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListOrganizationalUnitsForParent,
  paginateListParents,
  paginateListRoots,
  paginateListTagsForResource,
  type Account,
  type OrganizationsClientConfig,
  type Root,
} from '@aws-sdk/client-organizations';
import { awsErrorName, explainAwsError, mapBounded, maxAttemptsFromEnv } from './aws';
import { CliError, ExitCode } from './cli-error';

/** Organizations is a global service served from us-east-1 in the aws partition. */
export const ORGANIZATIONS_REGION = 'us-east-1';
/** Tag reads in flight at once: enough to hide latency, few enough not to provoke throttling. */
const TAG_READ_CONCURRENCY = 4;

/**
 * Adaptive retry: exponential backoff plus a client-side rate limiter that slows down
 * once throttled. `transport` replaces the HTTP handler and credentials (tests only).
 */
export function createOrganizationsClient(
  env: NodeJS.ProcessEnv,
  transport: Pick<OrganizationsClientConfig, 'requestHandler' | 'credentials'> = {},
): OrganizationsClient {
  return new OrganizationsClient({ region: ORGANIZATIONS_REGION, retryMode: 'adaptive', maxAttempts: maxAttemptsFromEnv(env), ...transport });
}

/** The CliError for a failed `organizations:<action>` call. */
function explainOrganizationsError(action: string, error: unknown): CliError {
  if (awsErrorName(error) === 'AWSOrganizationsNotInUseException') {
    return new CliError(
      `these credentials belong to an account that is not in an organization (AWSOrganizationsNotInUseException); use credentials of the management account`,
      ExitCode.WrongOrganization,
    );
  }
  return explainAwsError(`organizations:${action}`, error, {
    accessDenied: 'use credentials of the management account, or of a delegated administrator allowed to call it',
  });
}

/** One call; failures become CliErrors, except the error names the caller handles itself. */
export async function orgCall<T>(action: string, send: () => Promise<T>, handledErrors: readonly string[] = []): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (handledErrors.includes(awsErrorName(error) ?? '')) throw error;
    throw explainOrganizationsError(action, error);
  }
}

/** Every item of every page of a paginated call. */
export async function orgCollect<P, T>(action: string, pages: AsyncIterable<P>, itemsOf: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const items: T[] = [];
  try {
    for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  } catch (error) {
    throw explainOrganizationsError(action, error);
  }
  return items;
}

export interface OrganizationSummary {
  readonly id: string;
  readonly managementAccountId: string;
  /** ALL or CONSOLIDATED_BILLING. */
  readonly featureSet: string;
}

export async function describeOrganization(client: OrganizationsClient): Promise<OrganizationSummary> {
  const { Organization: org } = await orgCall('DescribeOrganization', () => client.send(new DescribeOrganizationCommand({})));
  return { id: org?.Id ?? '', managementAccountId: org?.MasterAccountId ?? '', featureSet: org?.FeatureSet ?? '' };
}

/** Refuses to go on when the credentials belong to another organization than the config describes. */
export function requireOrganization(actual: OrganizationSummary, expectedId: string, configFile: string): void {
  if (actual.id !== expectedId) {
    throw new CliError(
      `these credentials belong to organization ${actual.id}, but ${configFile} describes ${expectedId} (organization.id); use credentials of ${expectedId}'s management account`,
      ExitCode.WrongOrganization,
    );
  }
}

/** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION: `State`, or the older `Status` it replaces. */
export function accountState(account: Pick<Account, 'State' | 'Status'>): string {
  return account.State ?? account.Status ?? 'UNKNOWN';
}

export interface OrgUnit {
  readonly id: string;
  readonly name: string;
  /** Parent inside the walked subtree; undefined for a declared OU. */
  readonly parentId: string | undefined;
  /** The OU of the config whose SCPs reach this one: itself when declared, else its nearest declared ancestor. */
  readonly governedBy: string;
}

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  /** The OU (or root) the account sits in directly. */
  readonly parentId: string;
  /** The OU of the config whose SCPs reach the account; undefined when none does. */
  readonly governedBy: string | undefined;
  /** Account tags in Organizations. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface GovernedTree {
  /** Every OU under the governed OUs, the governed ones included, in walk order. */
  readonly ous: readonly OrgUnit[];
  /** Declared OUs that do not exist in the organization. */
  readonly missingOus: readonly string[];
  /** Every account under the governed OUs, in any state, with its tags when ACTIVE. */
  readonly accounts: readonly OrgAccount[];
}

export interface WalkProgress {
  /** Called as OUs are walked and accounts found (total unknown yet). */
  onWalk?(ous: number, accounts: number): void;
  /** Called as account tags are read (`done` of `total`). */
  onTags?(done: number, total: number): void;
}

export async function listAccountTags(client: OrganizationsClient, accountId: string): Promise<Record<string, string>> {
  const tags = await orgCollect('ListTagsForResource', paginateListTagsForResource({ client }, { ResourceId: accountId }), (page) => page.Tags);
  return Object.fromEntries(tags.filter((tag) => tag.Key !== undefined).map((tag) => [tag.Key!, tag.Value ?? '']));
}

/**
 * Walks the subtree of each declared OU: its child OUs (a declared child is walked as
 * its own subtree, so every OU belongs to its nearest declared ancestor) and their
 * accounts, then reads the tags of the ACTIVE accounts unless `readTags` is false.
 */
export async function walkGovernedOus(
  client: OrganizationsClient,
  declaredOuIds: readonly string[],
  progress: WalkProgress = {},
  readTags = true,
): Promise<GovernedTree> {
  const declared = new Set(declaredOuIds);
  const ous: OrgUnit[] = [];
  const missingOus: string[] = [];
  const found: Array<Omit<OrgAccount, 'tags'>> = [];

  for (const root of [...declared].sort()) {
    let name: string;
    try {
      const described = await orgCall(
        'DescribeOrganizationalUnit',
        () => client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: root })),
        ['OrganizationalUnitNotFoundException'],
      );
      name = described.OrganizationalUnit?.Name ?? '';
    } catch (error) {
      if (awsErrorName(error) !== 'OrganizationalUnitNotFoundException') throw error;
      missingOus.push(root);
      continue;
    }
    ous.push({ id: root, name, parentId: undefined, governedBy: root });

    const queue = [root];
    while (queue.length > 0) {
      const parentId = queue.shift()!;
      const accounts = await orgCollect(
        'ListAccountsForParent',
        paginateListAccountsForParent({ client }, { ParentId: parentId }),
        (page) => page.Accounts,
      );
      for (const account of accounts) {
        found.push({ id: account.Id ?? '', name: account.Name ?? '', state: accountState(account), parentId, governedBy: root });
      }
      const children = await orgCollect(
        'ListOrganizationalUnitsForParent',
        paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
        (page) => page.OrganizationalUnits,
      );
      for (const child of children) {
        if (!child.Id || declared.has(child.Id)) continue;
        ous.push({ id: child.Id, name: child.Name ?? '', parentId, governedBy: root });
        queue.push(child.Id);
      }
      progress.onWalk?.(ous.length, found.length);
    }
  }

  const active = readTags ? found.filter((account) => account.state === 'ACTIVE') : [];
  const tags = await mapBounded(
    active,
    TAG_READ_CONCURRENCY,
    (account) => listAccountTags(client, account.id),
    (done) => progress.onTags?.(done, active.length),
  );
  const tagsById = new Map(active.map((account, index) => [account.id, tags[index]!]));
  const accounts = found.map((account) => ({ ...account, tags: tagsById.get(account.id) ?? {} })).sort((a, b) => a.id.localeCompare(b.id));
  return { ous, missingOus, accounts };
}

/**
 * Where an account is: its state, its direct parent and the declared OU whose SCPs
 * reach it (walking up through undeclared OUs). Undefined when the account is not in
 * the organization.
 */
export async function locateAccount(
  client: OrganizationsClient,
  accountId: string,
  declaredOuIds: readonly string[],
): Promise<OrgAccount | undefined> {
  let account: Account | undefined;
  try {
    account = (
      await orgCall('DescribeAccount', () => client.send(new DescribeAccountCommand({ AccountId: accountId })), ['AccountNotFoundException'])
    ).Account;
  } catch (error) {
    if (awsErrorName(error) === 'AccountNotFoundException') return undefined;
    throw error;
  }
  if (!account) return undefined;

  const declared = new Set(declaredOuIds);
  const parentOf = async (childId: string) =>
    (await orgCollect('ListParents', paginateListParents({ client }, { ChildId: childId }), (page) => page.Parents))[0];
  const direct = await parentOf(accountId);
  let governedBy: string | undefined;
  for (let parent = direct; parent?.Id && parent.Type === 'ORGANIZATIONAL_UNIT'; parent = await parentOf(parent.Id)) {
    if (declared.has(parent.Id)) {
      governedBy = parent.Id;
      break;
    }
  }
  const state = accountState(account);
  return {
    id: accountId,
    name: account.Name ?? '',
    state,
    parentId: direct?.Id ?? '',
    governedBy,
    tags: state === 'ACTIVE' ? await listAccountTags(client, accountId) : {},
  };
}

export interface OrganizationSettings {
  readonly organization: OrganizationSummary;
  /** Roots with their policy types and each type's status. */
  readonly roots: readonly Root[];
  /** Service principals with trusted access. */
  readonly trustedServices: readonly string[];
  /** Delegated administrator account ids per service principal asked about. */
  readonly delegatedAdministrators: ReadonlyMap<string, readonly string[]>;
}

/** What preflight checks, read in one place, for an organization already described. */
export async function readOrganizationSettings(
  client: OrganizationsClient,
  organization: OrganizationSummary,
  delegatedServices: readonly string[],
): Promise<OrganizationSettings> {
  const roots = await orgCollect('ListRoots', paginateListRoots({ client }, {}), (page) => page.Roots);
  const services = await orgCollect(
    'ListAWSServiceAccessForOrganization',
    paginateListAWSServiceAccessForOrganization({ client }, {}),
    (page) => page.EnabledServicePrincipals,
  );
  const delegatedAdministrators = new Map<string, string[]>();
  for (const service of delegatedServices) {
    const admins = await orgCollect(
      'ListDelegatedAdministrators',
      paginateListDelegatedAdministrators({ client }, { ServicePrincipal: service }),
      (page) => page.DelegatedAdministrators,
    );
    delegatedAdministrators.set(service, admins.map((admin) => admin.Id ?? '').sort());
  }
  return {
    organization,
    roots,
    trustedServices: services.map((service) => service.ServicePrincipal ?? '').sort(),
    delegatedAdministrators,
  };
}
