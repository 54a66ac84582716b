/**
 * The baseline's hardening list for S3 buckets, checked on synthesized Terraform JSON, so
 * it applies to every bucket of every stack whoever built it. A bucket that receives
 * server access logs is held to what S3 allows such a bucket (SSE-S3, no Object Lock,
 * not logged itself); a bucket that replicates out has no Object Lock (its replicas
 * would inherit the short local retention). Those exceptions follow from the Terraform
 * itself, not from names.
 */
import { MACIE_READABLE_STORAGE_CLASSES } from '../../constructs/hardened-bucket';
import { simulate } from './simulate';
import { policyAttribute, resourcesOfType, type SynthesizedStack } from './synth';

type Resource = Record<string, unknown>;

const preventsDestroy = (resource: Resource) => (resource.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy === true;
const first = <T>(value: unknown): T | undefined => (Array.isArray(value) ? (value[0] as T) : (value as T | undefined));

function settingsOf(stack: SynthesizedStack, type: string, bucketRef: string): Resource[] {
  return Object.values(resourcesOfType(stack, type)).filter((resource) => resource.bucket === bucketRef);
}

function keyOf(stack: SynthesizedStack, keyRef: unknown): Resource | undefined {
  const id = /^\$\{aws_kms_key\.([^.}]+)\.arn\}$/.exec(String(keyRef))?.[1];
  return id === undefined ? undefined : resourcesOfType(stack, 'aws_kms_key')[id];
}

/** Does the bucket policy let the CloudTrail service deliver objects? */
function isCloudTrailDestination(policy: Resource | undefined): boolean {
  if (!policy) return false;
  return policyAttribute(policy, 'policy').Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      typeof s.Principal === 'object' &&
      s.Principal.Service === 'cloudtrail.amazonaws.com' &&
      [s.Action].flat().includes('s3:PutObject'),
  );
}

/** Every way one bucket misses the hardening list; empty when it meets it. */
async function problemsOfBucket(stack: SynthesizedStack, id: string, bucket: Resource): Promise<string[]> {
  const ref = `\${aws_s3_bucket.${id}.id}`;
  const name = String(bucket.bucket);
  const problems: string[] = [];
  const one = (type: string): Resource | undefined => {
    const found = settingsOf(stack, type, ref);
    if (found.length !== 1) problems.push(`${found.length} ${type}`);
    else if (!preventsDestroy(found[0]!)) problems.push(`${type} without prevent_destroy`);
    return found[0];
  };
  const isAccessLogTarget = Object.values(resourcesOfType(stack, 'aws_s3_bucket_logging')).some((logging) => logging.target_bucket === ref);
  const isReplicationSource = settingsOf(stack, 'aws_s3_bucket_replication_configuration', ref).length > 0;

  if (bucket.force_destroy === true) problems.push('force_destroy');
  if (!preventsDestroy(bucket)) problems.push('bucket without prevent_destroy');

  if (first<{ status?: string }>(one('aws_s3_bucket_versioning')?.versioning_configuration)?.status !== 'Enabled')
    problems.push('versioning not Enabled');

  const publicAccess = one('aws_s3_bucket_public_access_block');
  for (const setting of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
    if (publicAccess && publicAccess[setting] !== true) problems.push(`${setting} not true`);
  }

  if (first<{ object_ownership?: string }>(one('aws_s3_bucket_ownership_controls')?.rule)?.object_ownership !== 'BucketOwnerEnforced')
    problems.push('ACLs not disabled');

  const policy = one('aws_s3_bucket_policy');
  const encryption = first<{ apply_server_side_encryption_by_default?: unknown; bucket_key_enabled?: boolean }>(
    one('aws_s3_bucket_server_side_encryption_configuration')?.rule,
  );
  const byDefault = first<{ sse_algorithm?: string; kms_master_key_id?: string }>(encryption?.apply_server_side_encryption_by_default);
  if (isAccessLogTarget) {
    if (byDefault?.sse_algorithm !== 'AES256') problems.push('access-log target not SSE-S3 (the only default encryption S3 log delivery supports)');
  } else if (byDefault?.sse_algorithm !== 'aws:kms') {
    problems.push('not SSE-KMS');
  } else {
    const key = keyOf(stack, byDefault.kms_master_key_id);
    if (!key) problems.push('SSE-KMS key is not a customer managed key of this stack');
    else if (key.enable_key_rotation !== true || key.deletion_window_in_days !== 30 || !preventsDestroy(key))
      problems.push('key not rotated, 30-day window, prevent_destroy');
    // Only the CloudTrail destination keeps per-object keys (see stacks/log-archive.ts).
    if (encryption?.bucket_key_enabled !== true && !isCloudTrailDestination(policy)) problems.push('S3 Bucket Key off');
  }

  if (isAccessLogTarget) {
    if (settingsOf(stack, 'aws_s3_bucket_logging', ref).length > 0) problems.push('access-log target logs its own access');
  } else {
    const logging = one('aws_s3_bucket_logging');
    const target = Object.entries(resourcesOfType(stack, 'aws_s3_bucket')).find(
      ([targetId]) => logging?.target_bucket === `\${aws_s3_bucket.${targetId}.id}`,
    );
    if (logging && !target) problems.push('access logs go to no bucket of this stack');
  }

  const rules = (one('aws_s3_bucket_lifecycle_configuration')?.rule ?? []) as Resource[];
  if (!rules.some((rule) => rule.status === 'Enabled' && rule.abort_incomplete_multipart_upload !== undefined))
    problems.push('no abort-incomplete-upload rule');
  if (!rules.some((rule) => rule.status === 'Enabled' && rule.noncurrent_version_expiration !== undefined))
    problems.push('no noncurrent-version rule');
  for (const rule of rules) {
    for (const transition of (rule.transition ?? []) as Resource[]) {
      if (!(MACIE_READABLE_STORAGE_CLASSES as readonly unknown[]).includes(transition.storage_class))
        problems.push(`transition to ${String(transition.storage_class)}, which Macie cannot read`);
    }
  }

  if (isAccessLogTarget || isReplicationSource) {
    if (bucket.object_lock_enabled === true)
      problems.push(isAccessLogTarget ? 'Object Lock on an access-log target (S3 refuses delivery)' : 'Object Lock on a replication source');
  } else {
    const retention = first<{ default_retention?: unknown }>(one('aws_s3_bucket_object_lock_configuration')?.rule);
    const defaults = first<{ mode?: string; days?: number }>(retention?.default_retention);
    if (bucket.object_lock_enabled !== true || defaults?.mode !== 'COMPLIANCE' || !(Number(defaults?.days) > 0))
      problems.push('no COMPLIANCE-mode Object Lock');
  }

  if (policy) {
    // TLS only: even the deployment role of the bucket's account is refused over plain HTTP.
    const decision = await simulate(
      { resourcePolicy: policyAttribute(policy, 'policy') },
      {
        principal: 'arn:aws:iam::000000000000:role/GovernanceBaselineDeployer',
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${name}/any`,
        resourceAccount: '000000000000',
        context: { 'aws:SecureTransport': 'false' },
      },
    );
    if (decision !== 'ExplicitlyDenied') problems.push('requests without TLS not denied');
  }
  return problems.map((problem) => `${name}: ${problem}`);
}

/** Every way any bucket of the stack misses the hardening list. */
export async function bucketHardeningProblems(stack: SynthesizedStack): Promise<string[]> {
  const problems: string[] = [];
  for (const [id, bucket] of Object.entries(resourcesOfType(stack, 'aws_s3_bucket'))) problems.push(...(await problemsOfBucket(stack, id, bucket)));
  return problems;
}
