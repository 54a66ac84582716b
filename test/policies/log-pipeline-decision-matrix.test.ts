/**
 * Decision matrix of every bucket, key and role policy of the logging pipeline, read back
 * from the synthesized log-archive stack and a two-region workload baseline stack and
 * evaluated by the IAM simulator. Buckets are simulated with S3 Block Public Access on,
 * as they are deployed, so a policy S3 would classify as public grants nothing across
 * accounts.
 */
import { loadConfig } from '../../config/load';
import type { BaselineConfig } from '../../config/schema';
import { macieServiceLinkedRoleArns, organizationTrailArn } from '../../naming/arns';
import {
  accessLogBucketName,
  centralInvocationLogBucketName,
  cloudTrailBucketName,
  localAccessLogBucketName,
  localInvocationLogBucketName,
} from '../../naming/resources';
import type { PolicyDocument } from '../../policies/document';
import { simulate, type SimRequest } from '../support/simulate';
import { policyAt, stackUnderTest } from '../support/stacks';

const example = loadConfig('config/baseline.yaml');
const READER = 'arn:aws:iam::*:role/SecurityLogReader';
const config: BaselineConfig = { ...example, logging: { ...example.logging, readerRoleArns: [READER] } };

const ORG = config.organization.id;
const OTHER_ORG = 'o-zzzzzzzzzz';
const MANAGEMENT = config.organization.managementAccountId;
const LOG_ARCHIVE = config.coreAccounts.logArchive;
const AUDIT = config.coreAccounts.audit;
const WORKLOAD = '555555555555'; // regions us-east-1 and us-west-2 in the example
const OTHER_WORKLOAD = '444444444444';
const FOREIGN = '999999999999';
const HOME = config.organization.homeRegion;
const REGION = 'us-west-2';

const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const deployer = (account: string) => role(account, config.governance.deploymentRoleName);
const admin = (account: string) => role(account, 'AccountAdmin');
const breakGlass = (account: string) => role(account, 'bedrock-gov-break-glass/BreakGlassAdmin');
const reader = (account: string) => role(account, 'SecurityLogReader');
const replicationRole = (account: string, region = REGION) => role(account, `bedrock-gov-invocation-log-replication-${region}`);
const macieRoles = macieServiceLinkedRoleArns(config);
const workloadMacie = `arn:aws:iam::${WORKLOAD}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`;

const TRAIL = organizationTrailArn(config);
const CT_BUCKET = cloudTrailBucketName(config);
const INVOCATIONS = centralInvocationLogBucketName(config);
const ACCESS_LOGS = accessLogBucketName(config);
const LANDING = localInvocationLogBucketName(WORKLOAD, REGION);
const LANDING_ACCESS_LOGS = localAccessLogBucketName(WORKLOAD, REGION);
const CENTRAL_KEY = `arn:aws:kms:${HOME}:${LOG_ARCHIVE}:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
const LANDING_KEY = `arn:aws:kms:${REGION}:${WORKLOAD}:key/9f8e7d6c-5b4a-3210-fedc-ba9876543210`;

const bucket = (name: string) => `arn:aws:s3:::${name}`;
const object = (name: string, key: string) => `arn:aws:s3:::${name}/${key}`;
const invocationLog = (account: string, region = REGION) =>
  `AWSLogs/${account}/BedrockModelInvocationLogs/${region}/2026/11/21/12/20261121T120501Z_0a1b2c3d4e5f6789.json.gz`;
const trailLog = (prefix: string) => `AWSLogs/${prefix}/CloudTrail/us-east-1/2026/11/21/${WORKLOAD}_CloudTrail_us-east-1_20261121T1205Z_abc.json.gz`;

/** Where the workload accounts sit (a governed OU), and an OU of the organization the config does not govern. */
const GOVERNED_PATH = `${ORG}/r-ab12/ou-ab12-prod0001/`;
const UNGOVERNED_PATH = `${ORG}/r-ab12/ou-ab12-sandbox1/`;

/** Request context of an IAM principal of the organization over TLS, in a governed OU (or elsewhere, or of another organization). */
const member = (extra: Record<string, string> = {}, orgId = ORG, orgPath = orgId === ORG ? GOVERNED_PATH : `${orgId}/r-zz99/`) => ({
  'aws:PrincipalOrgID': orgId,
  'aws:PrincipalOrgPaths': [orgPath],
  'aws:PrincipalIsAWSService': 'false',
  'aws:SecureTransport': 'true',
  ...extra,
});
/** Request context of an AWS service principal over TLS. */
const service = (extra: Record<string, string>) => ({ 'aws:PrincipalIsAWSService': 'true', 'aws:SecureTransport': 'true', ...extra });
const viaS3 = (region: string, encryptedObjectOf: string) => ({
  'kms:ViaService': `s3.${region}.amazonaws.com`,
  'kms:EncryptionContext:aws:s3:arn': bucket(encryptedObjectOf),
});
const bedrockFrom = (account: string, region: string) => ({
  'aws:SourceAccount': account,
  'aws:SourceArn': `arn:aws:bedrock:${region}:${account}:foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`,
});

// The deployed documents.
const logArchive = stackUnderTest(config, 'log-archive');
const baseline = stackUnderTest(config, `baseline-${WORKLOAD}`);
const regional = `baseline-${WORKLOAD}/invocation-logging-${REGION}`;
const POLICIES = {
  'cloudtrail bucket': policyAt(logArchive, 'log-archive/cloudtrail-bucket/policy'),
  'invocation-log bucket': policyAt(logArchive, 'log-archive/invocation-log-bucket/policy'),
  'access-log bucket': policyAt(logArchive, 'log-archive/access-log-bucket/policy'),
  'cloudtrail key': policyAt(logArchive, 'log-archive/cloudtrail-key/key'),
  'invocation-log key': policyAt(logArchive, 'log-archive/invocation-log-key/key'),
  'landing bucket': policyAt(baseline, `${regional}/landing-bucket/policy`),
  'landing access-log bucket': policyAt(baseline, `${regional}/access-log-bucket/policy`),
  'landing key': policyAt(baseline, `${regional}/key/key`),
  'replication role trust': policyAt(baseline, `${regional}/replication-role/role`, 'assume_role_policy'),
} as const;
const REPLICATION_PERMISSIONS = policyAt(baseline, `${regional}/replication-role/permissions`);

type Target = keyof typeof POLICIES;
const OWNER: Record<Target, string> = {
  'cloudtrail bucket': LOG_ARCHIVE,
  'invocation-log bucket': LOG_ARCHIVE,
  'access-log bucket': LOG_ARCHIVE,
  'cloudtrail key': LOG_ARCHIVE,
  'invocation-log key': LOG_ARCHIVE,
  'landing bucket': WORKLOAD,
  'landing access-log bucket': WORKLOAD,
  'landing key': WORKLOAD,
  'replication role trust': WORKLOAD,
};

interface Case {
  readonly name: string;
  readonly on: Target;
  readonly request: SimRequest;
  /** The caller's identity policies; default: allow everything, so the resource policy alone decides. */
  readonly identity?: readonly PolicyDocument[];
  readonly expected: 'Allowed' | 'Denied';
}

const CASES: Case[] = [
  // CloudTrail bucket
  {
    name: 'the organization trail delivers a member account log',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(`${ORG}/${WORKLOAD}`)),
      context: service({ 'aws:SourceArn': TRAIL, 'aws:SourceAccount': MANAGEMENT, 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    expected: 'Allowed',
  },
  {
    name: "the organization trail delivers the management account's log",
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: service({ 'aws:SourceArn': TRAIL, 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    expected: 'Allowed',
  },
  {
    name: 'a trail of another account delivers',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(`${ORG}/${WORKLOAD}`)),
      context: service({ 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${FOREIGN}:trail/exfil`, 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    expected: 'Denied',
  },
  {
    name: 'another trail of the management account delivers',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: service({ 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/shadow`, 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    expected: 'Denied',
  },
  {
    name: 'the trail delivers without the bucket-owner-full-control ACL',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: service({ 'aws:SourceArn': TRAIL }),
    },
    expected: 'Denied',
  },
  {
    name: 'the trail delivers outside its two prefixes',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(FOREIGN)),
      context: service({ 'aws:SourceArn': TRAIL, 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    expected: 'Denied',
  },
  {
    name: 'the trail checks the bucket ACL',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:GetBucketAcl',
      resource: bucket(CT_BUCKET),
      context: service({ 'aws:SourceArn': TRAIL }),
    },
    expected: 'Allowed',
  },
  {
    name: 'another trail checks the bucket ACL',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:GetBucketAcl',
      resource: bucket(CT_BUCKET),
      context: service({ 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${FOREIGN}:trail/exfil` }),
    },
    expected: 'Denied',
  },
  {
    name: 'the trail delivers over plain HTTP',
    on: 'cloudtrail bucket',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: { ...service({ 'aws:SourceArn': TRAIL, 's3:x-amz-acl': 'bucket-owner-full-control' }), 'aws:SecureTransport': 'false' },
    },
    expected: 'Denied',
  },
  {
    name: 'a log reader of the organization reads a trail log',
    on: 'cloudtrail bucket',
    request: { principal: reader(AUDIT), action: 's3:GetObject', resource: object(CT_BUCKET, trailLog(MANAGEMENT)), context: member() },
    expected: 'Allowed',
  },
  {
    name: 'a log reader reads over plain HTTP',
    on: 'cloudtrail bucket',
    request: {
      principal: reader(AUDIT),
      action: 's3:GetObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: member({ 'aws:SecureTransport': 'false' }),
    },
    expected: 'Denied',
  },
  {
    name: 'a reader-named role outside the organization reads a trail log',
    on: 'cloudtrail bucket',
    request: {
      principal: reader(FOREIGN),
      action: 's3:GetObject',
      resource: object(CT_BUCKET, trailLog(MANAGEMENT)),
      context: member({}, OTHER_ORG),
    },
    expected: 'Denied',
  },
  forgedReaderCase('cloudtrail bucket', 'reads a trail log', 's3:GetObject', object(CT_BUCKET, trailLog(MANAGEMENT))),
  {
    name: 'a workload role of the organization reads a trail log',
    on: 'cloudtrail bucket',
    request: { principal: admin(WORKLOAD), action: 's3:GetObject', resource: object(CT_BUCKET, trailLog(MANAGEMENT)), context: member() },
    expected: 'Denied',
  },
  ...logStoreTamperCases('cloudtrail bucket', CT_BUCKET, trailLog(MANAGEMENT), LOG_ARCHIVE),

  // Central invocation-log bucket
  {
    name: "a workload's replication role writes a replica under its own account",
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, invocationLog(WORKLOAD)),
      context: member(),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role hands the replica to the log-archive account',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:ObjectOwnerOverrideToBucketOwner',
      resource: object(INVOCATIONS, invocationLog(WORKLOAD)),
      context: member(),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role checks the destination versioning',
    on: 'invocation-log bucket',
    request: { principal: replicationRole(WORKLOAD), action: 's3:GetBucketVersioning', resource: bucket(INVOCATIONS), context: member() },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: "a replication role writes under another account's prefix",
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, invocationLog(OTHER_WORKLOAD)),
      context: member(),
    },
    expected: 'Denied',
  },
  {
    name: 'a replication role writes outside the invocation-log prefix of its account',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, `AWSLogs/${WORKLOAD}/planted.json.gz`),
      context: member(),
    },
    expected: 'Denied',
  },
  {
    name: 'another role of a workload account replicates into its own prefix',
    on: 'invocation-log bucket',
    request: { principal: admin(WORKLOAD), action: 's3:ReplicateObject', resource: object(INVOCATIONS, invocationLog(WORKLOAD)), context: member() },
    expected: 'Denied',
  },
  {
    name: 'a replication-named role outside the organization replicates',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(FOREIGN),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, invocationLog(FOREIGN)),
      context: member({}, OTHER_ORG),
    },
    expected: 'Denied',
  },
  {
    name: 'a replication-named role of an account outside the governed OUs replicates into its own prefix',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(FOREIGN),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, invocationLog(FOREIGN)),
      context: member({}, ORG, UNGOVERNED_PATH),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Denied',
  },
  {
    name: 'replication over plain HTTP',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:ReplicateObject',
      resource: object(INVOCATIONS, invocationLog(WORKLOAD)),
      context: member({ 'aws:SecureTransport': 'false' }),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Denied',
  },
  {
    name: 'the replication role deletes a replica version',
    on: 'invocation-log bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:DeleteObjectVersion',
      resource: object(INVOCATIONS, invocationLog(WORKLOAD)),
      context: member(),
    },
    expected: 'Denied',
  },
  ...macieRoles.flatMap((role): Case[] => [
    {
      name: `Macie's service-linked role ${role} reads an invocation log`,
      on: 'invocation-log bucket',
      request: { principal: role, action: 's3:GetObject', resource: object(INVOCATIONS, invocationLog(WORKLOAD)), context: member() },
      expected: 'Allowed',
    },
    {
      name: `Macie's service-linked role ${role} lists the bucket`,
      on: 'invocation-log bucket',
      request: { principal: role, action: 's3:ListBucket', resource: bucket(INVOCATIONS), context: member() },
      expected: 'Allowed',
    },
  ]),
  {
    name: "Macie's role of a workload account reads an invocation log",
    on: 'invocation-log bucket',
    request: { principal: workloadMacie, action: 's3:GetObject', resource: object(INVOCATIONS, invocationLog(WORKLOAD)), context: member() },
    expected: 'Denied',
  },
  {
    name: 'a log reader reads an invocation log',
    on: 'invocation-log bucket',
    request: { principal: reader(AUDIT), action: 's3:GetObject', resource: object(INVOCATIONS, invocationLog(WORKLOAD)), context: member() },
    expected: 'Allowed',
  },
  forgedReaderCase('invocation-log bucket', 'reads an invocation log', 's3:GetObject', object(INVOCATIONS, invocationLog(WORKLOAD))),
  ...logStoreTamperCases('invocation-log bucket', INVOCATIONS, invocationLog(WORKLOAD), LOG_ARCHIVE),

  // Central access-log bucket
  {
    name: "S3 delivers the CloudTrail bucket's access logs",
    on: 'access-log bucket',
    request: {
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: object(ACCESS_LOGS, `${CT_BUCKET}/${LOG_ARCHIVE}/us-east-1/${CT_BUCKET}/2026/11/21/log`),
      context: service({ 'aws:SourceArn': bucket(CT_BUCKET), 'aws:SourceAccount': LOG_ARCHIVE }),
    },
    expected: 'Allowed',
  },
  {
    name: 'S3 delivers access logs of a bucket of another account',
    on: 'access-log bucket',
    request: {
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: object(ACCESS_LOGS, `${CT_BUCKET}/planted`),
      context: service({ 'aws:SourceArn': bucket('someone-elses-bucket'), 'aws:SourceAccount': FOREIGN }),
    },
    expected: 'Denied',
  },
  ...logStoreTamperCases('access-log bucket', ACCESS_LOGS, `${CT_BUCKET}/${LOG_ARCHIVE}/us-east-1/${CT_BUCKET}/2026/11/21/log`, LOG_ARCHIVE),

  // CloudTrail key
  {
    name: 'the organization trail generates a data key',
    on: 'cloudtrail key',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: CENTRAL_KEY,
      context: service({ 'aws:SourceArn': TRAIL, 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL }),
    },
    expected: 'Allowed',
  },
  {
    name: 'a trail of another account generates a data key',
    on: 'cloudtrail key',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: CENTRAL_KEY,
      context: service({
        'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${FOREIGN}:trail/exfil`,
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:us-east-1:${FOREIGN}:trail/exfil`,
      }),
    },
    expected: 'Denied',
  },
  {
    name: 'the organization trail describes the key',
    on: 'cloudtrail key',
    request: {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:DescribeKey',
      resource: CENTRAL_KEY,
      context: service({ 'aws:SourceArn': TRAIL }),
    },
    expected: 'Allowed',
  },
  {
    name: "the management account's deployment role resolves the key",
    on: 'cloudtrail key',
    request: { principal: deployer(MANAGEMENT), action: 'kms:DescribeKey', resource: CENTRAL_KEY, context: member() },
    expected: 'Allowed',
  },
  {
    name: 'another role of the management account describes the key',
    on: 'cloudtrail key',
    request: { principal: admin(MANAGEMENT), action: 'kms:DescribeKey', resource: CENTRAL_KEY, context: member() },
    expected: 'Denied',
  },
  {
    name: 'a log reader decrypts a trail log',
    on: 'cloudtrail key',
    request: {
      principal: reader(AUDIT),
      action: 'kms:Decrypt',
      resource: CENTRAL_KEY,
      context: member({ 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL }),
    },
    expected: 'Allowed',
  },
  ...keyTamperCases('cloudtrail key', CENTRAL_KEY, LOG_ARCHIVE),

  // Central invocation-log key
  {
    name: 'the replication role encrypts a replica through S3',
    on: 'invocation-log key',
    request: { principal: replicationRole(WORKLOAD), action: 'kms:Encrypt', resource: CENTRAL_KEY, context: member(viaS3(HOME, INVOCATIONS)) },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role generates a bucket key through S3',
    on: 'invocation-log key',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 'kms:GenerateDataKey',
      resource: CENTRAL_KEY,
      context: member(viaS3(HOME, INVOCATIONS)),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role encrypts for another bucket',
    on: 'invocation-log key',
    request: { principal: replicationRole(WORKLOAD), action: 'kms:Encrypt', resource: CENTRAL_KEY, context: member(viaS3(HOME, 'exfil-bucket')) },
    expected: 'Denied',
  },
  {
    name: 'the replication role encrypts outside S3',
    on: 'invocation-log key',
    request: { principal: replicationRole(WORKLOAD), action: 'kms:Encrypt', resource: CENTRAL_KEY, context: member() },
    expected: 'Denied',
  },
  {
    name: 'a replication-named role of an account outside the governed OUs encrypts',
    on: 'invocation-log key',
    request: {
      principal: replicationRole(FOREIGN),
      action: 'kms:Encrypt',
      resource: CENTRAL_KEY,
      context: member(viaS3(HOME, INVOCATIONS), ORG, UNGOVERNED_PATH),
    },
    expected: 'Denied',
  },
  {
    name: 'a replication-named role outside the organization encrypts',
    on: 'invocation-log key',
    request: {
      principal: replicationRole(FOREIGN),
      action: 'kms:Encrypt',
      resource: CENTRAL_KEY,
      context: member(viaS3(HOME, INVOCATIONS), OTHER_ORG),
    },
    expected: 'Denied',
  },
  ...macieRoles.flatMap((role): Case[] => [
    {
      name: `Macie's service-linked role ${role} decrypts an invocation log`,
      on: 'invocation-log key',
      request: { principal: role, action: 'kms:Decrypt', resource: CENTRAL_KEY, context: member(viaS3(HOME, INVOCATIONS)) },
      expected: 'Allowed',
    },
    {
      name: `Macie's service-linked role ${role} decrypts outside S3`,
      on: 'invocation-log key',
      request: { principal: role, action: 'kms:Decrypt', resource: CENTRAL_KEY, context: member() },
      expected: 'Denied',
    },
  ]),
  {
    name: "Macie's role of a workload account decrypts",
    on: 'invocation-log key',
    request: { principal: workloadMacie, action: 'kms:Decrypt', resource: CENTRAL_KEY, context: member(viaS3(HOME, INVOCATIONS)) },
    expected: 'Denied',
  },
  {
    name: 'a log reader decrypts an invocation log',
    on: 'invocation-log key',
    request: { principal: reader(AUDIT), action: 'kms:Decrypt', resource: CENTRAL_KEY, context: member(viaS3(HOME, INVOCATIONS)) },
    expected: 'Allowed',
  },
  forgedReaderCase('invocation-log key', 'decrypts an invocation log', 'kms:Decrypt', CENTRAL_KEY, viaS3(HOME, INVOCATIONS)),
  ...keyTamperCases('invocation-log key', CENTRAL_KEY, LOG_ARCHIVE),

  // Landing bucket of a workload account (us-west-2)
  {
    name: 'Bedrock of the account and region delivers a log',
    on: 'landing bucket',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING, invocationLog(WORKLOAD)),
      context: service(bedrockFrom(WORKLOAD, REGION)),
    },
    expected: 'Allowed',
  },
  {
    name: 'Bedrock delivers for another account',
    on: 'landing bucket',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING, invocationLog(WORKLOAD)),
      context: service(bedrockFrom(OTHER_WORKLOAD, REGION)),
    },
    expected: 'Denied',
  },
  {
    name: 'Bedrock of another region delivers',
    on: 'landing bucket',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING, invocationLog(WORKLOAD)),
      context: service(bedrockFrom(WORKLOAD, HOME)),
    },
    expected: 'Denied',
  },
  {
    name: 'Bedrock writes outside the invocation-log prefix',
    on: 'landing bucket',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING, 'planted/x.json.gz'),
      context: service(bedrockFrom(WORKLOAD, REGION)),
    },
    expected: 'Denied',
  },
  {
    name: 'Bedrock delivers over plain HTTP',
    on: 'landing bucket',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING, invocationLog(WORKLOAD)),
      context: { ...service(bedrockFrom(WORKLOAD, REGION)), 'aws:SecureTransport': 'false' },
    },
    expected: 'Denied',
  },
  {
    name: 'the replication role reads a log version to replicate',
    on: 'landing bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:GetObjectVersionForReplication',
      resource: object(LANDING, invocationLog(WORKLOAD)),
      context: member(),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role reads outside the invocation-log prefix',
    on: 'landing bucket',
    request: {
      principal: replicationRole(WORKLOAD),
      action: 's3:GetObjectVersionForReplication',
      resource: object(LANDING, 'other/data.csv'),
      context: member(),
    },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Denied',
  },
  ...logStoreTamperCases('landing bucket', LANDING, invocationLog(WORKLOAD), WORKLOAD),
  {
    name: 'a workload admin turns replication off',
    on: 'landing bucket',
    request: { principal: admin(WORKLOAD), action: 's3:PutReplicationConfiguration', resource: bucket(LANDING), context: member() },
    expected: 'Denied',
  },
  {
    name: 'the deployment role updates replication',
    on: 'landing bucket',
    request: { principal: deployer(WORKLOAD), action: 's3:PutReplicationConfiguration', resource: bucket(LANDING), context: member() },
    expected: 'Allowed',
  },
  {
    name: "S3 delivers the landing bucket's access logs",
    on: 'landing access-log bucket',
    request: {
      principal: 'logging.s3.amazonaws.com',
      action: 's3:PutObject',
      resource: object(LANDING_ACCESS_LOGS, `${LANDING}/log`),
      context: service({ 'aws:SourceArn': bucket(LANDING), 'aws:SourceAccount': WORKLOAD }),
    },
    expected: 'Allowed',
  },
  ...logStoreTamperCases('landing access-log bucket', LANDING_ACCESS_LOGS, `${LANDING}/log`, WORKLOAD),

  // Landing key
  {
    name: 'Bedrock of the account and region generates a data key',
    on: 'landing key',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: LANDING_KEY,
      context: service(bedrockFrom(WORKLOAD, REGION)),
    },
    expected: 'Allowed',
  },
  {
    name: 'Bedrock generates a data key for another account',
    on: 'landing key',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: LANDING_KEY,
      context: service(bedrockFrom(OTHER_WORKLOAD, REGION)),
    },
    expected: 'Denied',
  },
  {
    name: 'Bedrock of another region generates a data key',
    on: 'landing key',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: LANDING_KEY,
      context: service(bedrockFrom(WORKLOAD, HOME)),
    },
    expected: 'Denied',
  },
  {
    name: 'the replication role decrypts a landed log through S3',
    on: 'landing key',
    request: { principal: replicationRole(WORKLOAD), action: 'kms:Decrypt', resource: LANDING_KEY, context: member(viaS3(REGION, LANDING)) },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Allowed',
  },
  {
    name: 'the replication role decrypts objects of another bucket',
    on: 'landing key',
    request: { principal: replicationRole(WORKLOAD), action: 'kms:Decrypt', resource: LANDING_KEY, context: member(viaS3(REGION, 'team-data')) },
    identity: [REPLICATION_PERMISSIONS],
    expected: 'Denied',
  },
  {
    name: "the other region's replication role decrypts",
    on: 'landing key',
    request: { principal: replicationRole(WORKLOAD, HOME), action: 'kms:Decrypt', resource: LANDING_KEY, context: member(viaS3(REGION, LANDING)) },
    expected: 'Denied',
  },
  ...keyTamperCases('landing key', LANDING_KEY, WORKLOAD),

  // Replication role trust
  {
    name: 'S3 assumes the replication role for the landing bucket',
    on: 'replication role trust',
    request: {
      principal: 's3.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: replicationRole(WORKLOAD),
      context: service({ 'aws:SourceArn': bucket(LANDING), 'aws:SourceAccount': WORKLOAD }),
    },
    expected: 'Allowed',
  },
  {
    name: 'S3 assumes the replication role for another bucket',
    on: 'replication role trust',
    request: {
      principal: 's3.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: replicationRole(WORKLOAD),
      context: service({ 'aws:SourceArn': bucket('team-data'), 'aws:SourceAccount': WORKLOAD }),
    },
    expected: 'Denied',
  },
  {
    name: 'Bedrock assumes the replication role',
    on: 'replication role trust',
    request: {
      principal: 'bedrock.amazonaws.com',
      action: 'sts:AssumeRole',
      resource: replicationRole(WORKLOAD),
      context: service(bedrockFrom(WORKLOAD, REGION)),
    },
    expected: 'Denied',
  },
];

/**
 * An admin of an organization account outside the governed OUs creates a role named like the
 * log reader and, with it, `doing`: the reader grants name the role in any account, so only
 * their OU condition stops this.
 */
function forgedReaderCase(on: Target, doing: string, action: string, resource: string, extra: Record<string, string> = {}): Case {
  return {
    name: `an admin outside the governed OUs names a role like the log reader and ${doing}`,
    on,
    request: { principal: reader(FOREIGN), action, resource, context: member(extra, ORG, UNGOVERNED_PATH) },
    expected: 'Denied',
  };
}

/** What no workload of the bucket's account may do to a log bucket, and what its administrators may. */
function logStoreTamperCases(on: Target, bucketName: string, key: string, account: string): Case[] {
  const objectArn = object(bucketName, key);
  const denied = (name: string, principal: string, action: string, resource: string): Case => ({
    name,
    on,
    request: { principal, action, resource, context: member() },
    expected: 'Denied',
  });
  return [
    denied('a workload admin deletes a log version', admin(account), 's3:DeleteObjectVersion', objectArn),
    denied('a workload admin hides a log behind a delete marker', admin(account), 's3:DeleteObject', objectArn),
    denied('a workload admin overwrites a log', admin(account), 's3:PutObject', objectArn),
    denied('a workload admin replaces the bucket policy', admin(account), 's3:PutBucketPolicy', bucket(bucketName)),
    denied('a workload admin deletes the bucket policy', admin(account), 's3:DeleteBucketPolicy', bucket(bucketName)),
    denied('a workload admin shortens the lifecycle', admin(account), 's3:PutLifecycleConfiguration', bucket(bucketName)),
    denied('a workload admin suspends versioning', admin(account), 's3:PutBucketVersioning', bucket(bucketName)),
    denied('a workload admin deletes the bucket', admin(account), 's3:DeleteBucket', bucket(bucketName)),
    {
      name: 'the deployment role replaces the bucket policy over plain HTTP',
      on,
      request: {
        principal: deployer(account),
        action: 's3:PutBucketPolicy',
        resource: bucket(bucketName),
        context: member({ 'aws:SecureTransport': 'false' }),
      },
      expected: 'Denied',
    },
    {
      ...denied('a principal outside the organization reads a log', role(FOREIGN, 'Attacker'), 's3:GetObject', objectArn),
      request: { principal: role(FOREIGN, 'Attacker'), action: 's3:GetObject', resource: objectArn, context: member({}, OTHER_ORG) },
    },
    {
      name: 'the deployment role replaces the bucket policy',
      on,
      request: { principal: deployer(account), action: 's3:PutBucketPolicy', resource: bucket(bucketName), context: member() },
      expected: 'Allowed',
    },
    {
      name: 'break-glass changes the lifecycle',
      on,
      request: { principal: breakGlass(account), action: 's3:PutLifecycleConfiguration', resource: bucket(bucketName), context: member() },
      expected: 'Allowed',
    },
  ];
}

/** Nobody but the key's administrators changes it; only break-glass can make it unusable. */
function keyTamperCases(on: Target, keyArn: string, account: string): Case[] {
  const request = (principal: string, action: string): SimRequest => ({ principal, action, resource: keyArn, context: member() });
  return [
    { name: 'a workload admin decrypts with the key', on, request: request(admin(account), 'kms:Decrypt'), expected: 'Denied' },
    { name: 'a workload admin replaces the key policy', on, request: request(admin(account), 'kms:PutKeyPolicy'), expected: 'Denied' },
    { name: 'the deployment role updates the key policy', on, request: request(deployer(account), 'kms:PutKeyPolicy'), expected: 'Allowed' },
    {
      name: 'the deployment role schedules the key for deletion',
      on,
      request: request(deployer(account), 'kms:ScheduleKeyDeletion'),
      expected: 'Denied',
    },
    { name: 'the deployment role disables the key', on, request: request(deployer(account), 'kms:DisableKey'), expected: 'Denied' },
    { name: 'break-glass schedules the key for deletion', on, request: request(breakGlass(account), 'kms:ScheduleKeyDeletion'), expected: 'Allowed' },
  ];
}

test.each(CASES.map((c) => [c.on, c.name, c] as const))('%s: %s', async (_on, _name, c) => {
  const decision = await simulate(
    { identityPolicies: c.identity, resourcePolicy: POLICIES[c.on], s3BlockPublicAccess: c.on.endsWith('bucket') },
    { ...c.request, resourceAccount: OWNER[c.on] },
  );
  expect(decision === 'Allowed' ? 'Allowed' : 'Denied').toBe(c.expected);
});

test('every named case is unique', () => {
  const names = CASES.map((c) => `${c.on}: ${c.name}`);
  expect(new Set(names).size).toBe(names.length);
});
