/**
 * The terraform version checks of a synth, end to end (dist/main.js in a child process, the
 * example config, HCP Terraform on so every stack has a cloud backend), with a PATH that
 * holds a stand-in terraform or none: each distinct check runs the binary once per process,
 * a terraform that is too old still fails the synth with the library's message, and a
 * machine without terraform synthesizes the same bytes and says what it did not check.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInstalled, skippedVersionCheckNote } from '../../constructs/binary-version-checks';
import { exampleConfigText } from '../support/config-fixtures';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
let workDir: string;
let hcpConfig: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'baseline-version-checks-'));
  hcpConfig = join(workDir, 'hcp.yaml');
  writeFileSync(hcpConfig, exampleConfigText().replace(/^terraformState:\n(?: .*\n)*/m, 'hcpTerraform:\n  organization: example-org\n'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A folder for PATH holding a `terraform` that logs each run to `calls` and prints `version`; an empty folder without `version`. */
function pathWithTerraform(version?: string): { path: string; calls: string } {
  const dir = mkdtempSync(join(workDir, 'bin-'));
  const calls = join(dir, 'calls.log');
  if (version) {
    writeFileSync(join(dir, 'terraform'), `#!/bin/sh\necho "$@" >> '${calls}'\necho "Terraform v${version}"\necho "on linux_amd64"\n`);
    chmodSync(join(dir, 'terraform'), 0o755);
  }
  return { path: dir, calls };
}

function synth(path: string) {
  const outdir = join(workDir, `out-${Math.random().toString(36).slice(2)}`);
  const result = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, PATH: path, BASELINE_CONFIG: hcpConfig, BASELINE_CONFIG_CACHE: 'off', CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  return { status: result.status, stderr: result.stderr, outdir };
}

/** Every file of a synth output by its path inside it. */
function filesOf(outdir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files.set(`${prefix}${entry.name}`, readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  visit(outdir, '');
  return files;
}

test('isInstalled finds an executable on the PATH or at its own path, and nothing else', () => {
  const { path } = pathWithTerraform('1.10.5');
  expect(isInstalled('terraform', { PATH: `/nonexistent:${path}` })).toBe(true);
  expect(isInstalled(join(path, 'terraform'), { PATH: '' })).toBe(true);
  expect(isInstalled('terraform', { PATH: `/nonexistent:${pathWithTerraform().path}` })).toBe(false);
  expect(isInstalled('calls.log', { PATH: path })).toBe(false);
});

/** The example synthesized with a terraform that passes every check, once for the tests that read it. */
let checkedSynth: { readonly calls: string; readonly result: ReturnType<typeof synth> } | undefined;
function synthWithCurrentTerraform() {
  if (!checkedSynth) {
    const { path, calls } = pathWithTerraform('1.10.5');
    checkedSynth = { calls, result: synth(path) };
  }
  return checkedSynth;
}

test('with HCP Terraform, terraform runs once per distinct check, not once per stack', () => {
  const {
    calls,
    result: { status, stderr, outdir },
  } = synthWithCurrentTerraform();
  expect([status, stderr]).toEqual([0, '']);
  const stacks = readdirSync(join(outdir, 'stacks'));
  expect(stacks.length).toBeGreaterThanOrEqual(7);
  for (const stack of stacks) expect(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')).toContain('"cloud"');
  // Two checks: the cloud backend's (>= 1.1) and the organization import's (>= 1.5).
  expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual(['version', 'version']);
});

test("a terraform too old for import blocks still fails the synth with the library's message", () => {
  const { status, stderr } = synth(pathWithTerraform('1.4.7').path);
  expect(status).toBe(2);
  expect(stderr).toContain('terraform version 1.4.7 is lower than the required version >=1.5 for this construct');
  expect(stderr).not.toContain('>=1.1 for this construct');
});

test('without terraform the synth writes the same files and says which checks it skipped', () => {
  const checked = synthWithCurrentTerraform().result;
  const { status, stderr, outdir } = synth(pathWithTerraform().path);
  expect(status).toBe(0);
  expect(stderr).toBe(`${skippedVersionCheckNote('terraform')}\n`);
  expect(stderr).toContain('terraform checks them itself at init');
  expect(filesOf(outdir)).toEqual(filesOf(checked.outdir));
});

test('a synth split over worker processes passes their note on once', () => {
  const { path } = pathWithTerraform();
  mkdirSync(join(workDir, 'split'), { recursive: true });
  const outdir = join(workDir, 'split', 'out');
  const result = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, PATH: path, BASELINE_CONFIG: hcpConfig, BASELINE_CONFIG_CACHE: 'off', BASELINE_SYNTH_WORKERS: '2', CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  expect(result.stderr).toBe(`${skippedVersionCheckNote('terraform')}\n`);
});
