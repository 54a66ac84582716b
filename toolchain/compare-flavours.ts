/**
 * Compares a synth of the cdktf flavour with one of the cdktn flavour:
 *
 *   node dist/toolchain/compare-flavours.js <cdktf synth folder> <cdktn synth folder>
 *
 * Every file Terraform reads must be byte-identical but for one thing: the libraries' JSON
 * writers lay out empty arrays and objects differently (`[\n  ]` against `[]`), so both sides
 * are compared with empty ones written `[]` and `{}`. Two pieces of metadata are compared as
 * JSON instead, because they also record each library's own version:
 * - the top-level `"//"` block of each cdk.tf.json (Terraform treats `//` keys as comments;
 *   it holds the stack name, backend, overrides, outputs and the library version);
 * - manifest.json, which only the CLIs read (stack list, paths, annotations, version).
 * The recorded library version must be that of the installed package of each flavour, so an
 * output synthesized with the wrong library fails the comparison too. Exit 0 when identical,
 * 1 with one line per difference otherwise, 2 for bad arguments.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, relative } from 'node:path';
import { canonicalJson } from '../naming/content-version';

export interface SynthOutput {
  /** The synth folder (cdktf.out or --output). */
  readonly dir: string;
  /** The library that must have written it, and its installed version. */
  readonly library: string;
  readonly version: string;
}

const MANIFEST = 'manifest.json';
const STACK_FILE = 'cdk.tf.json';

function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files;
}

/** A cdk.tf.json split into its `"//"` block (parsed) and every other byte of the file. */
export function splitStackMetadata(text: string): { readonly metadata: Record<string, unknown>; readonly terraform: string } {
  const lines = text.split('\n');
  if (lines[0] !== '{' || lines[1] !== '  "//": {') throw new Error('does not start with the "//" metadata block');
  const end = lines.findIndex((line, index) => index > 1 && /^ {2}\},?$/.test(line));
  if (end < 0) throw new Error('the "//" metadata block does not end');
  const block = JSON.parse(
    `{${lines
      .slice(1, end + 1)
      .join('\n')
      .replace(/,$/, '')}}`,
  ) as { '//': Record<string, unknown> };
  return { metadata: block['//'], terraform: [lines[0], ...lines.slice(end + 1)].join('\n') };
}

const withoutKey = (record: Record<string, unknown>, key: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));

/** `text` with every empty JSON array and object written `[]` and `{}`, the one layout the libraries' writers differ in. */
export function compactEmptyContainers(text: string): string {
  // JSON strings cannot hold a raw newline, so only layout matches.
  return text.replace(/\[\n\s*\]/g, '[]').replace(/\{\n\s*\}/g, '{}');
}

/** A stack's `"//"` block without the library version it records. */
const metadataWithoutVersion = (metadata: Record<string, unknown>): Record<string, unknown> => ({
  ...metadata,
  metadata: withoutKey((metadata.metadata ?? {}) as Record<string, unknown>, 'version'),
});

/**
 * The text of synthesized `file` (relative to the synth folder) with only what this comparison
 * ignores taken out: the library version, and the layout of the metadata JSON. Both flavours
 * yield the same text for a file when the comparison finds no difference in it, so a digest of
 * it pins the synth on either library.
 */
export function libraryNeutralText(file: string, text: string): string {
  if (file === MANIFEST) return canonicalJson(withoutKey(JSON.parse(text) as Record<string, unknown>, 'version'));
  if (!file.endsWith(`/${STACK_FILE}`)) return text;
  const { metadata, terraform } = splitStackMetadata(text);
  return `${canonicalJson(metadataWithoutVersion(metadata))}\n${compactEmptyContainers(terraform)}`;
}

/** The first line where two texts differ, for the report. */
function firstDifference(a: string, b: string): string {
  const [left, right] = [a.split('\n'), b.split('\n')];
  const line = left.findIndex((text, index) => text !== right[index]);
  const at = line < 0 ? left.length : line;
  return `line ${at + 1}: ${JSON.stringify(left[at] ?? '(end of file)')} against ${JSON.stringify(right[at] ?? '(end of file)')}`;
}

/** Every difference between the two synth outputs beyond the metadata described above; empty when they match. */
export function compareSynthOutputs(cdktf: SynthOutput, cdktn: SynthOutput): string[] {
  const problems: string[] = [];
  const outputs = [cdktf, cdktn];
  for (const output of outputs) if (!existsSync(join(output.dir, MANIFEST))) problems.push(`${output.dir}: no ${MANIFEST}, not a synth folder`);
  if (problems.length > 0) return problems;

  const [filesA, filesB] = outputs.map((output) => filesUnder(output.dir)) as [string[], string[]];
  for (const file of filesA.filter((name) => !filesB.includes(name))) problems.push(`${file}: only in ${cdktf.dir}`);
  for (const file of filesB.filter((name) => !filesA.includes(name))) problems.push(`${file}: only in ${cdktn.dir}`);

  const checkVersion = (output: SynthOutput, file: string, recorded: unknown): void => {
    if (recorded !== output.version)
      problems.push(
        `${join(output.dir, file)}: written by library version ${String(recorded)}, but ${output.library} ${output.version} is installed`,
      );
  };
  for (const file of filesA.filter((name) => filesB.includes(name))) {
    const [a, b] = outputs.map((output) => readFileSync(join(output.dir, file), 'utf8')) as [string, string];
    try {
      if (file === MANIFEST) {
        const [manifestA, manifestB] = [JSON.parse(a), JSON.parse(b)] as [Record<string, unknown>, Record<string, unknown>];
        checkVersion(cdktf, file, manifestA.version);
        checkVersion(cdktn, file, manifestB.version);
        if (!isDeepStrictEqual(withoutKey(manifestA, 'version'), withoutKey(manifestB, 'version')))
          problems.push(`${file}: the manifests differ beyond the library version`);
      } else if (file.endsWith(`/${STACK_FILE}`)) {
        const [stackA, stackB] = [splitStackMetadata(a), splitStackMetadata(b)];
        checkVersion(cdktf, file, (stackA.metadata.metadata as Record<string, unknown> | undefined)?.version);
        checkVersion(cdktn, file, (stackB.metadata.metadata as Record<string, unknown> | undefined)?.version);
        if (!isDeepStrictEqual(metadataWithoutVersion(stackA.metadata), metadataWithoutVersion(stackB.metadata)))
          problems.push(`${file}: the "//" metadata differs beyond the library version`);
        const [terraformA, terraformB] = [compactEmptyContainers(stackA.terraform), compactEmptyContainers(stackB.terraform)];
        if (terraformA !== terraformB) problems.push(`${file}: differs at ${firstDifference(terraformA, terraformB)} (outside the "//" block)`);
      } else if (a !== b) {
        problems.push(`${file}: differs at ${firstDifference(a, b)}`);
      }
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  return problems;
}

function installedVersion(library: string): string {
  // Read from disk: in the cdktn flavour, resolving `cdktf` would answer cdktn.
  return (JSON.parse(readFileSync(join('node_modules', library, 'package.json'), 'utf8')) as { version: string }).version;
}

function main(args: readonly string[]): number {
  if (args.length !== 2) {
    process.stderr.write('usage: node dist/toolchain/compare-flavours.js <cdktf synth folder> <cdktn synth folder> (run from the project root)\n');
    return 2;
  }
  const [cdktf, cdktn] = (['cdktf', 'cdktn'] as const).map((library, index) => ({
    dir: args[index]!,
    library,
    version: installedVersion(library),
  })) as [SynthOutput, SynthOutput];
  const problems = compareSynthOutputs(cdktf, cdktn);
  if (problems.length > 0) {
    process.stderr.write(
      `${problems.join('\n')}\n${problems.length} difference(s) between the cdktf synth in ${cdktf.dir} and the cdktn synth in ${cdktn.dir}\n`,
    );
    return 1;
  }
  const stacks = filesUnder(cdktf.dir).filter((file) => file.endsWith(`/${STACK_FILE}`)).length;
  process.stdout.write(
    `${cdktf.dir} (cdktf ${cdktf.version}) and ${cdktn.dir} (cdktn ${cdktn.version}): ${stacks} stacks, every byte Terraform reads identical but the layout of empty arrays and objects; ` +
      `the "//" blocks and ${MANIFEST} equal as JSON apart from the library version, which matches each installed library\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
