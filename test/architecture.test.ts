/**
 * Dependencies point down. Every import of the project's code (type-only imports too) is
 * read with the TypeScript parser and checked against the layers: config/ at the bottom
 * (with the AWS vocabularies and the guardrail catalog it validates against, which import
 * nothing), naming/ on config, the pure layers (policies, guardrails, alarms, macie, detection) and
 * the config checks on those, then constructs, stacks and the app; the CLI on the pure
 * layers only. cdktf is imported by the cdktf layers alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

const ROOT = join(__dirname, '..');
const NOT_CODE = new Set(['node_modules', 'dist', 'test', 'docs']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name.startsWith('.') || NOT_CODE.has(name) || name.startsWith('cdktf.out') ? [] : sourceFiles(path);
      return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
    });
}

/** Project files (relative paths, `.ts` added) and packages each source file imports. */
const imports = new Map(
  sourceFiles(ROOT).map((file) => {
    const specifiers = preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map((entry) => entry.fileName);
    const resolved = specifiers.map((specifier) => {
      if (!specifier.startsWith('.')) return specifier;
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier));
      return target.endsWith('.json') ? target : `${target}.ts`;
    });
    return [file, resolved] as const;
  }),
);

const isProjectFile = (target: string) => target.endsWith('.ts') || target.endsWith('.json');
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** Value sets of AWS APIs and the guardrail catalog: the schema validates against them, so they sit below config/ and import nothing. */
const VOCABULARIES = [
  'alarms/bedrock-metric-alarms.ts',
  'alarms/cloudtrail-alarm-ids.ts',
  'alarms/subscriptions.ts',
  'detection/api-values.ts',
  'guardrails/profiles.ts',
  'macie/api-values.ts',
  'macie/custom-identifiers.ts',
  'macie/regex-dialect.ts',
  'naming/reserved-names.ts',
  'policies/action-classes.ts',
];

/** toolchain/: which CDK library and provider releases the build runs on; node built-ins and pure layers only. */
const PURE = ['config', 'naming', 'policies', 'guardrails', 'alarms', 'macie', 'detection', 'toolchain'];
/** Folders (or top-level files) each folder's modules may import, besides leaf modules. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  config: ['config'],
  naming: ['naming', 'config'],
  policies: PURE,
  guardrails: PURE,
  alarms: PURE,
  macie: PURE,
  detection: PURE,
  toolchain: PURE,
  checks: [...PURE, 'checks'],
  constructs: [...PURE, 'constructs'],
  stacks: [...PURE, 'constructs', 'stacks'],
  // Synth over worker processes: node built-ins and cdktf's manifest format, nothing of the project.
  'synth-workers.ts': [],
  'app.ts': [...PURE, 'constructs', 'stacks', 'synth-workers.ts'],
  'main.ts': [...PURE, 'checks', 'constructs', 'app.ts', 'synth-workers.ts'],
  cli: [...PURE, 'checks', 'cli', 'redteam'],
  // The workflows' wave and shard planner: config and stack names in, a plan out.
  rollout: [...PURE, 'rollout'],
};
const CDKTF_PACKAGES = /^(cdktf|cdktn|constructs|@cdktf\/.*|@cdktn\/.*|cdktf\/.*|cdktn\/.*)$/;
const MAY_IMPORT_CDKTF = new Set(['constructs', 'stacks', 'synth-workers.ts', 'app.ts', 'main.ts', 'bench']);

test('the parser finds the imports', () => {
  expect(imports.size).toBeGreaterThan(100);
  expect(imports.get('cli/baseline.ts')).toContain('cli/vend.ts');
});

/** `file -> target` for every import that points up or sideways. */
function layerViolations(graph: ReadonlyMap<string, readonly string[]>): string[] {
  return [...graph].flatMap(([file, targets]) => {
    const allowed = ALLOWED[folderOf(file)];
    if (!allowed) return [];
    return targets
      .filter((target) => isProjectFile(target) && !allowed.includes(folderOf(target)) && !VOCABULARIES.includes(target))
      .map((target) => `${file} -> ${target}`);
  });
}

test('each layer imports only its own and lower layers', () => {
  expect(layerViolations(imports)).toEqual([]);
  // The rule can fail: config importing naming, a policy importing a construct.
  expect(
    layerViolations(
      new Map([
        ['config/tags.ts', ['naming/stacks.ts']],
        ['policies/x.ts', ['constructs/y.ts', 'guardrails/profiles.ts']],
      ]),
    ),
  ).toEqual(['config/tags.ts -> naming/stacks.ts', 'policies/x.ts -> constructs/y.ts']);
});

test('the vocabularies below config/ import nothing of the project', () => {
  for (const vocabulary of VOCABULARIES)
    expect([vocabulary, imports.get(vocabulary)?.filter(isProjectFile) ?? 'no such file']).toEqual([vocabulary, []]);
});

test('only the cdktf layers import cdktf', () => {
  const violations = [...imports].flatMap(([file, targets]) =>
    MAY_IMPORT_CDKTF.has(folderOf(file)) ? [] : targets.filter((target) => CDKTF_PACKAGES.test(target)).map((target) => `${file} -> ${target}`),
  );
  expect(violations).toEqual([]);
});

test('naming/ depends on no project module but the config types', () => {
  const naming = [...imports].filter(([file]) => file.startsWith('naming/'));
  expect(naming.length).toBeGreaterThan(0);
  for (const [file, targets] of naming) {
    const outside = targets.filter((target) => isProjectFile(target) && !target.startsWith('naming/'));
    expect([file, outside]).toEqual([file, outside.filter((target) => target === 'config/schema.ts')]);
  }
});
