/**
 * The freshness check in front of every synth (scripts/build.js): a stale dist/ is never
 * run, a fresh one is never rebuilt. The end-to-end cases run the real scripts/synth.js
 * and scripts/build.js, copied into a small project that links this one's node_modules.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { compiledSources, staleReason } from '../../scripts/build';

const ROOT = join(__dirname, '..', '..');

test("the sources it fingerprints are exactly the ones TypeScript compiles for this project's tsconfig", () => {
  const { config } = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const typescriptsOwn = ts
    .parseJsonConfigFileContent(config, ts.sys, ROOT)
    .fileNames.map((file) => relative(ROOT, file))
    .sort();
  expect(typescriptsOwn.length).toBeGreaterThan(100);
  expect(compiledSources(ROOT)).toEqual(typescriptsOwn);
});

describe('a small project built and run through scripts/synth.js', () => {
  let project: string;
  const write = (file: string, text: string) => {
    mkdirSync(join(project, file, '..'), { recursive: true });
    writeFileSync(join(project, file), text);
  };
  /** Runs the project's synth.js: what it printed, and whether it compiled. */
  const synth = () => {
    const result = spawnSync(process.execPath, [join(project, 'scripts', 'synth.js')], { cwd: project, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout.trim(), compiled: result.stderr.includes('compiling'), stderr: result.stderr };
  };

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'baseline-build-'));
    for (const script of ['build.js', 'synth.js']) {
      mkdirSync(join(project, 'scripts'), { recursive: true });
      copyFileSync(join(ROOT, 'scripts', script), join(project, 'scripts', script));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
    write('package.json', JSON.stringify({ name: 'fixture', bin: { fixture: 'dist/main.js' } }));
    write('package-lock.json', '{}');
    const compilerOptions = {
      target: 'ES2022',
      module: 'commonjs',
      lib: ['ES2022'],
      types: [],
      strict: true,
      outDir: 'dist',
      rootDir: '.',
      incremental: true,
      tsBuildInfoFile: 'dist/.tsbuildinfo',
    };
    write('tsconfig.json', JSON.stringify({ compilerOptions, include: ['**/*.ts'], exclude: ['node_modules', 'dist', 'cdktf.out', 'cdktf.out.*'] }));
    write('main.ts', "import { VALUE } from './lib/value';\ndeclare const console: { log(value: unknown): void };\nconsole.log(VALUE);\n");
    write('lib/value.ts', "export const VALUE: string = 'one';\n");
    write('lib/unused.ts', 'export const UNUSED = 1;\n');
    // Let the files settle, so the first build trusts their stat and the next edit is seen by it.
    await new Promise((resolve) => setTimeout(resolve, 2100));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  test('the first run compiles; the next one runs dist/ as it is', () => {
    expect(synth()).toMatchObject({ status: 0, stdout: 'one', compiled: true });
    expect(statSync(join(project, 'dist', 'main.js')).mode & 0o111).not.toBe(0);
    expect(synth()).toMatchObject({ status: 0, stdout: 'one', compiled: false });
  });

  test('an edit of the same size, with the mtime set back, is seen (by ctime and content) and compiled', () => {
    const file = join(project, 'lib', 'value.ts');
    const manifest = JSON.parse(readFileSync(join(project, 'dist', '.build-manifest.json'), 'utf8'));
    expect(manifest.inputs['lib/value.ts'].stat).toMatchObject({ size: statSync(file).size, mtimeMs: statSync(file).mtimeMs });
    const { atime, mtime } = statSync(file);
    writeFileSync(file, "export const VALUE: string = 'two';\n");
    utimesSync(file, atime, mtime);
    expect(staleReason(project)).toBe('lib/value.ts changed');
    expect(synth()).toMatchObject({ status: 0, stdout: 'two', compiled: true });
  });

  test('a touched but unchanged source does not compile', () => {
    const file = join(project, 'lib', 'value.ts');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    expect(synth()).toMatchObject({ status: 0, stdout: 'two', compiled: false });
  });

  test('a new or a deleted source, a changed lockfile, an output edited or deleted: each makes dist/ stale', () => {
    write('lib/added.ts', 'export const ADDED = 2;\n');
    expect(staleReason(project)).toBe('lib/added.ts is new');
    rmSync(join(project, 'lib', 'added.ts'));
    expect(staleReason(project)).toBeUndefined();
    const lock = join(project, 'package-lock.json');
    writeFileSync(lock, '{"lockfileVersion":3}');
    expect(staleReason(project)).toBe('package-lock.json changed');
    writeFileSync(lock, '{}');
    expect(staleReason(project)).toBeUndefined();
    writeFileSync(join(project, 'dist', 'main.js'), 'console.log("tampered");\n');
    expect(staleReason(project)).toBe('dist/main.js was changed outside the build');
    rmSync(join(project, 'dist', 'lib', 'value.js'));
    expect(staleReason(project)).toBe('dist/lib/value.js is missing');
    rmSync(join(project, 'lib', 'unused.ts'));
    expect(staleReason(project)).toBe('lib/unused.ts was deleted');
  });

  test("one build then restores every output, though tsc thinks it is up to date, and removes the deleted source's output", () => {
    expect(synth()).toMatchObject({ status: 0, stdout: 'two', compiled: true });
    expect(existsSync(join(project, 'dist', 'lib', 'unused.js'))).toBe(false);
    expect(readFileSync(join(project, 'dist', 'main.js'), 'utf8')).not.toContain('tampered');
    expect(synth()).toMatchObject({ status: 0, stdout: 'two', compiled: false });
  });

  test('a build that fails runs nothing, exits non-zero, and stays stale', () => {
    write('lib/value.ts', 'export const VALUE: string = 3;\n');
    const failed = synth();
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).not.toContain('two');
    expect(failed.stdout).toContain('error TS2322');
    expect(staleReason(project)).toBe(`dist/ has no manifest of a successful build`);
  });
});
