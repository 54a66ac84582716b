/**
 * Each flavour runs on its own library, in the tests and in every node process they start.
 * `npm test` expects cdktf, `npm run test:cdktn` cdktn ($BASELINE_FLAVOUR, set by
 * jest.cdktn.config.js). The library, the binding and the synthesized output are compared
 * with the packages on disk, so a missing alias, or a hook that a spawned synth or its
 * workers did not inherit, fails here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { checkedFlavour, FLAVOUR_ENV, FLAVOURS, loadedFlavour, type FlavourName } from '../../toolchain/flavour';
import { EXPECTED_FLAVOUR as expected } from '../support/flavour';
import { successfulSynthStderr } from '../support/synth-stderr';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const other = Object.values(FLAVOURS).find((flavour) => flavour !== expected)!;
const BINDINGS: Record<FlavourName, string> = { cdktf: '@cdktf/provider-aws', cdktn: '@cdktn/provider-aws' };
const packageJson = (name: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
const libraryVersion = packageJson(expected.library).version as string;

let workDir: string;
beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the suite with \`npm test\`, which builds first`);
  workDir = mkdtempSync(join(tmpdir(), 'baseline-flavour-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

test(`the tests load ${expected.library} and ${BINDINGS[expected.name]} for the names the source imports`, () => {
  expect(loadedFlavour()).toBe(expected);
  expect(libraryVersion).not.toBe(packageJson(other.library).version);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require('cdktf')).toBe(require(join(ROOT, 'node_modules', expected.library)));
  const outdir = join(workDir, 'in-process');
  const app = new App({ outdir, stackTraces: false });
  const provider = new AwsProvider(new TerraformStack(app, 'probe'), 'aws', { region: 'us-east-1' });
  expect(provider.terraformGeneratorMetadata?.providerVersion).toBe(packageJson(BINDINGS[expected.name]).cdktf.provider.version);
  app.synth();
  expect(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).version).toBe(libraryVersion);
});

test('a spawned synth and its worker processes run on the same library', () => {
  const outdir = join(workDir, 'workers');
  const run = spawnSync(process.execPath, [MAIN], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      BASELINE_STACKS: 'log-archive,security-audit',
      BASELINE_SYNTH_WORKERS: '2',
      BASELINE_CONFIG_CACHE: 'off',
    },
  });
  // The core stacks' import blocks have terraform's version checked, or a note says it was not.
  expect(run.stderr).toBe(successfulSynthStderr());
  expect(run.status).toBe(0);
  const stacks = readdirSync(join(outdir, 'stacks')).sort();
  expect(stacks).toEqual(['log-archive', 'security-audit']);
  for (const stack of stacks) {
    // Each stack is written by a worker: the library version cdktf records in the stack's metadata.
    expect(JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'))['//'].metadata.version).toBe(libraryVersion);
  }
});

test('a synth meant to run on cdktn that lost the hook (an environment without NODE_OPTIONS) fails and writes nothing', () => {
  const outdir = join(workDir, 'lost-hook');
  const run = spawnSync(process.execPath, [MAIN], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', CDKTF_OUTDIR: outdir, [FLAVOUR_ENV]: 'cdktn' },
  });
  expect(run.stderr).toBe(
    `synth failed: ${FLAVOUR_ENV}=cdktn, but this process loaded cdktf; run it with NODE_OPTIONS='${FLAVOURS.cdktn.commandEnv.NODE_OPTIONS}' from the project root\n`,
  );
  expect(run.status).toBe(2);
  expect(existsSync(outdir)).toBe(false);
});

test('checkedFlavour accepts the loaded flavour or none, and names what is wrong otherwise', () => {
  expect(checkedFlavour({})).toBe(expected);
  expect(checkedFlavour({ [FLAVOUR_ENV]: expected.name })).toBe(expected);
  expect(() => checkedFlavour({ [FLAVOUR_ENV]: other.name })).toThrow(`${FLAVOUR_ENV}=${other.name}, but this process loaded ${expected.library}`);
  expect(() => checkedFlavour({ [FLAVOUR_ENV]: 'pulumi' })).toThrow(`${FLAVOUR_ENV}=pulumi: expected cdktf or cdktn`);
});
