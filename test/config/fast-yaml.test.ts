/**
 * The fast parser against the `yaml` library as the oracle: wherever the fast path gives
 * a value, it is the value `yaml` gives (same keys in the same order, same numbers down
 * to -0 and NaN), and `yaml` reports no error. And it does give one for ordinary configs,
 * or it would be no fast path at all.
 */
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { parseYamlFast } from '../../config/fast-yaml';
import { generateOrganization } from '../../bench/synth';
import { parseConfig } from '../../config/load';
import { exampleConfigText } from '../support/config-fixtures';

const RUNS = Number(process.env.BASELINE_PROPERTY_RUNS ?? 300);

/** JSON that tells -0, NaN and the infinities apart and keeps key order. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `<number ${Object.is(v, -0) ? '-0' : v}>` : v,
  );
}

/** What `yaml` makes of `text`: its value, or 'error'. */
function oracle(text: string): string {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return 'error';
  try {
    return exact(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    return 'error';
  }
}

/** The first place two serializations differ, with some context, to keep failures readable. */
function firstDifference(a: string, b: string): { fast: string; yaml: string } {
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  const window = (text: string) => text.slice(Math.max(0, at - 60), at + 60);
  return { fast: window(a), yaml: window(b) };
}

/** Fails unless the fast path declines or agrees with the oracle; true when it gave a value. */
function agreesWithOracle(text: string): boolean {
  const fast = parseYamlFast(text);
  if (fast) {
    const [mine, theirs] = [exact(fast.value), oracle(text)];
    if (mine !== theirs) throw new Error(`the parsers differ on:\n${text.slice(0, 2000)}\n${JSON.stringify(firstDifference(mine, theirs), null, 2)}`);
  }
  return fast !== undefined;
}

describe('scalars where YAML parsers are known to differ', () => {
  const scalars = [
    // YAML 1.1 forms that are strings in the 1.2 core schema
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    '0b101',
    '1_000',
    '190:20:30',
    '2024-01-01',
    '012',
    '-012',
    // core schema numbers, signs and edge forms
    '0o17',
    '0O17',
    '0x1F',
    '0X1F',
    '+0x1F',
    '-0x1F',
    '+12',
    '-0',
    '+0',
    '-.0',
    '.5',
    '+.5',
    '-.5',
    '5.',
    '1.e5',
    '1e3',
    '6.8523015e+5',
    '.inf',
    '-.inf',
    '+.inf',
    '.Inf',
    '.NaN',
    '.NAN',
    '1e400',
    '-1e400',
    '99999999999999999999',
    // nulls, booleans and near misses
    '~',
    'null',
    'Null',
    'NULL',
    'nUll',
    'true',
    'True',
    'TRUE',
    'tRue',
    '',
    // tags, quotes, merge keys
    '!!str 12',
    '!!int "12"',
    '!!float 1',
    '!!binary aGVsbG8=',
    '!foo bar',
    '"12"',
    "'12'",
    '<<',
    '12 # comment',
  ];
  test.each(scalars)('v: %s', (scalar) => {
    agreesWithOracle(`v: ${scalar}\n`);
  });

  test('comments that mention code or people stay on the fast path', () => {
    expect(agreesWithOracle('# see `docs/cli.md`, ask @platform-team\nv: 1 # set by `vend`\n')).toBe(true);
  });

  test('a __proto__ key is an own key on both paths and pollutes nothing', () => {
    expect(agreesWithOracle('__proto__: { polluted: 1 }\na: { __proto__: [1] }\n')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parseYamlFast('__proto__: { polluted: 1 }\n')!.value)).toBe(Object.prototype);
  });

  test('ordinary scalars take the fast path', () => {
    expect(['v: 12\n', 'v: us-east-1\n', 'v: "444444444444"\n', 'v: .inf\n', '---\nv: x\n'].every(agreesWithOracle)).toBe(true);
  });
});

describe('documents the fast path must decline', () => {
  test.each([
    ['an alias, whose expansion yaml bounds', 'a: &x [1]\nb: *x\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['keys equal only as strings', '1: a\n"1": b\n'],
    ['a YAML 1.1 directive, under which yes is true', '%YAML 1.1\n---\na: yes\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a tab as indentation', 'a:\n\t- x\n'],
    ['an unknown tag', 'a: !!set {b}\n'],
    ['an empty file', ''],
    ['a null key, which js-yaml names "null" and yaml ""', 'a: 1\n: 2\n'],
    ['a tab anywhere', 'a: "x\ty"\n'],
    ['a byte-order mark, which yaml reads differently', '\ufeffa: 1\n'],
    ['a document marker after the start', 'a: 1\n...\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a tag right after a flow key', '{"a":!!str 1}\n'],
    ['a reserved indicator starting a plain scalar', 'a: [x, @y]\n'],
    ['an anchor, even without an alias', 'a: &x 1\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['a document that is not a mapping', '- a\n'],
    ['a lone CR, a line break to js-yaml only', 'a: 1 #\rb: 2\n'],
    ['a key too long for yaml', `${'k'.repeat(1100)}: v\n`],
  ])('%s', (_why, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
  });
});

const yamlStyles = fc.record({
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED', 'BLOCK_LITERAL'),
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  indent: fc.integer({ min: 1, max: 6 }),
} as const);

test('any JSON object, written by yaml in any style, reads back the same wherever the fast path reads it', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ stringUnit: 'binary' })), yamlStyles, (value, options) => {
      agreesWithOracle(stringify(value, { ...options, aliasDuplicateObjects: false }));
    }),
    { numRuns: RUNS },
  );
});

test('config-like objects, written by yaml in any style, take the fast path and read back the same', () => {
  // Text as configs hold it (names, ids, ARNs, sentences), nothing the fast path declines: no tabs, reserved
  // indicators, document markers, or leading spaces (which make yaml write an indentation indicator).
  const text = fc
    .string({ unit: fc.constantFrom(...'abcXYZ019 -_.:/*()?,#"\'$'.split('')), maxLength: 24 })
    .map((s) => s.trimStart())
    .filter((s) => !/^(?:---|\.\.\.)/.test(s));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('node'), { maxLength: 4 }),
      tie('object'),
    ),
    object: fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  }));
  fc.assert(
    fc.property(value.object as fc.Arbitrary<Record<string, unknown>>, yamlStyles, (object, options) => {
      expect(agreesWithOracle(stringify(object, { ...options, aliasDuplicateObjects: false }))).toBe(true);
    }),
    { numRuns: RUNS },
  );
});

type Edit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'indent'; readonly line: number; readonly by: number }
  | { readonly kind: 'duplicateLine'; readonly line: number };

function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'insert') return text.slice(0, edit.at % text.length) + edit.text + text.slice(edit.at % text.length);
  if (edit.kind === 'delete') return text.slice(0, edit.at % text.length) + text.slice((edit.at % text.length) + edit.length);
  const rows = text.split('\n');
  const index = edit.line % rows.length;
  const row = rows[index]!;
  if (edit.kind === 'duplicateLine') rows.splice(index, 0, row);
  else rows[index] = edit.by >= 0 ? ' '.repeat(edit.by) + row : row.replace(new RegExp(`^ {0,${-edit.by}}`), '');
  return rows.join('\n');
}

test('on mutated config text the fast path agrees with yaml wherever it gives a value, and gives one for most', () => {
  const example = exampleConfigText();
  // Characters that carry syntax in YAML, and a few that only look like they might.
  const yamlText = fc.constantFrom(...':-?[]{},#&*!|>\'"%@`\t \\0123456789.eE+xo~'.split(''), '\n', '\r', '  ', '- ', ': ');
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: yamlText }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -2, max: 2 }) }),
    fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  );
  let fastValues = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      if (agreesWithOracle(edits.reduce(applyEdit, example))) fastValues += 1;
    }),
    { numRuns: RUNS },
  );
  // Most small edits leave valid YAML: a fast path that declined them all would be useless.
  expect(fastValues).toBeGreaterThan(RUNS / 4);
});

test('on mappings of random YAML tokens the fast path agrees with yaml wherever it gives a value', () => {
  // Malformed and odd input: where parsers are most likely to part ways.
  const token = fc.constantFrom(
    ' # see `x` @y',
    ':!',
    ',@',
    ' !',
    ' @',
    ' `',
    'a',
    '1',
    'x y',
    '-1',
    '0.5',
    ' #c',
    '"s"',
    "'t'",
    '[a, b]',
    '{k: v}',
    'null',
    '~',
    'true',
    '.inf',
    ': ',
    '- ',
    '? ',
    '|',
    '>',
    '|+',
    '\n',
    '  ',
    '0x1F',
    '1e3',
    ',',
    '[',
    ']',
    '{',
    '}',
    '\u00e9',
    '"a\\nb"',
    '\\',
    '#',
    '---',
    '...',
    '*x',
    '&x ',
    '!',
    '\t',
    '\u2028',
    '\ufeff',
    '\r\n',
    '\r',
  );
  const row = fc.tuple(
    fc.constantFrom('', ' ', '  ', '    '),
    fc.constantFrom('k: ', 'a: ', '- ', '- k: ', '? ', ': ', '"q": ', 'c: |\n', 'd: >-\n'),
    fc.array(token, { maxLength: 6 }),
  );
  fc.assert(
    fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
      agreesWithOracle(`top: 1\n${rows.map(([indent, key, rest]) => indent + key + rest.join('')).join('\n')}\n`);
    }),
    { numRuns: RUNS * 10 },
  );
});

test('a lone CR cannot slip a break-glass role past what yaml (and every editor) reads', () => {
  const glass = 'arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin';
  const text = exampleConfigText().replace(`"${glass}"`, `"${glass}" # reviewed\r    - "arn:aws:iam::*:role/bedrock-gov-break-glass/Attacker"`);
  expect(text).toContain('Attacker');
  expect(parseYamlFast(text)).toBeUndefined();
  expect(parseConfig(text, 'cr.yaml').governance.breakGlassRoleArns).toEqual([glass]);
});

test('the loader returns the same config through either parser', () => {
  const text = stringify(generateOrganization(parseConfig(exampleConfigText(), 'example'), 300), { aliasDuplicateObjects: false });
  expect(parseYamlFast(text)).toBeDefined();
  // A directive line sends the same document down the yaml path.
  expect(exact(parseConfig(`%YAML 1.2\n---\n${text}`, 'slow'))).toBe(exact(parseConfig(text, 'fast')));
});
