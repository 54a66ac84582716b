/** `baseline preflight` against mocked organizations that are ready, and not ready in each way it checks. */
import { OrganizationsClient, PolicyType } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { providerRequirementLines } from '../../cli/preflight';
import { baselinePolicyTypes } from '../../policies/organization-requirements';
import { runCli } from '../support/cli-context';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';
import { exampleOrganization, serveOrganization, type FakeOrganizationSpec } from '../support/fake-organization';

const organizations = mockClient(OrganizationsClient);
const example = loadConfig(EXAMPLE_CONFIG_PATH);

beforeEach(() => organizations.reset());

const withOrgGuardrail = (enabled: boolean): BaselineConfig => ({
  ...example,
  governance: { ...example.governance, orgGuardrail: { ...example.governance.orgGuardrail!, enabled } },
});

describe('baseline preflight', () => {
  it('passes every check on a ready organization', async () => {
    serveOrganization(organizations, exampleOrganization());
    const run = await runCli(['preflight']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'Preflight of organization o-abc123def4 for config/baseline.yaml',
        '  PASS  management account is 111111111111',
        '  PASS  all features enabled',
        '  PASS  SERVICE_CONTROL_POLICY enabled on the root',
        '  PASS  TAG_POLICY enabled on the root',
        '  PASS  trusted access for cloudtrail.amazonaws.com',
        '  PASS  trusted access for macie.amazonaws.com',
        '  PASS  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit)',
        '',
        'All 7 checks passed.',
        '',
        'Provider releases (hashicorp/aws):',
        '  stacks without an opt-in feature below: >= 6.25.0, < 7.0.0',
        '  off  account-level enforced guardrail (guardrails.accountEnforcement.enabled): > 6.66.0, < 7.0.0 in the baseline-<account> stacks, for aws_bedrock_enforced_guardrail_configuration (terraform-provider-aws pull request 47408)',
        '  off  organization guardrail (BEDROCK_POLICY) (governance.orgGuardrail.enabled): > 6.66.0, < 7.0.0 in the org-governance stack, for aws_bedrock_guardrail_resource_policy (terraform-provider-aws pull request 48697)',
        '  No release is known here to ship these resources, and the arguments the baseline emits for them',
        '  (aws_bedrock_enforced_guardrail_configuration: guardrail_identifier, guardrail_version, selective_content_guarding, model_enforcement; aws_bedrock_guardrail_resource_policy: resource_arn, policy)',
        '  come from the pull requests. Before switching a feature on, run terraform validate on its stacks against',
        '  the release terraform init selects: it must accept the resource type and these argument names.',
        '',
      ].join('\n'),
    );
  });

  const notReady: Array<[string, Partial<FakeOrganizationSpec>, string[]]> = [
    [
      'consolidated billing only',
      { featureSet: 'CONSOLIDATED_BILLING' },
      [
        '  FAIL  all features enabled: feature set is CONSOLIDATED_BILLING: SCPs and management policies need all features',
        '        fix: aws organizations enable-all-features, then have every member account accept the handshake',
      ],
    ],
    [
      'tag policies not enabled',
      { policyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] },
      ['  FAIL  TAG_POLICY enabled on the root: not enabled', '        fix: aws organizations enable-policy-type --root-id r-ab12 --policy-type TAG_POLICY'],
    ],
    [
      'an SCP type still being enabled',
      {
        policyTypes: [
          { Type: 'SERVICE_CONTROL_POLICY', Status: 'PENDING_ENABLE' },
          { Type: 'TAG_POLICY', Status: 'ENABLED' },
        ],
      },
      ['  FAIL  SERVICE_CONTROL_POLICY enabled on the root: status PENDING_ENABLE', '        fix: wait a minute and run preflight again'],
    ],
    [
      'no trusted access for Macie',
      { trustedServices: ['cloudtrail.amazonaws.com'] },
      [
        '  FAIL  trusted access for macie.amazonaws.com: not enabled',
        '        fix: aws organizations enable-aws-service-access --service-principal macie.amazonaws.com',
      ],
    ],
    [
      'no Macie delegated administrator',
      { delegatedAdministrators: {} },
      [
        '  FAIL  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): no delegated administrator registered',
        '        fix: aws macie2 enable-organization-admin-account --admin-account-id 333333333333 --region us-east-1 (in each region Macie runs)',
      ],
    ],
    [
      'another Macie delegated administrator',
      { delegatedAdministrators: { 'macie.amazonaws.com': ['222222222222'] } },
      [
        '  FAIL  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): registered: 222222222222',
        '        fix: aws macie2 disable-organization-admin-account --admin-account-id 222222222222, then aws macie2 enable-organization-admin-account --admin-account-id 333333333333 --region us-east-1 (in each region Macie runs)',
      ],
    ],
    [
      'another management account',
      { managementAccountId: '121212121212' },
      [
        "  FAIL  management account is 111111111111: the organization's management account is 121212121212",
        '        fix: set organization.managementAccountId to "121212121212"',
      ],
    ],
  ];

  it.each(notReady)('fails on %s, with the fix, and exits 1', async (_, change, expected) => {
    serveOrganization(organizations, { ...exampleOrganization(), ...change });
    const run = await runCli(['preflight']);
    expect(run.code).toBe(1);
    const failed = run.stdout.split('\n').filter((line) => line.startsWith('  FAIL') || line.startsWith('        fix'));
    expect(failed).toEqual(expected);
    expect(run.stdout).toContain('1 of 7 checks failed.');
  });
});

describe('policy types required on the root', () => {
  it('are Organizations policy types', () => {
    for (const type of baselinePolicyTypes(withOrgGuardrail(true))) expect(Object.values(PolicyType)).toContain(type);
  });

  it('include BEDROCK_POLICY only when the config enforces an organization guardrail', () => {
    expect(baselinePolicyTypes(withOrgGuardrail(false))).toEqual(['SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
    expect(baselinePolicyTypes(withOrgGuardrail(true))).toEqual(['BEDROCK_POLICY', 'SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
    const { orgGuardrail: _none, ...governance } = example.governance;
    expect(baselinePolicyTypes({ ...example, governance })).toEqual(['SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
  });

  it('marks the opt-in features the config switches on, with the provider release they need', () => {
    const lines = providerRequirementLines(withOrgGuardrail(true));
    expect(lines.filter((line) => /^ {2}(on |off) /.test(line)).map((line) => line.split(': ')[0])).toEqual([
      '  off  account-level enforced guardrail (guardrails.accountEnforcement.enabled)',
      '  on   organization guardrail (BEDROCK_POLICY) (governance.orgGuardrail.enabled)',
    ]);
  });
});
