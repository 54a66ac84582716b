/**
 * The break-glass roles the baseline creates (with `governance.breakGlassTrust`): on the
 * reserved path, with AdministratorAccess, assumable only by the named roles and, unless the
 * config says otherwise, only with MFA.
 */
import type { BaselineConfig } from '../../config/schema';
import { accountRootArn, parseRoleArn } from '../../naming/arns';
import { policyDocument, type PolicyDocument } from '../document';
import { allOf } from '../principals';

type BreakGlassTrust = NonNullable<BaselineConfig['governance']['breakGlassTrust']>;

/** The AWS managed policy break-glass roles carry: an emergency cannot wait for a missing permission. */
export const BREAK_GLASS_MANAGED_POLICY = 'AdministratorAccess';

/** Longest session of a break-glass role, in seconds: every hour of use is a new, alarmed assumption. */
export const BREAK_GLASS_SESSION_SECONDS = 3600;

export function breakGlassTrustPolicy(trust: BreakGlassTrust): PolicyDocument {
  const accounts = [...new Set(trust.principalArns.map((arn) => parseRoleArn(arn)!.accountId))].sort();
  return policyDocument([
    {
      Sid: 'AssumeByBreakGlassIdentities',
      Effect: 'Allow',
      // Matched by condition: a role the trust policy names must exist when IAM accepts it, and a
      // re-created role of the same name would otherwise silently lose (or regain) the trust.
      Principal: { AWS: accounts.map(accountRootArn) },
      Action: 'sts:AssumeRole',
      Condition: allOf(
        { ArnEquals: { 'aws:PrincipalArn': [...trust.principalArns] } },
        trust.requireMfa ? { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } : {},
      ),
    },
  ]);
}
