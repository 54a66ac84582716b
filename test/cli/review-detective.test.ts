/**
 * The detective-coverage part of `baseline review`: per workload account which detectors
 * reach it, read from real synths of the core stacks and one account, and between two
 * synths every detector taken away reported as a widening, beside an OU's new opt-in in the
 * same report. Only the stacks the report reads are synthesized.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../app';
import { accountDetectors, diffDetectiveCoverage, type DetectiveCoverage } from '../../cli/report/detective-coverage';
import type { BaselineConfig } from '../../config/schema';
import { runCli } from '../support/cli-context';
import { exampleConfig } from '../support/config';

const STACKS = ['org-governance', 'security-audit', 'baseline-444444444444'];
function synthInto(config: BaselineConfig): string {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-detective-'));
  buildApp(config, { outdir: dir, stacks: STACKS }).synth();
  return dir;
}

const PROD_OU = 'ou-ab12-prod0001';
const baseDir = synthInto(exampleConfig);
// Detection taken away and, in the same change, the prod OU opted into agent runtimes: both widen.
const withoutDetection = synthInto({
  ...exampleConfig,
  organizationalUnits: exampleConfig.organizationalUnits.map((ou) => (ou.id === PROD_OU ? { ...ou, optIns: [...ou.optIns, 'agent-runtime'] } : ou)),
  detection: {
    ...exampleConfig.detection,
    guardDuty: { ...exampleConfig.detection.guardDuty, enabled: false },
    securityHub: { ...exampleConfig.detection.securityHub, enabled: false },
  },
  logging: { ...exampleConfig.logging, cloudTrail: { readOnlyDataEvents: false } },
});

describe('baseline review: detective coverage', () => {
  it('lists what each detector covers, and which reach each workload account', async () => {
    const run = await runCli(['review', '--synth', baseDir]);
    expect(run.code).toBe(0);
    const section = run.stdout.slice(run.stdout.indexOf('## Detective coverage'));
    expect(section).toContain('- GuardDuty: detectors in `us-east-1`, `us-west-2`; AI Protection in `us-east-1`, `us-west-2`');
    expect(section).toContain('- Organization trail: 44 data event types');
    expect(section).toContain(
      '| `444444444444` | GuardDuty<br>AI Protection<br>Security Hub (2 standards)<br>trail data events (44 types)<br>Macie (central invocation logs) |',
    );
  });

  it('reports switching GuardDuty and Security Hub off, and dropping read-only data events, as widenings', async () => {
    const run = await runCli(['review', '--synth', withoutDetection, '--base', baseDir]);
    expect(run.code).toBe(0);
    const changes = run.stdout.slice(run.stdout.indexOf('### Detective coverage'), run.stdout.indexOf('## Organization policies per target'));
    expect(changes.split('\n').filter((line) => line.startsWith('- '))).toEqual([
      '- GuardDuty: **widened**, removed: no threat detection for any account, AI Protection included',
      '- AI Protection: **widened**, regions removed: us-east-1, us-west-2',
      '- Security Hub: **widened**, removed: no posture checks, the AI standard included',
      '- organization trail: **widened**, data events of read-only calls no longer logged',
    ]);
    expect(run.stdout).toContain('| `444444444444` | trail data events (44 types)<br>Macie (central invocation logs) |');
    expect(run.stdout).toContain('- GuardDuty: **not deployed**');
  });

  it('reports an OU opting in and a detector going away side by side, each where it belongs', async () => {
    const run = await runCli(['review', '--synth', withoutDetection, '--base', baseDir]);
    const changes = run.stdout.slice(
      run.stdout.indexOf('## What changed in governance terms'),
      run.stdout.indexOf('## Organization policies per target'),
    );
    const policies = changes.slice(changes.indexOf('### Organization policies'), changes.indexOf('### Detective coverage'));
    expect(policies).toContain(`DenyBedrockOutsideApprovedUse-${PROD_OU}`);
    expect(policies).toMatch(/- \*\*opt-in added, access widened\*\*: `agent-runtime`, /);
    // The opt-ins table and the detective coverage of the head synth, both in the one report.
    expect(run.stdout).toContain(`| \`${PROD_OU}\` | \`DenyBedrockOutsideApprovedUse-${PROD_OU}\` | \`agent-runtime\`: `);
    const optInsTable = run.stdout.indexOf('### Opt-ins per OU');
    expect(optInsTable).toBeGreaterThan(-1);
    expect(optInsTable).toBeLessThan(run.stdout.indexOf('\n## Detective coverage'));
  });
});

describe('detective coverage rules', () => {
  const coverage: DetectiveCoverage = {
    guardDuty: {
      regions: ['us-east-1', 'us-west-2'],
      autoEnableMembers: { 'us-east-1': 'ALL', 'us-west-2': 'ALL' },
      aiProtectionRegions: ['us-east-1'],
    },
    securityHub: { standards: ['standards/ai-security-best-practices/v/1.0.0'], targets: ['ou-ab12-prod0001'], linkedRegions: ['us-west-2'] },
    trail: { dataEventTypes: ['AWS::Bedrock::Model'], readOnlyDataEvents: true },
    macieBuckets: [],
  };

  it('names the regions an account uses that a detector misses, and the OUs Security Hub does not target', () => {
    expect(
      accountDetectors(coverage, { accountId: '444444444444', ou: 'ou-ab12-prod0001', regions: ['eu-west-1', 'us-east-1', 'us-west-2'] }),
    ).toEqual(['GuardDuty (not eu-west-1)', 'AI Protection (us-east-1)', 'Security Hub (1 standard)', 'trail data events (1 type)']);
    expect(accountDetectors(coverage, { accountId: '777777777777', ou: 'ou-ab12-dev00001', regions: ['us-west-2'] })).toEqual([
      'GuardDuty',
      'trail data events (1 type)',
    ]);
  });

  it('takes a removed standard, target, data event type or member auto-enable as a widening, an addition not', () => {
    const head: DetectiveCoverage = {
      ...coverage,
      guardDuty: { ...coverage.guardDuty!, autoEnableMembers: { 'us-east-1': 'NEW', 'us-west-2': 'ALL' } },
      securityHub: { ...coverage.securityHub!, standards: [], targets: ['ou-ab12-prod0001', 'ou-ab12-test0001'] },
      trail: { dataEventTypes: ['AWS::BedrockAgentCore::Runtime'], readOnlyDataEvents: true },
    };
    expect(diffDetectiveCoverage(coverage, head).map((change) => [change.detector, change.description, change.widening])).toEqual([
      ['GuardDuty', 'member auto-enable no longer ALL in us-east-1', true],
      ['Security Hub', 'standards removed: standards/ai-security-best-practices/v/1.0.0', true],
      ['Security Hub', 'policy targets added: ou-ab12-test0001', false],
      ['organization trail', 'data event types removed: AWS::Bedrock::Model', true],
      ['organization trail', 'data event types added: AWS::BedrockAgentCore::Runtime', false],
    ]);
    expect(diffDetectiveCoverage(coverage, coverage)).toEqual([]);
  });
});
