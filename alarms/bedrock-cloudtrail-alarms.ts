/**
 * What the organization trail's CloudWatch log group is watched for: Bedrock access
 * denied, changes to the controls the baseline puts in place, root use of Bedrock, every
 * call of a break-glass role, every change to a role the baseline trusts by name, and
 * changes to what the management account holds, where no SCP reaches. Pure data: the
 * construct turns each definition into a metric filter and an alarm; tests match each
 * pattern against real-shaped CloudTrail records.
 */
import type { BaselineConfig } from '../config/schema';
import { organizationTrailArn } from '../naming/arns';
import { BREAK_GLASS_ROLE_PATH } from '../naming/reserved-names';
import { ORGANIZATION_TRAIL_LOG_GROUP_NAME, ORGANIZATION_TRAIL_NAME } from '../naming/resources';
import { DEPLOYMENT_ROLE_ONLY_ACTIONS } from '../policies/scp/deny-bedrock-governance-tampering';
import { trustedPrincipals, trustedRoleNames } from '../policies/trusted-principals';
import { BREAK_GLASS_ALARM_ID, type CloudTrailAlarmId } from './cloudtrail-alarm-ids';
import { allOf, anyOf, equals, isFalse, jsonFilterPattern, matching, notEquals, notExists, oneOf, type FilterCondition } from './filter-pattern';

/** Every CloudTrail event source of Bedrock: the main API, AgentCore and the OpenAI-compatible endpoint. */
export const BEDROCK_EVENT_SOURCES = ['bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com', 'bedrock-mantle.amazonaws.com'] as const;

/** Organizations' name for the management policy type that enforces a guardrail. */
export const BEDROCK_POLICY_TYPE = 'BEDROCK_POLICY';

export interface LogAlarmDefinition {
  /** Metric name and alarm name suffix, e.g. `BedrockAccessDenied`. */
  readonly id: CloudTrailAlarmId;
  /** Alarm description: what happened and what to check. */
  readonly description: string;
  /** The metric filter pattern. */
  readonly pattern: string;
  /** Matching events per 5-minute period that raise the alarm. */
  readonly threshold: number;
}

export interface CloudTrailAlarmInputs {
  /** The role the baseline deploys with: its changes are the reviewed ones and do not alarm. */
  readonly deploymentRoleName: string;
  /** Break-glass role ARN patterns (`arn:aws:iam::<account or *>:role/<path/name>`). */
  readonly breakGlassRoleArns: readonly string[];
  /** Ids of the organization's BEDROCK_POLICY policies (p-...), so their attachment, detachment and deletion alarm too. */
  readonly bedrockPolicyIds?: readonly string[];
  /** Names of the roles baseline policies trust by name (a trailing `*` for every name with that start). */
  readonly trustedRoleNames: readonly string[];
  /** The management account, where the trail, its log group and the alarms live and no SCP applies. */
  readonly managementAccountId: string;
  /** Name and ARN of the organization trail (its events name it either way). */
  readonly trail: { readonly name: string; readonly arn: string };
  /** The log group the trail delivers to, which the alarms read. */
  readonly trailLogGroupName: string;
}

/** The alarm inputs a config yields (the BEDROCK_POLICY ids are known only to the stack that creates the policy). */
export function cloudTrailAlarmInputs(config: BaselineConfig, bedrockPolicyIds: readonly string[] = []): CloudTrailAlarmInputs {
  const { deploymentRoleName, breakGlassRoleArns } = config.governance;
  return {
    deploymentRoleName,
    breakGlassRoleArns,
    bedrockPolicyIds,
    trustedRoleNames: trustedRoleNames(trustedPrincipals(config)),
    managementAccountId: config.organization.managementAccountId,
    trail: { name: ORGANIZATION_TRAIL_NAME, arn: organizationTrailArn(config) },
    trailLogGroupName: ORGANIZATION_TRAIL_LOG_GROUP_NAME,
  };
}

const eventNamesOf = (actions: readonly string[]) => actions.map((action) => action.replace(/^bedrock:/, '')).sort();

const fromBedrock = () => oneOf('$.eventSource', BEDROCK_EVENT_SOURCES);
const succeeded = () => notExists('$.errorCode');

/**
 * Anyone but the deployment role. Written so it holds whatever the service does with a
 * missing field: `userIdentity.type` is in every record, and only assumed roles have a
 * session issuer.
 */
function notTheDeploymentRole(roleName: string): FilterCondition {
  return anyOf(notEquals('$.userIdentity.type', 'AssumedRole'), notEquals('$.userIdentity.sessionContext.sessionIssuer.userName', roleName));
}

/** A break-glass role ARN pattern as a session-issuer condition (the name is exact; `*` accounts match any account). */
function sessionOfRole(roleArnPattern: string): FilterCondition {
  const match = /^arn:aws:iam::(\d{12}|\*):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArnPattern);
  if (!match) throw new Error(`break-glass role "${roleArnPattern}" is not arn:aws:iam::<account id or *>:role/<name>`);
  const [, account, name] = match;
  const byName = equals('$.userIdentity.sessionContext.sessionIssuer.userName', name!);
  return account === '*' ? byName : allOf(byName, equals('$.userIdentity.sessionContext.sessionIssuer.accountId', account!));
}

function bedrockChange(id: CloudTrailAlarmId, eventNames: readonly string[], what: string, roleName: string): LogAlarmDefinition {
  return {
    id,
    description: `${what} changed by someone other than the deployment role ${roleName}. Only the baseline's reviewed deploys should change it: find the caller in the trail and compare the resource with the synthesized plan.`,
    pattern: jsonFilterPattern(
      allOf(equals('$.eventSource', 'bedrock.amazonaws.com'), oneOf('$.eventName', eventNames), succeeded(), notTheDeploymentRole(roleName)),
    ),
    threshold: 1,
  };
}

function organizationPolicyChange(roleName: string, policyIds: readonly string[]): LogAlarmDefinition {
  const byType = [
    allOf(equals('$.eventName', 'CreatePolicy'), equals('$.requestParameters.type', BEDROCK_POLICY_TYPE)),
    allOf(equals('$.eventName', 'UpdatePolicy'), equals('$.responseElements.policy.policySummary.type', BEDROCK_POLICY_TYPE)),
    allOf(oneOf('$.eventName', ['DisablePolicyType', 'EnablePolicyType']), equals('$.requestParameters.policyType', BEDROCK_POLICY_TYPE)),
  ];
  // Attach, detach and delete name only the policy id: without the ids they cannot be told apart from other policy types.
  const byId =
    policyIds.length === 0
      ? []
      : [
          allOf(
            oneOf('$.eventName', ['AttachPolicy', 'DeletePolicy', 'DetachPolicy', 'UpdatePolicy']),
            oneOf('$.requestParameters.policyId', [...policyIds].sort()),
          ),
        ];
  return {
    id: 'BedrockOrganizationGuardrailPolicyChange',
    description: `The organization's BEDROCK_POLICY (the guardrail enforced on every Bedrock call of the targeted accounts) or its policy type was changed by someone other than ${roleName}. A wrong identifier breaks every Bedrock call in the targets: check the policy content and attachments now.`,
    pattern: jsonFilterPattern(
      allOf(equals('$.eventSource', 'organizations.amazonaws.com'), anyOf(...byType, ...byId), succeeded(), notTheDeploymentRole(roleName)),
    ),
    threshold: 1,
  };
}

/**
 * IAM changes to a role baseline policies trust by name, made or attempted by anyone but the
 * deployment role, in any account; a role created on the break-glass path whatever its name.
 * Attempts count: in governed and core accounts the SCP refuses them, and the refusal is the
 * only trace of the attempt. `readOnly` false keeps every write IAM adds later.
 */
function trustedRoleChange(inputs: CloudTrailAlarmInputs): LogAlarmDefinition {
  const names = [...inputs.trustedRoleNames]
    .sort()
    .map((name) => (name.includes('*') ? matching('$.requestParameters.roleName', name) : equals('$.requestParameters.roleName', name)));
  return {
    id: 'BaselineTrustedRoleChange',
    description: `A role that baseline policies trust or exempt by name (deployment role, break-glass, exempt, invoke, pipeline or reader roles) was created, deleted, re-trusted, re-permissioned or re-tagged, or someone tried to, by someone other than ${inputs.deploymentRoleName}. Whoever controls such a role holds its exemption: find the caller in the trail now.`,
    pattern: jsonFilterPattern(
      allOf(
        equals('$.eventSource', 'iam.amazonaws.com'),
        isFalse('$.readOnly'),
        anyOf(...names, equals('$.requestParameters.path', BREAK_GLASS_ROLE_PATH)),
        notTheDeploymentRole(inputs.deploymentRoleName),
      ),
    ),
    threshold: 1,
  };
}

/** Organizations calls that detach or weaken the baseline's policies, or take an account or a delegated administrator out of their reach. */
export const ORGANIZATION_WEAKENING_EVENTS = [
  'AttachPolicy',
  'DeletePolicy',
  'DeregisterDelegatedAdministrator',
  'DetachPolicy',
  'DisableAWSServiceAccess',
  'DisablePolicyType',
  'LeaveOrganization',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'UpdatePolicy',
] as const;

function organizationChange(inputs: CloudTrailAlarmInputs): LogAlarmDefinition {
  return {
    id: 'BaselineOrganizationChange',
    description: `An organization policy was attached, detached, changed or deleted, a policy type or trusted service disabled, a delegated administrator removed, or an account moved out or left, by someone other than ${inputs.deploymentRoleName}. SCPs do not reach the management account: this alarm is what watches it. Compare the organization with the synthesized plan.`,
    pattern: jsonFilterPattern(
      allOf(
        equals('$.eventSource', 'organizations.amazonaws.com'),
        oneOf('$.eventName', ORGANIZATION_WEAKENING_EVENTS),
        notTheDeploymentRole(inputs.deploymentRoleName),
      ),
    ),
    threshold: 1,
  };
}

function trailChange(inputs: CloudTrailAlarmInputs): LogAlarmDefinition {
  const trail = [inputs.trail.name, inputs.trail.arn];
  return {
    id: 'BaselineTrailChange',
    description: `The organization trail (stopped, deleted, its selectors or destinations changed) or its CloudWatch log group (deleted, retention, encryption, metric filters) was changed in the management account, or someone tried to, by someone other than ${inputs.deploymentRoleName}. No SCP protects them: restore them from the plan and find the caller.`,
    pattern: jsonFilterPattern(
      allOf(
        equals('$.recipientAccountId', inputs.managementAccountId),
        isFalse('$.readOnly'),
        anyOf(
          allOf(
            equals('$.eventSource', 'cloudtrail.amazonaws.com'),
            anyOf(oneOf('$.requestParameters.name', trail), oneOf('$.requestParameters.trailName', trail)),
          ),
          allOf(equals('$.eventSource', 'logs.amazonaws.com'), equals('$.requestParameters.logGroupName', inputs.trailLogGroupName)),
        ),
        notTheDeploymentRole(inputs.deploymentRoleName),
      ),
    ),
    threshold: 1,
  };
}

/** What silences the management account's alarms or disables its keys: no SCP keeps its administrators from it. */
export const MANAGEMENT_MONITORING_EVENTS = {
  'monitoring.amazonaws.com': ['DeleteAlarms', 'DisableAlarmActions', 'PutMetricAlarm', 'SetAlarmState'],
  'sns.amazonaws.com': ['DeleteTopic', 'RemovePermission', 'SetSubscriptionAttributes', 'SetTopicAttributes', 'Unsubscribe'],
  'kms.amazonaws.com': ['DisableKey', 'PutKeyPolicy', 'ScheduleKeyDeletion'],
} as const;

function managementMonitoringChange(inputs: CloudTrailAlarmInputs): LogAlarmDefinition {
  const bySource = Object.entries(MANAGEMENT_MONITORING_EVENTS).map(([source, names]) =>
    allOf(equals('$.eventSource', source), oneOf('$.eventName', names)),
  );
  return {
    id: 'BaselineManagementMonitoringChange',
    description: `In the management account, where no SCP applies, an alarm was deleted, disabled, overwritten or forced into a state, an SNS topic deleted or re-permissioned or a subscription removed, or a KMS key disabled, re-policied or scheduled for deletion, by someone other than ${inputs.deploymentRoleName}. The baseline's trail alarms, their topic and the trail log group's key live there.`,
    pattern: jsonFilterPattern(
      allOf(equals('$.recipientAccountId', inputs.managementAccountId), anyOf(...bySource), notTheDeploymentRole(inputs.deploymentRoleName)),
    ),
    threshold: 1,
  };
}

/** CloudWatch Logs' limit on the length of a filter pattern. */
export const FILTER_PATTERN_LIMIT = 1024;

/** The alarms on the organization trail, in a fixed order, whether or not their patterns fit CloudWatch's limit. */
export function cloudTrailAlarmDefinitions(inputs: CloudTrailAlarmInputs): LogAlarmDefinition[] {
  const role = inputs.deploymentRoleName;
  const definitions: LogAlarmDefinition[] = [
    {
      id: 'BedrockAccessDenied',
      description:
        'Bedrock calls refused by IAM, an SCP or a resource policy: a call without the baseline guardrail, from a region outside the allow-list, or a tamper attempt. A few can be an application misconfiguration; a burst is someone probing.',
      pattern: jsonFilterPattern(allOf(fromBedrock(), matching('$.errorCode', 'AccessDenied*'))),
      threshold: 1,
    },
    bedrockChange(
      'BedrockGuardrailChange',
      eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyGuardrailChanges),
      'A guardrail, guardrail version or guardrail resource policy was',
      role,
    ),
    bedrockChange(
      'BedrockInvocationLoggingChange',
      eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyInvocationLoggingChanges),
      'The model invocation logging configuration was',
      role,
    ),
    bedrockChange(
      'BedrockEnforcedGuardrailChange',
      eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyEnforcedGuardrailChanges),
      'The account-level enforced guardrail configuration was',
      role,
    ),
    organizationPolicyChange(role, inputs.bedrockPolicyIds ?? []),
    {
      id: 'BedrockRootUse',
      description:
        'The root user of an account called Bedrock. Root should never run workloads, and in the management account no SCP restricts it: confirm with the account owner.',
      pattern: jsonFilterPattern(
        allOf(
          fromBedrock(),
          equals('$.userIdentity.type', 'Root'),
          notExists('$.userIdentity.invokedBy'),
          notEquals('$.eventType', 'AwsServiceEvent'),
        ),
      ),
      threshold: 1,
    },
  ];
  if (inputs.breakGlassRoleArns.length > 0) {
    definitions.push({
      id: BREAK_GLASS_ALARM_ID,
      description:
        'A break-glass role, which no baseline SCP denies, made an API call (any service, any account). Confirm there is an open incident that justifies it.',
      pattern: jsonFilterPattern(
        allOf(equals('$.userIdentity.type', 'AssumedRole'), anyOf(...[...inputs.breakGlassRoleArns].sort().map(sessionOfRole))),
      ),
      threshold: 1,
    });
  }
  definitions.push(trustedRoleChange(inputs), organizationChange(inputs), trailChange(inputs), managementMonitoringChange(inputs));
  return definitions;
}

/** What in the config makes each alarm's pattern longer: the remedy when it does not fit. */
export const PATTERN_GROWN_BY: Partial<Record<CloudTrailAlarmId, { readonly advice: string; readonly configPath: readonly string[] }>> = {
  BedrockOrganizationGuardrailPolicyChange: { advice: 'fewer BEDROCK_POLICY policies', configPath: ['governance'] },
  [BREAK_GLASS_ALARM_ID]: { advice: 'fewer break-glass roles (governance.breakGlassRoleArns)', configPath: ['governance', 'breakGlassRoleArns'] },
  BaselineTrustedRoleChange: {
    advice:
      'fewer trusted role names (governance.breakGlassRoleArns, governance.breakGlassTrust.principalArns, governance.guardrailExemptions, logging.readerRoleArns)',
    configPath: ['governance'],
  },
};

/** One message per definition whose pattern CloudWatch would refuse as too long. */
export function oversizedPatternProblems(definitions: readonly LogAlarmDefinition[]): string[] {
  return definitions
    .filter(({ pattern }) => pattern.length > FILTER_PATTERN_LIMIT)
    .map(
      ({ id, pattern }) =>
        `${id}: the filter pattern is ${pattern.length} characters, more than CloudWatch's ${FILTER_PATTERN_LIMIT}: list ${PATTERN_GROWN_BY[id]?.advice ?? 'fewer values'}`,
    );
}

/** The alarms on the organization trail, in a fixed order. Throws when a pattern would not fit CloudWatch's limit. */
export function bedrockCloudTrailAlarms(inputs: CloudTrailAlarmInputs): LogAlarmDefinition[] {
  const definitions = cloudTrailAlarmDefinitions(inputs);
  const problems = oversizedPatternProblems(definitions);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return definitions;
}
