/** The naming module's derived names stay consistent with the names they derive from. */
import { s3BucketArn } from '../../naming/arns';
import { localAccessLogBucketName, localInvocationLogBucketName } from '../../naming/resources';
import { accountBaselineStackName, accountIdOfStack, ORG_GOVERNANCE_STACK } from '../../naming/stacks';
import { INVOCATION_LOG_BUCKETS } from '../../policies/scp/deny-bedrock-governance-tampering';

test('an account baseline stack name gives back its account, and no other stack name gives one', () => {
  expect(accountIdOfStack(accountBaselineStackName('444444444444'))).toBe('444444444444');
  expect(accountIdOfStack(ORG_GOVERNANCE_STACK)).toBeUndefined();
  expect(accountIdOfStack('baseline-4444')).toBeUndefined();
});

test("the tamper SCP's bucket pattern covers both invocation-log buckets of the caller's account in any region", () => {
  const pattern = new RegExp(
    `^${INVOCATION_LOG_BUCKETS.replace('${aws:PrincipalAccount}', '444444444444').replace(/[.]/g, '\\.').replace('*', '.*')}$`,
  );
  for (const region of ['us-east-1', 'eu-central-2']) {
    expect(s3BucketArn(localInvocationLogBucketName('444444444444', region))).toMatch(pattern);
    expect(s3BucketArn(localAccessLogBucketName('444444444444', region))).toMatch(pattern);
    expect(s3BucketArn(localInvocationLogBucketName('555555555555', region))).not.toMatch(pattern);
  }
});
