/**
 * The fast resolution of a stack's JSON against cdktf's own, on every kind of value cdktf
 * treats specially: string, number, list and map tokens, tokens concatenated into strings
 * (number tokens included), Terraform expressions, escapes, nested resolvables, undefined
 * entries, and the placeholders cdktf refuses.
 */
import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import { resolveInScope } from '../../constructs/token-resolution';

const stack = new TerraformStack(Testing.app(), 'resolution');
const byCdktf = (value: unknown) =>
  Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
const outcome = (resolve: () => unknown): unknown => {
  try {
    return { value: JSON.stringify(resolve()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const lazyString = Lazy.stringValue({ produce: () => 'produced' });
const lazyNumber = Lazy.numberValue({ produce: () => 42 });
const lazyList = Lazy.listValue({ produce: () => ['a', 'b'] });
const lazyAny = Lazy.anyValue({ produce: () => ({ nested: lazyString, gone: undefined }) });
const numberList = Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] }));
const stringMap = Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) }));

const cases: Array<[string, unknown]> = [
  ['plain scalars', { s: 'bedrock-gov-e2e', n: 7, f: 0.5, b: false, nil: null, skipped: undefined }],
  ['plain nesting with undefined entries', { list: ['x', undefined, { y: [1, undefined] }], empty: {}, none: [] }],
  ['a string token', { name: lazyString }],
  ['a string token inside a longer string', { arn: `arn:aws:s3:::${lazyString}/*` }],
  ['a number token', { count: lazyNumber }],
  ['a number token concatenated into a string', { text: `limit-${lazyNumber}` }],
  ['a list token in a list', { items: lazyList }],
  ['a list token among strings', { items: ['first', ...lazyList] }],
  ['a number list token', { numbers: numberList }],
  ['a map token', { tags: stringMap }],
  ['a resolvable object with nested tokens and undefined', { value: lazyAny }],
  ['a Terraform function', { joined: Fn.join(',', ['a', lazyString]) }],
  ['an IAM policy variable, not a token', { policy: '{"Resource":"arn:aws:s3:::b/${aws:PrincipalAccount}/*"}' }],
  ['a literal that looks like a number token', { text: 'version-1e+289 and 2.5e-3' }],
  ['a token as an object key', { [`key-${lazyString}`]: 'v' }],
  ['the string map placeholder cdktf refuses', { bad: Token.STRING_MAP_TOKEN_VALUE }],
  ['the number map placeholder cdktf refuses', { bad: Token.NUMBER_MAP_TOKEN_VALUE }],
  ['a function value cdktf refuses', { bad: () => 1 }],
];

test.each(cases)('%s: the same result (or error) as cdktf', (_name, value) => {
  expect(outcome(() => resolveInScope(value, stack))).toEqual(outcome(() => byCdktf(value)));
});

test('plain values come back as copies without undefined entries, not as the input', () => {
  const input = { a: ['x', undefined], b: undefined };
  const resolved = resolveInScope(input, stack);
  expect(resolved).toEqual({ a: ['x'] });
  expect(resolved).not.toBe(input);
});
