/**
 * The compile cache of synth processes, in child processes on the runtime that runs this
 * suite: where the runtime has one (Node >= 22.1; the cdktn suite runs on Node 22), the
 * first module dist/main.js loads turns it on in the project's cache folder, and
 * NODE_DISABLE_COMPILE_CACHE turns it off; on an older runtime nothing is turned on. A
 * synth writes the same bytes either way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_CONFIG_PATH } from '../support/config-fixtures';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const runtimeHasCache = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function';
/** The project's compile cache folder, written out rather than derived as the module derives it. */
const PROJECT_COMPILE_CACHE = join(ROOT, 'node_modules', '.cache', 'bedrock-governance-baseline-v8');
const withoutCacheSettings = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith('NODE_COMPILE_CACHE') && key !== 'NODE_DISABLE_COMPILE_CACHE'),
);

/** The folder the compile cache module names, and the one the runtime uses, in a fresh process. */
function cacheFolders(env: NodeJS.ProcessEnv): { named: string | undefined; used: string | undefined } {
  const script = `const { COMPILE_CACHE_DIR } = require(${JSON.stringify(join(DIST, 'toolchain', 'compile-cache.js'))});
    process.stdout.write(JSON.stringify({ named: COMPILE_CACHE_DIR, used: require('node:module').getCompileCacheDir?.() }));`;
  const result = spawnSync(process.execPath, ['-e', script], { env: { ...withoutCacheSettings, ...env }, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as { named: string | undefined; used: string | undefined };
}

test(`turns the runtime's compile cache on in the project's node_modules/.cache where the runtime has one (${process.version}: ${runtimeHasCache ? 'it has' : 'it has none'})`, () => {
  const expected = runtimeHasCache ? PROJECT_COMPILE_CACHE : undefined;
  const { named, used } = cacheFolders({});
  expect(named).toBe(expected);
  // Node 22 reports the folder of its own release inside it.
  if (expected === undefined) expect(used).toBeUndefined();
  else expect(used === expected || used?.startsWith(`${expected}/`)).toBe(true);
});

test('NODE_DISABLE_COMPILE_CACHE=1 leaves it off', () => {
  expect(cacheFolders({ NODE_DISABLE_COMPILE_CACHE: '1' }).used).toBeUndefined();
});

test('a synth writes the same bytes with the cache on, off, and on again from a filled cache', () => {
  const work = mkdtempSync(join(tmpdir(), 'baseline-compile-cache-'));
  try {
    const synth = (name: string, env: NodeJS.ProcessEnv): Record<string, string> => {
      const outdir = join(work, name);
      const result = spawnSync(process.execPath, [join(DIST, 'main.js')], {
        env: { ...withoutCacheSettings, ...env, BASELINE_CONFIG: EXAMPLE_CONFIG_PATH, BASELINE_STACKS: 'org-governance', CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
      });
      expect(result.status).toBe(0);
      const stack = join(outdir, 'stacks', 'org-governance', 'cdk.tf.json');
      return { stack: readFileSync(stack, 'utf8'), manifest: readFileSync(join(outdir, 'manifest.json'), 'utf8') };
    };
    const off = synth('off', { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(synth('on', {})).toEqual(off);
    expect(synth('again', {})).toEqual(off);
    if (runtimeHasCache) expect(readdirSync(PROJECT_COMPILE_CACHE).length).toBeGreaterThan(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
