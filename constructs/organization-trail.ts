/**
 * The organization trail: every account, every region, log file validation, SSE-KMS with
 * the central key, delivered into the central CloudTrail bucket of the log-archive
 * account. Advanced event selectors keep all management events (InvokeModel and Converse
 * are management events) and add data events for every resource type of Bedrock, Bedrock
 * AgentCore and the other model-running services that CloudTrail offers.
 */
import { Cloudtrail, type CloudtrailAdvancedEventSelector } from '@cdktf/provider-aws/lib/cloudtrail';
import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ORGANIZATION_TRAIL_NAME } from '../naming/resources';

/**
 * Resource types that CloudTrail logs data events for, from the data events table of the
 * CloudTrail user guide ("Logging data events" / "Understanding CloudTrail events", table
 * "Data events supported by AWS CloudTrail"; no SDK enum lists them). `PromptVersion`, not
 * `Prompt`; `Model` and `AsyncInvoke` cover bidirectional streaming and asynchronous
 * invocation.
 */
export const BEDROCK_DATA_EVENT_RESOURCE_TYPES = [
  'AWS::Bedrock::AdvancedOptimizePromptJob',
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::AsyncInvoke',
  'AWS::Bedrock::AutomatedReasoningPolicy',
  'AWS::Bedrock::AutomatedReasoningPolicyVersion',
  'AWS::Bedrock::Blueprint',
  'AWS::Bedrock::DataAutomationInvocation',
  'AWS::Bedrock::DataAutomationProfile',
  'AWS::Bedrock::DataAutomationProject',
  'AWS::Bedrock::FlowAlias',
  'AWS::Bedrock::FlowExecution',
  'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::InlineAgent',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::Model',
  'AWS::Bedrock::PromptVersion',
  'AWS::Bedrock::Session',
  'AWS::Bedrock::Tool',
] as const;

/** Bedrock AgentCore resource types of the same table: agent runtimes, gateways, memory, tools, identities, policies. */
export const AGENTCORE_DATA_EVENT_RESOURCE_TYPES = [
  'AWS::BedrockAgentCore::ABTest',
  'AWS::BedrockAgentCore::APIKeyCredentialProvider',
  'AWS::BedrockAgentCore::BatchEvaluate',
  'AWS::BedrockAgentCore::Browser',
  'AWS::BedrockAgentCore::BrowserCustom',
  'AWS::BedrockAgentCore::BrowserProfile',
  'AWS::BedrockAgentCore::CapacityProvider',
  'AWS::BedrockAgentCore::CodeInterpreter',
  'AWS::BedrockAgentCore::CodeInterpreterCustom',
  'AWS::BedrockAgentCore::Evaluator',
  'AWS::BedrockAgentCore::Gateway',
  'AWS::BedrockAgentCore::Memory',
  'AWS::BedrockAgentCore::OAuth2CredentialProvider',
  'AWS::BedrockAgentCore::Payments',
  'AWS::BedrockAgentCore::Policy',
  'AWS::BedrockAgentCore::PolicyEngine',
  'AWS::BedrockAgentCore::Recommendation',
  'AWS::BedrockAgentCore::Registry',
  'AWS::BedrockAgentCore::Runtime',
  'AWS::BedrockAgentCore::RuntimeEndpoint',
  'AWS::BedrockAgentCore::TokenVault',
  'AWS::BedrockAgentCore::WorkloadIdentity',
  'AWS::BedrockAgentCore::WorkloadIdentityDirectory',
] as const;

/**
 * The other model-running services of the same table, each its own IAM prefix that
 * `bedrock:*` does not cover: the OpenAI-compatible endpoint, web search for agents, and
 * Claude Platform on AWS.
 */
export const OTHER_MODEL_SERVICE_DATA_EVENT_RESOURCE_TYPES = [
  'AWS::AWSExternalAnthropic::Workspace',
  'AWS::BedrockMantle::Project',
  'AWS::BedrockWebSearch::Tool',
] as const;

/** Every resource type whose data events the organization trail logs. */
export const ORGANIZATION_TRAIL_DATA_EVENT_RESOURCE_TYPES = [
  ...BEDROCK_DATA_EVENT_RESOURCE_TYPES,
  ...AGENTCORE_DATA_EVENT_RESOURCE_TYPES,
  ...OTHER_MODEL_SERVICE_DATA_EVENT_RESOURCE_TYPES,
] as const;

/** Values a trail may hold across all its advanced event selectors (CloudTrail quotas: 500, not adjustable); selectors counted too, to be safe. */
export const MAX_SELECTOR_VALUES_PER_TRAIL = 500;

/** The trail's advanced event selectors; without `readOnlyDataEvents` only data events of mutating calls. */
export function organizationTrailEventSelectors(readOnlyDataEvents: boolean): CloudtrailAdvancedEventSelector[] {
  const writesOnly = readOnlyDataEvents ? [] : [{ field: 'readOnly', equalTo: ['false'] }];
  const selectors: CloudtrailAdvancedEventSelector[] = [
    // Advanced selectors replace the default: without this one the trail would drop management events.
    { name: 'All management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] },
    // One type per selector: CloudTrail accepts a single Equals value for resources.type on a trail.
    ...ORGANIZATION_TRAIL_DATA_EVENT_RESOURCE_TYPES.map((type) => ({
      name: `Data events on ${type}`,
      fieldSelector: [{ field: 'eventCategory', equalTo: ['Data'] }, { field: 'resources.type', equalTo: [type] }, ...writesOnly],
    })),
  ];
  const values =
    selectors.length +
    selectors.flatMap((selector) => selector.fieldSelector as Array<{ equalTo?: string[] }>).flatMap((field) => field.equalTo ?? []).length;
  if (values > MAX_SELECTOR_VALUES_PER_TRAIL)
    throw new Error(`the organization trail's selectors hold ${values} values, over CloudTrail's ${MAX_SELECTOR_VALUES_PER_TRAIL}`);
  return selectors;
}

/** A CloudWatch Logs group the trail also delivers to. */
export interface TrailCloudWatchDelivery {
  /** ARN of the log group, as CloudWatch Logs reports it (without the `:*` suffix). */
  readonly logGroupArn: string;
  /** Role CloudTrail assumes to write into it. */
  readonly roleArn: string;
  /** What must exist before the trail is pointed at the group (the role's permissions). */
  readonly ready: readonly ITerraformDependable[];
}

export interface OrganizationTrailProps {
  /** The central CloudTrail bucket in the log-archive account. */
  readonly bucketName: string;
  /** Alias ARN of the central key the log files are encrypted with. */
  readonly kmsKeyAliasArn: string;
  /** Also log data events of read-only calls (config `logging.cloudTrail.readOnlyDataEvents`). */
  readonly readOnlyDataEvents: boolean;
  /** What must exist first: the organization with trusted access for CloudTrail. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Also deliver to this CloudWatch log group; S3 only when absent. */
  readonly cloudWatchLogs?: TrailCloudWatchDelivery;
}

export class OrganizationTrail extends Construct {
  /** The trail. */
  readonly trail: Cloudtrail;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const { cloudWatchLogs } = props;
    // CloudTrail reads the key back as a key ARN: giving it the alias ARN would show a change on every plan.
    const key = new DataAwsKmsKey(this, 'log-key', { keyId: props.kmsKeyAliasArn });
    this.trail = new Cloudtrail(this, 'trail', {
      name: ORGANIZATION_TRAIL_NAME,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      s3BucketName: props.bucketName,
      kmsKeyId: key.arn,
      advancedEventSelector: organizationTrailEventSelectors(props.readOnlyDataEvents),
      // CloudTrail takes the group's ARN with the log-stream wildcard.
      cloudWatchLogsGroupArn: cloudWatchLogs && `${cloudWatchLogs.logGroupArn}:*`,
      cloudWatchLogsRoleArn: cloudWatchLogs?.roleArn,
      dependsOn: [...props.dependsOn, ...(cloudWatchLogs?.ready ?? [])],
      lifecycle: { preventDestroy: true },
    });
  }
}
