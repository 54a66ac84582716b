/** Stack `log-archive`: where it deploys, its keys and buckets, and how the config shapes them. */
import { Testing } from 'cdktf';
import { stackCatalog } from '../../app';
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { LOG_ARCHIVE_STACK } from '../../naming/stacks';
import { LogArchiveStack } from '../../stacks/log-archive';
import { resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const example = loadConfig('config/baseline.yaml');
const withLogging = (logging: Partial<BaselineConfig['logging']>): BaselineConfig => ({ ...example, logging: { ...example.logging, ...logging } });
const synth = (config: BaselineConfig) => synthStack(new LogArchiveStack(Testing.app(), config));

const CLOUDTRAIL_BUCKET = 'bedrock-gov-cloudtrail-222222222222-us-east-1';
const INVOCATION_BUCKET = 'bedrock-gov-invocation-logs-222222222222-us-east-1';
const ACCESS_LOG_BUCKET = 'bedrock-gov-access-logs-222222222222-us-east-1';

/** The settings resource of `type` attached to the bucket named `name`. */
function settingOf(stack: SynthesizedStack, type: string, name: string): Record<string, unknown> {
  const [id] = Object.entries(resourcesOfType(stack, 'aws_s3_bucket')).find(([, bucket]) => bucket.bucket === name)!;
  const found = Object.values(resourcesOfType(stack, type)).filter((resource) => resource.bucket === `\${aws_s3_bucket.${id}.id}`);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const stack = synth(example);

test('the catalog deploys it as `log-archive`', () => {
  expect([...stackCatalog(example).keys()]).toContain(LOG_ARCHIVE_STACK);
  expect(LOG_ARCHIVE_STACK).toBe('log-archive');
});

test('it runs in the log-archive account and home region, as the deployment role, with its own state', () => {
  expect(stack.json.provider?.aws).toEqual([
    expect.objectContaining({
      region: 'us-east-1',
      allowed_account_ids: ['222222222222'],
      assume_role: [expect.objectContaining({ role_arn: 'arn:aws:iam::222222222222:role/GovernanceBaselineDeployer' })],
    }),
  ]);
  expect(JSON.stringify(stack.json.terraform)).toContain('bedrock-governance/log-archive.tfstate');
});

test('three buckets: CloudTrail logs, invocation logs, access logs', () => {
  const names = Object.values(resourcesOfType(stack, 'aws_s3_bucket')).map((bucket) => bucket.bucket);
  expect(names.sort()).toEqual([ACCESS_LOG_BUCKET, CLOUDTRAIL_BUCKET, INVOCATION_BUCKET]);
});

test('two customer managed keys, rotated, 30-day deletion window, never destroyed, with aliases', () => {
  const keys = Object.values(resourcesOfType(stack, 'aws_kms_key'));
  expect(keys).toHaveLength(2);
  for (const key of keys) expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  for (const alias of Object.values(resourcesOfType(stack, 'aws_kms_alias'))) expect(alias.lifecycle).toEqual({ prevent_destroy: true });
  const aliases = Object.values(resourcesOfType(stack, 'aws_kms_alias')).map((alias) => alias.name);
  expect(aliases.sort()).toEqual(['alias/bedrock-gov/cloudtrail', 'alias/bedrock-gov/invocation-logs']);
});

test('each log bucket is encrypted with its own key, found by alias', () => {
  const keyOf = (name: string) =>
    (
      settingOf(stack, 'aws_s3_bucket_server_side_encryption_configuration', name).rule as Array<{
        apply_server_side_encryption_by_default: { kms_master_key_id: string };
      }>
    )[0]!.apply_server_side_encryption_by_default.kms_master_key_id;
  const keyWithAlias = (alias: string) => {
    const target = String(Object.values(resourcesOfType(stack, 'aws_kms_alias')).find((a) => a.name === alias)!.target_key_id);
    return target.replace(/\.key_id\}$/, '.arn}');
  };
  expect(keyOf(CLOUDTRAIL_BUCKET)).toBe(keyWithAlias('alias/bedrock-gov/cloudtrail'));
  expect(keyOf(INVOCATION_BUCKET)).toBe(keyWithAlias('alias/bedrock-gov/invocation-logs'));
});

test('the log buckets lock every object in COMPLIANCE mode for the configured retention', () => {
  for (const [retention, config] of [
    [365, example],
    [2555, withLogging({ objectLockRetentionDays: 2555 })],
  ] as const) {
    const archive = config === example ? stack : synth(config);
    for (const name of [CLOUDTRAIL_BUCKET, INVOCATION_BUCKET]) {
      expect(settingOf(archive, 'aws_s3_bucket_object_lock_configuration', name).rule).toEqual({
        default_retention: { mode: 'COMPLIANCE', days: retention },
      });
    }
  }
});

test('logs move to Standard-IA and Glacier Instant Retrieval on the configured days and never expire unless configured', () => {
  const rules = (archive: SynthesizedStack, name: string) =>
    settingOf(archive, 'aws_s3_bucket_lifecycle_configuration', name).rule as Array<Record<string, unknown>>;
  for (const name of [CLOUDTRAIL_BUCKET, INVOCATION_BUCKET, ACCESS_LOG_BUCKET]) {
    expect(rules(stack, name).flatMap((rule) => (rule.transition as unknown[]) ?? [])).toEqual([
      { days: 30, storage_class: 'STANDARD_IA' },
      { days: 90, storage_class: 'GLACIER_IR' },
    ]);
    expect(
      rules(stack, name)
        .flatMap((rule) => (rule.expiration as Array<{ days?: number }>) ?? [])
        .filter((e) => e.days !== undefined),
    ).toEqual([]);
  }
  const expiring = synth(withLogging({ centralExpirationDays: 400, infrequentAccessAfterDays: 60, glacierInstantRetrievalAfterDays: 120 }));
  for (const name of [CLOUDTRAIL_BUCKET, INVOCATION_BUCKET]) {
    expect(
      rules(expiring, name)
        .flatMap((rule) => (rule.expiration as Array<{ days?: number }>) ?? [])
        .filter((e) => e.days !== undefined),
    ).toEqual([{ days: 400 }]);
    expect(rules(expiring, name).flatMap((rule) => (rule.transition as unknown[]) ?? [])).toEqual([
      { days: 60, storage_class: 'STANDARD_IA' },
      { days: 120, storage_class: 'GLACIER_IR' },
    ]);
  }
});

test('both log buckets log their access into the access-log bucket', () => {
  const [accessLogId] = Object.entries(resourcesOfType(stack, 'aws_s3_bucket')).find(([, bucket]) => bucket.bucket === ACCESS_LOG_BUCKET)!;
  for (const name of [CLOUDTRAIL_BUCKET, INVOCATION_BUCKET]) {
    expect(settingOf(stack, 'aws_s3_bucket_logging', name)).toMatchObject({
      target_bucket: `\${aws_s3_bucket.${accessLogId}.id}`,
      target_prefix: `${name}/`,
    });
  }
});

test('reader statements exist only when readers are configured', () => {
  const sids = (archive: SynthesizedStack) =>
    JSON.stringify(resourcesOfType(archive, 'aws_s3_bucket_policy')) + JSON.stringify(resourcesOfType(archive, 'aws_kms_key'));
  expect(sids(stack)).not.toContain('AllowLogReaders');
  expect(sids(synth(withLogging({ readerRoleArns: ['arn:aws:iam::*:role/SecurityLogReader'] })))).toContain('AllowLogReaders');
});
