/**
 * Key policy of the key that encrypts the organization trail's CloudWatch log group in
 * the management account: administered like every baseline key, used by CloudWatch Logs
 * for that one log group. Readers of the log group need no grant: CloudWatch Logs
 * decrypts for them.
 */
import type { BaselineConfig } from '../../config/schema';
import { organizationTrailLogGroupArn } from '../../naming/arns';
import { policyDocument, type PolicyDocument } from '../document';
import { cloudWatchLogGroupEncryptionStatement } from './cloudwatch-log-group-encryption';
import { keyAdministrationStatements } from './key-administration';

export function organizationTrailLogGroupKeyPolicy(config: BaselineConfig): PolicyDocument {
  const { managementAccountId, homeRegion } = config.organization;
  return policyDocument([
    ...keyAdministrationStatements({ accountId: managementAccountId, ...config.governance }),
    cloudWatchLogGroupEncryptionStatement('AllowCloudWatchLogsToEncryptTrailLogGroup', homeRegion, organizationTrailLogGroupArn(config)),
  ]);
}
