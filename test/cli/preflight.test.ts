/** `baseline preflight` against mocked organizations that are ready, and not ready in each way it checks. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganizationsClient, PolicyType } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { providerRequirementLines } from '../../cli/preflight';
import { baselinePolicyTypes } from '../../policies/organization-requirements';
import { runCli } from '../support/cli-context';
import { editedExampleConfig, EXAMPLE_CONFIG_PATH, type ConfigEdit } from '../support/config-fixtures';
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
        '  PASS  trusted access for guardduty.amazonaws.com',
        '  PASS  trusted access for macie.amazonaws.com',
        '  PASS  trusted access for securityhub.amazonaws.com',
        '  PASS  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit)',
        '  PASS  guardduty.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit)',
        '  PASS  securityhub.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit)',
        '',
        'All 11 checks passed.',
        '',
        'Provider releases (hashicorp/aws):',
        '  stacks without an opt-in feature below: >= 6.25.0, < 7.0.0',
        '  off  account-level enforced guardrail (guardrails.accountEnforcement.enabled): > 6.66.0, < 7.0.0 in the baseline-<account> stacks, for aws_bedrock_enforced_guardrail_configuration (terraform-provider-aws pull request 47408)',
        '  off  organization guardrail (BEDROCK_POLICY) (governance.orgGuardrail.enabled): > 6.66.0, < 7.0.0 in the org-governance stack, for aws_bedrock_guardrail_resource_policy (terraform-provider-aws pull request 48697)',
        '  on   GuardDuty AI Protection (detection.guardDuty.aiProtection): >= 6.56.0, < 7.0.0 in the security-audit stack, for aws_guardduty_organization_configuration_feature with name AI_PROTECTION (terraform-provider-aws pull request 48972)',
        '  on   GuardDuty AI Protection (detection.guardDuty.aiProtection): >= 6.56.0, < 7.0.0 in the security-audit stack, for aws_guardduty_detector_feature with name AI_PROTECTION (terraform-provider-aws pull request 48972)',
        '  No release is known here to ship the resources no binding has, and the arguments the baseline emits for them',
        '  (aws_bedrock_enforced_guardrail_configuration: guardrail_identifier, guardrail_version, selective_content_guarding, model_enforcement; aws_bedrock_guardrail_resource_policy: resource_arn, policy)',
        '  come from the pull requests. Before switching a feature on, run terraform validate on its stacks against',
        '  the release terraform init selects: it must accept the resource type and these argument names.',
        '  GuardDuty AI Protection 6.56.0: the first release whose provider accepts the value,',
        '  as its maintainers announced it; terraform validate against the selected release confirms it.',
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
      [
        '  FAIL  TAG_POLICY enabled on the root: not enabled',
        '        fix: aws organizations enable-policy-type --root-id r-ab12 --policy-type TAG_POLICY',
      ],
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
      { trustedServices: ['cloudtrail.amazonaws.com', 'guardduty.amazonaws.com', 'securityhub.amazonaws.com'] },
      [
        '  FAIL  trusted access for macie.amazonaws.com: not enabled',
        '        fix: aws organizations enable-aws-service-access --service-principal macie.amazonaws.com',
      ],
    ],
    [
      'no Macie delegated administrator',
      { delegatedAdministrators: { ...exampleOrganization().delegatedAdministrators, 'macie.amazonaws.com': [] } },
      [
        '  FAIL  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): no delegated administrator registered',
        '        fix: aws macie2 enable-organization-admin-account --admin-account-id 333333333333 --region us-east-1 (in each region Macie runs)',
      ],
    ],
    [
      'another Macie delegated administrator',
      { delegatedAdministrators: { ...exampleOrganization().delegatedAdministrators, 'macie.amazonaws.com': ['222222222222'] } },
      [
        '  FAIL  macie.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): registered: 222222222222',
        '        fix: aws macie2 disable-organization-admin-account --admin-account-id 222222222222, then aws macie2 enable-organization-admin-account --admin-account-id 333333333333 --region us-east-1 (in each region Macie runs)',
      ],
    ],
    [
      'no GuardDuty delegated administrator',
      { delegatedAdministrators: { ...exampleOrganization().delegatedAdministrators, 'guardduty.amazonaws.com': [] } },
      [
        '  FAIL  guardduty.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): no delegated administrator registered',
        '        fix: aws guardduty enable-organization-admin-account --admin-account-id 333333333333 --region <region> in each of us-east-1, us-west-2',
      ],
    ],
    [
      'another Security Hub delegated administrator',
      { delegatedAdministrators: { ...exampleOrganization().delegatedAdministrators, 'securityhub.amazonaws.com': ['222222222222'] } },
      [
        '  FAIL  securityhub.amazonaws.com delegated administrator is 333333333333 (coreAccounts.audit): registered: 222222222222',
        '        fix: aws securityhub disable-organization-admin-account --admin-account-id 222222222222, then aws securityhub enable-organization-admin-account --admin-account-id 333333333333 --region us-east-1',
      ],
    ],
    [
      'no trusted access for GuardDuty',
      { trustedServices: ['cloudtrail.amazonaws.com', 'macie.amazonaws.com', 'securityhub.amazonaws.com'] },
      [
        '  FAIL  trusted access for guardduty.amazonaws.com: not enabled',
        '        fix: aws organizations enable-aws-service-access --service-principal guardduty.amazonaws.com',
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
    expect(run.stdout).toContain('1 of 11 checks failed.');
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
      '  on   GuardDuty AI Protection (detection.guardDuty.aiProtection)',
      '  on   GuardDuty AI Protection (detection.guardDuty.aiProtection)',
    ]);
  });
});

describe('with GuardDuty and Security Hub switched off', () => {
  it('asks for neither their trusted access nor their delegated administrator', async () => {
    serveOrganization(organizations, {
      ...exampleOrganization(),
      trustedServices: ['cloudtrail.amazonaws.com', 'macie.amazonaws.com'],
      delegatedAdministrators: { 'macie.amazonaws.com': ['333333333333'] },
    });
    const file = configFile({ set: ['detection'], value: { guardDuty: { enabled: false }, securityHub: { enabled: false } } });
    const run = await runCli(['preflight', '--config', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('All 7 checks passed.');
    expect(run.stdout).toContain('  off  GuardDuty AI Protection (detection.guardDuty.aiProtection)');
  });
});

/** The example config with `edits`, written to a private file. */
function configFile(...edits: ConfigEdit[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'baseline-preflight-')), 'baseline.yaml');
  writeFileSync(file, editedExampleConfig(...edits));
  return file;
}

describe('the organization guardrail in the effective BEDROCK_POLICY of each governed account', () => {
  const guardrailIn = (region: string) => `arn:aws:bedrock:${region}:111111111111:guardrail/orgbase${region.replace(/-/g, '')}`;
  /** The effective policy as Organizations shows it: the leaves without their inheritance operators. */
  const effective = (regions: readonly string[]) =>
    JSON.stringify({
      bedrock: {
        guardrail_inference: Object.fromEntries(
          regions.map((region) => [region, { config_1: { identifier: `${guardrailIn(region)}:3`, input_tags: 'honor' } }]),
        ),
      },
    });
  const enforcing = configFile({ set: ['governance', 'orgGuardrail', 'enabled'], value: true });
  const withBedrockPolicy = (effectiveBedrockPolicies: Record<string, string | Error>): FakeOrganizationSpec => ({
    ...exampleOrganization(),
    policyTypes: [...exampleOrganization().policyTypes!, { Type: 'BEDROCK_POLICY', Status: 'ENABLED' }],
    effectiveBedrockPolicies,
  });
  const both = effective(['us-east-1', 'us-west-2']);

  it('passes when every ACTIVE account under the governed OUs receives it in every region, and reads each account once', async () => {
    const requests = serveOrganization(
      organizations,
      withBedrockPolicy({ '444444444444': both, '555555555555': both, '666666666666': both, '777777777777': both }),
    );
    const run = await runCli(['preflight', '--config', enforcing]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  PASS  organization guardrail in the effective BEDROCK_POLICY of all 4 governed account(s)');
    const read = requests.filter((request) => request.command === 'DescribeEffectivePolicyCommand');
    expect(read.map((request) => request.input.TargetId).sort()).toEqual(['444444444444', '555555555555', '666666666666', '777777777777']);
    expect(new Set(read.map((request) => request.input.PolicyType))).toEqual(new Set(['BEDROCK_POLICY']));
    // The walk reads no tags: preflight needs only the accounts.
    expect(requests.some((request) => request.command === 'ListTagsForResourceCommand')).toBe(false);
  });

  it('fails, with the fix, for each account it does not reach; a throttled account hides none of the others', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException', $metadata: { attempts: 8 } });
    serveOrganization(
      organizations,
      withBedrockPolicy({ '555555555555': effective(['us-east-1']), '666666666666': throttled, '777777777777': both }),
    );
    const run = await runCli(['preflight', '--config', enforcing]);
    expect(run.code).toBe(1);
    const failed = run.stdout.split('\n').filter((line) => line.includes('effective BEDROCK_POLICY'));
    expect(failed).toEqual([
      '  FAIL  organization guardrail in the effective BEDROCK_POLICY of 444444444444 (Chatbot Prod): no BEDROCK_POLICY applies to the account',
      '  FAIL  organization guardrail in the effective BEDROCK_POLICY of 555555555555 (RAG Search Prod): no guardrail in us-west-2',
      '  FAIL  organization guardrail in the effective BEDROCK_POLICY of 666666666666 (Chatbot Test): not read: organizations:DescribeEffectivePolicy was still throttled after 8 attempt(s) (TooManyRequestsException); wait and run again, or raise BASELINE_AWS_MAX_ATTEMPTS (at most 20)',
    ]);
    expect(run.stdout).toContain(
      "        fix: deploy org-governance (it attaches the BEDROCK_POLICY to the account's OU and enables the type on the root), and look for a policy above the OU that overrides it: aws organizations describe-effective-policy --policy-type BEDROCK_POLICY --target-id 444444444444",
    );
    expect(run.stdout).toContain('3 of 15 checks failed.');
  });

  it('draws its progress on a terminal and clears it', async () => {
    serveOrganization(organizations, withBedrockPolicy({ '444444444444': both, '555555555555': both, '666666666666': both, '777777777777': both }));
    const run = await runCli(['preflight', '--config', enforcing], { stderrIsTTY: true });
    expect(run.stderr).toContain('4/4 effective BEDROCK_POLICY read');
    expect(run.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
