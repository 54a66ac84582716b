/** The `baseline` entry: help, dispatch, exit codes, and the bin wiring npx relies on. */
import { readFileSync } from 'node:fs';
import { ExitCode } from '../../cli/cli-error';
import { runCli } from '../support/cli-context';
import { runEntry } from '../support/run-entry';

describe('baseline', () => {
  it('lists the commands with --help and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['discover', 'vend', 'preflight', 'review']) expect(run.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
  });

  it('prints usage on stderr and exits 2 without a command, or with an unknown one', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(ExitCode.Usage);
    expect(none.stderr).toContain('Usage: baseline <command>');
    const unknown = await runCli(['deploy']);
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toBe('baseline: unknown command "deploy"; commands: discover, vend, preflight, review\n');
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

  it('is the package bin, and sets the process exit code', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.bin).toEqual({ baseline: 'dist/cli/baseline.js' });
    expect(readFileSync('cli/baseline.ts', 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);

    const help = runEntry('cli/baseline.ts', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    const bad = runEntry('cli/baseline.ts', ['review', '--synth', 'no-such-folder']);
    expect(bad.status).toBe(ExitCode.Usage);
    expect(bad.stderr).toBe(
      'baseline review: no-such-folder is not a synth folder: no stacks/*/cdk.tf.json (run npm run synth) (see baseline review --help)\n',
    );
  });
});
