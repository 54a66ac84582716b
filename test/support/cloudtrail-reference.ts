/**
 * Reference data about CloudTrail that tests check the trail against, written down from
 * the AWS documentation (not from the implementation).
 */

/**
 * `resources.type` values CloudTrail accepts for data events, from the table "Data events
 * supported by AWS CloudTrail" of the CloudTrail user guide ("Understanding CloudTrail
 * events" / "Logging data events",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html),
 * as stored late 2026: the Amazon Bedrock rows (18, AdvancedOptimizePromptJob included)...
 */
export const CLOUDTRAIL_BEDROCK_DATA_RESOURCE_TYPES = [
  'AWS::Bedrock::AdvancedOptimizePromptJob',
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
 * ...the Bedrock AgentCore rows of the same table (23; ../shared/FACTS.md counts 14, an older
 * state of the table)...
 */
export const CLOUDTRAIL_AGENTCORE_DATA_RESOURCE_TYPES = [
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
];

/** ...and the rows of the other services that run models: bedrock-mantle, bedrock-websearch, aws-external-anthropic. */
export const CLOUDTRAIL_OTHER_MODEL_SERVICE_DATA_RESOURCE_TYPES = [
  'AWS::BedrockMantle::Project',
  'AWS::BedrockWebSearch::Tool',
  'AWS::AWSExternalAnthropic::Workspace',
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
export const ADVANCED_SELECTOR_FIELDS = [
  'eventCategory',
  'eventSource',
  'eventName',
  'eventType',
  'readOnly',
  'resources.type',
  'resources.ARN',
  'errorCode',
  'sessionCredentialFromConsole',
  'userIdentity.arn',
  'vpcEndpointId',
];

/** Values a trail may hold across all its advanced event selectors (CloudTrail user guide, "Quotas in AWS CloudTrail": 500, not adjustable). */
export const MAX_SELECTOR_VALUES_PER_TRAIL = 500;
