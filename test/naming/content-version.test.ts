/**
 * Canonical JSON: the same value whatever the order of its keys, read back as JSON reads
 * the value, keys in code-unit order after the ones a caller puts first.
 */
import fc from 'fast-check';
import { canonicalJson } from '../../naming/content-version';

/** `value` with the keys of every object in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reversedKeys((value as Record<string, unknown>)[key])]),
  );
}

test('any JSON value reads back as itself and serializes alike whatever its key order', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      expect(canonicalJson(reversedKeys(value))).toBe(text);
    }),
    { numRuns: 1000 },
  );
});

test('keys come in code-unit order, after the keys given first; undefined members and entries go as JSON.stringify writes them', () => {
  const value = { b: 1, a: { z: [undefined, 2], y: undefined }, é: 3, B: 4, name: 'n' };
  expect(canonicalJson(value)).toBe('{"B":4,"a":{"z":[null,2]},"b":1,"name":"n","é":3}');
  expect(canonicalJson(value, ['name', 'b'])).toBe('{"name":"n","b":1,"B":4,"a":{"z":[null,2]},"é":3}');
});
