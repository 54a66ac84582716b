/**
 * Property-based bad input: random mutations of the example config either load or fail
 * with a ConfigError whose every line names a YAML path; and a synth of whatever loads
 * either completes or leaves no output folder behind. Never an unhandled exception.
 * `BASELINE_PROPERTY_RUNS` raises the run count (npm run bench uses thousands).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { buildApp, synthesizeAtomically } from '../../app';
import { ConfigError, parseConfig } from '../../config/load';
import { scpBudgetIssues } from '../../checks/synth-config-checks';
import { exampleConfigText } from '../support/config-fixtures';

const RUNS = Number(process.env.BASELINE_PROPERTY_RUNS ?? 300);
type Path = Array<string | number>;

/** Every path of the example document, collections and scalars alike. */
function allPaths(doc: Document): Path[] {
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    paths.push(path);
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...path, String((pair.key as { value: unknown }).value)]);
    if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...path, index]));
  };
  walk(doc.contents, []);
  return paths.filter((p) => p.length > 0);
}

const example = exampleConfigText();
const PATHS = allPaths(parseDocument(example));

const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('eu-west-9', 'us-east-1', 'ou-zz99-missing01', '123', '444444444444', 'arn:aws:iam::*:role/X', '', ' ', 'aws:reserved'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);

type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'delete'; path: Path }
  | { kind: 'duplicate'; path: Path }
  | { kind: 'unknownKey'; path: Path; key: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  fc.record({ kind: fc.constant('duplicate' as const), path: fc.constantFrom(...PATHS.filter((p) => typeof p.at(-1) === 'number')) }),
  fc.record({ kind: fc.constant('unknownKey' as const), path: fc.constantFrom(...PATHS), key: fc.string({ minLength: 1, maxLength: 12 }) }),
);

function applyMutations(mutations: Mutation[]): string {
  const doc = parseDocument(example);
  for (const m of mutations) {
    // An earlier mutation may have replaced a parent of the path with a scalar: skip then.
    const parentIsCollection = m.path.length === 1 || isMap(doc.getIn(m.path.slice(0, -1))) || isSeq(doc.getIn(m.path.slice(0, -1)));
    if (m.kind === 'set' && parentIsCollection) doc.setIn(m.path, doc.createNode(m.value));
    if (m.kind === 'delete' && parentIsCollection) doc.deleteIn(m.path);
    if (m.kind === 'duplicate') {
      const parent = doc.getIn(m.path.slice(0, -1));
      if (isSeq(parent) && doc.hasIn(m.path)) parent.add(doc.getIn(m.path, true));
    }
    if (m.kind === 'unknownKey') {
      const node = doc.getIn(m.path);
      if (isMap(node)) node.set(`x-${m.key}`, 'surprise');
    }
  }
  return doc.toString();
}

/** A YAML path as formatPath writes it: `a.b[2]."odd key"`, or `(document)` for the root. */
const SEGMENT = String.raw`(?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")`;
const YAML_PATH = String.raw`(?:\(document\)|${SEGMENT}(?:\.${SEGMENT}|\[\d+\])*)`;
/** `file[:line]: <path>: message`, or a YAML syntax line. */
const PROBLEM_LINE = new RegExp(String.raw`^mutated\.yaml(:\d+)?: (YAML syntax: .+|${YAML_PATH}: .+)$`, 's');

/** How many of the mutated configs that load are also synthesized (synth is the slow part). */
const SYNTH_SAMPLE = Number(process.env.BASELINE_PROPERTY_SYNTHS ?? 4);

test(`random mutations of the example config load or fail with located config errors (${RUNS} runs)`, () => {
  let rejected = 0;
  const accepted: string[] = [];
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
      const text = applyMutations(mutations);
      try {
        parseConfig(text, 'mutated.yaml', [scpBudgetIssues]);
        if (accepted.length < SYNTH_SAMPLE) accepted.push(text);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        rejected++;
        expect(error.problems.length).toBeGreaterThan(0);
        for (const problem of error.problems) expect(problem).toMatch(PROBLEM_LINE);
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.BASELINE_PROPERTY_SEED ?? 20261121) },
  );
  // The generator must actually produce bad input, or the property proves nothing.
  expect(rejected).toBeGreaterThan(RUNS / 2);

  // What loads also synthesizes, completely.
  const parent = mkdtempSync(join(tmpdir(), 'baseline-property-'));
  try {
    accepted.forEach((text, index) => {
      const outdir = join(parent, `out-${index}`);
      synthesizeAtomically(outdir, (staging) => buildApp(parseConfig(text, 'mutated.yaml'), { outdir: staging }).synth());
      expect(readdirSync(join(outdir, 'stacks')).length).toBeGreaterThan(0);
    });
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a synth that fails part-way leaves no output folder and no staging folder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'baseline-atomic-'));
  try {
    const outdir = join(parent, 'cdktf.out');
    const config = parseConfig(example, 'example.yaml');
    expect(() =>
      synthesizeAtomically(outdir, (staging) => {
        buildApp(config, { outdir: staging }).synth();
        throw new Error('interrupted after writing');
      }),
    ).toThrow('interrupted after writing');
    expect(existsSync(outdir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
