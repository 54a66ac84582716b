/**
 * Reading the organization through aws-sdk-client-mock: listings that span many pages,
 * child OUs, account location, and each AWS failure as the one-line message and exit
 * code a pipeline sees.
 */
import {
  AccessDeniedException,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { ExitCode } from '../../cli/cli-error';
import { locateAccount, walkGovernedOus } from '../../cli/organizations';
import { runCli } from '../support/cli-context';
import { EXAMPLE_ROOT, serveOrganization, type FakeAccount, type FakeOrganizationSpec } from '../support/fake-organization';

const organizations = mockClient(OrganizationsClient);
const client = () => new OrganizationsClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const PROD = 'ou-ab12-prod0001';
const TEAM = 'ou-ab12-team0001';
const DEEP = 'ou-ab12-deep0001';
const SANDBOX = 'ou-ab12-sand0001';
const account = (index: number, parentId: string, state: FakeAccount['state'] = 'ACTIVE'): FakeAccount => ({
  id: String(100000000000 + index),
  name: `Account ${index}`,
  parentId,
  state,
  tags: { Owner: `team-${index}`, CostCenter: String(index), DataClassification: 'internal', Environment: 'prod' },
});

/** 7 accounts directly in prod (4 pages of 2), 3 in a child OU, 1 two levels down, 1 outside. */
const LARGE: FakeOrganizationSpec = {
  pageSize: 2,
  ous: [
    { id: PROD, name: 'workloads-prod', parentId: EXAMPLE_ROOT },
    { id: TEAM, name: 'team', parentId: PROD },
    { id: DEEP, name: 'deep', parentId: TEAM },
    { id: SANDBOX, name: 'sandbox', parentId: EXAMPLE_ROOT },
  ],
  accounts: [
    ...[1, 2, 3, 4, 5, 6].map((index) => account(index, PROD)),
    account(7, PROD, 'SUSPENDED'),
    ...[8, 9, 10].map((index) => account(index, TEAM)),
    account(11, DEEP),
    account(12, SANDBOX),
  ],
};

beforeEach(() => organizations.reset());

describe('walkGovernedOus', () => {
  it('follows every page of accounts, child OUs and tags', async () => {
    const requests = serveOrganization(organizations, LARGE);
    const tree = await walkGovernedOus(client(), [PROD]);

    expect(tree.accounts.map((found) => found.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((index) => String(100000000000 + index)));
    const prodPages = requests.filter((request) => request.command === 'ListAccountsForParentCommand' && request.input.ParentId === PROD);
    expect(prodPages.map((request) => request.input.NextToken)).toEqual([undefined, '2', '4', '6']);
    // Four tags at two per page: every ACTIVE account needs two pages, and both were read.
    expect(tree.accounts[0]!.tags).toEqual({ Owner: 'team-1', CostCenter: '1', DataClassification: 'internal', Environment: 'prod' });
    expect(requests.filter((request) => request.command === 'ListTagsForResourceCommand' && request.input.ResourceId === '100000000001').length).toBe(
      2,
    );
  });

  it('assigns accounts of child OUs to the declared OU above them, and skips tags of inactive accounts', async () => {
    serveOrganization(organizations, LARGE);
    const tree = await walkGovernedOus(client(), [PROD]);
    const byId = new Map(tree.accounts.map((found) => [found.id, found]));
    expect(byId.get('100000000011')).toMatchObject({ parentId: DEEP, governedBy: PROD, state: 'ACTIVE' });
    expect(byId.get('100000000007')).toMatchObject({ state: 'SUSPENDED', tags: {} });
    expect(byId.has('100000000012')).toBe(false);
    expect(tree.ous.map((ou) => [ou.id, ou.governedBy])).toEqual([
      [PROD, PROD],
      [TEAM, PROD],
      [DEEP, PROD],
    ]);
    expect(organizations.commandCalls(ListTagsForResourceCommand, { ResourceId: '100000000007' })).toEqual([]);
  });

  it('walks a declared child OU as its own subtree', async () => {
    serveOrganization(organizations, LARGE);
    const tree = await walkGovernedOus(client(), [PROD, TEAM]);
    const byId = new Map(tree.accounts.map((found) => [found.id, found.governedBy]));
    expect(byId.get('100000000001')).toBe(PROD);
    expect(byId.get('100000000008')).toBe(TEAM);
    expect(byId.get('100000000011')).toBe(TEAM);
    expect(tree.accounts.length).toBe(11);
  });

  it('reports declared OUs that do not exist', async () => {
    serveOrganization(organizations, LARGE);
    const tree = await walkGovernedOus(client(), [PROD, 'ou-ab12-gone0001']);
    expect(tree.missingOus).toEqual(['ou-ab12-gone0001']);
  });

  it('reports progress with a known total while reading tags', async () => {
    serveOrganization(organizations, LARGE);
    const tagProgress: Array<[number, number]> = [];
    await walkGovernedOus(client(), [PROD], { onTags: (done, total) => tagProgress.push([done, total]) });
    expect(tagProgress.at(-1)).toEqual([10, 10]);
  });
});

describe('locateAccount', () => {
  it('finds the declared OU above an account, through undeclared child OUs', async () => {
    serveOrganization(organizations, LARGE);
    expect(await locateAccount(client(), '100000000011', [PROD])).toMatchObject({ parentId: DEEP, governedBy: PROD });
    expect(await locateAccount(client(), '100000000012', [PROD])).toMatchObject({ parentId: SANDBOX, governedBy: undefined });
    expect(await locateAccount(client(), '999999999999', [PROD])).toBeUndefined();
  });
});

describe('AWS failures, as the CLI reports them', () => {
  const $metadata = { attempts: 8 };
  const failures: Array<[string, Error, number, string]> = [
    [
      'AccessDenied',
      new AccessDeniedException({ message: "You don't have permissions to access this resource.", $metadata }),
      ExitCode.AccessDenied,
      "baseline discover: access denied to organizations:ListAccountsForParent (You don't have permissions to access this resource.); use credentials of the management account, or of a delegated administrator allowed to call it\n",
    ],
    [
      'throttling that outlasts the retries',
      new TooManyRequestsException({ message: 'Rate exceeded', $metadata }),
      ExitCode.Throttled,
      'baseline discover: organizations:ListAccountsForParent was still throttled after 8 attempt(s) (TooManyRequestsException); wait and run again, or raise BASELINE_AWS_MAX_ATTEMPTS (at most 20)\n',
    ],
  ];

  it.each(failures)('%s on a listing ends the command with one line and its exit code', async (_, error, code, message) => {
    serveOrganization(organizations, LARGE);
    organizations.on(ListAccountsForParentCommand).rejects(error);
    const run = await runCli(['discover']);
    expect(run.stderr).toBe(message);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
  });

  it('an account outside any organization gets exit 6', async () => {
    organizations
      .on(DescribeOrganizationCommand)
      .rejects(new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata }));
    const run = await runCli(['preflight']);
    expect(run.code).toBe(ExitCode.WrongOrganization);
    expect(run.stderr).toBe(
      'baseline preflight: these credentials belong to an account that is not in an organization (AWSOrganizationsNotInUseException); use credentials of the management account\n',
    );
  });
});
