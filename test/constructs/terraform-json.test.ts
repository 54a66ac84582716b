/**
 * The lean assembly pieces against cdktf's own: a resource's fragment against
 * TerraformResource.toTerraform for every kind of meta-argument, override and the cases
 * left to cdktf; a provider's against TerraformProvider.toTerraform; the snake-cased keys
 * against cdktf's keysToSnakeCase; the dynamic blocks moved against its processDynamicAttributes;
 * the merge of resolved fragments against cdktf's deepMerge.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformIterator, TerraformStack, Tokenization, type TerraformResource } from 'cdktf';
import fc from 'fast-check';
import { TerraformDynamicBlock } from 'cdktf/lib/terraform-dynamic-block';
import { keysToSnakeCase, processDynamicAttributes } from 'cdktf/lib/util';
import {
  deepMerge,
  mergeResolved,
  providerFragment,
  resourceFragment,
  snakeCasedKeys,
  withDynamicBlocksMoved,
} from '../../constructs/terraform-json';
import { unsynthesizedOutdir } from '../support/synth';

function stackWithProviders(): { stack: TerraformStack; aliased: AwsProvider } {
  const stack = new TerraformStack(new App({ outdir: unsynthesizedOutdir(), stackTraces: false }), 'stack');
  new AwsProvider(stack, 'default', { region: 'eu-west-1' });
  return { stack, aliased: new AwsProvider(stack, 'other', { region: 'eu-central-1', alias: 'eu-central-1' }) };
}

const resolver = new DefaultTokenResolver(new StringConcat());
const resolved = (stack: TerraformStack, value: unknown) => JSON.stringify(Tokenization.resolve(value, { scope: stack, preparing: false, resolver }));

const cases: Array<[string, (stack: TerraformStack, aliased: AwsProvider) => TerraformResource]> = [
  ['plain arguments and tags', (stack) => new S3Bucket(stack, 'plain', { bucket: 'b', tags: { Team: 'x', camelKey: 'y' } })],
  ['an aliased provider', (stack, aliased) => new S3Bucket(stack, 'aliased', { provider: aliased, bucket: 'b' })],
  [
    'depends_on and a lifecycle with ignore_changes and replace_triggered_by',
    (stack) => {
      const topic = new SnsTopic(stack, 'topic', { name: 't' });
      return new S3Bucket(stack, 'lifecycle', {
        bucket: 'b',
        dependsOn: [topic],
        lifecycle: { preventDestroy: true, ignoreChanges: ['tags'], replaceTriggeredBy: [topic] },
      });
    },
  ],
  ['a count', (stack) => new S3Bucket(stack, 'counted', { bucket: 'b', count: 2 })],
  ['a for_each', (stack) => new S3Bucket(stack, 'each', { forEach: TerraformIterator.fromList(['a', 'b']), bucket: 'b' })],
  [
    'overrides that add, replace, nest and delete',
    (stack) => {
      const bucket = new S3Bucket(stack, 'overridden', { bucket: 'b', forceDestroy: true, tags: { a: 'b' } });
      bucket.addOverride('bucket', Fn.lower('B'));
      bucket.addOverride('lifecycle.create_before_destroy', true);
      bucket.addOverride('force_destroy', undefined);
      bucket.addOverride('depends_on', ['aws_sns_topic.x']);
      return bucket;
    },
  ],
  [
    'provisioners (left to cdktf)',
    (stack) =>
      new S3Bucket(stack, 'provisioned', {
        bucket: 'b',
        provisioners: [{ type: 'local-exec', command: 'true' }],
        connection: { type: 'ssh', host: 'h' },
      }),
  ],
  [
    'an import (left to cdktf)',
    (stack) => {
      const bucket = new S3Bucket(stack, 'imported', { bucket: 'b' });
      bucket.importFrom('b');
      return bucket;
    },
  ],
  [
    'a move (left to cdktf)',
    (stack) => {
      const bucket = new S3Bucket(stack, 'moved', { bucket: 'b' });
      bucket.moveToId('aws_s3_bucket.elsewhere');
      return bucket;
    },
  ],
];

test.each(cases)("a resource's fragment with %s is what cdktf's toTerraform gives", (_name, make) => {
  const { stack, aliased } = stackWithProviders();
  const resource = make(stack, aliased);
  expect(resolved(stack, resourceFragment(resource, resource.node.path))).toBe(resolved(stack, resource.toTerraform()));
});

test.each([
  ['a region only', (stack: TerraformStack) => new AwsProvider(stack, 'plain', { region: 'eu-west-1' })],
  [
    'an alias, an assumed role, default tags and allowed accounts',
    (stack: TerraformStack) =>
      new AwsProvider(stack, 'full', {
        region: 'eu-central-1',
        alias: 'eu-central-1',
        allowedAccountIds: ['111111111111'],
        assumeRole: [{ roleArn: 'arn:aws:iam::111111111111:role/deploy', sessionName: 's' }],
        defaultTags: [{ tags: { camelKey: 'v', Team: 'x' } }],
      }),
  ],
  [
    'overrides',
    (stack: TerraformStack) => {
      const provider = new AwsProvider(stack, 'overridden', { region: 'eu-west-1' });
      provider.addOverride('skip_region_validation', true);
      provider.addOverride('assume_role.0.role_arn', 'arn:aws:iam::111111111111:role/other');
      return provider;
    },
  ],
])("a provider's fragment with %s is what cdktf's toTerraform gives", (_name, make) => {
  const stack = new TerraformStack(new App({ outdir: unsynthesizedOutdir(), stackTraces: false }), 'stack');
  const provider = make(stack);
  expect(resolved(stack, providerFragment(provider))).toBe(resolved(stack, provider.toTerraform()));
});

test("withDynamicBlocksMoved is cdktf's processDynamicAttributes on any attributes, key order and kept references included", () => {
  const token = Lazy.anyValue({ produce: () => ({ camelCase: 1 }) });
  // What a resource's generated setter stores for `iterator.dynamic(...)`.
  const dynamicBlock = TerraformDynamicBlock.fromDynamicExpression(TerraformIterator.fromList(['a', 'b']).dynamic({ name: 'n', value: 1 }) as never);
  const instance = new Date(0);
  const kept = [token, dynamicBlock, instance];
  const key = fc.oneof(fc.constantFrom('dynamic', 'name', 'tags', 'setting', '__proto__', 'constructor'), fc.string({ maxLength: 3 }));
  const member = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(...kept)),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  // Objects cdktf keeps as they are are compared by identity, as the references they are.
  const outcome = (move: (attributes: Record<string, unknown>) => unknown, attributes: Record<string, unknown>): string => {
    try {
      return JSON.stringify(move(attributes), (_key, entry: unknown) => {
        const index = kept.indexOf(entry as never);
        return index >= 0 ? `KEPT-${index}` : entry === undefined ? 'UNDEFINED' : entry;
      });
    } catch (error) {
      return (error as Error).name;
    }
  };
  fc.assert(
    fc.property(fc.dictionary(key, member, { maxKeys: 5 }), (attributes) => {
      expect(outcome(withDynamicBlocksMoved, attributes)).toBe(outcome(processDynamicAttributes, attributes));
    }),
    {
      numRuns: 3000,
      // Several blocks in one object, and an attribute named `dynamic` before them.
      examples: [
        [{ first: dynamicBlock, setting: 1, second: dynamicBlock, nested: { third: dynamicBlock } }],
        [{ dynamic: { kept: 1 }, block: dynamicBlock }],
        [{ dynamic: 0, block: dynamicBlock }],
        [{ dynamic: 'set', block: dynamicBlock }],
      ],
    },
  );
});

test("snakeCasedKeys is cdktf's keysToSnakeCase on any value, its errors included", () => {
  const token = Lazy.anyValue({ produce: () => ({ camelCase: 1 }) });
  const camelKey = fc.constantFrom(
    'tags',
    'environment',
    'camelCase',
    'snake_case',
    'HTTPServer',
    '_lead',
    'trail_',
    'a-b',
    'a.b',
    '',
    'x9Y',
    '__proto__',
  );
  const member = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(token)),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(camelKey, fc.string()), tie('node'), { maxKeys: 4 }),
    ),
  })).node;
  const outcome = (convert: (value: unknown) => unknown, value: unknown): string => {
    try {
      return JSON.stringify(convert(value), (_key, entry: unknown) => (entry === token ? 'TOKEN' : entry));
    } catch (error) {
      return (error as Error).name;
    }
  };
  fc.assert(
    fc.property(fc.oneof(member, fc.dictionary(camelKey, member, { maxKeys: 4 })), (value) => {
      expect(outcome(snakeCasedKeys, value)).toBe(outcome((input) => keysToSnakeCase(input as never), value));
    }),
    { numRuns: 3000 },
  );
});

const json = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'resource', 'aws_s3_bucket'), tie('node'), { maxKeys: 4 }),
  ),
})).node;
const tree = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'resource', 'aws_s3_bucket'), json, { maxKeys: 4 });

test("merging resolved fragments gives what cdktf's deepMerge gives", () => {
  fc.assert(
    fc.property(fc.array(tree, { maxLength: 5 }), (fragments) => {
      // The merged tree, or the error when a fragment cannot merge (an object into null).
      const outcome = (merge: (target: Record<string, unknown>, source: Record<string, unknown>) => unknown): string => {
        const target: Record<string, unknown> = {};
        try {
          for (const fragment of fragments) merge(target, structuredClone(fragment));
        } catch (error) {
          return `${(error as Error).name}`;
        }
        return JSON.stringify(target);
      };
      expect(outcome(mergeResolved)).toBe(outcome(deepMerge));
    }),
    { numRuns: 1000 },
  );
});
