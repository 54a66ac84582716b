/**
 * Every aws_s3_bucket of every synthesized stack meets the hardening list; the check
 * itself catches a bucket built without the construct and a log store without a lock.
 */
import { TransitionStorageClass } from '@aws-sdk/client-s3';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformStack, Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { HardenedBucket, MACIE_READABLE_STORAGE_CLASSES } from '../../constructs/hardened-bucket';
import { policyDocument } from '../../policies/document';
import { bucketHardeningProblems } from '../support/bucket-hardening';
import { resourcesOfType, synthAllStacks, synthStack } from '../support/synth';

const example = loadConfig('config/baseline.yaml');
const cloudWatchOn: BaselineConfig = { ...example, logging: { ...example.logging, cloudWatch: { enabled: true, retentionDays: 30 } } };

const stacks = [
  ['example', example],
  ['CloudWatch delivery on', cloudWatchOn],
].flatMap(([variant, config]) => [...synthAllStacks(config as BaselineConfig)].map(([name, synth]) => [`${variant}: ${name}`, synth] as const));

test('the stacks hold the buckets of the data flow', () => {
  const bucketCount = stacks.reduce((sum, [, synth]) => sum + Object.keys(resourcesOfType(synth, 'aws_s3_bucket')).length, 0);
  // Per config: 3 central buckets, 2 per workload region (2 regions for each of the 4 accounts).
  expect(bucketCount).toBe(2 * (3 + 2 * 8));
});

test.each(stacks)('%s: every bucket meets the hardening list', async (_name, synth) => {
  expect(await bucketHardeningProblems(synth)).toEqual([]);
});

test('Macie-readable lifecycle classes are S3 transition storage classes', () => {
  for (const storageClass of MACIE_READABLE_STORAGE_CLASSES) expect(Object.values(TransitionStorageClass)).toContain(storageClass);
});

describe('the check fails', () => {
  function stackWith(build: (stack: TerraformStack) => void) {
    const stack = new TerraformStack(Testing.app(), 'probe');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    build(stack);
    return synthStack(stack);
  }

  test('for a bucket built without the construct', async () => {
    const problems = await bucketHardeningProblems(
      stackWith((stack) => new S3Bucket(stack, 'plain', { bucket: 'plain-bucket', forceDestroy: true })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'plain-bucket: force_destroy',
        'plain-bucket: bucket without prevent_destroy',
        'plain-bucket: versioning not Enabled',
        'plain-bucket: ACLs not disabled',
        'plain-bucket: not SSE-KMS',
        'plain-bucket: no COMPLIANCE-mode Object Lock',
      ]),
    );
  });

  test('for a log store without Object Lock that does not replicate', async () => {
    const problems = await bucketHardeningProblems(
      stackWith((stack) => {
        const lifecycle = { transitions: [], noncurrentVersionExpireAfterDays: 1 };
        const policy = policyDocument([]);
        const accessLogs = new HardenedBucket(stack, 'access-logs', {
          bucketName: 'probe-access-logs',
          role: { kind: 'access-log-target' },
          policy,
          lifecycle,
        });
        new HardenedBucket(stack, 'logs', {
          bucketName: 'probe-logs',
          role: { kind: 'log-store', encryptionKeyArn: 'arn:aws:kms:us-east-1:000000000000:key/x', accessLogTarget: accessLogs },
          policy,
          lifecycle,
        });
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'probe-logs: no COMPLIANCE-mode Object Lock',
        'probe-logs: SSE-KMS key is not a customer managed key of this stack',
        'probe-logs: requests without TLS not denied',
        'probe-access-logs: requests without TLS not denied',
      ]),
    );
  });
});
