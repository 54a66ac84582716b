/**
 * Statements every log bucket of the baseline carries, whatever it stores: TLS only,
 * the organization's identity perimeter, no deletion or reconfiguration except by the
 * administrators of the bucket's account, and no object written by a person or workload
 * (only AWS services deliver logs; replicas arrive through s3:ReplicateObject).
 */
import { s3BucketArn } from '../../naming/arns';
import { denyEveryone, denyWithoutTls, type PolicyStatement } from '../document';
import { unlessPrincipalIn, type LogReaderGrant } from '../principals';

export interface LogBucketGuardProps {
  /** Name of the bucket the policy is attached to. */
  readonly bucketName: string;
  /** Organization whose principals may reach the bucket at all. */
  readonly organizationId: string;
  /** Principal ARN patterns exempt from the tamper denies: the account's deployment role and break-glass. */
  readonly administrators: readonly string[];
}

/** Removing or rewriting a log, or changing how long it is kept. */
export const LOG_OBJECT_DELETION_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectLegalHold', 's3:PutObjectRetention'] as const;

/** Every bucket setting the hardening depends on. */
export const LOG_BUCKET_RECONFIGURATION_ACTIONS = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketLogging',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketOwnershipControls',
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
] as const;

/** The objects of a bucket under `prefix`, as a resource pattern. */
export function objectsOf(bucketName: string, prefix = ''): string {
  return `${s3BucketArn(bucketName)}/${prefix}*`;
}

export function logBucketGuardStatements(props: LogBucketGuardProps): PolicyStatement[] {
  const bucket = s3BucketArn(props.bucketName);
  const objects = objectsOf(props.bucketName);
  const exceptAdministrators = unlessPrincipalIn(props.administrators);
  return [
    denyWithoutTls('DenyInsecureTransport', 's3:*', [bucket, objects]),
    denyEveryone('DenyPrincipalsOutsideOrganization', 's3:*', [bucket, objects], {
      // Service principals (log delivery) carry no organization; their own statements scope them.
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': props.organizationId },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    }),
    denyEveryone('DenyLogDeletion', [...LOG_OBJECT_DELETION_ACTIONS], objects, exceptAdministrators),
    denyEveryone('DenyBucketReconfiguration', [...LOG_BUCKET_RECONFIGURATION_ACTIONS], bucket, exceptAdministrators),
    // Logs are delivered by AWS services only: no person or workload writes (or overwrites) one.
    denyEveryone('DenyDirectObjectWrites', 's3:PutObject', objects, { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }),
  ];
}

/** Read access for the organization's log readers (SIEM, Athena, investigators); none without readers. */
export function logReaderStatements(bucketName: string, grants: readonly LogReaderGrant[]): PolicyStatement[] {
  return grants.flatMap(({ sidSuffix, condition }) => [
    {
      Sid: `AllowLogReadersToListBucket${sidSuffix}`,
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetBucketLocation', 's3:ListBucket'],
      Resource: s3BucketArn(bucketName),
      Condition: condition,
    },
    {
      Sid: `AllowLogReadersToReadObjects${sidSuffix}`,
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: objectsOf(bucketName),
      Condition: condition,
    },
  ]);
}
