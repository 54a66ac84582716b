/**
 * The flavour comparison over real synths: the same stacks synthesized by dist/main.js
 * once on cdktf and once on cdktn (node preloading toolchain/use-cdktn.cjs; the library runs
 * on Node 20, only the cdktn CLI needs 22). They match outside the metadata, their provider
 * blocks are identical (the state of a deployment does not change with the flavour), and
 * each kind of difference the script exists to catch is caught.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compactEmptyContainers,
  compareSynthOutputs,
  libraryNeutralText,
  splitStackMetadata,
  type SynthOutput,
} from '../../toolchain/compare-flavours';

const ROOT = join(__dirname, '..', '..');
const STACKS = ['baseline-444444444444', 'org-governance'];
const version = (library: string): string => JSON.parse(readFileSync(join(ROOT, 'node_modules', library, 'package.json'), 'utf8')).version;
let workDir: string;
let cdktf: SynthOutput;
let cdktn: SynthOutput;

function synth(dir: string, nodeOptions: string): void {
  const { [`BASELINE_FLAVOUR`]: _flavour, ...env } = process.env;
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, NODE_OPTIONS: nodeOptions, CDKTF_OUTDIR: dir, BASELINE_STACKS: STACKS.join(','), BASELINE_CONFIG_CACHE: 'off' },
  });
  if (run.status !== 0) throw new Error(`synth into ${dir} failed: ${run.stderr}`);
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'baseline-compare-'));
  cdktf = { dir: join(workDir, 'cdktf.out'), library: 'cdktf', version: version('cdktf') };
  cdktn = { dir: join(workDir, 'cdktn.out'), library: 'cdktn', version: version('cdktn') };
  synth(cdktf.dir, '');
  synth(cdktn.dir, `--require=${join(ROOT, 'toolchain', 'use-cdktn.cjs')}`);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const stackText = (output: SynthOutput, stack: string) => readFileSync(join(output.dir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
/** A copy of the cdktn output with one edit, compared with the cdktf output. */
function compareEdited(edit: (dir: string) => void): string[] {
  const dir = mkdtempSync(join(workDir, 'edited-'));
  cpSync(cdktn.dir, dir, { recursive: true });
  edit(dir);
  return compareSynthOutputs(cdktf, { ...cdktn, dir });
}
const editStack = (stack: string, from: string, to: string) => (dir: string) => {
  const file = join(dir, 'stacks', stack, 'cdk.tf.json');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.replace(from, to));
};

test('each file has one library-neutral text on both flavours (what the synth digests pin), and another when its Terraform changes', () => {
  const files = (readdirSync(cdktf.dir, { recursive: true }) as string[]).filter((file) => statSync(join(cdktf.dir, file)).isFile());
  expect(files).toEqual(expect.arrayContaining(['manifest.json', ...STACKS.map((stack) => join('stacks', stack, 'cdk.tf.json'))]));
  for (const file of files) {
    const [a, b] = [cdktf, cdktn].map((output) => readFileSync(join(output.dir, file), 'utf8')) as [string, string];
    expect([file, libraryNeutralText(file, a)]).toEqual([file, libraryNeutralText(file, b)]);
  }
  const stack = join('stacks', STACKS[0]!, 'cdk.tf.json');
  const text = stackText(cdktf, STACKS[0]!);
  expect(libraryNeutralText(stack, text.replace('"us-east-1"', '"us-west-2"'))).not.toBe(libraryNeutralText(stack, text));
});

test('the two flavours synthesize the same Terraform, byte for byte outside the metadata and the layout of empty arrays and objects', () => {
  expect(compareSynthOutputs(cdktf, cdktn)).toEqual([]);
  // The metadata really differs, so the comparison did exclude something: the library version.
  expect(splitStackMetadata(stackText(cdktf, STACKS[0]!)).metadata).not.toEqual(splitStackMetadata(stackText(cdktn, STACKS[0]!)).metadata);
});

test.each(STACKS)(
  '%s: provider blocks and the provider requirement are identical, so switching flavours changes no provider address in state',
  (stack) => {
    const [a, b] = [JSON.parse(stackText(cdktf, stack)), JSON.parse(stackText(cdktn, stack))];
    expect(a.provider).toEqual(b.provider);
    expect(a.terraform.required_providers).toEqual(b.terraform.required_providers);
    expect(a.terraform.required_providers.aws.source).toBe('hashicorp/aws');
  },
);

test('empty arrays and objects compare equal whichever way a writer lays them out, and nothing else is collapsed', () => {
  const cdktfLayout = '{\n  "a": [\n  ],\n  "b": {\n    }\n}';
  expect(compactEmptyContainers(cdktfLayout)).toBe('{\n  "a": [],\n  "b": {}\n}');
  expect(compactEmptyContainers('{\n  "a": [\n    1\n  ],\n  "b": "[\\n]"\n}')).toBe('{\n  "a": [\n    1\n  ],\n  "b": "[\\n]"\n}');
});

test('a changed byte in a resource is reported with its line', () => {
  const problems = compareEdited(editStack('org-governance', '"prevent_destroy": true', '"prevent_destroy": false'));
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(
    /^stacks\/org-governance\/cdk\.tf\.json: differs at line \d+: "\s+\\"prevent_destroy\\": true" against "\s+\\"prevent_destroy\\": false" \(outside the "\/\/" block\)$/,
  );
});

test('an output written by the other library is reported', () => {
  expect(compareSynthOutputs(cdktf, { ...cdktn, dir: cdktf.dir })).toEqual(
    ['manifest.json', ...STACKS.map((stack) => `stacks/${stack}/cdk.tf.json`)].map(
      (file) => `${join(cdktf.dir, file)}: written by library version ${cdktf.version}, but cdktn ${cdktn.version} is installed`,
    ),
  );
  const problems = compareEdited(editStack(STACKS[0]!, `"version": "${cdktn.version}"`, '"version": "0.23.0"'));
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(
    new RegExp(
      `/stacks/${STACKS[0]}/cdk\\.tf\\.json: written by library version 0\\.23\\.0, but cdktn ${cdktn.version.replace(/\./g, '\\.')} is installed$`,
    ),
  );
});

test('metadata beyond the version, a missing stack and an extra file are reported', () => {
  expect(compareEdited(editStack(STACKS[0]!, `"stackName": "${STACKS[0]}"`, '"stackName": "renamed"'))).toEqual([
    `stacks/${STACKS[0]}/cdk.tf.json: the "//" metadata differs beyond the library version`,
  ]);
  expect(compareEdited((dir) => rmSync(join(dir, 'stacks', STACKS[1]!), { recursive: true }))).toEqual([
    `stacks/${STACKS[1]}/cdk.tf.json: only in ${cdktf.dir}`,
  ]);
  const extra = compareEdited((dir) => writeFileSync(join(dir, 'stacks', STACKS[1]!, 'extra.tf.json'), '{}'));
  expect(extra).toHaveLength(1);
  expect(extra[0]).toMatch(new RegExp(`^stacks/${STACKS[1]}/extra\\.tf\\.json: only in ${workDir}/edited-`));
});
