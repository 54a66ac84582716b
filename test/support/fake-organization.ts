/**
 * An in-memory AWS Organization served through aws-sdk-client-mock: every read the
 * CLI makes, paginated like the service (NextToken, small pages so listings span
 * several pages), with the SDK's own exception classes for missing things.
 */
import {
  AccountNotFoundException,
  ChildNotFoundException,
  DescribeAccountCommand,
  DescribeEffectivePolicyCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  EffectivePolicyNotFoundException,
  OrganizationalUnitNotFoundException,
  type OrganizationsClient,
  type ListAWSServiceAccessForOrganizationCommandInput,
  type ListDelegatedAdministratorsCommandInput,
  type PolicyTypeSummary,
} from '@aws-sdk/client-organizations';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export interface FakeOu {
  readonly id: string;
  readonly name: string;
  /** A root (r-...) or OU id. */
  readonly parentId: string;
}

export interface FakeAccount {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  readonly state?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED' | 'PENDING_ACTIVATION';
  readonly tags?: Readonly<Record<string, string>>;
}

export interface FakeOrganizationSpec {
  readonly id?: string;
  readonly managementAccountId?: string;
  readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly rootId?: string;
  readonly ous: readonly FakeOu[];
  readonly accounts: readonly FakeAccount[];
  /** Items per page of every list call. */
  readonly pageSize?: number;
  readonly policyTypes?: readonly PolicyTypeSummary[];
  readonly trustedServices?: readonly string[];
  readonly delegatedAdministrators?: Readonly<Record<string, readonly string[]>>;
  /**
   * Effective BEDROCK_POLICY content by account id; an Error instance is thrown instead (a
   * throttled or denied call), and an account not listed has no BEDROCK_POLICY at all.
   */
  readonly effectiveBedrockPolicies?: Readonly<Record<string, string | Error>>;
}

export const EXAMPLE_ROOT = 'r-ab12';

/** The organization config/baseline.yaml describes, exactly as configured. */
export function exampleOrganization(): FakeOrganizationSpec {
  const tags = (environment: string, owner: string, costCenter: string, classification: string) => ({
    Environment: environment,
    Owner: owner,
    CostCenter: costCenter,
    DataClassification: classification,
  });
  return {
    ous: [
      { id: 'ou-ab12-prod0001', name: 'workloads-prod', parentId: EXAMPLE_ROOT },
      { id: 'ou-ab12-test0001', name: 'workloads-test', parentId: EXAMPLE_ROOT },
      { id: 'ou-ab12-dev00001', name: 'workloads-dev', parentId: EXAMPLE_ROOT },
      { id: 'ou-ab12-secur001', name: 'security', parentId: EXAMPLE_ROOT },
    ],
    accounts: [
      { id: '222222222222', name: 'Log Archive', parentId: 'ou-ab12-secur001', tags: {} },
      { id: '333333333333', name: 'Audit', parentId: 'ou-ab12-secur001', tags: {} },
      { id: '444444444444', name: 'Chatbot Prod', parentId: 'ou-ab12-prod0001', tags: tags('prod', 'ai-platform', '1234', 'confidential') },
      { id: '555555555555', name: 'RAG Search Prod', parentId: 'ou-ab12-prod0001', tags: tags('prod', 'search-team', '2345', 'restricted') },
      { id: '666666666666', name: 'Chatbot Test', parentId: 'ou-ab12-test0001', tags: tags('test', 'ai-platform', '1234', 'internal') },
      { id: '777777777777', name: 'Sandbox Dev', parentId: 'ou-ab12-dev00001', tags: tags('dev', 'ml-research', '3456', 'internal') },
    ],
    trustedServices: ['cloudtrail.amazonaws.com', 'guardduty.amazonaws.com', 'macie.amazonaws.com', 'securityhub.amazonaws.com'],
    delegatedAdministrators: {
      'guardduty.amazonaws.com': ['333333333333'],
      'macie.amazonaws.com': ['333333333333'],
      'securityhub.amazonaws.com': ['333333333333'],
    },
    policyTypes: [
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
      { Type: 'TAG_POLICY', Status: 'ENABLED' },
    ],
  };
}

/** A new account in the prod OU whose Organizations tags supply every mandatory tag of the example config. */
export const FRAUD_DETECTION_ACCOUNT: FakeAccount = {
  id: '888888888888',
  name: 'Fraud Detection Prod',
  parentId: 'ou-ab12-prod0001',
  tags: { Owner: 'fraud-team', CostCenter: '4567', DataClassification: 'confidential', Environment: 'prod' },
};

/** The workloadAccounts entry the CLI writes for it into the example config, line by line. */
export const FRAUD_DETECTION_ENTRY_LINES = [
  '  - id: "888888888888"',
  '    name: fraud-detection-prod',
  '    ou: ou-ab12-prod0001',
  '    environment: prod',
  '    regions: [us-east-1, us-west-2]',
  '    tags:',
  '      CostCenter: "4567"',
  '      DataClassification: confidential',
  '      Owner: fraud-team',
] as const;

/** One page of `items` starting at the NextToken (an index), and the token of the next page. */
function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next: string | undefined } {
  const start = token === undefined ? 0 : Number(token);
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

const $metadata = {};

/** A request as it was sent (the SDK's paginators reuse one input object, so the mock's own call records show only its last state). */
export interface ServedRequest {
  readonly command: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Installs the organization on a mocked OrganizationsClient (reset by the caller between tests); returns the log of requests. */
export function serveOrganization(mock: AwsClientStub<OrganizationsClient>, spec: FakeOrganizationSpec): ServedRequest[] {
  const requests: ServedRequest[] = [];
  const serve = <I extends object>(command: new (input: I) => object, respond: (input: I) => unknown) =>
    mock.on(command as never).callsFake((input: I) => {
      requests.push({ command: command.name, input: { ...input } as Record<string, unknown> });
      return respond(input);
    });
  const size = spec.pageSize ?? 20;
  const rootId = spec.rootId ?? EXAMPLE_ROOT;
  const ous = new Map(spec.ous.map((ou) => [ou.id, ou]));
  const accounts = new Map(spec.accounts.map((account) => [account.id, account]));
  const parentOf = (childId: string) => {
    const parentId = ous.get(childId)?.parentId ?? accounts.get(childId)?.parentId;
    if (parentId === undefined) throw new ChildNotFoundException({ message: `${childId} not found`, $metadata });
    return { Id: parentId, Type: parentId.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' } as const;
  };
  const accountView = (account: FakeAccount) => ({
    Id: account.id,
    Name: account.name,
    State: account.state ?? 'ACTIVE',
    Arn: `arn:aws:organizations::${spec.managementAccountId ?? '111111111111'}:account/${account.id}`,
  });

  serve(DescribeOrganizationCommand, () => ({
    Organization: {
      Id: spec.id ?? 'o-abc123def4',
      MasterAccountId: spec.managementAccountId ?? '111111111111',
      FeatureSet: spec.featureSet ?? 'ALL',
    },
  }));
  serve(DescribeOrganizationalUnitCommand, ({ OrganizationalUnitId: id }) => {
    const ou = ous.get(id ?? '');
    if (!ou) throw new OrganizationalUnitNotFoundException({ message: `${id} not found`, $metadata });
    return { OrganizationalUnit: { Id: ou.id, Name: ou.name } };
  });
  serve(ListAccountsForParentCommand, ({ ParentId, NextToken }) => {
    const { items, next } = page(
      spec.accounts.filter((account) => account.parentId === ParentId),
      NextToken,
      size,
    );
    return { Accounts: items.map(accountView), NextToken: next };
  });
  serve(ListOrganizationalUnitsForParentCommand, ({ ParentId, NextToken }) => {
    const { items, next } = page(
      spec.ous.filter((ou) => ou.parentId === ParentId),
      NextToken,
      size,
    );
    return { OrganizationalUnits: items.map((ou) => ({ Id: ou.id, Name: ou.name })), NextToken: next };
  });
  serve(ListParentsCommand, ({ ChildId }) => ({ Parents: [parentOf(ChildId ?? '')] }));
  serve(DescribeAccountCommand, ({ AccountId }) => {
    const account = accounts.get(AccountId ?? '');
    if (!account) throw new AccountNotFoundException({ message: `${AccountId} not found`, $metadata });
    return { Account: accountView(account) };
  });
  serve(ListTagsForResourceCommand, ({ ResourceId, NextToken }) => {
    const tags = Object.entries(accounts.get(ResourceId ?? '')?.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const { items, next } = page(tags, NextToken, size);
    return { Tags: items, NextToken: next };
  });
  serve(ListRootsCommand, () => ({ Roots: [{ Id: rootId, Name: 'Root', PolicyTypes: [...(spec.policyTypes ?? [])] }] }));
  serve(ListAWSServiceAccessForOrganizationCommand, ({ NextToken }: ListAWSServiceAccessForOrganizationCommandInput) => {
    const { items, next } = page(spec.trustedServices ?? [], NextToken, size);
    return { EnabledServicePrincipals: items.map((ServicePrincipal) => ({ ServicePrincipal })), NextToken: next };
  });
  serve(DescribeEffectivePolicyCommand, ({ TargetId, PolicyType }) => {
    const content = PolicyType === 'BEDROCK_POLICY' ? spec.effectiveBedrockPolicies?.[TargetId ?? ''] : undefined;
    if (content instanceof Error) throw content;
    if (content === undefined) throw new EffectivePolicyNotFoundException({ message: `no effective policy for ${TargetId}`, $metadata });
    return { EffectivePolicy: { PolicyContent: content, TargetId, PolicyType } };
  });
  serve(ListDelegatedAdministratorsCommand, ({ ServicePrincipal, NextToken }: ListDelegatedAdministratorsCommandInput) => {
    const { items, next } = page(spec.delegatedAdministrators?.[ServicePrincipal ?? ''] ?? [], NextToken, size);
    return { DelegatedAdministrators: items.map((Id) => ({ Id })), NextToken: next };
  });
  return requests;
}
