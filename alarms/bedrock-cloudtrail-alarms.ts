/**
 * What the organization trail's CloudWatch log group is watched for: Bedrock access
 * denied, changes to the controls the baseline puts in place, and root or break-glass
 * use of Bedrock. Pure data: the construct turns each definition into a metric filter
 * and an alarm; tests match each pattern against real-shaped CloudTrail records.
 */
import { DEPLOYMENT_ROLE_ONLY_ACTIONS } from '../policies/scp/deny-bedrock-governance-tampering';
import { BREAK_GLASS_ALARM_ID, type CloudTrailAlarmId } from './cloudtrail-alarm-ids';
import { allOf, anyOf, equals, jsonFilterPattern, matching, notEquals, notExists, oneOf, type FilterCondition } from './filter-pattern';

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
    pattern: jsonFilterPattern(allOf(equals('$.eventSource', 'bedrock.amazonaws.com'), oneOf('$.eventName', eventNames), succeeded(), notTheDeploymentRole(roleName))),
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
  const byId = policyIds.length === 0 ? [] : [allOf(oneOf('$.eventName', ['AttachPolicy', 'DeletePolicy', 'DetachPolicy', 'UpdatePolicy']), oneOf('$.requestParameters.policyId', [...policyIds].sort()))];
  return {
    id: 'BedrockOrganizationGuardrailPolicyChange',
    description: `The organization's BEDROCK_POLICY (the guardrail enforced on every Bedrock call of the targeted accounts) or its policy type was changed by someone other than ${roleName}. A wrong identifier breaks every Bedrock call in the targets: check the policy content and attachments now.`,
    pattern: jsonFilterPattern(allOf(equals('$.eventSource', 'organizations.amazonaws.com'), anyOf(...byType, ...byId), succeeded(), notTheDeploymentRole(roleName))),
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
    bedrockChange('BedrockGuardrailChange', eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyGuardrailChanges), 'A guardrail, guardrail version or guardrail resource policy was', role),
    bedrockChange('BedrockInvocationLoggingChange', eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyInvocationLoggingChanges), 'The model invocation logging configuration was', role),
    bedrockChange('BedrockEnforcedGuardrailChange', eventNamesOf(DEPLOYMENT_ROLE_ONLY_ACTIONS.DenyEnforcedGuardrailChanges), 'The account-level enforced guardrail configuration was', role),
    organizationPolicyChange(role, inputs.bedrockPolicyIds ?? []),
    {
      id: 'BedrockRootUse',
      description: 'The root user of an account called Bedrock. Root should never run workloads, and in the management account no SCP restricts it: confirm with the account owner.',
      pattern: jsonFilterPattern(allOf(fromBedrock(), equals('$.userIdentity.type', 'Root'), notExists('$.userIdentity.invokedBy'), notEquals('$.eventType', 'AwsServiceEvent'))),
      threshold: 1,
    },
  ];
  if (inputs.breakGlassRoleArns.length > 0) {
    definitions.push({
      id: BREAK_GLASS_ALARM_ID,
      description: 'A break-glass role, which no baseline SCP denies, called Bedrock. Confirm there is an open incident that justifies it.',
      pattern: jsonFilterPattern(allOf(fromBedrock(), equals('$.userIdentity.type', 'AssumedRole'), anyOf(...[...inputs.breakGlassRoleArns].sort().map(sessionOfRole)))),
      threshold: 1,
    });
  }
  return definitions;
}

/** One message per definition whose pattern CloudWatch would refuse as too long. */
export function oversizedPatternProblems(definitions: readonly LogAlarmDefinition[]): string[] {
  return definitions
    .filter(({ pattern }) => pattern.length > FILTER_PATTERN_LIMIT)
    .map(({ id, pattern }) => `${id}: the filter pattern is ${pattern.length} characters, more than CloudWatch's ${FILTER_PATTERN_LIMIT}: list fewer policy ids or break-glass roles`);
}

/** The alarms on the organization trail, in a fixed order. Throws when a pattern would not fit CloudWatch's limit. */
export function bedrockCloudTrailAlarms(inputs: CloudTrailAlarmInputs): LogAlarmDefinition[] {
  const definitions = cloudTrailAlarmDefinitions(inputs);
  const problems = oversizedPatternProblems(definitions);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return definitions;
}
