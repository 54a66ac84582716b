/**
 * The synth command end to end, as a platform engineer runs it: the compiled
 * dist/main.js (`npm test` builds it first) in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument, type Scalar } from 'yaml';
import { editedExampleConfig, EXAMPLE_CONFIG_PATH, exampleConfigText } from './support/config-fixtures';
import { successfulSynthStderr } from './support/synth-stderr';

const MAIN = join(__dirname, '..', 'dist', 'main.js');
let workDir: string;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run the suite with \`npm test\`, which builds first`);
  workDir = mkdtempSync(join(tmpdir(), 'baseline-main-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function synth(env: Record<string, string>) {
  const outdir = join(workDir, `out-${Math.random().toString(36).slice(2)}`);
  const result = spawnSync(process.execPath, [MAIN], { env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, outdir };
}

function writeConfig(text: string): string {
  const file = join(workDir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('bad config', () => {
  const cases: Array<[string, string]> = [
    ['region outside the allow-list', editedExampleConfig({ set: ['workloadAccounts', 2, 'regions', 0], value: 'eu-west-9' })],
    ['unknown key', editedExampleConfig({ set: ['organization', 'name'], value: 'acme' })],
    ['duplicate accounts', editedExampleConfig({ set: ['workloadAccounts', 1, 'id'], value: '444444444444' })],
    ['undeclared OU', editedExampleConfig({ set: ['workloadAccounts', 0, 'ou'], value: 'ou-zz99-missing01' })],
    ['YAML that does not parse', 'organization: [\n'],
  ];

  test.each(cases)('%s: exit 1, one line per problem, no stack trace, nothing written', (_name, text) => {
    const file = writeConfig(text);
    const { status, stderr, outdir } = synth({ BASELINE_CONFIG: file });
    expect(status).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ problem\(s\) in .*; nothing was synthesized\.$/);
    for (const line of lines.slice(0, -1)) expect(line.startsWith(`${file}:`)).toBe(true);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
    expect(readdirSync(workDir).filter((name) => name.includes('.staging-'))).toEqual([]);
  });

  test("the README's example is exactly what synth prints for it", () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example =
      /```\n(config\/baseline\.yaml:\d+: workloadAccounts\[(\d+)\]\.regions\[(\d+)\]: "([a-z0-9-]+)" is not in governance\.allowedRegions\n.*\n)```/.exec(
        readme,
      );
    expect(example).not.toBeNull();
    const [, printed, account, region, value] = example!;
    // Only that scalar changes in the example file, so every line number stays where it is.
    const text = exampleConfigText();
    const [start, end] = (parseDocument(text).getIn(['workloadAccounts', Number(account), 'regions', Number(region)], true) as Scalar).range!;
    const dir = join(workDir, 'readme');
    mkdirSync(join(dir, 'config'), { recursive: true });
    writeFileSync(join(dir, EXAMPLE_CONFIG_PATH), text.slice(0, start) + value + text.slice(end));
    const result = spawnSync(process.execPath, [MAIN], {
      cwd: dir,
      env: { ...process.env, BASELINE_CONFIG: '', CDKTF_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe(printed);
    expect(result.status).toBe(1);
  });

  test('with workers started while the config is read, a bad config says only its problems and writes nothing', () => {
    const file = writeConfig(editedExampleConfig({ set: ['workloadAccounts', 1, 'id'], value: '444444444444' }));
    const alone = synth({ BASELINE_CONFIG: file, BASELINE_SYNTH_WORKERS: '1' });
    const withWorkers = synth({ BASELINE_CONFIG: file, BASELINE_SYNTH_WORKERS: '2' });
    expect(withWorkers.status).toBe(1);
    expect(withWorkers.stderr).toBe(alone.stderr);
    expect(existsSync(withWorkers.outdir)).toBe(false);
  });

  test('a missing config file', () => {
    const { status, stderr, outdir } = synth({ BASELINE_CONFIG: join(workDir, 'nope.yaml') });
    expect(status).toBe(1);
    expect(stderr).toContain('cannot read the config: file not found');
    expect(existsSync(outdir)).toBe(false);
  });
});

describe('stack selection', () => {
  test('BASELINE_STACKS synthesizes only the named stacks', () => {
    const { status, stderr, outdir } = synth({ BASELINE_CONFIG: EXAMPLE_CONFIG_PATH, BASELINE_STACKS: 'baseline-444444444444' });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['baseline-444444444444']);
  });

  test('an unknown stack name fails clearly and writes nothing', () => {
    const { status, stderr, outdir } = synth({ BASELINE_CONFIG: EXAMPLE_CONFIG_PATH, BASELINE_STACKS: 'baseline-000000000000' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^BASELINE_STACKS: unknown stack "baseline-000000000000"; stacks of this config: .*org-governance/);
    expect(existsSync(outdir)).toBe(false);
  });
});

/** The example synthesized in one process, once for the tests that read it. */
let singleProcessExample: ReturnType<typeof synth> | undefined;
const exampleInOneProcess = () => (singleProcessExample ??= synth({ BASELINE_CONFIG: EXAMPLE_CONFIG_PATH, BASELINE_SYNTH_WORKERS: '1' }));

test('the example config synthesizes every stack', () => {
  const { status, stderr, outdir } = exampleInOneProcess();
  // The organization's import block has terraform's version checked, or a note says it was not.
  expect(stderr).toBe(successfulSynthStderr());
  expect(status).toBe(0);
  expect(readdirSync(join(outdir, 'stacks'))).toEqual(expect.arrayContaining(['org-governance', 'baseline-444444444444', 'baseline-777777777777']));
});

describe('synth in worker processes', () => {
  test('two workers write exactly what one process writes', () => {
    const single = exampleInOneProcess();
    const parallel = synth({ BASELINE_CONFIG: EXAMPLE_CONFIG_PATH, BASELINE_SYNTH_WORKERS: '2' });
    expect([single.status, parallel.status]).toEqual([0, 0]);
    const files = (dir: string) => {
      const names = ['manifest.json', ...readdirSync(join(dir, 'stacks')).map((stack) => join('stacks', stack, 'cdk.tf.json'))];
      return new Map(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    };
    expect(readdirSync(parallel.outdir).sort()).toEqual(['manifest.json', 'stacks']);
    expect(files(parallel.outdir)).toEqual(files(single.outdir));
  });
});
