/**
 * `baseline review`: the governance report of a synth folder as Markdown, and with
 * `--base` what changed against another synth; `--changed-stacks` lists the stacks a
 * CI plan job must plan. Offline: reads only the synthesized Terraform JSON.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from './cli-error';
import { parseCommandArgs, usageError, type CliContext, type Command } from './command';
import { writeFileAtomically } from './config-edit';
import { diffGovernance } from './report/governance-diff';
import { renderGovernanceReport } from './report/markdown';
import { governanceSnapshot, type TerraformJson } from './report/snapshot';

const HELP = `Usage: baseline review [--synth <dir>] [--base <dir>] [--out <file>] [--changed-stacks]

Renders a Markdown governance report from a synth folder (cdktf.out/stacks/*/cdk.tf.json):
the organization policies the baseline attaches per OU with their statements, the
exemptions in their conditions (break-glass, deployment role, guardrail exemptions), and
per workload account its OU, regions, guardrails with their profile and pinned version,
and the baseline SCPs of its OU. With --base, first what changed in governance terms: policies and
statements added or removed, statements widened (deny or allow more) or narrowed, size,
attachments, exemptions, accounts, regions and guardrails.

Options:
  --synth <dir>     synth folder to report on (default: cdktf.out)
  --base <dir>      synth folder of the base branch to compare with
  --out <file>      write the report there instead of stdout
  --changed-stacks  print instead a JSON array of the stacks of --synth whose Terraform
                    differs from --base (new stacks included): the stacks to plan

Exit: 0 report written, 2 a folder is not a synth folder.`;

/** Raw cdk.tf.json text per stack name. */
export function readSynthFolder(dir: string): Map<string, string> {
  const stacksDir = join(dir, 'stacks');
  const names = existsSync(stacksDir) ? readdirSync(stacksDir).filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json'))) : [];
  if (names.length === 0) throw usageError('review', `${dir} is not a synth folder: no stacks/*/cdk.tf.json (run npm run synth)`);
  return new Map(names.sort().map((name) => [name, readFileSync(join(stacksDir, name, 'cdk.tf.json'), 'utf8')]));
}

const parsed = (texts: ReadonlyMap<string, string>): Map<string, TerraformJson> =>
  new Map([...texts].map(([name, text]) => [name, JSON.parse(text) as TerraformJson]));

/** Stacks of `head` whose Terraform differs from `base` or that `base` lacks. */
export function changedStacks(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): string[] {
  return [...head.keys()].filter((name) => base.get(name) !== head.get(name)).sort();
}

async function run(args: readonly string[], context: CliContext): Promise<number> {
  const options = parseCommandArgs('review', args, {
    synth: { type: 'string', default: 'cdktf.out' },
    base: { type: 'string' },
    out: { type: 'string' },
    'changed-stacks': { type: 'boolean', default: false },
  });
  const head = readSynthFolder(options.synth);
  const base = options.base === undefined ? undefined : readSynthFolder(options.base);

  let output: string;
  if (options['changed-stacks']) {
    if (!base) throw usageError('review', '--changed-stacks needs --base');
    output = `${JSON.stringify(changedStacks(base, head))}\n`;
  } else {
    const snapshot = governanceSnapshot(parsed(head));
    output = renderGovernanceReport(snapshot, base ? diffGovernance(governanceSnapshot(parsed(base)), snapshot) : undefined);
  }
  if (options.out) writeFileAtomically(options.out, output);
  else context.stdout.write(output);
  return ExitCode.Ok;
}

export const reviewCommand: Command = {
  name: 'review',
  summary: 'Markdown governance report of a synth folder; with --base, what changed',
  help: HELP,
  run,
};
