#!/usr/bin/env node
// @ts-check
/**
 * The TypeScript build, and the check that spares it when dist/ is already what building
 * the current sources would give. `cdktf synth|deploy` build before every synth; a no-op
 * `tsc --incremental` still parses the whole program (seconds), so scripts/synth.js asks
 * this check first. Plain JavaScript: it decides whether the build runs, so it cannot be
 * part of that build.
 *
 * dist/ is fresh when the manifest written by the last successful build names exactly the
 * build inputs there are now (every source tsconfig.json compiles, tsconfig.json,
 * package-lock.json, this file), each with the same content, and every output it recorded
 * is still there, unchanged. Content is compared by SHA-256; a file whose size, inode,
 * mtime and ctime are what the manifest saw is not read again (ctime cannot be set back
 * by `touch`, `cp -p` or `tar`, and a stat taken within two seconds of the file's last
 * change is not trusted). A source added, edited or deleted, a changed compiler setting
 * or dependency lock, an output deleted or edited, a build that failed: each makes dist/
 * stale, and a stale dist/ is rebuilt before anything runs from it.
 *
 *   node scripts/build.js           build when dist/ is stale (`npm run build`)
 *   node scripts/build.js --force   build anyway
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = 'dist';
const MANIFEST_FILE = '.build-manifest.json';
const MANIFEST_VERSION = 1;
/** Inputs besides the sources: compiler settings, the locked compiler and type versions, this procedure. */
const BUILD_FILES = ['tsconfig.json', 'package-lock.json', 'scripts/build.js'];
/** The tsconfig `include` this file's source walk reproduces; any other makes every check stale. */
const SUPPORTED_INCLUDE = '**/*.ts';
/** A stat this close to the file's last change may miss a same-size edit in the same clock tick. */
const RACY_MS = 2000;

/**
 * @typedef {{ size: number, ino: number, mtimeMs: number, ctimeMs: number }} FileStat
 * @typedef {{ sha256: string, stat?: FileStat }} InputEntry
 * @typedef {{ size: number, mtimeMs: number }} OutputEntry
 * @typedef {{ version: number, inputs: Record<string, InputEntry>, outputs: Record<string, OutputEntry> }} Manifest
 */

/** @param {fs.Stats} stat @returns {FileStat} */
const statOf = (stat) => ({ size: stat.size, ino: stat.ino, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs });

/** @param {FileStat | undefined} a @param {FileStat} b */
const sameStat = (a, b) => !!a && a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;

/** @param {string} file */
const sha256Of = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * The sources `tsc -p tsconfig.json` compiles, relative to `root` with `/` separators and
 * sorted: every `.ts` file below `root`, except in node_modules, in folders starting with a
 * dot (as TypeScript's own wildcard matching) and in the tsconfig's excluded top-level
 * folders (`name` or `name*`). Undefined when tsconfig.json has a shape this does not
 * reproduce. test/scripts/build.test.ts checks the list against TypeScript's own.
 * @param {string} root
 * @returns {string[] | undefined}
 */
function compiledSources(root) {
  /** @type {{ include?: unknown, exclude?: unknown, files?: unknown, references?: unknown, extends?: unknown }} */
  let tsconfig;
  try {
    tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const include = tsconfig.include;
  const exclude = tsconfig.exclude ?? [];
  if (!Array.isArray(include) || include.length !== 1 || include[0] !== SUPPORTED_INCLUDE) return undefined;
  if (tsconfig.files !== undefined || tsconfig.references !== undefined || tsconfig.extends !== undefined) return undefined;
  if (!Array.isArray(exclude) || !exclude.every((entry) => typeof entry === 'string' && /^[\w.-]+\*?$/.test(entry))) return undefined;
  /** @param {string} name */
  const excluded = (name) => exclude.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry));

  /** @type {string[]} */
  const sources = [];
  /** @param {string} dir @param {string} prefix */
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || (prefix === '' && excluded(entry.name))) continue;
        walk(path.join(dir, entry.name), `${relative}/`);
      } else if (entry.name.endsWith('.ts') && !(prefix === '' && excluded(entry.name))) {
        sources.push(relative);
      }
    }
  };
  walk(root, '');
  return sources.sort();
}

/** @param {string} root */
const buildFiles = (root) => BUILD_FILES.filter((file) => fs.existsSync(path.join(root, file)));

/**
 * The emitted JavaScript of each source (declaration files emit nothing).
 * @param {readonly string[]} sources
 */
const outputsOf = (sources) =>
  sources.filter((source) => !source.endsWith('.d.ts')).map((source) => `${OUT_DIR}/${source.slice(0, -'.ts'.length)}.js`);

/** @param {string} root @returns {Manifest | undefined} */
function readManifest(root) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, OUT_DIR, MANIFEST_FILE), 'utf8'));
    return manifest.version === MANIFEST_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why dist/ is not what building the current inputs would give, or undefined when it is.
 * @param {string} [root]
 * @returns {string | undefined}
 */
function staleReason(root = ROOT) {
  const sources = compiledSources(root);
  if (!sources) return 'tsconfig.json has a shape scripts/build.js does not reproduce';
  const manifest = readManifest(root);
  if (!manifest) return `${OUT_DIR}/ has no manifest of a successful build`;
  const inputs = [...sources, ...buildFiles(root)];
  const recorded = Object.keys(manifest.inputs);
  const added = inputs.find((file) => !manifest.inputs[file]);
  if (added) return `${added} is new`;
  const deleted = recorded.find((file) => !inputs.includes(file));
  if (deleted) return `${deleted} was deleted`;
  const now = Date.now();
  let restated = false;
  for (const file of inputs) {
    const entry = /** @type {InputEntry} */ (manifest.inputs[file]);
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!stat) return `${file} was deleted`;
    if (sameStat(entry.stat, statOf(stat))) continue;
    if (sha256Of(path.join(root, file)) !== entry.sha256) return `${file} changed`;
    // Same content under a new stat (touched, checked out again): remember the stat so
    // the next check does not read the file again.
    if (now - Math.max(stat.mtimeMs, stat.ctimeMs) > RACY_MS) {
      entry.stat = statOf(stat);
      restated = true;
    }
  }
  for (const [file, entry] of Object.entries(manifest.outputs)) {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (!stat) return `${file} is missing`;
    if (stat.size !== entry.size || stat.mtimeMs !== entry.mtimeMs) return `${file} was changed outside the build`;
  }
  if (restated) {
    try {
      writeManifest(root, manifest);
    } catch {
      // A read-only checkout only reads those files again next time.
    }
  }
  return undefined;
}

/** @param {string} root @param {Manifest} manifest */
function writeManifest(root, manifest) {
  const target = path.join(root, OUT_DIR, MANIFEST_FILE);
  fs.writeFileSync(`${target}.${process.pid}.tmp`, JSON.stringify(manifest));
  fs.renameSync(`${target}.${process.pid}.tmp`, target);
}

/**
 * Content and (where trustworthy) stat of each input, taken before compiling: a file
 * edited while tsc runs then differs from the manifest, and the next check rebuilds.
 * @param {string} root @param {readonly string[]} files @returns {Record<string, InputEntry>}
 */
function snapshotInputs(root, files) {
  const now = Date.now();
  /** @type {Record<string, InputEntry>} */
  const inputs = {};
  for (const file of files) {
    const absolute = path.join(root, file);
    const stat = fs.statSync(absolute);
    const sha256 = sha256Of(absolute);
    const settled = now - Math.max(stat.mtimeMs, stat.ctimeMs) > RACY_MS;
    inputs[file] = settled ? { sha256, stat: statOf(stat) } : { sha256 };
  }
  return inputs;
}

/**
 * Removes emitted files whose source is gone (tsc never deletes an output), so dist/
 * holds the build of exactly the current sources.
 * @param {string} root @param {readonly string[]} outputs
 */
function pruneOrphans(root, outputs) {
  const expected = new Set(outputs);
  /** @param {string} dir @param {string} prefix */
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${relative}/`);
      else if (/\.js(\.map)?$/.test(entry.name) && !expected.has(relative.replace(/\.map$/, ''))) fs.rmSync(path.join(dir, entry.name));
    }
  };
  if (fs.existsSync(path.join(root, OUT_DIR))) walk(path.join(root, OUT_DIR), `${OUT_DIR}/`);
}

/** @param {string} root */
function makeBinariesExecutable(root) {
  const { bin } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const file of Object.values(typeof bin === 'string' ? { bin } : (bin ?? {}))) {
    if (fs.existsSync(path.join(root, file))) fs.chmodSync(path.join(root, file), 0o755);
  }
}

/**
 * Compiles with the project's tsc and, when it succeeds, records the manifest. Returns
 * tsc's exit code; on failure the previous manifest no longer matches, so the next check
 * builds again.
 * @param {string} [root]
 * @returns {number}
 */
function build(root = ROOT) {
  const sources = compiledSources(root) ?? [];
  const inputs = snapshotInputs(root, [...sources, ...buildFiles(root)]);
  const outputs = outputsOf(sources);
  // An incremental tsc trusts its build info and never re-emits an output deleted or
  // edited behind its back: compile everything again then.
  const previous = readManifest(root);
  const outputsIntact = outputs.every((file) => {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    const entry = previous?.outputs[file];
    return !!stat && (!entry || (stat.size === entry.size && stat.mtimeMs === entry.mtimeMs));
  });
  if (!outputsIntact) fs.rmSync(path.join(root, OUT_DIR, '.tsbuildinfo'), { force: true });
  fs.rmSync(path.join(root, OUT_DIR, MANIFEST_FILE), { force: true });

  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;

  makeBinariesExecutable(root);
  pruneOrphans(root, outputs);
  /** @type {Record<string, OutputEntry>} */
  const recordedOutputs = {};
  for (const file of outputs) {
    const stat = fs.statSync(path.join(root, file));
    recordedOutputs[file] = { size: stat.size, mtimeMs: stat.mtimeMs };
  }
  writeManifest(root, { version: MANIFEST_VERSION, inputs, outputs: recordedOutputs });
  return 0;
}

/**
 * Builds when dist/ is stale, saying why on stderr. Returns 0 when dist/ is fresh
 * afterwards, else the build's exit code.
 * @param {string} [root]
 * @returns {number}
 */
function ensureFreshBuild(root = ROOT) {
  const reason = staleReason(root);
  if (!reason) return 0;
  process.stderr.write(`build: ${reason}; compiling\n`);
  return build(root);
}

module.exports = { compiledSources, staleReason, build, ensureFreshBuild };

if (require.main === module) {
  process.exitCode = process.argv.includes('--force') ? build() : ensureFreshBuild();
}
