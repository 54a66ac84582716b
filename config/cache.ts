/**
 * Cache of validated configs. Parsing and validating the YAML of an organization with
 * thousands of accounts takes a few hundred milliseconds, which a per-account deploy
 * (`BASELINE_STACKS=baseline-<id>`) would otherwise pay every time. A cache entry is the
 * canonical config, written only after validation passed, and keyed by the file's bytes,
 * the project's code and the locked dependency versions, so a change to any of them
 * invalidates it.
 * `BASELINE_CONFIG_CACHE=off` disables it; `BASELINE_CONFIG_CACHE_DIR` moves it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { BaselineConfig } from './schema';

/** Entries kept; older ones are removed when a new one is written. */
const MAX_ENTRIES = 16;

/** The nearest folder with package.json at or above `from` (by default this module's: the sources or dist/ both live below it). */
export function findProjectRoot(from: string = __dirname): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

const PROJECT_ROOT = findProjectRoot();
/** The compiled app (dist/) or, under ts-jest, the sources. */
const CODE_ROOT = join(__dirname, '..');

/** The project's folder for tools' caches, `node_modules/.cache`, or undefined where its dependencies are not installed. */
export function projectCacheDir(): string | undefined {
  return PROJECT_ROOT && existsSync(join(PROJECT_ROOT, 'node_modules')) ? join(PROJECT_ROOT, 'node_modules', '.cache') : undefined;
}

/** Where entries live: beside the installed dependencies, like other tools' caches. */
function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.BASELINE_CONFIG_CACHE === 'off') return undefined;
  if (env.BASELINE_CONFIG_CACHE_DIR) return env.BASELINE_CONFIG_CACHE_DIR;
  const projectCache = projectCacheDir();
  return projectCache && join(projectCache, 'bedrock-governance-baseline');
}

function pruneOldEntries(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of entries.slice(MAX_ENTRIES)) rmSync(old.path, { force: true });
}

/** Folders under the code root that never take part in validating a config. */
const NOT_VALIDATOR_CODE = new Set(['node_modules', 'test', 'bench', 'dist']);

/**
 * Every project module a validation may depend on: all code under CODE_ROOT but tests
 * and benchmarks. The schema alone reaches into alarms/, macie/ and policies/, so
 * anything narrower would let an upgraded validator serve a config that only the old
 * one accepted.
 */
export function validatorSourceFiles(root: string = CODE_ROOT): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!name.startsWith('.') && !NOT_VALIDATOR_CODE.has(name) && !name.startsWith('cdktf.out')) walk(path);
      } else if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  walk(root);
  return files;
}

let fingerprint: string | undefined;

/** Hash of the code that validates a config, and of the locked dependency versions (zod, the parsers). */
function validatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  for (const file of validatorSourceFiles()) hash.update(relative(CODE_ROOT, file)).update('\0').update(readFileSync(file));
  const lockfile = PROJECT_ROOT && join(PROJECT_ROOT, 'package-lock.json');
  if (lockfile && existsSync(lockfile)) hash.update(readFileSync(lockfile));
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/**
 * The validated config for `text`, from the cache or from `validate` (whose result is
 * then cached). `variant` names what `validate` checks beyond the schema, so a load with
 * fewer checks never serves one that asks for more.
 */
export function withConfigCache(text: string, variant: string, validate: () => BaselineConfig, env: NodeJS.ProcessEnv = process.env): BaselineConfig {
  const dir = cacheDir(env);
  if (!dir) return validate();
  const key = createHash('sha256').update(validatorFingerprint()).update('\0').update(variant).update('\0').update(text).digest('hex');
  const entry = join(dir, `${key}.json`);
  if (existsSync(entry)) return JSON.parse(readFileSync(entry, 'utf8')) as BaselineConfig;
  const config = validate();
  try {
    mkdirSync(dir, { recursive: true });
    const staging = `${entry}.${process.pid}.tmp`;
    writeFileSync(staging, JSON.stringify(config));
    renameSync(staging, entry);
    pruneOldEntries(dir);
  } catch {
    // A read-only checkout only loses the speed-up.
  }
  return config;
}
