/**
 * `baseline discover` against a mocked organization that drifted from the example
 * config in every way the command reports, and `--write` resolving what it can with an
 * exact, repeatable edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfig } from '../../config/load';
import { exampleConfigCopy, runCli } from '../support/cli-context';
import { editedExampleConfig } from '../support/config-fixtures';
import {
  EXAMPLE_ROOT,
  exampleOrganization,
  FRAUD_DETECTION_ACCOUNT,
  FRAUD_DETECTION_ENTRY_LINES,
  serveOrganization,
  type FakeAccount,
  type FakeOrganizationSpec,
} from '../support/fake-organization';

const organizations = mockClient(OrganizationsClient);

/** The example organization, drifted. */
function driftedOrganization(): FakeOrganizationSpec {
  const example = exampleOrganization();
  const byId = new Map(example.accounts.map((account) => [account.id, account]));
  const moved = (id: string, change: Partial<FakeAccount>): FakeAccount => ({ ...byId.get(id)!, ...change });
  return {
    ...example,
    pageSize: 2,
    ous: [...example.ous, { id: 'ou-ab12-sand0001', name: 'sandbox', parentId: EXAMPLE_ROOT }],
    accounts: [
      moved('222222222222', {}),
      moved('333333333333', { parentId: 'ou-ab12-prod0001' }), // a core account inside a governed OU is not a workload
      moved('444444444444', { tags: { Environment: 'prod', Owner: 'ai-platform', DataClassification: 'confidential' } }),
      moved('555555555555', { parentId: 'ou-ab12-test0001', tags: { ...byId.get('555555555555')!.tags, Environment: 'test' } }),
      moved('666666666666', { state: 'SUSPENDED' }),
      moved('777777777777', { parentId: 'ou-ab12-sand0001' }),
      FRAUD_DETECTION_ACCOUNT,
      { id: '999999999999', name: 'Untagged Dev', parentId: 'ou-ab12-dev00001', tags: { CostCenter: '1' } },
      { id: '101010101010', name: 'Not yet', parentId: 'ou-ab12-prod0001', state: 'PENDING_ACTIVATION' },
    ],
  };
}

beforeEach(() => organizations.reset());

interface JsonFinding {
  kind: string;
  subject: string;
  message: string;
  fix: string;
  writable: boolean;
}

describe('baseline discover', () => {
  it('reports no drift for the organization the example config describes', async () => {
    serveOrganization(organizations, exampleOrganization());
    const run = await runCli(['discover']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No drift: the config matches the organization.');
    expect(run.stdout).toContain('444444444444  Chatbot Prod  baseline chatbot-prod');
  });

  it('reports each kind of drift with its fix, and exits 1', async () => {
    serveOrganization(organizations, driftedOrganization());
    const run = await runCli(['discover', '--json']);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((finding) => [finding.subject, finding.kind, finding.writable])).toEqual([
      ['444444444444', 'tag-gap', false],
      ['555555555555', 'moved', true],
      ['666666666666', 'inactive', false],
      ['777777777777', 'ungoverned', false],
      ['888888888888', 'unbaselined', true],
      ['999999999999', 'unbaselined', false],
    ]);
    const bySubject = new Map(findings.map((finding) => [`${finding.subject} ${finding.kind}`, finding]));
    expect(bySubject.get('444444444444 tag-gap')!.fix).toBe(
      'aws organizations tag-resource --resource-id 444444444444 --tags Key=CostCenter,Value=1234  (or change the config if Organizations is right)',
    );
    expect(bySubject.get('777777777777 ungoverned')!.message).toContain('outside every governed OU: the baseline SCPs no longer apply to it');
    expect(bySubject.get('999999999999 unbaselined')!.message).toContain('no Owner tag');
    expect(bySubject.get('999999999999 unbaselined')!.fix).toContain(
      'baseline vend --account-id 999999999999 --ou ou-ab12-dev00001 --environment dev',
    );
  });

  it('reports config accounts that left the organization', async () => {
    const example = exampleOrganization();
    serveOrganization(organizations, { ...example, accounts: example.accounts.filter((account) => account.id !== '666666666666') });
    const run = await runCli(['discover']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[not-in-organization] 666666666666 (chatbot-test) is in the config but not in the organization');
  });

  it('--write adds the taggable new account and corrects the moved one, exactly', async () => {
    serveOrganization(organizations, driftedOrganization());
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await runCli(['discover', '--config', file, '--write']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1); // tag gap, suspended and ungoverned accounts remain
    expect(run.stdout).toContain('Wrote 1 new and 1 corrected account(s)');

    const after = readFileSync(file, 'utf8');
    const expected = before
      .replace(
        '    ou: ou-ab12-prod0001\n    environment: prod\n    regions: [us-east-1, us-west-2]\n    tags: { Owner: search-team',
        '    ou: ou-ab12-test0001\n    environment: test\n    regions: [us-east-1, us-west-2]\n    tags: { Owner: search-team',
      )
      .replace(
        '    tags: { Owner: ml-research, CostCenter: "3456", DataClassification: internal }\n',
        ['    tags: { Owner: ml-research, CostCenter: "3456", DataClassification: internal }', ...FRAUD_DETECTION_ENTRY_LINES, ''].join('\n'),
      );
    expect(expected).not.toBe(before);
    expect(after).toBe(expected);
    expect(loadConfig(file).workloadAccounts.find((account) => account.id === '555555555555')).toMatchObject({
      ou: 'ou-ab12-test0001',
      environment: 'test',
    });

    const again = await runCli(['discover', '--config', file, '--write']);
    expect(again.code).toBe(1);
    expect(again.stdout).not.toContain('Wrote');
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('refuses to start from a config synth would reject, and leaves it as it is', async () => {
    serveOrganization(organizations, driftedOrganization());
    const file = exampleConfigCopy();
    const invalid = readFileSync(file, 'utf8').replace('Environment: [dev, test, prod]', 'Environment: [dev, test, prod]\n  Team: []');
    writeFileSync(file, invalid);
    const run = await runCli(['discover', '--config', file, '--write']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('workloadAccounts[0].tags.Team: missing mandatory tag Team');
    expect(run.stderr).toContain('is invalid; fix it first');
    expect(readFileSync(file, 'utf8')).toBe(invalid);
  });

  it('draws progress on stderr only when stderr is a terminal', async () => {
    serveOrganization(organizations, exampleOrganization());
    const quiet = await runCli(['discover']);
    expect(quiet.stderr).toBe('');
    const tty = await runCli(['discover'], { stderrIsTTY: true });
    expect(tty.stderr).toContain('[########################] 4/4 account tags read');
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(tty.stdout).toBe(quiet.stdout);
  });
});

describe('baseline discover with the organization guardrail enforced', () => {
  const effective = (regions: readonly string[]) =>
    JSON.stringify({
      bedrock: {
        guardrail_inference: Object.fromEntries(
          regions.map((region) => [region, { config_1: { identifier: `arn:aws:bedrock:${region}:111111111111:guardrail/orgbase01:2` } }]),
        ),
      },
    });
  const both = effective(['us-east-1', 'us-west-2']);

  it('reports each ACTIVE governed account the guardrail does not reach, and an unreadable one, as drift', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    serveOrganization(organizations, {
      ...exampleOrganization(),
      effectiveBedrockPolicies: { '444444444444': both, '555555555555': effective(['us-east-1']), '666666666666': denied, '777777777777': both },
    });
    const file = exampleConfigCopy();
    writeFileSync(file, editedExampleConfig({ set: ['governance', 'orgGuardrail', 'enabled'], value: true }));
    const run = await runCli(['discover', '--config', file, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((finding) => [finding.subject, finding.kind])).toEqual([
      ['555555555555', 'guardrail-missing'],
      ['666666666666', 'guardrail-unverified'],
    ]);
    expect(findings[0]!.message).toBe(
      '555555555555 (RAG Search Prod): the organization guardrail is not in its effective BEDROCK_POLICY: no guardrail in us-west-2',
    );
    expect(findings[0]!.fix).toContain('aws organizations describe-effective-policy --policy-type BEDROCK_POLICY --target-id 555555555555');
    expect(findings[1]!.message).toContain(
      '666666666666 (Chatbot Test): its effective BEDROCK_POLICY could not be read: access denied to organizations:DescribeEffectivePolicy',
    );
  });

  it('reads no effective policy while the config enforces no organization guardrail', async () => {
    const requests = serveOrganization(organizations, exampleOrganization());
    expect((await runCli(['discover'])).code).toBe(0);
    expect(requests.some((request) => request.command === 'DescribeEffectivePolicyCommand')).toBe(false);
  });
});
