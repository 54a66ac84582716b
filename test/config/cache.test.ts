import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatorSourceFiles, withConfigCache } from '../../config/cache';
import { ConfigError, parseConfig } from '../../config/load';
import { editedExampleConfig, exampleConfigText } from '../support/config-fixtures';

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baseline-cache-'));
  env = { BASELINE_CONFIG_CACHE_DIR: dir };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a validated config is served from the cache the second time, unchanged', () => {
  const text = exampleConfigText();
  const validate = jest.fn(() => parseConfig(text, 'a.yaml'));
  const first = withConfigCache(text, '', validate, env);
  const second = withConfigCache(text, '', validate, env);
  expect(validate).toHaveBeenCalledTimes(1);
  expect(second).toEqual(first);
});

test('any edit of the text, or more checks, means a fresh validation', () => {
  const validate = jest.fn((text: string) => parseConfig(text, 'a.yaml'));
  const original = exampleConfigText();
  const edited = editedExampleConfig({ set: ['governance', 'crossRegionInference'], value: 'none' });
  withConfigCache(original, '', () => validate(original), env);
  const reloaded = withConfigCache(edited, '', () => validate(edited), env);
  withConfigCache(original, 'scpBudgetIssues', () => validate(original), env);
  expect(validate).toHaveBeenCalledTimes(3);
  expect(reloaded.governance.crossRegionInference).toBe('none');
});

test('an invalid config is never cached', () => {
  const bad = editedExampleConfig({ set: ['governance', 'allowedRegions'], value: [] });
  for (let i = 0; i < 2; i++) expect(() => withConfigCache(bad, '', () => parseConfig(bad, 'bad.yaml'), env)).toThrow(ConfigError);
  expect(readdirSync(dir)).toEqual([]);
});

test('BASELINE_CONFIG_CACHE=off always validates', () => {
  const text = exampleConfigText();
  const validate = jest.fn(() => parseConfig(text, 'a.yaml'));
  withConfigCache(text, '', validate, { ...env, BASELINE_CONFIG_CACHE: 'off' });
  withConfigCache(text, '', validate, { ...env, BASELINE_CONFIG_CACHE: 'off' });
  expect(validate).toHaveBeenCalledTimes(2);
  expect(readdirSync(dir)).toEqual([]);
});

test('the cache key covers every project module that loading and validating a config runs', () => {
  // Node's own module registry is the oracle: load the example in the compiled app and list what it required.
  const dist = join(__dirname, '..', '..', 'dist');
  const script = `
    require(${JSON.stringify(join(dist, 'config', 'load.js'))}).loadConfig('config/baseline.yaml', require(${JSON.stringify(join(dist, 'checks', 'synth-config-checks.js'))}).SYNTH_CONFIG_CHECKS);
    console.log(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, BASELINE_CONFIG_CACHE: 'off' } });
  expect(run.stderr).toBe('');
  const loaded = (JSON.parse(run.stdout) as string[]).filter((file) => file.startsWith(dist) && !file.includes('node_modules'));
  expect(loaded.length).toBeGreaterThan(10);
  const covered = new Set(validatorSourceFiles(dist));
  expect(loaded.filter((file) => !covered.has(file))).toEqual([]);
});
