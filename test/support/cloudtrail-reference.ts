/**
 * Reference data about CloudTrail that tests check the trail against, written down from
 * the AWS documentation (not from the implementation).
 */

/**
 * `resources.type` values CloudTrail accepts for Amazon Bedrock data events: the
 * "Amazon Bedrock" rows with an `AWS::Bedrock::` type in the data events table of the
 * CloudTrail user guide, "Logging data events"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html).
 */
export const CLOUDTRAIL_BEDROCK_DATA_RESOURCE_TYPES = [
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::AsyncInvoke',
  'AWS::Bedrock::FlowAlias',
  'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::InlineAgent',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::Model',
  'AWS::Bedrock::PromptVersion',
  'AWS::Bedrock::Session',
  'AWS::Bedrock::FlowExecution',
  'AWS::Bedrock::AutomatedReasoningPolicy',
  'AWS::Bedrock::AutomatedReasoningPolicyVersion',
  'AWS::Bedrock::DataAutomationProject',
  'AWS::Bedrock::DataAutomationInvocation',
  'AWS::Bedrock::DataAutomationProfile',
  'AWS::Bedrock::Blueprint',
  'AWS::Bedrock::Tool',
];

/**
 * The Bedrock data resource types the organization trail must log at the least:
 * agent aliases, inline agents, knowledge bases, flow aliases, guardrails, prompt
 * versions, model and async invoke, sessions.
 */
export const REQUIRED_BEDROCK_DATA_RESOURCE_TYPES = [
  'AWS::Bedrock::AgentAlias',
  'AWS::Bedrock::InlineAgent',
  'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::FlowAlias',
  'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::PromptVersion',
  'AWS::Bedrock::Model',
  'AWS::Bedrock::AsyncInvoke',
  'AWS::Bedrock::Session',
];

/** Fields an advanced event selector of a trail may filter on (CloudTrail API reference, AdvancedFieldSelector). */
export const ADVANCED_SELECTOR_FIELDS = ['eventCategory', 'eventSource', 'eventName', 'eventType', 'readOnly', 'resources.type', 'resources.ARN', 'errorCode', 'sessionCredentialFromConsole', 'userIdentity.arn', 'vpcEndpointId'];

/** Values a trail may hold across all its advanced event selectors (CloudTrail quotas). */
export const MAX_SELECTOR_VALUES_PER_TRAIL = 500;
