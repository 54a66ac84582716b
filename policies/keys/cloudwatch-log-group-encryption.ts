/**
 * The key policy statement that lets CloudWatch Logs encrypt one KMS-encrypted log
 * group. CloudWatch Logs puts the log group ARN into the encryption context of every
 * call, so the condition ties the grant to that group: the service cannot use the key
 * for any other group of the account, nor for another account's.
 */
import { cloudWatchLogsPrincipal } from '../../naming/service-principals';
import type { PolicyStatement } from '../document';

export function cloudWatchLogGroupEncryptionStatement(sid: string, region: string, logGroupArn: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: { Service: cloudWatchLogsPrincipal(region) },
    Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
    Resource: '*',
    Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
  };
}
