/** The `baseline` entry: help, dispatch, exit codes, and the bin wiring npx relies on. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../cli/cli-error';
import { runCli } from '../support/cli-context';

/** The compiled bin, as `npx baseline` runs it (`npm test` builds first). */
const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'baseline.js');
const runBin = (args: readonly string[]) =>
  spawnSync(BIN, [...args], { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });

describe('baseline', () => {
  it('lists the commands with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['discover', 'vend', 'preflight', 'review', 'redteam', 'demo'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
  });

  it('dispatches redteam and demo to their commands', async () => {
    const list = await runCli(['redteam', '--list']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(ExitCode.Ok);
    expect(list.stdout).toMatch(/clean/i);
    const demo = await runCli(['demo', '--guardrail-id', 'gr1', '--guardrail-version', 'DRAFT', '--model-id', 'm', '--region', 'us-east-1']);
    expect(demo.code).toBe(ExitCode.Usage);
  });

  it('prints usage on stderr and exits 2 without a command, or with an unknown one', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(ExitCode.Usage);
    expect(none.stderr).toContain('Usage: baseline <command>');
    const unknown = await runCli(['deploy']);
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toBe('baseline: unknown command "deploy"; commands: discover, vend, preflight, review, redteam, demo\n');
  });

  it("prints a command's own help", async () => {
    const run = await runCli(['vend', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: baseline vend --account-id <id> --ou <ou-id> --environment <env>');
  });

  it('documents every exit code in docs/cli.md', () => {
    const docs = readFileSync('docs/cli.md', 'utf8');
    for (const [name, code] of Object.entries(ExitCode)) expect(docs).toMatch(new RegExp(`^\\| ${code} \\| ${name} \\|`, 'm'));
  });

  it('is the package bin: executable, and sets the process exit code', () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run the suite with \`npm test\`, which builds first`);
    expect(JSON.parse(readFileSync('package.json', 'utf8')).bin).toEqual({ baseline: 'dist/cli/baseline.js' });
    expect(statSync(BIN).mode & 0o111).not.toBe(0);

    const help = runBin(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const bad = runBin(['review', '--synth', 'no-such-folder']);
    expect(bad.status).toBe(ExitCode.Usage);
    expect(bad.stderr).toBe(
      'baseline review: no-such-folder is not a synth folder: no stacks/*/cdk.tf.json (run npm run synth) (see baseline review --help)\n',
    );
  });

  it('loads no cdktf module: the CLI imports no stack and not the app', () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run the suite with \`npm test\`, which builds first`);
    // Preloaded with `node -r`: lists every module the process loaded, when it exits.
    const dir = mkdtempSync(join(tmpdir(), 'baseline-modules-'));
    const preload = join(dir, 'list-modules.js');
    writeFileSync(
      preload,
      `process.on('exit', () => require('fs').writeFileSync(process.env.MODULE_LIST, JSON.stringify(Object.keys(require.cache))));`,
    );
    const loadedBy = (args: readonly string[]): string[] => {
      const list = join(dir, 'modules.json');
      const run = spawnSync(process.execPath, ['-r', preload, ...args], { encoding: 'utf8', env: { ...process.env, MODULE_LIST: list } });
      expect(run.status).toBe(0);
      return JSON.parse(readFileSync(list, 'utf8')) as string[];
    };
    const cdktfModules = (modules: readonly string[]) =>
      modules.filter((file) => /[\\/]node_modules[\\/](cdktf|cdktn|@cdktf[\\/]provider-aws|@cdktn[\\/]provider-aws)[\\/]/.test(file));
    try {
      const help = loadedBy([BIN, '--help']);
      expect(help.filter((file) => file.includes(join('dist', 'cli'))).length).toBeGreaterThan(5);
      expect(cdktfModules(help)).toEqual([]);
      // The same probe sees cdktf as soon as a stack is loaded.
      expect(
        cdktfModules(loadedBy(['-e', `require(${JSON.stringify(join(BIN, '..', '..', 'stacks', 'org-governance.js'))})`])).length,
      ).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
