import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bedrockCloudTrailAlarms, type CloudTrailAlarmInputs } from '../../alarms/bedrock-cloudtrail-alarms';
import { BREAK_GLASS_ALARM_ID, CLOUDTRAIL_ALARM_IDS } from '../../alarms/cloudtrail-alarm-ids';
import { FILTER_PATTERN_MAX_LENGTH, matchesFilterPattern, parseFilterPattern } from '../support/filter-pattern';

const FIXTURES = join(__dirname, '..', 'fixtures', 'cloudtrail');
const records = new Map(
  readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>]),
);

const INPUTS: CloudTrailAlarmInputs = {
  deploymentRoleName: 'GovernanceBaselineDeployer',
  breakGlassRoleArns: ['arn:aws:iam::*:role/bedrock-gov-break-glass/BreakGlassAdmin'],
  bedrockPolicyIds: ['p-abcd1234'],
  trustedRoleNames: ['BedrockGuardedInvoke', 'BreakGlassAdmin', 'GovernanceBaselineDeployer', 'bedrock-gov-*'],
  managementAccountId: '111111111111',
  trail: { name: 'bedrock-governance-org-trail', arn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/bedrock-governance-org-trail' },
  trailLogGroupName: '/bedrock-gov/organization-trail',
};

/** Which alarms each real-shaped CloudTrail record must raise; every other alarm must stay quiet. */
const EXPECTED: Record<string, readonly string[]> = {
  'bedrock-converse-denied-by-scp': ['BedrockAccessDenied'],
  'bedrock-applyguardrail-access-denied-exception': ['BedrockAccessDenied'],
  'bedrock-agentcore-invokeagentruntime-denied': ['BedrockAccessDenied'],
  'bedrock-deleteguardrail-denied-by-scp': ['BedrockAccessDenied'],
  'bedrock-converse-success': [],
  's3-getobject-access-denied': [],
  'bedrock-createguardrailversion-by-deployer': [],
  'bedrock-updateguardrail-by-sso-admin': ['BedrockGuardrailChange'],
  'bedrock-putresourcepolicy-by-iam-user': ['BedrockGuardrailChange'],
  'bedrock-putmodelinvocationloggingconfiguration-by-breakglass': ['BedrockBreakGlassUse', 'BedrockInvocationLoggingChange'],
  'bedrock-deletemodelinvocationloggingconfiguration-by-root': ['BedrockInvocationLoggingChange', 'BedrockRootUse'],
  'bedrock-putenforcedguardrailconfiguration-by-deployer': [],
  'bedrock-deleteenforcedguardrailconfiguration-by-sso-admin': ['BedrockEnforcedGuardrailChange'],
  'organizations-createpolicy-bedrock-policy-by-sso-admin': ['BedrockOrganizationGuardrailPolicyChange'],
  'organizations-updatepolicy-bedrock-policy-by-deployer': [],
  'organizations-updatepolicy-bedrock-policy-by-sso-admin': ['BaselineOrganizationChange', 'BedrockOrganizationGuardrailPolicyChange'],
  'organizations-detachpolicy-bedrock-policy-by-sso-admin': ['BaselineOrganizationChange', 'BedrockOrganizationGuardrailPolicyChange'],
  'organizations-disablepolicytype-bedrock-policy-by-sso-admin': ['BaselineOrganizationChange', 'BedrockOrganizationGuardrailPolicyChange'],
  'organizations-createpolicy-scp-by-sso-admin': [],
  'organizations-attachpolicy-scp-by-sso-admin': ['BaselineOrganizationChange'],
  'organizations-moveaccount-by-sso-admin': ['BaselineOrganizationChange'],
  'organizations-leaveorganization-denied-by-scp': ['BaselineOrganizationChange'],
  'bedrock-listfoundationmodels-by-root': ['BedrockRootUse'],
  'signin-consolelogin-root': [],
  'bedrock-converse-by-breakglass': ['BedrockBreakGlassUse'],
  's3-putbucketpolicy-by-breakglass': ['BedrockBreakGlassUse'],
  'sts-assumerole-breakglass': [],
  'iam-updateassumerolepolicy-deployer-denied-by-scp': ['BaselineTrustedRoleChange'],
  'iam-createrole-on-break-glass-path-denied-by-scp': ['BaselineTrustedRoleChange'],
  'iam-attachrolepolicy-invoke-role-by-deployer': [],
  'iam-getrole-deployer-by-sso-admin': [],
  'iam-putrolepolicy-team-role-by-sso-admin': [],
  'cloudtrail-stoplogging-org-trail-by-sso-admin': ['BaselineTrailChange'],
  'cloudtrail-puteventselectors-org-trail-by-deployer': [],
  'logs-deletemetricfilter-trail-log-group-by-sso-admin': ['BaselineTrailChange'],
  'kms-schedulekeydeletion-in-management-by-sso-admin': ['BaselineManagementMonitoringChange'],
  'kms-schedulekeydeletion-in-workload-denied': [],
  'cloudwatch-deletealarms-in-management-by-sso-admin': ['BaselineManagementMonitoringChange'],
};

function raised(inputs: CloudTrailAlarmInputs, record: unknown): string[] {
  return bedrockCloudTrailAlarms(inputs)
    .filter((alarm) => matchesFilterPattern(alarm.pattern, record))
    .map((alarm) => alarm.id)
    .sort();
}

describe('metric filter patterns on the organization trail', () => {
  test('every fixture has an expectation and every expectation a fixture', () => {
    expect([...records.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test('every pattern parses as a JSON filter pattern within the length limit', () => {
    for (const alarm of bedrockCloudTrailAlarms(INPUTS)) {
      expect(() => parseFilterPattern(alarm.pattern)).not.toThrow();
      expect(alarm.pattern.length).toBeLessThanOrEqual(FILTER_PATTERN_MAX_LENGTH);
    }
  });

  test.each(Object.entries(EXPECTED))('%s raises exactly %j', (name, expected) => {
    expect(raised(INPUTS, records.get(name))).toEqual(expected);
  });

  test('every alarm is raised by at least one record and stays quiet on at least one', () => {
    for (const alarm of bedrockCloudTrailAlarms(INPUTS)) {
      const hits = [...records.values()].filter((record) => matchesFilterPattern(alarm.pattern, record));
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThan(records.size);
    }
  });

  test('the deployment role is recognized by name: under another name its changes alarm', () => {
    const renamed = { ...INPUTS, deploymentRoleName: 'SomeOtherDeployer' };
    expect(raised(renamed, records.get('bedrock-createguardrailversion-by-deployer'))).toEqual(['BedrockGuardrailChange']);
    expect(raised(renamed, records.get('organizations-updatepolicy-bedrock-policy-by-deployer'))).toEqual([
      'BaselineOrganizationChange',
      'BedrockOrganizationGuardrailPolicyChange',
    ]);
    expect(raised(renamed, records.get('iam-attachrolepolicy-invoke-role-by-deployer'))).toEqual(['BaselineTrustedRoleChange']);
    expect(raised(renamed, records.get('cloudtrail-puteventselectors-org-trail-by-deployer'))).toEqual(['BaselineTrailChange']);
  });

  test('without the policy ids, a detach of the BEDROCK_POLICY is not recognized as one, and still alarms as an organization change', () => {
    const withoutIds = { ...INPUTS, bedrockPolicyIds: [] };
    expect(raised(withoutIds, records.get('organizations-detachpolicy-bedrock-policy-by-sso-admin'))).toEqual(['BaselineOrganizationChange']);
    expect(raised(withoutIds, records.get('organizations-createpolicy-bedrock-policy-by-sso-admin'))).toEqual([
      'BedrockOrganizationGuardrailPolicyChange',
    ]);
  });

  test('a break-glass role pinned to an account matches only in that account', () => {
    const other = { ...INPUTS, breakGlassRoleArns: ['arn:aws:iam::555555555555:role/bedrock-gov-break-glass/BreakGlassAdmin'] };
    const same = { ...INPUTS, breakGlassRoleArns: ['arn:aws:iam::444444444444:role/bedrock-gov-break-glass/BreakGlassAdmin'] };
    expect(raised(other, records.get('bedrock-converse-by-breakglass'))).toEqual([]);
    expect(raised(same, records.get('bedrock-converse-by-breakglass'))).toEqual(['BedrockBreakGlassUse']);
  });

  test('the config names exactly these alarms (alarms.organizationTrail.thresholds), the break-glass one only with break-glass roles', () => {
    expect(
      bedrockCloudTrailAlarms(INPUTS)
        .map((alarm) => alarm.id)
        .sort(),
    ).toEqual([...CLOUDTRAIL_ALARM_IDS].sort());
    expect(
      CLOUDTRAIL_ALARM_IDS.filter((id) => !bedrockCloudTrailAlarms({ ...INPUTS, breakGlassRoleArns: [] }).some((alarm) => alarm.id === id)),
    ).toEqual([BREAK_GLASS_ALARM_ID]);
  });

  test('with no break-glass roles there is no break-glass alarm', () => {
    expect(bedrockCloudTrailAlarms({ ...INPUTS, breakGlassRoleArns: [] }).map((alarm) => alarm.id)).not.toContain('BedrockBreakGlassUse');
  });

  test('names that a pattern cannot quote are refused instead of producing a broken pattern', () => {
    expect(() => bedrockCloudTrailAlarms({ ...INPUTS, deploymentRoleName: 'Deploy"er' })).toThrow('needs escaping');
    expect(() => bedrockCloudTrailAlarms({ ...INPUTS, breakGlassRoleArns: ['arn:aws:iam::*:role/Break*'] })).toThrow(
      'is not arn:aws:iam::<account id or *>:role/<name>',
    );
  });

  test('too many policy ids for one pattern is an error naming the limit', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `p-${String(i).padStart(8, '0')}`);
    expect(() => bedrockCloudTrailAlarms({ ...INPUTS, bedrockPolicyIds: ids })).toThrow(
      /BedrockOrganizationGuardrailPolicyChange: the filter pattern is \d+ characters, more than CloudWatch's 1024/,
    );
  });
});
