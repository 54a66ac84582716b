/**
 * stableJson against the library cdktf writes stacks with (`json-stable-stringify`, two
 * spaces): generated values that take the engine's fast path and values that need the
 * library's own rules, byte for byte. The library is also stableJson's fallback, so the
 * fast path is checked on its own too: on stack-shaped JSON it must not fall back.
 */
import fc from 'fast-check';
import { stableJson } from '../../toolchain/stable-json';
import { asCdktfWrites as byCdktf } from '../support/cdktf-writer';
const noFallback = (): string => {
  throw new Error('the fast path fell back to the library');
};

const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', '4294967295', 'a', 'B', '_', 'é', '\u{1F600}', '"', '\\'));
const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
);
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    tie('node').map((inner) => ({ toJSON: () => inner })),
    fc.date({ noInvalidDate: true }),
  ),
})).node;

/** Plain JSON with no empty container, no integer-like key and no `__proto__` member: the shape of a stack, which takes the fast path. */
const stackLike = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
    fc.dictionary(
      key.filter((k) => k !== '__proto__' && !/^(?:0|[1-9]\d*)$/.test(k)),
      tie('node'),
      { minKeys: 1, maxKeys: 5 },
    ),
  ),
})).node;

test('any value, containers and toJSON included, is written as json-stable-stringify writes it', () => {
  fc.assert(
    fc.property(value, (generated) => {
      expect(stableJson(generated, byCdktf)).toBe(byCdktf(generated));
    }),
    { numRuns: 2000 },
  );
});

test('stack-shaped JSON is written by the engine as json-stable-stringify writes it', () => {
  fc.assert(
    fc.property(stackLike, (generated) => {
      expect(stableJson(generated, noFallback)).toBe(byCdktf(generated));
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['an empty array', { a: [] }],
  ['an empty object', { a: {} }],
  ['an object whose members are all undefined', { a: { b: undefined, c: () => 1 } }],
  ['integer-like keys, which the engine would order numerically', { 10: 'a', 9: 'b', x: 'c' }],
  ['an undefined array entry', { a: [undefined, 1] }],
  ['a toJSON', { a: new Date(0) }],
  ['unicode and escapes in keys and strings', { 'é\n': 'a"b\\c\u0001', '\u{1F600}': '\ud800' }],
  ['a member named __proto__', JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown],
])('%s is written as json-stable-stringify writes it', (_name, example) => {
  expect(stableJson(example, byCdktf)).toBe(byCdktf(example));
});

test('a circular object is refused with the same error', () => {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = { back: circular };
  expect(() => stableJson(circular, byCdktf)).toThrow(new TypeError('Converting circular structure to JSON'));
  expect(() => byCdktf(circular)).toThrow(new TypeError('Converting circular structure to JSON'));
});
