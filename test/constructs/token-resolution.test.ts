/**
 * The fast resolution of a stack's JSON against cdktf's own, on every kind of value cdktf
 * treats specially: string, number, list and map tokens, tokens concatenated into strings
 * (number tokens included), Terraform expressions, escapes, nested resolvables, undefined
 * entries, and the placeholders cdktf refuses.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DefaultTokenResolver, Fn, Lazy, ref, StringConcat, TerraformStack, Testing, Token, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { resolveInScope } from '../../constructs/token-resolution';
import { asCdktfWrites } from '../support/cdktf-writer';

const app = Testing.app();
const stack = new TerraformStack(app, 'resolution');
const byCdktfIn = (scope: IConstruct, value: unknown) =>
  Tokenization.resolve(value, { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
const byCdktf = (value: unknown) => byCdktfIn(stack, value);
const outcome = (resolve: () => unknown): unknown => {
  try {
    // As written: the order of keys in memory is not compared, the stack is written sorted.
    return { value: asCdktfWrites(resolve()) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const lazyString = Lazy.stringValue({ produce: () => 'produced' });
function lazyStringRef(): string {
  return lazyString;
}
const lazyNumber = Lazy.numberValue({ produce: () => 42 });
const lazyList = Lazy.listValue({ produce: () => ['a', 'b'] });
const lazyAny = Lazy.anyValue({ produce: () => ({ nested: lazyString, gone: undefined }) });
const numberList = Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] }));
const stringMap = Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) }));

new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const bucket = new S3Bucket(stack, 'bucket', { bucket: 'b' });
const other = new S3Bucket(stack, 'other', { bucket: 'o' });
/** What a resource's `dependsOn` holds for each resource it depends on. */
const dependencies = new S3Bucket(stack, 'dependent', { bucket: 'd', dependsOn: [bucket, other] }).dependsOn!;

const cases: Array<[string, unknown]> = [
  ['a reference to a resource attribute', { arn: bucket.arn }],
  ['references inside a longer string and a policy', { arn: `${bucket.arn}/*`, policy: `{"Resource":["${bucket.arn}/*","${other.arn}"]}` }],
  ['a reference beside an IAM policy variable (an escape)', { policy: `{"Resource":"${bucket.arn}/\${aws:PrincipalAccount}/*"}` }],
  ['a reference after an escape that closes', { text: `a}b${bucket.id}c}` }],
  ['a reference beside a literal that looks like a number token', { text: `${bucket.id}-1e+289` }],
  ['a reference whose expression holds a token', { text: `x-${Token.asString(ref(`aws_s3_bucket.${lazyStringRef()}.arn`))}` }],
  ['references in a list, beside plain entries', { list: ['plain', bucket.arn, `${other.arn}/*`, undefined] }],
  ['a reference beside a list token in a list', { list: [bucket.arn, ...Token.asList(Lazy.anyValue({ produce: () => ['x'] }))] }],
  ['a reference beside a number token in a string', { text: `${bucket.id}-${Lazy.numberValue({ produce: () => 3 })}` }],
  ['a construct as a token (not a reference)', { depends: [Token.asString(bucket)] }],
  ['dependencies on resources, as depends_on holds them', { depends: dependencies }],
  ['a dependency inside a longer string', { text: `x-${dependencies[0]}` }],
  [
    'a plain number written in a string, and a number token',
    { text: `vpc-0a1b2c3d4e5f60718 ${bucket.id} ${Lazy.numberValue({ produce: () => 5 })}` },
  ],
  ['a reference as an object key', { [`${bucket.id}`]: 'v' }],
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

test('a reference from another stack resolves, after the preparing pass, as cdktf resolves it', () => {
  const crossApp = Testing.app();
  const origin = new TerraformStack(crossApp, 'origin');
  new AwsProvider(origin, 'aws', { region: 'eu-west-1' });
  const target = new TerraformStack(crossApp, 'target');
  new AwsProvider(target, 'aws', { region: 'eu-west-1' });
  const source = new S3Bucket(origin, 'source', { bucket: 's' });
  // Each read of an attribute is a new reference; the preparing pass marks the one it meets.
  const copyName = `${source.bucket}-copy`;
  new S3Bucket(target, 'copy', { bucket: copyName });
  for (const each of [origin, target]) each.prepareStack();
  const value = { bucket: copyName };
  expect(outcome(() => resolveInScope(value, target))).toEqual(outcome(() => byCdktfIn(target, value)));
  expect(JSON.stringify(resolveInScope(value, target))).not.toContain('aws_s3_bucket.source');
});
