/**
 * `baseline vend` against a mocked organization: the exact config edit, idempotency,
 * refusals (outside the OU, not ACTIVE, unknown), invalid input leaving the file
 * untouched, and the deploy it prints or runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { buildApp } from '../../app';
import { SYNTH_CONFIG_CHECKS } from '../../checks/synth-config-checks';
import { loadConfig } from '../../config/load';
import { exampleConfigCopy, runCli } from '../support/cli-context';
import { EXPECTED_DEPLOY_PREFIX, EXPECTED_FLAVOUR } from '../support/flavour';
import {
  exampleOrganization,
  FRAUD_DETECTION_ACCOUNT,
  FRAUD_DETECTION_ENTRY_LINES,
  serveOrganization,
  type FakeOrganizationSpec,
} from '../support/fake-organization';
import { unsynthesizedOutdir } from '../support/synth';

const organizations = mockClient(OrganizationsClient);

const FRAUD_TAGS = FRAUD_DETECTION_ACCOUNT.tags!;
function organizationWithNewAccounts(): FakeOrganizationSpec {
  const example = exampleOrganization();
  return {
    ...example,
    pageSize: 2,
    ous: [...example.ous, { id: 'ou-ab12-team0001', name: 'team-fraud', parentId: 'ou-ab12-prod0001' }],
    accounts: [
      ...example.accounts,
      FRAUD_DETECTION_ACCOUNT,
      { id: '121212121212', name: 'Fraud Team Nested', parentId: 'ou-ab12-team0001', tags: FRAUD_TAGS },
      { id: '131313131313', name: 'Suspended One', parentId: 'ou-ab12-prod0001', state: 'SUSPENDED', tags: FRAUD_TAGS },
    ],
  };
}

beforeEach(() => {
  organizations.reset();
  serveOrganization(organizations, organizationWithNewAccounts());
});

/** The one contiguous change between two texts, by lines. */
function lineDiff(before: string, after: string): { at: number; removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { at: start, removed: a.slice(start, endA), added: b.slice(start, endB) };
}

const vend = (file: string, ...args: string[]) =>
  runCli(['vend', '--config', file, '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'prod', ...args]);

const EXPECTED_ENTRY = [...FRAUD_DETECTION_ENTRY_LINES];

describe('baseline vend', () => {
  it('adds exactly one entry after the last account and prints the deploy of its stack', async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await vend(file, '--tag', 'Owner=fraud-team', '--tag', 'CostCenter=4567', '--tag', 'DataClassification=confidential');

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const diff = lineDiff(before, readFileSync(file, 'utf8'));
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual(EXPECTED_ENTRY);
    // Right after the last existing account, before the blank line and terraformState.
    expect(before.split('\n')[diff.at - 1]).toBe('    tags: { Owner: ml-research, CostCenter: "3456", DataClassification: internal }');
    expect(run.stdout).toContain(
      `${EXPECTED_DEPLOY_PREFIX}BASELINE_CONFIG=${file} BASELINE_STACKS=baseline-888888888888 npx ${EXPECTED_FLAVOUR.cli} deploy baseline-888888888888`,
    );
    expect(run.processes).toEqual([]);
  });

  it('prints a deploy whose CLI is the one built for the library this process loaded, and whose environment makes the app load it', async () => {
    const file = exampleConfigCopy();
    const run = await vend(file);
    const line = run.stdout
      .split('\n')
      .find((text) => text.includes(' deploy '))!
      .trim();
    const [, environment, cli, stack] = /^(.*)npx (\S+) deploy (\S+)$/.exec(line)!;
    const root = join(__dirname, '..', '..');
    const loaded = JSON.parse(readFileSync(require.resolve('cdktf/package.json'), 'utf8')) as { name: string; version: string };
    // The package that installs the printed command, found from the bin link npx runs, and what it was built for.
    let cliPackage = dirname(realpathSync(join(root, 'node_modules', '.bin', cli!)));
    while (!existsSync(join(cliPackage, 'package.json'))) cliPackage = dirname(cliPackage);
    const manifest = JSON.parse(readFileSync(join(cliPackage, 'package.json'), 'utf8'));
    expect({ ...manifest.dependencies, ...manifest.peerDependencies }[loaded.name]).toBe(loaded.version);
    // The printed line run by a shell, with the app in place of the CLI (no terraform here): it synthesizes with that library.
    const outdir = mkdtempSync(join(tmpdir(), 'vend-deploy-'));
    const { NODE_OPTIONS: _inherited, BASELINE_FLAVOUR: _flavour, ...env } = process.env;
    const synth = spawnSync('sh', ['-c', `${environment}CDKTF_OUTDIR=${outdir} node dist/main.js`], { cwd: root, encoding: 'utf8', env });
    expect(synth.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(outdir, 'stacks', stack!, 'cdk.tf.json'), 'utf8'))['//'].metadata.version).toBe(loaded.version);
    rmSync(outdir, { recursive: true, force: true });
  });

  it('refuses, before writing anything, to vend in an environment that asks for the other flavour', async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const other = EXPECTED_FLAVOUR.name === 'cdktf' ? 'cdktn' : 'cdktf';
    const run = await runCli(['vend', '--config', file, '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'prod'], {
      env: { BASELINE_FLAVOUR: other },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`baseline vend: BASELINE_FLAVOUR=${other}, but this process loaded ${EXPECTED_FLAVOUR.library}`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes a config that synthesizes the new account stack on its own', async () => {
    const file = exampleConfigCopy();
    await vend(file);
    const config = loadConfig(file);
    expect(config.workloadAccounts.map((account) => account.id)).toContain('888888888888');
    const app = buildApp(config, { outdir: unsynthesizedOutdir(), stacks: ['baseline-888888888888'] });
    expect(app.node.children.map((child) => child.node.id)).toEqual(['baseline-888888888888']);
  });

  it('leaves the config it wrote validated in the cache, so the deploy that follows starts warm', async () => {
    const file = exampleConfigCopy();
    const cacheDir = mkdtempSync(join(tmpdir(), 'vend-cache-'));
    const previous = process.env.BASELINE_CONFIG_CACHE_DIR;
    process.env.BASELINE_CONFIG_CACHE_DIR = cacheDir;
    try {
      expect((await vend(file, '--tag', 'Owner=fraud-team', '--tag', 'CostCenter=4567', '--tag', 'DataClassification=confidential')).code).toBe(0);
      const entries = readdirSync(cacheDir);
      expect(entries.length).toBeGreaterThan(0);
      // The load synth runs: a validation would add an entry, a cache hit adds none.
      const served = loadConfig(file, SYNTH_CONFIG_CHECKS);
      expect(readdirSync(cacheDir)).toEqual(entries);
      expect(served.workloadAccounts.map((account) => account.id)).toContain('888888888888');
    } finally {
      if (previous === undefined) delete process.env.BASELINE_CONFIG_CACHE_DIR;
      else process.env.BASELINE_CONFIG_CACHE_DIR = previous;
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('changes nothing when run a second time', async () => {
    const file = exampleConfigCopy();
    const args = ['--tag', 'Owner=fraud-team', '--tag', 'CostCenter=4567', '--tag', 'DataClassification=confidential'];
    await vend(file, ...args);
    const afterFirst = readFileSync(file, 'utf8');
    const second = await vend(file, ...args);
    expect(second.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(afterFirst);
    expect(second.stdout).toContain('already in');
    expect(second.stdout).toContain('nothing changed');
    expect(second.stdout).toContain(`npx ${EXPECTED_FLAVOUR.cli} deploy baseline-888888888888`);
  });

  it('takes mandatory tags not given on the command line from the account in Organizations', async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    expect((await vend(file)).code).toBe(0);
    expect(lineDiff(before, readFileSync(file, 'utf8')).added).toEqual(EXPECTED_ENTRY);
  });

  it('lets an explicit tag win over the Organizations tag', async () => {
    const file = exampleConfigCopy();
    await vend(file, '--tag', 'Owner=risk-team', '--name', 'fraud');
    const account = loadConfig(file).workloadAccounts.find((candidate) => candidate.id === '888888888888')!;
    expect(account.tags).toEqual({ CostCenter: '4567', DataClassification: 'confidential', Owner: 'risk-team' });
    expect(account.name).toBe('fraud');
  });

  it('accepts an account in a child OU that is not declared itself', async () => {
    const file = exampleConfigCopy();
    const run = await runCli(['vend', '--config', file, '--account-id', '121212121212', '--ou', 'ou-ab12-prod0001', '--environment', 'prod']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(loadConfig(file).workloadAccounts.find((account) => account.id === '121212121212')?.ou).toBe('ou-ab12-prod0001');
  });

  it('refuses an account outside the OU, and leaves the file untouched', async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await runCli(['vend', '--config', file, '--account-id', '666666666666', '--ou', 'ou-ab12-prod0001', '--environment', 'prod']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'baseline vend: account 666666666666 (Chatbot Test) is in ou-ab12-test0001, governed by ou-ab12-test0001, not in ou-ab12-prod0001; move it first or pass its OU\n',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    ['999999999999', 'account 999999999999 is not in organization o-abc123def4'],
    ['131313131313', 'account 131313131313 (Suspended One) is SUSPENDED, not ACTIVE'],
  ])('refuses account %s: %s', async (accountId, message) => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await runCli(['vend', '--config', file, '--account-id', accountId, '--ou', 'ou-ab12-prod0001', '--environment', 'prod']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    [['--regions', 'eu-west-1'], 'workloadAccounts[4].regions[0]: "eu-west-1" is not in governance.allowedRegions'],
    [
      ['--tag', 'DataClassification=secret'],
      'workloadAccounts[4].tags.DataClassification: "secret" is not one of public, internal, confidential, restricted',
    ],
    [['--name', 'chatbot-prod'], 'workloadAccounts[4].name: "chatbot-prod" duplicates the account at index 0'],
  ])('rejects %j with the config message and writes nothing', async (extra, message) => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await vend(file, ...extra);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('nothing was written');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it("rejects an environment that is not the OU's, and writes nothing", async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await runCli(['vend', '--config', file, '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'test']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('workloadAccounts[4].environment: "test" differs from the environment "prod" of its OU ou-ab12-prod0001');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses to edit an account already in the config with other settings', async () => {
    const file = exampleConfigCopy();
    const before = readFileSync(file, 'utf8');
    const run = await runCli([
      'vend',
      '--config',
      file,
      '--account-id',
      '444444444444',
      '--ou',
      'ou-ab12-prod0001',
      '--environment',
      'prod',
      '--tag',
      'Owner=someone-else',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tags.Owner: asked someone-else, config has ai-platform');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('runs the deploy of only that stack with --deploy, and reports a failed deploy', async () => {
    const file = exampleConfigCopy();
    const run = await vend(file, '--deploy');
    expect(run.code).toBe(0);
    expect(run.processes).toEqual([
      {
        program: 'npx',
        args: [EXPECTED_FLAVOUR.cli, 'deploy', 'baseline-888888888888', '--auto-approve'],
        env: { ...EXPECTED_FLAVOUR.commandEnv, BASELINE_STACKS: 'baseline-888888888888', BASELINE_CONFIG: file },
      },
    ]);

    const failed = await runCli(
      ['vend', '--config', file, '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'prod', '--deploy'],
      {
        processStatus: 1,
      },
    );
    expect(failed.code).toBe(8);
    expect(failed.stderr).toContain(`${EXPECTED_FLAVOUR.cli} deploy baseline-888888888888 failed with exit code 1`);
  });

  it.each([
    [['vend', '--account-id', '888888888888', '--environment', 'prod'], '--ou is required'],
    [['vend', '--account-id', '12345', '--ou', 'ou-ab12-prod0001', '--environment', 'prod'], '--account-id 12345: expected 12 digits'],
    [
      ['vend', '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'prod', '--tag', 'Owner'],
      '--tag Owner: expected Key=Value',
    ],
    [['vend', '--account-id', '888888888888', '--ou', 'ou-ab12-prod0001', '--environment', 'prod', '--colour'], "Unknown option '--colour'"],
    [
      ['vend', '--account-id', '888888888888', '--ou', 'ou-ab12-zzzz0001', '--environment', 'prod'],
      '--ou ou-ab12-zzzz0001 is not declared in organizationalUnits',
    ],
  ])('exits 2 on bad arguments %j', async (argv, message) => {
    const file = exampleConfigCopy();
    const run = await runCli([...argv, '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('see baseline vend --help');
  });

  it('refuses credentials of another organization', async () => {
    organizations.reset();
    serveOrganization(organizations, { ...organizationWithNewAccounts(), id: 'o-zzzzzzzzzz' });
    const file = exampleConfigCopy();
    const run = await vend(file);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('these credentials belong to organization o-zzzzzzzzzz, but');
  });
});
