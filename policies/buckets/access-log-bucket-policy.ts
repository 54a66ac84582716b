/**
 * Server access log delivery into an access-log bucket. S3 writes access logs only into
 * a bucket of the same account and region, as the logging service principal.
 */
import { s3BucketArn } from '../../naming/arns';
import { SERVICE_PRINCIPALS } from '../../naming/service-principals';
import type { PolicyStatement } from '../document';
import { objectsOf } from './log-bucket-guards';

/** Prefix under which a source bucket's access logs land in the access-log bucket. */
export function accessLogPrefix(sourceBucketName: string): string {
  return `${sourceBucketName}/`;
}

export function accessLogDeliveryStatement(bucketName: string, accountId: string, sourceBucketNames: readonly string[]): PolicyStatement {
  const sources = [...sourceBucketNames].sort();
  return {
    Sid: 'AllowServerAccessLogDelivery',
    Effect: 'Allow',
    Principal: { Service: SERVICE_PRINCIPALS.s3ServerAccessLogging },
    Action: 's3:PutObject',
    Resource: sources.map((source) => objectsOf(bucketName, accessLogPrefix(source))),
    Condition: { ArnLike: { 'aws:SourceArn': sources.map(s3BucketArn) }, StringEquals: { 'aws:SourceAccount': accountId } },
  };
}
