/**
 * Invocation logging in a workload baseline stack: one configuration per region of the
 * account, every delivery flag set on purpose, a landing bucket Bedrock may write into,
 * and replication into exactly the bucket and key the log-archive stack creates.
 */
import { Testing } from 'cdktf';
import { loadConfig } from '../../config/load';
import type { BaselineConfig, WorkloadAccount } from '../../config/schema';
import { AccountBaselineStack } from '../../stacks/account-baseline';
import { LogArchiveStack } from '../../stacks/log-archive';
import { simulate } from '../support/simulate';
import { policyAttribute, resourcesOfType, synthStack, type SynthesizedStack } from '../support/synth';

const example = loadConfig('config/baseline.yaml');
const ACCOUNT = example.workloadAccounts.find((a) => a.id === '555555555555')!; // us-east-1 and us-west-2
const withLogging = (logging: Partial<BaselineConfig['logging']>): BaselineConfig => ({ ...example, logging: { ...example.logging, ...logging } });
const baselineOf = (config: BaselineConfig, account: WorkloadAccount = ACCOUNT) =>
  synthStack(new AccountBaselineStack(Testing.app(), config, account));
const archive = synthStack(new LogArchiveStack(Testing.app(), example));

type Resource = Record<string, unknown>;
const all = (stack: SynthesizedStack, type: string) => Object.entries(resourcesOfType(stack, type));
/** Resources of the invocation-logging constructs only (the stack holds the guardrail baseline too). */
const ofLogging = (stack: SynthesizedStack, type: string) => all(stack, type).filter(([id]) => id.startsWith('invocation-logging-'));
/** Region of a resource from its provider alias (the default provider is the account's first region). */
const regionOf = (resource: Resource, account: WorkloadAccount = ACCOUNT) =>
  resource.provider === 'aws' ? account.regions[0] : String(resource.provider).replace(/^aws\./, '');
const bucketRefOf = (stack: SynthesizedStack, name: string) =>
  `\${aws_s3_bucket.${all(stack, 'aws_s3_bucket').find(([, b]) => b.bucket === name)![0]}.id}`;
const forBucket = (stack: SynthesizedStack, type: string, name: string) =>
  all(stack, type)
    .filter(([, r]) => r.bucket === bucketRefOf(stack, name))
    .map(([, r]) => r);

const stack = baselineOf(example);
const configurations = all(stack, 'aws_bedrock_model_invocation_logging_configuration').map(([, r]) => r);
type LoggingConfig = { s3_config: Array<{ bucket_name: string }>; cloudwatch_config?: Array<Record<string, unknown>> } & Record<string, unknown>;
const loggingConfigOf = (configuration: Resource) => (configuration.logging_config as LoggingConfig[])[0]!;

test('one logging configuration in each region of the account', () => {
  expect(configurations.map((c) => regionOf(c)).sort()).toEqual([...ACCOUNT.regions].sort());
  for (const account of example.workloadAccounts) {
    const regions = all(baselineOf(example, account), 'aws_bedrock_model_invocation_logging_configuration').map(([, c]) => regionOf(c, account));
    expect(regions.sort()).toEqual([...account.regions].sort());
  }
});

test('text is logged and every other delivery flag is set explicitly from the config', () => {
  const flags = ['embedding_data_delivery_enabled', 'image_data_delivery_enabled', 'text_data_delivery_enabled', 'video_data_delivery_enabled'];
  for (const configuration of configurations) {
    expect(Object.fromEntries(flags.map((flag) => [flag, loggingConfigOf(configuration)[flag]]))).toEqual({
      embedding_data_delivery_enabled: false,
      image_data_delivery_enabled: false,
      text_data_delivery_enabled: true,
      video_data_delivery_enabled: false,
    });
  }
  const imagesAndVideo = baselineOf(
    withLogging({ invocationLogging: { imageDataDelivery: true, embeddingDataDelivery: false, videoDataDelivery: true } }),
  );
  for (const [, configuration] of all(imagesAndVideo, 'aws_bedrock_model_invocation_logging_configuration')) {
    expect(loggingConfigOf(configuration)).toMatchObject({
      image_data_delivery_enabled: true,
      embedding_data_delivery_enabled: false,
      video_data_delivery_enabled: true,
      text_data_delivery_enabled: true,
    });
  }
});

describe.each(ACCOUNT.regions)('in %s', (region) => {
  const landing = `baseline-${ACCOUNT.id}-${region}`;
  const configuration = configurations.find((c) => regionOf(c) === region)!;
  const replication = forBucket(stack, 'aws_s3_bucket_replication_configuration', landing);

  test('Bedrock logs into the landing bucket baseline-<account>-<region>, after its policy is in place', () => {
    expect(loggingConfigOf(configuration).s3_config).toEqual([{ bucket_name: bucketRefOf(stack, landing) }]);
    const policyId = all(stack, 'aws_s3_bucket_policy').find(([, p]) => p.bucket === bucketRefOf(stack, landing))![0];
    expect(configuration.depends_on).toContain(`aws_s3_bucket_policy.${policyId}`);
  });

  test('the landing bucket keeps logs for the configured days, without Object Lock', () => {
    const bucket = all(stack, 'aws_s3_bucket').find(([, b]) => b.bucket === landing)![1];
    expect(bucket.object_lock_enabled).toBeUndefined();
    const rules = forBucket(stack, 'aws_s3_bucket_lifecycle_configuration', landing)[0]!.rule as Resource[];
    expect(rules.flatMap((rule) => (rule.expiration as Array<{ days?: number }>) ?? []).filter((e) => e.days !== undefined)).toEqual([{ days: 7 }]);
  });

  test('Bedrock may write exactly what replication carries to the archive', async () => {
    expect(replication).toHaveLength(1);
    const [rule] = replication[0]!.rule as Array<{ filter: { prefix: string } }>;
    const policy = policyAttribute(forBucket(stack, 'aws_s3_bucket_policy', landing)[0]!, 'policy');
    const write = (key: string) =>
      simulate(
        { resourcePolicy: policy },
        {
          principal: 'bedrock.amazonaws.com',
          action: 's3:PutObject',
          resource: `arn:aws:s3:::${landing}/${key}`,
          resourceAccount: ACCOUNT.id,
          context: {
            'aws:SourceAccount': ACCOUNT.id,
            'aws:SourceArn': `arn:aws:bedrock:${region}:${ACCOUNT.id}:foundation-model/x`,
            'aws:SecureTransport': 'true',
            'aws:PrincipalIsAWSService': 'true',
          },
        },
      );
    expect(await write(`${rule!.filter.prefix}${region}/2026/11/21/12/log.json.gz`)).toBe('Allowed');
    expect(await write(`elsewhere/${rule!.filter.prefix}log.json.gz`)).not.toBe('Allowed');
  });

  test("replication writes into the log-archive stack's invocation bucket, under its key, owned by the log-archive account", () => {
    const [rule] = replication[0]!.rule as Array<Record<string, unknown>>;
    const archiveBuckets = all(archive, 'aws_s3_bucket').map(([, b]) => `arn:aws:s3:::${String(b.bucket)}`);
    const destination = rule!.destination as {
      bucket: string;
      account: string;
      access_control_translation: unknown;
      encryption_configuration: { replica_kms_key_id: string };
    };
    expect(archiveBuckets).toContain(destination.bucket);
    expect(destination.bucket).toContain('invocation-logs');
    expect(destination.account).toBe(example.coreAccounts.logArchive);
    expect(destination.access_control_translation).toEqual({ owner: 'Destination' });
    // The replica key is the alias of the key that encrypts that destination bucket.
    const archiveBucketName = destination.bucket.replace('arn:aws:s3:::', '');
    const bucketKey = (
      forBucket(archive, 'aws_s3_bucket_server_side_encryption_configuration', archiveBucketName)[0]!.rule as Array<{
        apply_server_side_encryption_by_default: { kms_master_key_id: string };
      }>
    )[0]!.apply_server_side_encryption_by_default.kms_master_key_id;
    const alias = all(archive, 'aws_kms_alias').find(
      ([, a]) =>
        destination.encryption_configuration.replica_kms_key_id === `arn:aws:kms:us-east-1:${example.coreAccounts.logArchive}:${String(a.name)}`,
    );
    expect(alias).toBeDefined();
    expect(String(alias![1].target_key_id).replace(/\.key_id\}$/, '.arn}')).toBe(bucketKey);
    expect(rule).toMatchObject({
      status: 'Enabled',
      delete_marker_replication: { status: 'Disabled' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
    });
  });

  test('Terraform never destroys the roles and keys that keep logs flowing', () => {
    for (const type of ['aws_iam_role', 'aws_iam_role_policy', 'aws_kms_key', 'aws_kms_alias', 'aws_s3_bucket_replication_configuration']) {
      for (const [, resource] of ofLogging(stack, type)) expect(resource.lifecycle).toEqual({ prevent_destroy: true });
    }
  });

  test('the replication role is one the central bucket policy accepts', () => {
    const roleRef = String(replication[0]!.role);
    const role = all(stack, 'aws_iam_role').find(([id]) => roleRef === `\${aws_iam_role.${id}.arn}`)![1];
    const centralPolicy = policyAttribute(
      forBucket(archive, 'aws_s3_bucket_policy', 'bedrock-gov-invocation-logs-222222222222-us-east-1')[0]!,
      'policy',
    );
    const pattern = centralPolicy.Statement.find((s) => s.Sid === 'AllowReplicationIntoOwnAccountPrefix')!.Condition!.ArnLike![
      'aws:PrincipalArn'
    ] as string;
    const roleArn = `arn:aws:iam::${ACCOUNT.id}:role/${String(role.name)}`;
    expect(new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(roleArn)).toBe(true);
  });

  test('no CloudWatch delivery unless configured', () => {
    expect(loggingConfigOf(configuration).cloudwatch_config).toBeUndefined();
    expect(all(stack, 'aws_cloudwatch_log_group')).toHaveLength(0);
  });
});

describe('with CloudWatch delivery on', () => {
  const cloudWatch = baselineOf(withLogging({ cloudWatch: { enabled: true, retentionDays: 90 } }));
  const groups = all(cloudWatch, 'aws_cloudwatch_log_group').map(([, g]) => g);

  test('a KMS-encrypted log group per region that a destroy keeps', () => {
    expect(groups.map((g) => regionOf(g)).sort()).toEqual([...ACCOUNT.regions].sort());
    for (const group of groups) {
      expect(group).toMatchObject({
        name: '/bedrock-gov/model-invocations',
        retention_in_days: 90,
        skip_destroy: true,
        lifecycle: { prevent_destroy: true },
      });
      const keyId = /^\$\{aws_kms_key\.([^.]+)\.arn\}$/.exec(String(group.kms_key_id))![1]!;
      expect(regionOf(resourcesOfType(cloudWatch, 'aws_kms_key')[keyId]!)).toBe(regionOf(group));
    }
  });

  test('Bedrock delivers with its own role, only once the role may write', () => {
    for (const [, configuration] of all(cloudWatch, 'aws_bedrock_model_invocation_logging_configuration')) {
      const [delivery] = loggingConfigOf(configuration).cloudwatch_config!;
      const roleId = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(String(delivery!.role_arn))![1]!;
      const role = resourcesOfType(cloudWatch, 'aws_iam_role')[roleId]!;
      expect(policyAttribute(role, 'assume_role_policy').Statement[0]!.Principal).toEqual({ Service: 'bedrock.amazonaws.com' });
      const permissionsId = all(cloudWatch, 'aws_iam_role_policy').find(([, p]) => p.role === `\${aws_iam_role.${roleId}.name}`)![0];
      expect(configuration.depends_on).toContain(`aws_iam_role_policy.${permissionsId}`);
    }
  });

  test('CloudWatch Logs of the region may use the landing key for that log group only', async () => {
    for (const [, key] of ofLogging(cloudWatch, 'aws_kms_key')) {
      const region = regionOf(key);
      const encrypt = (logGroup: string) =>
        simulate(
          { resourcePolicy: policyAttribute(key, 'policy') },
          {
            principal: `logs.${region}.amazonaws.com`,
            action: 'kms:GenerateDataKey',
            resource: `arn:aws:kms:${region}:${ACCOUNT.id}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
            resourceAccount: ACCOUNT.id,
            context: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${ACCOUNT.id}:log-group:${logGroup}` },
          },
        );
      expect(await encrypt('/bedrock-gov/model-invocations')).toBe('Allowed');
      expect(await encrypt('/aws/lambda/some-function')).not.toBe('Allowed');
    }
  });
});
