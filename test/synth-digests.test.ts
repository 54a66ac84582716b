/**
 * Every synthesized byte, pinned: the SHA-256 of each file a synth writes, for the example
 * config and for a generated organization of 200 workload accounts, against
 * test/synth-digests.json. A change that must not alter the output (a refactor, a
 * dependency bump) leaves the file as it is; a change that means to alter it regenerates
 * the file with `npm run synth-digests`, and the diff of the file in the pull request
 * names the stacks that changed.
 *
 * Of the generated organization, the check synthesizes the three core stacks, the first
 * account of each OU and the last account, selected as BASELINE_STACKS selects them: every
 * other account stack has the shape of one of those, and all 203 stacks would cost the
 * suite over ten seconds of CPU.
 *
 * A digest is of the file's library-neutral text (toolchain/compare-flavours.ts): without the
 * library version and the layout of the metadata JSON, so the cdktn suite checks the same
 * digests, and the CI comparison of the two synths covers what they leave out.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildApp, synthesizeAtomically } from '../app';
import { generateOrganization } from '../bench/synth';
import { SYNTH_CONFIG_CHECKS } from '../checks/synth-config-checks';
import { parseConfig } from '../config/load';
import { libraryNeutralText } from '../toolchain/compare-flavours';
import type { BaselineConfig } from '../config/schema';
import { exampleConfigText } from './support/config-fixtures';
import { filesUnder } from './support/files';

const DIGEST_FILE = join(__dirname, 'synth-digests.json');
const GENERATED_ACCOUNTS = 200;

type Digests = Record<string, Record<string, string>>;

let parent: string;
beforeAll(() => (parent = mkdtempSync(join(tmpdir(), 'baseline-synth-digests-'))));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** SHA-256 of the library-neutral text of every file under `dir`, by path relative to it. */
function fileDigests(dir: string): Record<string, string> {
  return Object.fromEntries(
    [...filesUnder(dir)].map(([file, text]) => [file, createHash('sha256').update(libraryNeutralText(file, text)).digest('hex')]),
  );
}

/** Synthesizes `stacks` of `config` (all when undefined) as `npm run synth` does in one process. */
function synthDigests(config: BaselineConfig, name: string, stacks?: readonly string[]): Record<string, string> {
  const outdir = join(parent, name);
  // As main.ts does: cdktf records a stack trace in every token, and formatting them
  // through jest's source maps would cost more than the synth itself.
  const prepareStackTrace = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    synthesizeAtomically(outdir, (staging) => buildApp(config, { outdir: staging, ...(stacks ? { stacks } : {}) }).synth());
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
  }
  return fileDigests(outdir);
}

function generatedOrganizationDigests(example: BaselineConfig): Record<string, string> {
  const text = stringify(generateOrganization(example, GENERATED_ACCOUNTS), { aliasDuplicateObjects: false });
  const config = parseConfig(text, `generated-${GENERATED_ACCOUNTS}.yaml`, SYNTH_CONFIG_CHECKS);
  const accounts = config.workloadAccounts;
  const sampled = [
    ...new Set([...config.organizationalUnits.map((ou) => accounts.find((account) => account.ou === ou.id)!), accounts[accounts.length - 1]!]),
  ];
  return synthDigests(config, `generated-${GENERATED_ACCOUNTS}`, [
    'org-governance',
    'log-archive',
    'security-audit',
    ...sampled.map((account) => `baseline-${account.id}`),
  ]);
}

test('synthesized output matches test/synth-digests.json', () => {
  const example = parseConfig(exampleConfigText(), 'config/baseline.yaml', SYNTH_CONFIG_CHECKS);
  const actual: Digests = {
    example: synthDigests(example, 'example'),
    [`generated-${GENERATED_ACCOUNTS}-accounts`]: generatedOrganizationDigests(example),
  };
  // `npm run synth-digests` rewrites the file from this synth.
  if (process.env.UPDATE_SYNTH_DIGESTS === '1') writeFileSync(DIGEST_FILE, `${JSON.stringify(actual, null, 2)}\n`);

  const expected: Digests = existsSync(DIGEST_FILE) ? JSON.parse(readFileSync(DIGEST_FILE, 'utf8')) : {};
  const differences = Object.keys({ ...expected, ...actual }).flatMap((synth) => {
    const before = expected[synth] ?? {};
    const after = actual[synth] ?? {};
    return Object.keys({ ...before, ...after })
      .sort()
      .flatMap((file) =>
        before[file] === after[file]
          ? []
          : [`${synth}: ${file} ${before[file] === undefined ? 'added' : after[file] === undefined ? 'removed' : 'changed'}`],
      );
  });
  // If the change is intended: `npm run synth-digests`, and commit test/synth-digests.json.
  expect(differences).toEqual([]);
});
