/**
 * `baseline review` on real synth folders of the example config (and of the same
 * config with one SCP-relevant change), plus the guardrail part of the report on
 * Terraform JSON shaped like the provider's guardrail resources.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app';
import { diffGovernance } from '../../cli/report/governance-diff';
import { renderGovernanceReport } from '../../cli/report/markdown';
import { governanceSnapshot, type TerraformJson } from '../../cli/report/snapshot';
import { loadConfig } from '../../config/load';
import { baselineServiceControlPolicies } from '../../policies/scp';
import type { BaselineConfig } from '../../config/schema';
import { versionDescription } from '../../constructs/published-guardrail';
import { accountGuardrailSpec } from '../../guardrails/spec';
import { runCli } from '../support/cli-context';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';

const example = loadConfig(EXAMPLE_CONFIG_PATH);
/** The example's break-glass role, by its path and name. */
const BREAK_GLASS = 'bedrock-gov-break-glass/BreakGlassAdmin';

/** The guardrails cell of an account: per region its guardrail and the version the stack publishes. */
function guardrailsCell(accountId: string): string {
  const account = example.workloadAccounts.find((candidate) => candidate.id === accountId)!;
  return account.regions
    .map((region) => {
      const spec = accountGuardrailSpec(example, account, region);
      return `${region}: \`${spec.name}\`, pinned version \`${versionDescription(spec)}\``;
    })
    .join('<br>');
}

/** Deny statements of the baseline SCPs of `config` (those attached to `target`, if given), and how many of them skip `roleName`. */
function statementCounts(config: BaselineConfig, roleName: string, target?: string): { total: number; skipping: number } {
  const statements = baselineServiceControlPolicies(config)
    .filter((scp) => target === undefined || scp.targets.includes(target))
    .flatMap((scp) => scp.document.Statement);
  const skipping = statements.filter((s) => {
    const exempt = s.Condition?.ArnNotLike?.['aws:PrincipalArn'];
    return exempt !== undefined && [exempt].flat().includes(`arn:aws:iam::*:role/${roleName}`);
  });
  return { total: statements.length, skipping: skipping.length };
}

function synthInto(config: BaselineConfig, stacks?: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-synth-'));
  buildApp(config, { outdir: dir, ...(stacks ? { stacks } : {}) }).synth();
  return dir;
}

// Built once: a synth is the expensive part.
const baseDir = synthInto(example);
const globalDir = synthInto({ ...example, governance: { ...example.governance, crossRegionInference: 'global' } });

describe('baseline review of one synth', () => {
  it('shows per account its OU, regions, guardrails and the SCPs in effect, and who is exempt', async () => {
    const run = await runCli(['review', '--synth', baseDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const { total } = statementCounts(example, BREAK_GLASS, 'ou-ab12-prod0001');
    const deployer = statementCounts(example, 'GovernanceBaselineDeployer', 'ou-ab12-prod0001').skipping;
    const prodScps =
      '`DenyBaselineSafeguardTampering`, `DenyBedrockGovernanceTampering`, `DenyBedrockOutsideApprovedUse-ou-ab12-prod0001`, `RequireBedrockResourceTags`';
    expect(run.stdout).toContain(
      `| \`555555555555\` | \`ou-ab12-prod0001\` | us-east-1, us-west-2 | ${guardrailsCell('555555555555')} | ${prodScps} | \`role/${BREAK_GLASS}\` ${total}/${total}<br>\`role/GovernanceBaselineDeployer\` ${deployer}/${total} |`,
    );
    const everywhere = statementCounts(example, BREAK_GLASS).total;
    expect(run.stdout).toContain(`| \`arn:aws:iam::*:role/${BREAK_GLASS}\` | all ${everywhere} Deny statements | — |`);
    expect(run.stdout).toContain(
      '| `ou-ab12-test0001` | `DenyBaselineSafeguardTampering`, `DenyBedrockGovernanceTampering`, `DenyBedrockOutsideApprovedUse-ou-ab12-test0001`, `RequireBedrockResourceTags` | `BedrockGuardrailMandatoryTags (TAG_POLICY)` |',
    );
    // The core accounts carry the safeguard and core-account SCPs directly.
    expect(run.stdout).toContain('| `222222222222` | `DenyBaselineSafeguardTampering`, `DenyCoreAccountTampering` | — |');
    // The example's dev OU opts into unguarded inference, the others into nothing.
    expect(run.stdout).toContain('| `ou-ab12-dev00001` | `DenyBedrockOutsideApprovedUse-ou-ab12-dev00001` | `unguarded-inference`: ');
    expect(run.stdout).toContain('| `ou-ab12-prod0001` | `DenyBedrockOutsideApprovedUse-ou-ab12-prod0001` | none |');
    expect(run.stdout).not.toContain('What changed');
  });

  it('says when the SCPs are not in the synth (selective synth of one account)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-synth-'));
    buildApp(example, { outdir: dir, stacks: ['baseline-444444444444'] }).synth();
    const run = await runCli(['review', '--synth', dir]);
    expect(run.stdout).toContain(
      `| \`444444444444\` | \`ou-ab12-prod0001\` | us-east-1, us-west-2 | ${guardrailsCell('444444444444')} | org-governance not in this synth | — |`,
    );
  });

  it('is deterministic', async () => {
    const first = await runCli(['review', '--synth', baseDir]);
    const second = await runCli(['review', '--synth', synthInto(example)]);
    expect(second.stdout).toBe(first.stdout);
  });

  it('names exempt service roles and the statement that takes part of their exemption back', async () => {
    const exempting: BaselineConfig = {
      ...example,
      governance: { ...example.governance, guardrailExemptions: { viaAwsServiceRoleNames: ['KnowledgeBaseQuery'], bedrockServiceRoleNames: [] } },
    };
    const run = await runCli(['review', '--synth', synthInto(exempting)]);
    const { total } = statementCounts(exempting, 'KnowledgeBaseQuery');
    const perimeters = exempting.organizationalUnits.map((ou) => `DenyBedrockOutsideApprovedUse-${ou.id}`).sort();
    const list = (sid: string) => perimeters.map((name) => `\`${name}.${sid}\``).join(', ');
    expect(run.stdout).toContain(
      `| \`arn:aws:iam::*:role/KnowledgeBaseQuery\` | ${perimeters.length} of ${total}: ${list('DenyInferenceWithoutBaselineGuardrail')} | ${list('DenyDirectInferenceWithoutGuardrailByExemptRoles')} |`,
    );
  });
});

describe('baseline review --base', () => {
  it('shows the one SCP change and nothing else', async () => {
    const run = await runCli(['review', '--synth', globalDir, '--base', baseDir]);
    expect(run.code).toBe(0);
    const section = run.stdout.slice(run.stdout.indexOf('## What changed'), run.stdout.indexOf('## Organization policies per target'));
    const perimeters = example.organizationalUnits.map((ou) => `DenyBedrockOutsideApprovedUse-${ou.id}`).sort();
    expect(section.split('\n').filter((line) => line.startsWith('#### '))).toEqual(perimeters.map((name) => `#### SCP \`${name}\`: modified`));
    expect(section).toContain(
      [
        '- `DenyBedrockOutsideOuRegions` **narrowed: denies less**',
        '  - Condition `ArnNotLike` `bedrock:InferenceProfileArn`: added `arn:aws:bedrock:us-east-1:*:inference-profile/global.*`, `arn:aws:bedrock:us-west-2:*:inference-profile/global.*` (narrowed)',
        '- `DenyGlobalRouting` **removed**: Deny `bedrock:InvokeModel`, `bedrock:InvokeModelWithResponseStream` on `*` when `StringEquals` `aws:RequestedRegion` `unspecified` and `ArnNotLike` `aws:PrincipalArn` `arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin`',
      ].join('\n'),
    );
    expect(section).not.toContain('### Workload accounts');
    expect(section).not.toContain('### Exemptions');
  });

  it('shows an opt-in as widened access of the OU, and its statement denying less', async () => {
    const optingIn = {
      ...example,
      organizationalUnits: example.organizationalUnits.map((ou) => (ou.id === 'ou-ab12-test0001' ? { ...ou, optIns: ['egress' as const] } : ou)),
    };
    const run = await runCli(['review', '--synth', synthInto(optingIn, ['org-governance']), '--base', synthInto(example, ['org-governance'])]);
    const section = run.stdout.slice(run.stdout.indexOf('## What changed'), run.stdout.indexOf('## Organization policies per target'));
    expect(section.split('\n').filter((line) => line.startsWith('#### '))).toEqual([
      '#### SCP `DenyBedrockOutsideApprovedUse-ou-ab12-test0001`: modified',
    ]);
    expect(section).toContain('- **opt-in added, access widened**: `egress`, Reaches outside AWS by design');
    expect(section).toContain('- `DenyActionClassesNotOptedIn` **narrowed: denies less**');
    expect(section).toMatch(/removed [^\n]*`bedrock-websearch:\*`/);
    expect(run.stdout).toContain('| `ou-ab12-test0001` | `DenyBedrockOutsideApprovedUse-ou-ab12-test0001` | `egress`: ');
  });

  it('says so when nothing changed', async () => {
    const run = await runCli(['review', '--synth', baseDir, '--base', baseDir]);
    expect(run.stdout).toContain('No governance changes between the base synth and this one.');
  });

  it('lists the stacks to plan', async () => {
    const run = await runCli(['review', '--synth', globalDir, '--base', baseDir, '--changed-stacks']);
    // Global profiles change the SCPs and every invoke role (the accounts' global.<model> profiles).
    expect(JSON.parse(run.stdout)).toEqual([...example.workloadAccounts.map((account) => `baseline-${account.id}`), 'org-governance']);
  });

  it('reports new and moved accounts', async () => {
    const moved = {
      ...example,
      workloadAccounts: example.workloadAccounts.map((account) => (account.id === '777777777777' ? { ...account, regions: ['us-east-1'] } : account)),
    };
    const run = await runCli(['review', '--synth', synthInto(moved), '--base', baseDir]);
    expect(run.stdout).toContain('- `777777777777`: regions removed `us-west-2`');
    const stacks = JSON.parse((await runCli(['review', '--synth', synthInto(moved), '--base', baseDir, '--changed-stacks'])).stdout);
    expect(stacks).toEqual(['baseline-777777777777']);
  });

  it('writes the report to --out', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'baseline-report-')), 'report.md');
    const run = await runCli(['review', '--synth', globalDir, '--base', baseDir, '--out', out]);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('## What changed in governance terms');
  });

  it('exits 2 for a folder that is not a synth', async () => {
    const run = await runCli(['review', '--synth', tmpdir() + '/no-such-synth']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a synth folder: no stacks/*/cdk.tf.json (run npm run synth)');
  });
});

describe('guardrails in the report', () => {
  // The shape of the provider's aws_bedrock_guardrail and aws_bedrock_guardrail_version in cdk.tf.json.
  const accountStack = (contentStrength: string, versionDescription: string): TerraformJson => ({
    provider: {
      aws: [
        { region: 'us-east-1', allowed_account_ids: ['444444444444'] },
        { region: 'us-west-2', alias: 'us-west-2', allowed_account_ids: ['444444444444'] },
      ],
    },
    output: { organizational_unit: { value: 'ou-ab12-prod0001' } },
    resource: {
      aws_bedrock_guardrail: {
        'chat-us-west-2': {
          name: 'baseline-chat',
          provider: 'aws.us-west-2',
          blocked_input_messaging: 'Blocked.',
          blocked_outputs_messaging: 'Blocked.',
          content_policy_config: [{ filters_config: [{ type: 'HATE', input_strength: contentStrength, output_strength: contentStrength }] }],
          sensitive_information_policy_config: [{ pii_entities_config: [{ type: 'EMAIL', action: 'ANONYMIZE' }] }],
          tags: { Owner: 'ai-platform' },
        },
      },
      aws_bedrock_guardrail_version: {
        'chat-us-west-2-version': {
          guardrail_arn: '${aws_bedrock_guardrail.chat-us-west-2.guardrail_arn}',
          description: versionDescription,
          provider: 'aws.us-west-2',
        },
      },
    },
  });

  it('shows region, name and pinned version, and what changed in a guardrail', () => {
    const before = governanceSnapshot(new Map([['baseline-444444444444', accountStack('HIGH', 'baseline v1')]]));
    const after = governanceSnapshot(new Map([['baseline-444444444444', accountStack('MEDIUM', 'baseline v2')]]));
    expect(after.accounts[0]!.guardrails).toEqual([
      expect.objectContaining({
        name: 'baseline-chat',
        region: 'us-west-2',
        versions: ['baseline v2'],
        policies: ['content filters', 'sensitive information'],
      }),
    ]);
    const report = renderGovernanceReport(after, diffGovernance(before, after));
    expect(report).toContain('us-west-2: `baseline-chat`, pinned version `baseline v2`');
    expect(report).toContain(
      '- `444444444444`: guardrail `us-west-2/baseline-chat` modified: `content_policy_config`; versions `baseline v1` → `baseline v2`',
    );
  });

  it('flags a guardrail without a published version', () => {
    const stack = accountStack('HIGH', 'v1');
    const withoutVersion: TerraformJson = { ...stack, resource: { aws_bedrock_guardrail: stack.resource!.aws_bedrock_guardrail! } };
    const report = renderGovernanceReport(governanceSnapshot(new Map([['baseline-444444444444', withoutVersion]])));
    expect(report).toContain('us-west-2: `baseline-chat`, **no published version**');
  });
});
