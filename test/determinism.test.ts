/**
 * Synth output is a pure function of the config's meaning: the same config twice, or
 * the same config with lists and keys in another order, gives byte-identical files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, synthesizeAtomically } from '../app';
import { parseConfig } from '../config/load';
import { editedExampleConfig, exampleConfigText } from './support/config-fixtures';
import { filesUnder } from './support/files';

let parent: string;
beforeAll(() => (parent = mkdtempSync(join(tmpdir(), 'baseline-determinism-'))));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

function synthText(text: string, name: string): Map<string, string> {
  const outdir = join(parent, name);
  synthesizeAtomically(outdir, (staging) => buildApp(parseConfig(text, 'config.yaml'), { outdir: staging }).synth());
  return filesUnder(outdir);
}

test('two synths of the same config are byte-identical', () => {
  const first = synthText(exampleConfigText(), 'first');
  const second = synthText(exampleConfigText(), 'second');
  expect(first.size).toBeGreaterThan(1);
  expect(second).toEqual(first);
});

test('a config with lists and keys in another order synthesizes byte-identically', () => {
  const original = parseConfig(exampleConfigText(), 'config.yaml');
  const reversed = editedExampleConfig(
    { set: ['governance', 'allowedRegions'], value: [...original.governance.allowedRegions].reverse() },
    { set: ['organizationalUnits'], value: [...original.organizationalUnits].reverse() },
    {
      set: ['workloadAccounts'],
      value: [...original.workloadAccounts].reverse().map((account) => ({
        ...account,
        regions: [...account.regions].reverse(),
        tags: Object.fromEntries(Object.entries(account.tags).reverse()),
      })),
    },
    {
      set: ['mandatoryTags'],
      value: Object.fromEntries(
        Object.entries(original.mandatoryTags)
          .reverse()
          .map(([key, values]) => [key, [...values].reverse()]),
      ),
    },
  );
  expect(reversed).not.toBe(exampleConfigText());
  expect(synthText(reversed, 'reordered')).toEqual(synthText(exampleConfigText(), 'original'));
});
